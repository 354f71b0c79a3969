// Umbrella windows in m (tempering_parameters.hpp, issue 15): each slot samples the Boltzmann
// distribution restricted to its window exactly, and WHAM (umbrella_profile.hpp) stitches the
// windows into the exact profile. At N = 12 the restricted distribution
// Z(S) / sum_{S in window} Z(S) of S = N m is known by enumerating all 2^12 states
// (exact_enumeration.hpp): the per-window histogram and <m>, <e> must match it; walkers never
// leave their windows; neighbouring windows exchange walkers; bad windows are refused naming the
// option.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "dhn/montecarlo/umbrella_profile.hpp"
#include "exact_enumeration.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;

namespace {

TemperingParameters umbrella_run(int P, Variant variant, std::uint64_t seed) {
  TemperingParameters p;
  p.P = P;
  p.variant = variant;
  p.N = 12;
  p.K = 4;
  p.window_lo = {-1.0, -0.5, 0.1};
  p.window_hi = {-0.1, 0.5, 1.0};
  p.T.assign(3, 12.0 / (2.0 * dhn::factorial(P)));  // beta N / P! = 2: a tilted landscape
  p.replicas = 2;
  p.samples = 1;
  p.therm = 200;
  p.sweeps = 1 << 14;
  p.bins = 32;
  p.swap_every = 1;
  p.seed = seed;
  return p;
}

// The exact restricted distribution of S over the window of slot k: p(S) by index (S + N) / 2,
// and the restricted means of m and e = H / N.
struct WindowExact {
  std::vector<double> p;
  double m = 0.0, e = 0.0;
};

WindowExact exact_window(const Network& network, const TemperingParameters& params, int k) {
  std::vector<double> m;
  const std::vector<double> H = testing::exact_energies(network, &m);
  const int N = network.N();
  const double beta = 1.0 / params.T[static_cast<std::size_t>(k)];
  double H_min = INFINITY;
  for (double h : H) H_min = std::min(H_min, h);
  WindowExact out;
  out.p.assign(static_cast<std::size_t>(N) + 1, 0.0);
  double Z = 0.0;
  for (std::size_t s = 0; s < H.size(); ++s) {
    const int S = static_cast<int>(std::lround(m[s] * N));
    if (S < window_S_min(params, k) || S > window_S_max(params, k)) continue;
    const double w = std::exp(-beta * (H[s] - H_min));
    Z += w;
    out.p[static_cast<std::size_t>((S + N) / 2)] += w;
    out.m += w * m[s];
    out.e += w * H[s] / N;
  }
  for (double& x : out.p) x /= Z;
  out.m /= Z;
  out.e /= Z;
  return out;
}

// Z(S) by index h = (S + N)/2 summed over all 2^N states (weights relative to state 0), and
// their total in *total.
std::vector<double> exact_Z(const Network& network, double T, double* total) {
  std::vector<double> m;
  const std::vector<double> H = testing::exact_energies(network, &m);
  const int N = network.N();
  std::vector<double> Z(static_cast<std::size_t>(N) + 1, 0.0);
  *total = 0.0;
  for (std::size_t s = 0; s < H.size(); ++s) {
    const double w = std::exp(-(H[s] - H[0]) / T);
    Z[static_cast<std::size_t>((std::lround(m[s] * N) + N) / 2)] += w;
    *total += w;
  }
  return Z;
}

// The statistical error model of a sampled profile: the binomial error of ln p at probability
// prob over n samples, inflated by sqrt(1 + 2 tau) with tau <= 16 sweeps (as in
// test_tempering_enumeration.cpp).
double sigma_ln(double prob, double n) {
  return std::sqrt(33.0 * (1.0 - prob) / (n * prob));
}

// 4 sigma of the stitching: for every junction (k, k+1) the probability of the shared states in
// window k and in window k+1 (pk: the exact restricted distributions by index h).
double junction_tolerance(const TemperingParameters& p, const std::vector<std::vector<double>>& pk,
                          double n) {
  double sum = 0.0;
  for (std::size_t k = 0; k + 1 < pk.size(); ++k) {
    double lower = 0.0, upper = 0.0;
    for (std::size_t h = 0; h < pk[k].size(); ++h) {
      const int S = 2 * static_cast<int>(h) - p.N;
      if (S >= window_S_min(p, static_cast<int>(k) + 1) &&
          S <= window_S_max(p, static_cast<int>(k))) {
        lower += pk[k][h];
        upper += pk[k + 1][h];
      }
    }
    sum += 4.0 * (sigma_ln(lower, n) + sigma_ln(upper, n));
  }
  return sum;
}

// The exact restricted distributions of the three windows of umbrella_run.
std::vector<std::vector<double>> exact_windows(const Network& network,
                                               const TemperingParameters& p) {
  std::vector<std::vector<double>> pk;
  for (int k = 0; k < static_cast<int>(p.window_lo.size()); ++k)
    pk.push_back(exact_window(network, p, k).p);
  return pk;
}

}  // namespace

TEST_CASE("umbrella windows sample the restricted Boltzmann distribution exactly (N = 12)",
          "[montecarlo][umbrella][enumeration]") {
  std::uint64_t seed = 900;
  for (int P : {2, 3, 4}) {
    for (Variant variant : {Variant::distinct, Variant::full}) {
      const TemperingParameters p = umbrella_run(P, variant, ++seed);
      Tempering run(p, 1);
      run.run();
      const TemperingSummary s = summarize(run);
      const Accumulators& a = run.accumulators();
      const int N = p.N;
      // samples per slot: R replicas x measured sweeps; successive sweeps are correlated, so the
      // binomial error is inflated by sqrt(1 + 2 tau), tau <= 16 sweeps (as in
      // test_tempering_enumeration.cpp), plus 64 / n for the start at the window's centre
      const double n = static_cast<double>(p.replicas) * static_cast<double>(p.sweeps);
      for (int k = 0; k < 3; ++k) {
        const WindowExact x = exact_window(run.network(0), p, k);
        INFO("P = " << P << ", " << dhn::to_string(variant) << ", window " << k);
        for (int h = 0; h <= N; ++h) {
          const double count =
              static_cast<double>(a.m_histogram[static_cast<std::size_t>(k * (N + 1) + h)]);
          const int S = 2 * h - N;
          if (S < window_S_min(p, k) || S > window_S_max(p, k)) {
            CHECK(count == 0.0);  // the walls hold
            continue;
          }
          const double exact = x.p[static_cast<std::size_t>(h)];
          const double tolerance = 4.0 * std::sqrt(exact * (1.0 - exact) / n * 33.0) + 64.0 / n;
          INFO("S = " << S << ": sampled " << count / n << ", exact " << exact);
          CHECK(std::abs(count / n - exact) <= tolerance);
        }
        // the suite's own error bars (jackknife over time bins) on the restricted means
        const Estimate m = s.observables[int(Observable::m)][static_cast<std::size_t>(k)];
        const Estimate e = s.observables[int(Observable::e)][static_cast<std::size_t>(k)];
        CHECK(std::abs(m.mean - x.m) <= 4.0 * m.error + 1e-12);
        CHECK(std::abs(e.mean - x.e) <= 4.0 * e.error + 1e-12);
      }
      for (std::size_t pair = 0; pair < 2; ++pair) CHECK(s.swap_acceptance[pair] > 0.01);
    }
  }
}

TEST_CASE("bad umbrella windows are refused naming the option", "[montecarlo][umbrella]") {
  auto parameter_of = [](const TemperingParameters& p) {
    try {
      validate(p);
    } catch (const dhn::ParameterError& e) {
      return e.parameter();
    }
    return std::string("none");
  };
  const TemperingParameters good = umbrella_run(3, Variant::distinct, 1);
  CHECK(parameter_of(good) == "none");
  TemperingParameters p = good;
  p.window_hi[0] = -0.6;  // no overlap with the next window
  CHECK(parameter_of(p) == "windows");
  p = good;
  p.window_lo[1] = 0.2;  // lo not increasing
  p.window_lo[2] = 0.1;
  CHECK(parameter_of(p) == "windows");
  p = good;
  p.window_hi[2] = 1.5;
  CHECK(parameter_of(p) == "windows");
  p = good;
  p.window_lo = {0.0, 0.05, 0.1};  // narrower than 2/N around some centres
  p.window_hi = {0.04, 0.09, 1.0};
  CHECK(parameter_of(p) == "windows");
  p = good;
  p.T = {0.5, 0.6, 0.7};
  CHECK(parameter_of(p) == "temps");
  p = good;
  p.T = {0.5, 0.5};
  CHECK(parameter_of(p) == "windows");
  p = good;
  p.init = InitialKind::random;
  CHECK(parameter_of(p) == "init");
}

TEST_CASE("WHAM recovers the exact distribution from exact window histograms",
          "[montecarlo][umbrella][wham]") {
  // input: n_k p_k(S) with p_k the exact restricted distributions (enumeration); output must be
  // the exact ln p(S) over the union of the windows, to the iteration's 1e-13 (times a few)
  const TemperingParameters p = umbrella_run(3, Variant::distinct, 77);
  const Network network(p.P, p.variant, p.N, p.K, p.seed, 0);
  const int N = p.N;
  std::vector<std::vector<double>> counts;
  std::vector<std::int32_t> lo, hi;
  for (int k = 0; k < 3; ++k) {
    const WindowExact x = exact_window(network, p, k);
    std::vector<double> c(x.p.size());
    for (std::size_t h = 0; h < c.size(); ++h) c[h] = (1000.0 + 700.0 * k) * x.p[h];
    counts.push_back(c);
    lo.push_back(window_S_min(p, k));
    hi.push_back(window_S_max(p, k));
  }
  const std::vector<double> log_p = wham(counts, lo, hi, N).log_p;
  double total = 0.0;
  const std::vector<double> Z = exact_Z(network, p.T[0], &total);
  for (std::size_t h = 0; h < Z.size(); ++h) {
    INFO("S = " << 2 * static_cast<int>(h) - N);
    if (Z[h] > 0.0) CHECK(log_p[h] == Approx(std::log(Z[h] / total)).margin(1e-10));
  }
}

TEST_CASE("the umbrella profile f_N(m) matches the exact -(T/N) ln p(S) within its errors",
          "[montecarlo][umbrella][wham]") {
  // statistical tolerance: per S, 4 sigma of ln p_k(S) in the window holding it best, with the
  // binomial error inflated by sqrt(1 + 2 tau), tau <= 16 (as above), plus 4 sigma of the pooled
  // overlap probability, in both windows, of every junction the stitching passes through
  // P = 2, 3, 4, both variants, K = 4 and 9 patterns
  for (const auto& [P, variant, K] :
       {std::tuple{2, Variant::distinct, 4}, std::tuple{3, Variant::distinct, 4},
        std::tuple{4, Variant::distinct, 4}, std::tuple{2, Variant::full, 9},
        std::tuple{3, Variant::full, 9}, std::tuple{4, Variant::full, 4},
        std::tuple{3, Variant::distinct, 9}}) {
    TemperingParameters p = umbrella_run(P, variant, 1000 + P + 10 * K);
    p.K = K;
    Tempering run(p, 1);
    run.run();
    const UmbrellaProfile profile = umbrella_profile(p, run.accumulators());
    const int N = p.N;
    const double n = static_cast<double>(p.replicas) * static_cast<double>(p.sweeps);
    const std::vector<std::vector<double>> pk = exact_windows(run.network(0), p);
    const double junctions = junction_tolerance(p, pk, n);
    double total = 0.0;
    const std::vector<double> Z = exact_Z(run.network(0), p.T[0], &total);
    REQUIRE(profile.m.size() == static_cast<std::size_t>(N) + 1);  // windows cover [-1, 1]
    for (std::size_t j = 0; j < profile.m.size(); ++j) {
      const int h = static_cast<int>(std::lround((profile.m[j] * N + N) / 2));
      double best = 0.0;
      for (const auto& window : pk) best = std::max(best, window[h]);
      if (best < 1e-3) continue;  // rarely visited: the binomial approximation fails there
      const double exact = -p.T[0] / N * std::log(Z[h] / total);
      const double tolerance = p.T[0] / N * (4.0 * sigma_ln(best, n) + junctions);
      INFO("P = " << P << ", " << (variant == Variant::full ? "full" : "distinct") << ", K = " << K
                  << ", m = " << profile.m[j] << ": f_N " << profile.f.mean[j] << ", exact "
                  << exact << ", tolerance " << tolerance);
      CHECK(std::abs(profile.f.mean[j] - exact) <= tolerance);
    }
  }
}

TEST_CASE("alpha -> 0: the umbrella profile of one pattern is the exact binomial sum (N = 48)",
          "[montecarlo][umbrella][wham]") {
  // with K = 1 the energy depends on S alone: Z(S) = C(N, (N + S)/2) exp(-beta H(S)), H from the
  // exact e_P(S) (distinct) or S^P / P! (full) over N^(P-1): a finite-N reference without
  // enumeration. Tolerance as in the N = 12 test.
  for (Variant variant : {Variant::distinct, Variant::full}) {
    TemperingParameters p = umbrella_run(3, variant, 4242);
    p.N = 48;
    p.K = 1;
    p.window_lo = {-1.0, -0.6, -0.2, 0.2, 0.5};
    p.window_hi = {-0.4, 0.0, 0.4, 0.8, 1.0};
    p.T.assign(5, 0.3);  // beta U(m = 1) / N^2 = 26.7 against ln C(48, 24) = 31.5: both matter
    p.sweeps = 1 << 13;
    Tempering run(p, 1);
    run.run();
    const UmbrellaProfile profile = umbrella_profile(p, run.accumulators());
    const int N = p.N;
    const double beta = 1.0 / p.T[0];
    std::vector<double> log_w(static_cast<std::size_t>(N) + 1);
    for (int h = 0; h <= N; ++h) {
      const int S = 2 * h - N;
      const double U = variant == Variant::distinct
                           ? static_cast<double>(dhn::elementary_symmetric(3, S, N))
                           : std::pow(static_cast<double>(S), 3) / 6.0;
      log_w[static_cast<std::size_t>(h)] = std::lgamma(N + 1.0) - std::lgamma(h + 1.0) -
                                           std::lgamma(N - h + 1.0) + beta * U / (N * N);
    }
    double top = -INFINITY;
    for (double x : log_w) top = std::max(top, x);
    double total = 0.0;
    for (double x : log_w) total += std::exp(x - top);
    const double log_total = top + std::log(total);
    const double n = static_cast<double>(p.replicas) * static_cast<double>(p.sweeps);
    const int L = static_cast<int>(p.window_lo.size());
    // the exact restricted distributions, for the error model
    std::vector<std::vector<double>> pk(static_cast<std::size_t>(L));
    for (int k = 0; k < L; ++k) {
      double z = 0.0;
      pk[k].assign(static_cast<std::size_t>(N) + 1, 0.0);
      for (int h = 0; h <= N; ++h) {
        const int S = 2 * h - N;
        if (S >= window_S_min(p, k) && S <= window_S_max(p, k))
          z += pk[k][h] = std::exp(log_w[h] - top);
      }
      for (double& x : pk[k]) x /= z;
    }
    const double junctions = junction_tolerance(p, pk, n);
    int compared = 0;
    for (std::size_t j = 0; j < profile.m.size(); ++j) {
      const int h = static_cast<int>(std::lround((profile.m[j] * N + N) / 2));
      double best = 0.0;
      for (int k = 0; k < L; ++k) best = std::max(best, pk[k][h]);
      if (best < 1e-3) continue;
      ++compared;
      const double exact = -p.T[0] / N * (log_w[h] - log_total);
      const double tolerance = p.T[0] / N * (4.0 * sigma_ln(best, n) + junctions);
      INFO(dhn::to_string(variant) << ", m = " << profile.m[j] << ": f_N " << profile.f.mean[j]
                                   << ", exact " << exact << ", tolerance " << tolerance);
      CHECK(std::abs(profile.f.mean[j] - exact) <= tolerance);
    }
    CHECK(compared > 30);  // most of the 49 values of m are resolved
  }
}

TEST_CASE("the uncondensed profile matches exact enumeration without the condensed states",
          "[montecarlo][umbrella][wham]") {
  // states with max_{nu >= 1} |m_nu| > condensed_m = 0.5 (another pattern retrieved) left out;
  // f_uncondensed = -(T/N) ln p(S, uncondensed), normalised by the full total; tolerance as in
  // the profile test, the binomial term taken for the uncondensed share of the window
  for (int P : {3, 4}) {
    TemperingParameters p = umbrella_run(P, Variant::distinct, 2000 + P);
    p.condensed_m = 0.5;
    Tempering run(p, 1);
    run.run();
    const UmbrellaProfile profile = umbrella_profile(p, run.accumulators());
    const Network& network = run.network(0);
    const int N = p.N;
    const double beta = 1.0 / p.T[0];
    std::vector<double> m;
    const std::vector<double> H = testing::exact_energies(network, &m);
    std::vector<double> Z(static_cast<std::size_t>(N) + 1, 0.0), Z_nc = Z;
    double total = 0.0;
    for (std::size_t s = 0; s < H.size(); ++s) {
      int other = 0;  // max_{nu >= 1} |S_nu| of state s
      for (std::int64_t mu = 1; mu < network.K(); ++mu) {
        int S = 0;
        for (int i = 0; i < N; ++i) S += network.patterns()(mu, i) * (((s >> i) & 1) ? 1 : -1);
        other = std::max(other, std::abs(S));
      }
      const double w = std::exp(-beta * (H[s] - H[0]));
      const std::size_t h = static_cast<std::size_t>((std::lround(m[s] * N) + N) / 2);
      Z[h] += w;
      if (other <= p.condensed_m * N) Z_nc[h] += w;
      total += w;
    }
    const double n = static_cast<double>(p.replicas) * static_cast<double>(p.sweeps);
    const std::vector<std::vector<double>> pk = exact_windows(network, p);
    const double junctions = junction_tolerance(p, pk, n);
    int compared = 0;
    for (std::size_t j = 0; j < profile.m.size(); ++j) {
      const int h = static_cast<int>(std::lround((profile.m[j] * N + N) / 2));
      double best = 0.0;  // the uncondensed share of the best window, for the binomial term
      for (const auto& window : pk) best = std::max(best, window[h] * Z_nc[h] / Z[h]);
      if (best < 1e-3) continue;
      ++compared;
      const double exact = -p.T[0] / N * std::log(Z_nc[h] / total);
      const double tolerance = p.T[0] / N * (4.0 * sigma_ln(best, n) + junctions);
      INFO("P = " << P << ", m = " << profile.m[j] << ": f_uncondensed "
                  << profile.f_uncondensed.mean[j] << ", exact " << exact << ", tolerance "
                  << tolerance << ", exact condensed share " << 1 - Z_nc[h] / Z[h]);
      CHECK(std::abs(profile.f_uncondensed.mean[j] - exact) <= tolerance);
    }
    CHECK(compared >= 7);
    // something was condensed, and the split is consistent: f_uncondensed >= f
    double largest_share = 0.0;
    for (std::size_t j = 0; j < profile.m.size(); ++j) {
      if (!std::isfinite(profile.f.mean[j]) || !std::isfinite(profile.f_uncondensed.mean[j]))
        continue;
      CHECK(profile.f_uncondensed.mean[j] >= profile.f.mean[j] - 1e-12);
      largest_share = std::max(largest_share, profile.condensed_fraction[j]);
    }
    CHECK(largest_share > 0.05);
  }
}

TEST_CASE(
    "the joint histogram of m and max |m_nu| and the energies by m add up to the m, condensed and "
    "energy records",
    "[montecarlo][umbrella]") {
  // other_overlap_histogram is the only record from which a profile restricted to another
  // threshold is formed afterwards: summed over its max |m_nu| bins it must give m_histogram
  // exactly, and its bins at or above condensed_m must give the condensed histogram exactly,
  // slot by slot; condensed_m = 0.5 = 25/50 is a bin edge that S / N = 6/12 hits, the case where
  // "condensed" (max |m_nu| > condensed_m) and the bins must agree on the edge
  TemperingParameters p = umbrella_run(3, Variant::distinct, 2101);
  p.sweeps = 1 << 11;
  p.condensed_m = 0.5;
  Tempering run(p, 1);
  run.run();
  const Accumulators& a = run.accumulators();
  const int N = p.N, B = kOtherOverlapBins, edge = 25;
  REQUIRE(a.other_overlap_histogram.size() == a.m_histogram.size() * B);
  std::int64_t condensed = 0;
  for (std::size_t at = 0; at < a.m_histogram.size(); ++at) {
    std::int64_t all = 0, above = 0;
    for (int b = 0; b < B; ++b) {
      const std::int64_t count = a.other_overlap_histogram[at * B + static_cast<std::size_t>(b)];
      all += count;
      if (b >= edge) above += count;
    }
    INFO("slot item " << at / (N + 1) << ", S = " << 2 * static_cast<int>(at % (N + 1)) - N);
    CHECK(all == a.m_histogram[at]);
    CHECK(above == a.condensed_histogram[at]);
    condensed += above;
  }
  CHECK(condensed > 0);  // the check saw condensed states
  // the energies by m add up, slot by slot, to the time bins' energy sums (which hold the
  // replica mean of e per sweep, hence the factor R); rounding: different summation orders
  REQUIRE(a.energy_by_m.size() == a.m_histogram.size());
  for (int d = 0; d < p.samples; ++d) {
    for (int k = 0; k < static_cast<int>(p.T.size()); ++k) {
      double by_m = 0.0, by_bins = 0.0;
      for (int h = 0; h <= N; ++h)
        by_m += a.energy_by_m[(static_cast<std::size_t>(d) * p.T.size() + k) * (N + 1) + h];
      for (int b = 0; b < a.B; ++b) by_bins += a.bin_sum(d, k, b, Observable::e) * p.replicas;
      INFO("sample " << d << ", slot " << k);
      CHECK(by_m == Approx(by_bins).epsilon(1e-12));
    }
  }
}

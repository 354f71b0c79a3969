// Umbrella windows in m (tempering_parameters.hpp, issue 15): each slot samples the Boltzmann
// distribution restricted to its window exactly. At N = 12 the restricted distribution
// Z(S) / sum_{S in window} Z(S) of S = N m is known by enumerating all 2^12 states
// (exact_enumeration.hpp): the per-window histogram and <m>, <e> must match it; walkers never
// leave their windows; neighbouring windows exchange walkers; bad windows are refused naming the
// option.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "dhn/model/parameter_error.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
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

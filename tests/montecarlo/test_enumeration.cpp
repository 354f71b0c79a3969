// Monte Carlo averages against exact enumeration of all 2^N states (physics.md section 8):
// <e>, <m>, <|m|>, <max_mu |m_mu|>, <q> and <q^2> of two independent replicas, within 4 sigma
// (sigma from binning_analysis), at three temperatures, for Metropolis and heat-bath.
// The exact side sums Boltzmann weights with energies from dhn::elementary_symmetric / S^P of
// overlaps recomputed per state, independent of the flip arithmetic used by the dynamics.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/montecarlo/binning.hpp"
#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/observables.hpp"

namespace {

using dhn::Variant;
using namespace dhn::montecarlo;

struct Averages {
  double e = 0, m = 0, abs_m = 0, max_m = 0, q = 0, q2 = 0;
};

Averages exact_averages(const Network& network, double beta) {
  const int N = network.N();
  const int P = network.model().P;
  const std::int64_t K = network.K();
  const std::int64_t states = std::int64_t{1} << N;
  std::vector<double> H(states), m(states), max_m(states);
  double H_min = 1e300;
  for (std::int64_t state = 0; state < states; ++state) {
    double sum = 0.0;
    double largest = 0.0;
    for (std::int64_t mu = 0; mu < K; ++mu) {
      std::int64_t S = 0;
      for (int i = 0; i < N; ++i) S += network.patterns()(mu, i) * (((state >> i) & 1) ? 1 : -1);
      sum += network.model().variant == Variant::distinct
                 ? double(dhn::elementary_symmetric(P, S, N))
                 : std::pow(double(S), P);
      if (mu == 0) m[state] = double(S) / N;
      largest = std::max(largest, std::abs(double(S)) / N);
    }
    // physics.md section 1: H = -(1/N^(P-1)) sum e_P, or -(1/(P! N^(P-1))) sum S^P
    H[state] = -sum / std::pow(double(N), P - 1) /
               (network.model().variant == Variant::full ? dhn::factorial(P) : 1.0);
    max_m[state] = largest;
    H_min = std::min(H_min, H[state]);
  }
  Averages a;
  double Z = 0.0;
  std::vector<double> s_mean(N, 0.0), ss_mean(N * N, 0.0);
  for (std::int64_t state = 0; state < states; ++state) {
    const double w = std::exp(-beta * (H[state] - H_min));
    Z += w;
    a.e += w * H[state] / N;
    a.m += w * m[state];
    a.abs_m += w * std::abs(m[state]);
    a.max_m += w * max_m[state];
    for (int i = 0; i < N; ++i) {
      const double si = ((state >> i) & 1) ? 1.0 : -1.0;
      s_mean[i] += w * si;
      for (int j = 0; j < N; ++j) ss_mean[i * N + j] += w * si * (((state >> j) & 1) ? 1.0 : -1.0);
    }
  }
  a.e /= Z;
  a.m /= Z;
  a.abs_m /= Z;
  a.max_m /= Z;
  // two independent replicas: <q> = (1/N) sum_i <s_i>^2, <q^2> = (1/N^2) sum_ij <s_i s_j>^2
  for (int i = 0; i < N; ++i) {
    a.q += (s_mean[i] / Z) * (s_mean[i] / Z) / N;
    for (int j = 0; j < N; ++j) a.q2 += std::pow(ss_mean[i * N + j] / Z, 2) / (double(N) * N);
  }
  return a;
}

struct Series {
  std::vector<double> e, m, abs_m, max_m, q, q2;
};

// Two replicas (cued and random start), `sweeps` measured sweeps after `thermalisation`.
Series run_monte_carlo(const Network& network, const SweepParameters& parameters,
                       std::uint64_t seed, int thermalisation, int sweeps) {
  const ReplicaKey key_a{seed, 0, 0}, key_b{seed, 0, 1};
  Replica a(network, cued_state(network.patterns()));
  Replica b(network, random_state(network.N(), key_b));
  Series series;
  for (int t = 0; t < thermalisation + sweeps; ++t) {
    sweep(a, parameters, key_a, static_cast<std::uint64_t>(t));
    sweep(b, parameters, key_b, static_cast<std::uint64_t>(t));
    if (t < thermalisation) continue;
    series.e.push_back(0.5 * (energy_per_spin(a) + energy_per_spin(b)));
    series.m.push_back(0.5 * (cued_overlap(a) + cued_overlap(b)));
    series.abs_m.push_back(0.5 * (std::abs(cued_overlap(a)) + std::abs(cued_overlap(b))));
    series.max_m.push_back(0.5 * (max_overlap(a) + max_overlap(b)));
    const double q = replica_overlap(a, b);
    series.q.push_back(q);
    series.q2.push_back(q * q);
  }
  return series;
}

void check_within_4_sigma(const char* name, const std::vector<double>& series, double exact) {
  const BinningResult r = binning_analysis(series);
  INFO(name << ": Monte Carlo " << r.mean << " +- " << r.error << " (tau_int " << r.tau_int
            << "), exact " << exact);
  CHECK(r.error > 0.0);
  CHECK(std::abs(r.mean - exact) <= 4.0 * r.error);
}

void compare(int P, Variant variant, int N, std::int64_t K, int thermalisation, int sweeps) {
  const Network network(P, variant, N, K, /*seed=*/900 + P, /*sample=*/0);
  // beta N / P! = c: the retrieval state's total energy (about -N/P!) is c temperatures deep.
  for (double c : {0.5, 2.0, 5.0}) {
    const double beta = c * dhn::factorial(P) / N;
    const Averages exact = exact_averages(network, beta);
    struct Scheme {
      UpdateRule rule;
      SiteOrder order;
    };
    // Sequential Metropolis is left out: where Delta H ~ 0 it accepts nearly every flip and is
    // close to deterministic, so it mixes too slowly for a statistical test at this length.
    for (Scheme scheme : {Scheme{UpdateRule::metropolis, SiteOrder::random},
                          Scheme{UpdateRule::heat_bath, SiteOrder::random},
                          Scheme{UpdateRule::heat_bath, SiteOrder::sequential}}) {
      INFO("P = " << P << ", " << dhn::to_string(variant) << ", N = " << N << ", K = " << K
                  << ", beta = " << beta << ", rule "
                  << (scheme.rule == UpdateRule::metropolis ? "metropolis" : "heat-bath")
                  << ", order " << (scheme.order == SiteOrder::random ? "random" : "sequential"));
      const Series s = run_monte_carlo(network, {beta, scheme.rule, scheme.order},
                                       /*seed=*/31 + P, thermalisation, sweeps);
      check_within_4_sigma("<e>", s.e, exact.e);
      check_within_4_sigma("<m>", s.m, exact.m);
      check_within_4_sigma("<|m|>", s.abs_m, exact.abs_m);
      check_within_4_sigma("<max |m_mu|>", s.max_m, exact.max_m);
      check_within_4_sigma("<q>", s.q, exact.q);
      check_within_4_sigma("<q^2>", s.q2, exact.q2);
    }
  }
}

}  // namespace

TEST_CASE("Monte Carlo matches exact enumeration at N = 12 within 4 sigma",
          "[montecarlo][enumeration]") {
  for (Variant variant : {Variant::distinct, Variant::full}) {
    compare(2, variant, 12, 3, 500, 1 << 15);
    compare(3, variant, 12, 3, 500, 1 << 15);
    compare(4, variant, 12, 3, 500, 1 << 15);
  }
}

TEST_CASE("Monte Carlo matches exact enumeration at N = 14 within 4 sigma",
          "[montecarlo][enumeration][.slow]") {
  for (Variant variant : {Variant::distinct, Variant::full}) {
    compare(2, variant, 14, 4, 2000, 1 << 17);
    compare(3, variant, 14, 4, 2000, 1 << 17);
    compare(4, variant, 14, 5, 2000, 1 << 17);
  }
}

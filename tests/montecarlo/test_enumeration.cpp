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
#include "exact_enumeration.hpp"

namespace {

using dhn::Variant;
using namespace dhn::montecarlo;

using testing::exact_averages;
using testing::ExactAverages;

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
    const ExactAverages exact = exact_averages(network, beta);
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

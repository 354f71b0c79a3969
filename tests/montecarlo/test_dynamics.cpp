// Sweeps and quench: bit-identical trajectories for equal keys (whatever the kernel or the order
// in which replicas run), exact energy bookkeeping over many flips, limiting acceptance rates,
// initial states with their prescribed overlap, and the quench ending in a single-flip minimum.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/observables.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;

namespace {
struct Snapshot {
  std::vector<std::int8_t> spins;
  std::vector<std::int32_t> overlaps;
  std::int64_t U;
  std::int64_t accepted;
  bool operator==(const Snapshot&) const = default;
};

std::vector<Snapshot> trajectory(const Network& network, const SweepParameters& parameters,
                                 const ReplicaKey& key, FlipKernel kernel, int sweeps) {
  Replica replica(network, random_state(network.N(), key), kernel);
  std::vector<Snapshot> out;
  for (int t = 0; t < sweeps; ++t) {
    const std::int64_t accepted = sweep(replica, parameters, key, static_cast<std::uint64_t>(t));
    out.push_back({replica.spins(), replica.overlaps(), replica.energy_numerator(), accepted});
  }
  return out;
}
}  // namespace

TEST_CASE("equal keys give bit-identical trajectories", "[montecarlo][dynamics][determinism]") {
  const Network network(3, Variant::distinct, 40, 300, 17, 4);
  const double beta = 0.5 * dhn::factorial(3) / 40.0 * 10;  // a few kT deep: mixed accept/reject
  for (UpdateRule rule : {UpdateRule::metropolis, UpdateRule::heat_bath}) {
    for (SiteOrder order : {SiteOrder::sequential, SiteOrder::random}) {
      const SweepParameters parameters{beta, rule, order};
      const ReplicaKey key{99, 4, 2};
      const auto first = trajectory(network, parameters, key, FlipKernel::polynomial, 30);
      // another replica in between must not change anything (no hidden generator state)
      (void)trajectory(network, parameters, {99, 4, 3}, FlipKernel::polynomial, 5);
      const auto second = trajectory(network, parameters, key, FlipKernel::polynomial, 30);
      const auto by_table = trajectory(network, parameters, key, FlipKernel::table, 30);
      CHECK(first == second);
      CHECK(first == by_table);  // both kernels give the same integers, hence the same decisions
      const auto other = trajectory(network, parameters, {99, 4, 3}, FlipKernel::polynomial, 30);
      CHECK_FALSE(first == other);
      std::int64_t accepted = 0;
      for (const Snapshot& s : first) accepted += s.accepted;
      CHECK(accepted > 0);        // the test exercises acceptances ...
      CHECK(accepted < 30 * 40);  // ... and rejections
    }
  }
}

TEST_CASE("looking one step ahead after an accepted flip never changes a trajectory",
          "[montecarlo][dynamics][determinism]") {
  // After an accepted flip a sweep takes the next step's Delta U from the flip's pass
  // (Replica::flip_then_delta), unless the walls will reject that step. The table kernel
  // computes every Delta U afresh: both must give the same trajectory, at high and low
  // acceptance, in both orders, with walls on S_0 that reject some steps, and with the next
  // random site often the flipped one (small N).
  const Network network(4, Variant::full, 12, 40, 31, 1);
  for (SiteOrder order : {SiteOrder::random, SiteOrder::sequential}) {
    for (bool walls : {false, true}) {
      Replica polynomial(network, random_state(12, {3, 1, 0}), FlipKernel::polynomial);
      Replica table(network, polynomial.spins(), FlipKernel::table);
      const ReplicaKey key{5, 1, 0};
      const std::int32_t S0_start = polynomial.overlaps()[0];
      std::int64_t accepted = 0;
      for (int t = 0; t < 40; ++t) {
        SweepParameters parameters{t % 8 < 4 ? 1e-3 : 50.0, UpdateRule::metropolis, order};
        if (walls) {  // a window of 3 steps of S_0 around the start
          parameters.S0_min = S0_start - 2;
          parameters.S0_max = S0_start + 4;
        }
        const std::int64_t by_polynomial = sweep(polynomial, parameters, key, t);
        REQUIRE(by_polynomial == sweep(table, parameters, key, t));
        REQUIRE(polynomial.spins() == table.spins());
        REQUIRE(polynomial.overlaps() == table.overlaps());
        REQUIRE(polynomial.energy_numerator() == table.energy_numerator());
        accepted += by_polynomial;
      }
      CHECK(accepted > 0);
      CHECK(accepted < 40 * 12);
    }
  }
}

TEST_CASE("energy and overlaps stay exact over many flips", "[montecarlo][dynamics]") {
  for (Variant variant : {Variant::distinct, Variant::full}) {
    for (int P : {2, 3, 4, 5}) {
      const int N = 48;
      const Network network(P, variant, N, 200, 3, static_cast<std::uint64_t>(P));
      Replica replica(network, random_state(N, {1, 0, 0}));
      for (int t = 0; t < 50; ++t) {
        sweep(replica, {0.3 * dhn::factorial(P) / N, UpdateRule::heat_bath, SiteOrder::random},
              {1, 0, 0}, static_cast<std::uint64_t>(t));
      }
      INFO("P = " << P << ", " << dhn::to_string(variant));
      CHECK(replica.overlaps() == compute_overlaps(network.patterns(), replica.spins()));
      CHECK(replica.energy_numerator() == compute_energy_numerator(network, replica.overlaps()));
    }
  }
}

TEST_CASE("acceptance in the limits beta = 0 and beta = infinity", "[montecarlo][dynamics]") {
  const int N = 64;
  const Network network(4, Variant::distinct, N, 500, 8, 0);
  Replica replica(network, random_state(N, {2, 0, 0}));
  // beta = 0: Metropolis accepts every flip; heat-bath accepts with probability 1/2
  CHECK(sweep(replica, {0.0, UpdateRule::metropolis, SiteOrder::random}, {2, 0, 0}, 0) == N);
  std::int64_t accepted = 0;
  const int sweeps = 100;
  for (int t = 0; t < sweeps; ++t) {
    accepted += sweep(replica, {0.0, UpdateRule::heat_bath, SiteOrder::random}, {2, 0, 0},
                      static_cast<std::uint64_t>(t + 1));
  }
  const double n = double(sweeps) * N;  // binomial(n, 1/2): sigma = sqrt(n)/2
  CHECK(std::abs(accepted - n / 2) < 4 * std::sqrt(n) / 2);
  // beta = infinity: the energy never rises, for both rules
  for (UpdateRule rule : {UpdateRule::metropolis, UpdateRule::heat_bath}) {
    replica.set_spins(random_state(N, {3, 0, 0}));
    for (int t = 0; t < 10; ++t) {
      const std::int64_t before = replica.energy_numerator();
      sweep(replica, {INFINITY, rule, SiteOrder::sequential}, {3, 0, 0},
            static_cast<std::uint64_t>(t));
      CHECK(replica.energy_numerator() <= before);
    }
  }
}

TEST_CASE("initial states: cued, noisy with exact overlap, random", "[montecarlo][dynamics]") {
  const int N = 101;
  const Network network(3, Variant::distinct, N, 20, 4, 0);
  const Replica cued(network, cued_state(network.patterns()));
  CHECK(cued_overlap(cued) == 1.0);
  for (double m0 : {1.0, 0.8, 0.31, 0.0, -1.0}) {
    const Replica noisy(network, noisy_cued_state(network.patterns(), m0, {5, 0, 1}));
    const long flips = std::lround(N * (1.0 - m0) / 2.0);
    CHECK(noisy.overlaps()[0] == N - 2 * flips);  // exactly n = round(N (1 - m0)/2) flips
  }
  CHECK_FALSE(noisy_cued_state(network.patterns(), 0.5, {5, 0, 1}) ==
              noisy_cued_state(network.patterns(), 0.5, {5, 0, 2}));
  CHECK_THROWS_AS(noisy_cued_state(network.patterns(), 1.5, {5, 0, 1}), std::invalid_argument);
  // random spins: sum of N = 101 fair +-1 over 20 replicas; sigma sqrt(20 N) = 45
  long sum = 0;
  for (std::uint64_t r = 0; r < 20; ++r) {
    for (std::int8_t s : random_state(N, {6, 0, r})) sum += s;
  }
  CHECK(std::abs(sum) < 4 * 45);
}

TEST_CASE("quench ends in a single-flip local minimum and reports the cued overlap",
          "[montecarlo][dynamics][quench]") {
  // P = 3, N = 200, K = 50 (alpha = 1.25e-3): the signal on a site, N^2/2 = 2e4 in units of
  // the energy numerator, exceeds the noise from K-1 patterns, about sqrt(K N^2 / 2) = 1e3, by
  // 20 sigma, so the cued pattern is a fixed point and a noisy copy with m0 = 0.6 (signal
  // 0.36 * 2e4) falls back to it.
  const int N = 200;
  for (Variant variant : {Variant::distinct, Variant::full}) {
    const Network network(3, variant, N, 50, 12, 0);
    Replica cued(network, cued_state(network.patterns()));
    const QuenchResult at_pattern = quench(cued, 100);
    CHECK(at_pattern.converged);
    CHECK(at_pattern.flips == 0);
    CHECK(at_pattern.m == 1.0);
    Replica noisy(network, noisy_cued_state(network.patterns(), 0.6, {7, 0, 0}));
    const QuenchResult retrieved = quench(noisy, 100);
    CHECK(retrieved.converged);
    CHECK(retrieved.m == 1.0);
    // from random states: a local minimum (no flip lowers the energy), m reported as S_0 / N
    for (std::uint64_t r = 0; r < 4; ++r) {
      Replica replica(network, random_state(N, {8, 0, r}));
      const QuenchResult result = quench(replica, 1000);
      CHECK(result.converged);
      CHECK(result.m == double(replica.overlaps()[0]) / N);
      for (int i = 0; i < N; ++i) CHECK(replica.flip_delta(i) >= 0);
    }
  }
  // the budget is a named failure: zero sweeps allowed means not converged
  const Network network(3, Variant::distinct, N, 50, 12, 0);
  Replica replica(network, random_state(N, {9, 0, 0}));
  CHECK_FALSE(quench(replica, 0).converged);
}

TEST_CASE("accept_flip has the acceptance probabilities of Metropolis and heat bath",
          "[montecarlo][dynamics]") {
  // The fraction of a uniform midpoint grid of n values of u that is accepted equals the rule's
  // probability (analytic: min(1, e^-x) and 1/(1+e^x)) to within the grid spacing 1/n.
  const int n = 100000;
  for (std::int64_t delta : {-3, 0, 1, 5}) {
    for (double bod : {0.0, 0.1, 0.7}) {
      const double x = bod * static_cast<double>(delta);
      int metropolis = 0, heat_bath = 0;
      for (int k = 0; k < n; ++k) {
        const double u = (k + 0.5) / n;
        metropolis += accept_flip(delta, bod, UpdateRule::metropolis, u);
        heat_bath += accept_flip(delta, bod, UpdateRule::heat_bath, u);
      }
      INFO("delta = " << delta << ", beta/denominator = " << bod);
      CHECK(double(metropolis) / n == Approx(std::min(1.0, std::exp(-x))).margin(1.0 / n));
      CHECK(double(heat_bath) / n == Approx(1.0 / (1.0 + std::exp(x))).margin(1.0 / n));
    }
  }
  // T = 0 limits: downhill always, uphill never (Metropolis); heat bath at Delta U = 0 is 1/2.
  CHECK(accept_flip(-1, INFINITY, UpdateRule::metropolis, 0.999));
  CHECK_FALSE(accept_flip(1, INFINITY, UpdateRule::metropolis, 0.0));
  CHECK_FALSE(accept_flip(1, INFINITY, UpdateRule::heat_bath, 0.0));
  CHECK(accept_flip(-1, INFINITY, UpdateRule::heat_bath, 0.999));
}

// Annealing schedules: one stage equals the same number of plain sweeps on the same keys; slow
// geometric cooling from the paramagnet of a low-load P = 3 network ends in a retrieval state of
// some pattern (max |m_mu| near 1) with the energy of a stored pattern; schedules are validated.
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/montecarlo/annealing.hpp"
#include "dhn/montecarlo/observables.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;

TEST_CASE("one annealing stage is the same as plain sweeps", "[montecarlo][annealing]") {
  const Network network(3, Variant::distinct, 40, 100, 5, 0);
  Replica a(network, random_state(40, {5, 0, 0})), b = a;
  const auto records =
      anneal(a, {{0.1, 7}}, UpdateRule::heat_bath, SiteOrder::random, {5, 0, 0}, 3);
  std::int64_t accepted = 0;
  for (std::uint64_t t = 3; t < 10; ++t)
    accepted += sweep(b, {10.0, UpdateRule::heat_bath, SiteOrder::random}, {5, 0, 0}, t);
  CHECK(a.spins() == b.spins());
  REQUIRE(records.size() == 1);
  CHECK(records[0].accepted == accepted);
  CHECK(records[0].e == energy_per_spin(b));
}

TEST_CASE("slow cooling of a low-load network retrieves a pattern", "[montecarlo][annealing]") {
  // P = 3, N = 128, K = 16 (alpha ~ 1e-3): far below capacity, the retrieval fold is near
  // T_M = 0.29 (physics.md section 6, RS); cooling from T = 1 to 0.01 passes it slowly. A
  // retrieved pattern has m ~ 1 and energy per spin near -1/P! = -1/6 (physics.md section 1).
  const int N = 128;
  const Network network(3, Variant::distinct, N, 16, 9, 0);
  Replica replica(network, random_state(N, {9, 0, 1}));
  const auto schedule = geometric_cooling(1.0, 0.01, 24, 20);
  CHECK(schedule.front().T == 1.0);
  CHECK(schedule.back().T == 0.01);
  const auto records =
      anneal(replica, schedule, UpdateRule::metropolis, SiteOrder::random, {9, 0, 1});
  REQUIRE(records.size() == 24);
  CHECK(records.front().max_m < 0.5);  // paramagnet at T = 1
  CHECK(records.back().max_m > 0.95);
  CHECK(records.back().e < -0.15);
  CHECK(records.back().e < records.front().e);
  CHECK_THROWS_AS(geometric_cooling(0.1, 0.2, 4, 1), std::invalid_argument);
  CHECK_THROWS_AS(geometric_cooling(1.0, 0.1, 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(anneal(replica, {{-1.0, 1}}, UpdateRule::metropolis, SiteOrder::random, {}),
                  std::invalid_argument);
  // T = 0 stages are a zero-temperature descent: the energy never rises
  const double before = energy_per_spin(replica);
  anneal(replica, {{0.0, 3}}, UpdateRule::metropolis, SiteOrder::sequential, {9, 0, 1}, 1000);
  CHECK(energy_per_spin(replica) <= before);
}

// The tempering steps shared by the CPU engine and the GPU driver (tempering_steps.hpp):
// record_slot gives, bit for bit, the averages of the observables.hpp definitions over real
// replicas and counts the histograms and flips; Ladder::swap_round accepts downhill exchanges,
// rejects steep uphill ones, keeps the permutation and counts a 0 -> L-1 -> 0 round trip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/observables.hpp"
#include "dhn/montecarlo/tempering_steps.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;

TEST_CASE("record_slot equals the observables.hpp averages bit for bit",
          "[montecarlo][tempering]") {
  TemperingParameters p;
  p.P = 3;
  p.variant = Variant::full;
  p.N = 37;
  p.K = 60;
  p.T = {0.1, 0.2};
  p.replicas = 4;
  p.samples = 2;
  p.therm = 3;
  p.sweeps = 10;
  const Network network(p.P, p.variant, p.N, p.K, 5, 1);
  std::vector<Replica> replicas;
  for (int r = 0; r < p.replicas; ++r)
    replicas.emplace_back(network, random_state(p.N, ReplicaKey{5, 1, std::uint64_t(r)}));
  std::vector<WalkerSummary> summaries;
  std::vector<std::int64_t> products;
  ObservableValues expected{};
  for (int r = 0; r < p.replicas; ++r) {
    const Replica& a = replicas[r];
    std::int32_t largest = 0;
    for (std::int32_t S : a.overlaps()) largest = std::max(largest, S < 0 ? -S : S);
    summaries.push_back({a.energy_numerator(), a.overlaps()[0], largest, 10 + r});
    const double e = energy_per_spin(a), m = cued_overlap(a);
    expected[int(Observable::e)] += e;
    expected[int(Observable::e2)] += e * e;
    expected[int(Observable::m)] += m;
    expected[int(Observable::abs_m)] += std::abs(m);
    expected[int(Observable::m2)] += m * m;
    expected[int(Observable::m4)] += m * m * m * m;
    expected[int(Observable::max_m)] += max_overlap(a);
    for (int b = r + 1; b < p.replicas; ++b) {
      std::int64_t product = 0;
      for (int i = 0; i < p.N; ++i) product += a.spins()[i] * replicas[b].spins()[i];
      products.push_back(product);
      const double q = replica_overlap(a, replicas[b]);
      expected[int(Observable::q)] += q;
      expected[int(Observable::abs_q)] += std::abs(q);
      expected[int(Observable::q2)] += q * q;
      expected[int(Observable::q4)] += q * q * q * q;
    }
  }
  for (int o = 0; o < 7; ++o) expected[o] /= p.replicas;
  for (int o = 7; o < kObservables; ++o) expected[o] /= 0.5 * p.replicas * (p.replicas - 1);

  Accumulators acc = Accumulators::zeros(p);
  // t = 0 < therm: the window only, no histogram; t = therm: window 2, bin 0 and histograms
  record_slot(p, network.energy_denominator(), 0, 1, 1, summaries, products, acc);
  record_slot(p, network.energy_denominator(), p.therm, 1, 1, summaries, products, acc);
  for (int o = 0; o < kObservables; ++o) {
    CHECK(acc.window_sum(1, 1, 0, Observable(o)) == expected[o]);  // exact, not approximate
    CHECK(acc.window_sum(1, 1, 2, Observable(o)) == expected[o]);
    CHECK(acc.bin_sum(1, 1, 0, Observable(o)) == expected[o]);
    CHECK(acc.window_sum(0, 1, 0, Observable(o)) == 0.0);  // other (d, k) untouched
  }
  const std::size_t item = std::size_t{1} * 2 + 1, row = item * (p.N + 1);
  std::int64_t m_count = 0, q_count = 0;
  for (int h = 0; h <= p.N; ++h) {
    m_count += acc.m_histogram[row + h];
    q_count += acc.q_histogram[row + h];
  }
  CHECK(m_count == p.replicas);
  CHECK(q_count == 6);
  CHECK(acc.m_histogram[row + (summaries[0].cued + p.N) / 2] >= 1);
  CHECK(acc.q_histogram[row + (products[0] + p.N) / 2] >= 1);
  CHECK(acc.flips_accepted[item] == 2 * (10 + 11 + 12 + 13));
  CHECK(acc.flips_accepted[0] == 0);
}

TEST_CASE("Ladder::swap_round exchanges by the energies given and counts round trips",
          "[montecarlo][tempering]") {
  TemperingParameters p;
  p.N = 8;
  p.K = 1;
  p.T = {1.0, 2.0};
  p.replicas = 2;
  p.samples = 1;
  p.sweeps = 4;
  Ladder ladder = Ladder::identity(p);
  Accumulators acc = Accumulators::zeros(p);
  const std::vector<double> denominators{1.0};
  const std::vector<std::int32_t> cued(4, 0);  // not read without umbrella windows
  CHECK(ladder.trip_label[0] == std::int8_t(TripLabel::coldest));
  CHECK(ladder.trip_label[1] == std::int8_t(TripLabel::none));
  // round 1: the walker at the cold slot has the higher energy: x > 0, always exchanged
  ladder.swap_round(p, 0, std::vector<std::int64_t>{10, 0, 10, 0}, cued, denominators, acc);
  CHECK(ladder.walker_at_slot == std::vector<std::int32_t>{1, 0, 1, 0});
  CHECK(ladder.slot_of_walker == std::vector<std::int32_t>{1, 0, 1, 0});
  CHECK(ladder.trip_label[0] == std::int8_t(TripLabel::hottest));
  // round 2: walker 1 (now cold) higher again: walker 0 is back at slot 0, one round trip
  ladder.swap_round(p, 1, std::vector<std::int64_t>{0, 10, 0, 10}, cued, denominators, acc);
  CHECK(ladder.slot_of_walker == std::vector<std::int32_t>{0, 1, 0, 1});
  CHECK(ladder.round_trips == std::vector<std::int64_t>{1, 0, 1, 0});
  // round 3: steeply uphill (x = -500): rejected
  ladder.swap_round(p, 2, std::vector<std::int64_t>{-1000, 0, -1000, 0}, cued, denominators, acc);
  CHECK(ladder.slot_of_walker == std::vector<std::int32_t>{0, 1, 0, 1});
  CHECK(acc.swaps_attempted == std::vector<std::int64_t>{6});
  CHECK(acc.swaps_accepted == std::vector<std::int64_t>{4});
  CHECK(swaps_after(p, 0));
  p.swap_every = 2;
  CHECK_FALSE(swaps_after(p, 0));
  CHECK(swaps_after(p, 1));
}

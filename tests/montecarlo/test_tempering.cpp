// Mechanics of parallel tempering: the run is bit-identical for 1 and 2 threads and when it is
// interrupted and restored; swaps keep permutations and exact energies; round trips are counted
// as slot 0 -> L-1 -> 0; the accumulators agree with each other (histograms, bins, windows).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "dhn/montecarlo/replica.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "tempering_fixtures.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;
using testing::same_state;

namespace {
TemperingParameters small_run() {
  TemperingParameters p;
  p.P = 3;
  p.N = 32;
  p.K = 128;  // D R L N K = 98304 >= kParallelWorkThreshold: the sweeps fork threads
  p.T = {0.02, 0.03, 0.045, 0.07};
  p.replicas = 3;
  p.samples = 2;
  p.therm = 20;
  p.sweeps = 100;
  p.swap_every = 2;
  p.init = InitialKind::random;
  p.rule = UpdateRule::heat_bath;
  p.order = SiteOrder::random;
  p.seed = 77;
  p.bins = 8;
  return p;
}

}  // namespace

TEST_CASE("tempering is bit-identical for 1 and 2 threads", "[montecarlo][tempering]") {
  for (Variant variant : {Variant::distinct, Variant::full}) {
    TemperingParameters p = small_run();
    p.variant = variant;
    Tempering one(p, 1), two(p, 2);
    REQUIRE(two.parallel());  // otherwise the comparison would be vacuous
    CHECK(one.run() == RunStatus::finished);
    CHECK(two.run() == RunStatus::finished);
    CHECK(same_state(one.state(), two.state()));
    // a different seed gives a different run: the comparison can fail
    p.seed += 1;
    Tempering other(p, 1);
    other.run();
    CHECK_FALSE(same_state(one.state(), other.state()));
  }
}

TEST_CASE("a run stopped, saved and restored continues bit-identically",
          "[montecarlo][tempering][checkpoint]") {
  const TemperingParameters p = small_run();
  Tempering straight(p, 1);
  straight.run();
  for (std::int64_t stop_at :
       {std::int64_t{1}, std::int64_t{19}, std::int64_t{20}, std::int64_t{57}}) {
    TemperingState saved;
    {
      Tempering first(p, 2);
      const RunStatus status =
          first.run([&](const Tempering& t) { return t.sweeps_done() < stop_at; });
      CHECK(status == RunStatus::stopped);
      CHECK(first.sweeps_done() == stop_at);
      saved = first.state();
    }
    Tempering resumed(p, 1);
    resumed.restore(saved);
    CHECK(resumed.run() == RunStatus::finished);
    INFO("stopped after sweep " << stop_at);
    CHECK(same_state(resumed.state(), straight.state()));
  }
}

TEST_CASE("restore refuses states of another shape or with a broken permutation",
          "[montecarlo][tempering][checkpoint]") {
  const TemperingParameters p = small_run();
  Tempering run(p, 1);
  TemperingState s = run.state();
  TemperingState broken = s;
  broken.slot_of_walker[1] = broken.slot_of_walker[0];
  CHECK_THROWS_AS(run.restore(broken), std::invalid_argument);
  broken = s;
  broken.spins.pop_back();
  CHECK_THROWS_AS(run.restore(broken), std::invalid_argument);
  broken = s;
  broken.spins[3] = 0;
  CHECK_THROWS_AS(run.restore(broken), std::invalid_argument);
  broken = s;
  broken.accumulators.bin_sums.push_back(0.0);
  CHECK_THROWS_AS(run.restore(broken), std::invalid_argument);
  broken = s;
  broken.sweep = total_sweeps(p) + 1;
  CHECK_THROWS_AS(run.restore(broken), std::invalid_argument);
  CHECK_NOTHROW(run.restore(s));
}

TEST_CASE("swaps keep each chain a permutation with exact energies", "[montecarlo][tempering]") {
  TemperingParameters p = small_run();
  p.swap_every = 1;
  Tempering run(p, 1);
  run.run();
  const Accumulators& a = run.accumulators();
  std::int64_t attempted = 0, accepted = 0;
  for (std::size_t j = 0; j < a.swaps_attempted.size(); ++j) {
    attempted += a.swaps_attempted[j];
    accepted += a.swaps_accepted[j];
  }
  // one attempt per chain, pair and sweep
  CHECK(attempted == total_sweeps(p) * p.samples * p.replicas * (std::int64_t(p.T.size()) - 1));
  CHECK(accepted > 0);
  CHECK(accepted < attempted);
  const std::vector<std::int8_t> spins = run.walkers().spins();
  const WalkerSummaries summaries = run.walkers().summaries();
  const std::size_t N = static_cast<std::size_t>(p.N);
  for (int d = 0; d < p.samples; ++d) {
    for (int r = 0; r < p.replicas; ++r) {
      std::vector<int> seen(p.T.size(), 0);
      for (int w = 0; w < int(p.T.size()); ++w) {
        const int slot = run.slot_of(d, r, w);
        ++seen[slot];
        CHECK(run.walker_at(d, r, slot) == w);
        const std::size_t c = run.walker_index(d, r, w);
        const std::vector<std::int8_t> x(spins.begin() + static_cast<std::ptrdiff_t>(c * N),
                                         spins.begin() + static_cast<std::ptrdiff_t>((c + 1) * N));
        const std::vector<std::int32_t> S = compute_overlaps(run.network(d).patterns(), x);
        CHECK(summaries.energy[c] == compute_energy_numerator(run.network(d), S));
        CHECK(summaries.cued[c] == S[0]);
      }
      for (int c : seen) CHECK(c == 1);
    }
  }
  // no swaps when swap_every = 0: every walker stays at its slot
  p.swap_every = 0;
  Tempering fixed(p, 1);
  fixed.run();
  for (std::int64_t n : fixed.accumulators().swaps_attempted) CHECK(n == 0);
  CHECK(fixed.slot_of(1, 2, 3) == 3);
}

TEST_CASE("round trips: walkers that swap at every sweep complete one per two swaps",
          "[montecarlo][tempering]") {
  // Two nearly equal temperatures: the swap exponent (beta_0 - beta_1)(E_0 - E_1) is ~1e-9, so
  // (with this seed) every swap is accepted and the walkers alternate between the two slots.
  TemperingParameters p = small_run();
  p.T = {0.05, 0.05 * (1.0 + 1e-12)};
  p.swap_every = 1;
  p.samples = 1;
  p.replicas = 2;
  p.therm = 0;
  p.sweeps = 11;
  Tempering run(p, 1);
  run.run();
  const Accumulators& a = run.accumulators();
  REQUIRE(a.swaps_accepted[0] == a.swaps_attempted[0]);
  REQUIRE(a.swaps_attempted[0] == 2 * 11);
  // Walker 0 starts at slot 0 and is back there after rounds 2, 4, 6, 8, 10: 5 trips. Walker 1
  // starts at slot 1, first touches slot 0 in round 1, the hot end in round 2, and completes
  // trips in rounds 3, 5, 7, 9, 11: 5 trips.
  for (int r = 0; r < 2; ++r) {
    CHECK(run.round_trips(0, r, 0) == 5);
    CHECK(run.round_trips(0, r, 1) == 5);
  }
  const TemperingSummary s = summarize(run);
  CHECK(s.round_trips == 20);
  CHECK(s.swap_acceptance[0] == 1.0);
}

TEST_CASE("accumulators agree: histograms, time bins and log windows", "[montecarlo][tempering]") {
  TemperingParameters p = small_run();
  p.therm = 0;
  p.sweeps = 100;  // windows then cover exactly the measured sweeps
  Tempering run(p, 1);
  run.run();
  const TemperingSummary s = summarize(run);
  const Accumulators& a = run.accumulators();
  const int L = a.L, N = p.N, R = p.replicas;
  for (int d = 0; d < p.samples; ++d) {
    for (int k = 0; k < L; ++k) {
      std::int64_t nq = 0, nm = 0;
      double q_from_histogram = 0.0, m_from_histogram = 0.0;
      for (int h = 0; h <= N; ++h) {
        const auto i = static_cast<std::size_t>((d * L + k) * (N + 1) + h);
        nq += a.q_histogram[i];
        nm += a.m_histogram[i];
        q_from_histogram += a.q_histogram[i] * double(2 * h - N) / N;
        m_from_histogram += a.m_histogram[i] * double(2 * h - N) / N;
      }
      CHECK(nq == p.sweeps * R * (R - 1) / 2);
      CHECK(nm == p.sweeps * R);
      const std::size_t i = static_cast<std::size_t>(d * L + k);
      CHECK(q_from_histogram / nq == Approx(s.per_sample[int(Observable::q)][i]).margin(1e-12));
      CHECK(m_from_histogram / nm == Approx(s.per_sample[int(Observable::m)][i]).margin(1e-12));
      for (Observable o : {Observable::e, Observable::q2, Observable::max_m}) {
        double windows = 0.0;
        for (int w = 0; w < a.W; ++w) windows += a.window_sum(d, k, w, o);
        CHECK(windows / p.sweeps == Approx(s.per_sample[int(o)][i]).epsilon(1e-12));
      }
    }
  }
  // 100 sweeps in bins of ceil(100 / 8) = 13: seven of 13 and one of 9
  CHECK(bin_length(p) == 13);
  CHECK(bin_count(p) == 8);
  CHECK(bin_size(p, 7) == 9);
  CHECK(window_count(p) == 7);  // t = 0..99: windows 0..6 (t + 1 up to 100 < 128)
  CHECK(window_last_sweep(p, 6) == 99);
  for (double f : s.flip_acceptance) {
    CHECK(f > 0.0);
    CHECK(f < 1.0);
  }
  CHECK(s.flip_acceptance.front() < s.flip_acceptance.back());  // colder: fewer flips
  CHECK(s.blocks == ErrorBlocks::samples);
  CHECK(s.block_count == 2);
}

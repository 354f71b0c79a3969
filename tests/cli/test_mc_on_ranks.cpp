// Issue 18 (mc under MPI): the pieces of apps/mc_on_ranks that need no second rank. The ranks'
// shares cover the samples once in order with rank 0 always working; a share's parameters are
// the slice of the whole run (or of a part) keyed by global sample; a state survives its bytes
// and its cut into shares joined again, and truncated bytes are refused.
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <vector>

#include "dhn/montecarlo/temperature_ladder.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "mc_on_ranks.hpp"
#include "mc_state_transfer.hpp"

using namespace dhn::montecarlo;
using dhn::cli::SampleShare;

namespace {
TemperingParameters small_run(bool umbrella) {
  TemperingParameters p;
  p.P = 3;
  p.N = 16;
  p.K = 6;
  p.T = {0.08, 0.15, 0.3};
  p.replicas = 2;
  p.samples = 5;
  p.therm = 3;
  p.sweeps = 12;
  p.swap_every = 1;
  p.seed = 17;
  p.bins = 3;
  if (umbrella) {
    const UmbrellaWindows windows = parse_windows("0:1:3");
    p.T.assign(windows.lo.size(), 0.15);
    p.window_lo = windows.lo;
    p.window_hi = windows.hi;
    p.replicas = 1;
  }
  return p;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool same_state(const TemperingState& a, const TemperingState& b) {
  const Accumulators &x = a.accumulators, &y = b.accumulators;
  return a.sweep == b.sweep && same_bits(a.spins, b.spins) &&
         same_bits(a.slot_of_walker, b.slot_of_walker) && same_bits(a.trip_label, b.trip_label) &&
         same_bits(a.round_trips, b.round_trips) && x.D == y.D && x.L == y.L && x.N == y.N &&
         x.B == y.B && x.W == y.W && same_bits(x.bin_sums, y.bin_sums) &&
         same_bits(x.window_sums, y.window_sums) && same_bits(x.q_histogram, y.q_histogram) &&
         same_bits(x.m_histogram, y.m_histogram) &&
         same_bits(x.condensed_histogram, y.condensed_histogram) &&
         same_bits(x.other_overlap_histogram, y.other_overlap_histogram) &&
         same_bits(x.energy_by_m, y.energy_by_m) && same_bits(x.flips_accepted, y.flips_accepted) &&
         same_bits(x.swaps_attempted, y.swaps_attempted) &&
         same_bits(x.swaps_accepted, y.swaps_accepted);
}
}  // namespace

TEST_CASE("issue 18: the ranks' shares cover the samples once, in order, rank 0 first",
          "[cli][mpi]") {
  for (int samples : {1, 2, 5, 7, 64}) {
    for (int ranks : {1, 2, 3, 4, 8}) {
      int next = 0;
      for (int r = 0; r < ranks; ++r) {
        const SampleShare s = dhn::cli::share_of_rank(samples, r, ranks);
        CHECK(s.first == next);
        CHECK(s.count >= samples / ranks);
        CHECK(s.count <= samples / ranks + 1);
        next += s.count;
      }
      CHECK(next == samples);
      CHECK(dhn::cli::share_of_rank(samples, 0, ranks).count >= 1);
    }
  }
}

TEST_CASE("issue 18: a share's parameters are the slice keyed by global sample", "[cli][mpi]") {
  TemperingParameters p = small_run(false);
  const TemperingParameters whole = dhn::cli::share_parameters(p, {0, 5});
  CHECK(!slice(whole));
  const TemperingParameters middle = dhn::cli::share_parameters(p, {2, 2});
  CHECK((middle.first_sample == 2 && middle.samples == 2 && middle.total_samples == 5));
  // a share of a part (--sample-range 1:5 under mpirun) counts from the part's first sample
  p.first_sample = 1;
  p.samples = 4;
  p.total_samples = 5;
  const TemperingParameters of_part = dhn::cli::share_parameters(p, {1, 2});
  CHECK((of_part.first_sample == 2 && of_part.samples == 2 && of_part.total_samples == 5));
}

TEST_CASE("issue 18: a state survives its bytes and its cut into shares joined again",
          "[cli][mpi]") {
  for (bool umbrella : {false, true}) {
    const TemperingParameters p = small_run(umbrella);
    Tempering run(p, 1);
    run.advance(7);
    const TemperingState state = run.state();
    const std::vector<std::byte> bytes = dhn::cli::state_bytes(state);
    CHECK(same_state(dhn::cli::state_from_bytes(bytes), state));

    TemperingState joined = dhn::cli::state_samples(state, p.samples, 0, 2);
    CHECK(joined.accumulators.D == 2);
    CHECK(joined.accumulators.consistent());
    dhn::cli::append_state_samples(joined, dhn::cli::state_samples(state, p.samples, 2, 1));
    dhn::cli::append_state_samples(joined, dhn::cli::state_samples(state, p.samples, 3, 2));
    CHECK(same_state(joined, state));

    const std::vector<std::byte> truncated(bytes.begin(), bytes.end() - 1);
    CHECK_THROWS_AS(dhn::cli::state_from_bytes(truncated), std::runtime_error);
    std::vector<std::byte> longer = bytes;
    longer.push_back(std::byte{0});
    CHECK_THROWS_AS(dhn::cli::state_from_bytes(longer), std::runtime_error);
    CHECK_THROWS_AS(dhn::cli::state_samples(state, p.samples, 4, 2), std::invalid_argument);
  }
}

TEST_CASE(
    "issue 18: with fewer samples than ranks, groups of ranks share every chain once, the "
    "measuring rank the fewest",
    "[cli][mpi]") {
  for (int samples : {1, 2, 3}) {
    for (int replicas : {1, 2, 3, 5}) {
      for (int ranks = samples + 1; ranks <= 9; ++ranks) {
        std::vector<int> held(static_cast<std::size_t>(samples * replicas), 0);
        int previous_sample = 0;
        for (int r = 0; r < ranks; ++r) {
          const dhn::cli::RankWork w = dhn::cli::work_of_rank(samples, replicas, r, ranks);
          REQUIRE(w.split);
          CHECK(w.group_first <= r);
          CHECK(w.group_members >= 1);
          if (w.replicas == 0) {
            CHECK(w.samples.count == 0);
            CHECK(r - w.group_first >= replicas);  // only members beyond R idle
            continue;
          }
          REQUIRE(w.samples.count == 1);
          CHECK(w.samples.first >= previous_sample);  // groups in sample order
          previous_sample = w.samples.first;
          CHECK(w.measures() == (r == w.group_first));
          if (w.measures()) CHECK(w.replicas == replicas / w.group_members);  // the fewest
          CHECK(r - w.group_first < w.group_members);
          for (int x = w.first_replica; x < w.first_replica + w.replicas; ++x)
            ++held[static_cast<std::size_t>(w.samples.first * replicas + x)];
        }
        for (int n : held) CHECK(n == 1);
      }
    }
  }
  // at least as many samples as ranks: the sample blocks, whole chains
  const dhn::cli::RankWork w = dhn::cli::work_of_rank(5, 2, 1, 3);
  CHECK((!w.split && w.samples.first == 2 && w.samples.count == 2 && w.measures()));
}

// The protocol of split samples in one process: "ranks" holding Temperings of one sample advance
// their blocks of chains batch by batch, the first measures from all blocks' records, and their
// states joined as rank 0 joins them equal the single run's state, bit for bit.
TEST_CASE("issue 18: a sample's chains advanced in blocks by several holders give the single run",
          "[cli][mpi]") {
  for (bool umbrella : {false, true}) {
    TemperingParameters p = small_run(umbrella);
    p.samples = 1;
    p.replicas = 3;
    p.sweeps = 20;
    Tempering single(p, 1);
    single.advance(total_sweeps(p));

    const std::vector<Tempering::ChainBlock> blocks{{0, 1}, {1, 2}};
    Tempering first(p, 1), second(p, 2);
    for (std::int64_t batch : {std::int64_t{1}, std::int64_t{5}, std::int64_t{17}}) {
      std::vector<std::vector<std::byte>> records;
      records.push_back(first.advance_block(batch, blocks[0]));
      records.push_back(second.advance_block(batch, blocks[1]));
      CHECK(records[1].size() == second.block_record_bytes(batch, blocks[1]));
      first.record_blocks(batch, blocks, records);
    }
    REQUIRE(first.finished());
    TemperingState joined = first.state();
    // as rank 0 joins them: the member's own chains, through their bytes
    const TemperingState own_chains = dhn::cli::state_from_bytes(
        dhn::cli::state_bytes(dhn::cli::state_chains(second.state(), 3, 1, 2)));
    CHECK(own_chains.spins.size() == std::size_t{2} * p.T.size() * static_cast<std::size_t>(p.N));
    dhn::cli::copy_state_chains(joined, 3, 1, own_chains, 2, 0, 2);
    CHECK(same_state(joined, single.state()));
    CHECK_THROWS_AS(dhn::cli::state_chains(second.state(), 3, 2, 2), std::invalid_argument);

    // records that leave a chain out, or count one twice, are refused
    Tempering again(p, 1);
    const std::vector<std::byte> own = again.advance_block(2, {0, 3});
    const std::vector<Tempering::ChainBlock> twice{{0, 3}, {0, 3}}, short_block{{0, 2}};
    CHECK_THROWS_AS(again.record_blocks(2, twice, std::vector<std::vector<std::byte>>{own, own}),
                    std::invalid_argument);
    CHECK_THROWS_AS(again.record_blocks(2, short_block, std::vector<std::vector<std::byte>>{own}),
                    std::invalid_argument);
  }
}

// A rank holding one chain on several threads shares each sweep's walkers between them (the
// block is worth forking for: 3 walkers x N 64 x K 400 pattern updates per sweep).
TEST_CASE("issue 18: one chain per holder on 2 threads gives the single run", "[cli][mpi]") {
  TemperingParameters p = small_run(false);
  p.N = 64;
  p.K = 400;
  p.samples = 1;
  p.sweeps = 10;
  Tempering single(p, 1);
  single.advance(total_sweeps(p));

  const std::vector<Tempering::ChainBlock> blocks{{0, 1}, {1, 1}};
  Tempering first(p, 2), second(p, 2);
  for (std::int64_t batch : {std::int64_t{4}, std::int64_t{9}}) {
    std::vector<std::vector<std::byte>> records;
    records.push_back(first.advance_block(batch, blocks[0]));
    records.push_back(second.advance_block(batch, blocks[1]));
    first.record_blocks(batch, blocks, records);
  }
  TemperingState joined = first.state();
  dhn::cli::copy_state_chains(joined, 2, 1, dhn::cli::state_chains(second.state(), 2, 1, 1), 1, 0,
                              1);
  CHECK(same_state(joined, single.state()));
}

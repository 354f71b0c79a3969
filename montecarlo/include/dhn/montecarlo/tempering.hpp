// Parallel tempering of the dense network: D disorder samples x R independent chains, each a
// ladder of L walkers exchanging temperatures. The one Monte Carlo driver of the suite: the
// walkers live in a WalkerEnsemble (walker_ensemble.hpp: host or GPU), the driver owns the
// ladder, the measurements, the swap rounds and the state. Results do not depend on the thread
// count or the backend (every random number is a Philox function of seed, sample, chain, slot,
// sweep, and every walker integer is exact).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/blocking_pool.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"
#include "dhn/montecarlo/tempering_steps.hpp"
#include "dhn/montecarlo/thread_governor.hpp"
#include "dhn/montecarlo/walker_ensemble.hpp"

namespace dhn::montecarlo {

class ChainBatch;  // montecarlo/src/chain_batch.hpp

// Everything that evolves during a run; with the parameters it determines the rest of the run
// exactly (checkpoints store it whole). Walker c = (d R + r) L + w is walker w of chain (d, r).
struct TemperingState {
  std::int64_t sweep = 0;                    // sweeps done, thermalisation included
  std::vector<std::int8_t> spins;            // (D, R, L, N) by walker
  std::vector<std::int32_t> slot_of_walker;  // (D, R, L): each chain's ladder permutation
  std::vector<std::int8_t> trip_label;       // (D, R, L): TripLabel by walker
  std::vector<std::int64_t> round_trips;     // (D, R, L): slot 0 -> L-1 -> 0 trips by walker
  Accumulators accumulators;                 // measurements by (sample, slot)
};

// The (sample, slot) items from which the sweep-by-sweep measurement loop forks threads.
inline constexpr std::int64_t kMeasureItemsToFork = 256;
// The most bytes a batch of sweeps records (ChainBatch::bytes_per_sweep per sweep; at least one
// sweep's worth, which is less than the spins themselves).
inline constexpr std::size_t kBatchRecordBytes = std::size_t{64} << 20;

enum class RunStatus {
  finished,  // total_sweeps(parameters) sweeps done
  stopped,   // the control callback asked to stop earlier
};

// When run() returns to its control callback. The sweeps between two calls form a batch, in
// which each chain advances on its own thread without waiting for the others; results do not
// depend on the batches.
struct RunPacing {
  // > 0: batches last about this long (their sweep count adapts to the measured time per
  // sweep); 0: the callback runs after every sweep.
  double batch_seconds = 0.0;
  // > 0: no batch runs past this sweep, so that a callback that stops there stops exactly at it.
  std::int64_t stop_at_sweep = 0;
};

// The batch duration for programs (mc): long enough that a thread's wait at the end of a batch
// (the other chain's lag, some scheduler time slices when the machine is busy) is paid rarely
// (bench_mc_tempering, 2 threads / 1 thread with one competing CPU-bound process: 0.8-0.9 with
// 0.1 s batches, 0.92-0.99 with 0.25 s, 1.01-1.03 with 1 s), short enough for a reaction to
// signals within about a second and a live progress line.
inline constexpr double kProgramBatchSeconds = 1.0;

// One sweep of the run at sweep index t:
//  1. every walker does one sweep (dynamics.hpp) at the temperature of its slot, with the key
//     (seed, sample d, replica r L + slot, t): the stream belongs to the slot, not to the walker;
//  2. the observables at every (d, slot) are recorded (accumulators.hpp; record_slot of
//     tempering_steps.hpp) from the ensemble's summaries and replica-pair spin products;
//  3. when swap_every > 0 and (t + 1) is a multiple of it, each chain attempts to exchange the
//     walkers of slots (k, k+1) for k = 0, 1, ..., L-2 in turn, accepting with
//     min(1, exp((beta_k - beta_(k+1)) (E_k - E_(k+1)))) against the uniform from the Philox block
//     (seed, Stream::tempering; counter (d, r, t, k)); then the round-trip labels are updated
//     (Ladder::swap_round of tempering_steps.hpp).
// Steps 1 and 3 involve one chain (d, r) at a time; only step 2 combines the R chains of a sample.
// So an ensemble with walker-by-walker access (the host's; WalkerEnsemble::independent_walkers)
// runs in batches of sweeps: one OpenMP region per batch in which each chain does steps 1 and 3
// for every sweep of the batch on one thread, recording the summaries and packed spins of step
// 2, which is replayed afterwards in sweep order (chain_batch.hpp). No thread waits for another
// between sweeps, only once at the end of a batch, so threads do not collapse on a busy machine.
// Other ensembles (the GPU's), and a single chain (D R = 1) on several threads, are driven one
// whole-ensemble sweep at a time (the threads share the walkers of each sweep). Both give the
// same bits.
class Tempering {
 public:
  // Validates p, draws the D networks (patterns of sample d from (seed, d)) and puts walker w of
  // chain (d, r) at slot w in the initial state of p.init (ReplicaKey (seed, d, r L + w)), in the
  // ensemble that `walkers` builds (default: host_walkers()). threads: OpenMP threads of the
  // host work (<= 0: OpenMP's default); the result does not depend on them. Memory: 9/8 D N K bytes
  // of patterns plus what the ensemble takes (host: D R L (N + 10 K) bytes). Throws
  // std::invalid_argument for bad parameters, and what the factory throws (NoDeviceError).
  explicit Tempering(TemperingParameters p, int threads = 0);
  Tempering(TemperingParameters p, int threads, const WalkerEnsembleFactory& walkers);
  Tempering(const Tempering&) = delete;
  Tempering& operator=(const Tempering&) = delete;

  const TemperingParameters& parameters() const { return p_; }
  std::int64_t sweeps_done() const { return sweep_; }
  bool finished() const { return sweep_ >= total_sweeps(p_); }
  const Network& network(int d) const { return networks_[static_cast<std::size_t>(d)]; }
  const std::vector<Network>& networks() const { return networks_; }
  const Accumulators& accumulators() const { return acc_; }
  const WalkerEnsemble& walkers() const { return *walkers_; }
  int threads() const { return threads_; }  // as given, or OpenMP's default for 0
  // The threads the batches use now: fewer than given while the machine is too busy to run
  // them all (thread_governor.hpp).
  int threads_in_use() const { return pool_ ? governor_.threads_in_use() : threads_; }
  int slots() const { return L_; }
  // Whether a batch of one sweep forks OpenMP threads over the chains (threads > 1, D R > 1 and
  // worth_parallel(D R L, N, K) of host_walkers.hpp); longer batches fork when
  // worth_parallel(D R L x sweeps, N, K). Always false for ensembles without walker-by-walker
  // access (the GPU does the sweeps).
  bool parallel() const { return chain_parallel(1); }
  // Walker w of chain (d, r): its index in walkers(), its slot, the walker at a slot.
  std::size_t walker_index(int d, int r, int w) const { return ladder_.index(d, r, w); }
  int slot_of(int d, int r, int w) const { return ladder_.slot_of_walker[index(d, r, w)]; }
  int walker_at(int d, int r, int slot) const { return ladder_.walker_at_slot[index(d, r, slot)]; }
  std::int64_t round_trips(int d, int r, int w) const {
    return ladder_.round_trips[index(d, r, w)];
  }
  // Every walker's round trips, (D, R, L) by walker.
  std::span<const std::int64_t> round_trips() const { return ladder_.round_trips; }

  // One sweep as described above. No-op once finished.
  void advance() { advance(1); }
  // min(sweeps, sweeps left) sweeps, in batches of at most max_batch_sweeps().
  void advance(std::int64_t sweeps);
  // The longest batch: kBatchRecordBytes / ChainBatch::bytes_per_sweep, at least 1.
  std::int64_t max_batch_sweeps() const { return max_batch_; }
  // Sweeps until finished, calling control(*this) on the calling thread after every batch as
  // paced (every sweep by default); returns stopped as soon as control returns false before the
  // last sweep. Without control the sweeps run in the longest batches.
  RunStatus run(const std::function<bool(const Tempering&)>& control = {}, RunPacing pacing = {});

  // Chains split between processes (mc under mpirun with fewer samples than ranks,
  // docs/clusters.md): several processes hold a Tempering of the same parameters and each
  // advances only its block of the D R chains; after each batch the blocks' records meet in one
  // process, which replays the measurements. As the chains of a batch never wait for each other
  // (swap rounds, umbrella windows included, stay within a chain), this gives advance()'s bits.
  // Only that process's accumulators, and each block's own walkers and ladder entries in its
  // holder's state(), are then the run's. Needs walker-by-walker access
  // (WalkerEnsemble::independent_walkers; std::logic_error otherwise).
  struct ChainBlock {
    int first = 0;  // chain d R + r of the run's first chain in the block
    int count = 0;  // chains in the block
  };
  // One batch of `sweeps` sweeps (1 .. max_batch_sweeps(), at most the sweeps left) of the
  // block's chains; the other chains stay as they are and nothing is measured. On this
  // process's threads: one chain per thread for the whole batch, or, with fewer chains than
  // threads (and worth_parallel), the threads share each sweep's walkers. Advances
  // sweeps_done(). Returns the block's records (block_record_bytes(sweeps, block) bytes: per
  // chain and sweep a summary and the packed spins of each walker, and the swap outcomes).
  std::vector<std::byte> advance_block(std::int64_t sweeps, ChainBlock block);
  std::size_t block_record_bytes(std::int64_t sweeps, ChainBlock block) const;
  // The measurements of the batch of `sweeps` sweeps that ended at sweeps_done(): records[x]
  // from the advance_block of blocks[x] by whoever holds it; the blocks cover every chain once
  // (std::invalid_argument otherwise, and for records of the wrong size).
  void record_blocks(std::int64_t sweeps, std::span<const ChainBlock> blocks,
                     std::span<const std::vector<std::byte>> records);

  // A copy of the evolving state (spins fetched from the ensemble), and its inverse. restore()
  // checks every shape and that each chain's slots are a permutation (std::invalid_argument
  // naming what is wrong); the walkers are rebuilt from the spins with exact overlaps and
  // energies.
  TemperingState state() const;
  void restore(const TemperingState& state);

 private:
  std::size_t index(int d, int r, int w) const { return ladder_.index(d, r, w); }
  bool chain_parallel(std::int64_t sweeps) const;
  void advance_chains(std::int64_t sweeps);  // one batch of the host path
  void record(const ChainBatch& batch);      // its measurements, on the threads in use
  // fn(x) for x in [0, count): on the pool's threads (as many as the governor allows, which
  // then sees what they received) when `parallel`, else on this thread in order
  void for_each_chain(int count, bool parallel, const std::function<void(std::int64_t)>& fn);
  void advance_ensemble();  // one sweep of the whole-ensemble path
  void measure(std::int64_t t, std::span<const std::int64_t> accepted,
               const WalkerSummaries& summaries);

  TemperingParameters p_;
  int L_;
  int threads_;            // threads of the chains and the measurement loops
  bool measure_parallel_;  // the measurement loop forks (parallel() and many (sample, slot))
  // The batches' threads (chains, then the batch's measurements): they sleep between batches
  // (blocking_pool.hpp); null with one thread or without walker-by-walker sweeps.
  std::unique_ptr<BlockingPool> pool_;
  ThreadGovernor governor_{1};  // how many of them the next batch uses (thread_governor.hpp)
  std::int64_t max_batch_ = 1;
  std::vector<Network> networks_;
  std::vector<double> energy_denominators_;  // by sample
  std::unique_ptr<WalkerEnsemble> walkers_;
  Ladder ladder_;
  Accumulators acc_;
  std::int64_t sweep_ = 0;
};

}  // namespace dhn::montecarlo

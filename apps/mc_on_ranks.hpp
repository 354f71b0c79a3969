// mc under mpirun (docs/clusters.md, "MPI: mc"): the disorder samples shared out over the ranks in
// contiguous blocks, each rank running its block as a slice of the run (every Philox key holds
// the global sample index, so the slices compute exactly the whole run's rows), in rounds of
// sweeps that rank 0 paces; checkpoints and the end gather the slices' states on rank 0 in the
// whole run's layout, so that the files equal a single process's and resume on any rank count.
#pragma once

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "common/mpi_session.hpp"
#include "dhn/montecarlo/tempering.hpp"

namespace dhn::cli {

// A rank's block of the samples: first .. first + count - 1 of the run's (count 0: idle rank).
struct SampleShare {
  int first = 0;
  int count = 0;
};

// Rank r of `ranks` gets samples / ranks samples, one more for r < samples % ranks, in rank order
// (so rank 0 always has work, and ranks beyond the sample count have none).
SampleShare share_of_rank(int samples, int rank, int ranks);

// A rank's work (docs/clusters.md, "MPI: mc"). With at least as many samples as ranks, its block
// of samples (share_of_rank). With fewer samples than ranks the ranks form one group per sample
// (sample d gets share_of_rank(ranks, d, samples): contiguous groups, in sample order), and each
// group shares its sample's R chains out over its first min(group size, R) members
// (chains_of_member); members beyond R have none. A split sample's first rank measures: after
// every batch it receives the other members' records (Tempering::advance_block) and replays the
// measurements, so it gets the fewest chains. The L slots of a chain (temperatures or umbrella
// windows, which exchange walkers every swap round) stay on one rank.
struct RankWork {
  SampleShare samples;    // its samples (count 0: idle); one sample when split
  bool split = false;     // fewer samples than ranks: the rank holds a block of chains
  int first_replica = 0;  // split: its chains are replicas first_replica ..
  int replicas = 0;       // .. first_replica + replicas - 1 of its sample (0: idle)
  int group_first = 0;    // split: the first rank of its sample's group (which measures)
  int group_members = 1;  // split: the group's ranks that hold chains, min(group size, R)
  bool measures() const { return samples.count > 0 && first_replica == 0; }
  int chains(int R) const { return split ? replicas : samples.count * R; }
};
RankWork work_of_rank(int samples, int replicas, int rank, int ranks);
// Member m of `members` (<= replicas) holds replicas first .. first + count - 1 of its sample:
// replicas / members each, one more for the last replicas % members members, in member order.
SampleShare chains_of_member(int replicas, int member, int members);

// The slice of run p (a whole run or itself a --sample-range part) that a share computes: its
// samples keyed by their global index (first_sample, total_samples); p itself for the whole.
montecarlo::TemperingParameters share_parameters(const montecarlo::TemperingParameters& p,
                                                 SampleShare share);

struct RanksRun {
  montecarlo::TemperingParameters whole;  // the run all ranks share (validated)
  int threads = 0;                        // OpenMP threads per rank (<= 0: OpenMP's default)
  montecarlo::WalkerEnsembleFactory walkers;
  bool resume = false;  // every rank: the run continues from a checkpoint
  // rank 0 with resume: the whole run's state read from the checkpoint (checked against whole)
  const montecarlo::TemperingState* stored = nullptr;
  double checkpoint_every = 0.0;   // seconds between checkpoints, 0 = only when stopping
  std::int64_t stop_at_sweep = 0;  // > 0: stop with a checkpoint at exactly this sweep
  bool quiet = false;              // no progress line (rank 0 draws it; the others never)
  const volatile std::sig_atomic_t* signal = nullptr;  // set by this rank's signal handler
  // rank 0: writes a checkpoint of the whole run's state (every checkpoint_every seconds)
  std::function<void(const montecarlo::TemperingState&)> checkpoint;
};

// What rank 0 exchanged with the others (docs/clusters.md, "MPI: mc", communication): per round
// one command to each rank and one report from each, kRoundMessageBytes each; per gather one
// empty message to each rank and its state (an 8-byte length, then chunks of at most 1 GiB).
// Split samples: after each batch a sample's first rank sends every other member of its group an
// empty message and receives its records (an 8-byte length, then the bytes of
// Tempering::block_record_bytes); rank 0 counts those of its own group.
struct RanksTraffic {
  std::int64_t rounds = 0;            // rounds of sweeps
  std::int64_t gathers = 0;           // checkpoints and the end
  std::size_t last_gather_bytes = 0;  // state bytes received from the other ranks, last gather
  std::int64_t record_batches = 0;    // split: batches whose records rank 0 received
  std::int64_t record_messages = 0;   // split: messages rank 0 sent or received for them
  std::size_t record_bytes = 0;       // split: record bytes rank 0 received
};
inline constexpr std::size_t kRoundMessageBytes = 16;

struct RanksEnd {
  montecarlo::RunStatus status = montecarlo::RunStatus::finished;
  int signal = 0;          // stopped by a signal on some rank (its number), else 0
  std::int64_t sweep = 0;  // the sweep every rank reached
  std::optional<montecarlo::TemperingState> whole;  // rank 0: the whole run's state; else none
  RanksTraffic traffic;                             // rank 0: its messages; else zeros
};

// Runs the run over the session's ranks (session.size() > 1; work_of_rank); every rank calls it.
// Rank 0 hands out rounds of sweeps one round ahead (a round lasts about kProgramBatchSeconds on
// rank 0), so a rank waits only when it is a round ahead of rank 0; after each round every rank
// reports its sweep (progress on rank 0: samples x sweeps done over all ranks). Rank 0 decides,
// from its clock, its signals and the other ranks' reported signals, which round ends in a
// checkpoint or the stop; at such a round's end it gathers the states (state_bytes, sample order)
// and calls checkpoint or returns. Waits poll with sleeps (50 us growing to 1 ms), so an idle rank
// costs no core. Throws what the engine or the transfer throws (the caller aborts the run, naming
// the rank).
RanksEnd run_on_ranks(const MpiSession& session, const RanksRun& run);

}  // namespace dhn::cli

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
struct RanksTraffic {
  std::int64_t rounds = 0;            // rounds of sweeps
  std::int64_t gathers = 0;           // checkpoints and the end
  std::size_t last_gather_bytes = 0;  // state bytes received from the other ranks, last gather
};
inline constexpr std::size_t kRoundMessageBytes = 16;

struct RanksEnd {
  montecarlo::RunStatus status = montecarlo::RunStatus::finished;
  int signal = 0;          // stopped by a signal on some rank (its number), else 0
  std::int64_t sweep = 0;  // the sweep every rank reached
  std::optional<montecarlo::TemperingState> whole;  // rank 0: the whole run's state; else none
  RanksTraffic traffic;                             // rank 0: its messages; else zeros
};

// Runs the run over the session's ranks (session.size() > 1); every rank calls it. Rank 0 hands
// out rounds of sweeps one round ahead (a round lasts about kProgramBatchSeconds on rank 0), so a
// rank waits only when it is a round ahead of rank 0; after each round every rank reports its
// sweep (progress on rank 0: samples x sweeps done over all ranks). Rank 0 decides, from its
// clock, its signals and the other ranks' reported signals, which round ends in a checkpoint or
// the stop; at such a round's end it gathers the states (state_bytes, sample order) and calls
// checkpoint or returns. Waits poll with sleeps (50 us growing to 1 ms), so an idle rank costs no
// core. Throws what the engine or the transfer throws (the caller aborts the run, naming the
// rank).
RanksEnd run_on_ranks(const MpiSession& session, const RanksRun& run);

}  // namespace dhn::cli

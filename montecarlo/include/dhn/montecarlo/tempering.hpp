// Parallel tempering of the dense network: D disorder samples x R independent chains, each a
// ladder of L walkers exchanging temperatures. The one Monte Carlo driver of the suite: the
// walkers live in a WalkerEnsemble (walker_ensemble.hpp: host or GPU), the driver owns the
// ladder, the measurements, the swap rounds and the state. Results do not depend on the thread
// count or the backend (every random number is a Philox function of seed, sample, chain, slot,
// sweep, and every walker integer is exact).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"
#include "dhn/montecarlo/tempering_steps.hpp"
#include "dhn/montecarlo/walker_ensemble.hpp"

namespace dhn::montecarlo {

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

// The (sample, slot) items from which the measurement loop forks threads.
inline constexpr std::int64_t kMeasureItemsToFork = 256;

enum class RunStatus {
  finished,  // total_sweeps(parameters) sweeps done
  stopped,   // the control callback asked to stop earlier
};

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
class Tempering {
 public:
  // Validates p, draws the D networks (patterns of sample d from (seed, d)) and puts walker w of
  // chain (d, r) at slot w in the initial state of p.init (ReplicaKey (seed, d, r L + w)), in the
  // ensemble that `walkers` builds (default: host_walkers()). threads: OpenMP threads of the
  // host work (<= 0: OpenMP's default); the result does not depend on them. Memory: D N K bytes
  // of patterns plus what the ensemble takes (host: D R L (N + 4 K) bytes). Throws
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
  int slots() const { return L_; }
  // Whether the sweeps of the host ensemble fork OpenMP threads (worth_parallel of
  // host_walkers.hpp); the measurement loop forks only when, besides, D L >= kMeasureItemsToFork.
  bool parallel() const { return parallel_; }
  // Walker w of chain (d, r): its index in walkers(), its slot, the walker at a slot.
  std::size_t walker_index(int d, int r, int w) const { return ladder_.index(d, r, w); }
  int slot_of(int d, int r, int w) const { return ladder_.slot_of_walker[index(d, r, w)]; }
  int walker_at(int d, int r, int slot) const { return ladder_.walker_at_slot[index(d, r, slot)]; }
  std::int64_t round_trips(int d, int r, int w) const {
    return ladder_.round_trips[index(d, r, w)];
  }

  // One sweep as described above. No-op once finished.
  void advance();
  // advance() until finished, calling control(*this) after every sweep on the calling thread;
  // returns stopped as soon as control returns false before the last sweep.
  RunStatus run(const std::function<bool(const Tempering&)>& control = {});

  // A copy of the evolving state (spins fetched from the ensemble), and its inverse. restore()
  // checks every shape and that each chain's slots are a permutation (std::invalid_argument
  // naming what is wrong); the walkers are rebuilt from the spins with exact overlaps and
  // energies.
  TemperingState state() const;
  void restore(const TemperingState& state);

 private:
  std::size_t index(int d, int r, int w) const { return ladder_.index(d, r, w); }
  void measure(std::int64_t t, std::span<const std::int64_t> accepted,
               const WalkerSummaries& summaries);

  TemperingParameters p_;
  int L_;
  int threads_;            // OpenMP threads of the measurement loop
  bool parallel_;          // worth_parallel(D R L, N, K) of host_walkers.hpp
  bool measure_parallel_;  // the measurement loop forks (parallel_ and many (sample, slot))
  std::vector<Network> networks_;
  std::unique_ptr<WalkerEnsemble> walkers_;
  Ladder ladder_;
  Accumulators acc_;
  std::int64_t sweep_ = 0;
};

}  // namespace dhn::montecarlo

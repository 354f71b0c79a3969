// The walker ensemble: the storage of every Monte Carlo walker of a run, as the tempering driver
// (tempering.hpp) sees it. The driver owns the ladder, the counters, the measurements and the
// checkpoints; an ensemble only sweeps its walkers and reports the integers the driver measures.
//
// Implementations: host_walkers() (montecarlo/host_walkers.hpp: Replica objects, OpenMP) and
// dhn::cuda::device_walkers() (the GPU, cuda/device_walkers.hpp). Every implementation must give
// the same integers for the same requests (the dynamics of dynamics.hpp with the keys below), so
// the driver's results do not depend on where the walkers live. The interface is virtual rather
// than a template concept because the backend is chosen at run time (mc --backend); its calls
// are per sweep, not per flip, so the indirection costs nothing measurable. The equilibrium
// sampling in m (umbrella windows: a per-walker bias on the cued overlap) and a distributed
// ensemble (walkers spread over MPI ranks) are further implementations of the same interface.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/sweep_request.hpp"

namespace dhn::montecarlo {

struct TemperingParameters;

// D samples x W walkers; walker c belongs to sample c / W and its network.
class WalkerEnsemble {
 public:
  virtual ~WalkerEnsemble() = default;

  // "cpu" or "cuda": where the walkers live (stored in /mc/meta).
  virtual std::string_view backend() const = 0;
  virtual std::size_t walkers() const = 0;
  // Does the request; returns the flips accepted by each walker in it.
  virtual std::vector<std::int64_t> sweep(const SweepRequest& request) = 0;
  // The summaries of the current state.
  virtual WalkerSummaries summaries() const = 0;
  // sum_i s^a_i s^b_i (N q_ab, exact) for each pair (a, b) = (first[x], second[x]).
  virtual std::vector<std::int64_t> spin_products(std::span<const std::int32_t> first,
                                                  std::span<const std::int32_t> second) const = 0;
  // The spins of every walker, (walkers, N) values +-1; and their replacement (overlaps and
  // energies recomputed exactly). set_spins throws std::invalid_argument on a wrong size.
  virtual std::vector<std::int8_t> spins() const = 0;
  virtual void set_spins(std::span<const std::int8_t> spins) = 0;

  // Walker-by-walker access, optional. True when the three calls below are implemented and may be
  // made from any thread, concurrently for distinct walkers (and with no other call in flight):
  // the driver then advances each chain on its own thread for a batch of sweeps (tempering.hpp).
  // An ensemble that answers false (the GPU's, one launch per whole-ensemble request) is driven
  // one sweep of every walker at a time through sweep(); the results are the same.
  virtual bool independent_walkers() const { return false; }
  // One sweep of walker c; returns its accepted flips.
  virtual std::int64_t sweep_walker(std::size_t c, const WalkerSweep& request);
  // Walker c's summary in its current state (accepted = 0).
  virtual WalkerSummary summary(std::size_t c) const;
  // Walker c's spins as bits (bit i % 64 of word i / 64 set for s_i = +1, the rest of the last
  // word 0) into bits, which holds packed_words(N) words: then sum_i s^a_i s^b_i =
  // N - 2 popcount(a xor b), the spin products without keeping N bytes per walker.
  virtual void pack_spins(std::size_t c, std::span<std::uint64_t> bits) const;
};

// The 64-bit words of N packed spins.
inline std::size_t packed_words(int N) {
  return (static_cast<std::size_t>(N) + 63) / 64;
}

// Ensembles without walker-by-walker access (independent_walkers() false) are never asked.
inline std::int64_t WalkerEnsemble::sweep_walker(std::size_t, const WalkerSweep&) {
  throw std::logic_error("walker ensemble: no walker-by-walker sweeps");
}
inline WalkerSummary WalkerEnsemble::summary(std::size_t) const {
  throw std::logic_error("walker ensemble: no walker-by-walker summaries");
}
inline void WalkerEnsemble::pack_spins(std::size_t, std::span<std::uint64_t>) const {
  throw std::logic_error("walker ensemble: no walker-by-walker spins");
}

// Builds the ensemble of the walkers of networks (walkers_per_sample = spins.size() / (D N)),
// in the state `spins` ((walkers, N) values +-1). threads: OpenMP threads for host work, <= 0
// for OpenMP's default. p gives the flip kernel and sizes.
using WalkerEnsembleFactory = std::function<std::unique_ptr<WalkerEnsemble>(
    const TemperingParameters& p, const std::vector<Network>& networks,
    std::span<const std::int8_t> spins, int threads)>;

}  // namespace dhn::montecarlo

// A batch of sweeps in which every tempering chain advances on its own (private to
// montecarlo/src; the host path of Tempering, tempering.hpp). Between the measurements nothing
// couples two chains: a chain's sweeps, swap rounds and round-trip labels use only its own
// walkers and Philox keys of (seed, d, r, t, ...). So each chain runs all sweeps of the batch on
// one thread without waiting for the others, recording what the measurements need; after the
// batch, record() replays the measurements and the swap counts in sweep order, which gives every
// accumulator bit for bit what the sweep-by-sweep path gives, for any thread count and batch
// length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/blocking_pool.hpp"
#include "dhn/montecarlo/tempering_steps.hpp"
#include "dhn/montecarlo/walker_ensemble.hpp"

namespace dhn::montecarlo {

class ChainBatch {
 public:
  // Records of `sweeps` sweeps from first_sweep for every chain of p; bytes_per_sweep(p) bytes
  // per sweep.
  ChainBatch(const TemperingParameters& p, std::int64_t first_sweep, std::int64_t sweeps);

  // Per sweep of all D R chains: a summary (32 bytes) per walker, its spins packed
  // (packed_words(N) 64-bit words per walker, only when R >= 2: the replica overlaps q) and a
  // swap outcome (a byte) per slot pair.
  static std::size_t bytes_per_sweep(const TemperingParameters& p);

  // Every sweep of the batch of chain `chain` = d R + r, on the calling thread: each walker's
  // sweep at the temperature (and window) of its slot, its summary recorded by slot, then the
  // chain's swap round when one is due (Ladder::swap_chain). Touches only the chain's walkers,
  // ladder entries and records: calls for distinct chains may run concurrently.
  void advance_chain(int chain, WalkerEnsemble& walkers, Ladder& ladder, double energy_denominator);
  // The two steps of advance_chain's sweep s (0-based in the batch), for callers that share one
  // sweep's walkers between threads: walker w of chain's sweep, its summary and spins recorded
  // by slot (calls for distinct walkers may run concurrently); then, once every walker of the
  // chain has done sweep s, the chain's swap round when one is due.
  void sweep_walker(int chain, std::int64_t s, int w, WalkerEnsemble& walkers,
                    const Ladder& ladder);
  void swap_after(int chain, std::int64_t s, Ladder& ladder, double energy_denominator);

  // The records of chains first .. first + count - 1 as bytes (summaries, packed spins, swap
  // outcomes: each a contiguous run of the arrays, which are by chain first), and their
  // inverse, which throws std::invalid_argument when bytes has not block_bytes' size.
  std::size_t block_size(int count) const;
  std::vector<std::byte> block_bytes(int first, int count) const;
  void set_block_bytes(int first, int count, std::span<const std::byte> bytes);

  // Once every chain is done: record_slot for every (sample, slot) and sweep of the batch, in
  // sweep order per (sample, slot), and the swap counts. The (sample, slot) items run on up to
  // `threads` of `pool`'s threads when given, on the calling thread otherwise.
  void record(std::span<const double> energy_denominators, Accumulators& acc, BlockingPool* pool,
              int threads) const;

 private:
  std::size_t entry(int chain, std::int64_t s, int slot) const {
    return (static_cast<std::size_t>(chain) * static_cast<std::size_t>(sweeps_) +
            static_cast<std::size_t>(s)) *
               static_cast<std::size_t>(L_) +
           static_cast<std::size_t>(slot);
  }
  // The swap round after sweep s of chain, with scratch arrays of L entries.
  void swap_round(int chain, std::int64_t s, Ladder& ladder, double energy_denominator,
                  std::span<std::int64_t> energy, std::span<std::int32_t> cued);
  std::span<const std::uint64_t> bits(std::size_t at) const {
    return {spin_bits_.data() + at * words_, words_};
  }

  const TemperingParameters& p_;
  int L_;
  std::int64_t first_, sweeps_;
  std::size_t words_;                        // packed words per walker, 0 when R = 1
  std::vector<WalkerSummary> summaries_;     // (chains, sweeps, L) by slot after each sweep
  std::vector<std::uint64_t> spin_bits_;     // (chains, sweeps, L, words_) likewise
  std::vector<std::uint8_t> swap_accepted_;  // (chains, sweeps, L - 1), when swaps_after
};

}  // namespace dhn::montecarlo

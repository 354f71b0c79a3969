// The per-sweep steps of parallel tempering that do not touch spins, used by the driver
// (tempering.hpp) whatever walker ensemble holds the spins: the measurement of one (sample,
// slot) from per-walker raw integers, and the swap round with the round-trip labels, from the
// walkers' exact energy numerators given as an array.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/sweep_request.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"

namespace dhn::montecarlo {

// Records into acc the observables of sample d at slot k measured after sweep t (accumulators.hpp):
// replicas[r] is the walker of chain r at slot k (R = p.replicas entries) and products holds
// sum_i s^a_i s^b_i of the chains a < b in the order (0,1), (0,2), ..., (0,R-1), (1,2), ...
// (R (R-1) / 2 entries). Adds the histogram entries when t >= p.therm and the accepted flips
// always. Safe to call concurrently for different (d, k).
void record_slot(const TemperingParameters& p, double energy_denominator, std::int64_t t, int d,
                 int k, std::span<const WalkerSummary> replicas,
                 std::span<const std::int64_t> products, Accumulators& acc);

// Round-trip bookkeeping of one walker: the last end of the ladder it touched.
enum class TripLabel : std::int8_t {
  none = 0,     // has touched neither end yet
  coldest = 1,  // slot 0 more recently than slot L-1
  hottest = 2,  // slot L-1 more recently than slot 0
};

// The ladder permutations of all chains, indexed like the walkers: c = (d R + r) L + w.
struct Ladder {
  int samples = 0, replicas = 0, L = 0;
  std::vector<std::int32_t> slot_of_walker;  // (D, R, L)
  std::vector<std::int32_t> walker_at_slot;  // (D, R, L): inverse of slot_of_walker per chain
  std::vector<std::int8_t> trip_label;       // (D, R, L): TripLabel by walker
  std::vector<std::int64_t> round_trips;     // (D, R, L)

  // Walker w of every chain at slot w, labels updated once (slot 0 and L-1 touched).
  static Ladder identity(const TemperingParameters& p);
  std::size_t index(int d, int r, int w) const {
    return (static_cast<std::size_t>(d) * replicas + r) * L + w;
  }
  // The walker index c of the walker of chain (d, r) at slot k.
  std::size_t walker(int d, int r, int k) const {
    return index(d, r, walker_at_slot[index(d, r, k)]);
  }
  // Labels after the slots of chain (d, r) changed: the walker at slot 0 completes a round trip
  // when its label was hottest, and becomes coldest; the walker at L-1 becomes hottest when
  // its label was coldest. No-op for L = 1.
  void update_labels(int d, int r);
  // The swap round after sweep t (tempering.hpp, step 3): energy_numerators and the cued
  // overlaps S_0 by walker c, energy_denominators by sample; counts the attempts and acceptances
  // in acc. In umbrella mode (all slots at one T, so the Boltzmann factor is 1) a swap of slots
  // (k, k+1) is accepted when each walker's S_0 lies in the other slot's window.
  void swap_round(const TemperingParameters& p, std::int64_t t,
                  std::span<const std::int64_t> energy_numerators,
                  std::span<const std::int32_t> cued, std::span<const double> energy_denominators,
                  Accumulators& acc);
  // The same for chain (d, r) alone, without counting: energy_numerators and cued of its L
  // walkers by w (walker (d, r, w) at entry w); accepted[k] = 1 when the exchange of slots
  // (k, k+1) was accepted, else 0 (L - 1 entries; count them with count_swaps). Touches only
  // the chain's entries, so calls for distinct chains may run concurrently.
  void swap_chain(const TemperingParameters& p, std::int64_t t, int d, int r,
                  std::span<const std::int64_t> energy_numerators,
                  std::span<const std::int32_t> cued, double energy_denominator,
                  std::span<std::uint8_t> accepted);
};

// Counts one swap round of one chain of sample d in acc (swaps_attempted and swaps_accepted of
// its L - 1 slot pairs): accepted as swap_chain gives it.
void count_swaps(int d, std::span<const std::uint8_t> accepted, Accumulators& acc);

// Whether sweep t (0-based) is followed by a swap round.
inline bool swaps_after(const TemperingParameters& p, std::int64_t t) {
  return p.swap_every > 0 && p.T.size() > 1 && (t + 1) % p.swap_every == 0;
}

}  // namespace dhn::montecarlo

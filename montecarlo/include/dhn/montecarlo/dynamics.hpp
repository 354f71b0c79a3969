// Single-spin-flip dynamics of one replica: Metropolis and heat-bath sweeps in sequential or
// random site order, and the zero-temperature quench. Random numbers are pure functions of
// (seed, sample, replica, sweep, step) (Stream::dynamics), so trajectories are reproducible.
#pragma once

#include <cstdint>
#include <limits>

#include "dhn/montecarlo/acceptance.hpp"  // UpdateRule, accept_flip
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/replica.hpp"
#include "dhn/montecarlo/site_order.hpp"  // SiteOrder

namespace dhn::montecarlo {

struct SweepParameters {
  double beta = 1.0;                         // inverse temperature, convention B; may be +inf
  UpdateRule rule = UpdateRule::metropolis;  // acceptance rule
  SiteOrder order = SiteOrder::sequential;   // site order within a sweep
  // Hard walls on the cued overlap S_0 (umbrella windows): a flip that would take S_0 outside
  // [S0_min, S0_max] is rejected before its energy is computed. The defaults never bind.
  std::int32_t S0_min = std::numeric_limits<std::int32_t>::min();
  std::int32_t S0_max = std::numeric_limits<std::int32_t>::max();
};

// One sweep = N attempted flips. Step t uses the Philox block with key (seed, Stream::dynamics)
// and counter (sample, replica, sweep, t): word 0 picks the site (random order), word 1 is the
// acceptance uniform (drawn whether or not a wall rejects the flip, so the streams do not depend
// on the walls). Returns the number of accepted flips. O(N K) plus O(K) per acceptance.
std::int64_t sweep(Replica& replica, const SweepParameters& parameters, const ReplicaKey& key,
                   std::uint64_t sweep_index);

struct QuenchResult {
  double m = 0.0;           // final overlap with the cued pattern, S_0 / N
  std::int64_t sweeps = 0;  // sequential sweeps done (including the final one with no flip)
  std::int64_t flips = 0;   // flips accepted in total
  bool converged = false;   // true when a full sweep found no flip with Delta H < 0
};

// Zero-temperature quench: sequential sweeps flipping every spin whose flip strictly lowers
// the energy (Delta U < 0; Delta U = 0 flips are refused, so the energy decreases at every flip
// and the quench cannot cycle), until a whole sweep flips nothing or max_sweeps is spent. The
// final state is then a local minimum under single flips (every Delta U >= 0).
QuenchResult quench(Replica& replica, std::int64_t max_sweeps);

}  // namespace dhn::montecarlo

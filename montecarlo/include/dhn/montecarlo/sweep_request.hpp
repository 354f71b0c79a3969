// The plain data that the tempering driver exchanges with every walker ensemble (one request of
// sweeps, the per-walker summaries back). C++17 and no CUDA include: the GPU backend's .cu files
// include it too.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/acceptance.hpp"
#include "dhn/montecarlo/site_order.hpp"

namespace dhn::montecarlo {

// What to do with every walker in one call: `sweeps` sweeps (dynamics.hpp) of walker c at
// inverse temperature beta[c] with the Philox key (seed, sample c / W, key_replica[c]) and sweep
// counters first_sweep, first_sweep + 1, ...
struct SweepRequest {
  std::uint64_t seed = 0;                    // user seed of the Philox key
  std::int64_t first_sweep = 0;              // sweep index of the first sweep (Philox counter)
  int sweeps = 1;                            // sweeps of every walker, >= 1
  UpdateRule rule = UpdateRule::metropolis;  // acceptance rule
  SiteOrder order = SiteOrder::sequential;   // site order within a sweep
  std::vector<double> beta;                  // per walker, convention B (may be +inf)
  std::vector<std::uint64_t> key_replica;    // per walker: the replica word of its Philox key
  // Umbrella windows (per walker; empty: none): hard walls S0_min[c] <= S_0 <= S0_max[c] on the
  // cued overlap of walker c (dynamics.hpp, SweepParameters).
  std::vector<std::int32_t> S0_min, S0_max;
};

// The raw integers of every walker that a measurement needs, indexed by walker c.
struct WalkerSummaries {
  std::vector<std::int64_t> energy;     // U, exact (H = U / energy_denominator of its sample)
  std::vector<std::int32_t> cued;       // S_0 = N m
  std::vector<std::int32_t> max_abs;    // max_mu |S_mu|
  std::vector<std::int32_t> max_other;  // max_{mu >= 1} |S_mu| (0 for K = 1): other patterns
};

}  // namespace dhn::montecarlo

// The plain data that the tempering driver exchanges with every walker ensemble (one request of
// sweeps, or one sweep of one walker; the per-walker summaries back). C++17 and no CUDA include:
// the GPU backend's .cu files include it too.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/acceptance.hpp"
#include "dhn/montecarlo/site_order.hpp"

namespace dhn::montecarlo {

// What to do with every walker in one call: `sweeps` sweeps (dynamics.hpp) of walker c at
// inverse temperature beta[c] with the Philox key (seed, first_sample + c / W, key_replica[c])
// and sweep counters first_sweep, first_sweep + 1, ...
struct SweepRequest {
  std::uint64_t seed = 0;                    // user seed of the Philox key
  std::uint64_t first_sample = 0;            // key sample of the ensemble's first sample (slices)
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

// One sweep of one walker: the slice of a SweepRequest that belongs to walker c (sweep counter
// `sweep`, Philox key (seed, first_sample + c / W, key_replica)).
struct WalkerSweep {
  std::uint64_t seed = 0;
  std::uint64_t first_sample = 0;
  std::int64_t sweep = 0;
  UpdateRule rule = UpdateRule::metropolis;
  SiteOrder order = SiteOrder::sequential;
  double beta = 0.0;
  std::uint64_t key_replica = 0;
  bool windowed = false;  // hard walls S0_min <= S_0 <= S0_max (umbrella windows)
  std::int32_t S0_min = 0, S0_max = 0;
};

// The raw integers of one walker after a sweep: everything a measurement needs of it.
struct WalkerSummary {
  std::int64_t energy_numerator = 0;  // U, exact (H = U / energy_denominator)
  std::int32_t cued = 0;              // S_0
  std::int32_t max_abs = 0;           // max_mu |S_mu|
  std::int64_t accepted = 0;          // flips accepted in this sweep
  std::int32_t max_other = 0;         // max_{mu >= 1} |S_mu| (umbrella mode's condensation)
};

// The raw integers of every walker that a measurement needs, indexed by walker c.
struct WalkerSummaries {
  std::vector<std::int64_t> energy;     // U, exact (H = U / energy_denominator of its sample)
  std::vector<std::int32_t> cued;       // S_0 = N m
  std::vector<std::int32_t> max_abs;    // max_mu |S_mu|
  std::vector<std::int32_t> max_other;  // max_{mu >= 1} |S_mu| (0 for K = 1): other patterns
};

}  // namespace dhn::montecarlo

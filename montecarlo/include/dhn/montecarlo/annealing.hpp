// Simulated annealing of one replica: a schedule of (T, sweeps) stages run in order, e.g.
// geometric cooling, recording the energy and overlaps at the end of every stage.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/replica.hpp"

namespace dhn::montecarlo {

struct AnnealStage {
  double T = 1.0;           // temperature, convention B; 0 means beta = +infinity
  std::int64_t sweeps = 1;  // sweeps at this temperature, >= 1
};

// stages temperatures T_start (T_end / T_start)^(j / (stages - 1)), j = 0..stages-1 (T_start
// first), each for sweeps_per_stage sweeps. Requires 0 < T_end < T_start, stages >= 2,
// sweeps_per_stage >= 1 (std::invalid_argument otherwise).
std::vector<AnnealStage> geometric_cooling(double T_start, double T_end, int stages,
                                           std::int64_t sweeps_per_stage);

struct AnnealRecord {
  double T = 0.0;             // the stage's temperature
  double e = 0.0;             // energy per spin at the end of the stage
  double m = 0.0;             // overlap with the cued pattern at the end of the stage
  double max_m = 0.0;         // max_mu |m_mu| at the end of the stage
  std::int64_t accepted = 0;  // flips accepted during the stage
};

// Runs the stages in order; sweep number first_sweep + (sweeps done so far) keys each sweep's
// random numbers (dynamics.hpp), so a schedule is reproducible and one stage of n sweeps is the
// same as n calls of sweep(). Returns one record per stage. Throws std::invalid_argument for a
// stage with T < 0, NaN or sweeps < 1.
std::vector<AnnealRecord> anneal(Replica& replica, const std::vector<AnnealStage>& stages,
                                 UpdateRule rule, SiteOrder order, const ReplicaKey& key,
                                 std::uint64_t first_sweep = 0);

}  // namespace dhn::montecarlo

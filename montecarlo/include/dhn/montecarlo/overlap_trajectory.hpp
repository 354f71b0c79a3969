// The cued overlap m(t) = S_0 / N of one replica after each sweep: the time series that the
// mean-field Glauber flow (theory/glauber_flow.hpp) predicts, one sweep being N attempted flips.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"

namespace dhn::montecarlo {

// Runs `sweeps` sweeps (dynamics.hpp) with sweep counters first_sweep, first_sweep + 1, ... and
// returns sweeps + 1 values: m before the first sweep, then after each. Throws
// std::invalid_argument for sweeps < 0.
std::vector<double> cued_overlap_trajectory(Replica& replica, const SweepParameters& parameters,
                                            const ReplicaKey& key, int sweeps,
                                            std::uint64_t first_sweep = 0);

}  // namespace dhn::montecarlo

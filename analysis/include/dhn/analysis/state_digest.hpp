// A 64-bit digest (FNV-1a) of everything a checkpoint restores: the sweep, the walkers and their
// trips, every accumulator, and the run's bookkeeping. Stored with the checkpoint and recomputed
// on --resume, so that a damaged checkpoint (a flipped byte in its data, which HDF5 reads back
// without complaint) is refused instead of silently changing the results (issue 16).
#pragma once

#include <cstdint>

#include "dhn/montecarlo/tempering.hpp"

namespace dhn::analysis {

std::uint64_t state_digest(const montecarlo::TemperingState& state, double wall_seconds,
                           int resumes, std::int64_t checkpoints);

}  // namespace dhn::analysis

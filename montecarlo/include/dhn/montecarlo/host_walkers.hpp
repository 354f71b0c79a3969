// The walker ensemble on the host (walker_ensemble.hpp): one Replica per walker, swept and
// measured in OpenMP loops over walkers; the default storage of the tempering driver.
#pragma once

#include <cstdint>

#include "dhn/montecarlo/walker_ensemble.hpp"

namespace dhn::montecarlo {

// Below this many pattern-spin updates per sweep of all walkers (walkers x N x K) the loops run
// on the calling thread: an OpenMP fork costs microseconds, more than such a sweep. Results are
// the same either way.
inline constexpr std::int64_t kParallelWorkThreshold = std::int64_t{1} << 16;

// Whether a sweep of `walkers` walkers of size (N, K) is worth forking threads for.
bool worth_parallel(std::size_t walkers, int N, std::int64_t K);

// The factory of host ensembles. Memory: (walkers) x (N + 10 K) bytes of spins, overlaps
// and the polynomial kernel's flip weights.
WalkerEnsembleFactory host_walkers();

}  // namespace dhn::montecarlo

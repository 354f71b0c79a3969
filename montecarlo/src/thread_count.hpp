// The OpenMP thread count of a `threads` argument (private to montecarlo/src).
#pragma once

#include <omp.h>

namespace dhn::montecarlo {

// threads > 0 as given; otherwise OpenMP's default (OMP_NUM_THREADS or the core count).
inline int thread_count(int threads) {
  return threads > 0 ? threads : omp_get_max_threads();
}

}  // namespace dhn::montecarlo

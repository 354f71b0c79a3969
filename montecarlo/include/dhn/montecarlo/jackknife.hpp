// Jackknife estimate of a function of means from n blocks (disorder samples, or time bins of one
// sample): the direct value, the bias-corrected value and the standard error.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace dhn::montecarlo {

struct JackknifeResult {
  double value = 0.0;           // f(full means), the direct estimate
  double bias_corrected = 0.0;  // n f(full) - (n - 1) mean_j f(leave-j-out)
  double error = 0.0;           // sqrt((n - 1)/n sum_j (f_j - mean f_j)^2); NaN for n < 2
  double jackknife_mean = 0.0;  // mean_j f(leave-j-out)
  std::size_t blocks = 0;       // n
};

// block_sums is row-major (n blocks) x (m observables): block j contributes block_sums[j m + i]
// to observable i with weight block_weights[j] (e.g. the number of measurements it summed; a
// block of per-sample means uses weight 1). Full means are sum_j sums / sum_j weights; the
// leave-j-out means drop block j. f maps the m means to the quantity. Requires n >= 1,
// block_sums.size() = n m and positive weights (std::invalid_argument otherwise). With n = 1
// the error is NaN. O(n m) plus n + 1 calls of f. For linear f and equal weights the error is
// exactly the standard error of the mean of the block means.
JackknifeResult jackknife(std::span<const double> block_sums, std::span<const double> block_weights,
                          std::size_t m, const std::function<double(std::span<const double>)>& f);

}  // namespace dhn::montecarlo

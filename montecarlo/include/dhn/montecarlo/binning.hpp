// Error bar of the mean of a correlated time series by logarithmic binning: the standard error
// of bin means as the bin length doubles, read off where at least min_bins bins remain.
#pragma once

#include <span>
#include <vector>

namespace dhn::montecarlo {

struct BinningResult {
  double mean = 0.0;                 // plain mean of the series
  double error = 0.0;                // standard error at the coarsest level with >= min_bins bins
  double naive_error = 0.0;          // standard error ignoring correlations (level 0)
  double tau_int = 0.5;              // integrated autocorrelation time, (error/naive_error)^2 / 2
  std::vector<double> level_errors;  // standard error at bin length 2^level, level = 0, 1, ...
};

// Level l groups the series into floor(n / 2^l) bins of length 2^l (a trailing remainder is
// dropped at that level) and returns sqrt(var(bin means) / (bins - 1)). The estimate is the
// largest error over the levels with at least min_bins bins (conservative when the error has
// plateaued; underestimates when the series is shorter than a few tau). Cost O(n).
// Requires n >= 2 min_bins (std::invalid_argument otherwise) and min_bins >= 2.
BinningResult binning_analysis(std::span<const double> series, int min_bins = 32);

}  // namespace dhn::montecarlo

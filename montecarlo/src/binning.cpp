#include "dhn/montecarlo/binning.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace dhn::montecarlo {

namespace {
double standard_error(const std::vector<double>& bins) {
  const double n = static_cast<double>(bins.size());
  double mean = 0.0;
  for (double b : bins) mean += b;
  mean /= n;
  double var = 0.0;
  for (double b : bins) var += (b - mean) * (b - mean);
  return std::sqrt(var / (n * (n - 1.0)));
}
}  // namespace

BinningResult binning_analysis(std::span<const double> series, int min_bins) {
  if (min_bins < 2 || series.size() < 2 * static_cast<std::size_t>(min_bins)) {
    throw std::invalid_argument("binning_analysis: " + std::to_string(series.size()) +
                                " values for min_bins = " + std::to_string(min_bins) +
                                ": accepted min_bins >= 2 and at least 2 min_bins values");
  }
  BinningResult result;
  double sum = 0.0;
  for (double x : series) sum += x;
  result.mean = sum / static_cast<double>(series.size());
  std::vector<double> bins(series.begin(), series.end());
  while (bins.size() >= static_cast<std::size_t>(min_bins)) {
    result.level_errors.push_back(standard_error(bins));
    std::vector<double> coarser(bins.size() / 2);
    for (std::size_t k = 0; k < coarser.size(); ++k)
      coarser[k] = 0.5 * (bins[2 * k] + bins[2 * k + 1]);
    bins = std::move(coarser);
  }
  result.naive_error = result.level_errors.front();
  result.error = *std::max_element(result.level_errors.begin(), result.level_errors.end());
  result.tau_int = result.naive_error > 0.0 ? 0.5 * (result.error / result.naive_error) *
                                                  (result.error / result.naive_error)
                                            : 0.5;
  return result;
}

}  // namespace dhn::montecarlo

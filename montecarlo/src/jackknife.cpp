#include "dhn/montecarlo/jackknife.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace dhn::montecarlo {

JackknifeResult jackknife(std::span<const double> block_sums, std::span<const double> block_weights,
                          std::size_t m, const std::function<double(std::span<const double>)>& f) {
  const std::size_t n = block_weights.size();
  if (n < 1 || m < 1 || block_sums.size() != n * m) {
    throw std::invalid_argument("jackknife: " + std::to_string(block_sums.size()) + " sums for " +
                                std::to_string(n) + " blocks of " + std::to_string(m) +
                                " observables: accepted n >= 1, m >= 1, n m sums");
  }
  double total_weight = 0.0;
  std::vector<double> total(m, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    if (!(block_weights[j] > 0.0)) throw std::invalid_argument("jackknife: weights must be > 0");
    total_weight += block_weights[j];
    for (std::size_t i = 0; i < m; ++i) total[i] += block_sums[j * m + i];
  }
  std::vector<double> means(m);
  for (std::size_t i = 0; i < m; ++i) means[i] = total[i] / total_weight;
  JackknifeResult r;
  r.blocks = n;
  r.value = f(means);
  if (n < 2) {
    r.bias_corrected = r.jackknife_mean = r.value;
    r.error = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  std::vector<double> estimates(n);
  std::vector<double> loo(m);
  for (std::size_t j = 0; j < n; ++j) {
    const double w = total_weight - block_weights[j];
    for (std::size_t i = 0; i < m; ++i) loo[i] = (total[i] - block_sums[j * m + i]) / w;
    estimates[j] = f(loo);
  }
  double mean = 0.0;
  for (double e : estimates) mean += e;
  mean /= static_cast<double>(n);
  double var = 0.0;
  for (double e : estimates) var += (e - mean) * (e - mean);
  r.jackknife_mean = mean;
  r.bias_corrected = static_cast<double>(n) * r.value - static_cast<double>(n - 1) * mean;
  r.error = std::sqrt(static_cast<double>(n - 1) / static_cast<double>(n) * var);
  return r;
}

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/network.hpp"

#include <cmath>
#include <utility>

namespace dhn::montecarlo {

namespace {
double alpha_of(int P, int N, std::int64_t K) {
  return static_cast<double>(K) / std::pow(static_cast<double>(N), P - 1);
}
double denominator_of(const Model& model, int N) {
  const double d = std::pow(static_cast<double>(N), model.P - 1);
  return model.variant == Variant::full ? factorial(model.P) * d : d;
}
}  // namespace

Network::Network(const Model& model, int N, std::uint64_t seed, std::uint64_t sample)
    : Network(model.P, model.variant, N, pattern_count(model, N), seed, sample) {
  model_.alpha = model.alpha;
}

Network::Network(int P, Variant variant, int N, std::int64_t K, std::uint64_t seed,
                 std::uint64_t sample)
    : Network(P, variant, Patterns(N, K, seed, sample)) {}

Network::Network(int P, Variant variant, Patterns patterns)
    : model_{P, variant, alpha_of(P, patterns.N(), patterns.K())},
      patterns_(std::move(patterns)),
      arithmetic_(P, variant, patterns_.N(), patterns_.K()),
      denominator_(denominator_of(model_, patterns_.N())) {}

const RowMoments& Network::row_moments() const {
  std::call_once(row_moments_->once, [&] { row_moments_->value.emplace(patterns_, model_.P); });
  return *row_moments_->value;
}

}  // namespace dhn::montecarlo

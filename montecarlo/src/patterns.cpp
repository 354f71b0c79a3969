#include "dhn/montecarlo/patterns.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "dhn/model/parameter_error.hpp"
#include "shortest_text.hpp"

namespace dhn::montecarlo {

namespace {
void check_sizes(int N, std::int64_t K) {
  if (N < 1) throw std::invalid_argument("N = " + std::to_string(N) + " is out of range: N >= 1");
  if (K < 1 || K > (std::int64_t{1} << 40)) {
    throw std::invalid_argument("K = " + std::to_string(K) +
                                " is out of range: accepted 1 <= K <= 2^40");
  }
}
}  // namespace

std::int64_t pattern_count(const Model& model, int N) {
  if (!(model.alpha > 0.0) || !std::isfinite(model.alpha)) {
    throw ParameterError("alpha", " = " + shortest_text(model.alpha) +
                                      " is out of range: accepted alpha > 0 (convention B; K = "
                                      "round(alpha N^(P-1)) >= 1)");
  }
  validate(model);
  if (N < 1) throw ParameterError("n", " = " + std::to_string(N) + " is out of range: N >= 1");
  const double K = std::round(model.alpha * std::pow(static_cast<double>(N), model.P - 1));
  if (!(K >= 1.0 && K <= std::ldexp(1.0, 40))) {
    throw ParameterError("alpha", ": K = round(alpha N^(P-1)) = " + std::to_string(K) +
                                      " is out of range: accepted 1 <= K <= 2^40");
  }
  return static_cast<std::int64_t>(K);
}

Patterns::Patterns(int N, std::int64_t K, std::uint64_t seed, std::uint64_t sample) : N_(N), K_(K) {
  check_sizes(N, K);
  values_.resize(static_cast<std::size_t>(N) * static_cast<std::size_t>(K));
  // One Philox block gives 256 consecutive mu of one site; unpack it once.
  for (int i = 0; i < N; ++i) {
    std::int8_t* row = values_.data() + static_cast<std::int64_t>(i) * K;
    for (std::int64_t block_start = 0; block_start < K; block_start += 256) {
      const RandomBlock block =
          random_block(seed, Stream::patterns, sample, static_cast<std::uint64_t>(i),
                       static_cast<std::uint64_t>(block_start) >> 8, 0);
      const std::int64_t end = std::min<std::int64_t>(K, block_start + 256);
      for (std::int64_t mu = block_start; mu < end; ++mu) {
        const auto u_mu = static_cast<std::uint64_t>(mu);
        const std::uint64_t bit = (block.word[(u_mu >> 6) & 3u] >> (u_mu & 63u)) & 1u;
        row[mu] = bit != 0 ? std::int8_t{1} : std::int8_t{-1};
      }
    }
  }
  packed_ = pack_patterns(values_, N, K);
}

Patterns::Patterns(int N, std::int64_t K, std::vector<std::int8_t> site_major)
    : N_(N), K_(K), values_(std::move(site_major)) {
  check_sizes(N, K);
  if (values_.size() != static_cast<std::size_t>(N) * static_cast<std::size_t>(K)) {
    throw std::invalid_argument("pattern values: size " + std::to_string(values_.size()) +
                                " != N K = " + std::to_string(static_cast<std::int64_t>(N) * K));
  }
  for (std::int8_t v : values_) {
    if (v != 1 && v != -1) throw std::invalid_argument("pattern values must be +1 or -1");
  }
  packed_ = pack_patterns(values_, N, K);
}

}  // namespace dhn::montecarlo

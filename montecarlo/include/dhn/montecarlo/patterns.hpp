// The K stored patterns xi^mu_i = +-1 of one disorder sample, drawn from Philox as a pure
// function of (seed, sample, mu, i) and stored site-major (for each site the K values contiguous).
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/model/hd.hpp"
#include "dhn/model/model.hpp"
#include "dhn/montecarlo/packed_patterns.hpp"
#include "dhn/montecarlo/rng.hpp"

namespace dhn::montecarlo {

// xi^mu_i in {-1, +1}: bit (mu mod 256) of the Philox block with key (seed, Stream::patterns)
// and counter (sample, i, mu / 256, 0). Independent of the order in which entries are drawn.
DHN_HD inline std::int8_t pattern_entry(std::uint64_t seed, std::uint64_t sample, std::int64_t mu,
                                        std::int64_t i) {
  const auto u_mu = static_cast<std::uint64_t>(mu);
  const RandomBlock block =
      random_block(seed, Stream::patterns, sample, static_cast<std::uint64_t>(i), u_mu >> 8, 0);
  const std::uint64_t bit = (block.word[(u_mu >> 6) & 3u] >> (u_mu & 63u)) & 1u;
  return bit != 0 ? std::int8_t{1} : std::int8_t{-1};
}

// K = round(alpha N^(P-1)) (convention B, physics.md section 1). Throws std::invalid_argument
// for an invalid model, N < 1, or K outside [1, 2^40].
std::int64_t pattern_count(const Model& model, int N);

// Patterns of one disorder sample, int8 values +-1, site-major: entry (mu, i) at i * K + mu.
class Patterns {
 public:
  // Draws all N K entries with pattern_entry(seed, sample, mu, i). Requires N >= 1, K >= 1.
  Patterns(int N, std::int64_t K, std::uint64_t seed, std::uint64_t sample);
  // Takes explicit site-major values (each +-1; size N K), e.g. for tests.
  Patterns(int N, std::int64_t K, std::vector<std::int8_t> site_major);

  int N() const { return N_; }
  std::int64_t K() const { return K_; }
  // The K values xi^0_i .. xi^(K-1)_i of site i, contiguous.
  const std::int8_t* site(int i) const {
    return values_.data() + static_cast<std::int64_t>(i) * K_;
  }
  std::int8_t operator()(std::int64_t mu, int i) const { return site(i)[mu]; }
  const std::vector<std::int8_t>& values() const { return values_; }
  // The same row bit-packed (packed_patterns.hpp: bit mu of the row is 1 for xi^mu_i = +1,
  // padding bits 0), packed_words_per_site(K) words per site: the SIMD flip kernels read 16
  // patterns' signs as one mask from it, 8 times fewer bytes than the int8 row.
  const std::uint32_t* packed_site(int i) const {
    return packed_.data() + static_cast<std::int64_t>(i) * packed_words_per_site(K_);
  }

 private:
  int N_;
  std::int64_t K_;
  std::vector<std::int8_t> values_;
  std::vector<std::uint32_t> packed_;  // pack_patterns(values_), made by both constructors
};

}  // namespace dhn::montecarlo

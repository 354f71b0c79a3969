#include "dhn/montecarlo/row_moments.hpp"

#include <bit>

#include "dhn/montecarlo/packed_patterns.hpp"

namespace dhn::montecarlo {

RowMoments::RowMoments(const Patterns& patterns, int P) : N_(patterns.N()), odd_(P % 2 == 1) {
  const int N = patterns.N();
  const std::int64_t K = patterns.K();
  const std::int64_t words = packed_words_per_site(K);
  if (odd_) {
    row_sums_.resize(static_cast<std::size_t>(N));
    for (int i = 0; i < N; ++i) {
      const std::uint32_t* row = patterns.packed_site(i);
      std::int64_t plus = 0;  // padding bits are 0
      for (std::int64_t w = 0; w < words; ++w) plus += std::popcount(row[w]);
      row_sums_[static_cast<std::size_t>(i)] = 2 * plus - K;
    }
  } else if (P >= 4) {
    gram_.resize(static_cast<std::size_t>(N) * static_cast<std::size_t>(N));
    for (int i = 0; i < N; ++i) {
      const std::uint32_t* a = patterns.packed_site(i);
      for (int j = 0; j <= i; ++j) {
        const std::uint32_t* b = patterns.packed_site(j);
        std::int64_t differ = 0;  // padding bits agree (0)
        for (std::int64_t w = 0; w < words; ++w) differ += std::popcount(a[w] ^ b[w]);
        const std::int64_t c = K - 2 * differ;
        gram_[static_cast<std::size_t>(i) * N + j] = c;
        gram_[static_cast<std::size_t>(j) * N + i] = c;
      }
    }
  }
}

std::int64_t RowMoments::of(int i, const std::int8_t* spins) const {
  if (odd_) return row_sums_[static_cast<std::size_t>(i)];
  if (gram_.empty()) return 0;
  const std::int64_t* row = gram_.data() + static_cast<std::size_t>(i) * N_;
  std::int64_t sum = 0;
  for (int j = 0; j < N_; ++j) sum += row[j] * spins[j];
  return sum;
}

std::int64_t row_moment(int P, const std::int8_t* xi, const std::int32_t* S, std::int64_t K) {
  std::int64_t sum = 0;
  for (std::int64_t mu = 0; mu < K; ++mu) sum += P % 2 == 1 ? xi[mu] : xi[mu] * S[mu];
  return sum;
}

}  // namespace dhn::montecarlo

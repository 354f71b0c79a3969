// Philox keys: every random number is a pure function of its integer keys (so trajectories do
// not depend on thread count or call order), streams differ, and the transforms are uniform.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "dhn/montecarlo/packed_patterns.hpp"
#include "dhn/montecarlo/patterns.hpp"
#include "dhn/montecarlo/rng.hpp"

using namespace dhn::montecarlo;

TEST_CASE("random blocks are pure functions of (seed, stream, counter)", "[montecarlo][rng]") {
  const RandomBlock a = random_block(7, Stream::dynamics, 1, 2, 3, 4);
  (void)random_block(8, Stream::patterns, 0, 0, 0, 0);  // no hidden state between calls
  const RandomBlock b = random_block(7, Stream::dynamics, 1, 2, 3, 4);
  for (int k = 0; k < 4; ++k) CHECK(a.word[k] == b.word[k]);
  // a different stream, seed or any counter word changes the block
  const RandomBlock variants[] = {
      random_block(7, Stream::patterns, 1, 2, 3, 4), random_block(8, Stream::dynamics, 1, 2, 3, 4),
      random_block(7, Stream::dynamics, 0, 2, 3, 4), random_block(7, Stream::dynamics, 1, 0, 3, 4),
      random_block(7, Stream::dynamics, 1, 2, 0, 4), random_block(7, Stream::dynamics, 1, 2, 3, 0)};
  for (const RandomBlock& v : variants) CHECK(v.word[0] != a.word[0]);
}

TEST_CASE("uniform and bounded transforms have the right moments", "[montecarlo][rng]") {
  // 2^16 draws: the mean of U[0,1) is 1/2 with sigma 1/sqrt(12 n); the counts of 10 bins are
  // multinomial: chi^2 with 9 degrees of freedom stays below 27.9 with probability 0.999.
  const int n = 1 << 16;
  double sum = 0.0, sum2 = 0.0;
  std::vector<int> counts(10, 0);
  for (int t = 0; t < n; ++t) {
    const RandomBlock r =
        random_block(11, Stream::dynamics, 0, 0, 0, static_cast<std::uint64_t>(t));
    const double u = uniform_from_bits(r.word[1]);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
    ++counts[bounded_from_bits(r.word[0], 10)];
  }
  CHECK(std::abs(sum / n - 0.5) < 4.0 / std::sqrt(12.0 * n));
  CHECK(std::abs(sum2 / n - 1.0 / 3.0) < 4.0 * std::sqrt(4.0 / 45.0 / n));  // var(u^2) = 4/45
  double chi2 = 0.0;
  for (int c : counts) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
  CHECK(chi2 < 27.9);
}

TEST_CASE("patterns are a pure function of (seed, sample, mu, i)", "[montecarlo][rng][patterns]") {
  const int N = 37;
  const std::int64_t K = 600;  // spans three 256-pattern Philox blocks
  const Patterns p(N, K, 5, 2);
  // entry by entry, in reverse order, equals the bulk draw
  for (int i = N - 1; i >= 0; --i) {
    for (std::int64_t mu = K - 1; mu >= 0; --mu) REQUIRE(p(mu, i) == pattern_entry(5, 2, mu, i));
  }
  // a pattern's values do not depend on K (prefix property) and differ between samples
  const Patterns shorter(N, 100, 5, 2);
  const Patterns other_sample(N, K, 5, 3);
  int differ = 0;
  long long sum = 0;
  for (int i = 0; i < N; ++i) {
    for (std::int64_t mu = 0; mu < 100; ++mu) CHECK(shorter(mu, i) == p(mu, i));
    for (std::int64_t mu = 0; mu < K; ++mu) {
      differ += p(mu, i) != other_sample(mu, i);
      sum += p(mu, i);
    }
  }
  // fair coins: sum of N K = 22200 values +-1 has sigma 149; differ ~ N K / 2 +- 75
  CHECK(std::abs(sum) < 4 * 149);
  CHECK(std::abs(differ - N * K / 2.0) < 4 * 75);
}

TEST_CASE("pattern_count is round(alpha N^(P-1)) and rejects bad input", "[montecarlo][patterns]") {
  CHECK(pattern_count({3, dhn::Variant::distinct, 0.25}, 64) == 1024);
  CHECK(pattern_count({2, dhn::Variant::distinct, 0.138}, 1000) == 138);
  CHECK_THROWS_AS(pattern_count({3, dhn::Variant::distinct, 1e-9}, 10), std::invalid_argument);
  CHECK_THROWS_AS(pattern_count({3, dhn::Variant::distinct, 0.1}, 0), std::invalid_argument);
  CHECK_THROWS_AS(Patterns(4, 2, std::vector<std::int8_t>(8, 0)), std::invalid_argument);
}

TEST_CASE("bit-packed patterns (the GPU's layout) reproduce the int8 patterns exactly",
          "[montecarlo][rng]") {
  // K = 100 is not a multiple of 32: the last word of each row is partial, its padding zero.
  const int N = 37;
  const std::int64_t K = 100;
  const Patterns patterns(N, K, 11, 3);
  const std::vector<std::uint32_t> packed = pack_patterns(patterns.values(), N, K);
  const std::int64_t words = packed_words_per_site(K);
  REQUIRE(words == 4);
  REQUIRE(packed.size() == static_cast<std::size_t>(N * words));
  int mismatches = 0;
  for (int i = 0; i < N; ++i) {
    const std::uint32_t* row = packed.data() + i * words;
    for (std::int64_t mu = 0; mu < K; ++mu) mismatches += packed_entry(row, mu) != patterns(mu, i);
    CHECK((row[words - 1] >> (K % 32)) == 0u);
  }
  CHECK(mismatches == 0);
}

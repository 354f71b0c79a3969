#include "dhn/montecarlo/initial_state.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "dhn/montecarlo/rng.hpp"

namespace dhn::montecarlo {

std::vector<std::int8_t> cued_state(const Patterns& patterns) {
  std::vector<std::int8_t> s(static_cast<std::size_t>(patterns.N()));
  for (int i = 0; i < patterns.N(); ++i) s[i] = patterns(0, i);
  return s;
}

std::vector<std::int8_t> noisy_cued_state(const Patterns& patterns, double m0,
                                          const ReplicaKey& key) {
  if (!(m0 >= -1.0 && m0 <= 1.0)) {
    throw std::invalid_argument("initial overlap m0 = " + std::to_string(m0) +
                                " is out of range: accepted -1 <= m0 <= 1");
  }
  const int N = patterns.N();
  const int flips = static_cast<int>(std::lround(N * (1.0 - m0) / 2.0));
  std::vector<std::int8_t> s = cued_state(patterns);
  std::vector<std::uint32_t> sites(static_cast<std::size_t>(N));
  std::iota(sites.begin(), sites.end(), 0u);
  for (int step = 0; step < flips; ++step) {
    const RandomBlock block = random_block(key.seed, Stream::initial_state, key.sample, key.replica,
                                           static_cast<std::uint64_t>(step), 1);
    const std::uint32_t pick =
        static_cast<std::uint32_t>(step) +
        bounded_from_bits(block.word[0], static_cast<std::uint32_t>(N - step));
    std::swap(sites[step], sites[pick]);
    s[sites[step]] = static_cast<std::int8_t>(-s[sites[step]]);
  }
  return s;
}

std::vector<std::int8_t> random_state(int N, const ReplicaKey& key) {
  if (N < 1) throw std::invalid_argument("N = " + std::to_string(N) + " is out of range: N >= 1");
  std::vector<std::int8_t> s(static_cast<std::size_t>(N));
  for (int i = 0; i < N; ++i) {
    const RandomBlock block = random_block(key.seed, Stream::initial_state, key.sample, key.replica,
                                           static_cast<std::uint64_t>(i), 0);
    s[i] = (block.word[0] >> 63) != 0 ? std::int8_t{1} : std::int8_t{-1};
  }
  return s;
}

}  // namespace dhn::montecarlo

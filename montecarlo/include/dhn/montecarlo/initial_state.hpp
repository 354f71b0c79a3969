// Initial spin configurations of a replica: the cued pattern (mu = 0), a noisy copy of it with a
// prescribed overlap, or uniformly random spins; random draws are pure functions of Philox keys.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/patterns.hpp"

namespace dhn::montecarlo {

// Philox key of one replica's random choices (dynamics.hpp uses the same triple). Contains no
// thread or rank id: results never depend on the parallel layout.
struct ReplicaKey {
  std::uint64_t seed = 0;     // user seed
  std::uint64_t sample = 0;   // disorder sample index
  std::uint64_t replica = 0;  // replica index within the sample
};

// s_i = xi^0_i: the cued pattern itself (m = 1).
std::vector<std::int8_t> cued_state(const Patterns& patterns);

// s = xi^0 with exactly n = round(N (1 - m0) / 2) distinct sites flipped, chosen uniformly by a
// partial Fisher-Yates shuffle driven by Philox (Stream::initial_state, counter (sample, replica,
// step, 1)). The overlap with the cued pattern is exactly 1 - 2n/N, the multiple of 2/N nearest
// to m0. Requires -1 <= m0 <= 1 (throws std::invalid_argument otherwise).
std::vector<std::int8_t> noisy_cued_state(const Patterns& patterns, double m0,
                                          const ReplicaKey& key);

// Independent uniform spins: s_i from Philox (Stream::initial_state, counter (sample, replica, i,
// 0)).
std::vector<std::int8_t> random_state(int N, const ReplicaKey& key);

}  // namespace dhn::montecarlo

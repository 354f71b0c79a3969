// Counter-based random numbers (Philox4x64-10 from Random123): every random number is a pure
// function of integer keys, so results depend neither on thread count nor on the backend.
#pragma once

#include <Random123/philox.h>

#include <cstdint>

#include "dhn/model/hd.hpp"

namespace dhn::montecarlo {

// Independent Philox streams drawn from one user seed: the stream is the second key word, so
// patterns, initial states and dynamics never share a Philox block even for equal counters.
enum class Stream : std::uint64_t {
  patterns = 1,       // counter (sample, site i, mu / 256, 0)
  initial_state = 2,  // counter (sample, replica, step, purpose)
  dynamics = 3,       // counter (sample, replica, sweep, step within the sweep)
  tempering = 4,      // counter (sample, chain, sweep, ladder pair): replica-exchange tests
};

// Four independent 64-bit words.
struct RandomBlock {
  std::uint64_t word[4];
};

// Philox4x64-10 with key (seed, stream) applied to the counter (c0, c1, c2, c3).
DHN_HD inline RandomBlock random_block(std::uint64_t seed, Stream stream, std::uint64_t c0,
                                       std::uint64_t c1, std::uint64_t c2, std::uint64_t c3) {
  const r123::Philox4x64::ctr_type counter = {{c0, c1, c2, c3}};
  const r123::Philox4x64::key_type key = {{seed, static_cast<std::uint64_t>(stream)}};
  const r123::Philox4x64::ctr_type out = r123::Philox4x64()(counter, key);
  return {{out.v[0], out.v[1], out.v[2], out.v[3]}};
}

// Uniform double in [0, 1) from the top 53 bits of a word (resolution 2^-53).
DHN_HD inline double uniform_from_bits(std::uint64_t word) {
  return static_cast<double>(word >> 11) * 0x1.0p-53;
}

// Integer in [0, n) from the top 32 bits of a word by multiply-shift (no rejection): the bias
// is below n / 2^32, e.g. 2.4e-7 relative for n = 1024. Requires 1 <= n < 2^32.
DHN_HD inline std::uint32_t bounded_from_bits(std::uint64_t word, std::uint32_t n) {
  return static_cast<std::uint32_t>(((word >> 32) * static_cast<std::uint64_t>(n)) >> 32);
}

}  // namespace dhn::montecarlo

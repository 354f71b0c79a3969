#include "dhn/montecarlo/dynamics.hpp"

#include <cmath>

#include "dhn/montecarlo/rng.hpp"

namespace dhn::montecarlo {

std::int64_t sweep(Replica& replica, const SweepParameters& parameters, const ReplicaKey& key,
                   std::uint64_t sweep_index) {
  const int N = replica.N();
  const Patterns& patterns = replica.network().patterns();
  const double beta_over_denominator = parameters.beta / replica.network().energy_denominator();
  const bool walls = parameters.S0_min > -N || parameters.S0_max < N;
  const auto block_of = [&](int t) {
    return random_block(key.seed, Stream::dynamics, key.sample, key.replica, sweep_index,
                        static_cast<std::uint64_t>(t));
  };
  const auto site_of = [&](int t, const RandomBlock& block) {
    return parameters.order == SiteOrder::sequential
               ? t
               : static_cast<int>(bounded_from_bits(block.word[0], static_cast<std::uint32_t>(N)));
  };
  // S_0 -> S_0 - 2 xi^0_i s_i when site i (spin s_i) flips; the walls reject leaving the window
  const auto cued_after_flip = [&](std::int32_t S0, int i, std::int8_t s_i) {
    return S0 - 2 * patterns.site(i)[0] * s_i;
  };
  const auto inside_walls = [&](std::int32_t S0) {
    return S0 >= parameters.S0_min && S0 <= parameters.S0_max;
  };
  // An accepted flip at step t computes step t + 1's Delta U in the same pass (flip_then_delta)
  // and keeps it in next_delta until step t + 1 uses it.
  bool have_next = false;
  std::int64_t next_delta = 0;
  RandomBlock block = block_of(0);
  std::int64_t accepted = 0;
  for (int t = 0; t < N; ++t) {
    const int i = site_of(t, block);
    const RandomBlock next_block = t + 1 < N ? block_of(t + 1) : block;
    const std::int8_t s_i = replica.spins()[i];
    const std::int32_t S0_flipped = cued_after_flip(replica.cued_overlap(), i, s_i);
    if (walls && !inside_walls(S0_flipped)) {
      block = next_block;
      continue;
    }
    const std::int64_t delta = have_next ? next_delta : replica.flip_delta(i);
    have_next = false;
    if (accept_flip(delta, beta_over_denominator, parameters.rule,
                    uniform_from_bits(block.word[1]))) {
      ++accepted;
      // look ahead unless this is the last step or the walls will reject step t + 1 anyway
      const int j = t + 1 < N ? site_of(t + 1, next_block) : -1;
      if (j >= 0) {
        const std::int8_t s_j = j == i ? static_cast<std::int8_t>(-s_i) : replica.spins()[j];
        have_next = !walls || inside_walls(cued_after_flip(S0_flipped, j, s_j));
      }
      if (have_next) {
        next_delta = replica.flip_then_delta(i, delta, j);
      } else {
        replica.flip(i, delta);
      }
    }
    block = next_block;
  }
  replica.overlaps();  // widened here, so that replicas are read-only between sweeps
  return accepted;
}

QuenchResult quench(Replica& replica, std::int64_t max_sweeps) {
  QuenchResult result;
  while (result.sweeps < max_sweeps) {
    std::int64_t flips = 0;
    for (int i = 0; i < replica.N(); ++i) {
      const std::int64_t delta = replica.flip_delta(i);
      if (delta < 0) {
        replica.flip(i, delta);
        ++flips;
      }
    }
    ++result.sweeps;
    result.flips += flips;
    if (flips == 0) {
      result.converged = true;
      break;
    }
  }
  result.m = static_cast<double>(replica.overlaps()[0]) / replica.N();
  return result;
}

}  // namespace dhn::montecarlo

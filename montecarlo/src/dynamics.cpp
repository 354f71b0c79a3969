#include "dhn/montecarlo/dynamics.hpp"

#include <cmath>

#include "dhn/montecarlo/rng.hpp"

namespace dhn::montecarlo {

std::int64_t sweep(Replica& replica, const SweepParameters& parameters, const ReplicaKey& key,
                   std::uint64_t sweep_index) {
  const int N = replica.N();
  const double beta_over_denominator = parameters.beta / replica.network().energy_denominator();
  const bool walls = parameters.S0_min > -N || parameters.S0_max < N;
  std::int64_t accepted = 0;
  for (int t = 0; t < N; ++t) {
    const RandomBlock block = random_block(key.seed, Stream::dynamics, key.sample, key.replica,
                                           sweep_index, static_cast<std::uint64_t>(t));
    const int i =
        parameters.order == SiteOrder::sequential
            ? t
            : static_cast<int>(bounded_from_bits(block.word[0], static_cast<std::uint32_t>(N)));
    if (walls) {  // S_0 -> S_0 - 2 xi^0_i s_i
      const std::int32_t S0 =
          replica.overlaps()[0] - 2 * replica.network().patterns().site(i)[0] * replica.spins()[i];
      if (S0 < parameters.S0_min || S0 > parameters.S0_max) continue;
    }
    const std::int64_t delta = replica.flip_delta(i);
    if (accept_flip(delta, beta_over_denominator, parameters.rule,
                    uniform_from_bits(block.word[1]))) {
      replica.flip(i, delta);
      ++accepted;
    }
  }
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

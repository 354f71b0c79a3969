// Cost of one Monte Carlo sweep against the work N K (over two decades and more) and against P,
// with the memory per walker and per disorder sample, for the production kernel
// (FlipKernel::polynomial) on one thread. Times are per second of the thread's CPU time.
// Distinct variant, Metropolis, random site order, at a cold temperature from the cued pattern
// (low acceptance: the attempt's dot product dominates) and a hot one from a random state (high
// acceptance: the accepted flips' weight passes dominate).
#include <fmt/core.h>

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/packed_patterns.hpp"

#include "bench_args.hpp"
#include "core_clock.hpp"
#include "cpu_model.hpp"

namespace {

using namespace dhn::montecarlo;
using dhn::bench::thread_cpu_seconds;

struct SweepCost {
  double seconds_per_sweep;
  double acceptance;
};

SweepCost sweep_cost(const Network& network, const std::vector<std::int8_t>& start, double T,
                     double min_seconds) {
  Replica replica(network, start, FlipKernel::polynomial);
  const SweepParameters parameters{1.0 / T, UpdateRule::metropolis, SiteOrder::random};
  const ReplicaKey key{3, 0, 0};
  std::uint64_t t = 0;
  sweep(replica, parameters, key, t++);  // warm-up
  std::int64_t sweeps = 0, accepted = 0;
  const double begin = thread_cpu_seconds();
  double seconds = 0.0;
  do {
    accepted += sweep(replica, parameters, key, t++);
    ++sweeps;
    seconds = thread_cpu_seconds() - begin;
  } while (seconds < min_seconds);
  return {seconds / static_cast<double>(sweeps),
          static_cast<double>(accepted) / static_cast<double>(sweeps * network.N())};
}

void print_row(int P, int N, std::int64_t K, double min_seconds) {
  const Network network(P, dhn::Variant::distinct, N, K, 11, 0);
  const SweepCost cold = sweep_cost(network, cued_state(network.patterns()), 0.02, min_seconds);
  const SweepCost hot = sweep_cost(network, random_state(N, {9, 0, 0}), 1.0, min_seconds);
  const double NK = static_cast<double>(N) * static_cast<double>(K);
  // walker: N int8 spins + K int32 overlaps + K int32 weights (+ K int16 overlaps moved by the
  // flip pass); sample: int8 rows + packed rows + row moments (N^2 int64 at even P >= 4, N at odd)
  const bool narrow = network.arithmetic().narrow_overlaps();
  const double walker_bytes = N + (narrow ? 10.0 : 8.0) * static_cast<double>(K);
  const double moments = P % 2 == 1 ? 8.0 * N : (P >= 4 ? 8.0 * N * N : 0.0);
  const double sample_bytes =
      NK + 4.0 * static_cast<double>(N) * static_cast<double>(packed_words_per_site(K)) + moments;
  fmt::print(
      "{:>2} {:>5} {:>7} {:>10.3e} {:>11.3e} {:>10.2f} {:>6.3f} {:>11.3e} {:>10.2f} {:>6.3f} "
      "{:>10.1f} {:>10.1f}\n",
      P, N, K, NK, cold.seconds_per_sweep, 1e9 * cold.seconds_per_sweep / NK, cold.acceptance,
      hot.seconds_per_sweep, 1e9 * hot.seconds_per_sweep / NK, hot.acceptance,
      walker_bytes / 1024.0, sample_bytes / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = dhn::bench::number_argument(argc, argv, 1, 0.3, 1e-3, 3600.0,
                                                         "[SECONDS per case, default 0.3]");
  fmt::print("Sweep cost against work and P on {}, 1 thread, core clock {:.2f} GHz\n",
             dhn::bench::cpu_model(), 1e-9 * dhn::bench::core_clock_hz());
  fmt::print(
      "distinct, Metropolis, random order, polynomial kernel; cold: T = 0.02 from the cued "
      "pattern, hot: T = 1 from a random state (convention B); times per second of thread CPU\n");
  fmt::print("{:>2} {:>5} {:>7} {:>10} {:>11} {:>10} {:>6} {:>11} {:>10} {:>6} {:>10} {:>10}\n",
             "P", "N", "K", "N K", "cold s/swp", "ns/(NK)", "acc", "hot s/swp", "ns/(NK)", "acc",
             "walker KiB", "sample KiB");
  fmt::print("against N K at P = 4 (K = alpha N^3, alpha = 1/32)\n");
  for (int N : {16, 24, 32, 48, 64, 96}) {
    print_row(4, N, static_cast<std::int64_t>(N) * N * N / 32, min_seconds);
  }
  fmt::print("against P at N K = 2^20 (N = 64, K = 16384)\n");
  for (int P : {2, 3, 4, 5, 6}) print_row(P, 64, 16384, min_seconds);
  return 0;
}

// Pattern-spin updates per second (attempted flips x K) of the CPU Monte Carlo engine on one
// thread, for the table-lookup and polynomial flip kernels, both variants, two sizes.
#include <fmt/core.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"

#include "bench_args.hpp"
#include "cpu_model.hpp"

namespace {

using namespace dhn::montecarlo;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Rates {
  double delta_only;  // flip_delta over all sites, no flips (updates / s)
  double sweep;       // Metropolis sweeps, random order (updates / s)
  double acceptance;  // accepted / attempted in the sweeps
};

Rates measure(const Network& network, FlipKernel kernel, double beta, double min_seconds) {
  const int N = network.N();
  const double K = static_cast<double>(network.K());
  Replica replica(network, random_state(N, {1, 0, 0}), kernel);
  Rates rates{};
  // energy differences only: the inner loop over mu
  {
    std::int64_t checksum = 0, attempts = 0;
    for (int i = 0; i < N; ++i) checksum += replica.flip_delta(i);  // warm-up
    const auto start = Clock::now();
    do {
      for (int i = 0; i < N; ++i) checksum += replica.flip_delta(i);
      attempts += N;
    } while (seconds_since(start) < min_seconds);
    rates.delta_only = attempts * K / seconds_since(start);
    if (checksum == 42) fmt::print(" ");  // keep the loop observable
  }
  // full Metropolis sweeps in random order (delta, acceptance test, O(K) update on acceptance)
  {
    const SweepParameters parameters{beta, UpdateRule::metropolis, SiteOrder::random};
    std::uint64_t t = 0;
    sweep(replica, parameters, {1, 0, 0}, t++);  // warm-up
    std::int64_t accepted = 0, attempts = 0;
    const auto start = Clock::now();
    do {
      accepted += sweep(replica, parameters, {1, 0, 0}, t++);
      attempts += N;
    } while (seconds_since(start) < min_seconds);
    rates.sweep = attempts * K / seconds_since(start);
    rates.acceptance = static_cast<double>(accepted) / attempts;
  }
  return rates;
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = dhn::bench::number_argument(argc, argv, 1, 0.5, 1e-3, 3600.0,
                                                         "[SECONDS per case, default 0.5]");
  fmt::print("Monte Carlo sweep benchmark on {}, 1 thread; updates = attempted flips x K\n",
             dhn::bench::cpu_model());
#if defined(__GNUC__) && defined(__x86_64__)
  const char* isa = __builtin_cpu_supports("avx512bw") ? "AVX-512"
                    : __builtin_cpu_supports("avx2")   ? "AVX2"
                                                       : "baseline x86-64";
  fmt::print("inner loops: the {} clone (function multiversioning)\n", isa);
#endif
  fmt::print("sweeps: Metropolis, random order, beta = 1 (convention B), from a random state\n");
  fmt::print("{:>2} {:>5} {:>6} {:>9} {:>11} {:>12} {:>12} {:>7}\n", "P", "N", "K", "variant",
             "kernel", "delta/s", "sweep/s", "accept");
  struct Size {
    int P;
    int N;
    std::int64_t K;
  };
  for (Size size : {Size{3, 256, 16384}, Size{4, 64, 8192}}) {
    for (dhn::Variant variant : {dhn::Variant::distinct, dhn::Variant::full}) {
      const Network network(size.P, variant, size.N, size.K, 2024, 0);
      for (FlipKernel kernel : {FlipKernel::table, FlipKernel::polynomial}) {
        const Rates r = measure(network, kernel, 1.0, min_seconds);
        fmt::print("{:>2} {:>5} {:>6} {:>9} {:>11} {:>12.3e} {:>12.3e} {:>7.3f}\n", size.P, size.N,
                   size.K, dhn::to_string(variant),
                   kernel == FlipKernel::table ? "table" : "polynomial", r.delta_only, r.sweep,
                   r.acceptance);
      }
    }
  }
  return 0;
}

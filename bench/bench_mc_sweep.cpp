// Pattern-spin updates per second (attempted flips x K) of one Monte Carlo walker on one thread:
// the plain scalar reference kernel (FlipKernel::table, one table read per pattern, compiled
// without vectorisation) against the production kernel (FlipKernel::polynomial: cached weights,
// SIMD dot product per attempt, one pass per accepted flip that also gives the next attempt's
// Delta U), in the same run, on the same
// trajectories (both kernels give the same integers, so the same flips are accepted), for the
// issue's two sizes, both variants, Metropolis and heat-bath, at a hot and a cold temperature.
#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"

#include "bench_args.hpp"
#include "core_clock.hpp"
#include "cpu_model.hpp"

namespace {

using namespace dhn::montecarlo;
// Rates are per second of the thread's CPU time: on a shared machine other processes take
// cores away, and wall-clock rates would measure the load rather than the kernel.
using dhn::bench::thread_cpu_seconds;

struct Rate {
  double updates_per_second = 0.0;  // attempted flips x K per second
  double acceptance = 0.0;          // accepted / attempted flips
};

// Sweeps of one walker from `start` for at least min_seconds, with sweep keys 0, 1, 2, ...
// The walker restarts from the same state for every kernel, so both do the same flips.
Rate measure(const Network& network, const std::vector<std::int8_t>& start, FlipKernel kernel,
             const SweepParameters& parameters, double min_seconds) {
  Replica replica(network, start, kernel);
  const ReplicaKey key{1, 0, 0};
  std::uint64_t t = 0;
  sweep(replica, parameters, key, t++);  // warm-up: caches, first page touches
  std::int64_t accepted = 0, attempts = 0;
  const double begin = thread_cpu_seconds();
  double seconds = 0.0;
  do {
    accepted += sweep(replica, parameters, key, t++);
    attempts += network.N();
    seconds = thread_cpu_seconds() - begin;
  } while (seconds < min_seconds);
  return {static_cast<double>(attempts) * static_cast<double>(network.K()) / seconds,
          static_cast<double>(accepted) / static_cast<double>(attempts)};
}

// The two sizes: P = 3 at N = 256, K = 16384 and P = 4 at N = 64, K = 8192.
struct Size {
  int P;
  int N;
  std::int64_t K;
};
constexpr Size kSizes[] = {{3, 256, 16384}, {4, 64, 8192}};

struct PhaseCost {
  double attempt;    // ns per pattern of one attempt's Delta U (no flip)
  double flip;       // ns per pattern of one accepted flip's update
  double flip_next;  // the same with the next attempt's Delta U (Replica::flip_then_delta)
};

// The phases of a sweep apart, on the state `start`: Delta U at every site, flips of every site
// in turn (the same work an accepted flip does), and flips with the next site's Delta U.
PhaseCost phase_cost(const Network& network, const std::vector<std::int8_t>& start,
                     FlipKernel kernel, double min_seconds) {
  Replica replica(network, start, kernel);
  const double K = static_cast<double>(network.K());
  const int N = network.N();
  std::int64_t checksum = 0;
  // ns per pattern of `step` run on every site in turn for at least min_seconds
  const auto time_steps = [&](auto step) {
    std::int64_t count = 0;
    const double begin = thread_cpu_seconds();
    double seconds = 0.0;
    do {
      for (int i = 0; i < N; ++i) step(i);
      count += N;
      seconds = thread_cpu_seconds() - begin;
    } while (seconds < min_seconds);
    return 1e9 * seconds / (static_cast<double>(count) * K);
  };
  PhaseCost cost{};
  cost.attempt = time_steps([&](int i) { checksum += replica.flip_delta(i); });
  cost.flip = time_steps([&](int i) { replica.flip(i, 0); });  // U is not read here
  cost.flip_next =
      time_steps([&](int i) { checksum += replica.flip_then_delta(i, 0, (i + 1) % N); });
  if (checksum == 42) fmt::print(" ");  // keeps the Delta U loops observable
  return cost;
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = dhn::bench::number_argument(
      argc, argv, 1, 0.3, 1e-3, 3600.0, "[SECONDS per case and repeat, default 0.3]");
  fmt::print(
      "Monte Carlo sweep benchmark on {}, 1 thread; updates = attempted flips x K, per second "
      "of the thread's CPU time\n",
      dhn::bench::cpu_model());
#if defined(__GNUC__) && defined(__x86_64__)
  const char* isa = __builtin_cpu_supports("avx512bw") ? "AVX-512"
                    : __builtin_cpu_supports("avx2")   ? "AVX2"
                                                       : "baseline x86-64";
  fmt::print("SIMD loops: the {} clone (function multiversioning); the reference is scalar\n", isa);
#endif
  const double clock = dhn::bench::core_clock_hz();
  fmt::print("core clock {:.2f} GHz (dependent-add chain, thread CPU time)\n\n", 1e-9 * clock);
  fmt::print(
      "Phases, ns per pattern (and kernel cycles): an attempt's Delta U; an accepted flip's\n"
      "update; the flip with the next attempt's Delta U summed in the same pass (flip + next,\n"
      "what a sweep runs after an accepted step). Kernel bytes per pattern: attempt 4 (int32\n"
      "weight) + 1/8 (sign bit); flip 4 + 4 (overlap read, written) + 4 (weight written) + 1/8,\n"
      "+ 1/8 with the next row. Reference: attempt 1 (int8 xi) + 4 (overlap) + 8 (int64 table\n"
      "entry, cached); flip 1 + 4 + 4.\n");
  fmt::print("{:>2} {:>5} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}\n", "P", "N",
             "K", "variant", "ref att", "ref flip", "attempt", "flip", "flip+nxt", "att cyc",
             "flip cyc", "f+n cyc");
  for (Size size : kSizes) {
    for (dhn::Variant variant : {dhn::Variant::distinct, dhn::Variant::full}) {
      const Network network(size.P, variant, size.N, size.K, 2024, 0);
      const std::vector<std::int8_t> start = random_state(size.N, {7, 0, 0});
      // best of 3 alternating repeats: other processes only ever make a phase slower
      PhaseCost ref{1e9, 1e9, 1e9}, ker = ref;
      const auto keep_best = [](PhaseCost& best, const PhaseCost& cost) {
        best.attempt = std::min(best.attempt, cost.attempt);
        best.flip = std::min(best.flip, cost.flip);
        best.flip_next = std::min(best.flip_next, cost.flip_next);
      };
      for (int repeat = 0; repeat < 3; ++repeat) {
        keep_best(ref, phase_cost(network, start, FlipKernel::table, min_seconds));
        keep_best(ker, phase_cost(network, start, FlipKernel::polynomial, min_seconds));
      }
      const double cycles = 1e-9 * clock;
      fmt::print(
          "{:>2} {:>5} {:>6} {:>9} {:>9.4f} {:>9.4f} {:>9.4f} {:>9.4f} {:>9.4f} {:>8.3f} {:>8.3f} "
          "{:>8.3f}\n",
          size.P, size.N, size.K, dhn::to_string(variant), ref.attempt, ref.flip, ker.attempt,
          ker.flip, ker.flip_next, ker.attempt * cycles, ker.flip * cycles, ker.flip_next * cycles);
    }
  }
  fmt::print("\nSweeps: ");
  fmt::print(
      "random site order; hot: T = 1 from a random state; cold: T = 0.05 from the cued pattern "
      "(convention B); best of 3 alternating repeats of {} s\n",
      min_seconds);
  fmt::print("{:>2} {:>5} {:>6} {:>9} {:>10} {:>5} {:>7} {:>13} {:>13} {:>7}\n", "P", "N", "K",
             "variant", "rule", "state", "accept", "reference/s", "kernel/s", "ratio");
  struct State {
    const char* name;
    double T;
    bool cued;
  };
  for (Size size : kSizes) {
    for (dhn::Variant variant : {dhn::Variant::distinct, dhn::Variant::full}) {
      const Network network(size.P, variant, size.N, size.K, 2024, 0);
      for (UpdateRule rule : {UpdateRule::metropolis, UpdateRule::heat_bath}) {
        for (State state : {State{"hot", 1.0, false}, State{"cold", 0.05, true}}) {
          const std::vector<std::int8_t> start =
              state.cued ? cued_state(network.patterns()) : random_state(size.N, {7, 0, 0});
          const SweepParameters parameters{1.0 / state.T, rule, SiteOrder::random};
          Rate reference, kernel;
          for (int repeat = 0; repeat < 3; ++repeat) {
            const Rate r = measure(network, start, FlipKernel::table, parameters, min_seconds);
            const Rate k = measure(network, start, FlipKernel::polynomial, parameters, min_seconds);
            if (r.updates_per_second > reference.updates_per_second) reference = r;
            if (k.updates_per_second > kernel.updates_per_second) kernel = k;
          }
          fmt::print("{:>2} {:>5} {:>6} {:>9} {:>10} {:>5} {:>7.3f} {:>13.3e} {:>13.3e} {:>7.1f}\n",
                     size.P, size.N, size.K, dhn::to_string(variant), to_string(rule), state.name,
                     kernel.acceptance, reference.updates_per_second, kernel.updates_per_second,
                     kernel.updates_per_second / reference.updates_per_second);
        }
      }
    }
  }
  return 0;
}

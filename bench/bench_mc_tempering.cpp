// Pattern-spin updates per second (attempted flips x K) of the full parallel-tempering engine
// (montecarlo/tempering.hpp: sweeps, measurements, swaps) on 1 and 2 threads, for the two
// sizes in both variants. 8 walkers: 1 sample x 2 replicas x 4 temperatures.
#include <fmt/core.h>
#include <omp.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>

#include "dhn/montecarlo/temperature_ladder.hpp"
#include "dhn/montecarlo/tempering.hpp"

#include "bench_args.hpp"
#include "cpu_model.hpp"

namespace {

using namespace dhn::montecarlo;
using Clock = std::chrono::steady_clock;

struct Result {
  double updates_per_second;
  double acceptance;  // accepted / attempted flips over the timed sweeps
  double swap_rate;   // accepted / attempted swaps over the timed sweeps
};

Result measure(const TemperingParameters& p, int threads, double min_seconds) {
  Tempering run(p, threads);
  for (int t = 0; t < 3; ++t) run.advance();  // warm-up (caches, thread pool)
  auto count = [&](const std::vector<std::int64_t>& v) {
    std::int64_t s = 0;
    for (std::int64_t x : v) s += x;
    return s;
  };
  const std::int64_t flips0 = count(run.accumulators().flips_accepted);
  const std::int64_t swaps0 = count(run.accumulators().swaps_accepted);
  const std::int64_t tries0 = count(run.accumulators().swaps_attempted);
  const auto start = Clock::now();
  std::int64_t sweeps = 0;
  double seconds = 0.0;
  do {
    run.advance();
    ++sweeps;
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  } while (seconds < min_seconds && !run.finished());
  const double walkers = double(p.samples) * p.replicas * double(p.T.size());
  const double attempts = walkers * p.N * double(sweeps);
  const std::int64_t tries = count(run.accumulators().swaps_attempted) - tries0;
  return {
      attempts * double(p.K) / seconds,
      double(count(run.accumulators().flips_accepted) - flips0) / attempts,
      tries > 0 ? double(count(run.accumulators().swaps_accepted) - swaps0) / double(tries) : 0.0};
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = dhn::bench::number_argument(argc, argv, 1, 1.0, 1e-3, 3600.0,
                                                         "[SECONDS per case, default 1]");
  fmt::print(
      "Parallel-tempering benchmark on {} ({} hardware threads); updates = attempted "
      "flips x K\n",
      dhn::bench::cpu_model(), omp_get_num_procs());
  fmt::print(
      "8 walkers (1 sample x 2 replicas x T = 0.5..2 geometric, 4 slots, convention B), "
      "Metropolis, random order, random start, swaps every sweep, polynomial kernel\n");
  fmt::print("{:>2} {:>5} {:>6} {:>9} {:>7} {:>12} {:>7} {:>7}\n", "P", "N", "K", "variant",
             "threads", "updates/s", "accept", "swap");
  struct Size {
    int P;
    int N;
    std::int64_t K;
  };
  for (Size size : {Size{3, 256, 16384}, Size{4, 64, 8192}}) {
    for (dhn::Variant variant : {dhn::Variant::distinct, dhn::Variant::full}) {
      TemperingParameters p;
      p.P = size.P;
      p.variant = variant;
      p.N = size.N;
      p.K = size.K;
      p.T = geometric_ladder(0.5, 2.0, 4);
      p.replicas = 2;
      p.samples = 1;
      p.therm = 0;
      p.sweeps = std::int64_t{1} << 40;
      p.init = InitialKind::random;
      p.seed = 2024;
      p.bins = 1;
      for (int threads : {1, 2}) {
        const Result r = measure(p, threads, min_seconds);
        fmt::print("{:>2} {:>5} {:>6} {:>9} {:>7} {:>12.3e} {:>7.3f} {:>7.3f}\n", size.P, size.N,
                   size.K, dhn::to_string(variant), threads, r.updates_per_second, r.acceptance,
                   r.swap_rate);
      }
    }
  }
  return 0;
}

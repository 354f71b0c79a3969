// [gpu] The tempering driver with its walkers on the GPU (cuda::device_walkers()) reproduces the
// host run bit for bit: the same small tempering runs (several P, variants, rules, orders, swap
// intervals, thermalisation) with host and device walkers give equal TemperingStates (spins,
// ladder permutations, round-trip labels and counts) and byte-identical accumulators (observable
// sums compared with memcmp, histograms, flip and swap counters), also when the GPU run is
// stopped and its state restored into a fresh GPU run, or into a host run, and continued, and for
// a slice of a larger run's samples (issue 18). Exits 77 (ctest "skipped") without a CUDA device.
#include <cstdio>
#include <cstring>
#include <vector>

#include "../montecarlo/tempering_fixtures.hpp"
#include "dhn/cuda/device.hpp"
#include "dhn/cuda/device_walkers.hpp"
#include "dhn/montecarlo/tempering.hpp"

using namespace dhn;
using namespace dhn::montecarlo;

namespace {

template <class T>
int differ(const std::vector<T>& a, const std::vector<T>& b, const char* what) {
  const bool same = a.size() == b.size() &&
                    (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
  if (!same) std::printf("  %s differ\n", what);
  return same ? 0 : 1;
}

int compare(const TemperingState& x, const TemperingState& y) {
  int n = 0;
  if (x.sweep != y.sweep) {
    std::printf("  sweep differs\n");
    ++n;
  }
  n += differ(x.spins, y.spins, "spins");
  n += differ(x.slot_of_walker, y.slot_of_walker, "slot_of_walker");
  n += differ(x.trip_label, y.trip_label, "trip_label");
  n += differ(x.round_trips, y.round_trips, "round_trips");
  const Accumulators &a = x.accumulators, &b = y.accumulators;
  n += differ(a.bin_sums, b.bin_sums, "bin_sums");
  n += differ(a.window_sums, b.window_sums, "window_sums");
  n += differ(a.q_histogram, b.q_histogram, "q_histogram");
  n += differ(a.m_histogram, b.m_histogram, "m_histogram");
  n += differ(a.flips_accepted, b.flips_accepted, "flips_accepted");
  n += differ(a.swaps_attempted, b.swaps_attempted, "swaps_attempted");
  n += differ(a.swaps_accepted, b.swaps_accepted, "swaps_accepted");
  return n;
}

// The fixture's small run at GPU-test sizes: N and K per case, five temperatures, longer runs.
TemperingParameters run_of(int P, Variant variant, int N, std::int64_t K, UpdateRule rule,
                           SiteOrder order, int swap_every, InitialKind init) {
  TemperingParameters p = testing::small_run(P, variant, rule, order, swap_every, init);
  p.N = N;
  p.K = K;
  p.T = {0.02, 0.035, 0.06, 0.1, 0.2};
  p.therm = 30;
  p.sweeps = 90;
  p.seed = 20261128;
  p.bins = 7;
  return p;
}

int run_case(const TemperingParameters& p) {
  Tempering cpu(p, 0);
  cpu.run();
  Tempering gpu(p, 0, cuda::device_walkers());
  gpu.run();
  int failures = compare(cpu.state(), gpu.state());
  // stop after 47 sweeps, restore into a fresh GPU run and into a host run, continue
  Tempering first(p, 0, cuda::device_walkers());
  first.run([](const Tempering& t) { return t.sweeps_done() < 47; });
  const TemperingState half = first.state();
  Tempering second(p, 0, cuda::device_walkers());
  second.restore(half);
  second.run();
  failures += compare(cpu.state(), second.state());
  Tempering on_host(p, 0);
  on_host.restore(half);
  on_host.run();
  failures += compare(cpu.state(), on_host.state());
  std::printf("P = %d %s N = %d K = %lld %s %s swap_every = %d: %s\n", p.P,
              p.variant == Variant::distinct ? "distinct" : "full", p.N,
              static_cast<long long>(p.K),
              p.rule == UpdateRule::metropolis ? "metropolis" : "heat-bath",
              p.order == SiteOrder::sequential ? "sequential" : "random", p.swap_every,
              failures == 0 ? "identical" : "DIFFERENT");
  return failures;
}

}  // namespace

int main() {
  if (cuda::device_count() == 0) {
    std::puts("test_cuda_tempering: no CUDA device, skipped");
    return 77;
  }
  std::vector<TemperingParameters> cases{
      run_of(2, Variant::distinct, 48, 20, UpdateRule::metropolis, SiteOrder::sequential, 1,
             InitialKind::pattern),
      run_of(3, Variant::distinct, 40, 200, UpdateRule::heat_bath, SiteOrder::random, 2,
             InitialKind::random),
      run_of(3, Variant::full, 64, 300, UpdateRule::metropolis, SiteOrder::random, 3,
             InitialKind::noisy),
      run_of(4, Variant::distinct, 32, 500, UpdateRule::metropolis, SiteOrder::random, 1,
             InitialKind::random),
      run_of(4, Variant::full, 24, 100, UpdateRule::heat_bath, SiteOrder::sequential, 0,
             InitialKind::pattern),
  };
  // issue 18: a slice of a larger run (mc --sample-range), whose Philox keys hold the samples'
  // indices in the whole run (3, 4, ...): the device kernel adds first_sample as the host does
  TemperingParameters slice = cases[1];
  slice.first_sample = 3;
  slice.total_samples = slice.samples + 3;
  cases.push_back(slice);
  int failures = 0;
  for (TemperingParameters p : cases) {
    p.m0 = 0.5;  // used by the noisy case only
    failures += run_case(p) != 0;
  }
  std::printf("test_cuda_tempering: %d of %zu cases differ\n", failures, cases.size());
  return failures == 0 ? 0 : 1;
}

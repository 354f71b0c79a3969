// GPU throughput of the CUDA sweep kernel in pattern-spin updates per second (attempted flips x
// K), for the cases: P = 4, N = 64, K = 8192 and P = 3, N = 256, K = 16384, both
// variants, 1024 walkers (8 samples x 128), Metropolis at beta = 20 from random states, and the
// fraction of the card's INT32 multiply-add peak that the Horner loop's P - 1 multiply-
// adds per update represent. Exits 77 without a CUDA device.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench_args.hpp"
#include "dhn/cuda/device.hpp"
#include "dhn/cuda/from_network.hpp"
#include "dhn/montecarlo/initial_state.hpp"

using namespace dhn;
using namespace dhn::montecarlo;

int main(int argc, char** argv) {
  const int sweeps = static_cast<int>(
      dhn::bench::number_argument(argc, argv, 1, 20, 1, 1e6, "[SWEEPS per case, default 20]"));
  if (cuda::device_count() == 0) {
    std::puts("bench_cuda_sweep: no CUDA device, skipped");
    return 77;
  }
  const cuda::DeviceInfo info = cuda::device_info();
  std::printf("CUDA sweep benchmark on %s (sm_%d%d, %d SMs, %.2f GHz, INT32 peak %.3g /s)\n",
              info.name.c_str(), info.compute_major, info.compute_minor, info.multiprocessors,
              info.clock_hz * 1e-9, info.int32_peak());
  struct Case {
    int P, N;
    std::int64_t K;
  };
  for (const Case c : {Case{4, 64, 8192}, Case{3, 256, 16384}}) {
    for (Variant variant : {Variant::distinct, Variant::full}) {
      const int D = 8, W = 128;
      std::vector<Network> networks;
      for (int d = 0; d < D; ++d) networks.emplace_back(c.P, variant, c.N, c.K, 1, d);
      std::vector<Replica> walkers;
      walkers.reserve(static_cast<std::size_t>(D) * W);
      for (int d = 0; d < D; ++d)
        for (int w = 0; w < W; ++w)
          walkers.emplace_back(networks[d],
                               random_state(c.N, {1, std::uint64_t(d), std::uint64_t(w)}));
      std::vector<const Replica*> pointers;
      for (const Replica& r : walkers) pointers.push_back(&r);
      cuda::DeviceEnsemble ensemble = cuda::make_device_ensemble(networks, pointers);
      dhn::montecarlo::SweepRequest request;
      request.seed = 1;
      request.beta.assign(walkers.size(), 20.0);
      request.key_replica.resize(walkers.size());
      for (std::size_t k = 0; k < walkers.size(); ++k) request.key_replica[k] = k % W;
      request.sweeps = 2;
      ensemble.sweep(request);  // warm-up (module load, caches)
      request.first_sweep = 2;
      request.sweeps = sweeps;
      const auto start = std::chrono::steady_clock::now();
      ensemble.sweep(request);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double updates = double(walkers.size()) * c.N * double(c.K) * sweeps / seconds;
      const double fraction = updates * (c.P - 1) / info.int32_peak();
      const bool int32 = networks[0].arithmetic().int32_terms();
      std::printf(
          "  P = %d %-8s N = %3d K = %5lld, %zu walkers, %d sweeps: %.3f s, %.3g updates/s "
          "(%s terms; %.0f%% of INT32 peak at %d multiply-adds per update)\n",
          c.P, variant == Variant::distinct ? "distinct" : "full", c.N, static_cast<long long>(c.K),
          walkers.size(), sweeps, seconds, updates, int32 ? "int32" : "int64", 100.0 * fraction,
          c.P - 1);
    }
  }
  return 0;
}

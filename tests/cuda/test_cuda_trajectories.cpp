// [gpu] The CUDA ensemble reproduces the CPU engine's trajectories bit for bit (independent
// implementation of the same dynamics: montecarlo::sweep on the host): spins, overlaps, exact
// energies and accepted-flip counts after 100 sweeps, and the device's measurement reductions
// (S_0, max |S_mu|, spin products of walker pairs), for P = 2..5, both variants, both rules,
// both site orders, several N and K (int32 and int64 flip terms), several samples and walkers
// with different temperatures. Exits 77 (ctest "skipped") without a CUDA device.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "dhn/cuda/device.hpp"
#include "dhn/cuda/from_network.hpp"
#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"

using namespace dhn;
using namespace dhn::montecarlo;

namespace {

struct Case {
  int P;
  Variant variant;
  int N;
  std::int64_t K;
  UpdateRule rule;
  SiteOrder order;
};

int run_case(const Case& c, std::uint64_t seed) {
  const int D = 2, W = 3, sweeps = 100;
  std::vector<Network> networks;
  for (int d = 0; d < D; ++d) networks.emplace_back(c.P, c.variant, c.N, c.K, seed, d);
  std::vector<Replica> cpu;
  std::vector<double> beta;
  std::vector<std::uint64_t> key_replica;
  for (int d = 0; d < D; ++d) {
    for (int w = 0; w < W; ++w) {
      const ReplicaKey key{seed, static_cast<std::uint64_t>(d), static_cast<std::uint64_t>(w)};
      cpu.emplace_back(networks[d],
                       w == 0 ? cued_state(networks[d].patterns()) : random_state(c.N, key));
      beta.push_back(w == 2 ? INFINITY : 0.5 + 2.0 * w);  // includes the T = 0 limit
      key_replica.push_back(static_cast<std::uint64_t>(w));
    }
  }
  std::vector<const Replica*> pointers;
  for (const Replica& r : cpu) pointers.push_back(&r);
  cuda::DeviceEnsemble gpu = cuda::make_device_ensemble(networks, pointers);
  // Two launches (60 + 40 sweeps) check that the state carries over between launches.
  std::vector<std::int64_t> accepted_gpu(cpu.size(), 0);
  for (auto [first, count] : {std::pair{0, 60}, std::pair{60, 40}}) {
    SweepRequest request;
    request.seed = seed;
    request.first_sweep = first;
    request.sweeps = count;
    request.rule = c.rule;
    request.order = c.order;
    request.beta = beta;
    request.key_replica = key_replica;
    const std::vector<std::int64_t> a = gpu.sweep(request);
    for (std::size_t k = 0; k < a.size(); ++k) accepted_gpu[k] += a[k];
  }
  std::vector<std::int64_t> accepted_cpu(cpu.size(), 0);
  for (std::size_t k = 0; k < cpu.size(); ++k) {
    const ReplicaKey key{seed, k / W, key_replica[k]};
    for (int t = 0; t < sweeps; ++t)
      accepted_cpu[k] += sweep(cpu[k], {beta[k], c.rule, c.order}, key, t);
  }
  const std::vector<std::int8_t> spins = gpu.spins();
  const std::vector<std::int32_t> overlaps = gpu.overlaps();
  const std::vector<std::int64_t> energies = gpu.energy_numerators();
  // The device-side measurement reductions against the CPU's replicas.
  const WalkerSummaries summary = gpu.summaries();
  std::vector<std::int32_t> first, second;
  for (int a = 0; a < static_cast<int>(cpu.size()); ++a)
    for (int b = a + 1; b < static_cast<int>(cpu.size()); ++b) {
      first.push_back(a);
      second.push_back(b);
    }
  const std::vector<std::int32_t> products = gpu.spin_products(first, second);
  int mismatches = 0;
  for (std::size_t k = 0; k < first.size(); ++k) {
    std::int32_t product = 0;
    for (int i = 0; i < c.N; ++i) product += cpu[first[k]].spins()[i] * cpu[second[k]].spins()[i];
    mismatches += products[k] != product;
  }
  for (std::size_t k = 0; k < cpu.size(); ++k) {
    std::int32_t largest = 0, other = 0;
    const std::vector<std::int32_t>& S = cpu[k].overlaps();
    for (std::size_t mu = 0; mu < S.size(); ++mu) {
      largest = std::max(largest, S[mu] < 0 ? -S[mu] : S[mu]);
      if (mu > 0) other = std::max(other, S[mu] < 0 ? -S[mu] : S[mu]);
    }
    mismatches += summary.max_abs[k] != largest;
    mismatches += summary.max_other[k] != other;
    mismatches += summary.cued[k] != cpu[k].overlaps()[0];
    mismatches += summary.energy[k] != cpu[k].energy_numerator();
  }
  for (std::size_t k = 0; k < cpu.size(); ++k) {
    for (int i = 0; i < c.N; ++i) mismatches += spins[k * c.N + i] != cpu[k].spins()[i];
    for (std::int64_t mu = 0; mu < c.K; ++mu)
      mismatches += overlaps[k * c.K + mu] != cpu[k].overlaps()[mu];
    mismatches += energies[k] != cpu[k].energy_numerator();
    mismatches += accepted_gpu[k] != accepted_cpu[k];
  }
  std::printf("P = %d %s N = %d K = %lld %s %s: %d mismatches\n", c.P,
              c.variant == Variant::distinct ? "distinct" : "full", c.N,
              static_cast<long long>(c.K),
              c.rule == UpdateRule::metropolis ? "metropolis" : "heat-bath",
              c.order == SiteOrder::sequential ? "sequential" : "random", mismatches);
  return mismatches;
}

}  // namespace

int main() {
  if (cuda::device_count() == 0) {
    std::puts("test_cuda_trajectories: no CUDA device, skipped");
    return 77;
  }
  const std::vector<Case> cases{
      {2, Variant::distinct, 64, 40, UpdateRule::metropolis, SiteOrder::sequential},
      {3, Variant::distinct, 48, 300, UpdateRule::heat_bath, SiteOrder::random},
      {3, Variant::full, 256, 1000, UpdateRule::metropolis, SiteOrder::random},
      {4, Variant::distinct, 64, 2000, UpdateRule::metropolis, SiteOrder::sequential},
      {4, Variant::full, 40, 777, UpdateRule::heat_bath, SiteOrder::sequential},
      {5, Variant::distinct, 300, 500, UpdateRule::metropolis, SiteOrder::random},
  };
  int failures = 0;
  for (const Case& c : cases) failures += run_case(c, 20261128) != 0;
  std::printf("test_cuda_trajectories: %d of %zu cases differ\n", failures, cases.size());
  return failures == 0 ? 0 : 1;
}

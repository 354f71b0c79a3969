// The GPU tempering driver (DeviceTempering) without a GPU: its walker storage replaced by a
// host implementation of the same calls (montecarlo::sweep per walker with the request's beta,
// key replica and sweep counter; summaries and spin products from the replicas), the driver must
// reproduce montecarlo::Tempering byte for byte: states, ladders and accumulators, also across
// restore() and in the host copy the writers use. This checks the driver's bookkeeping (keys,
// temperatures, walker pairs, measurement and swap calls); the kernels themselves are checked
// against montecarlo::sweep by the gpu-labelled tests.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "dhn/cuda/device_tempering.hpp"
#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/tempering.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;
namespace cuda = dhn::cuda;

namespace {

class HostWalkers final : public cuda::WalkerEnsemble {
 public:
  HostWalkers(const std::vector<Network>& networks, const std::vector<const Replica*>& walkers)
      : per_sample_(walkers.size() / networks.size()) {
    for (const Replica* r : walkers) replicas_.emplace_back(r->network(), r->spins());
  }
  std::vector<std::int64_t> sweep(const cuda::SweepRequest& request) override {
    std::vector<std::int64_t> accepted(replicas_.size(), 0);
    for (std::size_t c = 0; c < replicas_.size(); ++c) {
      const ReplicaKey key{request.seed, c / per_sample_, request.key_replica[c]};
      const SweepParameters parameters{
          request.beta[c], request.rule,
          request.random_order ? SiteOrder::random : SiteOrder::sequential};
      for (int s = 0; s < request.sweeps; ++s) {
        accepted[c] += dhn::montecarlo::sweep(replicas_[c], parameters, key,
                                              static_cast<std::uint64_t>(request.first_sweep + s));
      }
    }
    return accepted;
  }
  cuda::DeviceEnsemble::Summaries summaries() const override {
    cuda::DeviceEnsemble::Summaries out;
    for (const Replica& r : replicas_) {
      std::int32_t largest = 0;
      for (std::int32_t S : r.overlaps()) largest = std::max(largest, S < 0 ? -S : S);
      out.energy.push_back(r.energy_numerator());
      out.cued.push_back(r.overlaps()[0]);
      out.max_abs.push_back(largest);
    }
    return out;
  }
  std::vector<std::int32_t> spin_products(const std::vector<std::int32_t>& first,
                                          const std::vector<std::int32_t>& second) const override {
    std::vector<std::int32_t> out;
    for (std::size_t k = 0; k < first.size(); ++k) {
      const Replica &a = replicas_[static_cast<std::size_t>(first[k])],
                    &b = replicas_[static_cast<std::size_t>(second[k])];
      std::int32_t sum = 0;
      for (int i = 0; i < a.N(); ++i) sum += a.spins()[i] * b.spins()[i];
      out.push_back(sum);
    }
    return out;
  }
  std::vector<std::int8_t> spins() const override {
    std::vector<std::int8_t> out;
    for (const Replica& r : replicas_) out.insert(out.end(), r.spins().begin(), r.spins().end());
    return out;
  }

 private:
  std::size_t per_sample_;
  std::vector<Replica> replicas_;
};

cuda::WalkerEnsembleFactory host_walkers() {
  return [](const std::vector<Network>& networks, const std::vector<const Replica*>& walkers) {
    return std::make_unique<HostWalkers>(networks, walkers);
  };
}

bool same(const TemperingState& a, const TemperingState& b) {
  const Accumulators &x = a.accumulators, &y = b.accumulators;
  return a.sweep == b.sweep && a.spins == b.spins && a.slot_of_walker == b.slot_of_walker &&
         a.trip_label == b.trip_label && a.round_trips == b.round_trips &&
         x.bin_sums == y.bin_sums && x.window_sums == y.window_sums &&
         x.q_histogram == y.q_histogram && x.m_histogram == y.m_histogram &&
         x.flips_accepted == y.flips_accepted && x.swaps_attempted == y.swaps_attempted &&
         x.swaps_accepted == y.swaps_accepted;
}

TemperingParameters small_run(int P, Variant variant, UpdateRule rule, SiteOrder order,
                              int swap_every, InitialKind init) {
  TemperingParameters p;
  p.P = P;
  p.variant = variant;
  p.N = 20;
  p.K = P == 2 ? 4 : 30;
  p.T = {0.02, 0.04, 0.08, 0.16};
  p.replicas = 3;
  p.samples = 2;
  p.therm = 12;
  p.sweeps = 50;
  p.swap_every = swap_every;
  p.rule = rule;
  p.order = order;
  p.init = init;
  p.m0 = 0.6;
  p.seed = 4242;
  p.bins = 6;
  return p;
}

}  // namespace

TEST_CASE("DeviceTempering with host walkers reproduces Tempering byte for byte", "[cuda]") {
  const std::vector<TemperingParameters> cases{
      small_run(2, Variant::distinct, UpdateRule::metropolis, SiteOrder::sequential, 1,
                InitialKind::pattern),
      small_run(3, Variant::full, UpdateRule::heat_bath, SiteOrder::random, 2, InitialKind::random),
      small_run(4, Variant::distinct, UpdateRule::metropolis, SiteOrder::random, 3,
                InitialKind::noisy),
      small_run(3, Variant::distinct, UpdateRule::heat_bath, SiteOrder::sequential, 0,
                InitialKind::random),
  };
  for (const TemperingParameters& p : cases) {
    Tempering cpu(p, 1);
    cpu.run(1);
    cuda::DeviceTempering driver(p, 1, host_walkers());
    CHECK(driver.run() == RunStatus::finished);
    CHECK(same(cpu.state(), driver.state()));
    CHECK(same(cpu.state(), driver.host_copy(1).state()));
    if (p.swap_every > 0) {
      std::int64_t swaps = 0;
      for (std::int64_t s : driver.accumulators().swaps_accepted) swaps += s;
      CHECK(swaps > 0);  // the ladders did move: the comparison covers the swap bookkeeping
    }

    // stopped at sweep 23, restored into a fresh driver and continued
    cuda::DeviceTempering first(p, 1, host_walkers());
    CHECK(first.run([](const cuda::DeviceTempering& t) { return t.sweeps_done() < 23; }) ==
          RunStatus::stopped);
    CHECK(first.sweeps_done() == 23);
    cuda::DeviceTempering second(p, 1, host_walkers());
    second.restore(first.state(), 1);
    second.run();
    CHECK(same(cpu.state(), second.state()));

    // a different seed differs: the comparison can fail
    TemperingParameters other = p;
    other.seed += 1;
    cuda::DeviceTempering different(other, 1, host_walkers());
    different.run();
    CHECK_FALSE(same(cpu.state(), different.state()));
  }
}

TEST_CASE("DeviceTempering::restore rejects a malformed state", "[cuda]") {
  const TemperingParameters p = small_run(3, Variant::distinct, UpdateRule::metropolis,
                                          SiteOrder::random, 1, InitialKind::pattern);
  cuda::DeviceTempering driver(p, 1, host_walkers());
  TemperingState s = driver.state();
  s.slot_of_walker[1] = s.slot_of_walker[0];
  CHECK_THROWS_AS(driver.restore(s, 1), std::invalid_argument);
}

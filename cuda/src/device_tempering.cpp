#include "dhn/cuda/device_tempering.hpp"

#include <utility>

#include "dhn/cuda/from_network.hpp"

namespace dhn::cuda {

namespace mc = montecarlo;

namespace {
// DeviceEnsemble behind the WalkerEnsemble interface.
class DeviceWalkers final : public WalkerEnsemble {
 public:
  // make_device_ensemble's prvalue initialises the member in place (DeviceEnsemble is not movable)
  DeviceWalkers(const std::vector<mc::Network>& networks,
                const std::vector<const mc::Replica*>& walkers)
      : ensemble_(make_device_ensemble(networks, walkers)) {}
  std::vector<std::int64_t> sweep(const SweepRequest& request) override {
    return ensemble_.sweep(request);
  }
  DeviceEnsemble::Summaries summaries() const override { return ensemble_.summaries(); }
  std::vector<std::int32_t> spin_products(const std::vector<std::int32_t>& first,
                                          const std::vector<std::int32_t>& second) const override {
    return ensemble_.spin_products(first, second);
  }
  std::vector<std::int8_t> spins() const override { return ensemble_.spins(); }

 private:
  DeviceEnsemble ensemble_;
};
}  // namespace

WalkerEnsembleFactory device_walkers() {
  return [](const std::vector<mc::Network>& networks,
            const std::vector<const mc::Replica*>& walkers) -> std::unique_ptr<WalkerEnsemble> {
    return std::make_unique<DeviceWalkers>(networks, walkers);
  };
}

DeviceTempering::DeviceTempering(mc::TemperingParameters p, int threads)
    : DeviceTempering(std::move(p), threads, device_walkers()) {}

DeviceTempering::DeviceTempering(mc::TemperingParameters p, int threads,
                                 WalkerEnsembleFactory walkers)
    : host_(std::make_unique<mc::Tempering>(std::move(p), threads)),
      factory_(std::move(walkers)),
      ladder_(mc::Ladder::identity(host_->parameters())),
      acc_(mc::Accumulators::zeros(host_->parameters())) {
  for (const mc::Network& n : host_->networks()) denominators_.push_back(n.energy_denominator());
  upload();
}

DeviceTempering::~DeviceTempering() = default;

void DeviceTempering::upload() {
  const mc::TemperingParameters& p = host_->parameters();
  std::vector<const mc::Replica*> walkers;
  for (int d = 0; d < p.samples; ++d) {
    for (int r = 0; r < p.replicas; ++r) {
      for (int w = 0; w < host_->slots(); ++w) walkers.push_back(&host_->walker(d, r, w));
    }
  }
  device_.reset();  // free the old buffers before allocating the new ones
  device_ = factory_(host_->networks(), walkers);
}

void DeviceTempering::advance() {
  if (finished()) return;
  const mc::TemperingParameters& p = host_->parameters();
  const std::int64_t t = sweep_;
  const int D = p.samples, R = p.replicas, L = host_->slots();
  const std::size_t walkers = static_cast<std::size_t>(D) * R * L;
  // 1. one sweep of every walker at its slot's temperature, key replica r L + slot
  SweepRequest request;
  request.seed = p.seed;
  request.first_sweep = t;
  request.sweeps = 1;
  request.rule = p.rule;
  request.random_order = p.order == mc::SiteOrder::random;
  request.beta.resize(walkers);
  request.key_replica.resize(walkers);
  for (std::size_t c = 0; c < walkers; ++c) {
    const int r = static_cast<int>((c / L) % R);
    const int slot = ladder_.slot_of_walker[c];
    request.beta[c] = 1.0 / p.T[static_cast<std::size_t>(slot)];
    request.key_replica[c] = static_cast<std::uint64_t>(r) * L + slot;
  }
  const std::vector<std::int64_t> accepted = device_->sweep(request);
  // 2. the measurement inputs of every (d, slot): walker summaries and replica-pair products
  const DeviceEnsemble::Summaries summaries = device_->summaries();
  const std::size_t pairs = static_cast<std::size_t>(R) * (R - 1) / 2;
  std::vector<std::int32_t> first, second;
  first.reserve(static_cast<std::size_t>(D) * L * pairs);
  second.reserve(first.capacity());
  for (int d = 0; d < D; ++d) {
    for (int k = 0; k < L; ++k) {
      for (int a = 0; a < R; ++a) {
        for (int b = a + 1; b < R; ++b) {
          first.push_back(static_cast<std::int32_t>(ladder_.walker(d, a, k)));
          second.push_back(static_cast<std::int32_t>(ladder_.walker(d, b, k)));
        }
      }
    }
  }
  const std::vector<std::int32_t> products = device_->spin_products(first, second);
  std::vector<mc::WalkerSummary> replicas(static_cast<std::size_t>(R));
  std::vector<std::int64_t> slot_products(pairs);
  for (int d = 0; d < D; ++d) {
    for (int k = 0; k < L; ++k) {
      for (int r = 0; r < R; ++r) {
        const std::size_t c = ladder_.walker(d, r, k);
        replicas[static_cast<std::size_t>(r)] = {summaries.energy[c], summaries.cued[c],
                                                 summaries.max_abs[c], accepted[c]};
      }
      const std::size_t offset = (static_cast<std::size_t>(d) * L + k) * pairs;
      for (std::size_t x = 0; x < pairs; ++x) slot_products[x] = products[offset + x];
      mc::record_slot(p, denominators_[static_cast<std::size_t>(d)], t, d, k, replicas,
                      slot_products, acc_);
    }
  }
  // 3. the swap round on the host from the exact energies
  if (mc::swaps_after(p, t)) ladder_.swap_round(p, t, summaries.energy, denominators_, acc_);
  ++sweep_;
}

mc::RunStatus DeviceTempering::run(const std::function<bool(const DeviceTempering&)>& control) {
  while (!finished()) {
    advance();
    if (control && !control(*this) && !finished()) return mc::RunStatus::stopped;
  }
  return mc::RunStatus::finished;
}

mc::TemperingState DeviceTempering::state() const {
  mc::TemperingState s;
  s.sweep = sweep_;
  s.spins = device_->spins();
  s.slot_of_walker = ladder_.slot_of_walker;
  s.trip_label = ladder_.trip_label;
  s.round_trips = ladder_.round_trips;
  s.accumulators = acc_;
  return s;
}

void DeviceTempering::restore(const mc::TemperingState& s, int threads) {
  host_->restore(s, threads);  // checks every shape and rebuilds the walkers with exact U
  const int D = host_->parameters().samples, R = host_->parameters().replicas, L = host_->slots();
  ladder_.slot_of_walker = s.slot_of_walker;
  ladder_.trip_label = s.trip_label;
  ladder_.round_trips = s.round_trips;
  for (int d = 0; d < D; ++d) {
    for (int r = 0; r < R; ++r) {
      for (int k = 0; k < L; ++k) {
        ladder_.walker_at_slot[ladder_.index(d, r, k)] = host_->walker_at(d, r, k);
      }
    }
  }
  acc_ = s.accumulators;
  sweep_ = s.sweep;
  upload();
}

const mc::Tempering& DeviceTempering::host_copy(int threads) {
  host_->restore(state(), threads);
  return *host_;
}

}  // namespace dhn::cuda

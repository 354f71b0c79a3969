#include "dhn/cuda/device_walkers.hpp"

#include <omp.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "dhn/cuda/ensemble.hpp"
#include "dhn/cuda/from_network.hpp"
#include "dhn/montecarlo/replica.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"

namespace dhn::cuda {

namespace mc = montecarlo;

namespace {

// A device ensemble in the state `spins`: the exact overlaps and energies come from host
// replicas (built in parallel, then dropped).
std::unique_ptr<DeviceEnsemble> upload(const mc::TemperingParameters& p,
                                       const std::vector<mc::Network>& networks,
                                       std::span<const std::int8_t> spins, int threads) {
  const std::size_t N = static_cast<std::size_t>(p.N);
  if (networks.empty() || spins.size() % N != 0 || (spins.size() / N) % networks.size() != 0) {
    throw std::invalid_argument("device walkers: spins of W walkers per network expected");
  }
  const std::size_t walkers = spins.size() / N;
  const std::size_t per_sample = walkers / networks.size();
  std::vector<std::unique_ptr<mc::Replica>> replicas(walkers);
  const auto count = static_cast<std::int64_t>(walkers);
#pragma omp parallel for schedule(dynamic, 1) \
    num_threads(threads > 0 ? threads : omp_get_max_threads())
  for (std::int64_t c = 0; c < count; ++c) {
    const auto begin = spins.begin() + static_cast<std::ptrdiff_t>(c * N);
    replicas[c] = std::make_unique<mc::Replica>(
        networks[static_cast<std::size_t>(c) / per_sample],
        std::vector<std::int8_t>(begin, begin + static_cast<std::ptrdiff_t>(N)), p.kernel);
  }
  std::vector<const mc::Replica*> pointers;
  pointers.reserve(walkers);
  for (const auto& r : replicas) pointers.push_back(r.get());
  // make_device_ensemble's prvalue initialises the new object in place (not movable)
  return std::unique_ptr<DeviceEnsemble>(
      new DeviceEnsemble(make_device_ensemble(networks, pointers)));
}

class DeviceWalkers final : public mc::WalkerEnsemble {
 public:
  DeviceWalkers(const mc::TemperingParameters& p, const std::vector<mc::Network>& networks,
                std::span<const std::int8_t> spins, int threads)
      : p_(p),
        networks_(networks),
        threads_(threads),
        ensemble_(upload(p, networks, spins, threads)) {}

  std::string_view backend() const override { return "cuda"; }
  std::size_t walkers() const override { return static_cast<std::size_t>(ensemble_->walkers()); }
  std::vector<std::int64_t> sweep(const mc::SweepRequest& request) override {
    if (!request.S0_min.empty()) {  // refused by mc's validation; a library caller gets this
      throw std::invalid_argument(
          "device walkers: umbrella windows are not implemented on the GPU");
    }
    return ensemble_->sweep(request);
  }
  mc::WalkerSummaries summaries() const override { return ensemble_->summaries(); }
  std::vector<std::int64_t> spin_products(std::span<const std::int32_t> first,
                                          std::span<const std::int32_t> second) const override {
    const std::vector<std::int32_t> products =
        ensemble_->spin_products(std::vector<std::int32_t>(first.begin(), first.end()),
                                 std::vector<std::int32_t>(second.begin(), second.end()));
    return std::vector<std::int64_t>(products.begin(), products.end());
  }
  std::vector<std::int8_t> spins() const override { return ensemble_->spins(); }
  void set_spins(std::span<const std::int8_t> spins) override {
    ensemble_.reset();  // free the old device buffers before allocating the new ones
    ensemble_ = upload(p_, networks_, spins, threads_);
  }

 private:
  mc::TemperingParameters p_;
  const std::vector<mc::Network>& networks_;  // owned by the driver, outlives the ensemble
  int threads_;
  std::unique_ptr<DeviceEnsemble> ensemble_;
};

}  // namespace

mc::WalkerEnsembleFactory device_walkers() {
  return
      [](const mc::TemperingParameters& p, const std::vector<mc::Network>& networks,
         std::span<const std::int8_t> spins, int threads) -> std::unique_ptr<mc::WalkerEnsemble> {
        return std::make_unique<DeviceWalkers>(p, networks, spins, threads);
      };
}

}  // namespace dhn::cuda

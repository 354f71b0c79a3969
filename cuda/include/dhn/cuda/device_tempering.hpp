// Parallel tempering with the walkers on the GPU: the run of montecarlo::Tempering
// (tempering.hpp), sweep for sweep and bit for bit, with the sweeps done by a DeviceEnsemble.
// The networks and initial states are built by the CPU engine with the same keys; per sweep the
// device sweeps every walker at its slot's temperature (key replica r L + slot), then only the
// per-walker summaries (U, S_0, max |S_mu|) and the spin products of the replica pairs at each
// (sample, slot) come back to the host, where the measurement and the swap round run through
// the same code as the CPU engine (tempering_steps.hpp). Spins travel to the host only for
// state() (checkpoints and the final output). Host-only header (no CUDA include).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "dhn/cuda/ensemble.hpp"
#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/replica.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"
#include "dhn/montecarlo/tempering_steps.hpp"

namespace dhn::cuda {

// The walker storage the driver sweeps and measures: the GPU's DeviceEnsemble in production; a
// host implementation of the same calls (montecarlo::sweep) lets the driver's bookkeeping be
// tested on machines without a GPU (tests/cuda/test_device_tempering_host.cpp).
class WalkerEnsemble {
 public:
  virtual ~WalkerEnsemble() = default;
  virtual std::vector<std::int64_t> sweep(const SweepRequest& request) = 0;
  virtual DeviceEnsemble::Summaries summaries() const = 0;
  virtual std::vector<std::int32_t> spin_products(
      const std::vector<std::int32_t>& first, const std::vector<std::int32_t>& second) const = 0;
  virtual std::vector<std::int8_t> spins() const = 0;  // (D W, N)
};
// Builds the storage holding walkers[c] (walker c of sample c / W refers to networks[c / W]).
using WalkerEnsembleFactory = std::function<std::unique_ptr<WalkerEnsemble>(
    const std::vector<montecarlo::Network>& networks,
    const std::vector<const montecarlo::Replica*>& walkers)>;
// The DeviceEnsemble factory (throws NoDeviceError without a GPU).
WalkerEnsembleFactory device_walkers();

class DeviceTempering {
 public:
  // As montecarlo::Tempering(p, threads) (threads only for building the initial states on the
  // host), then the walkers are uploaded. Throws NoDeviceError without a GPU,
  // std::invalid_argument for bad parameters.
  explicit DeviceTempering(montecarlo::TemperingParameters p, int threads = 0);
  // The same with another walker storage (tests).
  DeviceTempering(montecarlo::TemperingParameters p, int threads, WalkerEnsembleFactory walkers);
  ~DeviceTempering();
  DeviceTempering(const DeviceTempering&) = delete;
  DeviceTempering& operator=(const DeviceTempering&) = delete;

  const montecarlo::TemperingParameters& parameters() const { return host_->parameters(); }
  std::int64_t sweeps_done() const { return sweep_; }
  bool finished() const { return sweep_ >= montecarlo::total_sweeps(parameters()); }
  const montecarlo::Accumulators& accumulators() const { return acc_; }

  // One sweep of the run (tempering.hpp): one device sweep, the measurement, the swap round.
  // No-op once finished.
  void advance();
  // advance() until finished, calling control(*this) after every sweep; returns stopped as
  // soon as control returns false before the last sweep.
  montecarlo::RunStatus run(const std::function<bool(const DeviceTempering&)>& control = {});

  // The evolving state (spins downloaded from the device), equal to the CPU engine's after the
  // same sweeps; restore() checks it as Tempering::restore does and uploads it.
  montecarlo::TemperingState state() const;
  void restore(const montecarlo::TemperingState& state, int threads = 0);

  // A CPU engine holding state() (for the HDF5 writers and summarize()); valid until the next
  // call of a non-const member. O(D R L N K) on the host.
  const montecarlo::Tempering& host_copy(int threads = 0);

 private:
  void upload();

  std::unique_ptr<montecarlo::Tempering> host_;  // networks; walkers only at construction/restore
  WalkerEnsembleFactory factory_;
  std::unique_ptr<WalkerEnsemble> device_;
  montecarlo::Ladder ladder_;
  montecarlo::Accumulators acc_;
  std::vector<double> denominators_;  // by sample
  std::int64_t sweep_ = 0;
};

}  // namespace dhn::cuda

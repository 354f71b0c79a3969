// The walker ensemble on the GPU (montecarlo/walker_ensemble.hpp): a DeviceEnsemble behind the
// driver's interface, so that montecarlo::Tempering runs with its walkers on the device.
// Host-only header (no CUDA include).
#pragma once

#include "dhn/montecarlo/walker_ensemble.hpp"

namespace dhn::cuda {

// The factory of device ensembles. Building one computes the walkers' exact overlaps and
// energies on the host (O(walkers N K), threads as given) and uploads them with the patterns;
// per sweep only the per-walker summaries and the replica-pair products come back. Throws
// NoDeviceError without a GPU.
montecarlo::WalkerEnsembleFactory device_walkers();

}  // namespace dhn::cuda

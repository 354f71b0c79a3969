// Bridges from the CPU engine's objects to the device ensemble: the flip polynomial of a
// network and a device ensemble holding the walkers of several samples in their current state.
#pragma once

#include <vector>

#include "dhn/cuda/ensemble.hpp"
#include "dhn/montecarlo/flip_arithmetic.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/replica.hpp"

namespace dhn::cuda {

// The coefficients and scale of FlipArithmetic (the same integers the CPU polynomial kernel uses).
FlipPolynomial flip_polynomial(const montecarlo::FlipArithmetic& arithmetic);

// walkers[d * W + w] must refer to networks[d]; all networks share P, variant, N and K.
// Throws NoDeviceError without a GPU, std::invalid_argument for inconsistent inputs.
DeviceEnsemble make_device_ensemble(const std::vector<montecarlo::Network>& networks,
                                    const std::vector<const montecarlo::Replica*>& walkers);

}  // namespace dhn::cuda

// Host-side entry points of the CUDA backend. They compile without a GPU and report its absence
// with a typed error instead of exiting, so callers can map it to "use --backend cpu".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace dhn::cuda {

struct NoDeviceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Number of usable CUDA devices; 0 when there is no driver or no GPU.
int device_count();

// e_P(S, N) for every S in `overlaps`, computed on the device by the same DHN_HD function the CPU
// engine uses (dhn/model/elementary_symmetric.hpp). Throws NoDeviceError without a GPU.
std::vector<std::int64_t> elementary_symmetric_on_device(int P,
                                                         const std::vector<std::int64_t>& overlaps,
                                                         std::int64_t N);

}  // namespace dhn::cuda

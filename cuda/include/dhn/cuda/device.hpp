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

// The current device, for reports and peak-throughput estimates.
struct DeviceInfo {
  std::string name;
  int compute_major = 0, compute_minor = 0;
  int multiprocessors = 0;
  double clock_hz = 0.0;        // peak SM clock
  int int32_lanes_per_sm = 64;  // INT32 multiply-add lanes per SM per cycle (sm_80, sm_90)
  // Peak 32-bit integer multiply-adds per second: multiprocessors x lanes x clock.
  double int32_peak() const { return multiprocessors * double(int32_lanes_per_sm) * clock_hz; }
};
// Throws NoDeviceError without a GPU.
DeviceInfo device_info();

// e_P(S, N) for every S in `overlaps`, computed on the device by the same DHN_HD function the CPU
// engine uses (dhn/model/elementary_symmetric.hpp). Throws NoDeviceError without a GPU.
std::vector<std::int64_t> elementary_symmetric_on_device(int P,
                                                         const std::vector<std::int64_t>& overlaps,
                                                         std::int64_t N);

}  // namespace dhn::cuda

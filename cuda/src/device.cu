// Device smoke path of the CUDA backend: runtime checks and the shared e_P arithmetic on the GPU.
#include <cuda_runtime.h>

#include "dhn/cuda/device.hpp"
#include "dhn/model/elementary_symmetric.hpp"

namespace dhn::cuda {
namespace {

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) {
    throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(status));
  }
}

__global__ void elementary_symmetric_kernel(int P, const std::int64_t* __restrict__ overlaps,
                                            std::int64_t N, std::int64_t* __restrict__ out, int n) {
  const int k = blockIdx.x * blockDim.x + threadIdx.x;
  if (k < n) out[k] = elementary_symmetric(P, overlaps[k], N);
}

// Device memory owned by RAII so that an exception never leaks it.
struct DeviceBuffer {
  std::int64_t* data = nullptr;
  explicit DeviceBuffer(std::size_t n) {
    check(cudaMalloc(&data, n * sizeof(std::int64_t)), "cudaMalloc");
  }
  ~DeviceBuffer() { cudaFree(data); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
};

}  // namespace

int device_count() {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) return 0;  // e.g. cudaErrorInsufficientDriver
  return n;
}

DeviceInfo device_info() {
  if (device_count() == 0) throw NoDeviceError("no CUDA device; use --backend cpu");
  int device = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  cudaDeviceProp properties{};
  check(cudaGetDeviceProperties(&properties, device), "cudaGetDeviceProperties");
  int clock_khz = 0;
  check(cudaDeviceGetAttribute(&clock_khz, cudaDevAttrClockRate, device), "clock rate");
  DeviceInfo info;
  info.name = properties.name;
  info.compute_major = properties.major;
  info.compute_minor = properties.minor;
  info.multiprocessors = properties.multiProcessorCount;
  info.clock_hz = 1e3 * clock_khz;
  return info;
}

std::vector<std::int64_t> elementary_symmetric_on_device(int P,
                                                         const std::vector<std::int64_t>& overlaps,
                                                         std::int64_t N) {
  if (device_count() == 0) throw NoDeviceError("no CUDA device; use --backend cpu");
  const int n = static_cast<int>(overlaps.size());
  std::vector<std::int64_t> result(overlaps.size());
  if (n == 0) return result;
  DeviceBuffer in(overlaps.size()), out(overlaps.size());
  check(cudaMemcpy(in.data, overlaps.data(), n * sizeof(std::int64_t), cudaMemcpyHostToDevice),
        "copy in");
  elementary_symmetric_kernel<<<(n + 127) / 128, 128>>>(P, in.data, N, out.data, n);
  check(cudaGetLastError(), "kernel launch");
  check(cudaMemcpy(result.data(), out.data, n * sizeof(std::int64_t), cudaMemcpyDeviceToHost),
        "copy out");
  return result;
}

}  // namespace dhn::cuda

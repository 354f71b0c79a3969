// Internal to the CUDA backend: turn a CUDA status into an exception naming the call, and own
// device memory with RAII so that an exception never leaks it.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace dhn::cuda::detail {

inline void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) {
    throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(status));
  }
}

template <typename T>
struct DeviceArray {
  T* data = nullptr;
  std::size_t size = 0;
  DeviceArray() = default;
  explicit DeviceArray(std::size_t n) : size(n) {
    if (n > 0) check(cudaMalloc(&data, n * sizeof(T)), "cudaMalloc");
  }
  ~DeviceArray() { cudaFree(data); }
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;
  DeviceArray(DeviceArray&& other) noexcept : data(other.data), size(other.size) {
    other.data = nullptr;
    other.size = 0;
  }
  DeviceArray& operator=(DeviceArray&& other) noexcept {
    if (this != &other) {
      cudaFree(data);
      data = other.data;
      size = other.size;
      other.data = nullptr;
      other.size = 0;
    }
    return *this;
  }
  void upload(const T* host, std::size_t n) {
    if (n != size) throw std::invalid_argument("device upload: size mismatch");
    if (n > 0) check(cudaMemcpy(data, host, n * sizeof(T), cudaMemcpyHostToDevice), "upload");
  }
  void download(T* host) const {
    if (size > 0)
      check(cudaMemcpy(host, data, size * sizeof(T), cudaMemcpyDeviceToHost), "download");
  }
};

}  // namespace dhn::cuda::detail

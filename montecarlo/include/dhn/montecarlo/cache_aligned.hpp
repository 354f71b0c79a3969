// std::vector storage aligned to the 64-byte cache line: the SIMD flip loops stream the per-
// pattern arrays one 512-bit register at a time, and an array that starts off a line boundary
// makes every such load or store touch two lines (malloc only guarantees 16 bytes).
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace dhn::montecarlo {

template <typename T>
struct CacheAlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t alignment{64};
  CacheAlignedAllocator() = default;
  template <typename U>
  CacheAlignedAllocator(const CacheAlignedAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), alignment)); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, alignment); }
  template <typename U>
  bool operator==(const CacheAlignedAllocator<U>&) const noexcept {
    return true;
  }
};

template <typename T>
using CacheAlignedVector = std::vector<T, CacheAlignedAllocator<T>>;

}  // namespace dhn::montecarlo

// The core clock a benchmark thread actually runs at, for roofline fractions: a chain of
// dependent integer adds retires one add per cycle on every x86-64 core, so adds per second of
// thread CPU time is the clock (turbo included), whatever /proc/cpuinfo or the hypervisor says.
#pragma once

#include <algorithm>
#include <cstdint>
#include <ctime>

namespace dhn::bench {

inline double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Cycles per second of thread CPU time, from ~0.1 s of a dependent add chain (best of 3).
inline double core_clock_hz() {
  double best = 0.0;
  for (int repeat = 0; repeat < 3; ++repeat) {
    std::uint64_t x = 0;
    constexpr std::uint64_t kAdds = 400'000'000;
    const double start = thread_cpu_seconds();
    for (std::uint64_t k = 0; k < kAdds / 8; ++k) {
#if defined(__GNUC__) && defined(__x86_64__)
      // eight dependent adds the compiler can neither fold nor reorder
      asm volatile(
          "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
          "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
          : "+r"(x));
#else
      x += 8;
#endif
    }
    const double seconds = thread_cpu_seconds() - start;
    if (x == kAdds && seconds > 0.0) best = std::max(best, static_cast<double>(kAdds) / seconds);
  }
  return best;
}

}  // namespace dhn::bench

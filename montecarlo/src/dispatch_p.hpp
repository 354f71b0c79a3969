// Runtime P to compile-time P for the flip loops (private to montecarlo/src): the loops are
// templates on P so that their Horner chains unroll, and this switch is written once for all.
#pragma once

#include <cstdint>
#include <cstdlib>

namespace dhn::montecarlo {

// Calls Loop<P, Int>::run(args...) for the runtime P (2 <= P <= kMaxP = 12). always_inline keeps
// each loop inside the instruction-set clone or target function that calls it.
template <template <int, typename> class Loop, typename Int, typename... Args>
[[gnu::always_inline]] inline std::int64_t dispatch_P(int P, Args... args) {
  switch (P) {
    case 2:
      return Loop<2, Int>::run(args...);
    case 3:
      return Loop<3, Int>::run(args...);
    case 4:
      return Loop<4, Int>::run(args...);
    case 5:
      return Loop<5, Int>::run(args...);
    case 6:
      return Loop<6, Int>::run(args...);
    case 7:
      return Loop<7, Int>::run(args...);
    case 8:
      return Loop<8, Int>::run(args...);
    case 9:
      return Loop<9, Int>::run(args...);
    case 10:
      return Loop<10, Int>::run(args...);
    case 11:
      return Loop<11, Int>::run(args...);
    case 12:
      return Loop<12, Int>::run(args...);
    default:
      std::abort();  // P is validated by FlipArithmetic's constructor
  }
}

}  // namespace dhn::montecarlo

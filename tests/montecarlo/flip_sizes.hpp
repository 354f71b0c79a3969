// Network sizes that take the flip loops (flip_arithmetic.hpp) through every path they have:
// partial 16- and 64-pattern registers (K = 1, 15, 17, 65), several int32 blocks per row, also
// of the SIMD lane blocks (P = 5, N = 64), weights that are not monic or have a gcd g > 1 (full
// P = 3, 6), and the int64 path (full P = 4 at N = 2048, P = 6). The kernel tests run along
// flips on each of them.
#pragma once

#include <cstdint>

#include "dhn/model/model.hpp"

struct FlipSize {
  int P;
  dhn::Variant variant;
  int N;
  std::int64_t K;
};

inline constexpr FlipSize kFlipPathSizes[] = {
    {3, dhn::Variant::distinct, 20, 1},     {3, dhn::Variant::full, 33, 15},
    {4, dhn::Variant::distinct, 24, 17},    {4, dhn::Variant::full, 24, 65},
    {2, dhn::Variant::distinct, 40, 1000},  {5, dhn::Variant::distinct, 40, 2000},
    {4, dhn::Variant::distinct, 64, 16000}, {4, dhn::Variant::full, 2048, 40},
    {6, dhn::Variant::full, 30, 200},       {5, dhn::Variant::distinct, 64, 4000}};

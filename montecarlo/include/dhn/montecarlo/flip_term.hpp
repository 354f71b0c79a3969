// Per-pattern arithmetic of one spin flip, shared by the CPU engine and the CUDA backend: the
// exact integer change of e_P(S) or S^P when an overlap S steps by -2x (physics.md section 1).
// No CUDA include, no exception, no allocation; fixed-width integers only.
#pragma once

#include <cstdint>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/model/hd.hpp"
#include "dhn/model/model.hpp"

namespace dhn::montecarlo {

// The energy numerator of the two variants (physics.md section 1):
//   distinct: U = -sum_mu e_P(S_mu),  H = U / N^(P-1)
//   full:     U = -sum_mu S_mu^P,     H = U / (P! N^(P-1))
// f(S) below is e_P(S) or S^P, the per-pattern term. Exact in int64 within the bounds checked
// by FlipArithmetic (flip_arithmetic.hpp).
DHN_HD inline std::int64_t pattern_term(Variant variant, int P, std::int64_t S, std::int64_t N) {
  if (variant == Variant::distinct) return elementary_symmetric(P, S, N);
  std::int64_t power = 1;
  for (int k = 0; k < P; ++k) power *= S;
  return power;
}

// Flipping site i with x_mu = xi^mu_i s_i moves S_mu -> S_mu - 2 x_mu. With y = x S (the overlap
// seen from site i) and the parity f(-S) = (-1)^P f(S) of both variants,
//   Delta U = sum_mu [f(S_mu) - f(S_mu - 2 x_mu)] = sum_mu x_mu^P g(y_mu),  g(y) = f(y) - f(y-2).
// g has degree P-1. distinct: g(y) = 2 e_(P-1)(y-1; N-1) (the other N-1 sites carry y-1);
// full: g(y) = y^P - (y-2)^P.

// Table form: the term x^P g(x S) with g read from table[y + N], |y| <= N (table lookup).
DHN_HD inline std::int64_t flip_term_table(const std::int64_t* table, std::int32_t N, int P,
                                           std::int32_t x, std::int32_t S) {
  const std::int64_t g = table[x * S + N];
  return (P % 2 == 1) ? x * g : g;
}

// Polynomial form: G(y) = sum_(k<P) c_k y^k with integer coefficients, G = g (P-1)! / 2 for
// distinct and G = g for full (flip_arithmetic.hpp builds c). Returns x^P G(x S) in Int; the
// caller guarantees that sum_k |c_k| N^k fits Int (no intermediate overflows then).
template <int P, typename Int>
DHN_HD inline Int flip_term_polynomial(const Int* c, Int x, Int S) {
  const Int y = x * S;
  Int g = c[P - 1];
  for (int k = P - 2; k >= 0; --k) g = g * y + c[k];
  if constexpr (P % 2 == 1) g *= x;
  return g;
}

// Delta U from the summed polynomial terms: 2 sum / (P-1)! for distinct, sum for full. The
// division is exact: every distinct term is (P-1)! e_(P-1)(y-1; N-1), a multiple of (P-1)!.
struct FlipScale {
  std::int64_t numerator;    // 2 (distinct) or 1 (full)
  std::int64_t denominator;  // (P-1)! (distinct) or 1 (full)
};
DHN_HD inline std::int64_t scale_flip_sum(std::int64_t sum, FlipScale scale) {
  return scale.numerator * (sum / scale.denominator);
}

// The overlaps after the flip of site i whose spin was s_i: S_mu -= 2 xi^mu_i s_i.
DHN_HD inline std::int32_t flipped_overlap(std::int32_t S, std::int32_t xi, std::int32_t s) {
  return S - 2 * xi * s;
}

}  // namespace dhn::montecarlo

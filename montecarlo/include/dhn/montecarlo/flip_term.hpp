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

// The same term split by the sign x = +-1. With G = Ge + Go (its even and odd powers of y),
// Ge(x S) = Ge(S) and Go(x S) = x Go(S), so
//   x^P G(x S) = site_free(S) + x weight(S),  (site_free, weight) = (Ge, Go) for even P and
//                                                                   (Go, Ge) for odd P.
// Summed over mu with x_mu = xi^mu_i s_i:
//   sum_mu x_mu^P G(x_mu S_mu) = sum_mu site_free(S_mu) + s_i sum_mu xi^mu_i weight(S_mu),
// where neither sum_mu site_free nor the weights depend on the site i: a replica caches them and
// a flip attempt is one dot product of the site's pattern row with the weights (replica.hpp).
// Both parts are Horner sums in u = S^2; every partial is bounded by sum_k |c_k| N^k (as in
// flip_term_polynomial), and so is u itself for P >= 3 (|c_(P-1)| >= 1), so the caller's bound
// for Int covers every intermediate.
template <typename Int>
struct SplitFlipTerm {
  Int site_free;  // the part of x^P G(x S) that does not depend on x
  Int weight;     // the coefficient of x
};

template <int P, typename Int>
DHN_HD inline SplitFlipTerm<Int> split_flip_term(const Int* c, Int S) {
  constexpr int top_even = ((P - 1) % 2 == 0) ? P - 1 : P - 2;
  constexpr int top_odd = ((P - 1) % 2 == 1) ? P - 1 : P - 2;
  Int even = c[top_even];
  Int odd = c[top_odd];
  if constexpr (P >= 3) {
    const Int u = S * S;
    for (int k = top_even - 2; k >= 0; k -= 2) even = even * u + c[k];
    for (int k = top_odd - 2; k >= 1; k -= 2) odd = odd * u + c[k];
  }
  odd *= S;
  if constexpr (P % 2 == 0) {
    return {even, odd};
  } else {
    return {odd, even};
  }
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

// The elementary symmetric polynomial e_P of x_i = xi_i s_i = +-1 as an exact polynomial in the
// overlap S = sum_i x_i (physics.md section 1): the O(1) per-pattern energy of the dense network.
#pragma once

#include <cstdint>

#include "dhn/model/hd.hpp"

namespace dhn {

// e_P(x) for x in {-1,+1}^N with S = sum x_i, by Newton's identities with power sums
// p_k = S (k odd), N (k even):  e_k = (1/k) sum_{j=1..k} (-1)^(j-1) e_{k-j} p_j.
// Exact in int64 as long as every intermediate |k e_k| < 2^63; for |S| <= N this holds when
// N^P / (P-1)! < 2^62 (e.g. N <= 2^15 at P = 4, N <= 2^11 at P = 6). Requires 0 <= P <= 12.
DHN_HD inline std::int64_t elementary_symmetric(int P, std::int64_t S, std::int64_t N) {
  std::int64_t e[13];
  e[0] = 1;
  for (int k = 1; k <= P; ++k) {
    std::int64_t sum = 0;
    for (int j = 1; j <= k; ++j) {
      const std::int64_t p_j = (j % 2 == 1) ? S : N;
      const std::int64_t term = e[k - j] * p_j;
      sum += (j % 2 == 1) ? term : -term;
    }
    e[k] = sum / k;  // exact: e_k is an integer (a count difference of index sets)
  }
  return e[P];
}

// The same polynomial in floating point, for overlaps outside the int64-exact range.
DHN_HD inline double elementary_symmetric_real(int P, double S, double N) {
  double e[13];
  e[0] = 1.0;
  for (int k = 1; k <= P; ++k) {
    double sum = 0.0;
    for (int j = 1; j <= k; ++j) {
      const double p_j = (j % 2 == 1) ? S : N;
      sum += ((j % 2 == 1) ? 1.0 : -1.0) * e[k - j] * p_j;
    }
    e[k] = sum / k;
  }
  return e[P];
}

}  // namespace dhn

// The per-site sums that let the accepted flip's pass drop its lowest power sum (issue 17):
// the flip pass needs sum_mu S_mu (odd P) or sum_mu S_mu^2 (even P >= 4) of the new overlaps
// for the site-free part of the next Delta U. After flipping site i with spin s,
//   sum S' = sum S - 2 s r_i,               r_i = sum_mu xi^mu_i,
//   sum S'^2 = sum S^2 - 4 s F_i + 4 K,     F_i = sum_mu xi^mu_i S_mu = sum_j C_ij s_j,
// with C_ij = sum_mu xi^mu_i xi^mu_j the patterns' site-site correlations. r and C are fixed
// per disorder sample, so the update is O(1) (odd P) or O(N) (even P) instead of one vector
// add per 16 patterns in the pass (about 8 % of its operations at P = 4).
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/patterns.hpp"

namespace dhn::montecarlo {

class RowMoments {
 public:
  // r (odd P >= 3) or C (even P >= 4) of the patterns; nothing for P = 2 (the flip pass has no
  // power sum there). C from the packed rows: C_ij = K - 2 popcount(row_i xor row_j), O(N^2 K /
  // 64), N^2 int64 (never more than a small fraction of the patterns' N K / 8 bytes at even P
  // >= 4, where K = alpha N^(P-1) >> N).
  RowMoments(const Patterns& patterns, int P);

  // The row moment of flipping site i (FlipArithmetic::flip): r_i for odd P, F_i = sum_j C_ij
  // s_j for even P (spins: the N spins before the flip), 0 for P = 2.
  std::int64_t of(int i, const std::int8_t* spins) const;

 private:
  int N_ = 0;
  bool odd_ = false;
  std::vector<std::int64_t> row_sums_;  // r_i, odd P
  std::vector<std::int64_t> gram_;      // C_ij at i N + j, even P >= 4 (|C| <= K)
};

// The row moment from the row and the overlaps directly, O(K) (tests and checks): sum_mu xi_mu
// for odd P, sum_mu xi_mu S_mu for even P.
std::int64_t row_moment(int P, const std::int8_t* xi, const std::int32_t* S, std::int64_t K);

}  // namespace dhn::montecarlo

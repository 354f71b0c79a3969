// The exact energy change of one spin flip in O(K): the per-flip polynomial and table of
// flip_term.hpp built for one (P, variant, N), with the CPU loops over the K patterns.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/montecarlo/cache_aligned.hpp"
#include "dhn/montecarlo/flip_term.hpp"

namespace dhn::montecarlo {

// How the K per-pattern terms are evaluated; both give the same integers.
enum class FlipKernel {
  table,       // g(y) read from a table of 2N+1 int64 for every (mu, attempt): the plain scalar
               // reference kernel (compiled without vectorisation), O(K) table reads per attempt
  polynomial,  // cached per-pattern weights (FlipWeights): an attempt is one int8 x int32 dot
               // product, an accepted flip refreshes the weights by Horner (integer SIMD)
};

// The per-pattern weights of one replica's overlaps (flip_term.hpp, split_flip_term): weight
// B(S_mu) for every mu and site_free = sum_mu A(S_mu). With them the flip sum of site i is
// site_free + s_i sum_mu xi^mu_i B(S_mu). They depend on the overlaps only and change with every
// accepted flip (FlipArithmetic::flip refreshes them with the overlaps).
struct FlipWeights {
  // B(S_mu) / g with g = PowerSumTerms::weight_scale (the gcd of B's coefficients, so that no
  // pass multiplies every pattern by it; the arithmetic multiplies the sums): int32 when the
  // arithmetic's int32_terms(), int64 otherwise
  CacheAlignedVector<std::int32_t> weight32;
  CacheAlignedVector<std::int64_t> weight64;
  // S_mu as int16, when the arithmetic's narrow_overlaps(): the accepted flip's pass then moves
  // these instead of the caller's int32 overlaps (2 bytes fewer per pattern read and written;
  // the pass streams through L2), and FlipArithmetic::widen_overlaps brings the int32 copy up
  // to date when someone reads it.
  CacheAlignedVector<std::int16_t> overlap16;
  std::int64_t site_free = 0;     // sum_mu A(S_mu)
  std::int64_t weight_total = 0;  // sum_mu B(S_mu) / g
  // sum_mu S_mu (odd P) or sum_mu S_mu^2 (even P), updated per flip from the row moment
  // (row_moments.hpp) so that the SIMD flip pass need not sum it; 0 for P = 2
  std::int64_t lowest_power = 0;
};

// The split term (flip_term.hpp, split_flip_term) in the form the SIMD flip pass evaluates with
// the fewest vector operations, u = S^2 and b = P mod 2:
//   weight(S)    = weight_scale * S^(1-b) * sum_k weight[k] u^k,  k <= power_sum_weight_degree(P),
//   site_free(S) = S^b * sum_k site_free[k] u^k,                  k <= power_sum_free_degree(P),
// weight[] divided by the gcd of the weight's coefficients (weight_scale > 0), so that its top
// coefficient is often 1 (monic: one multiply fewer; always for distinct, and for full P = 4),
// and the site-free sum over patterns taken from power sums of S^b u^k (no Horner per pattern).
struct PowerSumTerms {
  std::array<std::int64_t, kMaxP> weight{};
  std::int64_t weight_scale = 1;
  bool monic = false;  // weight[power_sum_weight_degree(P)] == 1
  std::array<std::int64_t, kMaxP> site_free{};
};
constexpr int power_sum_weight_degree(int P) {
  return P % 2 == 0 ? (P - 2) / 2 : (P - 1) / 2;
}
constexpr int power_sum_free_degree(int P) {
  return P % 2 == 0 ? (P - 2) / 2 : (P - 3) / 2;
}
// From the coefficients c of G (flip_polynomial_coefficients).
PowerSumTerms power_sum_terms(int P, const std::array<std::int64_t, kMaxP>& c);

// Which loops evaluate the polynomial kernel: the best this CPU runs (explicit AVX-512 over the
// bit-packed rows where available and the int32 bounds allow, else the portable loops, which
// GCC compiles for AVX2 / AVX-512 too), or the portable ones (tests compare the two).
enum class FlipLoops { best, portable };

// Everything one flip needs for a network with P, variant, N and K patterns. Constructing it
// checks that the energy numerator and every flip sum are exact in int64: K max|f(S)| < 2^62
// and K max|g| < 2^62 for |S| <= N; throws std::invalid_argument naming the sizes otherwise.
class FlipArithmetic {
 public:
  FlipArithmetic(int P, Variant variant, int N, std::int64_t K, FlipLoops loops = FlipLoops::best);

  int P() const { return P_; }
  Variant variant() const { return variant_; }
  int N() const { return N_; }

  // FlipWeights::lowest_power after flipping a site with spin s and this row moment.
  std::int64_t lowest_power_after(std::int64_t lowest_power, std::int8_t s, std::int64_t row_moment,
                                  std::int64_t K) const;

  // Delta U (energy numerator, flip_term.hpp) of flipping a site with pattern row xi (K values)
  // and current spin s, given the overlaps S (K values). O(K); the polynomial kernel computes
  // the weights of S first (a replica keeps them instead: the overload below).
  std::int64_t delta(const std::int8_t* xi, std::int8_t s, const std::int32_t* S, std::int64_t K,
                     FlipKernel kernel) const;

  // The weights of the overlaps S (K values), from scratch. O(K).
  void compute_weights(const std::int32_t* S, std::int64_t K, FlipWeights& weights) const;
  // Delta U of flipping a site with pattern row xi (and the same row bit-packed, bits:
  // Patterns::packed_site) and spin s from the weights of the current overlaps: the same integer
  // as delta(..., FlipKernel::polynomial), O(K) with one add per pattern and no overlap read.
  std::int64_t delta(const std::int8_t* xi, const std::uint32_t* bits, std::int8_t s,
                     const FlipWeights& weights, std::int64_t K) const;
  // Flips a site with pattern row xi (bits) whose spin was s: S_mu -= 2 xi_mu s, and the weights
  // of the new overlaps, in one pass. O(K). With narrow_overlaps() the pass moves
  // weights.overlap16 and leaves S as it was (widen_overlaps updates it). row_moment: the
  // site's RowMoments::of (sum_mu xi_mu for odd P, sum_mu xi_mu S_mu before the flip for even P;
  // row_moment() computes it in O(K)).
  void flip(const std::int8_t* xi, const std::uint32_t* bits, std::int8_t s, std::int32_t* S,
            FlipWeights& weights, std::int64_t K, std::int64_t row_moment) const;
  // flip() followed by delta() of the next attempt (site row next_xi, next_bits, spin next_s) on
  // the new weights, returning that Delta U: the AVX-512 loops sum the next row's weights while
  // the accepted flip's pass has them in registers, so the next attempt needs no pass of its own
  // (the portable loops run the two passes). O(K).
  std::int64_t flip_then_delta(const std::int8_t* xi, const std::uint32_t* bits, std::int8_t s,
                               std::int32_t* S, FlipWeights& weights, std::int64_t K,
                               std::int64_t row_moment, const std::int8_t* next_xi,
                               const std::uint32_t* next_bits, std::int8_t next_s) const;
  // True when delta and flip run the explicit AVX-512 loops.
  bool avx512_loops() const { return avx512_; }
  // True when the flips move the int16 copy of the overlaps in FlipWeights (the AVX-512 loops
  // with int32 terms and N <= kMaxNarrowN, so that |S| + 2 fits int16).
  bool narrow_overlaps() const { return narrow_; }
  static constexpr int kMaxNarrowN = 32765;
  // S = the overlaps the weights were moved to (weights.overlap16 widened) when
  // narrow_overlaps(); nothing otherwise (S is then the flips' own copy). O(K).
  void widen_overlaps(const FlipWeights& weights, std::int32_t* S, std::int64_t K) const;

  // Coefficients c_0..c_(P-1) of G(y) (flip_term.hpp) and the scale from sum G to Delta U.
  const std::array<std::int64_t, kMaxP>& coefficients() const { return coefficients64_; }
  FlipScale scale() const { return scale_; }
  // table()[y + N] = g(y) = f(y) - f(y-2) for -N <= y <= N, from dhn::elementary_symmetric.
  const std::vector<std::int64_t>& table() const { return table_; }
  // True when every polynomial term and Horner partial fits int32 with room for blocks of 64
  // terms (64 sum_k |c_k| N^k < 2^31); int64 arithmetic otherwise.
  bool int32_terms() const { return int32_terms_; }
  // Number of int32 terms summed before widening to int64 (0 when int32_terms() is false).
  std::int64_t int32_block() const { return int32_block_; }

 private:
  int P_;
  Variant variant_;
  int N_;
  std::array<std::int64_t, kMaxP> coefficients64_{};
  std::array<std::int64_t, kMaxP> reduced64_{};       // G's, the weight's part divided by g
  std::array<std::int32_t, kMaxP> coefficients32_{};  // reduced64_ as int32, when int32_terms
  std::int64_t weight_scale_ = 1;                     // g, terms_.weight_scale
  FlipScale scale_{1, 1};
  std::vector<std::int64_t> table_;
  bool int32_terms_ = false;
  std::int64_t int32_block_ = 0;   // terms summed in int32 before widening
  bool avx512_ = false;            // delta and flip run the explicit AVX-512 loops
  bool narrow_ = false;            // and move int16 overlaps (FlipWeights::overlap16)
  std::int64_t avx512_block_ = 0;  // their int32 block (patterns summed lane-wise in int32)
  PowerSumTerms terms_;            // the AVX-512 loops' form of the terms
  std::array<std::int32_t, kMaxP> terms_weight32_{};  // terms_.weight, when int32_terms
};

// The overlaps after flipping a site with pattern row xi whose spin was s: S_mu -= 2 xi_mu s.
// O(K), scalar: the update of the reference kernel (FlipKernel::table); the polynomial kernel
// moves the overlaps inside FlipArithmetic::flip.
void apply_flip(const std::int8_t* xi, std::int8_t s, std::int32_t* S, std::int64_t K);

// Coefficients of G(y) = sum_(k<P) c_k y^k: distinct G(y) = E_(P-1)(y-1; N-1) with
// E_k = k! e_k built symbolically by Newton's identities (p_j = T odd j, N-1 even j); full
// G(y) = y^P - (y-2)^P. Throws std::overflow_error when a coefficient leaves int64.
std::array<std::int64_t, kMaxP> flip_polynomial_coefficients(int P, Variant variant, int N);

}  // namespace dhn::montecarlo

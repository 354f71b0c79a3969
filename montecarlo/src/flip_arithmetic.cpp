#include "dhn/montecarlo/flip_arithmetic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <stdexcept>
#include <string>

#include "dispatch_p.hpp"
#include "flip_loops_avx512.hpp"

// The loops over mu are compiled once per instruction set and picked at load time (GCC function
// multiversioning), so a portable build still runs AVX2 / AVX-512 integer SIMD where available.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define DHN_MC_CLONES __attribute__((target_clones("default", "avx2", "arch=x86-64-v4")))
#else
#define DHN_MC_CLONES
#endif

namespace dhn::montecarlo {

namespace {

using Poly = std::array<std::int64_t, kMaxP + 1>;  // coefficients of T^0..T^kMaxP

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) {
    throw std::overflow_error("flip polynomial: a coefficient overflows int64");
  }
  return r;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) {
    throw std::overflow_error("flip polynomial: a coefficient overflows int64");
  }
  return r;
}

std::int64_t binomial(int n, int k) {
  std::int64_t r = 1;
  for (int j = 1; j <= k; ++j) r = r * (n - k + j) / j;  // exact at every step
  return r;
}

// E_k(T) = k! e_k(T; M) for k = 0..n by Newton's identities with p_j = T (odd j), M (even j):
// E_k = sum_(j=1..k) (-1)^(j-1) (k-1)!/(k-j)! E_(k-j) p_j (integer coefficients).
Poly scaled_elementary_polynomial(int n, std::int64_t M) {
  std::array<Poly, kMaxP + 1> E{};
  E[0][0] = 1;
  for (int k = 1; k <= n; ++k) {
    std::int64_t falling = 1;  // (k-1)!/(k-j)!
    for (int j = 1; j <= k; ++j) {
      if (j > 1) falling *= (k - j + 1);
      const std::int64_t sign = (j % 2 == 1) ? 1 : -1;
      for (int d = 0; d + 1 <= kMaxP; ++d) {
        const std::int64_t a = E[k - j][d];
        if (a == 0) continue;
        const std::int64_t w = checked_mul(sign * falling, a);
        if (j % 2 == 1) {
          E[k][d + 1] = checked_add(E[k][d + 1], w);  // times T
        } else {
          E[k][d] = checked_add(E[k][d], checked_mul(w, M));  // times M
        }
      }
    }
  }
  return E[n];
}

// The weights B(S_mu) and sum_mu A(S_mu) (split_flip_term) of the overlaps S, after first moving
// S_mu -= 2 xi_mu s when Update (an accepted flip). Returns sum_mu A(S_mu) and sets
// *weight_total = sum_mu B(S_mu); both are summed in Int blocks of `block` terms
// (|block sum| <= block max|term|, chosen to fit Int) before widening to int64.
template <bool Update>
struct WeightPass {
  template <int P, typename Int>
  struct Loop {
    [[gnu::always_inline]] static std::int64_t run(const Int* c, const std::int8_t* xi,
                                                   std::int8_t s, std::int32_t* S, Int* weight,
                                                   std::int64_t K, std::int64_t block,
                                                   std::int64_t* weight_total) {
      const std::int32_t two_s = 2 * s;
      std::int64_t site_free = 0, total = 0;
      for (std::int64_t start = 0; start < K; start += block) {
        const std::int64_t end = std::min(K, start + block);
        Int partial = 0, partial_weight = 0;
        for (std::int64_t mu = start; mu < end; ++mu) {
          std::int32_t overlap = S[mu];
          if constexpr (Update) {
            overlap -= two_s * xi[mu];
            S[mu] = overlap;
          }
          const SplitFlipTerm<Int> term = split_flip_term<P, Int>(c, static_cast<Int>(overlap));
          weight[mu] = term.weight;
          partial += term.site_free;
          partial_weight += term.weight;
        }
        site_free += static_cast<std::int64_t>(partial);
        total += static_cast<std::int64_t>(partial_weight);
      }
      *weight_total = total;
      return site_free;
    }
  };
};

template <typename Int>
DHN_MC_CLONES std::int64_t weight_pass(int P, const Int* c, const std::int8_t* xi, std::int8_t s,
                                       std::int32_t* S, Int* weight, std::int64_t K,
                                       std::int64_t block, std::int64_t* weight_total) {
  return xi == nullptr ? dispatch_P<WeightPass<false>::Loop, Int>(P, c, xi, s, S, weight, K, block,
                                                                  weight_total)
                       : dispatch_P<WeightPass<true>::Loop, Int>(P, c, xi, s, S, weight, K, block,
                                                                 weight_total);
}

// sum_mu xi_mu weight_mu, in Int blocks of `block` terms (|xi weight| <= max|weight|).
template <typename Int>
DHN_MC_CLONES std::int64_t weighted_row_sum(const std::int8_t* xi, const Int* weight,
                                            std::int64_t K, std::int64_t block) {
  std::int64_t sum = 0;
  for (std::int64_t start = 0; start < K; start += block) {
    const std::int64_t end = std::min(K, start + block);
    Int partial = 0;
    for (std::int64_t mu = start; mu < end; ++mu) partial += static_cast<Int>(xi[mu]) * weight[mu];
    sum += static_cast<std::int64_t>(partial);
  }
  return sum;
}

// The plain scalar reference: one table read per pattern, never vectorised (the baseline that
// bench_mc_sweep compares the SIMD kernel with on the same machine and run).
[[gnu::optimize("no-tree-vectorize")]] std::int64_t table_sum(const std::int64_t* table,
                                                              std::int32_t N, int P,
                                                              const std::int8_t* xi, std::int8_t s,
                                                              const std::int32_t* S,
                                                              std::int64_t K) {
  std::int64_t sum = 0;
  const std::int32_t spin = s;
  // flip_term_table only uses the parity of P: pass a constant 2 or 3 so each loop is branch-free
  if (P % 2 == 0) {
    for (std::int64_t mu = 0; mu < K; ++mu)
      sum += flip_term_table(table, N, 2, xi[mu] * spin, S[mu]);
  } else {
    for (std::int64_t mu = 0; mu < K; ++mu)
      sum += flip_term_table(table, N, 3, xi[mu] * spin, S[mu]);
  }
  return sum;
}

}  // namespace

bool avx512_flip_loops_available() {
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
  static const bool available =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
  return available;
#else
  return false;
#endif
}

// Part of the scalar reference kernel (FlipKernel::table), so never vectorised either.
[[gnu::optimize("no-tree-vectorize")]] void apply_flip(const std::int8_t* xi, std::int8_t s,
                                                       std::int32_t* S, std::int64_t K) {
  // flipped_overlap(S, xi, s) = S - 2 xi s, with the sign of s hoisted out of the loop
  if (s > 0) {
    for (std::int64_t mu = 0; mu < K; ++mu) S[mu] = flipped_overlap(S[mu], xi[mu], 1);
  } else {
    for (std::int64_t mu = 0; mu < K; ++mu) S[mu] = flipped_overlap(S[mu], xi[mu], -1);
  }
}

PowerSumTerms power_sum_terms(int P, const std::array<std::int64_t, kMaxP>& c) {
  // powers y^j of G: the weight takes the parity of P - 1 (its top power y^(P-1) = S^(1-b) u^k),
  // the site-free part the other parity
  PowerSumTerms terms;
  std::int64_t gcd = 0;
  for (int j = P - 1; j >= 0; j -= 2) gcd = std::gcd(gcd, c[j]);
  terms.weight_scale = gcd == 0 ? 1 : gcd;
  for (int j = P - 1; j >= 0; j -= 2) terms.weight[j / 2] = c[j] / terms.weight_scale;
  terms.monic = terms.weight[power_sum_weight_degree(P)] == 1;
  for (int j = P - 2; j >= 0; j -= 2) terms.site_free[j / 2] = c[j];
  return terms;
}

std::array<std::int64_t, kMaxP> flip_polynomial_coefficients(int P, Variant variant, int N) {
  std::array<std::int64_t, kMaxP> c{};
  if (variant == Variant::full) {
    // y^P - (y-2)^P = -sum_(k<P) C(P,k) (-2)^(P-k) y^k
    for (int k = 0; k < P; ++k) {
      std::int64_t power = 1;
      for (int j = 0; j < P - k; ++j) power = checked_mul(power, -2);
      c[k] = checked_mul(-binomial(P, k), power);
    }
    return c;
  }
  // distinct: G(y) = E_(P-1)(T = y - 1; M = N - 1); Taylor shift c_k = sum_(j>=k) a_j C(j,k)
  // (-1)^(j-k)
  const Poly a = scaled_elementary_polynomial(P - 1, N - 1);
  for (int k = 0; k < P; ++k) {
    std::int64_t sum = 0;
    for (int j = k; j < P; ++j) {
      const std::int64_t term = checked_mul(a[j], binomial(j, k));
      sum = checked_add(sum, ((j - k) % 2 == 0) ? term : -term);
    }
    c[k] = sum;
  }
  return c;
}

FlipArithmetic::FlipArithmetic(int P, Variant variant, int N, std::int64_t K, FlipLoops loops)
    : P_(P), variant_(variant), N_(N) {
  validate(Model{P, variant, 0.0});
  if (N < 1 || K < 1) {
    throw std::invalid_argument("FlipArithmetic: N = " + std::to_string(N) +
                                ", K = " + std::to_string(K) + ": accepted N >= 1, K >= 1");
  }
  // Exactness bounds, in double (an overestimate is harmless; they only have to be safe).
  const double n = N;
  const double max_term = variant == Variant::full
                              ? std::pow(n, P)
                              : std::pow(n, P) / factorial(P - 1);  // >= |k e_k| in Newton
  coefficients64_ = flip_polynomial_coefficients(P, variant, N);
  double horner_bound = 0.0;  // sum_k |c_k| N^k bounds every Horner partial and |G|
  for (int k = 0; k < P; ++k)
    horner_bound += std::fabs(static_cast<double>(coefficients64_[k])) * std::pow(n, k);
  const double limit = std::ldexp(1.0, 62);
  if (!(max_term * static_cast<double>(K) < limit &&
        horner_bound * static_cast<double>(K) < limit)) {
    throw std::invalid_argument("P = " + std::to_string(P) + ", N = " + std::to_string(N) +
                                ", K = " + std::to_string(K) +
                                ": the energy numerator would leave the int64-exact range "
                                "(K N^P must stay below about 2^62)");
  }
  // int32 terms when blocks of at least kMinInt32Block of them fit: shorter blocks would spend
  // more on widening than int64 arithmetic costs (both are exact).
  constexpr double kMinInt32Block = 64.0;
  int32_terms_ = kMinInt32Block * horner_bound < std::ldexp(1.0, 31);
  // int32 block sums: block * max|term| < 2^31
  int32_block_ = int32_terms_
                     ? std::max<std::int64_t>(
                           1, static_cast<std::int64_t>(std::ldexp(1.0, 31) / horner_bound) - 1)
                     : 0;
  // The stored weights are B / weight_scale (FlipWeights): G's coefficients with the weight's
  // (the powers of P - 1's parity) divided by their gcd, so that no pass multiplies per pattern
  // by the scale; the sums are multiplied by it once (delta, flip_then_delta).
  terms_ = power_sum_terms(P, coefficients64_);
  weight_scale_ = terms_.weight_scale;
  reduced64_ = coefficients64_;
  for (int j = P - 1; j >= 0; j -= 2) reduced64_[j] /= weight_scale_;
  for (int k = 0; k < P; ++k) {
    coefficients32_[k] = int32_terms_ ? static_cast<std::int32_t>(reduced64_[k]) : 0;
  }
  // The AVX-512 loops sum int32 terms lane by lane: a lane sees one pattern in 16, so a block
  // of 16 int32_block_ patterns keeps every lane sum below 2^31 (a multiple of 64 for the
  // four-register unroll). int64 terms need no blocks.
  const std::int64_t lane_block = 16 * int32_block_ - (16 * int32_block_) % 64;
  avx512_ = loops == FlipLoops::best && avx512_flip_loops_available() &&
            (!int32_terms_ || lane_block > 0);
  avx512_block_ = int32_terms_ ? lane_block : 0;
  narrow_ = avx512_ && int32_terms_ && N <= kMaxNarrowN;
  for (int k = 0; k < P; ++k) {
    // |weight[k]| <= |c| fits int32 whenever the coefficients do
    terms_weight32_[k] = int32_terms_ ? static_cast<std::int32_t>(terms_.weight[k]) : 0;
  }
  scale_ = variant == Variant::distinct ? FlipScale{2, static_cast<std::int64_t>(factorial(P - 1))}
                                        : FlipScale{1, 1};
  table_.resize(2 * static_cast<std::size_t>(N) + 1);
  for (std::int64_t y = -N; y <= N; ++y) {
    table_[y + N] = pattern_term(variant, P, y, N) - pattern_term(variant, P, y - 2, N);
  }
}

void FlipArithmetic::compute_weights(const std::int32_t* S, std::int64_t K,
                                     FlipWeights& weights) const {
  // S is not written without a pattern row (WeightPass<false>)
  auto* overlaps = const_cast<std::int32_t*>(S);
  if (int32_terms_) {
    weights.weight32.resize(static_cast<std::size_t>(K));
    weights.weight64.clear();
    weights.site_free =
        weight_pass<std::int32_t>(P_, coefficients32_.data(), nullptr, 0, overlaps,
                                  weights.weight32.data(), K, int32_block_, &weights.weight_total);
  } else {
    weights.weight64.resize(static_cast<std::size_t>(K));
    weights.weight32.clear();
    weights.site_free =
        weight_pass<std::int64_t>(P_, reduced64_.data(), nullptr, 0, overlaps,
                                  weights.weight64.data(), K, K, &weights.weight_total);
  }
  weights.overlap16.clear();
  if (narrow_) weights.overlap16.assign(S, S + K);  // |S| <= N <= kMaxNarrowN
  weights.lowest_power = 0;
  if (P_ >= 3) {
    for (std::int64_t mu = 0; mu < K; ++mu) {
      const std::int64_t overlap = S[mu];
      weights.lowest_power += P_ % 2 == 1 ? overlap : overlap * overlap;
    }
  }
}

std::int64_t FlipArithmetic::lowest_power_after(std::int64_t lowest_power, std::int8_t s,
                                                std::int64_t row_moment, std::int64_t K) const {
  if (P_ < 3) return 0;
  // S' = S - 2 s xi: sum S' = sum S - 2 s sum xi; sum S'^2 = sum S^2 - 4 s sum xi S + 4 K
  return P_ % 2 == 1 ? lowest_power - 2 * s * row_moment
                     : lowest_power - 4 * s * row_moment + 4 * K;
}

void FlipArithmetic::widen_overlaps(const FlipWeights& weights, std::int32_t* S,
                                    std::int64_t K) const {
  if (narrow_) std::copy(weights.overlap16.begin(), weights.overlap16.begin() + K, S);
}

std::int64_t FlipArithmetic::delta(const std::int8_t* xi, const std::uint32_t* bits, std::int8_t s,
                                   const FlipWeights& weights, std::int64_t K) const {
  std::int64_t row;  // sum_mu xi_mu B(S_mu)
  if (avx512_) {
    // sum over xi = +1 minus sum over xi = -1 = 2 (sum over xi = +1) - sum of all
    const std::int64_t plus =
        int32_terms_ ? avx512_plus_weight_sum(bits, weights.weight32.data(), K, avx512_block_)
                     : avx512_plus_weight_sum(bits, weights.weight64.data(), K);
    row = 2 * plus - weights.weight_total;
  } else if (int32_terms_) {
    row = weighted_row_sum(xi, weights.weight32.data(), K, int32_block_);
  } else {
    row = weighted_row_sum(xi, weights.weight64.data(), K, K);
  }
  return scale_flip_sum(weights.site_free + s * weight_scale_ * row, scale_);
}

void FlipArithmetic::flip(const std::int8_t* xi, const std::uint32_t* bits, std::int8_t s,
                          std::int32_t* S, FlipWeights& weights, std::int64_t K,
                          std::int64_t row_moment) const {
  if (avx512_) {
    flip_then_delta(xi, bits, s, S, weights, K, row_moment, nullptr, nullptr, 0);
    return;
  }
  weights.lowest_power = lowest_power_after(weights.lowest_power, s, row_moment, K);
  if (int32_terms_) {
    weights.site_free =
        weight_pass<std::int32_t>(P_, coefficients32_.data(), xi, s, S, weights.weight32.data(), K,
                                  int32_block_, &weights.weight_total);
  } else {
    weights.site_free = weight_pass<std::int64_t>(
        P_, reduced64_.data(), xi, s, S, weights.weight64.data(), K, K, &weights.weight_total);
  }
}

std::int64_t FlipArithmetic::flip_then_delta(const std::int8_t* xi, const std::uint32_t* bits,
                                             std::int8_t s, std::int32_t* S, FlipWeights& weights,
                                             std::int64_t K, std::int64_t row_moment,
                                             const std::int8_t* next_xi,
                                             const std::uint32_t* next_bits,
                                             std::int8_t next_s) const {
  if (!avx512_) {  // the portable loops: two passes
    flip(xi, bits, s, S, weights, K, row_moment);
    return next_xi == nullptr ? 0 : delta(next_xi, next_bits, next_s, weights, K);
  }
  weights.lowest_power = lowest_power_after(weights.lowest_power, s, row_moment, K);
  const std::int64_t lowest = weights.lowest_power;
  std::int64_t sums[2] = {0, 0};  // sum_mu B(S_mu); its part over the next row's +1 patterns
  if (narrow_) {
    weights.site_free =
        avx512_flip_weights(P_, terms_, terms_weight32_.data(), bits, s, weights.overlap16.data(),
                            weights.weight32.data(), K, avx512_block_, next_bits, lowest, sums);
  } else if (int32_terms_) {
    weights.site_free =
        avx512_flip_weights(P_, terms_, terms_weight32_.data(), bits, s, S, weights.weight32.data(),
                            K, avx512_block_, next_bits, lowest, sums);
  } else {
    weights.site_free = avx512_flip_weights(P_, terms_, terms_.weight.data(), bits, s, S,
                                            weights.weight64.data(), K, next_bits, lowest, sums);
  }
  weights.weight_total = sums[0];
  if (next_bits == nullptr) return 0;
  // as in delta(): sum over xi = +1 minus sum over xi = -1 = 2 (sum over xi = +1) - sum of all
  return scale_flip_sum(weights.site_free + next_s * weight_scale_ * (2 * sums[1] - sums[0]),
                        scale_);
}

std::int64_t FlipArithmetic::delta(const std::int8_t* xi, std::int8_t s, const std::int32_t* S,
                                   std::int64_t K, FlipKernel kernel) const {
  if (kernel == FlipKernel::table) return table_sum(table_.data(), N_, P_, xi, s, S, K);
  // the polynomial kernel from scratch: the weights of S, then the row sum (portable loops)
  FlipWeights weights;
  compute_weights(S, K, weights);
  const std::int64_t row = int32_terms_
                               ? weighted_row_sum(xi, weights.weight32.data(), K, int32_block_)
                               : weighted_row_sum(xi, weights.weight64.data(), K, K);
  return scale_flip_sum(weights.site_free + s * weight_scale_ * row, scale_);
}

}  // namespace dhn::montecarlo

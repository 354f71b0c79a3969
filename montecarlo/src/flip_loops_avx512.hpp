// Explicit AVX-512 loops of the polynomial flip kernel (private to montecarlo/src), over the
// bit-packed pattern rows: 16 patterns' signs are one mask register, so an attempt is one masked
// add per 16 patterns and an accepted flip one masked update of the overlaps plus the Horner
// pass. Same integers as the portable loops of flip_arithmetic.cpp; used when the CPU has
// AVX-512F (avx512_flip_loops_available()), the portable loops otherwise.
#pragma once

#include <cstdint>

#include "dhn/montecarlo/flip_arithmetic.hpp"  // PowerSumTerms

namespace dhn::montecarlo {

// True when this build has the AVX-512 loops and the CPU runs them (AVX-512 F, DQ, VL, BW).
bool avx512_flip_loops_available();

// sum of weight[mu] over the patterns whose bit is set in the packed row `bits` (xi^mu = +1),
// mu < K. int32 weights: each of the 16 lanes sums at most block / 16 terms (block a multiple
// of 64) before widening, so block / 16 max|weight| < 2^31 is the caller's bound; int64
// weights: one block (K max|weight| < 2^62, FlipArithmetic's exactness check).
std::int64_t avx512_plus_weight_sum(const std::uint32_t* bits, const std::int32_t* weight,
                                    std::int64_t K, std::int64_t block);
std::int64_t avx512_plus_weight_sum(const std::uint32_t* bits, const std::int64_t* weight,
                                    std::int64_t K);

// The accepted flip of a site with packed row `bits` whose spin was s: S_mu -= 2 xi_mu s, then
// weight[mu] = B(S_mu) / g (the weight of split_flip_term over terms.weight_scale, evaluated in
// the PowerSumTerms form `terms` with its weight coefficients w as Int); returns sum_mu A(S_mu)
// and sets sums[0] = sum_mu B(S_mu) / g and sums[1] = the sum of the new B(S_mu) / g over the
// patterns whose bit is set in next_bits (the next attempt's avx512_plus_weight_sum, computed
// while the weights are in registers; 0 when next_bits is null). lowest_sum: the lowest power
// sum of the new overlaps (sum S for odd P, sum S^2 for even P; FlipWeights::lowest_power),
// which the pass does not sum itself. Same blocks and bounds as above.
std::int64_t avx512_flip_weights(int P, const PowerSumTerms& terms, const std::int32_t* w,
                                 const std::uint32_t* bits, std::int8_t s, std::int32_t* S,
                                 std::int32_t* weight, std::int64_t K, std::int64_t block,
                                 const std::uint32_t* next_bits, std::int64_t lowest_sum,
                                 std::int64_t* sums);
std::int64_t avx512_flip_weights(int P, const PowerSumTerms& terms, const std::int64_t* w,
                                 const std::uint32_t* bits, std::int8_t s, std::int32_t* S,
                                 std::int64_t* weight, std::int64_t K,
                                 const std::uint32_t* next_bits, std::int64_t lowest_sum,
                                 std::int64_t* sums);
// The same with int16 overlaps (|S_mu| <= N < 2^15 - 2, FlipArithmetic::narrow_overlaps()).
std::int64_t avx512_flip_weights(int P, const PowerSumTerms& terms, const std::int32_t* w,
                                 const std::uint32_t* bits, std::int8_t s, std::int16_t* S,
                                 std::int32_t* weight, std::int64_t K, std::int64_t block,
                                 const std::uint32_t* next_bits, std::int64_t lowest_sum,
                                 std::int64_t* sums);

}  // namespace dhn::montecarlo

#include "flip_loops_avx512.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DHN_HAVE_AVX512_LOOPS 1
#include <immintrin.h>
// Everything below, including the dispatch_P instantiations of this file, is compiled for
// AVX-512F, DQ (vpmullq), VL (256-bit masked moves) and BW (int16 overlaps); it only runs after
// avx512_flip_loops_available() said yes.
#pragma GCC target("avx512f,avx512dq,avx512vl,avx512bw")
#endif

#include "dispatch_p.hpp"

namespace dhn::montecarlo {

#if DHN_HAVE_AVX512_LOOPS

namespace {

// The operations of one 512-bit register of int32 (16 lanes) or int64 (8 lanes) terms; the
// loops below are written once over these.
struct Lanes32 {
  using Int = std::int32_t;
  using Mask = __mmask16;
  static constexpr int width = 16;
  static __m512i set1(Int x) { return _mm512_set1_epi32(x); }
  static __m512i add(__m512i a, __m512i b) { return _mm512_add_epi32(a, b); }
  static __m512i mul(__m512i a, __m512i b) { return _mm512_mullo_epi32(a, b); }
  static __m512i mask_add(__m512i a, Mask m, __m512i b) {
    return _mm512_mask_add_epi32(a, m, a, b);
  }
  static __m512i mask_sub(__m512i a, Mask m, __m512i b) {
    return _mm512_mask_sub_epi32(a, m, a, b);
  }
  static __m512i maskz_load(Mask m, const Int* p) { return _mm512_maskz_loadu_epi32(m, p); }
  static __m512i maskz_mov(Mask m, __m512i a) { return _mm512_maskz_mov_epi32(m, a); }
  static void mask_store(Int* p, Mask m, __m512i v) { _mm512_mask_storeu_epi32(p, m, v); }
  // The accepted flip's move of 16 overlaps (int32 in memory), S -= 2 xi s: S + 2s on every
  // lane, minus 4s where xi = +1 (plus_flip); stored back and returned as lanes of Int.
  using Overlap = std::int32_t;
  template <bool Full>
  static __m512i move_overlaps(std::int32_t* S, Mask live, Mask plus_flip, std::int32_t two_s) {
    const __m512i two = set1(two_s);
    __m512i overlaps = Full ? _mm512_loadu_si512(S) : _mm512_maskz_loadu_epi32(live, S);
    overlaps = mask_sub(add(overlaps, two), plus_flip, add(two, two));
    if constexpr (Full) {
      _mm512_storeu_si512(S, overlaps);
    } else {
      _mm512_mask_storeu_epi32(S, live, overlaps);
    }
    return overlaps;
  }
  // the sign bits of patterns mu .. mu + 15 (mu a multiple of 16) from the packed row
  static Mask signs(const std::uint32_t* bits, std::int64_t mu) {
    std::uint16_t m;
    std::memcpy(&m, reinterpret_cast<const unsigned char*>(bits) + (mu >> 3), sizeof m);
    return _cvtu32_mask16(m);
  }
  static Mask lanes_below(std::int64_t count) {
    return count >= width ? Mask(0xFFFF) : Mask((1u << count) - 1u);
  }
};

struct Lanes64 {
  using Int = std::int64_t;
  using Mask = __mmask8;
  static constexpr int width = 8;
  static __m512i set1(Int x) { return _mm512_set1_epi64(x); }
  static __m512i add(__m512i a, __m512i b) { return _mm512_add_epi64(a, b); }
  static __m512i mul(__m512i a, __m512i b) { return _mm512_mullo_epi64(a, b); }
  static __m512i mask_add(__m512i a, Mask m, __m512i b) {
    return _mm512_mask_add_epi64(a, m, a, b);
  }
  static __m512i mask_sub(__m512i a, Mask m, __m512i b) {
    return _mm512_mask_sub_epi64(a, m, a, b);
  }
  static __m512i maskz_load(Mask m, const Int* p) { return _mm512_maskz_loadu_epi64(m, p); }
  static __m512i maskz_mov(Mask m, __m512i a) { return _mm512_maskz_mov_epi64(m, a); }
  static void mask_store(Int* p, Mask m, __m512i v) { _mm512_mask_storeu_epi64(p, m, v); }
  // 8 int32 overlaps moved as in Lanes32, in int64 lanes (the maskz / mask forms: GCC 12's
  // unmasked conversions trip -Wmaybe-uninitialized in their own header)
  using Overlap = std::int32_t;
  template <bool Full>
  static __m512i move_overlaps(std::int32_t* S, Mask live, Mask plus_flip, std::int32_t two_s) {
    const __m512i two = set1(two_s);
    __m512i overlaps = Full ? _mm512_maskz_cvtepi32_epi64(
                                  0xFF, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(S)))
                            : _mm512_maskz_cvtepi32_epi64(live, _mm256_maskz_loadu_epi32(live, S));
    overlaps = mask_sub(add(overlaps, two), plus_flip, add(two, two));
    _mm512_mask_cvtepi64_storeu_epi32(S, Full ? Mask(0xFF) : live, overlaps);
    return overlaps;
  }
  static Mask signs(const std::uint32_t* bits, std::int64_t mu) {
    return _cvtu32_mask8(reinterpret_cast<const unsigned char*>(bits)[mu >> 3]);
  }
  static Mask lanes_below(std::int64_t count) {
    return count >= width ? Mask(0xFF) : Mask((1u << count) - 1u);
  }
};

// Lanes32 with the overlaps stored as int16 (|S| <= N < 2^15 - 2): the move runs on 16 int16
// in a 256-bit register and is widened for the terms. The pass streams overlaps and weights
// through L2 (they do not fit L1 together), so 2 bytes fewer per pattern read and written are
// what this buys; the move's own operations also halve in width.
struct Lanes32Narrow : Lanes32 {
  using Overlap = std::int16_t;
  template <bool Full>
  static __m512i move_overlaps(std::int16_t* S, Mask live, Mask plus_flip, std::int32_t two_s) {
    const __m256i two = _mm256_set1_epi16(static_cast<std::int16_t>(two_s));
    __m256i overlaps = Full ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(S))
                            : _mm256_maskz_loadu_epi16(live, S);
    overlaps = _mm256_mask_sub_epi16(_mm256_add_epi16(overlaps, two), plus_flip,
                                     _mm256_add_epi16(overlaps, two), _mm256_add_epi16(two, two));
    if constexpr (Full) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(S), overlaps);
    } else {
      _mm256_mask_storeu_epi16(S, live, overlaps);
    }
    return _mm512_maskz_cvtepi16_epi32(Mask(0xFFFF), overlaps);
  }
};

// The sum of the lanes, widened (GCC 12's _mm512_reduce_add_epi32 trips -Wmaybe-uninitialized
// inside its own header; a store and a few adds once per block cost nothing).
template <typename L>
std::int64_t lane_sum(__m512i v) {
  alignas(64) typename L::Int lanes[L::width];
  _mm512_store_si512(lanes, v);
  std::int64_t sum = 0;
  for (auto x : lanes) sum += x;
  return sum;
}

// The accepted flip's pass (avx512_flip_weights): S -= 2 xi s, the new weights B(S) / g stored,
// sum_mu A(S_mu) and sum_mu B(S_mu) / g, and, when Next, the sum of the new weights over the
// next attempt's +1 patterns (so that attempt needs no pass of its own). The terms are evaluated
// in the PowerSumTerms form (u = S^2; B / g = S^(1-b) W(u), W monic when Monic; the site-free
// part from power sums of S^b u^k, the lowest of them supplied by the caller), which needs 2
// multiplies per register at P = 4 where Horner on G needed 4: on Zen 4 every 512-bit operation
// takes two of the four vector pipes' slots, so the pass is bound by its operation count.
template <typename L, bool Next, bool Monic>
struct FlipPass {
  template <int P, typename Int>
  struct Loop {
    static constexpr bool odd = P % 2 == 1;
    static constexpr int top = power_sum_weight_degree(P);
    // power sums of S^b u^k for the site-free part: k from 0 (odd P) or 1 (even P: the k = 0
    // term is K site_free[0]) to its degree; the lowest of them (sum S or sum u) comes from the
    // caller (row_moments.hpp), the pass sums the `powers` higher ones
    static constexpr int first_power = odd ? 0 : 1;
    static constexpr int lowest = power_sum_free_degree(P) >= first_power ? 1 : 0;
    static constexpr int powers = power_sum_free_degree(P) - first_power + 1 - lowest;
    static constexpr int accumulators = powers > 0 ? powers : 1;

    struct Sums {
      __m512i power[accumulators];
      __m512i weight;
      __m512i plus;
    };

    // One register. Full registers use plain loads, stores and adds; the row's last, partial
    // register masks them with `live` (its dead lanes are never stored or summed).
    template <bool Full>
    [[gnu::always_inline]] static void step(const __m512i* wv, std::int32_t two_s,
                                            const std::uint32_t* bits, typename L::Overlap* S,
                                            Int* weights, const std::uint32_t* next_bits,
                                            std::int64_t mu, typename L::Mask live, Sums& sums) {
      const typename L::Mask plus_flip = L::signs(bits, mu) & live;
      const __m512i overlaps = L::template move_overlaps<Full>(S + mu, live, plus_flip, two_s);
      const __m512i u = L::mul(overlaps, overlaps);  // dropped by the compiler if unused
      __m512i weight;
      if constexpr (top == 0) {
        weight = wv[0];
      } else {
        weight = Monic ? L::add(u, wv[top - 1]) : L::add(L::mul(wv[top], u), wv[top - 1]);
        for (int k = top - 2; k >= 0; --k) weight = L::add(L::mul(weight, u), wv[k]);
      }
      if constexpr (!odd) weight = (top == 0 && Monic) ? overlaps : L::mul(weight, overlaps);
      if constexpr (Full) {
        _mm512_storeu_si512(weights + mu, weight);
      } else {
        L::mask_store(weights + mu, live, weight);
      }
      if constexpr (powers > 0) {
        __m512i power = L::mul(odd ? overlaps : u, u);  // the power after the lowest
        for (int k = 0; k < powers; ++k) {
          sums.power[k] =
              Full ? L::add(sums.power[k], power) : L::mask_add(sums.power[k], live, power);
          if (k + 1 < powers) power = L::mul(power, u);
        }
      }
      sums.weight = Full ? L::add(sums.weight, weight) : L::mask_add(sums.weight, live, weight);
      if constexpr (Next) {
        sums.plus = L::mask_add(sums.plus, L::signs(next_bits, mu) & live, weight);
      }
    }

    [[gnu::always_inline]] static std::int64_t run(const PowerSumTerms* terms, const Int* w,
                                                   const std::uint32_t* bits, std::int8_t s,
                                                   typename L::Overlap* S, Int* weights,
                                                   const std::uint32_t* next_bits, std::int64_t K,
                                                   std::int64_t block, std::int64_t lowest_sum,
                                                   std::int64_t* sums) {
      __m512i wv[top + 1];
      for (int k = 0; k <= top; ++k) wv[k] = L::set1(w[k]);
      const std::int32_t two_s = 2 * s;
      std::int64_t power_total[accumulators] = {};
      std::int64_t total = 0, plus = 0;
      for (std::int64_t start = 0; start < K; start += block) {
        const std::int64_t end = std::min(K, start + block);
        Sums block_sums;
        for (auto& sum : block_sums.power) sum = _mm512_setzero_si512();
        block_sums.weight = block_sums.plus = _mm512_setzero_si512();
        std::int64_t mu = start;
        for (; mu + L::width <= end; mu += L::width) {
          step<true>(wv, two_s, bits, S, weights, next_bits, mu, L::lanes_below(L::width),
                     block_sums);
        }
        if (mu < end) {  // padding bits are 0: lanes >= K are never flipped or counted
          step<false>(wv, two_s, bits, S, weights, next_bits, mu, L::lanes_below(end - mu),
                      block_sums);
        }
        for (int k = 0; k < powers; ++k) power_total[k] += lane_sum<L>(block_sums.power[k]);
        total += lane_sum<L>(block_sums.weight);
        if constexpr (Next) plus += lane_sum<L>(block_sums.plus);
      }
      std::int64_t site_free = odd ? 0 : terms->site_free[0] * K;
      if constexpr (lowest > 0) site_free += terms->site_free[first_power] * lowest_sum;
      for (int k = 0; k < powers; ++k)
        site_free += terms->site_free[first_power + lowest + k] * power_total[k];
      sums[0] = total;
      sums[1] = plus;
      return site_free;
    }
  };
};

// The four forms of the pass: with or without the next row, monic weight or not.
template <typename L, typename Int>
std::int64_t flip_pass(int P, const PowerSumTerms& terms, const Int* w, const std::uint32_t* bits,
                       std::int8_t s, typename L::Overlap* S, Int* weights, std::int64_t K,
                       std::int64_t block, const std::uint32_t* next_bits, std::int64_t lowest_sum,
                       std::int64_t* sums) {
  const auto run = [&]<bool Next, bool Monic>() {
    return dispatch_P<FlipPass<L, Next, Monic>::template Loop, Int>(
        P, &terms, w, bits, s, S, weights, next_bits, K, block, lowest_sum, sums);
  };
  const auto with_next = [&]<bool Next>() {
    return terms.monic ? run.template operator()<Next, true>()
                       : run.template operator()<Next, false>();
  };
  return next_bits != nullptr ? with_next.template operator()<true>()
                              : with_next.template operator()<false>();
}

template <typename L>
std::int64_t plus_weight_sum(const std::uint32_t* bits, const typename L::Int* weight,
                             std::int64_t K, std::int64_t block) {
  constexpr int w = L::width;
  std::int64_t sum = 0;
  for (std::int64_t start = 0; start < K; start += block) {
    const std::int64_t end = std::min(K, start + block);
    // four accumulators: the masked adds of consecutive registers do not wait for each other
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
    std::int64_t mu = start;
    for (; mu + 4 * w <= end; mu += 4 * w) {
      a0 = L::mask_add(a0, L::signs(bits, mu), _mm512_loadu_si512(weight + mu));
      a1 = L::mask_add(a1, L::signs(bits, mu + w), _mm512_loadu_si512(weight + mu + w));
      a2 = L::mask_add(a2, L::signs(bits, mu + 2 * w), _mm512_loadu_si512(weight + mu + 2 * w));
      a3 = L::mask_add(a3, L::signs(bits, mu + 3 * w), _mm512_loadu_si512(weight + mu + 3 * w));
    }
    for (; mu < end; mu += w) {  // padding bits are 0: lanes >= K are never loaded or added
      const typename L::Mask plus = L::signs(bits, mu) & L::lanes_below(end - mu);
      a0 = L::mask_add(a0, plus, L::maskz_load(plus, weight + mu));
    }
    sum += lane_sum<L>(L::add(L::add(a0, a1), L::add(a2, a3)));
  }
  return sum;
}

}  // namespace

std::int64_t avx512_plus_weight_sum(const std::uint32_t* bits, const std::int32_t* weight,
                                    std::int64_t K, std::int64_t block) {
  return plus_weight_sum<Lanes32>(bits, weight, K, block);
}

std::int64_t avx512_plus_weight_sum(const std::uint32_t* bits, const std::int64_t* weight,
                                    std::int64_t K) {
  return plus_weight_sum<Lanes64>(bits, weight, K, K);
}

std::int64_t avx512_flip_weights(int P, const PowerSumTerms& terms, const std::int32_t* w,
                                 const std::uint32_t* bits, std::int8_t s, std::int32_t* S,
                                 std::int32_t* weight, std::int64_t K, std::int64_t block,
                                 const std::uint32_t* next_bits, std::int64_t lowest_sum,
                                 std::int64_t* sums) {
  return flip_pass<Lanes32>(P, terms, w, bits, s, S, weight, K, block, next_bits, lowest_sum, sums);
}

std::int64_t avx512_flip_weights(int P, const PowerSumTerms& terms, const std::int64_t* w,
                                 const std::uint32_t* bits, std::int8_t s, std::int32_t* S,
                                 std::int64_t* weight, std::int64_t K,
                                 const std::uint32_t* next_bits, std::int64_t lowest_sum,
                                 std::int64_t* sums) {
  return flip_pass<Lanes64>(P, terms, w, bits, s, S, weight, K, K, next_bits, lowest_sum, sums);
}

std::int64_t avx512_flip_weights(int P, const PowerSumTerms& terms, const std::int32_t* w,
                                 const std::uint32_t* bits, std::int8_t s, std::int16_t* S,
                                 std::int32_t* weight, std::int64_t K, std::int64_t block,
                                 const std::uint32_t* next_bits, std::int64_t lowest_sum,
                                 std::int64_t* sums) {
  return flip_pass<Lanes32Narrow>(P, terms, w, bits, s, S, weight, K, block, next_bits, lowest_sum,
                                  sums);
}

#else

std::int64_t avx512_plus_weight_sum(const std::uint32_t*, const std::int32_t*, std::int64_t,
                                    std::int64_t) {
  std::abort();
}
std::int64_t avx512_plus_weight_sum(const std::uint32_t*, const std::int64_t*, std::int64_t) {
  std::abort();
}
std::int64_t avx512_flip_weights(int, const PowerSumTerms&, const std::int32_t*,
                                 const std::uint32_t*, std::int8_t, std::int32_t*, std::int32_t*,
                                 std::int64_t, std::int64_t, const std::uint32_t*, std::int64_t,
                                 std::int64_t*) {
  std::abort();
}
std::int64_t avx512_flip_weights(int, const PowerSumTerms&, const std::int64_t*,
                                 const std::uint32_t*, std::int8_t, std::int32_t*, std::int64_t*,
                                 std::int64_t, const std::uint32_t*, std::int64_t, std::int64_t*) {
  std::abort();
}
std::int64_t avx512_flip_weights(int, const PowerSumTerms&, const std::int32_t*,
                                 const std::uint32_t*, std::int8_t, std::int16_t*, std::int32_t*,
                                 std::int64_t, std::int64_t, const std::uint32_t*, std::int64_t,
                                 std::int64_t*) {
  std::abort();
}

#endif

}  // namespace dhn::montecarlo

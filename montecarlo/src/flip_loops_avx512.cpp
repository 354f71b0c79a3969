#include "flip_loops_avx512.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DHN_HAVE_AVX512_LOOPS 1
#include <immintrin.h>
// Everything below, including the dispatch_P instantiations of this file, is compiled for
// AVX-512F; it only runs after avx512_flip_loops_available() said yes.
#pragma GCC target("avx512f")
#endif

#include "dispatch_p.hpp"

namespace dhn::montecarlo {

#if DHN_HAVE_AVX512_LOOPS

namespace {

// The 16 sign bits of patterns mu .. mu + 15 (mu a multiple of 16) from the packed row.
inline std::uint16_t sign_bits(const std::uint32_t* bits, std::int64_t mu) {
  std::uint16_t m;
  std::memcpy(&m, reinterpret_cast<const unsigned char*>(bits) + (mu >> 3), sizeof m);
  return m;
}

// The sum of the 16 lanes, widened (GCC 12's _mm512_reduce_add_epi32 trips
// -Wmaybe-uninitialized inside its own header; a store and 16 adds once per block cost nothing).
inline std::int64_t lane_sum(__m512i v) {
  alignas(64) std::int32_t lanes[16];
  _mm512_store_si512(lanes, v);
  std::int64_t sum = 0;
  for (std::int32_t x : lanes) sum += x;
  return sum;
}

inline __mmask16 lanes_below(std::int64_t count) {
  return count >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << count) - 1u);
}

// split_flip_term (flip_term.hpp) on 16 lanes: Horner in u = S^2 on the even and odd powers.
template <int P>
struct SplitTerm16 {
  __m512i site_free;
  __m512i weight;
};

template <int P>
[[gnu::always_inline]] inline SplitTerm16<P> split_term16(const __m512i* c, __m512i S) {
  constexpr int top_even = ((P - 1) % 2 == 0) ? P - 1 : P - 2;
  constexpr int top_odd = ((P - 1) % 2 == 1) ? P - 1 : P - 2;
  __m512i even = c[top_even];
  __m512i odd = c[top_odd];
  if constexpr (P >= 3) {
    const __m512i u = _mm512_mullo_epi32(S, S);
    for (int k = top_even - 2; k >= 0; k -= 2)
      even = _mm512_add_epi32(_mm512_mullo_epi32(even, u), c[k]);
    for (int k = top_odd - 2; k >= 1; k -= 2)
      odd = _mm512_add_epi32(_mm512_mullo_epi32(odd, u), c[k]);
  }
  odd = _mm512_mullo_epi32(odd, S);
  if constexpr (P % 2 == 0) {
    return {even, odd};
  } else {
    return {odd, even};
  }
}

template <int P, typename Int>
struct FlipWeights16 {
  [[gnu::always_inline]] static std::int64_t run(const std::int32_t* c, const std::uint32_t* bits,
                                                 std::int8_t s, std::int32_t* S,
                                                 std::int32_t* weight, std::int64_t K,
                                                 std::int64_t block, std::int64_t* weight_total) {
    __m512i cv[P];
    for (int k = 0; k < P; ++k) cv[k] = _mm512_set1_epi32(c[k]);
    const __m512i two_s = _mm512_set1_epi32(2 * s);
    std::int64_t site_free = 0, total = 0;
    for (std::int64_t start = 0; start < K; start += block) {
      const std::int64_t end = std::min(K, start + block);
      __m512i free_sum = _mm512_setzero_si512();
      __m512i weight_sum = _mm512_setzero_si512();
      std::int64_t mu = start;
      // full chunks: plain loads and stores (masked stores cost more on some cores)
      for (; mu + 16 <= end; mu += 16) {
        const __mmask16 plus = _cvtu32_mask16(sign_bits(bits, mu));
        const __m512i old_S = _mm512_loadu_si512(S + mu);
        // xi = +1: S - 2s; xi = -1: S + 2s
        const __m512i new_S =
            _mm512_mask_sub_epi32(_mm512_add_epi32(old_S, two_s), plus, old_S, two_s);
        _mm512_storeu_si512(S + mu, new_S);
        const SplitTerm16<P> term = split_term16<P>(cv, new_S);
        _mm512_storeu_si512(weight + mu, term.weight);
        free_sum = _mm512_add_epi32(free_sum, term.site_free);
        weight_sum = _mm512_add_epi32(weight_sum, term.weight);
      }
      if (mu < end) {  // the last, partial chunk of the row
        const __mmask16 live = lanes_below(end - mu);
        const __mmask16 plus = _cvtu32_mask16(sign_bits(bits, mu)) & live;
        const __m512i old_S = _mm512_maskz_loadu_epi32(live, S + mu);
        const __m512i new_S =
            _mm512_mask_sub_epi32(_mm512_add_epi32(old_S, two_s), plus, old_S, two_s);
        _mm512_mask_storeu_epi32(S + mu, live, new_S);
        const SplitTerm16<P> term = split_term16<P>(cv, new_S);
        _mm512_mask_storeu_epi32(weight + mu, live, term.weight);
        free_sum = _mm512_mask_add_epi32(free_sum, live, free_sum, term.site_free);
        weight_sum = _mm512_mask_add_epi32(weight_sum, live, weight_sum, term.weight);
      }
      site_free += lane_sum(free_sum);
      total += lane_sum(weight_sum);
    }
    *weight_total = total;
    return site_free;
  }
};

}  // namespace

std::int64_t avx512_plus_weight_sum(const std::uint32_t* bits, const std::int32_t* weight,
                                    std::int64_t K, std::int64_t block) {
  std::int64_t sum = 0;
  for (std::int64_t start = 0; start < K; start += block) {
    const std::int64_t end = std::min(K, start + block);
    // four accumulators: the masked adds of consecutive chunks do not wait for each other
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
    std::int64_t mu = start;
    for (; mu + 64 <= end; mu += 64) {
      a0 = _mm512_mask_add_epi32(a0, _cvtu32_mask16(sign_bits(bits, mu)), a0,
                                 _mm512_loadu_si512(weight + mu));
      a1 = _mm512_mask_add_epi32(a1, _cvtu32_mask16(sign_bits(bits, mu + 16)), a1,
                                 _mm512_loadu_si512(weight + mu + 16));
      a2 = _mm512_mask_add_epi32(a2, _cvtu32_mask16(sign_bits(bits, mu + 32)), a2,
                                 _mm512_loadu_si512(weight + mu + 32));
      a3 = _mm512_mask_add_epi32(a3, _cvtu32_mask16(sign_bits(bits, mu + 48)), a3,
                                 _mm512_loadu_si512(weight + mu + 48));
    }
    for (; mu < end; mu += 16) {  // padding bits are 0: lanes >= K are never loaded or added
      const __mmask16 plus = _cvtu32_mask16(sign_bits(bits, mu)) & lanes_below(end - mu);
      a0 = _mm512_mask_add_epi32(a0, plus, a0, _mm512_maskz_loadu_epi32(plus, weight + mu));
    }
    sum += lane_sum(_mm512_add_epi32(_mm512_add_epi32(a0, a1), _mm512_add_epi32(a2, a3)));
  }
  return sum;
}

std::int64_t avx512_flip_weights(int P, const std::int32_t* c, const std::uint32_t* bits,
                                 std::int8_t s, std::int32_t* S, std::int32_t* weight,
                                 std::int64_t K, std::int64_t block, std::int64_t* weight_total) {
  return dispatch_P<FlipWeights16, std::int32_t>(P, c, bits, s, S, weight, K, block, weight_total);
}

#else

std::int64_t avx512_plus_weight_sum(const std::uint32_t*, const std::int32_t*, std::int64_t,
                                    std::int64_t) {
  std::abort();
}

std::int64_t avx512_flip_weights(int, const std::int32_t*, const std::uint32_t*, std::int8_t,
                                 std::int32_t*, std::int32_t*, std::int64_t, std::int64_t,
                                 std::int64_t*) {
  std::abort();
}

#endif

}  // namespace dhn::montecarlo

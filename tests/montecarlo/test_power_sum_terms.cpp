// The form in which the AVX-512 flip pass evaluates the terms (PowerSumTerms, flip_arithmetic.hpp)
// against the polynomial term itself, and the accepted flip that also returns the next attempt's
// Delta U (FlipArithmetic::flip_then_delta; explicit AVX-512 where this CPU has it, portable)
// against the table kernel along a walk of flips, where the table is dhn::elementary_symmetric
// (checked against brute force in test_energy).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include "dhn/montecarlo/flip_arithmetic.hpp"
#include "dhn/montecarlo/flip_term.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/replica.hpp"
#include "flip_sizes.hpp"

namespace {
using dhn::Variant;
using namespace dhn::montecarlo;

// x^P G(x S) for x = +-1 at compile-time P = runtime P, from flip_term_polynomial.
template <int... Ps>
std::pair<std::int64_t, std::int64_t> polynomial_terms(int P, const std::int64_t* c, std::int64_t S,
                                                       std::integer_sequence<int, Ps...>) {
  std::pair<std::int64_t, std::int64_t> terms{0, 0};
  const auto evaluate = [&]<int Q>() {
    terms = {flip_term_polynomial<Q, std::int64_t>(c, 1, S),
             flip_term_polynomial<Q, std::int64_t>(c, -1, S)};
  };
  ((P == Ps + 2 ? evaluate.template operator()<Ps + 2>() : void()), ...);
  return terms;
}

std::int64_t horner(const std::array<std::int64_t, dhn::kMaxP>& a, int degree, std::int64_t u) {
  std::int64_t value = 0;
  for (int k = degree; k >= 0; --k) value = value * u + a[k];
  return value;
}

using Size = FlipSize;
}  // namespace

TEST_CASE("the power-sum form of the flip term is the polynomial term", "[montecarlo][flip]") {
  // With f(x) = x^P G(x S): site_free = (f(1) + f(-1)) / 2 and weight = (f(1) - f(-1)) / 2
  // (flip_term.hpp); PowerSumTerms writes them as S^b sum_k site_free[k] u^k and
  // weight_scale S^(1-b) sum_k weight[k] u^k with u = S^2, b = P mod 2: a polynomial identity,
  // checked at every overlap of three sizes in int64.
  for (Variant variant : {Variant::distinct, Variant::full}) {
    for (int P = 2; P <= dhn::kMaxP; ++P) {
      for (int N : {5, 16, 64}) {
        // sizes whose terms leave int64 are refused by FlipArithmetic (K N^P < 2^62)
        if (std::pow(static_cast<double>(N), P) >= std::ldexp(1.0, 56)) continue;
        const FlipArithmetic arithmetic(P, variant, N, 1);
        const PowerSumTerms terms = power_sum_terms(P, arithmetic.coefficients());
        INFO("variant " << dhn::to_string(variant) << ", P = " << P << ", N = " << N);
        CHECK(terms.weight_scale > 0);
        const int b = P % 2;
        for (std::int64_t S = -N; S <= N; ++S) {
          const auto [plus, minus] = polynomial_terms(P, arithmetic.coefficients().data(), S,
                                                      std::make_integer_sequence<int, 11>{});
          const std::int64_t u = S * S;
          const std::int64_t site_free =
              (b == 1 ? S : 1) * horner(terms.site_free, power_sum_free_degree(P), u);
          const std::int64_t weight = terms.weight_scale * (b == 1 ? 1 : S) *
                                      horner(terms.weight, power_sum_weight_degree(P), u);
          REQUIRE(2 * site_free == plus + minus);
          REQUIRE(2 * weight == plus - minus);
        }
        // the top coefficient of G is 1 for distinct (G = E_(P-1)(y - 1; N - 1), E_k = k! e_k
        // has leading term y^k), so the weight is monic; for full, y^P - (y-2)^P has odd part
        // 8 y^3 + 32 y at P = 4, monic after the gcd 8
        if (variant == Variant::distinct || P == 4) CHECK(terms.monic);
      }
    }
  }
}

TEST_CASE("an accepted flip's pass gives the next attempt's Delta U (SIMD and portable loops)",
          "[montecarlo][flip]") {
  // After every flip, the Delta U that flip_then_delta returns for the next site must be the
  // table kernel's on the new overlaps, and the overlaps and weights those of flip() followed by
  // compute_weights, on every path of the loops (flip_sizes.hpp) and on full P = 5 and P = 2
  // (weights with g > 1 at odd P, and the pass without power sums); the next site is at times the
  // flipped one.
  std::vector<Size> sizes(std::begin(kFlipPathSizes), std::end(kFlipPathSizes));
  sizes.push_back({5, Variant::full, 30, 300});
  sizes.push_back({2, Variant::full, 17, 33});
  for (Size size : sizes) {
    const Network network(size.P, size.variant, size.N, size.K, 23, 0);
    const FlipArithmetic& best = network.arithmetic();
    const FlipArithmetic portable(size.P, size.variant, size.N, size.K, FlipLoops::portable);
    INFO("P = " << size.P << ", " << dhn::to_string(size.variant) << ", N = " << size.N
                << ", K = " << size.K << ", AVX-512 loops " << best.avx512_loops()
                << ", int16 overlaps " << best.narrow_overlaps());
    const Patterns& patterns = network.patterns();
    std::vector<std::int8_t> spins = random_state(size.N, {5, 0, 0});
    std::vector<std::int32_t> S_best = compute_overlaps(patterns, spins);
    std::vector<std::int32_t> S_portable = S_best;
    FlipWeights w_best, w_portable;
    best.compute_weights(S_best.data(), size.K, w_best);
    portable.compute_weights(S_portable.data(), size.K, w_portable);
    for (int step = 0; step < std::min(3 * size.N, 90); ++step) {
      const int i = (7 * step + 3) % size.N;                      // a deterministic walk
      const int j = step % 3 == 0 ? i : (5 * step + 1) % size.N;  // the next site, at times i
      const std::int8_t s_i = spins[i];
      const std::int64_t moment = network.row_moments().of(i, spins.data());
      spins[i] = static_cast<std::int8_t>(-s_i);
      const std::int64_t next_best = best.flip_then_delta(
          patterns.site(i), patterns.packed_site(i), s_i, S_best.data(), w_best, size.K, moment,
          patterns.site(j), patterns.packed_site(j), spins[j]);
      const std::int64_t next_portable = portable.flip_then_delta(
          patterns.site(i), patterns.packed_site(i), s_i, S_portable.data(), w_portable, size.K,
          moment, patterns.site(j), patterns.packed_site(j), spins[j]);
      best.widen_overlaps(w_best, S_best.data(), size.K);  // int16 overlaps moved, if narrow
      REQUIRE(S_best == compute_overlaps(patterns, spins));
      REQUIRE(S_portable == S_best);
      REQUIRE(next_best ==
              best.delta(patterns.site(j), spins[j], S_best.data(), size.K, FlipKernel::table));
      REQUIRE(next_portable == next_best);
      FlipWeights fresh;
      best.compute_weights(S_best.data(), size.K, fresh);
      REQUIRE(w_best.weight32 == fresh.weight32);
      REQUIRE(w_best.weight64 == fresh.weight64);
      REQUIRE(w_best.site_free == fresh.site_free);
      REQUIRE(w_best.weight_total == fresh.weight_total);
      REQUIRE(w_best.lowest_power == fresh.lowest_power);
    }
  }
}

// The streamed form of the polynomial kernel (FlipEvaluation::streamed, replica.hpp): the
// StreamedTerms rewriting of the split flip term against the polynomial term itself, and the
// streamed loops (explicit AVX-512 where this CPU has it, portable) against the table kernel
// along a walk of flips, where the table is dhn::elementary_symmetric (checked against brute
// force in test_energy).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "dhn/montecarlo/flip_arithmetic.hpp"
#include "dhn/montecarlo/flip_term.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/replica.hpp"

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

struct Size {
  int P;
  Variant variant;
  int N;
  std::int64_t K;
};
}  // namespace

TEST_CASE("the streamed form of the flip term is the polynomial term", "[montecarlo][flip]") {
  // With f(x) = x^P G(x S): site_free = (f(1) + f(-1)) / 2 and weight = (f(1) - f(-1)) / 2
  // (flip_term.hpp); StreamedTerms writes them as S^b sum_k site_free[k] u^k and
  // weight_scale S^(1-b) sum_k weight[k] u^k with u = S^2, b = P mod 2: a polynomial identity,
  // checked at every overlap of three sizes in int64.
  for (Variant variant : {Variant::distinct, Variant::full}) {
    for (int P = 2; P <= dhn::kMaxP; ++P) {
      for (int N : {5, 16, 64}) {
        // sizes whose terms leave int64 are refused by FlipArithmetic (K N^P < 2^62)
        if (std::pow(static_cast<double>(N), P) >= std::ldexp(1.0, 56)) continue;
        const FlipArithmetic arithmetic(P, variant, N, 1);
        const StreamedTerms terms = streamed_terms(P, arithmetic.coefficients());
        INFO("variant " << dhn::to_string(variant) << ", P = " << P << ", N = " << N);
        CHECK(terms.weight_scale > 0);
        const int b = P % 2;
        for (std::int64_t S = -N; S <= N; ++S) {
          const auto [plus, minus] = polynomial_terms(P, arithmetic.coefficients().data(), S,
                                                      std::make_integer_sequence<int, 11>{});
          const std::int64_t u = S * S;
          const std::int64_t site_free =
              (b == 1 ? S : 1) * horner(terms.site_free, streamed_site_free_degree(P), u);
          const std::int64_t weight = terms.weight_scale * (b == 1 ? 1 : S) *
                                      horner(terms.weight, streamed_weight_degree(P), u);
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

TEST_CASE("streamed kernel: SIMD and portable loops against the table kernel along flips",
          "[montecarlo][flip]") {
  // At every site and after every flip, streamed_delta and the Delta U that streamed_flip
  // returns for the next site must be the table kernel's, and the overlaps those recomputed
  // from the spins. Sizes cover partial registers, several int32 lane blocks (P = 5, N = 64),
  // non-monic weights (full P = 3, 5) and the int64 lanes (full P = 4 at N = 2048, P = 6).
  for (Size size : {Size{3, Variant::distinct, 20, 1}, Size{3, Variant::full, 33, 15},
                    Size{4, Variant::distinct, 24, 17}, Size{4, Variant::full, 24, 65},
                    Size{2, Variant::distinct, 40, 1000}, Size{5, Variant::distinct, 40, 2000},
                    Size{4, Variant::distinct, 64, 16000}, Size{4, Variant::full, 2048, 40},
                    Size{6, Variant::full, 30, 200}, Size{5, Variant::distinct, 64, 4000},
                    Size{5, Variant::full, 30, 300}, Size{2, Variant::full, 17, 33}}) {
    const Network network(size.P, size.variant, size.N, size.K, 23, 0);
    const FlipArithmetic& best = network.arithmetic();
    const FlipArithmetic portable(size.P, size.variant, size.N, size.K, FlipLoops::portable);
    INFO("P = " << size.P << ", " << dhn::to_string(size.variant) << ", N = " << size.N
                << ", K = " << size.K << ", AVX-512 loops " << best.avx512_loops());
    const Patterns& patterns = network.patterns();
    std::vector<std::int8_t> spins = random_state(size.N, {5, 0, 0});
    std::vector<std::int32_t> S_best = compute_overlaps(patterns, spins);
    std::vector<std::int32_t> S_portable = S_best;
    const auto table_delta = [&](int i) {
      return best.delta(patterns.site(i), spins[i], S_best.data(), size.K, FlipKernel::table);
    };
    for (int step = 0; step < std::min(3 * size.N, 90); ++step) {
      for (int i = 0; i < size.N; ++i) {
        const std::int64_t table = table_delta(i);
        REQUIRE(best.streamed_delta(patterns.site(i), patterns.packed_site(i), spins[i],
                                    S_best.data(), size.K) == table);
        REQUIRE(portable.streamed_delta(patterns.site(i), patterns.packed_site(i), spins[i],
                                        S_portable.data(), size.K) == table);
      }
      const int i = (7 * step + 3) % size.N;  // a deterministic walk over the sites
      const int j = step % 3 == 0 ? i : (5 * step + 1) % size.N;  // the next site, at times i
      const std::int8_t s_i = spins[i];
      spins[i] = static_cast<std::int8_t>(-s_i);
      const std::int64_t next_best =
          best.streamed_flip(patterns.site(i), patterns.packed_site(i), s_i, S_best.data(), size.K,
                             patterns.site(j), patterns.packed_site(j), spins[j]);
      const std::int64_t next_portable =
          portable.streamed_flip(patterns.site(i), patterns.packed_site(i), s_i, S_portable.data(),
                                 size.K, patterns.site(j), patterns.packed_site(j), spins[j]);
      REQUIRE(S_best == compute_overlaps(patterns, spins));
      REQUIRE(S_portable == S_best);
      REQUIRE(next_best == table_delta(j));
      REQUIRE(next_portable == next_best);
      // a flip without a next site only moves the overlaps
      const int k = (11 * step + 5) % size.N;
      best.streamed_flip(patterns.site(k), patterns.packed_site(k), spins[k], S_best.data(), size.K,
                         nullptr, nullptr, 0);
      portable.streamed_flip(patterns.site(k), patterns.packed_site(k), spins[k], S_portable.data(),
                             size.K, nullptr, nullptr, 0);
      spins[k] = static_cast<std::int8_t>(-spins[k]);
      REQUIRE(S_best == compute_overlaps(patterns, spins));
      REQUIRE(S_portable == S_best);
    }
  }
}

// The per-flip arithmetic of flip_term.hpp: polynomial coefficients against closed forms
// (physics.md section 1) and polynomial against table (from dhn::elementary_symmetric) at every
// reachable overlap for larger N, where brute force is out of reach.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
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
using dhn::montecarlo::FlipArithmetic;
using dhn::montecarlo::FlipKernel;

using Size = FlipSize;  // a network's size for the kernel comparisons below
}  // namespace

TEST_CASE("flip polynomial coefficients match hand-derived closed forms", "[montecarlo][flip]") {
  for (int N : {3, 10, 64, 1000}) {
    const std::int64_t M = N - 1;
    // distinct P = 2: G(y) = E_1(y-1) = y - 1
    auto c = dhn::montecarlo::flip_polynomial_coefficients(2, Variant::distinct, N);
    CHECK(c[0] == -1);
    CHECK(c[1] == 1);
    // distinct P = 3: G(y) = E_2(T) = T^2 - M at T = y - 1: y^2 - 2y + 1 - M
    c = dhn::montecarlo::flip_polynomial_coefficients(3, Variant::distinct, N);
    CHECK(c[0] == 1 - M);
    CHECK(c[1] == -2);
    CHECK(c[2] == 1);
    // distinct P = 4: E_3(T) = 6 e_3 = T^3 - 3MT + 2T (physics.md), T = y - 1
    c = dhn::montecarlo::flip_polynomial_coefficients(4, Variant::distinct, N);
    CHECK(c[3] == 1);
    CHECK(c[2] == -3);
    CHECK(c[1] == 3 - 3 * M + 2);
    CHECK(c[0] == -1 + 3 * M - 2);
    // full P = 3: y^3 - (y-2)^3 = 6y^2 - 12y + 8
    c = dhn::montecarlo::flip_polynomial_coefficients(3, Variant::full, N);
    CHECK(c[2] == 6);
    CHECK(c[1] == -12);
    CHECK(c[0] == 8);
  }
}

TEST_CASE("polynomial and table kernels agree at every reachable overlap", "[montecarlo][flip]") {
  // For one pattern (K = 1), x = +-1 and every S with |S| <= N, S = N mod 2, x S >= 2 - N.
  for (Variant variant : {Variant::distinct, Variant::full}) {
    for (int P = 2; P <= 7; ++P) {
      for (int N : {7, 16, 51, 256}) {
        const FlipArithmetic arithmetic(P, variant, N, 1);
        INFO("variant " << dhn::to_string(variant) << ", P = " << P << ", N = " << N);
        for (std::int32_t S = -N; S <= N; S += 2) {
          for (std::int8_t x : {std::int8_t{1}, std::int8_t{-1}}) {
            if (x * S < 2 - N) continue;  // site i itself contributes x to S
            const std::int8_t xi = 1;     // x = xi s with xi = 1, s = x
            const std::int64_t t = arithmetic.delta(&xi, x, &S, 1, FlipKernel::table);
            const std::int64_t p = arithmetic.delta(&xi, x, &S, 1, FlipKernel::polynomial);
            // definition: Delta U = f(S) - f(S - 2x)
            const std::int64_t expected = dhn::montecarlo::pattern_term(variant, P, S, N) -
                                          dhn::montecarlo::pattern_term(variant, P, S - 2 * x, N);
            CHECK(t == expected);
            CHECK(p == expected);
          }
        }
      }
    }
  }
}

TEST_CASE("int32 terms are chosen only inside the int32-exact range", "[montecarlo][flip]") {
  // Benchmark sizes use int32 SIMD terms; large N at P = 4 falls back to int64.
  CHECK(FlipArithmetic(3, Variant::distinct, 256, 16384).int32_terms());
  CHECK(FlipArithmetic(4, Variant::full, 64, 8192).int32_terms());
  CHECK_FALSE(FlipArithmetic(4, Variant::full, 2048, 1).int32_terms());
  CHECK_THROWS_AS(FlipArithmetic(6, Variant::full, 100000, 1000), std::invalid_argument);
}

TEST_CASE("kernels agree on large systems: many int32 blocks and the int64 path",
          "[montecarlo][flip]") {
  // The table (g from dhn::elementary_symmetric, checked against brute force in test_energy)
  // is the reference for the polynomial kernel where brute force is too slow.
  for (Size size : {Size{4, Variant::full, 64, 5000}, Size{4, Variant::distinct, 64, 16000},
                    Size{3, Variant::full, 256, 12000}, Size{5, Variant::distinct, 40, 2000},
                    Size{4, Variant::full, 2048, 40}, Size{6, Variant::distinct, 300, 50}}) {
    const dhn::montecarlo::Network network(size.P, size.variant, size.N, size.K, 61, 0);
    const FlipArithmetic& arithmetic = network.arithmetic();
    INFO("P = " << size.P << ", " << dhn::to_string(size.variant) << ", N = " << size.N
                << ", K = " << size.K << ", int32 block " << arithmetic.int32_block());
    // either several int32 blocks per flip or the int64 path
    CHECK((!arithmetic.int32_terms() || arithmetic.int32_block() < size.K));
    dhn::montecarlo::Replica replica(network, dhn::montecarlo::random_state(size.N, {3, 0, 0}));
    // a retrieval-like state too, where the overlap of pattern 0 is large
    for (int state = 0; state < 2; ++state) {
      for (int i = 0; i < size.N; ++i) {
        replica.set_kernel(FlipKernel::table);
        const std::int64_t t = replica.flip_delta(i);
        replica.set_kernel(FlipKernel::polynomial);
        REQUIRE(replica.flip_delta(i) == t);
      }
      replica.set_spins(dhn::montecarlo::cued_state(network.patterns()));
    }
  }
}

namespace {
// split_flip_term against flip_term_polynomial at one S, for the compile-time P that equals P.
template <int... Ps>
void check_split_term(int P, const std::int64_t* c, std::int64_t S,
                      std::integer_sequence<int, Ps...>) {
  const auto check = [&]<int Q>() {
    const auto term = dhn::montecarlo::split_flip_term<Q, std::int64_t>(c, S);
    CHECK(term.site_free + term.weight ==
          dhn::montecarlo::flip_term_polynomial<Q, std::int64_t>(c, 1, S));
    CHECK(term.site_free - term.weight ==
          dhn::montecarlo::flip_term_polynomial<Q, std::int64_t>(c, -1, S));
  };
  ((P == Ps + 2 ? check.template operator()<Ps + 2>() : void()), ...);
}
}  // namespace

TEST_CASE("the split flip term is the polynomial term for both signs", "[montecarlo][flip]") {
  // split_flip_term (flip_term.hpp): x^P G(x S) = site_free(S) + x weight(S) for x = +-1, an
  // identity of polynomials checked here at every reachable S, with int64 arithmetic.
  for (Variant variant : {Variant::distinct, Variant::full}) {
    for (int P = 2; P <= dhn::kMaxP; ++P) {
      for (int N : {5, 16}) {
        const FlipArithmetic arithmetic(P, variant, N, 1);
        INFO("variant " << dhn::to_string(variant) << ", P = " << P << ", N = " << N);
        for (std::int64_t S = -N; S <= N; S += 2) {
          check_split_term(P, arithmetic.coefficients().data(), S,
                           std::make_integer_sequence<int, dhn::kMaxP - 1>{});
        }
      }
    }
  }
}

TEST_CASE("cached weights: SIMD and portable loops against the table kernel along flips",
          "[montecarlo][flip]") {
  // The weights kept through accepted flips (FlipArithmetic::flip) must give, at every site and
  // after every flip, the Delta U of the table kernel recomputed from the current overlaps (the
  // table is dhn::elementary_symmetric, checked against brute force in test_energy), and both
  // loop sets (explicit AVX-512 over packed rows where this CPU has it, portable) must keep the
  // same overlaps and weights, on every path of the loops (flip_sizes.hpp).
  for (Size size : kFlipPathSizes) {
    const dhn::montecarlo::Network network(size.P, size.variant, size.N, size.K, 17, 0);
    const FlipArithmetic& best = network.arithmetic();
    const FlipArithmetic portable(size.P, size.variant, size.N, size.K,
                                  dhn::montecarlo::FlipLoops::portable);
    INFO("P = " << size.P << ", " << dhn::to_string(size.variant) << ", N = " << size.N << ", K = "
                << size.K << ", AVX-512 loops " << best.avx512_loops() << ", int32 block "
                << best.int32_block() << ", int16 overlaps " << best.narrow_overlaps());
    CHECK_FALSE(portable.avx512_loops());
    const auto& patterns = network.patterns();
    std::vector<std::int8_t> spins = dhn::montecarlo::random_state(size.N, {5, 0, 0});
    std::vector<std::int32_t> S_best = dhn::montecarlo::compute_overlaps(patterns, spins);
    std::vector<std::int32_t> S_portable = S_best;
    dhn::montecarlo::FlipWeights w_best, w_portable;
    best.compute_weights(S_best.data(), size.K, w_best);
    portable.compute_weights(S_portable.data(), size.K, w_portable);
    for (int step = 0; step < std::min(3 * size.N, 120); ++step) {
      for (int i = 0; i < size.N; ++i) {
        const std::int64_t table =
            best.delta(patterns.site(i), spins[i], S_best.data(), size.K, FlipKernel::table);
        REQUIRE(best.delta(patterns.site(i), patterns.packed_site(i), spins[i], w_best, size.K) ==
                table);
        REQUIRE(portable.delta(patterns.site(i), patterns.packed_site(i), spins[i], w_portable,
                               size.K) == table);
      }
      const int i = (7 * step + 3) % size.N;  // a deterministic walk over the sites
      // the row moment from the row and overlaps directly (O(K)), against RowMoments (O(N))
      const std::int64_t moment =
          dhn::montecarlo::row_moment(size.P, patterns.site(i), S_best.data(), size.K);
      REQUIRE(network.row_moments().of(i, spins.data()) == (size.P == 2 ? 0 : moment));
      best.flip(patterns.site(i), patterns.packed_site(i), spins[i], S_best.data(), w_best, size.K,
                moment);
      portable.flip(patterns.site(i), patterns.packed_site(i), spins[i], S_portable.data(),
                    w_portable, size.K, moment);
      spins[i] = static_cast<std::int8_t>(-spins[i]);
      best.widen_overlaps(w_best, S_best.data(), size.K);  // int16 overlaps moved, if narrow
      REQUIRE(S_best == dhn::montecarlo::compute_overlaps(patterns, spins));
      REQUIRE(S_portable == S_best);
      REQUIRE(w_best.weight32 == w_portable.weight32);
      REQUIRE(w_best.weight64 == w_portable.weight64);
      REQUIRE(w_best.site_free == w_portable.site_free);
      REQUIRE(w_best.weight_total == w_portable.weight_total);
      dhn::montecarlo::FlipWeights fresh;  // the lowest power sum kept by the row moments
      best.compute_weights(S_best.data(), size.K, fresh);
      REQUIRE(w_best.lowest_power == fresh.lowest_power);
      REQUIRE(w_portable.lowest_power == fresh.lowest_power);
    }
  }
}

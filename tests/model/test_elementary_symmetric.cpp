// e_P as a polynomial in the overlap S against the brute-force sum over index sets i1 < ... < iP
// (physics.md section 8: the independent route is explicit enumeration of the subsets).
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "dhn/model/elementary_symmetric.hpp"

namespace {

// Sum over all P-subsets of {0..N-1} of prod x_i, by recursion over the subsets.
std::int64_t brute_force_e(const std::vector<int>& x, int P, std::size_t from = 0) {
  if (P == 0) return 1;
  std::int64_t sum = 0;
  for (std::size_t i = from; i + P <= x.size(); ++i) sum += x[i] * brute_force_e(x, P - 1, i + 1);
  return sum;
}

}  // namespace

TEST_CASE("e_P from Newton's identities equals the sum over index sets", "[model]") {
  std::mt19937 rng(20261128);  // fixed seed; the identity must hold for every configuration
  for (int N = 1; N <= 12; ++N) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<int> x(N);
      int S = 0;
      for (int& v : x) {
        v = (rng() & 1u) ? 1 : -1;
        S += v;
      }
      for (int P = 0; P <= 6; ++P) {
        const std::int64_t expected = brute_force_e(x, P);
        INFO("N = " << N << ", P = " << P << ", S = " << S);
        CHECK(dhn::elementary_symmetric(P, S, N) == expected);
        CHECK(dhn::elementary_symmetric_real(P, S, N) ==
              Approx(static_cast<double>(expected)).margin(1e-9));
      }
    }
  }
}

TEST_CASE("e_P closed forms of physics.md section 1", "[model]") {
  // 6 e_3 = S^3 - 3NS + 2S and 24 e_4 = S^4 - 6NS^2 + 3N^2 + 8S^2 - 6N.
  for (std::int64_t N = 4; N <= 64; N += 6) {
    for (std::int64_t S = -N; S <= N; S += 2) {
      CHECK(6 * dhn::elementary_symmetric(3, S, N) == S * S * S - 3 * N * S + 2 * S);
      CHECK(24 * dhn::elementary_symmetric(4, S, N) ==
            S * S * S * S - 6 * N * S * S + 3 * N * N + 8 * S * S - 6 * N);
    }
  }
}

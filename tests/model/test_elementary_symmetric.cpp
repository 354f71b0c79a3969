// e_P as a polynomial in the overlap S against the brute-force sum over index sets i1 < ... < iP
// (physics.md section 8: the independent route is explicit enumeration of the subsets).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/model/finite_size.hpp"

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

TEST_CASE("the finite-N signal correction has its closed forms (physics.md section 10)",
          "[model]") {
  // P = 3: 6 e_3 = S^3 - 3 N S + 2 S, so the correction is m (3N - 2) / (6 N^2);
  // P = 4: 24 e_4 = S^4 - 6 N S^2 + 3 N^2 + 8 S^2 - 6 N, so it is [6 N S^2 - 3 N^2 - 8 S^2 + 6 N]
  // / (24 N^4) at S = N m; the full variant's signal is exact at every N
  for (int N : {12, 48, 200}) {
    for (double m : {-0.7, 0.0, 0.3, 0.9, 1.0}) {
      const double n = N, S = N * m;
      CHECK(dhn::signal_energy_correction({3, dhn::Variant::distinct, 0.1}, N, m) ==
            Approx(m * (3 * n - 2) / (6 * n * n)).margin(1e-15));
      CHECK(dhn::signal_energy_correction({4, dhn::Variant::distinct, 0.1}, N, m) ==
            Approx((6 * n * S * S - 3 * n * n - 8 * S * S + 6 * n) / (24 * std::pow(n, 4)))
                .margin(1e-15));
      CHECK(dhn::signal_energy_correction({4, dhn::Variant::full, 0.1}, N, m) == 0.0);
    }
  }
}

// Paramagnet energy per spin (distinct variant) against the high-temperature expansion at finite
// N, within 4 jackknife sigma over disorder samples. Reference: physics.md section 3 / 7,
// u = -alpha/(P! T) for N -> infinity, with the finite-N corrections derived below.
//
// Derivation. For one sample, <H> = sum_n kappa_n (-beta)^(n-1) / (n-1)!, kappa_n the cumulants
// of H under uniform spins (the beta = 0 measure); the disorder average [<H>] is linear in them.
// Write H = -N^(1-P) sum_mu e_P(x^mu), x^mu_i = xi^mu_i s_i, C = binom(N, P), and
// M_r = E e_P(x)^r for x uniform on {-1, 1}^N (exactly: S = sum x_i is binomial and e_P depends
// on S only, so M_r = 2^-N sum_h binom(N, h) e_P(2h - N)^r).
//  - kappa_1 = 0: every product of P distinct spins averages to zero.
//  - [kappa_2] = N^(2-2P) sum_(mu,nu) sum_A [xi^mu_A xi^nu_A] = N^(2-2P) K C: only mu = nu
//    survives the pattern average.
//  - [kappa_3] = -N^(3-3P) K M_3 (the sign of H is odd): a pattern index appearing once averages
//    to zero, so all three must be equal. For odd P, H(-s) = -H(s) and every odd cumulant
//    vanishes (M_3 = 0).
//  - [kappa_4] = [E H^4] - 3 [(E H^2)^2]. [E H^4] = N^(4-4P) (K M_4 + 3 K (K-1) C^2) (all four
//    patterns equal, or two pairs with A = B and C' = D'); E H^2 = N^(2-2P) (K C + sum_(mu!=nu)
//    e_P(xi^mu xi^nu)), whose square averages to N^(4-4P) (K^2 C^2 + 2 K (K-1) C). Hence
//    [kappa_4] = N^(4-4P) [K (M_4 - 3 C^2) - 6 K (K-1) C].
// So the energy per spin is
//    u_N(beta) = (1/N) (-beta [kappa_2] + beta^2 [kappa_3] / 2 - beta^3 [kappa_4] / 6) + R,
// where -beta [kappa_2] / N = -(beta alpha / P!) N (N-1) ... (N-P+1) / N^P is the limit law times
// the falling-factorial factor, and the remainder R is O(beta^4 kappa_5) (P = 4) or
// O(beta^5 kappa_6) (P = 3). For N -> infinity only the first term survives: u = -alpha/(P! T).
// Here N = 32 (P = 3) and N = 16 (P = 4); the beta^3 term is below 2.5% of u at every ladder
// temperature, so R (the square of that ratio) is below 0.1% of u, under a quarter of sigma.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/montecarlo/temperature_ladder.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"

using namespace dhn::montecarlo;

namespace {
double binomial(int n, int k) {
  double r = 1.0;
  for (int j = 1; j <= k; ++j) r = r * (n - k + j) / j;
  return r;
}

// The expansion above, terms in beta, beta^2 and beta^3 (per spin).
struct Expansion {
  double first, second, third;
  double sum() const { return first + second + third; }
};

Expansion high_temperature_energy(int P, int N, std::int64_t K, double beta) {
  const double C = binomial(N, P);
  long double M3 = 0, M4 = 0;
  for (int h = 0; h <= N; ++h) {
    const long double weight = binomial(N, h) / std::ldexp(1.0, N);
    const long double e = static_cast<long double>(dhn::elementary_symmetric(P, 2 * h - N, N));
    M3 += weight * e * e * e;
    M4 += weight * e * e * e * e;
  }
  const double k = static_cast<double>(K);
  const double n = N;
  const double kappa2 = k * C / std::pow(n, 2 * P - 2);
  const double kappa3 = -k * static_cast<double>(M3) / std::pow(n, 3 * P - 3);
  const double kappa4 = (k * (static_cast<double>(M4) - 3.0 * C * C) - 6.0 * k * (k - 1.0) * C) /
                        std::pow(n, 4 * P - 4);
  return {-beta * kappa2 / n, beta * beta * kappa3 / (2.0 * n),
          -beta * beta * beta * kappa4 / (6.0 * n)};
}

void check_paramagnet(int P, int N, double alpha, std::vector<double> T, std::uint64_t seed) {
  TemperingParameters p;
  p.P = P;
  p.N = N;
  p.K = std::llround(alpha * std::pow(N, P - 1));
  p.T = std::move(T);
  p.replicas = 2;
  p.samples = 32;
  p.therm = 30;
  p.sweeps = 128;
  p.swap_every = 1;
  p.init = InitialKind::random;
  p.seed = seed;
  p.bins = 16;
  // one thread: ctest runs tests side by side, and the result does not depend on it
  Tempering run(p, 1);
  run.run();
  const TemperingSummary s = summarize(run);
  REQUIRE(s.blocks == ErrorBlocks::samples);
  for (std::size_t k = 0; k < p.T.size(); ++k) {
    const double beta = 1.0 / p.T[k];
    const Expansion u = high_temperature_energy(P, N, p.K, beta);
    const Estimate e = s.observables[int(Observable::e)][k];
    const double limit = -alpha / (dhn::factorial(P) * p.T[k]);  // physics.md section 7
    INFO("P = " << P << ", N = " << N << ", K = " << p.K << ", T = " << p.T[k] << ": Monte Carlo "
                << e.mean << " +- " << e.error << ", u_N = " << u.sum() << " (terms " << u.first
                << ", " << u.second << ", " << u.third << "), N -> infinity " << limit);
    CHECK(std::abs(u.third) < 0.025 * std::abs(u.sum()));  // the truncation argument above
    CHECK(std::abs(e.mean - u.sum()) <= 4.0 * e.error);
    // the finite-N factor is resolved: the infinite-N law is excluded at the coldest slot
    if (k == 0) CHECK(std::abs(e.mean - limit) > 4.0 * e.error);
  }
}
}  // namespace

TEST_CASE("paramagnet energy per spin matches -alpha/(P! T) with its finite-N corrections",
          "[montecarlo][tempering][paramagnet]") {
  check_paramagnet(3, 32, 0.5, geometric_ladder(1.5, 4.0, 4), 11);
  check_paramagnet(4, 16, 0.5, geometric_ladder(1.0, 3.0, 4), 12);
}

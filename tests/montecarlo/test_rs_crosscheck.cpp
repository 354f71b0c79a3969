// Monte Carlo m(T) in the retrieval phase against the RS theory (dhn::theory::RsDense, physics.md
// section 3), P = 3 and P = 4, distinct variant, at two (alpha, T) points well inside the phase
// (retrieval is the RS global minimum and AT-stable there, so RS is the exact N -> infinity
// answer). Runs start from the cued pattern; the two temperatures of each alpha share one run
// without swaps (a swap can hand the colder slot a configuration that escaped at the warmer one,
// which at these sizes costs more in error bars than it gains in mixing).
//
// Tolerance: |m_MC - m_RS| <= 4 sigma + delta_N, sigma the jackknife error over disorder
// samples and delta_N = P (P - 1) / N x |T dm_RS/dT| the finite-size allowance: at finite N the
// cued pattern's field on a site is e_(P-1) of the other N - 1 sites over N^(P-1), i.e.
// b(m) (N-1)...(N-P+1)/N^(P-1) minus self terms of relative order 1/(N m^2), a relative weakening
// of about P (P - 1) / (2N); it acts like a relative temperature rise of that size, and delta_N
// allows twice it. (Measured: N (m_MC - m_RS) stays between -1 and 0 for N = 128 ... 512.)
// Small N is avoided on purpose: below N ~ 100 (P = 3) or 64 (P = 4) the retrieval state escapes
// to the paramagnet within a few thousand sweeps at these temperatures.
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn;
using namespace dhn::montecarlo;

namespace {
struct Point {
  double alpha_fraction;  // alpha / RS spinodal capacity at T = 0
  double T_fraction;      // T / T_M(alpha)
};

struct Size {
  int N;
  int samples;
  std::int64_t sweeps;
};

void cross_check(int P, double alpha_fraction, const std::vector<double>& T_fractions, Size size,
                 std::uint64_t seed, int threads) {
  const Model zero{P, Variant::distinct, 0.0};
  const Model model{P, Variant::distinct,
                    alpha_fraction * theory::rs_capacity(zero).alpha_spinodal};
  const double T_M = theory::retrieval_spinodal(model).T;
  REQUIRE(std::isfinite(T_M));
  TemperingParameters p;
  p.P = P;
  p.N = size.N;
  p.K = pattern_count(model, size.N);
  for (double f : T_fractions) p.T.push_back(f * T_M);
  p.T.erase(p.T.begin());  // drop the default {1.0}
  p.replicas = 2;
  p.samples = size.samples;
  p.therm = 200;
  p.sweeps = size.sweeps;
  p.swap_every = 0;
  p.init = InitialKind::pattern;
  p.seed = seed;
  p.bins = 16;
  Tempering run(p, threads);
  run.run();
  const TemperingSummary s = summarize(run);
  for (std::size_t k = 0; k < p.T.size(); ++k) {
    const double T = p.T[k];
    const theory::RsPoint rs = theory::solve_rs_point(theory::RsDense(model), T);
    REQUIRE(rs.phase == theory::RsPhase::retrieval);  // well inside: the global minimum
    REQUIRE(theory::replicon_eigenvalue(model, rs.retrieval.m, rs.retrieval.q, T) < 1.0);
    const double h = 1e-3 * T;
    const double slope =
        (theory::solve_rs_from(theory::RsDense(model), 1.0 / (T + h), 1.0, 1.0).m -
         theory::solve_rs_from(theory::RsDense(model), 1.0 / (T - h), 1.0, 1.0).m) /
        (2.0 * h);
    const double delta_N = P * (P - 1.0) / size.N * std::abs(T * slope);
    const Estimate m = s.observables[int(Observable::m)][k];
    INFO("P = " << P << ", alpha = " << model.alpha << ", T = " << T << " (" << T / T_M
                << " T_M), N = " << size.N << ", K = " << p.K << ": Monte Carlo m = " << m.mean
                << " +- " << m.error << ", RS m = " << rs.retrieval.m << ", delta_N = " << delta_N);
    CHECK(m.error > 0.0);
    CHECK(std::abs(m.mean - rs.retrieval.m) <= 4.0 * m.error + delta_N);
  }
}
}  // namespace

TEST_CASE("retrieval m(T) agrees with RS theory (reduced: N = 128 for P = 3, N = 64 for P = 4)",
          "[montecarlo][tempering][theory]") {
  cross_check(3, 0.2, {0.5, 0.6}, {128, 8, 400}, 41, 1);
  cross_check(4, 0.1, {0.45, 0.55}, {64, 8, 400}, 42, 1);
}

TEST_CASE("retrieval m(T) agrees with RS theory (N = 256 for P = 3, N = 96 for P = 4)",
          "[montecarlo][tempering][theory][.slow]") {
  cross_check(3, 0.1, {0.6, 0.7}, {256, 32, 2000}, 43, 0);
  cross_check(3, 0.3, {0.5, 0.6}, {256, 32, 2000}, 44, 0);
  cross_check(4, 0.1, {0.5, 0.6}, {96, 32, 2000}, 45, 0);
  cross_check(4, 0.2, {0.5, 0.6}, {96, 32, 2000}, 46, 0);
}

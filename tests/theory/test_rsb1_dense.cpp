// Finite-T one-step RSB of the dense network: its RS reductions (q1 = q2 for any theta, theta ->
// 0), its T -> 0 limit (the closed-form T = 0 functional), and a broken retrieval state below T_AT.
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_dense.hpp"
#include "dhn/theory/rsb1_ground_state.hpp"
#include "dhn/theory/rsb1_retrieval_march.hpp"

using namespace dhn;
using namespace dhn::theory;

TEST_CASE("1RSB pressure reduces to RS at q1 = q2 (any theta) and as theta -> 0",
          "[theory][rsb1]") {
  const Model model{4, Variant::distinct, 0.032};
  const Rsb1Dense rsb(model);
  const RsDense rs(model);
  const double beta = 100.0, m = 0.9, q = 0.95;
  const double rs_pressure = -beta * free_energy_at(rs, m, q, beta);
  for (double theta : {0.2, 0.5, 1.0})
    CHECK(rsb.pressure(beta, m, q, q, theta) == Approx(rs_pressure).epsilon(1e-13));
  // (1/theta) ln E exp(theta X) = E X + theta Var(X)/2 + ...: at theta = 1e-7 the gap is ~1e-7.
  CHECK(rsb.pressure(beta, m, 0.7, q, 1e-7) == Approx(rs_pressure).margin(1e-6));
}

TEST_CASE("small-T finite-T 1RSB matches the T = 0 functional e(m, q1, mu)", "[theory][rsb1]") {
  // At q2 = 1 and theta = mu T, f(T) -> e(m, q1, mu); the corrections (seen to fall by ~100 per
  // decade of T) are ~1e-8 at T = 1e-4.
  const Model model{4, Variant::distinct, 0.032};
  const Rsb1Dense rsb(model);
  const Rsb1GroundStateDense ground(model);
  for (double mu : {5.0, 20.0}) {
    const double T = 1e-4;
    const double f = -T * rsb.pressure(1.0 / T, 0.85, 0.8, 1.0, mu * T);
    CHECK(f == Approx(ground.energy(0.85, 0.8, mu)).margin(1e-6));
  }
}

TEST_CASE("below T_AT the retrieval state breaks replica symmetry, raising f", "[theory][rsb1]") {
  const Model model{4, Variant::distinct, 0.032};
  const RetrievalFold fold = retrieval_spinodal(model);
  const Transition at = retrieval_at_line(model, fold);
  REQUIRE(at.status == LineStatus::found);
  const double T = 0.5 * at.T;
  const RsSolution rs = solve_rs_from(RsDense(model), 1.0 / T, 1.0, 1.0);
  REQUIRE(rs.converged);
  const auto s = Rsb1Dense(model).solve_retrieval(T, rs.m, rs.q);
  REQUIRE(s);
  CHECK(s->residual < 1e-9);
  CHECK(s->q1 < s->q2);
  CHECK(s->theta > 0.0);
  CHECK(s->theta < 1.0);
  CHECK(s->f > rs.f);  // the replica rule: the broken state's f lies above the unstable RS one
}

TEST_CASE("the 1RSB retrieval branch's crossing with another free energy is found by Brent",
          "[theory][rsb1]") {
  // f_other(T) = f_ref + c (T - T_star), with f_ref the 1RSB retrieval free energy at T_star from
  // the independent theta-scan solver (solve_retrieval) and c = 0.01 far steeper than the branch
  // (|df/dT| = entropy ~ 1e-4 here): the single crossing is T_star, to the Brent tolerance 1e-10
  // relative plus the reference's own error (residual 1e-9 in f ~ 1e-12 / c in T).
  const Model model{4, Variant::distinct, 0.032};
  const Rsb1Dense rsb(model);
  const RsSolution rs_from = solve_rs_from(RsDense(model), 1.0 / 0.006, 1.0, 1.0);
  REQUIRE(rs_from.converged);
  const auto from = rsb.solve_retrieval(0.006, rs_from.m, rs_from.q);
  REQUIRE(from);
  const double T_star = 0.0083;
  const RsSolution rs_star = solve_rs_from(RsDense(model), 1.0 / T_star, 1.0, 1.0);
  const auto reference = rsb.solve_retrieval(T_star, rs_star.m, rs_star.q);
  REQUIRE(reference);
  const double c = 0.01;
  const double T_cross = rsb1_retrieval_crossing(
      model, *from, 0.006, 0.010, [&](double T) { return reference->f + c * (T - T_star); });
  CHECK(T_cross == Approx(T_star).epsilon(1e-8));
  // No sign change in the interval: NaN.
  CHECK(std::isnan(rsb1_retrieval_crossing(
      model, *from, 0.006, 0.007, [&](double T) { return reference->f + c * (T - T_star); })));
}

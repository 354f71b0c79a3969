// RS theory of the dense network (P > 2): exact paramagnet, residuals, stationarity, the T -> 0
// limit against the closed forms, and both variants through the same code path.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <variant>

#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn;
using namespace dhn::theory;

TEMPLATE_TEST_CASE_SIG(
    "paramagnet pressure is ln 2 + beta^2 xihat(1)/2 exactly (physics.md section 3)",
    "[theory][dense]", ((int P), P), 3, 4, 5, 8) {
  for (Variant variant : {Variant::distinct, Variant::full}) {
    if (variant == Variant::full && P % 2 == 1)
      continue;  // odd full P: random field, no q = 0 state
    const Model model{P, variant, 0.02};
    const RsDense system(model);
    const NoiseCovariance xihat(model);
    for (double T : {0.01, 0.05, 0.3}) {
      const double beta = 1.0 / T;
      const RsSolution s = solve_rs_from(system, beta, 0.0, 0.0);
      REQUIRE(s.converged);
      CHECK(s.m == 0.0);
      CHECK(s.q == 0.0);
      const double pressure = M_LN2 + 0.5 * beta * beta * xihat.value(1.0);
      CHECK(-beta * s.f == Approx(pressure).epsilon(1e-14));
      // energy u = -beta xihat(1), entropy ln 2 - beta^2 xihat(1)/2 (finite difference, ~1e-9)
      CHECK(s.u == Approx(-beta * xihat.value(1.0)).epsilon(1e-7));
      CHECK(s.s == Approx(M_LN2 - 0.5 * beta * beta * xihat.value(1.0)).margin(1e-7));
    }
  }
}

TEST_CASE("retrieval solutions have residuals below 1e-10 and are stationary points of f",
          "[theory][dense]") {
  for (int P : {3, 4, 6}) {
    for (Variant variant : {Variant::distinct, Variant::full}) {
      const Model model{P, variant, 0.3 * rs_capacity(Model{P, variant, 0}).alpha_spinodal};
      const RsDense system(model);
      const double T = 0.5 * retrieval_spinodal(model).T;
      const double beta = 1.0 / T;
      const RsSolution s = solve_rs_from(system, beta, 1.0, 1.0);
      INFO("P = " << P << ", variant " << to_string(variant));
      REQUIRE(s.converged);
      CHECK(s.residual < 1e-10);
      CHECK(s.stable);
      CHECK(s.m > 0.5);
      // Central differences with step 1e-5: truncation error ~1e-10 * |f'''|.
      const double h = 1e-5;
      auto f = [&](double m, double q) { return free_energy_at(system, m, q, beta); };
      CHECK(std::abs((f(s.m + h, s.q) - f(s.m - h, s.q)) / (2 * h)) < 1e-8);
      CHECK(std::abs((f(s.m, s.q + h) - f(s.m, s.q - h)) / (2 * h)) < 1e-8);
    }
  }
}

TEST_CASE("T -> 0 limit of the finite-T retrieval state matches the T = 0 equations",
          "[theory][dense]") {
  // At T = 1e-4 T_M the thermal corrections to m and the energy are far below the 1e-6 tolerance
  // (they are O(T^2) for this gapped state).
  for (int P : {3, 4, 5}) {
    for (Variant variant : {Variant::distinct, Variant::full}) {
      const RsGroundStateDense ground(P, variant);
      const double alpha = 0.5 * ground.capacity().alpha_spinodal;
      const Model model{P, variant, alpha};
      const double T = 1e-4 * retrieval_spinodal(model).T;
      const RsSolution s = solve_rs_from(RsDense(model), 1.0 / T, 1.0, 1.0);
      const double m0 = ground.retrieval_m(alpha);
      INFO("P = " << P << ", variant " << to_string(variant));
      REQUIRE(s.converged);
      CHECK(s.m == Approx(m0).margin(1e-6));
      CHECK(s.f == Approx(ground.retrieval_energy(m0, alpha)).margin(1e-6));
      CHECK(s.q == Approx(1.0).margin(1e-3));
    }
  }
}

TEST_CASE("low-T RS glass energy tends to the RS glass ground state -sqrt(2 xihat'(1)/pi)",
          "[theory][dense]") {
  // The energy u (not f: the RS glass has a negative entropy at T = 0) converges as O(T^2).
  const Model model{4, Variant::distinct, 0.02};
  const RsGroundStateDense ground(4, Variant::distinct);
  const double T = 1e-4;
  const RsSolution s = solve_rs_from(RsDense(model), 1.0 / T, 0.0, 1.0);
  REQUIRE(s.converged);
  CHECK(s.q > 0.99);
  CHECK(s.u == Approx(ground.glass_energy(0.02)).margin(1e-6));
  CHECK(s.s < 0.0);  // the RS failure that 1RSB repairs (physics.md section 3)
}

TEST_CASE("dense RS glass lines scale exactly as sqrt(alpha) (physics.md section 6)",
          "[theory][dense]") {
  // xihat is linear in alpha, so beta sqrt(alpha) is the only combination: T_x(alpha)/sqrt(alpha)
  // must be alpha-independent to the line tolerance (1e-9 relative).
  for (int P : {3, 4}) {
    const GlassLines g1 = rs_glass_lines(Model{P, Variant::distinct, 0.004});
    const GlassLines g2 = rs_glass_lines(Model{P, Variant::distinct, 0.036});
    REQUIRE(g1.status == LineStatus::found);
    REQUIRE(g2.status == LineStatus::found);
    CHECK_FALSE(g1.continuous);
    CHECK(g1.T_spinodal / std::sqrt(0.004) ==
          Approx(g2.T_spinodal / std::sqrt(0.036)).epsilon(1e-8));
    CHECK(g1.T_transition / std::sqrt(0.004) ==
          Approx(g2.T_transition / std::sqrt(0.036)).epsilon(1e-8));
    CHECK(g1.T_transition < g1.T_spinodal);
  }
}

TEST_CASE("the retrieval fold T_M separates existence from absence of a stable m > 0 state",
          "[theory][dense]") {
  // Independent of the continuation: the multi-start point solver must find retrieval just below
  // T_M and none just above (relative offset 1e-4 >> the fold tolerance).
  for (int P : {3, 4}) {
    const Model model{P, Variant::distinct,
                      0.4 * rs_capacity(Model{P, Variant::distinct, 0}).alpha_spinodal};
    const RetrievalFold fold = retrieval_spinodal(model);
    REQUIRE(fold.status == LineStatus::found);
    const RsDense system(model);
    const std::array<std::pair<double, double>, 1> warm{std::pair{fold.m, fold.q}};
    const RsPoint below = solve_rs_point(system, fold.T * (1 - 1e-4), {.extra_retrieval = warm});
    const RsPoint above = solve_rs_point(system, fold.T * (1 + 1e-4), {.extra_retrieval = warm});
    CHECK(below.retrieval.converged);
    CHECK_FALSE(above.retrieval.converged);
    // For P > 2 the fold is a first-order jump: m stays large at T_M.
    CHECK(fold.m > 0.6);
  }
}

TEST_CASE("at T_c the retrieval and m = 0 free energies are equal", "[theory][dense]") {
  const Model model{4, Variant::distinct, 0.01};
  const RetrievalFold fold = retrieval_spinodal(model);
  const Transition tc = retrieval_transition(model, fold);
  REQUIRE(tc.status == LineStatus::found);
  const RsDense system(model);
  const std::array<std::pair<double, double>, 1> warm{std::pair{fold.m, fold.q}};
  const RsPoint p = solve_rs_point(system, tc.T, {.extra_retrieval = warm});
  REQUIRE(p.retrieval.converged);
  // |df/dT| ~ entropy difference ~ 1, T_c bisected to 1e-12 relative.
  CHECK(p.retrieval.f == Approx(p.f_m0).margin(1e-10));
  const RsPoint colder = solve_rs_point(system, 0.99 * tc.T, {.extra_retrieval = warm});
  CHECK(colder.phase == RsPhase::retrieval);
}

TEST_CASE("full P = 4 glass sets in continuously at T = sqrt(xihat''(0)) like SK",
          "[theory][dense]") {
  // For P = 4 the full covariance is alpha (q^4 + 3 q^2)/24: a distinct P = 4 model has only the
  // first term, so the full model's glass is SK-like with continuous onset at T = sqrt(xihat''(0)).
  const Model model{4, Variant::full, 0.02};
  const GlassLines g = rs_glass_lines(model);
  REQUIRE(g.status == LineStatus::found);
  CHECK(g.continuous);
  CHECK(g.T_spinodal ==
        Approx(std::sqrt(NoiseCovariance(model).second_derivative(0.0))).epsilon(1e-10));
}

TEST_CASE("the AT line: the replicon eigenvalue of the RS retrieval state crosses 1 at T_AT",
          "[theory][dense]") {
  // de Almeida-Thouless (physics.md issue 3 item 4): beta^2 xihat''(q) E sech^4 h = 1 at T_AT,
  // below 1 above it (RS stable) and above 1 below it; T_AT is bisected to 1e-12 relative.
  // alpha = 0.038 (P = 4) lies beyond the RS T = 0 capacity 0.03298: the RS retrieval branch
  // exists only in a window T in (~0.030, T_M) and turns AT-unstable inside it.
  for (const auto& [P, alpha] :
       {std::pair{4, 0.03}, std::pair{4, 0.038}, std::pair{3, 0.11}, std::pair{2, 0.12}}) {
    const Model model{P, Variant::distinct, alpha};
    const RetrievalFold fold = retrieval_spinodal(model);
    const Transition at = retrieval_at_line(model, fold);
    INFO("P = " << P << ", alpha = " << alpha);
    REQUIRE(at.status == LineStatus::found);
    CHECK(at.T < fold.T);
    auto eigenvalue = [&](double T) {
      const RsSolution r =
          std::visit([&](const auto& s) { return solve_rs_from(s, 1.0 / T, 1.0, 1.0); },
                     make_rs_system(model));
      REQUIRE(r.converged);
      return replicon_eigenvalue(model, r.m, r.q, T);
    };
    CHECK(eigenvalue(at.T) == Approx(1.0).margin(1e-8));
    CHECK(eigenvalue(1.01 * at.T) < 1.0);
    CHECK(eigenvalue(0.99 * at.T) > 1.0);
  }
}

TEST_CASE("regression: RS and 1RSB capacities up to P = 12 (m_global within 1e-15 of 1)",
          "[theory][dense]") {
  // For P >= 9 the global-minimum crossing sits where m = 1 to double precision; it is then found
  // in alpha at m = 1. The capacities must stay ordered and RSB must not lower them.
  for (int P = 9; P <= 12; P += 3) {
    const RsCapacity rs = rs_capacity(Model{P, Variant::distinct, 0.0});
    INFO("P = " << P);
    CHECK(rs.alpha_global > 0.0);
    CHECK(rs.alpha_global < rs.alpha_spinodal);
    CHECK(rs.m_global > rs.m_spinodal);
  }
}

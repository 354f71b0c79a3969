// The RS Landau free energy f(m) (landau.hpp; docs/derivations/landau-free-energy.md): its
// alpha -> 0 limit is the P-spin Curie-Weiss function in closed form; df/dm = h; its stationary
// points are the RS solver's retrieval and m = 0 states (an independent code path); the
// retrieval minimum exists just below T_M and not above; its depth against m = 0 changes sign
// at T_c.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dhn/theory/landau.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "m_grid.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

using testing::grid;

// The retrieval minimum of a profile (the local minimum of largest m > 0.1), or nullptr.
const LandauExtremum* retrieval_minimum(const LandauProfile& profile) {
  const LandauExtremum* best = nullptr;
  for (const LandauExtremum& e : profile.minima)
    if (e.m > 0.1) best = &e;
  return best;
}

}  // namespace

TEST_CASE("alpha -> 0: f(m) = -m^P/P! - T s(m), the P-spin Curie-Weiss Landau function",
          "[theory][landau]") {
  // closed form: the mixing entropy s(m) = ln 2 - [(1+m) ln(1+m) + (1-m) ln(1-m)]/2 and the
  // field T atanh(m) - b(m); tolerance: the Newton tolerance 1e-12 on m, times df/dm = h = O(1)
  for (int P : {2, 3, 4, 5}) {
    const double T = P == 2 ? 1.2 : 0.2;  // P = 2: above T = 1 - m^2 where the AGS D > 0
    const LandauProfile profile =
        landau_profile(Model{P, Variant::distinct, 0.0}, T, grid(-0.95, 0.95, 0.05));
    for (const LandauPoint& p : profile.points) {
      INFO("P = " << P << ", m = " << p.m);
      REQUIRE(p.converged);
      const double m = p.m;
      const double s = std::log(2.0) - 0.5 * ((1 + m) * std::log1p(m) + (1 - m) * std::log1p(-m));
      CHECK(p.f == Approx(-std::pow(m, P) / std::tgamma(P + 1.0) - T * s).margin(1e-11));
      CHECK(p.h == Approx(T * std::atanh(m) - std::pow(m, P - 1) / std::tgamma(P)).margin(1e-10));
      CHECK(p.s == Approx(s).margin(1e-7));  // central difference in beta, step 1e-4
    }
  }
}

TEST_CASE("df/dm equals the conjugate field h", "[theory][landau]") {
  // central difference with step 1e-4: truncation f''' 1e-8 / 6 below 1e-8; f is stationary in
  // (h, q), so the solver tolerance enters f only at second order
  const double d = 1e-4;
  for (const Model& model : {Model{3, Variant::distinct, 0.14}, Model{4, Variant::full, 0.01},
                             Model{2, Variant::distinct, 0.05}}) {
    const double T = model.P == 2 ? 0.4 : model.P == 3 ? 0.155 : 0.07;
    for (double m : {0.2, 0.5, 0.8, 0.9}) {
      const LandauProfile p = landau_profile(model, T, {m - d, m, m + d});
      REQUIRE(p.points[0].converged);
      REQUIRE(p.points[2].converged);
      INFO("P = " << model.P << ", m = " << m);
      CHECK((p.points[2].f - p.points[0].f) / (2 * d) == Approx(p.points[1].h).margin(1e-7));
    }
  }
}

TEST_CASE("the stationary points of f(m) are the RS solutions", "[theory][landau]") {
  // the RS solver (rs_solver.hpp) solves m = E tanh, q = E tanh^2 at h = 0 by its own iteration
  // and Newton; the profile's refined minimum must reproduce it to their tolerances
  struct Case {
    Model model;
    double T;
  };
  for (const Case& c :
       {Case{{3, Variant::distinct, 0.14}, 0.155}, Case{{4, Variant::distinct, 0.01}, 0.07},
        Case{{4, Variant::full, 0.01}, 0.04}, Case{{2, Variant::distinct, 0.05}, 0.4}}) {
    INFO("P = " << c.model.P << ", alpha = " << c.model.alpha << ", T = " << c.T);
    const LandauProfile profile = landau_profile(c.model, c.T, grid(0.0, 1.0, 0.01));
    const RsPoint rs =
        std::visit([&](const auto& s) { return solve_rs_point(s, c.T); }, make_rs_system(c.model));
    REQUIRE(rs.retrieval.converged);
    const LandauExtremum* minimum = retrieval_minimum(profile);
    REQUIRE(minimum != nullptr);
    CHECK(minimum->m == Approx(rs.retrieval.m).margin(1e-8));
    CHECK(minimum->f == Approx(rs.retrieval.f).margin(1e-11));
    CHECK(minimum->q == Approx(rs.retrieval.q).margin(1e-8));
    // m = 0: the physical m = 0 state of classify()
    CHECK(profile.points.front().f == Approx(rs.f_m0).margin(1e-11));
  }
}

TEST_CASE("the retrieval minimum exists just below T_M and not above it", "[theory][landau]") {
  for (const Model& model :
       {Model{3, Variant::distinct, 0.05}, Model{4, Variant::distinct, 0.02}}) {
    const RetrievalFold fold = retrieval_spinodal(model);
    REQUIRE(fold.status == LineStatus::found);
    INFO("P = " << model.P << ", T_M = " << fold.T << ", m_M = " << fold.m);
    const std::vector<double> m = grid(0.3, 0.98, 0.002);
    const LandauProfile below = landau_profile(model, 0.99 * fold.T, m);
    const LandauProfile above = landau_profile(model, 1.01 * fold.T, m);
    const LandauExtremum* minimum = retrieval_minimum(below);
    REQUIRE(minimum != nullptr);
    CHECK(minimum->m > fold.m);  // the minimum leaves the fold towards larger m on cooling
    CHECK(retrieval_minimum(above) == nullptr);
    CHECK(above.maxima.empty());
  }
}

TEST_CASE("the retrieval minimum's depth against m = 0 changes sign at T_c", "[theory][landau]") {
  const Model model{3, Variant::distinct, 0.05};
  const RetrievalFold fold = retrieval_spinodal(model);
  const Transition tc = retrieval_transition(model, fold);
  REQUIRE(tc.status == LineStatus::found);
  INFO("T_c = " << tc.T);
  for (double factor : {0.995, 1.005}) {
    const LandauProfile p = landau_profile(model, factor * tc.T, grid(0.0, 1.0, 0.01));
    const LandauExtremum* minimum = retrieval_minimum(p);
    REQUIRE(minimum != nullptr);
    const double depth = minimum->f - p.points.front().f;
    if (factor < 1.0) {
      CHECK(depth < 0.0);
    } else {
      CHECK(depth > 0.0);
    }
  }
}

TEST_CASE("bad input to landau_profile is refused", "[theory][landau]") {
  const Model model{3, Variant::distinct, 0.05};
  CHECK_THROWS_AS(landau_profile(model, 0.0, {0.5}), std::invalid_argument);
  CHECK_THROWS_AS(landau_profile(model, 0.1, {}), std::invalid_argument);
  CHECK_THROWS_AS(landau_profile(model, 0.1, {0.5, 0.4}), std::invalid_argument);
  CHECK_THROWS_AS(landau_profile(model, 0.1, {0.5, 1.5}), std::invalid_argument);
  CHECK_THROWS_AS(landau_profile(Model{1, Variant::distinct, 0.05}, 0.1, {0.5}),
                  std::invalid_argument);
}

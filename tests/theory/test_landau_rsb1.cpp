// The 1RSB Landau free energy f(m) (landau.hpp, landau_profile_rsb1): its stationary points are
// the 1RSB retrieval state (Rsb1Dense::solve_retrieval, an independent theta scan without a
// field) below T_AT and the frozen m = 0 glass (rsb1_m0_free_energy) below T_s; df/dm = h holds
// on its 1RSB points; where no 1RSB saddle exists it is the RS profile; P = 2 is refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dhn/model/covariance.hpp"
#include "dhn/theory/landau.hpp"
#include "dhn/theory/rsb1_dense.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "m_grid.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

using testing::grid;

}  // namespace

TEST_CASE("the 1RSB profile's stationary points are the 1RSB retrieval and glass states",
          "[theory][landau][rsb1]") {
  // P = 3, alpha = 0.14, T = 0.08 < T_AT = 0.0917 and < T_s = 0.1407 (phase-diagram): both the
  // retrieval state and the m = 0 state are broken. The references solve the zero-field 1RSB
  // equations by their own theta scans; both sides converge to ~1e-10 in the equations, so f
  // agrees to ~1e-9 (stationary: the error enters at second order) and m to ~1e-6 (through the
  // curvature of f at the minimum)
  const Model model{3, Variant::distinct, 0.14};
  const double T = 0.08;
  const LandauProfile profile = landau_profile_rsb1(model, T, grid(0.0, 0.9, 0.1));
  REQUIRE(profile.minima.size() == 2);
  const LandauExtremum& retrieval = profile.minima.back();
  const std::optional<Rsb1Dense::State> reference =
      Rsb1Dense(model).solve_retrieval(T, retrieval.m, retrieval.q);
  REQUIRE(reference.has_value());
  REQUIRE(reference->q2 - reference->q1 > 1e-3);  // the reference is broken too
  CHECK(retrieval.m == Approx(reference->m).margin(1e-6));
  CHECK(retrieval.f == Approx(reference->f).margin(1e-9));
  CHECK(retrieval.q == Approx(reference->q2).margin(1e-6));

  const NoiseCovariance xihat(model);
  const Rsb1Glass glass(xihat);
  const double f0 = rsb1_m0_free_energy(glass, rsb1_glass_lines(xihat), T);
  CHECK(profile.minima.front().m == 0.0);
  CHECK(profile.minima.front().f == Approx(f0).margin(1e-9));
  // the RS profile's m = 0 state (the paramagnet, negative entropy here) lies below the glass
  const LandauProfile rs = landau_profile(model, T, {0.0, 0.05});
  CHECK(rs.points[0].f < f0 - 1e-3);
  // the points up to the retrieval minimum are broken: q1 < q2, theta in (0, 1) (far above
  // it the field that holds m restores replica symmetry: m >= 0.88 is RS here)
  for (const LandauPoint& p : profile.points) {
    if (p.m > 0.85) continue;
    INFO("m = " << p.m);
    CHECK(p.rsb1);
    CHECK(p.q1 < p.q);
    CHECK((p.theta > 0.0 && p.theta < 1.0));
  }
}

TEST_CASE("df/dm equals the conjugate field h at 1RSB", "[theory][landau][rsb1]") {
  // as at RS: central difference with step 1e-4, truncation below 1e-8, the equations' tolerance
  // entering f at second order
  const Model model{3, Variant::distinct, 0.14};
  const double d = 1e-4;
  for (double m : {0.3, 0.86}) {
    const LandauProfile p = landau_profile_rsb1(model, 0.08, {m - d, m, m + d});
    for (const LandauPoint& x : p.points) REQUIRE((x.converged && x.rsb1));
    INFO("m = " << m);
    CHECK((p.points[2].f - p.points[0].f) / (2 * d) == Approx(p.points[1].h).margin(1e-7));
  }
}

TEST_CASE("without a 1RSB saddle the 1RSB profile is the RS profile", "[theory][landau][rsb1]") {
  // P = 3, alpha = 0.14, T = 0.155: above T_AT (0.092) and above T_s (0.141)
  const Model model{3, Variant::distinct, 0.14};
  const std::vector<double> m = grid(0.0, 1.0, 0.1);
  const LandauProfile broken = landau_profile_rsb1(model, 0.155, m);
  const LandauProfile rs = landau_profile(model, 0.155, m);
  REQUIRE(broken.points.size() == rs.points.size());
  for (std::size_t i = 0; i < m.size(); ++i) {
    INFO("m = " << m[i]);
    CHECK_FALSE(broken.points[i].rsb1);
    CHECK(broken.points[i].f == rs.points[i].f);
  }
  REQUIRE(broken.minima.size() == rs.minima.size());
  for (std::size_t i = 0; i < rs.minima.size(); ++i) CHECK(broken.minima[i].f == rs.minima[i].f);
}

TEST_CASE("the 1RSB Landau profile refuses P = 2 naming the level", "[theory][landau][rsb1]") {
  CHECK_THROWS_WITH(landau_profile_rsb1(Model{2, Variant::distinct, 0.05}, 0.3, {0.5}),
                    Catch::Contains("level") && Catch::Contains("P >= 3"));
}

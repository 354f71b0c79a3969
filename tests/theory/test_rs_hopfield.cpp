// P = 2 (Hopfield, AGS 1987) against the public reference values of physics.md section 7.
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn;
using namespace dhn::theory;

TEST_CASE("Hopfield RS capacity 0.137905 at m = 0.9674 (AGS 1987; Steffan-Kuehn 1994)",
          "[theory][hopfield]") {
  const RsCapacity c = rs_capacity(Model{2, Variant::distinct, 0.0});
  CHECK(c.alpha_spinodal == Approx(0.137905).margin(2e-5));
  CHECK(c.m_spinodal == Approx(0.9674).margin(1e-4));
}

TEST_CASE("Hopfield T = 0 retrieval is the global minimum below alpha = 0.0518 (AGS 1987)",
          "[theory][hopfield]") {
  // Reference 0.0518 (AGS quote 0.051); tolerance 5e-4 covers the quoted rounding.
  const RsCapacity c = rs_capacity(Model{2, Variant::distinct, 0.0});
  CHECK(c.alpha_global == Approx(0.0518).margin(5e-4));
}

TEST_CASE("Hopfield glass line T_g = 1 + sqrt(alpha) (AGS 1987)", "[theory][hopfield]") {
  for (double alpha : {0.02, 0.1, 0.3}) {
    const GlassLines g = rs_glass_lines(Model{2, Variant::distinct, alpha});
    INFO("alpha = " << alpha);
    REQUIRE(g.status == LineStatus::found);
    CHECK(g.continuous);
    CHECK(g.T_spinodal == Approx(1.0 + std::sqrt(alpha)).epsilon(1e-10));
  }
}

TEST_CASE("Hopfield glass onset is also visible in the grid solver", "[theory][hopfield]") {
  // Independent of the line code: just below T_g the m = 0 solution has q > 0, just above q = 0.
  const double alpha = 0.1, Tg = 1.0 + std::sqrt(alpha);
  const RsHopfield system(Model{2, Variant::distinct, alpha});
  const RsPoint below = solve_rs_point(system, Tg * (1 - 1e-3));
  const RsPoint above = solve_rs_point(system, Tg * (1 + 1e-3));
  CHECK(below.phase == RsPhase::spin_glass);
  CHECK(below.glass.q > 1e-4);
  CHECK(above.phase == RsPhase::paramagnet);
}

TEST_CASE("Hopfield retrieval spinodal T_M at the AGS values (physics.md section 7)",
          "[theory][hopfield]") {
  const std::pair<double, double> reference[] = {
      {0.01, 0.8010}, {0.05, 0.5423}, {0.10, 0.3154}, {0.13, 0.1489}};
  for (const auto& [alpha, T_M] : reference) {
    const RetrievalFold fold = retrieval_spinodal(Model{2, Variant::distinct, alpha});
    INFO("alpha = " << alpha);
    REQUIRE(fold.status == LineStatus::found);
    CHECK(fold.T == Approx(T_M).margin(1e-3));
  }
}

TEST_CASE("Hopfield solutions are stationary points of the AGS free energy", "[theory][hopfield]") {
  // Central differences of f in m and q (step 1e-5, truncation ~1e-10) vanish at the solution.
  const RsHopfield system(Model{2, Variant::distinct, 0.05});
  const double beta = 1.0 / 0.3;
  const RsSolution s = solve_rs_from(system, beta, 1.0, 1.0);
  REQUIRE(s.converged);
  CHECK(s.residual < 1e-10);
  const double h = 1e-5;
  const double dfdm =
      (free_energy_at(system, s.m + h, s.q, beta) - free_energy_at(system, s.m - h, s.q, beta)) /
      (2 * h);
  const double dfdq =
      (free_energy_at(system, s.m, s.q + h, beta) - free_energy_at(system, s.m, s.q - h, beta)) /
      (2 * h);
  CHECK(std::abs(dfdm) < 1e-8);
  CHECK(std::abs(dfdq) < 1e-8);
}

TEST_CASE("Hopfield low-T retrieval tends to the T = 0 closed form", "[theory][hopfield]") {
  // At alpha = 0.1 the T = 0 branch has m(alpha) from m = erf(y), alpha(y); at T = 0.002 the
  // finite-T m differs by O(exp(-1/T)) + O(T^2) corrections: tolerance 1e-5.
  const double alpha = 0.1;
  const RsGroundStateHopfield ground;
  const auto p = ground.retrieval_at(alpha);
  const RsSolution s =
      solve_rs_from(RsHopfield(Model{2, Variant::distinct, alpha}), 1.0 / 0.002, 1.0, 1.0);
  REQUIRE(s.converged);
  CHECK(s.m == Approx(p.m).margin(1e-5));
  CHECK(s.f == Approx(p.energy).margin(1e-5));
}

TEST_CASE("RS energy in closed form equals the beta-derivative of beta f at fixed (m, q)",
          "[theory][hopfield]") {
  // Independent method: a central difference of beta f(m, q; beta) in beta (RsSystem::
  // free_energy, E ln cosh by quadrature) with relative step 1e-5: truncation step^2/6 times the
  // third beta-derivative of beta f, ~1e-9 at these points (the AGS terms grow like D^-5 with
  // D = 1 - beta (1 - q) >= 0.25 here), rounding eps |beta f| / step ~ 1e-11; tolerance 1e-7
  // relative. Checked at stationary and at arbitrary (m, q), for the AGS system (P = 2) and the
  // dense one (P = 4).
  auto check = [](const auto& system, double m, double q, double beta) {
    const double step = 1e-5 * beta;
    auto beta_f = [&](double b) { return b * free_energy_at(system, m, q, b); };
    const double difference = (beta_f(beta + step) - beta_f(beta - step)) / (2.0 * step);
    const Field field = system.field(m, q, beta);
    const double u = system.energy(m, q, beta, tanh_moments(field.a, field.v));
    INFO("m = " << m << ", q = " << q << ", beta = " << beta);
    CHECK(u == Approx(difference).epsilon(1e-7).margin(1e-9));
  };
  const RsHopfield hopfield(Model{2, Variant::distinct, 0.05});
  const RsSolution r = solve_rs_from(hopfield, 1.0 / 0.3, 1.0, 1.0);
  REQUIRE(r.converged);
  check(hopfield, r.m, r.q, r.beta);
  check(hopfield, 0.4, 0.7, 2.5);
  const RsDense dense(Model{4, Variant::distinct, 0.02});
  const RsSolution d = solve_rs_from(dense, 1.0 / 0.03, 1.0, 1.0);
  REQUIRE(d.converged);
  check(dense, d.m, d.q, d.beta);
  check(dense, 0.6, 0.5, 40.0);
}

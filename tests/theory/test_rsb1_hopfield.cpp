// Hopfield (P = 2) one-step RSB at T = 0 against Steffan and Kuehn (Z. Phys. B 95, 1994) and
// against its RS limit (AGS 1987).
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rsb1_hopfield.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn::theory;

TEST_CASE("Hopfield 1RSB capacity 0.138186 (Steffan-Kuehn 1994)", "[theory][rsb1][hopfield]") {
  const Rsb1HopfieldCapacity c = rsb1_hopfield_capacity();
  REQUIRE(c.status == LineStatus::found);
  CHECK(c.alpha_spinodal == Approx(0.138186).margin(5e-6));
  CHECK(c.alpha_spinodal > 0.137905);  // above the RS capacity (AGS)
  CHECK(c.q0_spinodal < 1.0);
  // the point is stationary: the maps reproduce it (Newton tolerance 1e-9)
  const auto e = Rsb1GroundStateHopfield(c.alpha_spinodal)
                     .evaluate(c.m_spinodal, c.q0_spinodal, c.C_spinodal, c.mu_spinodal);
  CHECK(e.m == Approx(c.m_spinodal).margin(1e-8));
  CHECK(e.q0 == Approx(c.q0_spinodal).margin(1e-8));
  CHECK(e.C == Approx(c.C_spinodal).margin(1e-8));
  CHECK(std::abs(e.dmu) < 1e-13);
}

TEST_CASE("Hopfield 1RSB energy tends to the RS ground state as q0 -> 1",
          "[theory][rsb1][hopfield]") {
  // q0 = 1 - 1e-9: A0 -> A1, r1 -> r0 and s2 -> 0, leaving the AGS T = 0 energy at the same C.
  const RsGroundStateHopfield rs;
  const auto p = rs.retrieval_at(0.1);
  for (double mu : {1.0, 10.0}) {
    const auto e = Rsb1GroundStateHopfield(0.1).evaluate(p.m, 1.0 - 1e-9, p.C, mu);
    REQUIRE(e.admissible);
    CHECK(e.energy == Approx(p.energy).margin(1e-6));
  }
}

TEST_CASE("Hopfield 1RSB glass ground state: stationary in mu, above the RS glass",
          "[theory][rsb1][hopfield]") {
  const RsGroundStateHopfield rs;
  for (double alpha : {0.02, 0.05, 0.138}) {
    const HopfieldGlassGroundState g = rsb1_hopfield_glass_ground_state(alpha);
    INFO("alpha = " << alpha);
    REQUIRE(std::isfinite(g.energy));
    CHECK(g.energy > rs.glass_energy(alpha));  // RSB raises the ground-state energy (as for SK)
    CHECK(g.mu > 0.0);
  }
}

TEST_CASE("Hopfield 1RSB global-minimum capacity lies above the RS 0.0518 (AGS)",
          "[theory][rsb1][hopfield]") {
  const Rsb1HopfieldCapacity c = rsb1_hopfield_capacity();
  REQUIRE(std::isfinite(c.alpha_global));
  CHECK(c.alpha_global > 0.0518);
  CHECK(c.alpha_global < c.alpha_spinodal);
  // at alpha_global the retrieval (RS) and 1RSB glass energies are equal (bisection to 1e-12)
  CHECK(RsGroundStateHopfield().retrieval_at(c.alpha_global).energy ==
        Approx(rsb1_hopfield_glass_ground_state(c.alpha_global).energy).margin(1e-10));
}

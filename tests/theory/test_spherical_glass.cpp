// The spherical (soft) p-spin glass at 1RSB against Crisanti-Sommers (1992): T_d has the closed
// form sqrt(p (p-2)^(p-2) / (2 (p-1)^(p-1))) and T_s = 0.586 for p = 3, normalisation E[H H'] = N
// q^p/2.
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/spherical_glass.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {
NoiseCovariance p_spin(int p) {
  return NoiseCovariance(Model{p, Variant::distinct, factorial(p) / 2.0});
}
}  // namespace

TEST_CASE("spherical p-spin: T_d closed form and T_s = 0.586 for p = 3 (Crisanti-Sommers 1992)",
          "[theory][glass]") {
  const SphericalGlass::Lines l3 = SphericalGlass(p_spin(3)).lines();
  REQUIRE(l3.status == LineStatus::found);
  CHECK(l3.T_s == Approx(0.586).margin(1e-3));
  for (int p = 3; p <= 8; ++p) {
    const SphericalGlass::Lines l = SphericalGlass(p_spin(p)).lines();
    const double T_d = std::sqrt(p * std::pow(p - 2.0, p - 2) / (2.0 * std::pow(p - 1.0, p - 1)));
    INFO("p = " << p);
    CHECK(l.T_d == Approx(T_d).epsilon(1e-10));
    CHECK(l.q_d == Approx((p - 2.0) / (p - 1.0)).epsilon(1e-6));
    CHECK(l.T_s < l.T_d);
  }
}

TEST_CASE("spherical 1RSB functional is stationary in q and x at T_s with x = 1",
          "[theory][glass]") {
  const NoiseCovariance xi = p_spin(4);
  const SphericalGlass glass(xi);
  const SphericalGlass::Lines l = glass.lines();
  const double beta = 1.0 / l.T_s, h = 1e-6;
  // q-equation at x = 1: beta^2 xihat'(q) = q/(1-q); x-equation by a one-sided difference (x <= 1),
  // whose truncation error is O(h) times the second derivative, ~1e-6 here.
  CHECK(beta * beta * xi.derivative(l.q_s) == Approx(l.q_s / (1.0 - l.q_s)).epsilon(1e-10));
  const double dx = (glass.pressure(beta, l.q_s, 1.0) - glass.pressure(beta, l.q_s, 1.0 - h)) / h;
  CHECK(std::abs(dx) < 1e-5);
}

TEST_CASE("the hard (Ising) glass freezes above the soft (spherical) one at equal covariance",
          "[theory][glass]") {
  // Ising spins have less configurational freedom than spherical ones, so for P > 2 both 1RSB
  // transition temperatures of the hard glass lie above the soft glass's.
  for (int p = 3; p <= 8; ++p) {
    const NoiseCovariance xi = p_spin(p);
    const Rsb1GlassLines hard = rsb1_glass_lines(xi);
    const SphericalGlass::Lines soft = SphericalGlass(xi).lines();
    INFO("p = " << p);
    CHECK(hard.T_s > soft.T_s);
    CHECK(hard.T_d > soft.T_d);
  }
}

TEST_CASE("spherical glass: RS is the x -> 0 limit of 1RSB; RS lines below the 1RSB ones",
          "[theory][glass]") {
  const NoiseCovariance xi = p_spin(3);
  const SphericalGlass glass(xi);
  // (1/(2x)) ln(1 - (1-x) q) = ln(1-q)/(2x) + q/(2(1-q)) + O(x): at x = 1e-7 the gap is ~1e-7.
  for (double q : {0.3, 0.7})
    CHECK(glass.pressure(1.5, q, 1e-7) == Approx(glass.rs_pressure(1.5, q)).margin(1e-6));
  const SphericalGlass::RsLines rs = glass.rs_lines();
  const SphericalGlass::Lines rsb = glass.lines();
  REQUIRE(rs.status == LineStatus::found);
  // RS stationarity at the transition and continuity with the paramagnet there
  const double beta = 1.0 / rs.T_transition;
  CHECK(beta * beta * xi.derivative(rs.q_transition) ==
        Approx(rs.q_transition / ((1 - rs.q_transition) * (1 - rs.q_transition))).epsilon(1e-10));
  CHECK(glass.rs_pressure(beta, rs.q_transition) ==
        Approx(0.5 * beta * beta * xi.value(1.0)).epsilon(1e-10));
  CHECK(rs.T_transition < rs.T_spinodal);
  CHECK(rs.T_transition <
        rsb.T_s);  // RS underestimates the glass transition, as for the Ising glass
}

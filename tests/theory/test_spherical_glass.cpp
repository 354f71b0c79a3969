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

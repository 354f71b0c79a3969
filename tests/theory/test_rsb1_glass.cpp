// One-step RSB of the m = 0 sector against the classic Ising p-spin glass (Gardner 1985), the REM
// limit (Derrida), and its own reductions (theta = 1 paramagnet, theta -> 0 RS).
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_glass.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {
// The Ising p-spin glass normalised as E[H H'] = N q^p / 2, written as a dense network:
// xihat = alpha q^p/p! = q^p/2 for alpha = p!/2.
NoiseCovariance ising_p_spin(int p) {
  return NoiseCovariance(Model{p, Variant::distinct, factorial(p) / 2.0});
}
double rem_temperature(const NoiseCovariance& xi) {
  return std::sqrt(xi.value(1.0) / (2.0 * M_LN2));
}
}  // namespace

TEST_CASE("Ising p = 3 glass: T_s = 0.651, T_d = 0.682 (Gardner 1985; physics.md section 7)",
          "[theory][rsb1]") {
  const Rsb1GlassLines lines = rsb1_glass_lines(ising_p_spin(3));
  REQUIRE(lines.status == LineStatus::found);
  CHECK(lines.T_s == Approx(0.651).margin(1e-3));
  CHECK(lines.T_d == Approx(0.682).margin(1e-3));
  CHECK(lines.q2_s > lines.q2_d);  // the frozen state is more ordered at the lower temperature
}

TEST_CASE("1RSB glass lines scale exactly as sqrt(alpha) in the dense network", "[theory][rsb1]") {
  // xihat is linear in alpha, so T_x/sqrt(alpha) is alpha-independent to the line tolerance.
  for (int P : {3, 4, 6}) {
    const Rsb1GlassLines a = rsb1_glass_lines(NoiseCovariance(Model{P, Variant::distinct, 0.002}));
    const Rsb1GlassLines b = rsb1_glass_lines(NoiseCovariance(Model{P, Variant::distinct, 0.05}));
    const Rsb1GlassLines c = rsb1_glass_lines(NoiseCovariance(Model{P, Variant::distinct, 0.7}));
    REQUIRE(a.status == LineStatus::found);
    INFO("P = " << P);
    CHECK(a.T_s / std::sqrt(0.002) == Approx(b.T_s / std::sqrt(0.05)).epsilon(1e-8));
    CHECK(a.T_s / std::sqrt(0.002) == Approx(c.T_s / std::sqrt(0.7)).epsilon(1e-8));
    CHECK(a.T_d / std::sqrt(0.002) == Approx(c.T_d / std::sqrt(0.7)).epsilon(1e-8));
  }
}

TEST_CASE("static glass temperature approaches the REM value sqrt(xihat(1)/(2 ln 2)) as P grows",
          "[theory][rsb1]") {
  // Derrida's REM is the P -> infinity limit; T_s > T_REM for finite P and the gap shrinks with P.
  double previous_gap = INFINITY;
  for (int p = 3; p <= 12; ++p) {
    const NoiseCovariance xi = ising_p_spin(p);
    const double gap = rsb1_glass_lines(xi).T_s - rem_temperature(xi);
    INFO("p = " << p);
    CHECK(gap > 0.0);
    CHECK(gap < previous_gap);
    previous_gap = gap;
  }
  CHECK(previous_gap < 1e-4);
}

TEST_CASE("1RSB spin-glass ground state respects and approaches the REM bound", "[theory][rsb1]") {
  // e_SG >= -sqrt(2 ln 2 xihat(1)) (the REM/first-moment bound), equality as p -> infinity;
  // p = 3 gives the known 1RSB value -0.8132 (Gardner 1985).
  CHECK(rsb1_glass_ground_state(ising_p_spin(3)).energy == Approx(-0.8132).margin(5e-4));
  double previous = INFINITY;
  for (int p = 3; p <= 12; ++p) {
    const NoiseCovariance xi = ising_p_spin(p);
    const double bound = -std::sqrt(2.0 * M_LN2 * xi.value(1.0));
    const double e = rsb1_glass_ground_state(xi).energy;
    CHECK(e > bound);
    CHECK(e < previous);  // decreasing towards the bound
    previous = e;
  }
  CHECK(previous == Approx(-std::sqrt(M_LN2)).margin(5e-5));
}

TEST_CASE("theta = 1 gives the paramagnet pressure for any q2 (tilted quadrature vs closed form)",
          "[theory][rsb1]") {
  const NoiseCovariance xi(Model{4, Variant::distinct, 0.03});
  const Rsb1Glass glass(xi);
  for (double T : {0.005, 0.01, 0.03}) {
    const double beta = 1.0 / T;
    for (double q2 : {0.2, 0.7, 0.99}) {
      CHECK(glass.pressure(beta, q2, 1.0) ==
            Approx(M_LN2 + 0.5 * beta * beta * xi.value(1.0)).epsilon(1e-12));
      // the shifted-Gaussian closed form of dA/dtheta at theta = 1 against the tilted integral
      CHECK(glass.theta_derivative(beta, q2, 1.0) ==
            Approx(glass.theta_derivative_theta1(beta, q2))
                .margin(1e-10 * beta * beta * xi.value(1.0)));
    }
  }
}

TEST_CASE("theta -> 0 reduces 1RSB to RS at q = q2", "[theory][rsb1]") {
  // (1/theta) ln E cosh^theta h -> E ln cosh h with an O(theta) correction: tolerance 1e-5 at 1e-6.
  const Model model{4, Variant::distinct, 0.03};
  const Rsb1Glass glass{NoiseCovariance(model)};
  const RsDense rs(model);
  const double beta = 1.0 / 0.01;
  for (double q2 : {0.3, 0.8}) {
    const double rs_pressure = -beta * free_energy_at(rs, 0.0, q2, beta);
    CHECK(glass.pressure(beta, q2, 1e-6) == Approx(rs_pressure).epsilon(1e-5));
  }
}

TEST_CASE("at T_s the theta = 1 state is stationary with zero complexity", "[theory][rsb1]") {
  const NoiseCovariance xi = ising_p_spin(4);
  const Rsb1GlassLines lines = rsb1_glass_lines(xi);
  REQUIRE(lines.status == LineStatus::found);
  const Rsb1Glass glass(xi);
  const double beta = 1.0 / lines.T_s;
  CHECK(glass.q2_map_theta1(beta, lines.q2_s) == Approx(lines.q2_s).margin(1e-12));
  // |d/dT of dA/dtheta| ~ beta^2 xihat: bisection width 1e-12 relative in T
  CHECK(std::abs(glass.theta_derivative_theta1(beta, lines.q2_s)) < 1e-9);
}

TEST_CASE("Rsb1Glass refuses a random-field covariance", "[theory][rsb1]") {
  CHECK_THROWS_AS(Rsb1Glass(NoiseCovariance(Model{3, Variant::full, 0.1})), std::invalid_argument);
}

TEST_CASE("finite-T 1RSB glass: frozen below T_s, paramagnet above, T -> 0 limit is e_SG",
          "[theory][rsb1]") {
  const NoiseCovariance xi = ising_p_spin(3);
  const Rsb1Glass glass(xi);
  const Rsb1GlassLines lines = rsb1_glass_lines(xi);
  const Rsb1GroundState ground = rsb1_glass_ground_state(xi);
  auto paramagnet_f = [&](double T) { return -T * M_LN2 - 0.5 * xi.value(1.0) / T; };
  // Above T_s: theta = 1 and the paramagnet's free energy.
  const Rsb1Glass::State above = glass.solve(1.005 * lines.T_s);
  CHECK_FALSE(above.frozen);
  CHECK(above.f == Approx(paramagnet_f(1.005 * lines.T_s)).epsilon(1e-12));
  // Just below T_s: theta < 1, continuous, and f above the paramagnet's (replica rule).
  for (double fraction : {0.995, 0.8, 0.5}) {
    const double T = fraction * lines.T_s;
    const Rsb1Glass::State s = glass.solve(T);
    INFO("T = " << T);
    REQUIRE(s.converged);
    CHECK(s.frozen);
    CHECK(s.theta < 1.0);
    CHECK(s.f > paramagnet_f(T));
  }
  CHECK(glass.solve(0.995 * lines.T_s).theta > 0.98);
  // T -> 0: theta/T -> mu of the ground state and f -> e_SG; the residual |f - e_SG| = T |s(0)|
  // is linear in T (the 1RSB entropy at T = 0 is small and negative): tolerance 1e-2 T.
  for (double T : {0.02, 0.01}) {
    const Rsb1Glass::State s = glass.solve(T);
    CHECK(s.theta / T == Approx(ground.mu).epsilon(5e-3));
    CHECK(s.f == Approx(ground.energy).margin(1e-2 * T));
  }
}

// The glassiness of dense networks (the founding paper's second claim): for P > 2 the network's
// m = 0 free energy is that of the hard Ising P-spin glass at a matched temperature, with no soft
// part, at RS and at 1RSB; for P = 2 the AGS free energy is the sum of a hard (SK) part at
// T_hard = 1/beta1, a soft (Gaussian) part and a coupling term (Barra, Genovese, Guerra, Tantari,
// J. Stat. Mech. 2012; docs/derivations/glassiness-p2.md).
#include <gsl/gsl_integration.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "dhn/model/parameter_error.hpp"
#include "dhn/theory/glassiness.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_glass.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

// E_g F(g), g ~ N(0,1), by n-point Gauss-Hermite (GSL, weight exp(-g^2/2)).
template <class F>
double gauss_hermite_expectation(F&& f, std::size_t n) {
  gsl_integration_fixed_workspace* w =
      gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, n, 0.0, 0.5, 0.0, 0.0);
  const double* nodes = gsl_integration_fixed_nodes(w);
  const double* weights = gsl_integration_fixed_weights(w);
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += weights[i] * f(nodes[i]);
  gsl_integration_fixed_free(w);
  return sum / std::sqrt(2.0 * M_PI);
}

// The soft spin by brute force: for each outer field g (64-point Gauss-Hermite, nodes |g| < 16),
// the inner E_z exp(c z^2/2 + b g z), c = beta(1-q), b = sqrt(beta q), by the trapezoid rule with
// step 0.1 on z in [-L, L], L = 20 + 16 b/(1-c) (wide enough for every node's integrand, whose
// Gaussian decay has width 1/sqrt(1-c) >= 1, so the rule is spectrally accurate), summed in
// log-sum-exp form. (Fixed Gauss-Hermite in z with the N(0,1) weight fails here: the integrand's
// mass sits near z = b g/(1-c), beyond the nodes' reach; with 200 nodes it is 1e-2 off at
// beta = 1/0.3, q = 0.75.) Returns {E_g ln E_z ..., E_g <z>^2}: the soft pressure and the soft
// party's own overlap.
std::pair<double, double> soft_spin_by_quadrature(double beta, double q) {
  const double c = beta * (1.0 - q), b = std::sqrt(beta * q);
  const double h = 0.1, L = 20.0 + 16.0 * b / (1.0 - c);
  const int n = static_cast<int>(2.0 * L / h) + 1;
  std::vector<double> z(n), e(n);
  for (int k = 0; k < n; ++k) z[k] = -L + h * k;
  double pressure = 0.0, overlap = 0.0;
  auto inner = [&](double g, bool want_overlap) {
    double top = -INFINITY;
    for (int k = 0; k < n; ++k) {
      e[k] = 0.5 * c * z[k] * z[k] - 0.5 * z[k] * z[k] + b * g * z[k];
      top = std::max(top, e[k]);
    }
    double sum = 0.0, first = 0.0;
    for (int k = 0; k < n; ++k) {
      const double w = std::exp(e[k] - top) * ((k == 0 || k == n - 1) ? 0.5 : 1.0);
      sum += w;
      first += w * z[k];
    }
    if (want_overlap) return (first / sum) * (first / sum);
    return top + std::log(sum * h / std::sqrt(2.0 * M_PI));
  };
  pressure = gauss_hermite_expectation([&](double g) { return inner(g, false); }, 64);
  overlap = gauss_hermite_expectation([&](double g) { return inner(g, true); }, 64);
  return {pressure, overlap};
}

// SK's RS overlap by an independent route (physics.md section 9): damped fixed-point iteration of
// q = E tanh^2(b sqrt(q) g), the expectation by composite Simpson on g in [-12, 12] (4000
// intervals), started from q = 1.
double sk_q_by_simpson_iteration(double T) {
  const double b = 1.0 / T;
  constexpr int n = 4000;
  constexpr double L = 12.0, h = 2.0 * L / n;
  auto map = [&](double q) {
    double sum = 0.0;
    for (int k = 0; k <= n; ++k) {
      const double g = -L + h * k;
      const double weight = (k == 0 || k == n) ? 1.0 : (k % 2 ? 4.0 : 2.0);
      const double t = std::tanh(b * std::sqrt(q) * g);
      sum += weight * t * t * std::exp(-0.5 * g * g);
    }
    return sum * h / 3.0 / std::sqrt(2.0 * M_PI);
  };
  double q = 1.0;
  for (int it = 0; it < 100000; ++it) {
    const double next = map(q);
    if (std::abs(next - q) < 1e-14) return next;
    q = 0.5 * (q + next);
  }
  return NAN;
}

}  // namespace

TEST_CASE("P > 2: network m = 0 free energy = Ising P-spin glass at T' = T sqrt(P!/(2 alpha))",
          "[theory][glass]") {
  // Ising P-spin with E[H H'] = N q^P/2 is the dense covariance at alpha' = P!/2; pressures agree
  // at beta' = beta sqrt(2 alpha/P!), so f_net(T) = sqrt(2 alpha/P!) f_Ising(T'). Checked to 1e-8
  // on a grid of (alpha, T, q) at RS and (alpha, T) at 1RSB (frozen and paramagnetic).
  for (int P : {3, 4, 5}) {
    const double alpha_ising = factorial(P) / 2.0;
    const RsDense ising(Model{P, Variant::distinct, alpha_ising});
    const Rsb1Glass ising1(NoiseCovariance(Model{P, Variant::distinct, alpha_ising}));
    for (double alpha : {0.003, 0.02, 0.1}) {
      const Model net_model{P, Variant::distinct, alpha};
      const RsDense net(net_model);
      const Rsb1Glass net1{NoiseCovariance(net_model)};
      const double scale = std::sqrt(2.0 * alpha / factorial(P));
      const double T_s = rsb1_glass_lines(NoiseCovariance(net_model)).T_s;
      for (double T : {0.5 * T_s, 0.9 * T_s, 2.0 * T_s}) {
        const double T_ising = T / scale;
        INFO("P = " << P << ", alpha = " << alpha << ", T = " << T);
        for (double q : {0.0, 0.4, 0.9}) {
          CHECK(free_energy_at(net, 0.0, q, 1.0 / T) ==
                Approx(scale * free_energy_at(ising, 0.0, q, 1.0 / T_ising)).epsilon(1e-8));
        }
        CHECK(net1.solve(T).f == Approx(scale * ising1.solve(T_ising).f).epsilon(1e-8));
      }
    }
  }
}

TEST_CASE("P > 2: HardOnlyGlassMatch solves network and Ising glass independently and they agree",
          "[theory][glass]") {
  // Each side is solved on its own (RS states from the q = 1 and q = 0 starts ranked by classify;
  // 1RSB lines by continuation; frozen 1RSB states by bracketing theta); the exact scaling must
  // hold for the solved states and for the lines, to 1e-8 relative. The Ising p = 3 glass line
  // is Gardner's T_s = 0.651 (physics.md section 7).
  const HardOnlyGlassMatch m3(3, 0.05, true);
  CHECK(m3.ising_lines().T_s == Approx(0.651).margin(1e-3));
  for (int P : {3, 4}) {
    for (double alpha : {0.01, 0.1}) {
      const HardOnlyGlassMatch match(P, alpha, true);
      const double T_s = match.network_lines().T_s;
      CHECK(T_s == Approx(match.scale() * match.ising_lines().T_s).epsilon(1e-8));
      CHECK(match.network_lines().T_d ==
            Approx(match.scale() * match.ising_lines().T_d).epsilon(1e-8));
      int rs_defined = 0, frozen = 0;
      for (double x : {0.3, 0.7, 0.95, 1.05, 1.5, 3.0}) {
        const HardOnlyGlass g = match.at(x * T_s);
        INFO("P = " << P << ", alpha = " << alpha << ", T = " << g.T);
        CHECK(std::isnan(g.f_network) == std::isnan(g.f_ising));
        if (!std::isnan(g.f_network)) {
          ++rs_defined;
          CHECK(g.f_network == Approx(g.scale * g.f_ising).epsilon(1e-8));
          CHECK(g.q == Approx(g.q_ising).margin(1e-8));
        }
        REQUIRE(std::isfinite(g.f_network_rsb1));
        CHECK(g.f_network_rsb1 == Approx(g.scale * g.f_ising_rsb1).epsilon(1e-8));
        // theta < 1 and q2 > 0 exactly below T_s.
        CHECK(std::isfinite(g.theta_rsb1) == (x < 1.0));
        if (x < 1.0) {
          ++frozen;
          CHECK(g.theta_rsb1 < 1.0);
          CHECK(g.q2_rsb1 > 0.5);
        } else {
          CHECK(g.f_network_rsb1 ==
                Approx(-g.T * M_LN2 - 0.5 * alpha / factorial(P) / g.T).epsilon(1e-12));
        }
      }
      CHECK(rs_defined >= 3);
      CHECK(frozen == 3);
    }
  }
}

TEST_CASE("SK RS solver: paramagnet above T = 1, Sherrington-Kirkpatrick T -> 0 and T -> 1 limits",
          "[theory][glass]") {
  // Above T = 1: q = 0 and the annealed f = -T ln 2 - 1/(4T). Near T = 1: q = (b^2-1)/(2 b^4)
  // (1 + O(1-T)). At T -> 0 the RS SK state has e = -sqrt(2/pi) and entropy -1/(2 pi)
  // (Sherrington and Kirkpatrick 1975), so f(T) = -sqrt(2/pi) + T/(2 pi) + O(T^2).
  for (double T : {1.0, 1.3, 4.0}) {
    const SkRsSolution s = solve_sk_rs(T);
    REQUIRE(s.converged);
    CHECK(s.q == 0.0);
    CHECK(s.f == Approx(-T * M_LN2 - 0.25 / T).epsilon(1e-14));
  }
  const double T1 = 0.9999, b = 1.0 / T1;
  CHECK(solve_sk_rs(T1).q == Approx((b * b - 1.0) / (2.0 * b * b * b * b)).epsilon(1e-3));
  const double T0 = 1e-3;
  const SkRsSolution cold = solve_sk_rs(T0);
  REQUIRE(cold.converged);
  CHECK(cold.f == Approx(-std::sqrt(2.0 / M_PI) + T0 / (2.0 * M_PI)).margin(1e-5));
  // Independent route: Simpson + damped iteration (physics.md section 9), to 1e-10.
  for (double T : {0.2, 0.5, 0.8, 0.95}) {
    const SkRsSolution s = solve_sk_rs(T);
    REQUIRE(s.converged);
    CHECK(s.residual < 1e-12);
    CHECK(s.q == Approx(sk_q_by_simpson_iteration(T)).margin(1e-10));
    // f is stationary in q: central difference of the pressure, step 1e-4 (error ~1e-9).
    const double dq = 1e-4;
    const double slope =
        (sk_rs_pressure(1.0 / T, s.q + dq) - sk_rs_pressure(1.0 / T, s.q - dq)) / (2.0 * dq);
    CHECK(std::abs(slope) < 1e-7);
  }
  CHECK_THROWS_AS(solve_sk_rs(0.0), std::invalid_argument);
}

TEST_CASE("P = 2: the soft pressure's closed form equals an explicit 2-D quadrature",
          "[theory][glass]") {
  // A_soft = E_g ln E_z exp(beta(1-q) z^2/2 + sqrt(beta q) g z) = -ln(D)/2 + beta q/(2D), and the
  // Gaussian party's own overlap E_g <z>^2 = beta q/D^2 = p (its RS stationarity condition), both
  // to 1e-10 (measured: 5e-14 and 6e-13), at the network's own (beta, q) in the glass phase and at
  // q = 0 in the paramagnet.
  std::vector<std::pair<double, double>> points = {{0.8, 0.0}, {1.0 / 1.2, 0.0}, {0.5, 0.3}};
  for (auto [alpha, T] : {std::pair{0.1, 0.3}, {0.01, 0.1}, {0.05, 0.9}, {0.3, 1.4}}) {
    const HopfieldGlassSplit s = hopfield_glass_split(alpha, T);
    REQUIRE(s.converged);
    REQUIRE(s.glass);
    points.emplace_back(1.0 / T, s.q);
  }
  double worst_pressure = 0.0, worst_overlap = 0.0;
  for (auto [beta, q] : points) {
    const double D = 1.0 - beta * (1.0 - q);
    INFO("beta = " << beta << ", q = " << q << ", beta(1-q) = " << beta * (1 - q));
    REQUIRE(D > 0.0);
    const auto [pressure, overlap] = soft_spin_by_quadrature(beta, q);
    CHECK(gaussian_soft_pressure(beta, q) == Approx(pressure).margin(1e-10));
    CHECK(beta * q / (D * D) == Approx(overlap).margin(1e-10));
    worst_pressure = std::max(worst_pressure, std::abs(gaussian_soft_pressure(beta, q) - pressure));
    worst_overlap = std::max(worst_overlap, std::abs(beta * q / (D * D) - overlap));
  }
  WARN("largest |A_soft - quadrature| = " << worst_pressure
                                          << ", largest |p - quadrature| = " << worst_overlap);
  CHECK(std::isnan(gaussian_soft_pressure(2.0, 0.0)));  // D = -1: no Gaussian integral
}

TEST_CASE("P = 2: SK solved on its own at T_hard = 1/beta1 has its RS solution at the network's q",
          "[theory][glass]") {
  // q = E tanh^2(beta1 sqrt(q) g) is both the AGS m = 0 equation (beta1 = beta sqrt(alpha)/D) and
  // SK's at fixed beta1; SK is solved by Brent (solve_sk_rs) and by Simpson iteration, the network
  // by RsHopfield's 2-D iteration + Newton. SK's own transition T_hard = 1 maps onto the AGS glass
  // line T_g = 1 + sqrt(alpha) (physics.md section 7).
  double worst = 0.0;
  for (double alpha : {0.01, 0.05, 0.1, 0.2}) {
    const double T_g = 1.0 + std::sqrt(alpha);
    for (double x : {0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 1.01, 1.5}) {
      const double T = x * T_g;
      const HopfieldGlassSplit s = hopfield_glass_split(alpha, T);
      INFO("alpha = " << alpha << ", T = " << T << ", q = " << s.q << ", T_hard = " << s.T_hard);
      REQUIRE(s.converged);
      CHECK(s.glass == (x < 1.0));
      CHECK((s.T_hard < 1.0) == (x < 1.0));
      CHECK(s.q_hard == Approx(s.q).margin(1e-8));
      CHECK(sk_q_by_simpson_iteration(s.T_hard) == Approx(s.q).margin(1e-8));
      worst = std::max(worst, std::abs(s.q_hard - s.q));
    }
  }
  WARN("largest |q_SK - q_network| = " << worst);
}

TEST_CASE("P = 2: the AGS m = 0 free energy = SK(T_hard) + soft + coupling on an (alpha, T) grid",
          "[theory][glass]") {
  // f_network (RsHopfield at m = 0) against f_hard (SK solved at T_hard, times T/T_hard) +
  // f_soft (closed form, checked by quadrature above) + f_coupling, to 1e-10 (measured 7e-16:
  // f is stationary in q, so SK's 1e-11 mismatch in q enters quadratically), in the glass phase
  // (q > 0) and the paramagnet (q = 0). The soft part is not small: it is the difference between
  // the Hopfield glass and a purely hard one (physics.md section 5).
  double worst = 0.0;
  int glass_points = 0, paramagnet_points = 0;
  for (double alpha : {0.005, 0.03, 0.1, 0.138, 0.3, 1.0}) {
    for (double T : {0.05, 0.1, 0.3, 0.6, 0.9, 1.05, 1.2, 1.5, 2.5}) {
      const HopfieldGlassSplit s = hopfield_glass_split(alpha, T);
      INFO("alpha = " << alpha << ", T = " << T << ", q = " << s.q);
      REQUIRE(s.converged);
      CHECK(s.residual < 1e-12);
      const double sum = s.f_hard + s.f_soft + s.f_coupling;
      CHECK(s.f_network == Approx(sum).margin(1e-10));
      worst = std::max(worst, std::abs(s.f_network - sum));
      CHECK(std::abs(s.f_soft) > 1e-3);
      (s.glass ? glass_points : paramagnet_points) += 1;
    }
  }
  CHECK(glass_points >= 30);
  CHECK(paramagnet_points >= 8);
  WARN("largest |f_network - (f_hard + f_soft + f_coupling)| = " << worst);
  // The AGS paramagnet f = alpha/2 + (alpha T/2) ln(1 - 1/T) - T ln 2 (RsHopfield at q = 0),
  // independently of the split.
  const HopfieldGlassSplit para = hopfield_glass_split(0.1, 2.0);
  CHECK(para.q == 0.0);
  CHECK(para.f_network == Approx(0.05 + 0.1 * std::log(0.5) - 2.0 * M_LN2).epsilon(1e-14));
}

TEST_CASE("glassiness: bad parameters are refused with a message naming them", "[theory][glass]") {
  CHECK_THROWS_WITH(hopfield_glass_split(0.0, 0.5), Catch::Contains("alpha = 0"));
  CHECK_THROWS_WITH(hopfield_glass_split(0.1, -1.0), Catch::Contains("T = -1"));
  CHECK_THROWS_WITH(HardOnlyGlassMatch(2, 0.1, false), Catch::Contains("3 <= P"));
  CHECK_THROWS_WITH(HardOnlyGlassMatch(4, NAN, false), Catch::Contains("alpha"));
}

TEST_CASE("glassiness inputs are validated once, naming the option", "[theory][glassiness]") {
  using dhn::Model;
  using dhn::Variant;
  auto parameter_of = [](const Model& model, bool rsb1, std::vector<double> T) {
    try {
      dhn::theory::glassiness_temperatures(model, rsb1, std::move(T));
    } catch (const dhn::ParameterError& e) {
      return e.parameter();
    }
    return std::string("none");
  };
  CHECK(parameter_of(Model{2, Variant::distinct, 0.0}, false, {0.5}) == "alpha");
  CHECK(parameter_of(Model{2, Variant::distinct, NAN}, false, {0.5}) == "alpha");
  CHECK(parameter_of(Model{3, Variant::full, 0.1}, false, {0.5}) == "variant");
  CHECK(parameter_of(Model{2, Variant::distinct, 0.1}, true, {0.5}) == "level");
  CHECK(parameter_of(Model{2, Variant::distinct, 0.1}, false, {0.5, 0.0}) == "t-grid");
  CHECK(parameter_of(Model{1, Variant::distinct, 0.1}, false, {0.5}) == "p");
  CHECK(parameter_of(Model{3, Variant::distinct, 0.1}, true, {0.5}) == "none");
  // a given grid is returned as it is; the P = 2 default ends at 1.5 (1 + sqrt(alpha)), 1.5 x the
  // AGS glass transition T_g = 1 + sqrt(alpha), in 150 equal steps from top / 150
  const std::vector<double> given{0.25, 0.5};
  CHECK(dhn::theory::glassiness_temperatures(Model{2, Variant::distinct, 0.1}, false, given) ==
        given);
  const std::vector<double> T =
      dhn::theory::glassiness_temperatures(Model{2, Variant::distinct, 0.09}, false, {});
  REQUIRE(T.size() == 150);
  CHECK(T.back() == Approx(1.5 * 1.3).epsilon(1e-15));
  CHECK(T.front() == Approx(1.5 * 1.3 / 150).epsilon(1e-15));
}

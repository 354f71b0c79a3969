// Gaussian quadrature against closed forms and against an independent adaptive integrator (GSL
// QAGP with the kink as a breakpoint), including the large-beta regime of physics.md section 9.
#include <catch2/catch.hpp>

#include <gsl/gsl_integration.h>

#include <cmath>
#include <functional>
#include <tuple>

#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/tilted_gaussian.hpp"
#include "dhn/theory/zero_temperature.hpp"

using dhn::theory::gaussian_expectation;
using dhn::theory::tanh_moments;
using dhn::theory::tilted_averages;
using dhn::theory::TiltedAverages;

namespace {

// E f(z) by GSL's adaptive QAGP on [-12, 12] with breakpoint `kink`, relative tolerance 1e-13.
double adaptive_expectation(const std::function<double(double)>& f, double kink) {
  auto integrand = [&](double z) { return f(z) * std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI); };
  gsl_function F{[](double z, void* p) { return (*static_cast<decltype(integrand)*>(p))(z); },
                 &integrand};
  gsl_integration_workspace* w = gsl_integration_workspace_alloc(2000);
  double points[3] = {-12.0, std::clamp(kink, -11.0, 11.0), 12.0};
  double result = 0, error = 0;
  gsl_integration_qagp(&F, points, 3, 0.0, 1e-13, 2000, w, &result, &error);
  gsl_integration_workspace_free(w);
  return result;
}

}  // namespace

TEST_CASE("Gaussian moments E z^2k = (2k-1)!! up to the cutoff tail", "[quadrature]") {
  // The grid stops at |z| = 9: the missing tail of z^2k phi(z) is about 2 * 9^(2k-1) phi(9).
  const double cutoff = dhn::theory::GaussianGrid::kCutoff;
  const double phi_cutoff = std::exp(-0.5 * cutoff * cutoff) / std::sqrt(2 * M_PI);
  double double_factorial = 1.0;
  for (int k = 1; k <= 8; ++k) {
    double_factorial *= 2 * k - 1;
    const double value = gaussian_expectation([k](double z) { return std::pow(z, 2 * k); });
    const double tail = 2.0 * std::pow(cutoff, 2 * k - 1) * phi_cutoff;
    CHECK(value == Approx(double_factorial).epsilon(1e-14 + 2.0 * tail / double_factorial));
  }
  CHECK(gaussian_expectation([](double) { return 1.0; }) == Approx(1.0).epsilon(1e-15));
}

TEST_CASE("E cos(kz) = exp(-k^2/2) (an oscillating entire integrand)", "[quadrature]") {
  for (double k : {0.5, 1.0, 2.0, 4.0}) {
    CHECK(gaussian_expectation([k](double z) { return std::cos(k * z); }) ==
          Approx(std::exp(-0.5 * k * k)).margin(1e-14));
  }
}

TEST_CASE("kink integrand E|a + s z| matches its erf closed form", "[quadrature]") {
  for (double a : {0.0, 0.3, -1.7, 4.0}) {
    for (double s : {0.01, 0.3, 1.0, 3.0}) {
      const double value =
          gaussian_expectation([&](double z) { return std::abs(a + s * z); }, -a / s, 1.0 / s);
      CHECK(value == Approx(dhn::theory::expected_abs_gaussian(a, s)).epsilon(1e-13).margin(1e-15));
    }
  }
}

TEST_CASE("tanh moments agree with adaptive quadrature up to beta = 1000", "[quadrature]") {
  // The physics.md section 9 case: beta = 20, tanh(beta (m + sigma z)) where 200-node Gauss-Hermite
  // is 10% off. Tolerance 1e-11: the adaptive reference is good to ~1e-13.
  for (double beta : {2.0, 20.0, 200.0, 1000.0}) {
    for (double m : {0.0, 0.2, 0.9}) {
      const double sigma = 0.4;
      const double a = beta * m, v = beta * beta * sigma * sigma;
      const auto t = tanh_moments(a, v);
      const double kink = -m / sigma;
      auto h = [&](double z) { return a + beta * sigma * z; };
      INFO("beta = " << beta << ", m = " << m);
      CHECK(t.t1 == Approx(adaptive_expectation([&](double z) { return std::tanh(h(z)); }, kink))
                        .margin(1e-11));
      CHECK(t.t2 == Approx(adaptive_expectation(
                               [&](double z) { return std::pow(std::tanh(h(z)), 2); }, kink))
                        .margin(1e-11));
      CHECK(t.t4 == Approx(adaptive_expectation(
                               [&](double z) { return std::pow(std::tanh(h(z)), 4); }, kink))
                        .margin(1e-11));
      const double log_cosh = adaptive_expectation(
          [&](double z) {
            return std::abs(h(z)) + std::log1p(std::exp(-2 * std::abs(h(z)))) - M_LN2;
          },
          kink);
      CHECK(t.log_cosh == Approx(log_cosh).epsilon(1e-12));
    }
  }
}

TEST_CASE("tanh moments tend to the sign-function limits as beta grows", "[quadrature]") {
  // E sign(m + sigma z) = erf(m/(sigma sqrt 2)) and (1/beta) E ln cosh -> E|m + sigma z|.
  const double m = 0.3, sigma = 0.5, beta = 1e5;
  const auto t = tanh_moments(beta * m, beta * beta * sigma * sigma);
  CHECK(t.t1 == Approx(std::erf(m / (sigma * M_SQRT2))).margin(1e-5));
  // 1 - E tanh^2 = E sech^2 -> (2/(beta sigma)) phi(m/sigma) (sech^2 integrates to 2).
  const double phi = std::exp(-0.5 * (m / sigma) * (m / sigma)) / std::sqrt(2 * M_PI);
  CHECK(1.0 - t.t2 == Approx(2.0 / (beta * sigma) * phi).epsilon(1e-3));
  CHECK(t.log_cosh / beta == Approx(dhn::theory::expected_abs_gaussian(m, sigma)).margin(1e-5));
}

TEST_CASE("tilted averages at widely separated peaks match the large-field closed form",
          "[theory][quadrature]") {
  // For s >> 1 every node that counts has |h| = |a + s z| >> 1, so cosh^theta h = e^(theta |h|)
  // / 2^theta up to e^(-2|h|): E cosh^theta h = 2^-theta e^(theta^2 s^2/2) [e^(theta a) Phi(a/s +
  // theta s) + e^(-theta a) Phi(theta s - a/s)] and <tanh h> = <sign h> follow in closed form
  // (the two branches are shifted Gaussians). theta s = 39 uses the full interval, 45 and 5e6
  // (alpha = 1000, T = 1e-6: ~1e7 panels before) the two windows around +-theta s: all must
  // agree with the closed form to the quadrature's 1e-12 relative.
  auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  for (const auto& [a, s, theta] : {std::tuple{3.0, 78.0, 0.5}, std::tuple{3.0, 90.0, 0.5},
                                    std::tuple{-40.0, 200.0, 0.3}, std::tuple{1e3, 1e7, 0.5}}) {
    const TiltedAverages got = tilted_averages(a, s, theta);
    const double up = theta * a + std::log(Phi(a / s + theta * s));
    const double down = -theta * a + std::log(Phi(theta * s - a / s));
    const double top = std::max(up, down);
    const double log_sum = top + std::log(std::exp(up - top) + std::exp(down - top));
    const double log_mean = 0.5 * theta * theta * s * s - theta * M_LN2 + log_sum;
    const double t =
        (std::exp(up - top) - std::exp(down - top)) / (std::exp(up - top) + std::exp(down - top));
    INFO("a = " << a << ", s = " << s << ", theta = " << theta);
    CHECK(got.log_mean == Approx(log_mean).epsilon(1e-12));
    CHECK(got.t == Approx(t).margin(1e-12));
    CHECK(got.t2 == Approx(1.0).margin(1e-12));
  }
}

TEST_CASE("tanh moments by the saturation window match the fine kink-graded rule", "[quadrature]") {
  // tanh_moments integrates only the window |h| < 18.5 (panels up to width 2) and takes the
  // saturated tails in closed form. Reference: the composite rule of panels <= 1 graded from the
  // kink width (GaussianGrid, std::tanh), whose error is below 1e-16 per panel and which the
  // adaptive-quadrature test above validates. Discretisation errors of both rules are ~3e-16
  // (checked against a 30-point long-double rule when the window was introduced); the bound is
  // set by rounding: each sum has <= 300 terms of total weight 1, so n eps E|f| <= 3.3e-14
  // (relative for ln cosh, whose terms are |h| + ln(1 + e^-2|h|) - ln 2).
  using dhn::theory::GaussianGrid;
  using dhn::theory::MomentSet;
  constexpr double kRounding = 3.5e-14;
  for (double log10_s = -3.0; log10_s <= 5.0; log10_s += 0.5) {
    const double s = std::pow(10.0, log10_s);
    // Kinks z0 = -a/s inside the window, near and beyond the +-9 cutoff, and saturated ones.
    for (double z0 : {0.0, 0.37, -1.3, 4.1, -8.8, 9.3, -12.0, 40.0}) {
      const double a = -z0 * s;
      const GaussianGrid fine(z0, 1.0 / s);
      auto tanh_power = [&](int k) {
        return fine.expect([&](double z) { return std::pow(std::tanh(a + s * z), k); });
      };
      const double log_cosh = fine.expect([&](double z) {
        const double h = std::abs(a + s * z);
        return h + std::log1p(std::exp(-2.0 * h)) - M_LN2;
      });
      const auto t = tanh_moments(a, s * s);
      INFO("s = " << s << ", z0 = " << z0);
      CHECK(t.t1 == Approx(tanh_power(1)).margin(kRounding));
      CHECK(t.t2 == Approx(tanh_power(2)).margin(kRounding));
      CHECK(t.t3 == Approx(tanh_power(3)).margin(kRounding));
      CHECK(t.t4 == Approx(tanh_power(4)).margin(kRounding));
      CHECK(t.log_cosh == Approx(log_cosh).epsilon(kRounding).margin(kRounding));
      const auto without = tanh_moments(a, s * s, MomentSet::without_log_cosh);
      CHECK(without.t2 == t.t2);
      CHECK(std::isnan(without.log_cosh));
    }
  }
}

TEST_CASE("sech moments keep their relative accuracy where 1 - t2 cancels", "[quadrature]") {
  // For s >> 1, with u = s (z - z0): E g(h) = (1/s) int g(u) phi(z0 + u/s) du, so (Laplace)
  // E sech^2 = 2 phi(z0)/s, E sech^4 = (4/3) phi(z0)/s and E tanh sech^2 = phi'(z0)/s^2 (by parts:
  // int u tanh u sech^2 u du = 1), each with a relative remainder O(z0^2/s^2). At s = 1e8 the
  // difference 1 - 2 t2 + t4 ~ 1e-16 is all rounding; the direct sums of positive terms keep
  // ~n eps = 3.5e-14 relative. E tanh sech^2 has cancelling terms of size 1/s: its rounding is
  // n eps s relative, so it is checked at s = 1e4 (rounding 3.5e-10, remainder <= 2e-8 for
  // |z0| <= 2 with the next Laplace term pi^2 (z0^2 - 3) / (24 s^2) not subtracted: tolerance
  // 1e-7).
  auto phi = [](double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI); };
  for (double z0 : {0.0, 0.7, -2.0, -6.0}) {
    const double s = 1e8;
    const auto t = tanh_moments(-z0 * s, s * s);
    INFO("z0 = " << z0);
    CHECK(t.sech2 == Approx(2.0 * phi(z0) / s).epsilon(1e-10));
    CHECK(t.sech4 == Approx(4.0 / 3.0 * phi(z0) / s).epsilon(1e-10));
  }
  for (double z0 : {0.7, -2.0}) {
    const double s = 1e4;
    const auto t = tanh_moments(-z0 * s, s * s);
    INFO("z0 = " << z0);
    CHECK(t.t_sech2 == Approx(-z0 * phi(z0) / (s * s)).epsilon(1e-7));
  }
}

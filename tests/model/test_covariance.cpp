// Noise covariance xihat(q) and signal b(m) against the closed forms of physics.md section 2.
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/model/covariance.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/model/units.hpp"

using dhn::Model;
using dhn::NoiseCovariance;
using dhn::Variant;

TEST_CASE("distinct covariance is alpha q^P / P!", "[model]") {
  for (int P = 2; P <= 8; ++P) {
    const NoiseCovariance xi(Model{P, Variant::distinct, 0.37});
    for (double q : {0.0, 0.2, 0.7, 1.0}) {
      CHECK(xi.value(q) == Approx(0.37 * std::pow(q, P) / dhn::factorial(P)).epsilon(1e-14));
      CHECK(
          xi.derivative(q) ==
          Approx(0.37 * P * std::pow(q, P - 1) / dhn::factorial(P)).epsilon(1e-14).margin(1e-300));
    }
  }
}

TEST_CASE("full covariance for P = 3 and P = 4 (physics.md section 2)", "[model]") {
  // P = 4: xihat = alpha (q^4 + 3 q^2)/24. P = 3: a_3 = 1, a_1 = 3, so
  // xihat = alpha (6 q^3 + 9 q)/36 = alpha (q^3/6 + q/4).
  const NoiseCovariance xi4(Model{4, Variant::full, 0.5});
  const NoiseCovariance xi3(Model{3, Variant::full, 0.5});
  for (double q : {0.0, 0.3, 0.8, 1.0}) {
    CHECK(xi4.value(q) ==
          Approx(0.5 * (std::pow(q, 4) + 3 * q * q) / 24.0).epsilon(1e-14).margin(1e-16));
    CHECK(xi4.derivative(q) ==
          Approx(0.5 * (4 * std::pow(q, 3) + 6 * q) / 24.0).epsilon(1e-14).margin(1e-16));
    CHECK(xi4.second_derivative(q) == Approx(0.5 * (12 * q * q + 6) / 24.0).epsilon(1e-14));
    CHECK(xi3.value(q) == Approx(0.5 * (q * q * q / 6.0 + q / 4.0)).epsilon(1e-14).margin(1e-16));
  }
}

TEST_CASE("full covariance at q = 1 is the variance of x^P for Gaussian x", "[model]") {
  // Independent route: x^P = sum_k a_k He_k(x) with E[He_k He_l] = k! delta_kl, so
  // sum_{k>=1} a_k^2 k! = Var(x^P) = (2P-1)!! - ((P-1)!!)^2 [even P] or (2P-1)!! [odd P],
  // i.e. P!^2 xihat_full(1)/alpha must equal Var(x^P) computed from Gaussian moments.
  auto double_factorial = [](int n) {
    double r = 1;
    for (int k = n; k > 1; k -= 2) r *= k;
    return r;
  };
  for (int P : {2, 3, 4, 5, 6}) {
    const NoiseCovariance xi(Model{P, Variant::full, 1.0});
    const double mean = (P % 2 == 0) ? double_factorial(P - 1) : 0.0;
    const double variance = double_factorial(2 * P - 1) - mean * mean;
    const double p_factorial = dhn::factorial(P);
    CHECK(xi.value(1.0) * p_factorial * p_factorial == Approx(variance).epsilon(1e-13));
  }
}

TEST_CASE("signal b(m) = m^(P-1)/(P-1)!", "[model]") {
  const dhn::Signal b(4);
  CHECK(b.value(0.5) == Approx(0.125 / 6.0));
  CHECK(b.derivative(0.5) == Approx(3 * 0.25 / 6.0));
  CHECK(b.legendre_term(0.5) == Approx(3 * 0.0625 / 24.0));
}

TEST_CASE("conventions B -> G -> B round trip and P! scaling", "[model][units]") {
  for (int P = 2; P <= 8; ++P) {
    const double a = 0.0123, T = 0.456;
    const double aG = dhn::alpha_from_B(a, P, dhn::Convention::G);
    const double TG = dhn::temperature_from_B(T, P, dhn::Convention::G);
    CHECK(aG == Approx(dhn::factorial(P) * a).epsilon(1e-15));
    CHECK(TG == Approx(dhn::factorial(P) * T).epsilon(1e-15));
    CHECK(dhn::alpha_to_B(aG, P, dhn::Convention::G) == Approx(a).epsilon(1e-15));
    CHECK(dhn::temperature_to_B(TG, P, dhn::Convention::G) == Approx(T).epsilon(1e-15));
    CHECK(dhn::alpha_from_B(a, P, dhn::Convention::B) == a);
  }
  CHECK(dhn::parse_convention("G") == dhn::Convention::G);
  CHECK_THROWS_AS(dhn::parse_convention("X"), std::invalid_argument);
}

TEST_CASE("invalid models are rejected with the parameter named", "[model]") {
  CHECK_THROWS_WITH(dhn::validate(Model{1, Variant::distinct, 0.1}), Catch::Contains("p = 1"));
  try {
    dhn::validate(Model{13, Variant::full, 0.1});
    FAIL("P = 13 accepted");
  } catch (const dhn::ParameterError& e) {
    CHECK(e.parameter() == "p");  // named as the programs' --p option
  }
  CHECK_THROWS_WITH(dhn::validate(Model{4, Variant::distinct, -0.1}), Catch::Contains("alpha"));
  CHECK_THROWS_WITH(dhn::validate(Model{4, Variant::distinct, NAN}), Catch::Contains("alpha"));
  CHECK_THROWS_AS(dhn::parse_variant("diagonal"), dhn::ParameterError);
}

TEST_CASE("pure P-spin noise and random field for both variants, P = 2..6", "[model]") {
  // Independent route to xihat'(0) and xihat''(0) of the full variant: with x^P = sum_k a_k
  // He_k(x), a_k = E[x^P He_k(x)]/k!, so from Gaussian moments E x^(2n) = (2n-1)!!:
  //   a_1 = E x^(P+1) = P!!                       (odd P; a_1 = 0 for even P)
  //   a_2 = (E x^(P+2) - E x^P)/2 = P (P-1)!!/2  (even P; a_2 = 0 for odd P)
  // and xihat = alpha sum_k a_k^2 k! q^k / P!^2 gives xihat'(0) = alpha a_1^2/P!^2 and
  // xihat''(0) = 4 alpha a_2^2/P!^2. The distinct variant's xihat = alpha q^P/P! has both zero for
  // P >= 3 and xihat''(0) = alpha for P = 2. Hence pure P-spin noise exactly for distinct P >= 3,
  // and a random field exactly for full odd P (P = 3: xihat = alpha (q^3/6 + q/4); P = 4: alpha
  // (q^4 + 3 q^2)/24; P = 5: xihat'(0) = alpha/64; P = 6: xihat''(0) = alpha/64).
  auto double_factorial = [](int n) {
    double r = 1;
    for (int k = n; k > 1; k -= 2) r *= k;
    return r;
  };
  const double alpha = 0.37;
  for (int P = 2; P <= 6; ++P) {
    const double p_factorial = dhn::factorial(P);
    const double a1 = (P % 2 == 1) ? double_factorial(P) : 0.0;
    const double a2 = (P % 2 == 0) ? P * double_factorial(P - 1) / 2.0 : 0.0;
    const struct {
      Variant variant;
      double slope, curvature;  // xihat'(0), xihat''(0)
      bool pure_p_spin, random_field;
    } cases[] = {
        {Variant::distinct, 0.0, P == 2 ? alpha : 0.0, P >= 3, false},
        {Variant::full, alpha * a1 * a1 / (p_factorial * p_factorial),
         4.0 * alpha * a2 * a2 / (p_factorial * p_factorial), false, P % 2 == 1},
    };
    for (const auto& c : cases) {
      INFO("P = " << P << ", variant " << dhn::to_string(c.variant));
      const NoiseCovariance xi(Model{P, c.variant, alpha});
      CHECK(xi.derivative(0.0) == Approx(c.slope).epsilon(1e-14).margin(1e-300));
      CHECK(xi.second_derivative(0.0) == Approx(c.curvature).epsilon(1e-14).margin(1e-300));
      CHECK(xi.is_pure_p_spin() == c.pure_p_spin);
      CHECK(xi.has_random_field() == c.random_field);
      // Without noise (alpha = 0) nothing is pure P-spin and there is no random field.
      const NoiseCovariance none(Model{P, c.variant, 0.0});
      CHECK_FALSE(none.is_pure_p_spin());
      CHECK_FALSE(none.has_random_field());
    }
  }
  // The closed forms quoted above, checked once by hand.
  CHECK(NoiseCovariance(Model{5, Variant::full, 1.0}).derivative(0.0) ==
        Approx(1.0 / 64.0).epsilon(1e-14));
  CHECK(NoiseCovariance(Model{6, Variant::full, 1.0}).second_derivative(0.0) ==
        Approx(1.0 / 64.0).epsilon(1e-14));
}

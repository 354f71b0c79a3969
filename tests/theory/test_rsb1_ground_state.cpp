// The T = 0 1RSB retrieval energy of the dense network against its limits: q1 = 1 and mu -> 0 give
// the RS energy, m = q1 = 0 gives the 1RSB spin-glass functional, and d(-e)/dm = b'(m)(E<s> - m).
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/rsb1_ground_state.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn;
using namespace dhn::theory;

TEST_CASE("1RSB T = 0 energy reduces to RS at q1 = 1 for any mu and as mu -> 0", "[theory][rsb1]") {
  for (int P : {3, 4, 6}) {
    for (Variant variant : {Variant::distinct, Variant::full}) {
      const RsGroundStateDense rs(P, variant);
      const double alpha = 0.6 * rs.capacity().alpha_spinodal;
      const Rsb1GroundStateDense rsb(Model{P, variant, alpha});
      const double m = rs.retrieval_m(alpha);
      const double e_rs = rs.retrieval_energy(m, alpha);
      INFO("P = " << P << ", variant " << to_string(variant));
      for (double mu : {0.1, 1.0, 30.0})
        CHECK(rsb.energy(m, 1.0, mu) == Approx(e_rs).epsilon(1e-12));
      // (1/mu) ln E exp(mu X) = E X + mu Var(X)/2 + ...: at mu = 1e-7 the deviation is ~1e-8.
      for (double q1 : {0.2, 0.8}) CHECK(rsb.energy(m, q1, 1e-7) == Approx(e_rs).margin(1e-7));
    }
  }
}

TEST_CASE("1RSB T = 0 energy at m = q1 = 0 is the spin-glass functional, maximal at e_SG",
          "[theory][rsb1]") {
  const Model model{4, Variant::distinct, 0.02};
  const Rsb1GroundStateDense rsb(model);
  const Rsb1GroundState sg = rsb1_glass_ground_state(NoiseCovariance(model));
  CHECK(rsb.energy(0.0, 0.0, sg.mu) == Approx(sg.energy).epsilon(1e-12));
  CHECK(rsb.energy(0.0, 0.0, 0.9 * sg.mu) < sg.energy);
  CHECK(rsb.energy(0.0, 0.0, 1.1 * sg.mu) < sg.energy);
}

TEST_CASE("d(-e)/dm = b'(m) (E_z1 <s> - m): the m-equation of the 1RSB ground state",
          "[theory][rsb1]") {
  // Central difference with step 1e-6 (truncation ~1e-12) against the closed-form average <s>.
  const Model model{4, Variant::distinct, 0.02};
  const Rsb1GroundStateDense rsb(model);
  const Signal b(4);
  for (double m : {0.5, 0.9}) {
    for (double q1 : {0.3, 0.9}) {
      const double mu = 2.5, h = 1e-6;
      const double derivative = -(rsb.energy(m + h, q1, mu) - rsb.energy(m - h, q1, mu)) / (2 * h);
      CHECK(derivative == Approx(b.derivative(m) * (rsb.averages(m, q1, mu).m - m)).margin(1e-8));
    }
  }
}

TEST_CASE("the 1RSB stationarity conditions are the gradient of the T = 0 energy",
          "[theory][rsb1]") {
  // Independent route: central differences of e (step 1e-6) against the closed-form conditions,
  // d(-e)/dq1 = -(mu xihat''(q1)/2)(E<s>^2 - q1) and d(-e)/dmu.
  const Model model{4, Variant::distinct, 0.035};
  const Rsb1GroundStateDense rsb(model);
  const NoiseCovariance xi(model);
  const double m = 0.85, h = 1e-6;
  for (double q1 : {0.5, 0.9}) {
    for (double mu : {5.0, 20.0}) {
      const auto s = rsb.stationarity(m, q1, mu);
      const double dq1 = -(rsb.energy(m, q1 + h, mu) - rsb.energy(m, q1 - h, mu)) / (2 * h);
      const double dmu = -(rsb.energy(m, q1, mu + h) - rsb.energy(m, q1, mu - h)) / (2 * h);
      CHECK(dq1 == Approx(-0.5 * mu * xi.second_derivative(q1) * s.dq1).margin(1e-9));
      CHECK(dmu == Approx(s.dmu).margin(1e-9));
      CHECK(s.dm == Approx(rsb.averages(m, q1, mu).m - m).margin(1e-15));
    }
  }
}

// 1RSB storage capacities at T = 0 (P >= 3): the fold is a stationary, singular point of the 1RSB
// conditions; the continuation and the independent mu-bracketing solver agree on the branch; RSB
// raises both capacities above RS, as it does for the Hopfield model (Steffan-Kuehn 1994).
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <cmath>

#include "dhn/theory/rsb1_capacity.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/rsb1_ground_state.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {
Eigen::Vector3d conditions(int P, double alpha, double m, double q1, double log_mu) {
  const auto s = Rsb1GroundStateDense(Model{P, Variant::distinct, alpha})
                     .stationarity(m, q1, std::exp(log_mu));
  return {s.dm, s.dq1, s.dmu};
}
}  // namespace

TEST_CASE("1RSB spinodal is a stationary fold of the T = 0 conditions", "[theory][rsb1]") {
  for (int P : {3, 4, 6}) {
    const Rsb1Capacity c = rsb1_capacity(Model{P, Variant::distinct, 0.0});
    INFO("P = " << P);
    REQUIRE(c.status == LineStatus::found);
    const double log_mu = std::log(c.mu_spinodal);
    CHECK(
        conditions(P, c.alpha_spinodal, c.m_spinodal, c.q1_spinodal, log_mu).cwiseAbs().maxCoeff() <
        1e-9);
    // At a fold in alpha the Jacobian in (m, q1, ln mu) is singular: its smallest singular value is
    // tiny next to the largest (central differences, step 1e-6).
    Eigen::Matrix3d J;
    const double h = 1e-6;
    const Eigen::Vector3d x(c.m_spinodal, c.q1_spinodal, log_mu);
    for (int k = 0; k < 3; ++k) {
      Eigen::Vector3d up = x, down = x;
      up(k) += h;
      down(k) -= h;
      J.col(k) = (conditions(P, c.alpha_spinodal, up(0), up(1), up(2)) -
                  conditions(P, c.alpha_spinodal, down(0), down(1), down(2))) /
                 (2 * h);
    }
    const Eigen::Vector3d sv = J.jacobiSvd().singularValues();
    CHECK(sv(2) < 1e-5 * sv(0));
    CHECK(c.q1_spinodal < 1.0);  // a genuinely broken state, not the RS point
  }
}

TEST_CASE("the mu-bracketing solver finds the continuation's branch below the RS spinodal",
          "[theory][rsb1]") {
  // Two independent routes to the same stationary point at alpha = 0.95 x RS spinodal (P = 4).
  const double alpha = 0.95 * rs_capacity(Model{4, Variant::distinct, 0.0}).alpha_spinodal;
  const Model model{4, Variant::distinct, alpha};
  const Rsb1RetrievalPoint p = rsb1_retrieval_ground_state(model);
  REQUIRE(p.found);
  CHECK(p.residual < 1e-9);
  CHECK(p.q1 < 1.0 - 1e-4);
  // The 1RSB point lies above the RS retrieval energy (the replica rule maximises e over mu, and
  // the RS point is the mu-degenerate stationary point), by less than the RS-glass gap.
  const RsGroundStateDense rs(4, Variant::distinct);
  const double e_rs = rs.retrieval_energy(rs.retrieval_m(alpha), alpha);
  CHECK(p.energy > e_rs);
  CHECK(p.energy - e_rs < 1e-3);
}

TEST_CASE("RSB raises the capacities above RS for P = 3..8 (as Steffan-Kuehn found for P = 2)",
          "[theory][rsb1]") {
  for (int P = 3; P <= 8; ++P) {
    const Model model{P, Variant::distinct, 0.0};
    const RsCapacity rs = rs_capacity(model);
    const Rsb1Capacity rsb = rsb1_capacity(model);
    INFO("P = " << P);
    REQUIRE(rsb.status == LineStatus::found);
    CHECK(rsb.alpha_spinodal > rs.alpha_spinodal);
    CHECK(rsb.alpha_global > rs.alpha_global);
    CHECK(rsb.alpha_global <= rsb.alpha_spinodal);
  }
}

TEST_CASE("the 1RSB glass ground state lies above the RS one, which violates the REM bound",
          "[theory][rsb1]") {
  for (int P : {3, 4, 8}) {
    const NoiseCovariance xi(Model{P, Variant::distinct, 0.01});
    const double rs_glass = -std::sqrt(2.0 * xi.derivative(1.0) / M_PI);
    const double rem_bound = -std::sqrt(2.0 * M_LN2 * xi.value(1.0));
    const double e = rsb1_glass_ground_state(xi).energy;
    CHECK(e > rs_glass);
    CHECK(e >= rem_bound);
    if (P >= 4) CHECK(rs_glass < rem_bound);
  }
}

TEST_CASE("the mu-bracketing solver finds the retrieval point up to just below the 1RSB spinodal",
          "[theory][rsb1]") {
  // Regression: near the spinodal the retrieval branch in mu is short and ended between two points
  // of the mu scan while d(-e)/dmu was still negative, so no bracket was seen (P = 4, alpha =
  // 0.037). Every alpha below alpha_spinodal (from the continuation, an independent method) must
  // have a stationary point.
  const Model base{4, Variant::distinct, 0.0};
  const Rsb1Capacity capacity = rsb1_capacity(base);
  REQUIRE(capacity.status == LineStatus::found);
  for (double fraction : {0.97, 0.985, 0.995}) {
    const double alpha = fraction * capacity.alpha_spinodal;
    INFO("alpha = " << alpha);
    const Rsb1RetrievalPoint point =
        rsb1_retrieval_ground_state(Model{4, Variant::distinct, alpha});
    REQUIRE(point.found);
    CHECK(point.residual < 1e-9);
    CHECK(point.m > capacity.m_spinodal);  // m falls along the branch towards the fold
  }
}

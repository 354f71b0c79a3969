// The 1RSB retrieval state up to its spinodal: at T = 0 the mu-bracketing solver's fallback (the
// branch parametrised by m from the fold) finds the point within 1e-5 of the spinodal; at finite T
// the march in T along an alpha column finds the state just below the fold that an independent
// method (pseudo-arclength continuation in alpha at fixed T) locates, and that fold tends to the
// T = 0 spinodal of rsb1_capacity as T -> 0.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dhn/theory/rsb1_capacity.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/rsb1_ground_state.hpp"
#include "dhn/theory/rsb1_retrieval_march.hpp"
#include "dhn/theory/zero_temperature.hpp"

using namespace dhn;
using namespace dhn::theory;

TEST_CASE("the T = 0 1RSB retrieval point is found up to 1e-5 below the spinodal",
          "[theory][rsb1]") {
  // Regression (issue 17): at P = 4, alpha = 0.0381 (2e-4 below the spinodal) the mu scan found
  // no bracket. The spinodal is the fold of the continuation (rsb1_capacity); just below it the
  // point must exist, be stationary, lie on the retrieval side of the fold (m above m_spinodal)
  // and, by the replica rule, above the RS retrieval energy where that exists; just above it
  // there is none.
  for (int P : {3, 4}) {
    const Rsb1Capacity capacity = rsb1_capacity(Model{P, Variant::distinct, 0.0});
    REQUIRE(capacity.status == LineStatus::found);
    for (double below : {1e-5, 2e-4}) {
      const double alpha = capacity.alpha_spinodal - below;
      INFO("P = " << P << ", alpha = " << alpha);
      const Rsb1RetrievalPoint p = rsb1_retrieval_ground_state(Model{P, Variant::distinct, alpha});
      REQUIRE(p.found);
      CHECK(p.residual < 1e-9);
      CHECK(p.m > capacity.m_spinodal);
      CHECK(p.q1 < 1.0 - 1e-4);
    }
    const double beyond = capacity.alpha_spinodal * (1.0 + 1e-6);
    CHECK_FALSE(rsb1_retrieval_ground_state(Model{P, Variant::distinct, beyond}).found);
  }
}

TEST_CASE("the T = 0 1RSB critical capacity is the crossing of the retrieval and glass energies",
          "[theory][rsb1]") {
  // Independent comparison: just below alpha_global the retrieval point (mu-bracketing solver)
  // lies below the 1RSB glass ground state, just above it lies above; 1e-6 relative exceeds the
  // crossing's bisection width (1e-13) and the energies' quadrature error (~1e-14) by far.
  for (int P : {3, 4}) {
    const Rsb1Capacity capacity = rsb1_capacity(Model{P, Variant::distinct, 0.0});
    REQUIRE(capacity.status == LineStatus::found);
    INFO("P = " << P << ", alpha_global = " << capacity.alpha_global);
    for (double side : {-1.0, 1.0}) {
      const Model model{P, Variant::distinct, capacity.alpha_global * (1.0 + side * 1e-6)};
      const Rsb1RetrievalPoint p = rsb1_retrieval_ground_state(model);
      REQUIRE(p.found);
      const double gap = p.energy - rsb1_glass_ground_state(NoiseCovariance(model)).energy;
      CHECK(side * gap > 0.0);
    }
  }
}

TEST_CASE("the 1RSB march reaches the fixed-T spinodal at every T of a grid", "[theory][rsb1]") {
  // The reference: the fold in alpha of the 1RSB retrieval branch at each T, by pseudo-arclength
  // continuation from a state at 0.9 x the T = 0 spinodal (a method independent of the march in
  // T). The march along the column alpha_spinodal(T) - 1e-5 must find the broken state at T (the
  // RS retrieval state does not exist this far out: no RS input). As T -> 0 the fold tends to the
  // T = 0 spinodal (the finite-T free energy approaches e(m, q1, mu) with O(T) corrections).
  const int P = 3;
  const Rsb1Capacity capacity = rsb1_capacity(Model{P, Variant::distinct, 0.0});
  REQUIRE(capacity.status == LineStatus::found);
  const std::vector<double> T{0.01, 0.02, 0.03};
  std::vector<double> spinodal;
  for (double t : T) {
    const Model start_model{P, Variant::distinct, 0.9 * capacity.alpha_spinodal};
    const std::vector<Rsb1Dense::State> start =
        march_rsb1_retrieval(start_model, {t}, std::vector<RsRetrievalValue>(1));
    REQUIRE(start[0].converged);
    const Rsb1RetrievalSpinodal fold = rsb1_retrieval_spinodal(start_model, t, start[0]);
    INFO("T = " << t);
    REQUIRE(fold.status == LineStatus::found);
    CHECK(fold.state.residual < 1e-8);
    spinodal.push_back(fold.alpha);
  }
  CHECK(spinodal[0] == Approx(capacity.alpha_spinodal).epsilon(0.05));
  for (std::size_t j = 0; j < T.size(); ++j) {
    const Model column{P, Variant::distinct, spinodal[j] - 1e-5};
    INFO("T = " << T[j] << ", alpha = " << column.alpha);
    const std::vector<Rsb1Dense::State> march =
        march_rsb1_retrieval(column, T, std::vector<RsRetrievalValue>(T.size()));
    REQUIRE(march[j].converged);
    CHECK(march[j].residual < 1e-9);
    CHECK(march[j].q1 < march[j].q2);
  }
}

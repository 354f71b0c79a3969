// The RS transport route with load (rs_transport*.hpp) against the suite's RS solver and lines:
// free energies, T_M and T_c for P = 4, both variants, two loads each;
// docs/derivations/transport-load.md.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rs_transport.hpp"
#include "dhn/theory/signal_characteristics.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

double relative(double a, double b) {
  return std::abs(a / b - 1.0);
}

// Loads of the tests: one well inside retrieval, one close to where it ends. Distinct: the P = 4 RS
// capacity is 0.03298 at T = 0 (test_rs_dense). Full: the continuous glass onset at
// T = sqrt(xihat''(0)) = sqrt(alpha)/2 takes over the m = 0 sector, and the suite's T_c is absent
// somewhere between alpha = 0.006 and 0.008 (rs_lines at 0.008: status absent).
struct Load {
  Variant variant;
  double alpha;
};

}  // namespace

TEST_CASE("Cauchy datum: w = 0 closed form, and its w-derivatives are half its x-curvature",
          "[transport][load]") {
  const CauchyDatum d0 = cauchy_datum(0.7, 0.0);
  CHECK(d0.A == Approx(std::log(2.0 * std::cosh(0.7))).epsilon(1e-15));
  CHECK(d0.m == Approx(std::tanh(0.7)).epsilon(1e-15));
  // A0 solves the heat equation A0_w = A0_xx/2 (section 2): (1 - q)/2 = dm/dx / 2, and the
  // mixed derivatives agree: dm/dw = -dq/dx / 2.
  for (double w : {0.3, 2.0, 40.0}) {
    const CauchyDatum d = cauchy_datum(0.4, w);
    CHECK((1.0 - d.q) == Approx(d.dm_dx).epsilon(1e-13));
    CHECK(d.dm_dw == Approx(-0.5 * d.dq_dx).epsilon(1e-13));
    // Central differences of the gradient against the Hessian (independent of the Stein forms).
    const double h = 1e-4;
    const CauchyDatum xp = cauchy_datum(0.4 + h, w), xm = cauchy_datum(0.4 - h, w);
    const CauchyDatum wp = cauchy_datum(0.4, w + h), wm = cauchy_datum(0.4, w - h);
    CHECK((xp.m - xm.m) / (2 * h) == Approx(d.dm_dx).epsilon(1e-7));
    CHECK((wp.q - wm.q) / (2 * h) == Approx(d.dq_dw).epsilon(1e-6));
    CHECK((xp.A - xm.A) / (2 * h) == Approx(d.m).epsilon(1e-8));
    CHECK(-2.0 * (wp.A - wm.A) / (2 * h) == Approx(d.q - 1.0).epsilon(1e-7));
  }
  CHECK_THROWS_AS(cauchy_datum(0.0, -1e-3), std::invalid_argument);
}

TEST_CASE("a characteristic is the straight line of section 4, integrated by odeint",
          "[transport][load]") {
  const Model model{4, Variant::distinct, 0.01};
  const RsTransportHamiltonian H(model, 16.0);
  const CauchyDatum d = cauchy_datum(1.1, 0.8);
  const CharacteristicLanding l = transport_characteristic(H, 1.1, 0.8, d);
  CHECK(l.x == Approx(1.1 - H.velocity_x(d.m)).epsilon(1e-14));
  CHECK(l.w == Approx(0.8 - H.velocity_w(d.q)).epsilon(1e-14));
  CHECK(l.A == Approx(d.A + H.source(d.m, d.q)).epsilon(1e-14));
  CHECK(l.steps >= 1);
  CHECK_THROWS_AS(RsTransportHamiltonian(model, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(RsTransportHamiltonian(Model{2, Variant::distinct, 0.01}, 1.0),
                  std::invalid_argument);
}

TEST_CASE("transport free energy equals the RS solver's, P = 4, two loads, both variants",
          "[transport][load]") {
  const Load load = GENERATE(Load{Variant::distinct, 0.005}, Load{Variant::distinct, 0.025},
                             Load{Variant::full, 0.002}, Load{Variant::full, 0.006});
  const Model model{4, load.variant, load.alpha};
  const RsDense system(model);
  const RetrievalFold fold = retrieval_spinodal(model);
  REQUIRE(fold.status == LineStatus::found);
  for (double ratio : {0.4, 0.7, 0.95}) {
    const double T = ratio * fold.T;
    CAPTURE(to_string(load.variant), load.alpha, T);
    const RsPoint reference = solve_rs_point(system, T);
    REQUIRE(is_stable_retrieval(reference.retrieval));
    const RsTransportPoint retrieval = transport_retrieval(model, T);
    REQUIRE(retrieval.found);
    CHECK(retrieval.stable);
    CHECK(retrieval.s == Approx(reference.retrieval.s).epsilon(1e-9));
    CHECK(std::abs(retrieval.landing.x) < 1e-11);
    CHECK(std::abs(retrieval.landing.w) < 1e-11);
    CHECK(relative(retrieval.f, reference.retrieval.f) < 1e-10);
    CHECK(std::abs(retrieval.landing.m - reference.retrieval.m) < 1e-9);
    CHECK(std::abs(retrieval.landing.q - reference.retrieval.q) < 1e-9);
    const RsTransportPoint paramagnet = transport_paramagnet(model, T);
    REQUIRE(paramagnet.found);
    CHECK(relative(paramagnet.f, reference.paramagnet.f) < 1e-12);
  }
  // Above T_M no retrieval characteristic reaches the model point.
  CHECK_FALSE(transport_retrieval(model, 1.01 * fold.T).found);
}

TEST_CASE("transport T_M and T_c equal the suite's RS lines, P = 4, two loads, both variants",
          "[transport][load]") {
  // Full alpha = 0.007: the suite's m = 0 state at T_c is the RS glass (continuous onset at
  // sqrt(alpha)/2 = 0.0418 above T_c = 0.0388), so T_c is the crossing with the glass branch.
  const Load load = GENERATE(Load{Variant::distinct, 0.005}, Load{Variant::distinct, 0.025},
                             Load{Variant::full, 0.002}, Load{Variant::full, 0.007});
  const Model model{4, load.variant, load.alpha};
  CAPTURE(to_string(load.variant), load.alpha);
  const RetrievalFold fold = retrieval_spinodal(model);
  const Transition transition = retrieval_transition(model, fold);
  REQUIRE(fold.status == LineStatus::found);
  REQUIRE(transition.status == LineStatus::found);
  const bool glass_at_tc = solve_rs_point(RsDense(model), transition.T).m0_is_glass;
  CHECK(glass_at_tc == (load.alpha == 0.007));

  const RsTransportFold transport_fold = transport_retrieval_spinodal(model);
  REQUIRE(transport_fold.status == LineStatus::found);
  CHECK(relative(transport_fold.T, fold.T) < 1e-9);
  CHECK(std::abs(transport_fold.point.landing.m - fold.m) < 1e-4);
  CHECK(std::abs(transport_fold.point.landing.det_J) < 1e-5);  // the caustic

  const RsTransportTransition transport_transition =
      transport_retrieval_transition(model, transport_fold);
  REQUIRE(transport_transition.status == LineStatus::found);
  CHECK(relative(transport_transition.T, transition.T) < 1e-9);
  CHECK(transport_m0_state(model, transport_transition.T).is_glass == glass_at_tc);
}

TEST_CASE("transport m = 0 state equals the RS solver's: paramagnet, glass, none physical",
          "[transport][load]") {
  // Distinct alpha = 0.025: glass below its spinodal 0.0171, no physical m = 0 state between it
  // and the paramagnet's entropy crisis 0.0245, paramagnet above. Full alpha = 0.007: glass below
  // the continuous onset 0.0418. Full P = 3: a random field, the paramagnet has q > 0.
  const Model model = GENERATE(Model{4, Variant::distinct, 0.025}, Model{4, Variant::full, 0.007},
                               Model{3, Variant::full, 0.02});
  const RsDense system(model);
  bool seen_glass = false, seen_none = false;
  for (double T : {0.012, 0.02, 0.03, 0.05, 0.1, 0.2}) {
    CAPTURE(model.P, to_string(model.variant), model.alpha, T);
    const RsPoint reference = solve_rs_point(system, T, {.retrieval = false});
    const RsTransportM0 m0 = transport_m0_state(model, T);
    REQUIRE(m0.paramagnet.found);
    CHECK(relative(m0.paramagnet.f, reference.paramagnet.f) < 1e-10);
    CHECK(m0.is_glass == reference.m0_is_glass);
    CHECK(std::isnan(m0.f) == std::isnan(reference.f_m0));
    if (!std::isnan(reference.f_m0)) CHECK(relative(m0.f, reference.f_m0) < 1e-10);
    seen_glass = seen_glass || m0.is_glass;
    seen_none = seen_none || std::isnan(m0.f);
  }
  if (model.P == 4) CHECK(seen_glass);
  if (model.variant == Variant::distinct) CHECK(seen_none);
}

TEST_CASE("transport T_c is absent where retrieval never has the lowest f", "[transport][load]") {
  // Full P = 4 at alpha = 0.008: from T_M down to the continuous glass onset sqrt(alpha)/2 = 0.0447
  // the paramagnet has the lower f, below it the RS glass (the m = 0 state by the replica rule),
  // down to T_M/20 by this route and T_M/32 by the suite's.
  const Model model{4, Variant::full, 0.008};
  const RsTransportFold fold = transport_retrieval_spinodal(model);
  REQUIRE(fold.status == LineStatus::found);
  CHECK(transport_retrieval_transition(model, fold).status == LineStatus::absent);
  CHECK(retrieval_transition(model, retrieval_spinodal(model)).status == LineStatus::absent);
  // No fold, no transition.
  CHECK(transport_retrieval_transition(model, RsTransportFold{}).status == LineStatus::absent);
}

TEST_CASE("alpha = 0: the loaded route reduces to the signal part's caustic and transition",
          "[transport][load]") {
  // Without noise every characteristic keeps w = 0 and the fold is the caustic of the signal
  // transport equation at zero field (transport.md section 4, closed-form root to 1e-14); T_c is
  // the suite's alpha = 0 line (tests/paper: ln cosh(beta b) = beta (P-1) m^P/P! to 1e-10).
  for (int P = 3; P <= 6; ++P) {
    CAPTURE(P);
    const Model model{P, Variant::distinct, 0.0};
    const RsTransportFold fold = transport_retrieval_spinodal(model);
    REQUIRE(fold.status == LineStatus::found);
    CHECK(relative(fold.T, 1.0 / caustic_at_zero_field(P).t) < 1e-9);
    CHECK(std::abs(fold.point.landing.m - caustic_at_zero_field(P).m) < 1e-4);
    const RsTransportTransition transition = transport_retrieval_transition(model, fold);
    REQUIRE(transition.status == LineStatus::found);
    CHECK(relative(transition.T, retrieval_transition(model, retrieval_spinodal(model)).T) < 1e-9);
  }
}

// The mean-field Glauber flow (glauber_flow.hpp; docs/derivations/glauber-flow.md): its fixed
// points against the suite's alpha = 0 solutions, its finite-N field against the derived 1/N terms,
// its sequential delay equation and its time unit against closed forms at beta -> 0, the stepper's
// error control against a tighter run, and the basin against its T -> 0 limit and the flow itself.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "dhn/model/covariance.hpp"
#include "dhn/theory/glauber_flow.hpp"
#include "dhn/theory/glauber_master_equation.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/signal_characteristics.hpp"
#include "dhn/theory/signal_pressure.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

constexpr GlauberRate kRates[] = {GlauberRate::heat_bath, GlauberRate::metropolis};
constexpr GlauberOrder kOrders[] = {GlauberOrder::random_site, GlauberOrder::sequential};

double final_m(const GlauberFlow& flow, double m0, double t_end) {
  const GlauberTrajectory run = glauber_trajectory(flow, m0, {t_end});
  REQUIRE(run.completed);
  return run.m.back();
}

}  // namespace

TEST_CASE("Glauber flow: heat-bath velocity is tanh(beta (b + h)) - m, Metropolis has its sign",
          "[theory][glauber]") {
  for (int P : {2, 3, 4, 5}) {
    const Signal b(P);
    for (double h : {0.0, 0.02, -0.03}) {
      for (double m : {-0.7, -0.1, 0.05, 0.4, 0.93}) {
        GlauberFlow flow{.P = P, .T = 0.15, .h = h};
        const double expected = std::tanh((b.value(m) + h) / flow.T) - m;
        CHECK(glauber_velocity(flow, m, m) == Approx(expected).margin(1e-14));
        flow.rate = GlauberRate::metropolis;
        // detailed balance: both rates vanish at the same m and agree in sign elsewhere
        CHECK(glauber_velocity(flow, m, m) * expected > 0.0);
      }
    }
  }
}

TEST_CASE("Glauber flow: the finite-N local field carries the derived 1/N terms of each variant",
          "[theory][glauber]") {
  // doc section 3: Delta H_x = 2 x f, f = b(m) + h - (1/N) [x b'(m) + c(m)] + O(1/N^2), with
  // c = m^(P-3) / (2 (P-3)!) (distinct, P >= 3) and c = 0 (full, and distinct P = 2)
  const int N = 100000;
  for (int P : {2, 3, 4, 5, 6}) {
    const Signal b(P);
    for (Variant variant : {Variant::distinct, Variant::full}) {
      for (int x : {-1, 1}) {
        for (double m : {-0.6, 0.3, 0.8}) {
          const GlauberFlow flow{.P = P, .T = 1.0, .h = 0.01, .N = N, .variant = variant};
          const double f = glauber_flip_energy(flow, m, x) / (2.0 * x);
          const double c = variant == Variant::distinct && P >= 3
                               ? std::pow(m, P - 3) / (2.0 * factorial(P - 3))
                               : 0.0;
          const double first_order = -(x * b.derivative(m) + c);
          INFO("P = " << P << ", " << to_string(variant) << ", x = " << x << ", m = " << m);
          CHECK(N * (f - b.value(m) - flow.h) == Approx(first_order).margin(1e-3));
        }
      }
    }
  }
}

TEST_CASE("Glauber flow: time unit and sequential order against closed forms at beta -> 0",
          "[theory][glauber]") {
  // T -> infinity: every flip is accepted with probability 1/2 (heat-bath) or 1 (Metropolis)
  const double m0 = 0.6, T = 1e12;
  const std::vector<double> times{0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0};
  const auto heat_random = glauber_trajectory({.P = 3, .T = T}, m0, times);
  const auto metro_random =
      glauber_trajectory({.P = 3, .T = T, .rate = GlauberRate::metropolis}, m0, times);
  const auto heat_sequential =
      glauber_trajectory({.P = 3, .T = T, .order = GlauberOrder::sequential}, m0, times);
  const auto metro_sequential = glauber_trajectory(
      {.P = 3, .T = T, .rate = GlauberRate::metropolis, .order = GlauberOrder::sequential}, m0,
      times);
  for (std::size_t k = 0; k < times.size(); ++k) {
    const double t = times[k];
    INFO("t = " << t);
    CHECK(heat_random.m[k] == Approx(m0 * std::exp(-t)).margin(1e-9));
    CHECK(metro_random.m[k] == Approx(m0 * std::exp(-2.0 * t)).margin(1e-9));
    // sequential heat-bath: each visited site is re-drawn with mean 0, so m falls linearly to 0
    // in one sweep and stays there
    CHECK(heat_sequential.m[k] == Approx(m0 * std::max(0.0, 1.0 - t)).margin(1e-9));
    // sequential Metropolis: every visited spin flips, a triangle wave of period 2 sweeps
    const double phase = std::fmod(t, 2.0);
    const double triangle = phase <= 1.0 ? 1.0 - 2.0 * phase : 2.0 * phase - 3.0;
    CHECK(metro_sequential.m[k] == Approx(m0 * triangle).margin(1e-9));
  }
}

TEST_CASE("Glauber flow: dopri5 error control against a tighter run", "[theory][glauber]") {
  // a retrieval transient through the steep part of the flow, all four rate/order combinations
  const GlauberBasin basin = glauber_basin(4, 0.06);
  REQUIRE(basin.status == BasinStatus::threshold);
  std::vector<double> times;
  for (int k = 1; k <= 30; ++k) times.push_back(0.5 * k);
  for (GlauberRate rate : kRates) {
    for (GlauberOrder order : kOrders) {
      const GlauberFlow flow{.P = 4, .T = 0.06, .rate = rate, .order = order};
      const double m0 = basin.m_unstable + 0.05;
      const auto loose =
          glauber_trajectory(flow, m0, times, {.abs_tolerance = 1e-7, .rel_tolerance = 1e-7});
      const auto tight =
          glauber_trajectory(flow, m0, times, {.abs_tolerance = 1e-13, .rel_tolerance = 1e-13});
      REQUIRE((loose.completed && tight.completed));
      CHECK(tight.accepted_steps > loose.accepted_steps);
      double worst = 0.0;
      for (std::size_t k = 0; k < times.size(); ++k)
        worst = std::max(worst, std::abs(loose.m[k] - tight.m[k]));
      INFO("rate " << int(rate) << ", order " << int(order) << ": worst gap " << worst);
      // the local error per unit time is held near 1e-7; over 15 sweeps of a contracting flow
      // the global error stays within a few hundred times that, and is not zero
      CHECK(worst < 1e-5);
      CHECK(tight.m.back() == Approx(basin.m_retrieval).margin(1e-6));
    }
  }
}

TEST_CASE("Glauber flow: fixed points are the suite's alpha = 0 solutions", "[theory][glauber]") {
  for (int P : {3, 4, 5, 6}) {
    // the fold of the flow's fixed points is the alpha = 0 retrieval spinodal of rs_lines and of
    // the transport equation's caustic
    const GlauberBasin at_fold = glauber_basin(P, 0.5);
    const RetrievalFold suite = retrieval_spinodal(Model{P, Variant::distinct, 0.0});
    const CharacteristicPoint caustic = caustic_at_zero_field(P);
    INFO("P = " << P);
    CHECK(at_fold.T_M == Approx(suite.T).epsilon(1e-10));
    CHECK(at_fold.T_M == Approx(1.0 / caustic.t).epsilon(1e-10));
    CHECK(at_fold.m_fold == Approx(caustic.m).margin(1e-6));  // a flat maximum: sqrt(eps) in m
    // well below T_M retrieval is the global minimum: the Hopf formula's maximiser is the root
    const double T = 0.5 * at_fold.T_M;
    const GlauberBasin basin = glauber_basin(P, T);
    REQUIRE(basin.status == BasinStatus::threshold);
    CHECK(basin.m_retrieval == Approx(signal_pressure_limit(P, 1.0 / T, 0.0).m).epsilon(1e-12));
    CHECK(basin.m_unstable < basin.m_fold);
    CHECK(basin.m_fold < basin.m_retrieval);
    // just below and above the fold
    const GlauberBasin below = glauber_basin(P, at_fold.T_M * (1.0 - 1e-6));
    REQUIRE(below.status == BasinStatus::threshold);
    CHECK(below.m_unstable < at_fold.m_fold);
    CHECK(below.m_retrieval > at_fold.m_fold);
    CHECK(below.m_retrieval - below.m_unstable < 0.01);
    CHECK(glauber_basin(P, at_fold.T_M * (1.0 + 1e-6)).status == BasinStatus::no_retrieval);
  }
  // P = 2: a continuous transition; below T = 1 any cue is retrieved
  const GlauberBasin p2 = glauber_basin(2, 0.7);
  CHECK(p2.status == BasinStatus::any_cue);
  CHECK(p2.m_unstable == 0.0);
  CHECK(p2.m_retrieval == Approx(signal_pressure_limit(2, 1.0 / 0.7, 0.0).m).epsilon(1e-12));
  CHECK(glauber_basin(2, 1.1).status == BasinStatus::no_retrieval);
}

TEST_CASE("Glauber basin: T -> 0 limit m0* = ((P-1)! T)^(1/(P-2)) (1 + m0*^2 / (3 (P-2)))",
          "[theory][glauber]") {
  // doc section 5: b(m)/T = atanh(m) = m + m^3/3 + O(m^5) at the small root
  for (int P : {3, 4, 5}) {
    for (double T : {1e-3, 1e-4, 1e-6}) {
      const GlauberBasin basin = glauber_basin(P, T);
      REQUIRE(basin.status == BasinStatus::threshold);
      const double m = basin.m_unstable;
      const double leading = std::pow(factorial(P - 1) * T, 1.0 / (P - 2));
      INFO("P = " << P << ", T = " << T << ": m0* = " << m);
      // the remainder, plus the root's rounding (1e-13 relative)
      CHECK(std::abs(m / leading - 1.0 - m * m / (3.0 * (P - 2))) <= m * m * m * m + 1e-12);
      CHECK(basin.m_retrieval > 1.0 - 1e-12);
    }
  }
}

TEST_CASE("Glauber basin: the flow retrieves cues above m0* and loses those below",
          "[theory][glauber]") {
  for (int P : {3, 4}) {
    const double T = 0.6 * glauber_basin(P, 0.5).T_M;
    const GlauberBasin basin = glauber_basin(P, T);
    REQUIRE(basin.status == BasinStatus::threshold);
    for (GlauberRate rate : kRates) {
      for (GlauberOrder order : kOrders) {
        const GlauberFlow flow{.P = P, .T = T, .rate = rate, .order = order};
        INFO("P = " << P << ", rate " << int(rate) << ", order " << int(order));
        CHECK(final_m(flow, basin.m_unstable + 1e-4, 80.0) ==
              Approx(basin.m_retrieval).margin(1e-8));
        // lost: far below m0*, and relaxed to 0 except under sequential Metropolis, whose
        // visited spins nearly all flip where the field b(m) is weak: a period-2 oscillation
        // that decays only through the field's nonlinear terms (doc section 4)
        const double lost = final_m(flow, basin.m_unstable - 1e-4, 80.0);
        CHECK(std::abs(lost) < 0.5 * basin.m_unstable);
        if (rate == GlauberRate::heat_bath || order == GlauberOrder::random_site)
          CHECK(std::abs(lost) < 1e-8);
        // the unstable point itself stays put for a while
        CHECK(final_m(flow, basin.m_unstable, 2.0) == Approx(basin.m_unstable).margin(1e-8));
      }
    }
  }
}

TEST_CASE("Glauber flow: bad parameters are refused", "[theory][glauber]") {
  CHECK_THROWS_AS(glauber_trajectory({.P = 1}, 0.5, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(glauber_trajectory({.P = 3, .T = 0.0}, 0.5, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(glauber_trajectory({.P = 3, .N = 1}, 0.5, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(glauber_trajectory({.P = 3}, 1.5, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(glauber_trajectory({.P = 3}, 0.5, {2.0, 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(glauber_basin(3, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(glauber_basin(13, 0.1), std::invalid_argument);
}

TEST_CASE("Glauber master equation: exact E m at beta -> 0 and refusals", "[theory][glauber]") {
  // every attempt flips its site with probability 1/2 (heat-bath) or 1 (Metropolis), so
  // E[dm] = -m/N or -2m/N per attempt: E m after k sweeps is m0 (1 - 1/N)^(N k), m0 (1 - 2/N)^(N k)
  const int N = 50;
  const std::int64_t S0 = 30;
  for (GlauberRate rate : kRates) {
    const GlauberFlow flow{.P = 3, .T = 1e12, .rate = rate, .N = N};
    const GlauberMasterRun run = glauber_master_equation(flow, S0, 4);
    const double per_attempt = rate == GlauberRate::heat_bath ? 1.0 / N : 2.0 / N;
    for (int k = 0; k <= 4; ++k)
      CHECK(run.m[k] == Approx(0.6 * std::pow(1.0 - per_attempt, N * k)).margin(1e-12));
    CHECK(run.m_variance[0] == 0.0);
    CHECK(run.m_variance[4] > 0.0);
  }
  CHECK_THROWS_AS(glauber_master_equation({.P = 3, .N = 50}, 31, 1), std::invalid_argument);
  CHECK_THROWS_AS(glauber_master_equation({.P = 3, .N = 50}, 52, 1), std::invalid_argument);
  CHECK_THROWS_AS(glauber_master_equation({.P = 3, .N = 0}, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(
      glauber_master_equation({.P = 3, .order = GlauberOrder::sequential, .N = 50}, 0, 1),
      std::invalid_argument);
}

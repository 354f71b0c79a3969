// The N -> infinity signal transport equation as a conservation law (signal_conservation_law.hpp),
// its characteristics (signal_characteristics.hpp) and its shock (signal_shock.hpp) against the
// P-spin Curie-Weiss closed forms; docs/derivations/transport.md sections 4-5.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/signal_characteristics.hpp"
#include "dhn/theory/signal_conservation_law.hpp"
#include "dhn/theory/signal_pressure.hpp"
#include "dhn/theory/signal_shock.hpp"
#include "dhn/theory/transport_overlap.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

// The suite's alpha = 0 lines (rs_lines.hpp: the RS retrieval fold and transition of the model at
// zero load, the P-spin Curie-Weiss magnet; tests/paper checks them against the closed forms
// max_m b(m)/atanh(m) and ln cosh(beta b) = beta (P-1) m^P/P! to 1e-10).
struct CurieWeissLines {
  double T_M, T_c;
};
CurieWeissLines suite_lines(int P) {
  const Model model{P, Variant::distinct, 0.0};
  const RetrievalFold fold = retrieval_spinodal(model);
  return {fold.T, retrieval_transition(model, fold).T};
}

// L1 error over |x| <= 3 of the finite-volume u at t against the Hopf formula (exact, smooth here).
double smooth_l1_error(int P, double t, double dx, Reconstruction reconstruction) {
  double error = 0.0;
  ConservationLawOptions options{.dx = dx, .reconstruction = reconstruction};
  const ConservationLawRun run = solve_signal_conservation_law(
      P, {t}, options, [&](double, std::span<const double> x, std::span<const double> u) {
        for (std::size_t i = 0; i < x.size(); ++i)
          if (std::abs(x[i]) <= 3.0) {
            // the exact cell average, by Simpson over the cell (error dx^4, far below dx^2)
            const double h = 0.5 * dx;
            const double average = (signal_pressure_limit(P, t, x[i] - h).m +
                                    4.0 * signal_pressure_limit(P, t, x[i]).m +
                                    signal_pressure_limit(P, t, x[i] + h).m) /
                                   6.0;
            error += std::abs(u[i] - average) * dx;
          }
        return true;
      });
  REQUIRE(run.completed);
  return error;
}

// Order in x of the MUSCL scheme before the shock is born (t = t*/2): log2 of the error ratio.
double smooth_order(int P, double dx) {
  const double t = 0.5 * first_characteristic_crossing(P).t;
  return std::log2(smooth_l1_error(P, t, dx, Reconstruction::muscl_minmod) /
                   smooth_l1_error(P, t, 0.5 * dx, Reconstruction::muscl_minmod));
}

// t_c from the shock at two grids, against the suite's T_c(0). Tolerance: with convergence of
// order p (measured where the solution is smooth), the fine grid's error is
// |t(dx) - t(dx/2)| / (2^p - 1) asymptotically; a factor 2 for the pre-asymptotic remainder.
void check_transition(int P, double dx) {
  const double p = smooth_order(P, 2.0 * dx);
  INFO("P = " << P << ", smooth order " << p);
  CHECK(p > 1.7);
  const ShockArrival coarse = shock_arrival_at_zero_field(P, {.dx = dx});
  const ShockArrival fine = shock_arrival_at_zero_field(P, {.dx = 0.5 * dx});
  REQUIRE(coarse.found);
  REQUIRE(fine.found);
  const double t_c = 1.0 / suite_lines(P).T_c;
  const double tolerance = 2.0 * std::abs(coarse.t - fine.t) / (std::pow(2.0, p) - 1.0);
  INFO("t_c " << coarse.t << " " << fine.t << " suite " << t_c << " tolerance " << tolerance);
  CHECK(std::abs(fine.t - t_c) <= tolerance);
  CHECK(tolerance < 1e-3 * t_c);  // the check has teeth: 1e-3 relative or better
}

}  // namespace

TEST_CASE("characteristics: the caustic at h = 0 is the retrieval spinodal T_M(0)",
          "[theory][transport]") {
  // The caustic and the fold of b(m)/atanh(m) are one equation rearranged: agreement to the
  // suite's fold tolerance (relative 1e-12 in T; the P = 2 fold sits 3e-9 below its exact 1)
  for (int P = 2; P <= 6; ++P) {
    const CharacteristicPoint caustic = caustic_at_zero_field(P);
    const double tolerance = P == 2 ? 1e-8 : 1e-11;
    CHECK(1.0 / caustic.t == Approx(suite_lines(P).T_M).epsilon(tolerance));
    // the first crossing comes earlier (higher T) and, for P >= 3, at positive field
    const CharacteristicPoint cusp = first_characteristic_crossing(P);
    CHECK(cusp.t <= caustic.t);
    CHECK((P == 2 ? cusp.x == 0.0 : cusp.x > 0.0));
  }
  CHECK(first_characteristic_crossing(2).t == 1.0);
}

TEST_CASE("conservation law: order 2 (MUSCL) and 1 (Godunov) in x where the solution is smooth",
          "[theory][transport]") {
  // L1 error against the Hopf formula at t = t*/2; halving dx divides it by 2^p: accept p within
  // 0.3 of the design order
  for (int P : {2, 4}) {
    const double t = 0.5 * first_characteristic_crossing(P).t;
    const double muscl = std::log2(smooth_l1_error(P, t, 0.008, Reconstruction::muscl_minmod) /
                                   smooth_l1_error(P, t, 0.004, Reconstruction::muscl_minmod));
    const double godunov =
        std::log2(smooth_l1_error(P, t, 0.008, Reconstruction::piecewise_constant) /
                  smooth_l1_error(P, t, 0.004, Reconstruction::piecewise_constant));
    INFO("P = " << P << " orders " << muscl << " " << godunov);
    CHECK(std::abs(muscl - 2.0) < 0.3);
    CHECK(std::abs(godunov - 1.0) < 0.3);
  }
}

TEST_CASE("the shock reaches h = 0 at T_c(0): P = 2, 3, 4", "[theory][transport]") {
  check_transition(2, 0.004);
  check_transition(3, 0.004);
  check_transition(4, 0.008);
}

TEST_CASE("the shock reaches h = 0 at T_c(0): P = 4, 5, 6 on finer grids",
          "[theory][transport][.slow]") {
  for (int P : {4, 5, 6}) check_transition(P, 0.004);
}

TEST_CASE("the shock position converges to the Hopf formula's", "[theory][transport][.slow]") {
  // P = 4 at t = 12 (between the cusp, 8, and the arrival, 16.5): the exact shock is where the
  // maximiser of the Hopf formula jumps (bisection to 1e-15); the conservative location converges
  // at least at order 1.5 over dx = 0.004, 0.002, 0.001
  const int P = 4;
  const double t = 12.0;
  double lo = 0.0, hi = 1.0;
  const double mid_state =
      0.5 * (signal_pressure_limit(P, t, lo).m + signal_pressure_limit(P, t, hi).m);
  while (hi - lo > 1e-15) {
    const double mid = 0.5 * (lo + hi);
    (signal_pressure_limit(P, t, mid).m > mid_state ? hi : lo) = mid;
  }
  std::vector<double> errors;
  for (double dx : {0.004, 0.002, 0.001})
    solve_signal_conservation_law(
        P, {t}, {.dx = dx}, [&](double, std::span<const double> x, std::span<const double> u) {
          const ShockLocation s = locate_shock(x, u);
          REQUIRE(s.found);
          errors.push_back(std::abs(s.x - lo));
          return true;
        });
  INFO("errors " << errors[0] << " " << errors[1] << " " << errors[2]);
  CHECK(std::log2(errors[0] / errors[2]) / 2.0 > 1.5);
}

TEST_CASE("conservation law: bad options are refused naming the parameter", "[theory][transport]") {
  auto ignore = [](double, std::span<const double>, std::span<const double>) { return true; };
  CHECK_THROWS_WITH(solve_signal_conservation_law(1, {1.0}, {}, ignore),
                    Catch::Contains("P must be in [2, 12]"));
  CHECK_THROWS_WITH(solve_signal_conservation_law(3, {1.0}, {.dx = -1.0}, ignore),
                    Catch::Contains("dx must be finite and > 0"));
  CHECK_THROWS_WITH(solve_signal_conservation_law(3, {1.0}, {.cfl = 1.5}, ignore),
                    Catch::Contains("cfl must be in (0, 1]"));
  CHECK_THROWS_WITH(solve_signal_conservation_law(3, {2.0, 1.0}, {}, ignore),
                    Catch::Contains("output_times must be"));
}

TEST_CASE("m(beta, h) from the transport equation: second order away from the transition line",
          "[theory][transport]") {
  // P = 4 at T = 0.07 (between T_c(0) and T_M(0)): the shocks lie at +-h_s; fields more than
  // 20 coarse cells (in x = h/T) from them are compared with Hopf's formula at dx = 0.008 and
  // 0.004: the error falls by at least 2^1.5 (order 2 less the interpolation's and the limiter's
  // losses)
  const int P = 4;
  const double T = 0.07;
  std::vector<double> h;
  for (double value = -0.05; value <= 0.05 + 1e-12; value += 0.0025) h.push_back(value);
  double lo = 0.0, hi = 1.0;  // the shock in x, by bisection on the Hopf maximiser
  const double mid_state =
      0.5 * (signal_pressure_limit(P, 1 / T, lo).m + signal_pressure_limit(P, 1 / T, hi).m);
  while (hi - lo > 1e-14) {
    const double mid = 0.5 * (lo + hi);
    (signal_pressure_limit(P, 1 / T, mid).m > mid_state ? hi : lo) = mid;
  }
  auto worst_error = [&](double dx) {
    const TransportOverlap o = transport_overlap(P, T, h, {.dx = dx});
    REQUIRE(o.run.completed);
    double worst = 0.0;
    for (std::size_t k = 0; k < h.size(); ++k)
      if (std::abs(std::abs(h[k] / T) - lo) > 20 * 0.008)  // both shocks (even P)
        worst = std::max(worst, std::abs(o.m[k] - signal_pressure_limit(P, 1 / T, h[k] / T).m));
    return worst;
  };
  const double coarse = worst_error(0.008), fine = worst_error(0.004);
  INFO("errors " << coarse << " " << fine);
  CHECK(coarse / fine > std::pow(2.0, 1.5));
  CHECK_THROWS_WITH(transport_overlap(P, -1.0, h), Catch::Contains("T must be finite and > 0"));
  CHECK_THROWS_WITH(transport_overlap(P, T, {5.0}), Catch::Contains("h must satisfy"));
}

#include "dhn/theory/rs_transport.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "dhn/theory/scalar_solvers.hpp"
#include "dhn/theory/signal_characteristics.hpp"

namespace dhn::theory {
namespace {

void require_temperature(double T) {
  if (!(T > 0.0) || !std::isfinite(T))
    throw std::invalid_argument("T must be finite and > 0 (convention B), got " +
                                std::to_string(T));
}

RsTransportPoint not_found(double T) {
  RsTransportPoint p;
  p.T = T;
  return p;
}

RsTransportFold fold_failed(LineStatus status) {
  RsTransportFold fold;
  fold.status = status;
  return fold;
}

RsTransportPoint completed(const RsTransportHamiltonian& H, const CharacteristicLanding& landing,
                           bool found) {
  const double T = 1.0 / H.beta();
  return {.T = T,
          .f = -T * landing.A,
          .s = landing.A + H.beta() * H.energy(landing.m, landing.q),
          .landing = landing,
          .found = found,
          .stable = landing.det_J > 0.0 && landing.trace_J > 0.0};
}

// Classification thresholds of the RS solver's classify (rs_solver.hpp), restated so that both
// routes rank the same states: entropy margin of the paramagnet, q separation of distinct roots.
constexpr double kParamagnetEntropyMargin = 1e-9;
constexpr double kDistinctRootsQ = 1e-6;

// Minimum over feet x0 in (0, beta b(1)] of the landing x of the characteristic that lands on
// w = 0: the caustic side of the fan. maximise scans 64 interior feet, then Brent (1e-7 in x0, so
// the value is exact to ~1e-14 where the minimum is quadratic).
ScalarExtremum lowest_landing(const RsTransportHamiltonian& H) {
  auto negative_landing_x = [&](double x0) {
    const RsTransportPoint p = characteristic_to_w_zero(H, x0);
    return p.found ? -p.landing.x : NAN;
  };
  ScalarExtremum e = maximise(negative_landing_x, 0.0, H.velocity_x(1.0), 1e-7);
  e.value = -e.value;
  return e;
}

}  // namespace

RsTransportPoint characteristic_to_w_zero(const RsTransportHamiltonian& H, double x0) {
  auto landing_w = [&](double w0) { return transport_characteristic(H, x0, w0).w; };
  const double top = H.velocity_w(1.0);  // beta^2 xihat'(1): w(1) >= 0 from here, as q <= 1
  if (top == 0.0) {                      // alpha = 0: no noise, every line keeps w = w0 = 0
    const CharacteristicLanding landing = transport_characteristic(H, x0, 0.0);
    return completed(H, landing, landing.w == 0.0);
  }
  double lo = 0.0;
  double hi = top;
  for (int k = 1; k <= kFootHalvings; ++k) {
    const double w0 = std::ldexp(top, -k);
    if (landing_w(w0) <= 0.0) {
      lo = w0;
      break;
    }
    hi = w0;
  }
  const ScalarRoot root = find_root(landing_w, lo, hi, kFootTolerance);
  if (!root.bracketed()) return not_found(1.0 / H.beta());
  return completed(H, transport_characteristic(H, x0, root.x), root.converged);
}

RsTransportPoint transport_retrieval(const Model& model, double T) {
  require_temperature(T);
  const RsTransportHamiltonian H(model, 1.0 / T);
  const ScalarExtremum lowest = lowest_landing(H);
  if (!(lowest.value < 0.0)) return not_found(T);
  auto landing_x = [&](double x0) {
    const RsTransportPoint p = characteristic_to_w_zero(H, x0);
    return p.found ? p.landing.x : NAN;
  };
  const ScalarRoot root = find_root(landing_x, lowest.x, H.velocity_x(1.0), kFootTolerance);
  if (!root.converged) return not_found(T);
  RsTransportPoint p = characteristic_to_w_zero(H, root.x);
  p.found = p.found && p.landing.m > 0.0;
  return p;
}

RsTransportPoint transport_paramagnet(const Model& model, double T) {
  require_temperature(T);
  const RsTransportHamiltonian H(model, 1.0 / T);
  auto landing_w = [&](double w0) { return transport_characteristic(H, 0.0, w0).w; };
  // w(1) = -beta^2 xihat'(0) <= 0 at w0 = 0; the smallest root is where it first turns positive,
  // searched upward from 2^-60 of the top in doublings.
  const double top = H.velocity_w(1.0);
  double lo = 0.0;
  double hi = top;
  if (landing_w(0.0) < 0.0) {
    for (int k = kFootHalvings; k >= 1; --k) {
      const double w0 = std::ldexp(top, -k);
      if (landing_w(w0) > 0.0) {
        hi = w0;
        break;
      }
      lo = w0;
    }
  } else {
    hi = 0.0;  // xihat'(0) = 0: the foot (0, 0) lands on (0, 0) exactly
  }
  if (hi == 0.0) return completed(H, transport_characteristic(H, 0.0, 0.0), landing_w(0.0) == 0.0);
  const ScalarRoot root = find_root(landing_w, lo, hi, kFootTolerance);
  if (!root.bracketed()) return not_found(T);
  return completed(H, transport_characteristic(H, 0.0, root.x), root.converged);
}

RsTransportPoint transport_glass(const Model& model, double T) {
  require_temperature(T);
  return characteristic_to_w_zero(RsTransportHamiltonian(model, 1.0 / T), 0.0);
}

RsTransportM0 transport_m0_state(const Model& model, double T) {
  RsTransportM0 out{.paramagnet = transport_paramagnet(model, T),
                    .glass = transport_glass(model, T)};
  const RsTransportPoint& p = out.paramagnet;
  const RsTransportPoint& g = out.glass;
  const bool has_glass =
      g.found && g.stable && (!p.found || std::abs(g.landing.q - p.landing.q) > kDistinctRootsQ);
  if (p.found && p.stable && p.s >= -kParamagnetEntropyMargin) out.f = p.f;
  if (has_glass && !(g.f < out.f)) {  // also taken when no paramagnet is physical (f NaN)
    out.f = g.f;
    out.is_glass = true;
  }
  return out;
}

RsTransportFold transport_retrieval_spinodal(const Model& model) {
  validate(model);
  // > 0 where no retrieval characteristic reaches the model point.
  auto lowest_at = [&](double T) {
    return lowest_landing(RsTransportHamiltonian(model, 1.0 / T)).value;
  };
  // Bracket from above: the spinodal of the unloaded signal part (the caustic at zero field,
  // transport.md section 4) with a margin, then down in steps of 10 %.
  double hi = 1.5 / caustic_at_zero_field(model.P).t;
  if (!(lowest_at(hi) > 0.0)) return fold_failed(LineStatus::budget_spent);
  double lo = NAN;
  for (int k = 0; k < 60; ++k) {
    const double T = 0.9 * hi;
    if (lowest_at(T) < 0.0) {
      lo = T;
      break;
    }
    hi = T;
  }
  if (std::isnan(lo)) return fold_failed(LineStatus::absent);
  const ScalarRoot root = find_root(lowest_at, lo, hi, 1e-13 * hi);
  if (!root.bracketed()) return fold_failed(LineStatus::budget_spent);
  const RsTransportHamiltonian H(model, 1.0 / root.x);
  const ScalarExtremum lowest = lowest_landing(H);
  return {.T = root.x,
          .point = characteristic_to_w_zero(H, lowest.x),
          .status = root.converged ? LineStatus::found : LineStatus::budget_spent};
}

RsTransportTransition transport_retrieval_transition(const Model& model,
                                                     const RsTransportFold& fold) {
  if (fold.status != LineStatus::found) return {};
  // > 0 where the retrieval characteristic has the lower f (+inf where no m = 0 state is
  // physical), NaN where no retrieval characteristic was found.
  auto retrieval_wins = [&](double T) {
    const RsTransportPoint r = transport_retrieval(model, T);
    if (!r.found) return double{NAN};
    const RsTransportM0 m0 = transport_m0_state(model, T);
    return std::isnan(m0.f) ? INFINITY : (m0.f - r.f) / T;
  };
  // Descend from just below the fold in steps of 2 % of T_M to the first T where retrieval wins.
  const double step = 0.02 * fold.T;
  double hi = fold.T * (1.0 - 1e-8);
  const double first = retrieval_wins(hi);
  if (std::isnan(first)) return {.T = NAN, .status = LineStatus::budget_spent};
  if (first >= 0.0) return {.T = hi, .status = LineStatus::found};
  for (int k = 1; k <= 47; ++k) {
    const double lo = fold.T - k * step;
    const double d = retrieval_wins(lo);
    if (std::isnan(d)) return {.T = NAN, .status = LineStatus::budget_spent};
    if (d >= 0.0) {
      const ScalarRoot root = find_root(retrieval_wins, lo, hi, 1e-13 * fold.T);
      return {.T = root.x, .status = root.converged ? LineStatus::found : LineStatus::budget_spent};
    }
    hi = lo;
  }
  return {};
}

}  // namespace dhn::theory

// Pseudo-arclength continuation of a curve F(y) = 0, F: R^(N+1) -> R^N, towards increasing last
// component (a temperature), with detection and bisection of the first fold where it turns back.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <optional>
#include <type_traits>

#include "dhn/theory/line_status.hpp"
#include "dhn/theory/solve.hpp"

namespace dhn::theory {

template <int N>
struct CurveLinearisation {
  Vec<N> residual;                           // F(y)
  Eigen::Matrix<double, N, N + 1> jacobian;  // dF/dy
};

// How the fold is located between the last rising point and the first falling one.
enum class FoldRefinement {
  bisection,       // halve the arclength on the sign of the tangent's last component
  false_position,  // the same bracket closed by Illinois false position on that component (it
                   // crosses 0 linearly at a quadratic fold): ~6 steps instead of ~47
};

struct ContinuationOptions {
  double initial_step = 1e-2;  // arclength, in the (scaled) units of y
  double max_step = 5e-2;
  double min_step = 1e-11;
  int budget = 4000;         // corrector attempts
  double tolerance = 1e-13;  // corrector residual
  FoldRefinement refinement = FoldRefinement::bisection;
};

template <int N>
struct FoldResult {
  Vec<N + 1> y;                    // the fold (or the last point when `ended_at_boundary`)
  bool ended_at_boundary = false;  // `stop(y)` fired before any fold: the curve left the domain
  LineStatus status = LineStatus::absent;
  int steps = 0;
};

// Unit tangent of the curve at a point: the null vector of the N x (N+1) Jacobian, oriented along
// `orientation` (solves [J; orientation^T] t = [0; 1]).
template <int N>
std::optional<Vec<N + 1>> curve_tangent(const Eigen::Matrix<double, N, N + 1>& J,
                                        const Vec<N + 1>& orientation) {
  Mat<N + 1> A;
  A.template topRows<N>() = J;
  A.row(N) = orientation.transpose();
  Vec<N + 1> rhs = Vec<N + 1>::Zero();
  rhs(N) = 1.0;
  Vec<N + 1> t = A.fullPivLu().solve(rhs);
  if (!t.allFinite() || t.norm() == 0.0) return std::nullopt;
  return t.normalized();
}

// Narrows a bracket [lo, hi] of a switch (event(lo) holds, event(hi) does not) to a relative width
// `relative_width`. A bool event is bisected. An event that returns a double holds where the value
// is >= 0; where the value crosses 0 continuously (a free-energy difference, an eigenvalue minus
// 1) false position with the Illinois modification converges superlinearly (a few evaluations
// instead of 40 bisections); a non-finite value, or a bracket that has not halved in two steps (a
// jump rather than a crossing), takes a bisection step, so the bracket always closes.
// g_lo and g_hi are the double event's values at the ends (ignored for a bool event).
template <class Event>
double refine_switch(Event&& event, double lo, double g_lo, double hi, double g_hi,
                     double relative_width) {
  constexpr int kMaxRefinements = 200;
  using Value = std::invoke_result_t<Event&, double>;
  if constexpr (std::is_same_v<Value, bool>) {
    for (int b = 0; b < kMaxRefinements && hi - lo > relative_width * hi; ++b) {
      const double mid = 0.5 * (lo + hi);
      (event(mid) ? lo : hi) = mid;
    }
  } else {
    int kept_side = 0;  // -1: lo was replaced last step (hi kept), +1: hi was replaced
    double width_two_steps_ago = INFINITY, width_one_step_ago = hi - lo;
    for (int b = 0; b < kMaxRefinements && hi - lo > relative_width * hi; ++b) {
      double mid = 0.5 * (lo + hi);
      const bool crossing = std::isfinite(g_lo) && std::isfinite(g_hi) && g_lo - g_hi > 0.0;
      if (crossing && hi - lo <= 0.5 * width_two_steps_ago) {
        const double secant = lo + (hi - lo) * g_lo / (g_lo - g_hi);
        // Keep the trial strictly inside, at least a rounding step from either end.
        const double margin = 0.25 * relative_width * hi;
        if (secant > lo + margin && secant < hi - margin) mid = secant;
      }
      const double g_mid = event(mid);
      if (g_mid >= 0.0) {
        lo = mid;
        g_lo = g_mid;
        if (kept_side == -1) g_hi *= 0.5;  // Illinois: the end kept twice has its value halved
        kept_side = -1;
      } else {
        hi = mid;
        g_hi = g_mid;
        if (kept_side == +1) g_lo *= 0.5;
        kept_side = +1;
      }
      width_two_steps_ago = width_one_step_ago;
      width_one_step_ago = hi - lo;
    }
  }
  return 0.5 * (lo + hi);
}

// Follows the curve from `start` (a solution) in the direction where y(N) grows, until the
// tangent's last component changes sign (a fold: the maximum of y(N)), then bisects the arclength
// to the fold to 1e-14 of the step. `linearise(y)` returns nullopt outside the domain; `stop(y)`
// ends the walk with ended_at_boundary (e.g. m or q reaching 0).
template <int N, class Linearise, class Stop>
FoldResult<N> follow_to_fold(Linearise&& linearise, Stop&& stop, Vec<N + 1> start,
                             const ContinuationOptions& options = {}) {
  FoldResult<N> out;
  out.y = start;
  auto lin0 = linearise(start);
  if (!lin0) return out;
  Vec<N + 1> up = Vec<N + 1>::Zero();
  up(N) = 1.0;
  std::optional<Vec<N + 1>> t = curve_tangent<N>(lin0->jacobian, up);
  if (!t) return out;

  // One predictor-corrector step of arclength h from (y, t): Newton on [F(y'); t.(y' - y) - h].
  auto step_from = [&](const Vec<N + 1>& y, const Vec<N + 1>& tangent,
                       double h) -> std::optional<Vec<N + 1>> {
    const Vec<N + 1> predicted = y + h * tangent;
    auto augmented = [&](const Vec<N + 1>& x) -> std::optional<Linearisation<N + 1>> {
      auto l = linearise(x);
      if (!l) return std::nullopt;
      Linearisation<N + 1> a;
      a.residual.template head<N>() = l->residual;
      a.residual(N) = tangent.dot(x - predicted);
      a.jacobian.template topRows<N>() = l->jacobian;
      a.jacobian.row(N) = tangent.transpose();
      return a;
    };
    const SolveResult<N + 1> r =
        newton<N + 1>(augmented, predicted, {.tolerance = options.tolerance, .max_iterations = 12});
    if (!r.converged) return std::nullopt;
    return r.x;
  };
  auto tangent_at = [&](const Vec<N + 1>& y,
                        const Vec<N + 1>& orientation) -> std::optional<Vec<N + 1>> {
    auto l = linearise(y);
    if (!l) return std::nullopt;
    return curve_tangent<N>(l->jacobian, orientation);
  };

  Vec<N + 1> y = start;
  double h = options.initial_step;
  for (int attempt = 0; attempt < options.budget; ++attempt) {
    out.steps = attempt + 1;
    const std::optional<Vec<N + 1>> next = step_from(y, *t, h);
    std::optional<Vec<N + 1>> t_next;
    if (next) t_next = tangent_at(*next, *t);
    if (!next || !t_next) {
      h *= 0.5;
      if (h < options.min_step) {
        out.status = LineStatus::step_too_small;
        out.y = y;
        return out;
      }
      continue;
    }
    if (stop(*next)) {
      out.y = *next;
      out.ended_at_boundary = true;
      out.status = LineStatus::found;
      return out;
    }
    if ((*t_next)(N) <= 0.0 && options.refinement == FoldRefinement::false_position) {
      // Fold between y (rising) and next (falling): the arclength where the tangent's last
      // component vanishes, to 1e-14 of the step (a failed corrector counts as past the fold).
      Vec<N + 1> best = *next;
      auto rising = [&](double sigma) -> double {
        const std::optional<Vec<N + 1>> p = step_from(y, *t, sigma);
        const std::optional<Vec<N + 1>> tp = p ? tangent_at(*p, *t) : std::nullopt;
        if (!p || !tp) return NAN;
        best = *p;
        return (*tp)(N);
      };
      const double sigma = refine_switch(rising, 0.0, (*t)(N), h, (*t_next)(N), 1e-14);
      rising(sigma);
      out.y = best;
      out.status = LineStatus::found;
      return out;
    }
    if ((*t_next)(N) <= 0.0) {
      // Fold between y (rising) and next (falling): bisect the arclength from y.
      double lo = 0.0, hi = h;
      Vec<N + 1> best = *next;
      for (int b = 0; b < 60 && hi - lo > 1e-14 * h; ++b) {
        const double mid = 0.5 * (lo + hi);
        const std::optional<Vec<N + 1>> p = step_from(y, *t, mid);
        const std::optional<Vec<N + 1>> tp = p ? tangent_at(*p, *t) : std::nullopt;
        if (!p || !tp) break;
        best = *p;
        ((*tp)(N) > 0.0 ? lo : hi) = mid;
      }
      out.y = best;
      out.status = LineStatus::found;
      return out;
    }
    y = *next;
    t = t_next;
    h = std::min(1.5 * h, options.max_step);
  }
  out.status = LineStatus::budget_spent;
  out.y = y;
  return out;
}

// A temperature at which some event first happens, and whether it was found.
struct Transition {
  double T = NAN;
  LineStatus status = LineStatus::absent;
};

// First temperature below T_hi where `event(T)` holds (a bool, or a double that holds where >= 0:
// see refine_switch): a descent in 32 equal steps down to T_hi/32 (or, with geometric_floor > 0,
// in steps of ratio 0.8 down to T_hi * geometric_floor, preceded by 64 equal steps down to T_hi/8
// so that an event confined to a narrow window just below T_hi, as on a re-entrant branch, is not
// stepped over), then refinement of the first switch to a relative width of 1e-12. `event`
// carries its own warm starts. An event already true just below T_hi gives T = T_hi.
template <class Event>
Transition descend_to_event(Event&& event, double T_hi, double geometric_floor = 0.0) {
  constexpr int kLinear = 64;
  constexpr double kLinearFloor = 0.125;
  const int geometric_steps =
      geometric_floor > 0.0
          ? static_cast<int>(std::ceil(std::log(geometric_floor / kLinearFloor) / std::log(0.8))) +
                1
          : 0;
  const int steps = geometric_floor > 0.0 ? kLinear + geometric_steps : 32;
  auto value = [&](double T) -> double {  // a bool event as +-1
    using Value = std::invoke_result_t<Event&, double>;
    if constexpr (std::is_same_v<Value, bool>) {
      return event(T) ? 1.0 : -1.0;
    } else {
      return event(T);
    }
  };
  Transition out;
  double T_above = T_hi, g_above = NAN;
  for (int k = 0; k < steps; ++k) {
    double fraction;
    if (geometric_floor <= 0.0) {
      fraction = 1.0 - static_cast<double>(k) / steps;
    } else if (k < kLinear) {
      fraction = 1.0 - (1.0 - kLinearFloor) * static_cast<double>(k) / kLinear;
    } else {
      fraction = kLinearFloor * std::pow(0.8, k - kLinear);
    }
    const double T = T_hi * fraction * (1.0 - 1e-9);
    const double g = value(T);
    if (!(g >= 0.0)) {
      T_above = T;
      g_above = g;
      continue;
    }
    if (k == 0) {
      out.T = T_hi;
      out.status = LineStatus::found;
      return out;
    }
    out.T = refine_switch(event, T, g, T_above, g_above, 1e-12);  // holds at T, not at T_above
    out.status = LineStatus::found;
    return out;
  }
  return out;  // absent
}

}  // namespace dhn::theory

#include "dhn/theory/rsb1_capacity.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

#include "dhn/model/covariance.hpp"
#include "dhn/theory/continuation.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/rsb1_ground_state.hpp"
#include "dhn/theory/scalar_solvers.hpp"
#include "dhn/theory/solve.hpp"
#include "dhn/theory/zero_temperature.hpp"

namespace dhn::theory {
namespace {

constexpr double kDegenerateQ1 = 1.0 - 1e-7;  // q1 above this is the RS point
constexpr int kMuScan = 24;

// (m, q1) at fixed mu: damped iteration of (m, q1) <- (E<s>, E<s>^2), then Newton with a
// central-difference Jacobian (step 1e-7).
std::optional<Vec<2>> solve_m_q1(const Rsb1GroundStateDense& g, double mu, const Vec<2>& guess) {
  auto map = [&](const Vec<2>& x) -> std::optional<Vec<2>> {
    if (!(x(0) > 0.0 && x(0) <= 1.0 && x(1) > 0.0 && x(1) < 1.0)) return std::nullopt;
    const auto s = g.stationarity(x(0), x(1), mu);
    return Vec<2>(x(0) + s.dm, x(1) + s.dq1);
  };
  const SolveResult<2> fp =
      damped_iteration<2>(map, guess, {.tolerance = 1e-7, .max_iterations = 300});
  auto linearise = [&](const Vec<2>& x) -> std::optional<Linearisation<2>> {
    const std::optional<Vec<2>> fx = map(x);
    if (!fx) return std::nullopt;
    Linearisation<2> lin;
    lin.residual = *fx - x;
    for (int k = 0; k < 2; ++k) {
      const double h = 1e-7;
      Vec<2> up = x, down = x;
      up(k) += h;
      down(k) -= h;
      const std::optional<Vec<2>> f_up = map(up), f_down = map(down);
      if (!f_up || !f_down) return std::nullopt;
      lin.jacobian.col(k) = (*f_up - *f_down) / (2 * h);
      lin.jacobian(k, k) -= 1.0;
    }
    return lin;
  };
  const SolveResult<2> nt = newton<2>(linearise, fp.x, {.tolerance = 1e-12, .max_iterations = 30});
  if (!nt.converged || nt.x(0) < 0.3 || nt.x(1) > kDegenerateQ1) return std::nullopt;
  return nt.x;
}

}  // namespace

Rsb1RetrievalPoint rsb1_retrieval_ground_state(const Model& model) {
  if (model.P < 3) throw std::invalid_argument("rsb1_retrieval_ground_state needs P >= 3");
  const Rsb1GroundStateDense g(model);
  const double s = std::sqrt(NoiseCovariance(model).derivative(1.0));
  Vec<2> warm(1.0, 0.99);
  std::vector<double> mu(kMuScan), D(kMuScan, NAN);
  std::vector<Vec<2>> x(kMuScan);
  for (int k = 0; k < kMuScan; ++k) {
    mu[k] = 0.05 * std::pow(1000.0, static_cast<double>(k) / (kMuScan - 1)) / s;
    const std::optional<Vec<2>> sol = solve_m_q1(g, mu[k], warm);
    if (!sol) continue;
    warm = *sol;
    x[k] = *sol;
    D[k] = g.stationarity((*sol)(0), (*sol)(1), mu[k]).dmu;
  }
  // Brackets of a sign change of d(-e)/dmu from - to + (a maximum of e over mu). Near the 1RSB
  // spinodal the retrieval branch in mu is short and can end between two scan points while
  // d(-e)/dmu is still negative at the last one: that interval is scanned again 16 times finer.
  struct Bracket {
    double lo, hi;
    Vec<2> x_lo;
  };
  std::vector<Bracket> brackets;
  for (int k = 0; k + 1 < kMuScan; ++k) {
    if (D[k] < 0.0 && D[k + 1] > 0.0) brackets.push_back({mu[k], mu[k + 1], x[k]});
    if (!(D[k] < 0.0 && std::isnan(D[k + 1]))) continue;
    double mu_prev = mu[k];
    Vec<2> x_prev = x[k];
    for (int j = 1; j < 16; ++j) {
      const double mu_j = mu[k] * std::pow(mu[k + 1] / mu[k], j / 16.0);
      const std::optional<Vec<2>> sol = solve_m_q1(g, mu_j, x_prev);
      if (!sol) break;
      if (g.stationarity((*sol)(0), (*sol)(1), mu_j).dmu > 0.0) {
        brackets.push_back({mu_prev, mu_j, x_prev});
        break;
      }
      mu_prev = mu_j;
      x_prev = *sol;
    }
  }
  Rsb1RetrievalPoint best;
  for (const Bracket& bracket : brackets) {
    Vec<2> local = bracket.x_lo;
    auto dmu = [&](double value) {
      const std::optional<Vec<2>> sol = solve_m_q1(g, value, local);
      if (!sol) return std::numeric_limits<double>::quiet_NaN();
      local = *sol;
      return g.stationarity((*sol)(0), (*sol)(1), value).dmu;
    };
    const ScalarRoot mu_root = find_root(dmu, bracket.lo, bracket.hi, 1e-12 * bracket.hi);
    if (!mu_root.bracketed()) continue;
    const double root = mu_root.x;
    const std::optional<Vec<2>> sol = solve_m_q1(g, root, local);
    if (!sol) continue;
    const double e = g.energy((*sol)(0), (*sol)(1), root);
    if (!best.found || e > best.energy) {
      const auto st = g.stationarity((*sol)(0), (*sol)(1), root);
      best = {(*sol)(0),
              (*sol)(1),
              root,
              e,
              std::max({std::abs(st.dm), std::abs(st.dq1), std::abs(st.dmu)}),
              true};
    }
  }
  return best;
}

Rsb1Capacity rsb1_capacity(const Model& model) {
  validate(model);
  if (model.P < 3)
    throw std::invalid_argument("rsb1_capacity needs P >= 3 (P = 2 is not implemented yet)");
  Rsb1Capacity out;
  const RsCapacity rs = rs_capacity(model);
  auto at = [&](double alpha) {
    return rsb1_retrieval_ground_state(Model{model.P, model.variant, alpha});
  };
  // A nondegenerate point below the RS spinodal (the mu-bracketing solver picks the branch that
  // maximises e over mu), then pseudo-arclength continuation of the full stationarity conditions
  // in (m, q1, ln mu, alpha/alpha_ref) to the fold in alpha: the spinodal, exact to the corrector
  // tolerance (bisection of the arclength to 1e-14 of a step).
  const double alpha_ref = rs.alpha_spinodal;
  double alpha0 = alpha_ref;
  Rsb1RetrievalPoint start;
  for (int k = 0; k < 6 && !start.found; ++k) {
    alpha0 *= 0.9;
    start = at(alpha0);
  }
  if (!start.found) return out;
  auto conditions = [&](const Vec<4>& y) {
    const Rsb1GroundStateDense g(Model{model.P, model.variant, y(3) * alpha_ref});
    const auto c = g.stationarity(y(0), y(1), std::exp(y(2)));
    return Vec<3>(c.dm, c.dq1, c.dmu);
  };
  auto linearise = [&](const Vec<4>& y) -> std::optional<CurveLinearisation<3>> {
    constexpr double h = 1e-7;  // central differences; the conditions are accurate to ~1e-14
    if (!(y(0) > h && y(0) <= 1.0 - h && y(1) > h && y(1) < kDegenerateQ1 && y(3) > 0.0))
      return std::nullopt;
    CurveLinearisation<3> lin;
    lin.residual = conditions(y);
    for (int k = 0; k < 4; ++k) {
      Vec<4> up = y, down = y;
      up(k) += h;
      down(k) -= h;
      lin.jacobian.col(k) = (conditions(up) - conditions(down)) / (2 * h);
    }
    return lin;
  };
  auto energy_gap = [&](const Vec<4>& y) {  // e_retrieval - e_SG on the 1RSB branch
    const Model here{model.P, model.variant, y(3) * alpha_ref};
    return Rsb1GroundStateDense(here).energy(y(0), y(1), std::exp(y(2))) -
           rsb1_glass_ground_state(NoiseCovariance(here)).energy;
  };
  // If the retrieval state is already below the glass at alpha0, the crossing (if any) lies further
  // up the branch: the walk to the fold stops at the first point where the gap turns positive.
  const Vec<4> y0(start.m, start.q1, std::log(start.mu), alpha0 / alpha_ref);
  const bool below_glass_at_start = energy_gap(y0) <= 0.0;
  std::optional<Vec<4>> last_below;
  auto crossing = [&](const Vec<4>& y) {
    if (!below_glass_at_start) return false;
    if (energy_gap(y) > 0.0) return true;
    last_below = y;
    return false;
  };
  const FoldResult<3> fold = follow_to_fold<3>(
      linearise, crossing, y0, {.initial_step = 1e-2, .max_step = 5e-2, .tolerance = 1e-10});
  if (fold.status != LineStatus::found) {
    out.status = fold.status;
    return out;
  }
  if (fold.ended_at_boundary) {
    // Bisect alpha between the last point below the glass and the first above, Newton at fixed
    // alpha.
    Vec<4> lo_y = last_below ? *last_below : y0, hi_y = fold.y;
    for (int b = 0; b < 50 && hi_y(3) - lo_y(3) > 1e-10 * hi_y(3); ++b) {
      const double mid = 0.5 * (lo_y(3) + hi_y(3));
      auto fixed = [&](const Vec<3>& x) -> std::optional<Linearisation<3>> {
        auto l = linearise(Vec<4>(x(0), x(1), x(2), mid));
        if (!l) return std::nullopt;
        return Linearisation<3>{l->residual, l->jacobian.template leftCols<3>()};
      };
      const SolveResult<3> r =
          newton<3>(fixed, lo_y.head<3>(), {.tolerance = 1e-10, .max_iterations = 30});
      if (!r.converged) break;
      const Vec<4> y(r.x(0), r.x(1), r.x(2), mid);
      (energy_gap(y) > 0.0 ? hi_y : lo_y) = y;
    }
    out.alpha_global = 0.5 * (lo_y(3) + hi_y(3)) * alpha_ref;
    out.m_global = lo_y(0);
    // The spinodal lies beyond: continue from the crossing to the fold.
    auto never = [](const Vec<4>&) { return false; };
    const FoldResult<3> rest = follow_to_fold<3>(
        linearise, never, hi_y, {.initial_step = 1e-2, .max_step = 5e-2, .tolerance = 1e-10});
    out.status = rest.status;
    if (rest.status != LineStatus::found) return out;
    out.alpha_spinodal = rest.y(3) * alpha_ref;
    out.m_spinodal = rest.y(0);
    out.q1_spinodal = rest.y(1);
    out.mu_spinodal = std::exp(rest.y(2));
    return out;
  }
  out.status = LineStatus::found;
  out.alpha_spinodal = fold.y(3) * alpha_ref;
  out.m_spinodal = fold.y(0);
  out.q1_spinodal = fold.y(1);
  out.mu_spinodal = std::exp(fold.y(2));
  if (below_glass_at_start) {  // below the glass all the way to the spinodal
    out.alpha_global = out.alpha_spinodal;
    out.m_global = out.m_spinodal;
    return out;
  }

  // Otherwise the crossing lies below alpha0, where the physical retrieval energy is the larger of
  // the 1RSB point (mu-bracketing solver) and the RS point.
  const RsGroundStateDense rs_ground(model.P, model.variant);
  auto gap = [&](double alpha) {
    const double m_rs = rs_ground.retrieval_m(alpha);
    double e = rs_ground.retrieval_energy(m_rs, alpha);
    const Rsb1RetrievalPoint p = at(alpha);
    if (p.found && p.energy > e) e = p.energy;
    return e -
           rsb1_glass_ground_state(NoiseCovariance(Model{model.P, model.variant, alpha})).energy;
  };
  double lo_g = 0.5 * alpha0;
  while (lo_g > 1e-6 * alpha0 && gap(lo_g) > 0.0) lo_g *= 0.5;
  const ScalarRoot global = find_root(gap, lo_g, alpha0, 1e-9 * alpha0);
  if (!global.bracketed()) return out;  // no crossing found: alpha_global and m_global NaN
  out.alpha_global = global.x;
  const Rsb1RetrievalPoint p = at(out.alpha_global);
  out.m_global = p.found ? p.m : rs_ground.retrieval_m(out.alpha_global);
  return out;
}

}  // namespace dhn::theory

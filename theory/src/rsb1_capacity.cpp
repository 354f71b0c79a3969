#include "dhn/theory/rsb1_capacity.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <mutex>
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

// Newton for the fixed point x = F(x) in (m, q1) with a central-difference Jacobian (step 1e-7)
// and a line search on the residual alone (the Jacobian is differenced only at accepted points; at
// most 10 halvings): a failing solve costs tens of evaluations of F, not thousands.
template <class Map>
SolveResult<2> newton_fixed_point_2(Map&& map, Vec<2> x, int max_iterations) {
  SolveResult<2> out;
  out.x = x;
  auto residual = [&](const Vec<2>& y) -> std::optional<Vec<2>> {
    const std::optional<Vec<2>> f = map(y);
    if (!f) return std::nullopt;
    return Vec<2>(*f - y);
  };
  std::optional<Vec<2>> r = residual(x);
  if (!r) return out;
  double norm = r->lpNorm<Eigen::Infinity>();
  for (int it = 0; it < max_iterations && norm >= 1e-12; ++it) {
    Mat<2> J;
    for (int k = 0; k < 2; ++k) {
      constexpr double h = 1e-7;
      Vec<2> up = x, down = x;
      up(k) += h;
      down(k) -= h;
      const std::optional<Vec<2>> r_up = residual(up), r_down = residual(down);
      if (!r_up || !r_down) return out;
      J.col(k) = (*r_up - *r_down) / (2 * h);
    }
    const Vec<2> step = -J.fullPivLu().solve(*r);
    if (!step.allFinite()) break;
    bool accepted = false;
    double lambda = 1.0;
    for (int halving = 0; halving < 10 && !accepted; ++halving, lambda *= 0.5) {
      const Vec<2> trial = x + lambda * step;
      const std::optional<Vec<2>> r_trial = residual(trial);
      if (!r_trial || !(r_trial->lpNorm<Eigen::Infinity>() < norm)) continue;
      x = trial;
      r = r_trial;
      norm = r->lpNorm<Eigen::Infinity>();
      accepted = true;
    }
    if (!accepted) break;
    out.iterations = it + 1;
  }
  out.x = x;
  out.residual = norm;
  out.converged = norm < 1e-12;
  return out;
}

// (m, q1) at fixed mu: damped iteration of (m, q1) <- (E<s>, E<s>^2), then Newton; from a warm
// guess (`warm`: a solution at a neighbouring mu) Newton alone first.
std::optional<Vec<2>> solve_m_q1(const Rsb1GroundStateDense& g, double mu, const Vec<2>& guess,
                                 bool warm) {
  auto map = [&](const Vec<2>& x) -> std::optional<Vec<2>> {
    if (!(x(0) > 0.0 && x(0) <= 1.0 && x(1) > 0.0 && x(1) < 1.0)) return std::nullopt;
    const auto s = g.stationarity(x(0), x(1), mu);
    return Vec<2>(x(0) + s.dm, x(1) + s.dq1);
  };
  auto acceptable = [](const SolveResult<2>& r) {
    return r.converged && r.x(0) >= 0.3 && r.x(1) <= kDegenerateQ1;
  };
  if (warm) {
    // From a neighbour's solution Newton alone stays on the branch and needs a few steps; the
    // damped iteration below is the cold fallback.
    const SolveResult<2> direct = newton_fixed_point_2(map, guess, 12);
    if (acceptable(direct)) return direct.x;
  }
  const SolveResult<2> fp =
      damped_iteration<2>(map, guess, {.tolerance = 1e-7, .max_iterations = 300});
  const SolveResult<2> nt = newton_fixed_point_2(map, fp.x, 30);
  if (!acceptable(nt)) return std::nullopt;
  return nt.x;
}

Rsb1RetrievalPoint scan_retrieval_ground_state(const Model& model);

// The T = 0 1RSB retrieval branch as a curve in y = (m, q1, ln mu, alpha/alpha_ref): the three
// stationarity conditions and their central-difference linearisation (step 1e-7; the conditions
// are accurate to ~1e-14).
class GroundBranch {
 public:
  explicit GroundBranch(const Model& model)
      : model_(model), alpha_ref_(rs_capacity(model).alpha_spinodal) {}
  double alpha_ref() const { return alpha_ref_; }

  Vec<3> conditions(const Vec<4>& y) const {
    const Rsb1GroundStateDense g(Model{model_.P, model_.variant, y(3) * alpha_ref_});
    const auto c = g.stationarity(y(0), y(1), std::exp(y(2)));
    return Vec<3>(c.dm, c.dq1, c.dmu);
  }
  std::optional<CurveLinearisation<3>> linearise(const Vec<4>& y) const {
    constexpr double h = 1e-7;
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
  }
  // The point of the branch with the given m, by Newton on (q1, ln mu, alpha) from `guess`. m
  // parametrises the branch through its fold in alpha (m falls monotonically towards the fold),
  // where a solve at fixed alpha turns singular.
  std::optional<Vec<4>> at_m(double m, const Vec<4>& guess) const {
    auto fixed_m = [&](const Vec<3>& x) -> std::optional<Linearisation<3>> {
      const auto l = linearise(Vec<4>(m, x(0), x(1), x(2)));
      if (!l) return std::nullopt;
      return Linearisation<3>{l->residual, l->jacobian.rightCols<3>()};
    };
    const SolveResult<3> r =
        newton<3>(fixed_m, guess.tail<3>(), {.tolerance = 1e-12, .max_iterations = 30});
    if (!r.converged) return std::nullopt;
    return Vec<4>(m, r.x(0), r.x(1), r.x(2));
  }
  // The point at fixed alpha (scaled) by Newton on (m, q1, ln mu) from a start close to it.
  std::optional<Vec<4>> at_alpha(double scaled_alpha, const Vec<4>& start) const {
    auto fixed_alpha = [&](const Vec<3>& x) -> std::optional<Linearisation<3>> {
      const auto l = linearise(Vec<4>(x(0), x(1), x(2), scaled_alpha));
      if (!l) return std::nullopt;
      return Linearisation<3>{l->residual, l->jacobian.leftCols<3>()};
    };
    const SolveResult<3> r =
        newton<3>(fixed_alpha, start.head<3>(), {.tolerance = 1e-12, .max_iterations = 30});
    if (!r.converged) return std::nullopt;
    return Vec<4>(r.x(0), r.x(1), r.x(2), scaled_alpha);
  }
  // Bisection in m between two points of the branch for the sign change of `side(y)` (false at
  // `lo`, true at `hi`), each point from its bracket end's neighbour; stops when alpha is pinned
  // to 1e-13 relative. Returns the bracket (lo, hi).
  template <class Side>
  std::pair<Vec<4>, Vec<4>> bisect_in_m(Vec<4> lo, Vec<4> hi, Side&& side) const {
    for (int b = 0;
         b < 80 && std::abs(hi(3) - lo(3)) > 1e-13 * hi(3) && std::abs(hi(0) - lo(0)) > 1e-15;
         ++b) {
      const std::optional<Vec<4>> mid = at_m(0.5 * (lo(0) + hi(0)), 0.5 * (lo + hi));
      if (!mid) break;
      (side(*mid) ? hi : lo) = *mid;
    }
    return {lo, hi};
  }

 private:
  Model model_;
  double alpha_ref_;
};

// A point of the 1RSB retrieval branch below the RS spinodal from the mu-bracketing solver (the
// start of every continuation), scaled as GroundBranch's y.
std::optional<Vec<4>> branch_start(const Model& model, double alpha_ref) {
  double alpha0 = alpha_ref;
  for (int k = 0; k < 6; ++k) {
    alpha0 *= 0.9;
    const Rsb1RetrievalPoint p = scan_retrieval_ground_state(Model{model.P, model.variant, alpha0});
    if (p.found) return Vec<4>(p.m, p.q1, std::log(p.mu), alpha0 / alpha_ref);
  }
  return std::nullopt;
}

// The fold of the branch (the 1RSB spinodal), once per (P, variant): the retrieval point near
// the spinodal is found from it.
std::optional<Vec<4>> branch_fold(const Model& model) {
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::optional<Vec<4>>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  const auto key = std::pair{model.P, static_cast<int>(model.variant)};
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  const GroundBranch branch(model);
  std::optional<Vec<4>> fold;
  if (const std::optional<Vec<4>> y0 = branch_start(model, branch.alpha_ref())) {
    const FoldResult<3> f = follow_to_fold<3>(
        [&](const Vec<4>& y) { return branch.linearise(y); }, [](const Vec<4>&) { return false; },
        *y0, {.initial_step = 1e-2, .max_step = 5e-2, .tolerance = 1e-10});
    if (f.status == LineStatus::found) fold = f.y;
  }
  cache.emplace(key, fold);
  return fold;
}

// Close below the spinodal the branch in mu is too short for the scan: the point at alpha is
// found from the fold instead, by walking m up the branch until alpha falls below the target and
// bisecting in m (regular through the fold), then Newton at the exact alpha.
constexpr double kNearSpinodal = 0.9;     // alpha / alpha_spinodal above which this route is tried
constexpr double kDirectFromFold = 0.97;  // ... and above which it is taken before the scan
std::optional<Vec<4>> branch_point_near_spinodal(const Model& model) {
  const std::optional<Vec<4>> fold = branch_fold(model);
  if (!fold) return std::nullopt;
  const GroundBranch branch(model);
  const double target = model.alpha / branch.alpha_ref();
  if (!(target < (*fold)(3) && target > kNearSpinodal * (*fold)(3))) return std::nullopt;
  Vec<4> lo = *fold, hi = *fold;
  bool bracketed = false;
  for (double dm = 1e-5; dm < 1.0 && !bracketed; dm *= 2.0) {
    const std::optional<Vec<4>> y = branch.at_m((*fold)(0) + dm, lo);
    if (!y) return std::nullopt;
    (y->coeff(3) < target ? hi : lo) = *y;
    bracketed = y->coeff(3) < target;
  }
  if (!bracketed) return std::nullopt;
  // Illinois false position on alpha(m) - target (smooth in m, quadratic at the fold), each point
  // from the bracket end on its side; then Newton at the exact alpha.
  double g_lo = lo(3) - target, g_hi = hi(3) - target;
  int side = 0;
  for (int it = 0; it < 60 && std::min(std::abs(g_lo), std::abs(g_hi)) > 1e-13 * target; ++it) {
    const double m = (lo(0) * g_hi - hi(0) * g_lo) / (g_hi - g_lo);
    const std::optional<Vec<4>> y = branch.at_m(m, std::abs(g_lo) < std::abs(g_hi) ? lo : hi);
    if (!y) return std::nullopt;
    const double g = (*y)(3) - target;
    if (g >= 0.0) {
      lo = *y;
      g_lo = g;
      if (side == -1) g_hi *= 0.5;
      side = -1;
    } else {
      hi = *y;
      g_hi = g;
      if (side == 1) g_lo *= 0.5;
      side = 1;
    }
  }
  return branch.at_alpha(target, std::abs(lo(3) - target) < std::abs(hi(3) - target) ? lo : hi);
}

// The mu scan and Brent on d(-e)/dmu (see rsb1_retrieval_ground_state).
Rsb1RetrievalPoint scan_retrieval_ground_state(const Model& model) {
  const Rsb1GroundStateDense g(model);
  const double s = std::sqrt(NoiseCovariance(model).derivative(1.0));
  Vec<2> warm(1.0, 0.99);
  bool have_warm = false;  // warm holds a solution at a neighbouring mu
  std::vector<double> mu(kMuScan), D(kMuScan, NAN);
  std::vector<Vec<2>> x(kMuScan);
  for (int k = 0; k < kMuScan; ++k) {
    mu[k] = 0.05 * std::pow(1000.0, static_cast<double>(k) / (kMuScan - 1)) / s;
    const std::optional<Vec<2>> sol = solve_m_q1(g, mu[k], warm, have_warm);
    if (!sol) continue;
    warm = *sol;
    have_warm = true;
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
      const std::optional<Vec<2>> sol = solve_m_q1(g, mu_j, x_prev, true);
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
      const std::optional<Vec<2>> sol = solve_m_q1(g, value, local, true);
      if (!sol) return std::numeric_limits<double>::quiet_NaN();
      local = *sol;
      return g.stationarity((*sol)(0), (*sol)(1), value).dmu;
    };
    const ScalarRoot mu_root = find_root(dmu, bracket.lo, bracket.hi, 1e-12 * bracket.hi);
    if (!mu_root.bracketed()) continue;
    const double root = mu_root.x;
    const std::optional<Vec<2>> sol = solve_m_q1(g, root, local, true);
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

// The retrieval ground state at the branch point y = (m, q1, ln mu, .) of the model: its energy
// and the largest stationarity residual.
Rsb1RetrievalPoint ground_point_at(const Model& model, const Vec<4>& y) {
  const Rsb1GroundStateDense g(model);
  const double mu = std::exp(y(2));
  const auto st = g.stationarity(y(0), y(1), mu);
  return {y(0),
          y(1),
          mu,
          g.energy(y(0), y(1), mu),
          std::max({std::abs(st.dm), std::abs(st.dq1), std::abs(st.dmu)}),
          true};
}

}  // namespace

Rsb1RetrievalPoint rsb1_retrieval_ground_state(const Model& model) {
  if (model.P < 3) throw std::invalid_argument("rsb1_retrieval_ground_state needs P >= 3");
  // Within 3% of the T = 0 spinodal the branch is reached from its fold directly (the scan is
  // slow and fragile there: its mu window is short); beyond the spinodal there is none.
  double alpha_spinodal = NAN;
  rsb1_retrieval_spinodal_t0(model, &alpha_spinodal);
  const bool near_spinodal = model.alpha > kDirectFromFold * alpha_spinodal;
  if (model.alpha >= alpha_spinodal) return {};
  if (!near_spinodal) {
    const Rsb1RetrievalPoint scanned = scan_retrieval_ground_state(model);
    if (scanned.found) return scanned;
  }
  const std::optional<Vec<4>> y = branch_point_near_spinodal(model);
  if (!y) return near_spinodal ? scan_retrieval_ground_state(model) : Rsb1RetrievalPoint{};
  return ground_point_at(model, *y);
}

Rsb1RetrievalPoint rsb1_retrieval_spinodal_t0(const Model& model, double* alpha_spinodal) {
  Rsb1RetrievalPoint out;
  *alpha_spinodal = NAN;
  if (model.P < 3) return out;
  const std::optional<Vec<4>> fold = branch_fold(model);
  if (!fold) return out;
  const GroundBranch branch(model);
  *alpha_spinodal = (*fold)(3) * branch.alpha_ref();
  return ground_point_at({model.P, model.variant, *alpha_spinodal}, *fold);
}

Rsb1Capacity rsb1_capacity(const Model& model) {
  validate(model);
  if (model.P < 3)
    throw std::invalid_argument("rsb1_capacity needs P >= 3 (P = 2 is not implemented yet)");
  Rsb1Capacity out;
  auto at = [&](double alpha) {
    return rsb1_retrieval_ground_state(Model{model.P, model.variant, alpha});
  };
  // A nondegenerate point below the RS spinodal (the mu-bracketing solver picks the branch that
  // maximises e over mu), then pseudo-arclength continuation of the full stationarity conditions
  // in (m, q1, ln mu, alpha/alpha_ref) to the fold in alpha: the spinodal, exact to the corrector
  // tolerance (bisection of the arclength to 1e-14 of a step).
  const GroundBranch branch(model);
  const double alpha_ref = branch.alpha_ref();
  const std::optional<Vec<4>> start = branch_start(model, alpha_ref);
  if (!start) return out;
  auto linearise = [&](const Vec<4>& y) { return branch.linearise(y); };
  auto energy_gap = [&](const Vec<4>& y) {  // e_retrieval - e_SG on the 1RSB branch
    const Model here{model.P, model.variant, y(3) * alpha_ref};
    return Rsb1GroundStateDense(here).energy(y(0), y(1), std::exp(y(2))) -
           rsb1_glass_ground_state(NoiseCovariance(here)).energy;
  };
  // If the retrieval state is already below the glass at alpha0, the crossing (if any) lies further
  // up the branch: the walk to the fold stops at the first point where the gap turns positive.
  const Vec<4> y0 = *start;
  const double alpha0 = y0(3) * alpha_ref;
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
    // Bisection in m along the branch between the last point below the glass and the first above
    // (m parametrises the branch through the fold, so the crossing is pinned however close to the
    // spinodal it lies), to 1e-13 relative in alpha.
    const auto [lo_y, hi_y] =
        branch.bisect_in_m(last_below ? *last_below : y0, fold.y,
                           [&](const Vec<4>& y) { return energy_gap(y) > 0.0; });
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

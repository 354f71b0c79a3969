#include "dhn/theory/rsb1_retrieval_march.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "dhn/theory/continuation.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rsb1_capacity.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {

namespace {

using State = Rsb1Dense::State;

// The guess at T from the last one or two states of the branch: linear in T for (m, q1, q2), and
// theta proportional to T (theta = mu T with mu finite as T -> 0) when only one state is known.
State predict(const std::vector<std::pair<double, State>>& chain, double T) {
  const auto& [T1, s1] = chain.back();
  State g = s1;
  if (chain.size() < 2) {
    g.theta = std::min(0.999, s1.theta * T / T1);
    return g;
  }
  const auto& [T0, s0] = chain[chain.size() - 2];
  const double x = (T - T1) / (T1 - T0);
  auto extrapolate = [x](double v0, double v1) { return v1 + x * (v1 - v0); };
  g.m = std::clamp(extrapolate(s0.m, s1.m), 1e-6, 1.0);
  g.q2 = std::clamp(extrapolate(s0.q2, s1.q2), 2e-6, 1.0);
  g.q1 = std::clamp(extrapolate(s0.q1, s1.q1), 1e-6, 0.5 * (s1.q1 + g.q2));
  g.theta = std::clamp(extrapolate(s0.theta, s1.theta), 1e-8, 0.999);
  return g;
}

// From the branch's last state at T_last to T, halving the step on failure (at most 8 substeps).
// The quasi-Newton Jacobian travels with the chain (jacobian): each step then costs a few
// evaluations of the averages instead of a differenced start.
std::optional<State> follow(const Rsb1Dense& rsb, std::vector<std::pair<double, State>>& chain,
                            double T, Rsb1Dense::Jacobian& jacobian, int depth = 0) {
  if (std::optional<State> s = rsb.solve_from(T, predict(chain, T), &jacobian)) return s;
  if (depth == 3) return std::nullopt;
  const double T_mid = 0.5 * (chain.back().first + T);
  const std::optional<State> mid = follow(rsb, chain, T_mid, jacobian, depth + 1);
  if (!mid) return std::nullopt;
  chain.emplace_back(T_mid, *mid);
  return follow(rsb, chain, T, jacobian, depth + 1);
}

constexpr Rsb1Dense::Jacobian kNoJacobian = [] {
  Rsb1Dense::Jacobian j{};
  j.fill(std::numeric_limits<double>::quiet_NaN());
  return j;
}();

// The low-T guess from the T = 0 ground state (m, q1, mu): q2 -> 1, theta = mu T.
State ground_state_guess(const Rsb1RetrievalPoint& ground, double T) {
  State guess;
  guess.m = ground.m;
  guess.q1 = ground.q1;
  guess.q2 = std::max(1.0 - 0.5 * T, 0.5 * (1.0 + ground.q1));
  guess.theta = ground.mu * T;
  return guess;
}

// The branch at T reached from its T = 0 limit: directly when T is low enough for the ground-state
// guess, else from T/16 in 15 steps of T/16.
std::optional<State> approach_from_ground_state(const Rsb1Dense& rsb,
                                                const Rsb1RetrievalPoint& ground, double T,
                                                std::vector<std::pair<double, State>>& chain,
                                                Rsb1Dense::Jacobian& jacobian) {
  chain.clear();
  jacobian = kNoJacobian;
  if (ground.mu * T < 1.0) {
    if (std::optional<State> s = rsb.solve_from(T, ground_state_guess(ground, T), &jacobian))
      return s;
  }
  const int steps = 16;
  const double T_start = T / steps;
  if (!(ground.mu * T_start < 1.0)) return std::nullopt;
  jacobian = kNoJacobian;
  std::optional<State> s = rsb.solve_from(T_start, ground_state_guess(ground, T_start), &jacobian);
  if (!s) return std::nullopt;
  chain.assign(1, {T_start, *s});
  for (int k = 2; k <= steps; ++k) {
    const double T_k = T * k / steps;
    s = follow(rsb, chain, T_k, jacobian);
    if (!s) return std::nullopt;
    if (k < steps) chain.emplace_back(T_k, *s);  // the caller appends the state at T
  }
  return s;
}

// From a state at (alpha_from, T) to the model's alpha at the same T, halving the alpha step on
// failure (at most 2^5 substeps): each point from its predecessor by solve_from.
std::optional<State> step_in_alpha(const Model& model, double alpha_from, const State& from,
                                   double alpha_to, double T, int depth = 0) {
  const Rsb1Dense rsb(Model{model.P, model.variant, alpha_to});
  if (std::optional<State> s = rsb.solve_from(T, from)) return s;
  if (depth == 5) return std::nullopt;
  const double alpha_mid = 0.5 * (alpha_from + alpha_to);
  const std::optional<State> mid = step_in_alpha(model, alpha_from, from, alpha_mid, T, depth + 1);
  if (!mid) return std::nullopt;
  return step_in_alpha(model, alpha_mid, *mid, alpha_to, T, depth + 1);
}

// Columns a little beyond the T = 0 spinodal: the spinodal alpha grows with T at low T (P = 3:
// 0.15374 at T = 0, 0.15422 at T = 0.02, 0.1548 at T = 0.08), so the branch exists at finite T
// where no T = 0 start does. It is reached at each T from a reference column just below the T = 0
// spinodal (marched as any column) by a short continuation in alpha. kBeyondSpinodal bounds the
// columns that try (relative to the T = 0 spinodal).
constexpr double kBeyondSpinodal = 0.05, kReferenceBelow = 1e-4;

// The reference column's march, once per (P, variant, T grid): all the columns beyond the T = 0
// spinodal of one phase diagram share it.
std::vector<State> reference_march(const Model& model, double alpha_reference,
                                   const std::vector<double>& T) {
  static std::mutex mutex;
  static std::map<std::tuple<int, int, double, std::vector<double>>, std::vector<State>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  const auto key = std::tuple{model.P, static_cast<int>(model.variant), alpha_reference, T};
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  std::vector<State> march = march_rsb1_retrieval(Model{model.P, model.variant, alpha_reference}, T,
                                                  std::vector<RsRetrievalValue>(T.size()));
  if (cache.size() > 16) cache.clear();  // a bound on what a long-lived process keeps
  cache.emplace(key, march);
  return march;
}

State from_rs(const RsRetrievalValue& rs) {
  State s;
  s.m = rs.m;
  s.q1 = s.q2 = rs.q;
  s.f = rs.f;
  s.residual = rs.residual;
  s.converged = true;
  return s;
}

}  // namespace

std::vector<State> march_rsb1_retrieval(const Model& model, const std::vector<double>& T,
                                        const std::vector<RsRetrievalValue>& rs) {
  if (rs.size() != T.size())
    throw std::invalid_argument("march_rsb1_retrieval: one RS value per temperature expected");
  const Rsb1Dense rsb(model);
  std::vector<State> out(T.size());
  std::vector<std::pair<double, State>> chain;  // the 1RSB branch so far (T, state)
  Rsb1Dense::Jacobian jacobian = kNoJacobian;   // the last quasi-Newton Jacobian on the chain
  bool ground_tried = false;                    // the T = 0 start is tried once per column
  bool beyond_spinodal = false;                 // no T = 0 start: the reference column serves
  bool window_passed = false;                   // such a column's branch was found and lost
  double alpha_reference = NAN;
  std::vector<State> reference;
  for (std::size_t j = 0; j < T.size(); ++j) {
    const bool rs_exists = !std::isnan(rs[j].m);
    const bool rs_stable = rs_exists && replicon_eigenvalue(model, rs[j].m, rs[j].q, T[j]) < 1.0;
    if (rs_stable) {
      out[j] = from_rs(rs[j]);
      chain.clear();
      jacobian = kNoJacobian;
      continue;
    }
    std::optional<State> s;
    if (!chain.empty()) s = follow(rsb, chain, T[j], jacobian);
    if (!s && chain.empty() && !ground_tried) {
      // Once per column, at its first point without RS-stable retrieval (normally the lowest T):
      // the branch is followed up from its T = 0 limit, which also serves where no RS branch
      // exists (beyond the RS spinodal).
      ground_tried = true;
      const Rsb1RetrievalPoint g = rsb1_retrieval_ground_state(model);
      if (g.found) {
        s = approach_from_ground_state(rsb, g, T[j], chain, jacobian);
      } else {
        double alpha_t0 = NAN;
        rsb1_retrieval_spinodal_t0(model, &alpha_t0);
        beyond_spinodal =
            model.alpha >= alpha_t0 && model.alpha < (1.0 + kBeyondSpinodal) * alpha_t0;
        if (beyond_spinodal) {
          alpha_reference = (1.0 - kReferenceBelow) * alpha_t0;
          reference = reference_march(model, alpha_reference, T);
        }
      }
    }
    // The branch of such a column lives in one window of T: once found and lost, it is over.
    if (!s && chain.empty() && beyond_spinodal && !window_passed && reference[j].converged &&
        std::isfinite(reference[j].theta)) {
      s = step_in_alpha(model, alpha_reference, reference[j], model.alpha, T[j]);
      jacobian = kNoJacobian;
    }
    if (!s && rs_exists) {
      // The theta scan from the AT-unstable RS state (dear: tens of fixed-theta solves).
      chain.clear();
      s = rsb.solve_retrieval(T[j], rs[j].m, rs[j].q);
      jacobian = kNoJacobian;
    }
    if (!s) {
      window_passed = window_passed || (beyond_spinodal && !chain.empty());
      chain.clear();
      jacobian = kNoJacobian;
      continue;
    }
    out[j] = *s;
    chain.emplace_back(T[j], *s);
    if (chain.size() > 2) chain.erase(chain.begin(), chain.end() - 2);
  }
  return out;
}

double rsb1_retrieval_crossing(const Model& model, const Rsb1Dense::State& from, double T_from,
                               double T_to, const std::function<double(double)>& f_other) {
  const Rsb1Dense rsb(model);
  auto difference = [&](double T) {
    std::vector<std::pair<double, State>> chain{{T_from, from}};
    Rsb1Dense::Jacobian jacobian = kNoJacobian;
    const std::optional<State> s = follow(rsb, chain, T, jacobian);
    return s ? s->f - f_other(T) : NAN;
  };
  const double d_from = from.f - f_other(T_from), d_to = difference(T_to);
  if (!(d_from * d_to < 0.0)) return NAN;
  // A lost branch inside the bracket turns into NaN, which Brent cannot handle: map it to the
  // far side's sign so the root stays bracketed, then check the branch exists at the root.
  const ScalarRoot root = find_root(
      [&](double T) {
        const double d = difference(T);
        return std::isnan(d) ? d_to : d;
      },
      T_from, T_to, 1e-10 * T_to);
  if (!root.bracketed()) return NAN;
  return std::isnan(difference(root.x)) ? NAN : root.x;
}

Rsb1RetrievalSpinodal rsb1_retrieval_spinodal(const Model& model, double T,
                                              const Rsb1Dense::State& from) {
  Rsb1RetrievalSpinodal out;
  if (!(from.converged && from.theta > 0.0 && from.theta < 1.0 && from.q1 < from.q2)) return out;
  const double alpha_ref = model.alpha;
  auto conditions = [&](const Vec<5>& y) {
    const Rsb1Dense rsb(Model{model.P, model.variant, y(4) * alpha_ref});
    const std::array<double, 4> c = rsb.stationarity(T, y(0), y(1), y(2), y(3));
    return Vec<4>(c[0], c[1], c[2], c[3]);
  };
  auto linearise = [&](const Vec<5>& y) -> std::optional<CurveLinearisation<4>> {
    // Central differences with steps as solve_from's (the theta column longer: its row is weak).
    const Vec<5> steps(1e-7, 1e-7, std::clamp(1e-3 * (1.0 - y(2)), 1e-10, 1e-7),
                       std::clamp(1e-4 * y(3), 1e-10, 1e-5), 1e-7);
    for (int k = 0; k < 4; ++k) {
      if (!(y(k) - steps(k) > 0.0 && y(k) + steps(k) <= 1.0)) return std::nullopt;
    }
    if (!(y(1) + steps(1) < y(2) - steps(2) && y(4) > 0.0)) return std::nullopt;
    CurveLinearisation<4> lin;
    lin.residual = conditions(y);
    for (int k = 0; k < 5; ++k) {
      Vec<5> up = y, down = y;
      up(k) += steps(k);
      down(k) -= steps(k);
      lin.jacobian.col(k) = (conditions(up) - conditions(down)) / (2.0 * steps(k));
    }
    return lin;
  };
  // The m = 0 or q2 - q1 = 0 edges end the branch without a fold (collapse onto RS or the glass).
  auto collapsed = [](const Vec<5>& y) { return y(0) < 1e-3 || y(2) - y(1) < 1e-7; };
  const Vec<5> start(from.m, from.q1, from.q2, from.theta, 1.0);
  const FoldResult<4> fold = follow_to_fold<4>(
      linearise, collapsed, start, {.initial_step = 1e-3, .max_step = 2e-2, .tolerance = 1e-10});
  if (fold.status != LineStatus::found || fold.ended_at_boundary) {
    out.status = fold.status == LineStatus::found ? LineStatus::absent : fold.status;
    return out;
  }
  out.status = LineStatus::found;
  out.alpha = fold.y(4) * alpha_ref;
  const Rsb1Dense rsb(Model{model.P, model.variant, out.alpha});
  out.state = {.m = fold.y(0), .q1 = fold.y(1), .q2 = fold.y(2), .theta = fold.y(3)};
  out.state.f = -rsb.pressure(1.0 / T, fold.y(0), fold.y(1), fold.y(2), fold.y(3)) * T;
  out.state.residual = conditions(fold.y).cwiseAbs().maxCoeff();
  out.state.converged = true;
  return out;
}

}  // namespace dhn::theory

#include "dhn/theory/rs_lines.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <variant>

#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {
namespace {

constexpr int kContinuationBudget = 4000;  // accepted + rejected continuation steps
constexpr double kMinStep = 1e-10;         // in m or q
constexpr double kMaxStep = 0.02;
constexpr double kFoldTolerance = 1e-9;  // on m or q at the fold
constexpr int kDescentSteps = 32;        // T steps from a fold down to T_fold / kDescentSteps
constexpr int kBisections = 40;          // relative T width 2^-40 ~ 1e-12 after the descent

// A point (parameter, unknowns) on a branch parametrised by s = m or q; the unknowns hold beta
// last.
template <int N>
struct BranchPoint {
  double s;
  Vec<N> x;
  double T() const { return 1.0 / x(N - 1); }
};

// Pseudo-continuation in the parameter s towards smaller s with a secant predictor, until T(s)
// turns down (a fold) or s reaches s_min. `solve(s, guess)` returns the unknowns or nullopt.
template <int N, class Solve>
struct FoldSearch {
  std::optional<BranchPoint<N>> fold_lo, fold_mid, fold_hi;  // bracket of the maximum of T
  bool reached_end = false;
  LineStatus status = LineStatus::found;
};

template <int N, class Solve>
FoldSearch<N, Solve> follow_to_fold(Solve&& solve, BranchPoint<N> start, double s_min) {
  FoldSearch<N, Solve> out;
  BranchPoint<N> previous = start, current = start;
  bool have_previous = false;
  double step = std::min(kMaxStep, 0.25 * (start.s - s_min));
  for (int budget = 0; budget < kContinuationBudget; ++budget) {
    const double s_next = std::max(current.s - step, s_min);
    Vec<N> guess = current.x;
    if (have_previous && previous.s != current.s) {
      guess += (current.x - previous.x) * ((s_next - current.s) / (current.s - previous.s));
    }
    std::optional<Vec<N>> x = solve(s_next, guess);
    if (!x && have_previous) x = solve(s_next, current.x);
    if (!x) {
      step *= 0.5;
      if (step < kMinStep) {
        out.status = LineStatus::step_too_small;
        return out;
      }
      continue;
    }
    const BranchPoint<N> next{s_next, *x};
    if (next.T() < current.T()) {
      if (!have_previous) {  // the start itself is the highest point seen: step back up once
        const double s_up = current.s + step;
        const std::optional<Vec<N>> x_up = solve(s_up, current.x);
        if (!x_up || BranchPoint<N>{s_up, *x_up}.T() > current.T()) {
          out.status = LineStatus::step_too_small;
          return out;
        }
        previous = {s_up, *x_up};
      }
      out.fold_lo = next;
      out.fold_mid = current;
      out.fold_hi = previous;
      return out;
    }
    previous = current;
    current = next;
    have_previous = true;
    if (current.s <= s_min) {
      out.reached_end = true;
      out.fold_mid = current;
      return out;
    }
    step = std::min(1.5 * step, kMaxStep);
  }
  out.status = LineStatus::budget_spent;
  return out;
}

// Temperature scale of the retrieval state at alpha = 0 (Curie-Weiss m = tanh(beta b(m))):
// T_M(0) = max_m b(m)/atanh(m), which is 1 for P = 2.
double curie_weiss_spinodal(int P) {
  if (P == 2) return 1.0;
  const Signal b(P);
  return maximise([&](double m) { return b.value(m) / std::atanh(m); }, 1e-4, 1.0 - 1e-12, 1e-12)
      .value;
}

// ---------------------------------------------------------------------------------------------
template <RsSystem S>
RetrievalFold retrieval_spinodal_of(const S& system) {
  RetrievalFold out;
  const double T_ref = curie_weiss_spinodal(system.model().P);
  std::optional<RsSolution> start;
  for (double fraction : {0.9, 0.7, 0.5, 0.35, 0.2, 0.1, 0.05, 0.02, 0.01}) {
    const RsSolution s = solve_rs_from(system, 1.0 / (fraction * T_ref), 1.0, 1.0);
    if (s.converged && s.stable && s.m > 1e-3) {
      start = s;
      break;
    }
  }
  if (!start) return out;  // no retrieval solution at any temperature: absent

  // Unknowns (q, beta) at fixed m.
  auto solve = [&](double m, const Vec<2>& guess) -> std::optional<Vec<2>> {
    auto linearise = [&](const Vec<2>& y) -> std::optional<Linearisation<2>> {
      if (!system.admissible(m, y(0), y(1))) return std::nullopt;
      const RsEvaluation e = evaluate(system, m, y(0), y(1));
      Linearisation<2> lin;
      lin.residual << e.F_m - m, e.F_q - y(0);
      lin.jacobian << e.dF(0, 1), e.dF(0, 2), e.dF(1, 1) - 1.0, e.dF(1, 2);
      return lin;
    };
    const SolveResult<2> r =
        newton<2>(linearise, guess, {.tolerance = 1e-13, .max_iterations = 40});
    if (!r.converged) return std::nullopt;
    return r.x;
  };
  const BranchPoint<2> first{start->m, Vec<2>(start->q, start->beta)};
  const auto search = follow_to_fold<2>(solve, first, 1e-4);
  out.status = search.status;
  if (search.status != LineStatus::found) return out;
  if (search.reached_end) {  // T(m) still rising at m -> 0: a continuous onset of retrieval
    out.m = search.fold_mid->s;
    out.q = search.fold_mid->x(0);
    out.T = search.fold_mid->T();
    return out;
  }
  Vec<2> warm = search.fold_mid->x;
  auto T_of_m = [&](double m) {
    const std::optional<Vec<2>> x = solve(m, warm);
    if (!x) return -HUGE_VAL;
    warm = *x;
    return 1.0 / (*x)(1);
  };
  const ScalarExtremum top = maximise_bracketed(T_of_m, search.fold_lo->s, search.fold_mid->s,
                                                search.fold_hi->s, kFoldTolerance);
  const std::optional<Vec<2>> x = solve(top.x, warm);
  if (!x) {
    out.status = LineStatus::budget_spent;
    return out;
  }
  out.m = top.x;
  out.q = (*x)(0);
  out.T = 1.0 / (*x)(1);
  return out;
}

// First temperature below T_hi (descending in kDescentSteps steps to T_hi/kDescentSteps) where
// `event(T)` holds, refined by bisection. `event` carries its own warm starts.
template <class Event>
Transition descend_to_event(Event&& event, double T_hi) {
  Transition out;
  double T_above = T_hi;
  for (int k = 0; k < kDescentSteps; ++k) {
    const double T = T_hi * (1.0 - static_cast<double>(k) / kDescentSteps) * (1.0 - 1e-9);
    if (!event(T)) {
      T_above = T;
      continue;
    }
    if (k == 0) {
      out.T = T_hi;
      out.status = LineStatus::found;
      return out;
    }
    double lo = T, hi = T_above;  // event(lo) holds, event(hi) does not
    for (int b = 0; b < kBisections && hi - lo > 1e-12 * T_hi; ++b) {
      const double mid = 0.5 * (lo + hi);
      (event(mid) ? lo : hi) = mid;
    }
    out.T = 0.5 * (lo + hi);
    out.status = LineStatus::found;
    return out;
  }
  return out;  // absent
}

template <RsSystem S>
Transition retrieval_transition_of(const S& system, const RetrievalFold& fold) {
  if (fold.status != LineStatus::found) return {};
  std::pair<double, double> warm{fold.m, fold.q};
  auto retrieval_is_global = [&](double T) {
    const std::array<std::pair<double, double>, 2> starts{warm, std::pair{fold.m, fold.q}};
    const RsPoint p = solve_rs_point(system, T, {.extra_retrieval = starts});
    if (p.retrieval.converged) warm = {p.retrieval.m, p.retrieval.q};
    return p.phase == RsPhase::retrieval;
  };
  return descend_to_event(retrieval_is_global, fold.T);
}

// Continuous onset of q at m = 0: the temperature where lim_{q->0} v/q = 1, if it exists.
template <RsSystem S>
std::optional<double> glass_onset(const S& system) {
  auto g = [&](double log_beta) { return system.onset_slope(std::exp(log_beta)) - 1.0; };
  // onset_slope grows with beta (to +inf for P = 2 at beta -> 1); scan a log grid for the change.
  double previous = -30.0;
  if (!(g(previous) < 0.0)) return std::nullopt;
  for (double lb = -29.0; lb <= 30.0; lb += 1.0) {
    const double value = g(lb);
    if (value >= 0.0) {
      auto finite_g = [&](double x) { return std::isfinite(g(x)) ? g(x) : 1e300; };
      return std::exp(-find_root(finite_g, previous, lb, 1e-15));
    }
    previous = lb;
  }
  return std::nullopt;
}

template <RsSystem S>
GlassLines rs_glass_lines_of(const S& system) {
  GlassLines out;
  const Model& model = system.model();
  const std::optional<double> onset = glass_onset(system);
  const NoiseCovariance xihat(model);
  const double T_ref =
      model.P == 2 ? 1.0 + std::sqrt(model.alpha) : std::sqrt(xihat.value(1.0) / (2.0 * M_LN2));
  if (!(T_ref > 0.0)) return out;
  std::optional<RsSolution> start;
  for (double fraction : {0.9, 0.7, 0.5, 0.35, 0.25, 0.15, 0.08, 0.04, 0.02, 0.01}) {
    const RsSolution s = solve_rs_from(system, 1.0 / (fraction * T_ref), 0.0, 1.0);
    if (s.converged && s.stable && s.q > 1e-3) {
      start = s;
      break;
    }
  }
  if (!start) return out;

  // Unknown beta at fixed q (m = 0).
  auto solve = [&](double q, const Vec<1>& guess) -> std::optional<Vec<1>> {
    auto linearise = [&](const Vec<1>& y) -> std::optional<Linearisation<1>> {
      if (!system.admissible(0.0, q, y(0))) return std::nullopt;
      const RsEvaluation e = evaluate(system, 0.0, q, y(0));
      Linearisation<1> lin;
      lin.residual << e.F_q - q;
      lin.jacobian << e.dF(1, 2);
      return lin;
    };
    const SolveResult<1> r =
        newton<1>(linearise, guess, {.tolerance = 1e-14, .max_iterations = 60});
    if (!r.converged) return std::nullopt;
    return r.x;
  };
  const BranchPoint<1> first{start->q, Vec<1>(start->beta)};
  const auto search = follow_to_fold<1>(solve, first, 1e-7);
  out.status = search.status;
  if (search.status != LineStatus::found) return out;
  if (search.reached_end) {
    out.continuous = true;
    out.q_spinodal = 0.0;
    out.T_spinodal = onset ? *onset : search.fold_mid->T();
    out.T_transition = out.T_spinodal;
    return out;
  }
  Vec<1> warm = search.fold_mid->x;
  auto T_of_q = [&](double q) {
    const std::optional<Vec<1>> x = solve(q, warm);
    if (!x) return -HUGE_VAL;
    warm = *x;
    return 1.0 / (*x)(0);
  };
  const ScalarExtremum top = maximise_bracketed(T_of_q, search.fold_lo->s, search.fold_mid->s,
                                                search.fold_hi->s, kFoldTolerance);
  out.q_spinodal = top.x;
  out.T_spinodal = top.value;

  // Formal static transition f_glass = f_paramagnet, descending from the spinodal on the glass
  // branch (warm-started) against the paramagnet continued from q = 0.
  double warm_q = out.q_spinodal;
  auto glass_below_paramagnet_or_equal = [&](double T) {
    const double beta = 1.0 / T;
    const RsSolution glass = solve_rs_from(system, beta, 0.0, std::min(1.0, warm_q + 1e-3));
    const RsSolution para = solve_rs_from(system, beta, 0.0, 0.0);
    if (!glass.converged || !para.converged) return false;
    warm_q = glass.q;
    return glass.f >= para.f;  // the replica rule: the glass takes over where its f is higher
  };
  const Transition t = descend_to_event(glass_below_paramagnet_or_equal, out.T_spinodal);
  out.T_transition = t.T;
  if (t.status != LineStatus::found) out.status = t.status;
  return out;
}

}  // namespace

RetrievalFold retrieval_spinodal(const Model& model) {
  return std::visit([](const auto& s) { return retrieval_spinodal_of(s); }, make_rs_system(model));
}

Transition retrieval_transition(const Model& model, const RetrievalFold& fold) {
  return std::visit([&](const auto& s) { return retrieval_transition_of(s, fold); },
                    make_rs_system(model));
}

GlassLines rs_glass_lines(const Model& model) {
  return std::visit([](const auto& s) { return rs_glass_lines_of(s); }, make_rs_system(model));
}

double paramagnet_entropy_zero(const Model& model) {
  validate(model);
  if (model.P == 2) return NAN;
  const NoiseCovariance xihat(model);
  if (xihat.derivative(0.0) > 0.0) return NAN;
  return std::sqrt(xihat.value(1.0) / (2.0 * M_LN2));
}

}  // namespace dhn::theory

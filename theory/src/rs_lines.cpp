#include "dhn/theory/rs_lines.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <type_traits>
#include <variant>

#include "dhn/theory/continuation.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {
namespace {

constexpr int kDescentSteps = 32;    // T steps from a fold down to T_fold / kDescentSteps
constexpr int kBisections = 40;      // relative T width 2^-40 ~ 1e-12 after the descent
constexpr double kBranchEnd = 1e-4;  // m (or q / 10^3) below which a branch has reached 0

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
  // Probes with a short iteration budget: where no retrieval state exists the iteration from
  // (1, 1) would crawl past the fold's ghost towards m = 0 (hundreds of steps); any start on the
  // branch leads the continuation to the same fold, so a colder fraction serves as well.
  const RsSolveOptions probe{.max_fixed_point = 60, .max_newton = 20};
  for (double fraction : {0.9, 0.7, 0.5, 0.35, 0.2, 0.1, 0.05, 0.02, 0.01}) {
    const RsSolution s = solve_rs_from(system, 1.0 / (fraction * T_ref), 1.0, 1.0, probe);
    if (s.converged && s.stable && s.m > 1e-3) {
      start = s;
      break;
    }
  }
  if (!start) return out;  // no retrieval solution at any temperature: absent

  // The branch as a curve y = (m, q, tau = T/T_ref) through pseudo-arclength continuation, so that
  // folds in T and in m are both passed; the first maximum of T is the spinodal.
  auto linearise = [&](const Vec<3>& y) -> std::optional<CurveLinearisation<2>> {
    const double beta = 1.0 / (y(2) * T_ref);
    if (!(y(2) > 0.0) || !system.admissible(y(0), y(1), beta)) return std::nullopt;
    const RsEvaluation e = evaluate(system, y(0), y(1), beta);
    CurveLinearisation<2> lin;
    lin.residual << e.F_m - y(0), e.F_q - y(1);
    const double dbeta_dtau = -beta / y(2);
    lin.jacobian << e.dF(0, 0) - 1.0, e.dF(0, 1), e.dF(0, 2) * dbeta_dtau,  //
        e.dF(1, 0), e.dF(1, 1) - 1.0, e.dF(1, 2) * dbeta_dtau;
    return lin;
  };
  auto reached_m_zero = [](const Vec<3>& y) { return y(0) < kBranchEnd; };
  const FoldResult<2> fold = follow_to_fold<2>(
      linearise, reached_m_zero, Vec<3>(start->m, start->q, 1.0 / (start->beta * T_ref)),
      {.refinement = FoldRefinement::false_position});
  out.status = fold.status;
  if (fold.status != LineStatus::found) return out;
  out.m = fold.y(0);
  out.q = fold.y(1);
  out.T = fold.y(2) * T_ref;  // at the m -> 0 end: a continuous onset of retrieval
  return out;
}

// T_glass_spinodal: above it no glass root exists and the glass start is skipped (+inf: unknown).
template <RsSystem S>
Transition retrieval_transition_of(const S& system, const RetrievalFold& fold,
                                   double T_glass_spinodal) {
  if (fold.status != LineStatus::found) return {};
  std::pair<double, double> warm{fold.m, fold.q};
  // >= 0 where retrieval is the global minimum (RsPhase::retrieval): f_m0 - f_retrieval.
  auto retrieval_is_global = [&](double T) -> double {
    const std::array<std::pair<double, double>, 2> starts{warm, std::pair{fold.m, fold.q}};
    const RsPoint p = solve_rs_point(
        system, T, {.extra_retrieval = starts, .glass = T < T_glass_spinodal * (1.0 + 1e-9)});
    if (!p.retrieval.converged) return -INFINITY;
    warm = {p.retrieval.m, p.retrieval.q};
    return std::isnan(p.f_m0) ? INFINITY : p.f_m0 - p.retrieval.f;
  };
  return descend_to_event(retrieval_is_global, fold.T);
}

template <RsSystem S>
double replicon_eigenvalue_of(const S& system, double m, double q, double beta) {
  const Field f = system.field(m, q, beta);
  const TanhMoments t = tanh_moments(f.a, f.v, MomentSet::without_log_cosh);
  return system.replicon_coefficient(q, beta) * t.sech4;  // E sech^4 h, accurate at large beta
}

template <RsSystem S>
Transition retrieval_at_line_of(const S& system, const RetrievalFold& fold) {
  if (fold.status != LineStatus::found) return {};
  std::pair<double, double> warm{fold.m, fold.q};
  // >= 0 where the retrieval state is AT-unstable: the replicon eigenvalue minus 1.
  auto unstable = [&](double T) -> double {
    RsSolution r =
        solve_rs_from_warm(system, 1.0 / T, warm.first, warm.second, is_stable_retrieval);
    if (!r.converged || r.m < kRetrievalThreshold || r.m < 0.9 * warm.first)
      r = solve_rs_from(system, 1.0 / T, 1.0, 1.0);
    if (!r.converged || r.m < kRetrievalThreshold) return -INFINITY;
    warm = {r.m, r.q};
    return replicon_eigenvalue_of(system, r.m, r.q, 1.0 / T) - 1.0;
  };
  return descend_to_event(unstable, fold.T, 1e-8);  // T_AT can be exponentially small in alpha
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
      const ScalarRoot log_beta = find_root(finite_g, previous, lb, 1e-15);
      if (!log_beta.bracketed()) return std::nullopt;
      return std::exp(-log_beta.x);
    }
    previous = lb;
  }
  return std::nullopt;
}

constexpr double kGlassStartQ = 1e-3;  // a glass start needs q above this

// Whether a glass root q > kGlassStartQ can exist at beta. For the dense system the m = 0 map
// q -> E tanh^2(beta sqrt(xihat'(q)) z) increases with q (xihat'' >= 0), so its iteration from
// q = 1 falls monotonically to the largest root: once an iterate is below kGlassStartQ there is
// no root above it, and the (slow) solve towards the paramagnet is not worth finishing. Other
// systems (the AGS map is not monotone) always answer yes.
template <RsSystem S>
bool glass_root_may_exist(const S& system, double beta) {
  if constexpr (std::is_same_v<S, RsDense>) {
    double q = 1.0;
    for (int it = 0; it < 100; ++it) {
      const double next = evaluate(system, 0.0, q, beta).F_q;
      if (next < kGlassStartQ) return false;
      if (!(next < q - 1e-5)) return true;  // settled above kGlassStartQ (or not descending)
      q = next;
    }
  }
  return true;
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
    if (!glass_root_may_exist(system, 1.0 / (fraction * T_ref))) continue;
    const RsSolution s = solve_rs_from(system, 1.0 / (fraction * T_ref), 0.0, 1.0);
    if (s.converged && s.stable && s.q > kGlassStartQ) {
      start = s;
      break;
    }
  }
  if (!start) return out;

  // The m = 0 branch as a curve y = (q, tau = T/T_ref), followed towards higher T.
  auto linearise = [&](const Vec<2>& y) -> std::optional<CurveLinearisation<1>> {
    const double beta = 1.0 / (y(1) * T_ref);
    if (!(y(1) > 0.0) || !system.admissible(0.0, y(0), beta)) return std::nullopt;
    const RsEvaluation e = evaluate(system, 0.0, y(0), beta);
    CurveLinearisation<1> lin;
    lin.residual << e.F_q - y(0);
    lin.jacobian << e.dF(1, 1) - 1.0, e.dF(1, 2) * (-beta / y(1));
    return lin;
  };
  // The walk ends at q -> 0 (a continuous onset) or, when a random field (xihat'(0) > 0, odd-P
  // "full") keeps q > 0 at every T, at T = 20 T_ref without a fold: then there is no transition.
  constexpr double kTauMax = 20.0;
  auto reached_end = [](const Vec<2>& y) { return y(0) < 1e-3 * kBranchEnd || y(1) > kTauMax; };
  const FoldResult<1> fold =
      follow_to_fold<1>(linearise, reached_end, Vec<2>(start->q, 1.0 / (start->beta * T_ref)),
                        {.refinement = FoldRefinement::false_position});
  out.status = fold.status;
  if (fold.status != LineStatus::found) return out;
  if (fold.ended_at_boundary && fold.y(1) > kTauMax) {
    out.status = LineStatus::absent;
    return out;
  }
  if (fold.ended_at_boundary) {
    out.continuous = true;
    out.q_spinodal = 0.0;
    out.T_spinodal = onset ? *onset : fold.y(1) * T_ref;
    out.T_transition = out.T_spinodal;
    return out;
  }
  out.q_spinodal = fold.y(0);
  out.T_spinodal = fold.y(1) * T_ref;

  // Formal static transition f_glass = f_paramagnet, descending from the spinodal on the glass
  // branch (warm-started) against the paramagnet continued from q = 0.
  double warm_q = out.q_spinodal;
  // >= 0 where the glass takes over (the replica rule: where its f is higher): f_glass - f_para.
  auto glass_below_paramagnet_or_equal = [&](double T) -> double {
    const double beta = 1.0 / T;
    const double start_q = std::min(1.0, warm_q + 1e-3);
    // Newton from the neighbouring glass q, kept when it stays on the stable glass branch.
    auto on_branch = [&](const RsSolution& r) {
      return r.converged && r.stable && r.q > 0.5 * start_q;
    };
    const RsSolution glass = solve_rs_from_warm(system, beta, 0.0, start_q, on_branch);
    const RsSolution para = solve_rs_from(system, beta, 0.0, 0.0);
    if (!glass.converged || !para.converged) return -INFINITY;
    warm_q = glass.q;
    return glass.f - para.f;
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
  return std::visit([&](const auto& s) { return retrieval_transition_of(s, fold, INFINITY); },
                    make_rs_system(model));
}

Transition retrieval_transition(const Model& model, const RetrievalFold& fold,
                                const GlassLines& glass) {
  const double T_spinodal = glass.status == LineStatus::found ? glass.T_spinodal : INFINITY;
  return std::visit([&](const auto& s) { return retrieval_transition_of(s, fold, T_spinodal); },
                    make_rs_system(model));
}

GlassLines rs_glass_lines(const Model& model) {
  return std::visit([](const auto& s) { return rs_glass_lines_of(s); }, make_rs_system(model));
}

double replicon_eigenvalue(const Model& model, double m, double q, double T) {
  return std::visit([&](const auto& s) { return replicon_eigenvalue_of(s, m, q, 1.0 / T); },
                    make_rs_system(model));
}

Transition retrieval_at_line(const Model& model, const RetrievalFold& fold) {
  return std::visit([&](const auto& s) { return retrieval_at_line_of(s, fold); },
                    make_rs_system(model));
}

Transition rsb1_retrieval_transition(const Model& model, const RetrievalFold& fold,
                                     const Transition& at_line) {
  const NoiseCovariance xihat(model);
  if (fold.status != LineStatus::found || !xihat.is_pure_p_spin()) {
    return {};
  }
  const RsDense system(model);
  const Rsb1Glass glass(xihat);
  const Rsb1GlassLines glass_lines = rsb1_glass_lines(xihat);
  std::pair<double, double> warm{fold.m, fold.q};
  // >= 0 where the RS retrieval f is below the 1RSB m = 0 state's: their difference.
  auto retrieval_below_glass = [&](double T) -> double {
    RsSolution r =
        solve_rs_from_warm(system, 1.0 / T, warm.first, warm.second, is_stable_retrieval);
    if (!r.converged || r.m < 0.5 * fold.m) r = solve_rs_from(system, 1.0 / T, 1.0, 1.0);
    if (!r.converged || r.m < kRetrievalThreshold) return -INFINITY;
    warm = {r.m, r.q};
    return rsb1_m0_free_energy(glass, glass_lines, T) - r.f;
  };
  Transition t = descend_to_event(retrieval_below_glass, fold.T);
  if (t.status == LineStatus::found && at_line.status == LineStatus::found && t.T < at_line.T) {
    t.status = LineStatus::budget_spent;  // the RS retrieval f is not the 1RSB one there
  }
  return t;
}

double paramagnet_entropy_zero(const Model& model) {
  validate(model);
  if (model.P == 2) return NAN;
  const NoiseCovariance xihat(model);
  if (xihat.has_random_field()) return NAN;
  return std::sqrt(xihat.value(1.0) / (2.0 * M_LN2));
}

}  // namespace dhn::theory

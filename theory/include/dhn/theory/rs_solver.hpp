// Solving the RS equations at one (alpha, T): from a given start, and from the standard set of
// starts (retrieval, glass, paramagnet) with the solutions ranked by free energy.
#pragma once

#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "dhn/theory/rs_equations.hpp"
#include "dhn/theory/solution.hpp"
#include "dhn/theory/solve.hpp"

namespace dhn::theory {

struct RsSolveOptions {
  double tolerance = 1e-12;   // on the residual max|F - x|
  int max_fixed_point = 400;  // damped iterations before Newton takes over
  double handover = 1e-5;     // residual at which iteration hands over to Newton
  int max_newton = 60;        // Newton steps
};

// Residual and Jacobian of F(m, q) - (m, q) at fixed beta.
template <RsSystem S>
std::optional<Linearisation<2>> linearise_at_beta(const S& system, const Vec<2>& x, double beta) {
  if (!system.admissible(x(0), x(1), beta)) return std::nullopt;
  const RsEvaluation e = evaluate(system, x(0), x(1), beta);
  Linearisation<2> lin;
  lin.residual << e.F_m - x(0), e.F_q - x(1);
  lin.jacobian = e.dF.template leftCols<2>() - Mat<2>::Identity();
  return lin;
}

// Free energy f(m, q; beta) at fixed order parameters (not necessarily stationary).
template <RsSystem S>
double free_energy_at(const S& system, double m, double q, double beta) {
  const Field field = system.field(m, q, beta);
  return system.free_energy(m, q, beta, tanh_moments(field.a, field.v));
}

// Fills f, u, s, stability (every eigenvalue of dF/d(m, q) has real part below 1: the branch is
// on the attracting side of its folds; large negative slopes, as in the AGS glass, are allowed) and
// the residual of a solved point. Because f is stationary in (m, q), the energy u = d(beta f)/d
// beta is the partial derivative at fixed (m, q), in closed form (RsSystem::energy).
template <RsSystem S>
void finish(const S& system, RsSolution& s) {
  const RsEvaluation e = evaluate(system, s.m, s.q, s.beta, MomentSet::with_log_cosh);
  s.residual = std::max(std::abs(e.F_m - s.m), std::abs(e.F_q - s.q));
  s.f = system.free_energy(s.m, s.q, s.beta, e.moments);
  s.u = system.energy(s.m, s.q, s.beta, e.moments);
  s.s = s.beta * (s.u - s.f);
  const Eigen::Matrix2d J = e.dF.template leftCols<2>();
  s.stable = J.eigenvalues().real().maxCoeff() < 1.0 - 1e-12;
}

// Damped iteration from (m0, q0) down to options.handover, then Newton to options.tolerance.
template <RsSystem S>
RsSolution solve_rs_from(const S& system, double beta, double m0, double q0,
                         const RsSolveOptions& options = {}) {
  RsSolution s;
  s.beta = beta;
  auto map = [&](const Vec<2>& x) -> std::optional<Vec<2>> {
    if (!system.admissible(x(0), x(1), beta)) return std::nullopt;
    const RsEvaluation e = evaluate(system, x(0), x(1), beta);
    return Vec<2>(e.F_m, e.F_q);
  };
  SolveResult<2> fp;
  fp.x = Vec<2>(m0, q0);
  fp.iterations = 0;
  if (options.max_fixed_point > 0) {
    fp = damped_iteration<2>(
        map, Vec<2>(m0, q0),
        {.tolerance = options.handover, .max_iterations = options.max_fixed_point});
  }
  Vec<2> x = fp.x.allFinite() ? fp.x : Vec<2>(m0, q0);
  const SolveResult<2> nt =
      newton<2>([&](const Vec<2>& y) { return linearise_at_beta(system, y, beta); }, x,
                {.tolerance = options.tolerance, .max_iterations = options.max_newton});
  s.iterations = fp.iterations + nt.iterations;
  s.method = "iteration+newton";
  s.m = nt.x(0);
  s.q = nt.x(1);
  s.residual = nt.residual;
  if (!nt.converged) return s;
  finish(system, s);
  s.converged = s.residual < options.tolerance;
  return s;
}

// Phases of the RS phase diagram; integer codes are written to /rs/phase.
enum class RsPhase : int {
  paramagnet = 0,            // m = 0, q = 0 (or the random-field q of odd-P "full") is physical
  spin_glass = 1,            // m = 0, q > 0 glass solution is physical
  retrieval_metastable = 2,  // a stable m > 0 solution exists but f is above the m = 0 state
  retrieval = 3,             // the retrieval solution is the global minimum of f
};

// All RS solutions found at one temperature and the physical ranking.
struct RsPoint {
  RsSolution retrieval;      // m > 0, stable; not converged if none was found
  RsSolution glass;          // m = 0, largest stable q distinct from the paramagnet's
  RsSolution paramagnet;     // m = 0, continued from q = 0
  double f_m0 = NAN;         // free energy of the physical m = 0 state (NaN: none is physical)
  bool m0_is_glass = false;  // the physical m = 0 state is the glass
  RsPhase phase = RsPhase::paramagnet;
};

inline constexpr double kRetrievalThreshold = 1e-6;  // m above this counts as retrieval
inline constexpr double kDistinctQ = 1e-6;           // q separation of distinct m = 0 roots
// Entropy margin of the paramagnet test: the closed-form s is accurate to ~1e-12; the margin is the
// one of the earlier finite-difference entropy, kept so that classification does not move.
inline constexpr double kEntropyTolerance = 1e-9;

// Rank solutions. Within the m = 0 sector the physical replica-symmetric state is the stable
// solution of HIGHER f (the n -> 0 replica rule: the overlap q maximises f; this makes the glass
// take over continuously where the f curves cross). Between the retrieval state and the m = 0
// state the lower f wins (m is a thermodynamic order parameter, AGS 1987). The paramagnet takes
// part only where its entropy is non-negative; where no m = 0 state is physical, f_m0 is NaN and
// an existing retrieval state is the global minimum.
RsPoint classify(RsSolution retrieval, RsSolution glass, RsSolution paramagnet);

// Which starts solve_rs_point tries. Callers that know where a branch cannot exist (above the
// retrieval fold T_M, above the glass spinodal) switch it off to save the futile iterations.
struct RsStarts {
  // Warm (m, q) retrieval starts, tried in order until one gives a stable retrieval solution (a
  // neighbouring point's solution, then e.g. the fold).
  std::span<const std::pair<double, double>> extra_retrieval = {};
  bool retrieval = true;  // cold retrieval start (m, q) = (1, 1), tried when no warm start succeeds
  bool glass = true;      // glass start (0, glass_q)
  // q of the glass start. 1 finds the largest m = 0 root; so does the glass q of a LOWER
  // temperature: E tanh^2 h falls with T at fixed q, so the largest root q*(T) falls with T, and
  // the m = 0 iteration (a monotone map in q) runs down from any start above q*(T) to q*(T).
  double glass_q = 1.0;
};

// A stable retrieval solution (m > kRetrievalThreshold).
inline bool is_stable_retrieval(const RsSolution& s) {
  return s.converged && s.stable && s.m > kRetrievalThreshold;
}

// A warm start close to a solution: Newton straight away (quadratic from the first step), with
// the damped iteration as the fallback when Newton fails or its solution is not `accepted` (off
// the branch that was followed, e.g. on the unstable side of a fold).
template <RsSystem S, class Accept>
RsSolution solve_rs_from_warm(const S& system, double beta, double m0, double q0, Accept&& accepted,
                              const RsSolveOptions& options = {}) {
  RsSolveOptions newton_only = options;
  newton_only.max_fixed_point = 0;
  RsSolution s = solve_rs_from(system, beta, m0, q0, newton_only);
  if (accepted(s)) return s;
  return solve_rs_from(system, beta, m0, q0, options);
}

// Solve at temperature T (convention B) from the starts retrieval (m, q) = (1, 1), glass (0, 1)
// and paramagnet (0, 0), plus any warm retrieval starts, and rank the solutions (classify).
template <RsSystem S>
RsPoint solve_rs_point(const S& system, double T, const RsStarts& starts = {},
                       const RsSolveOptions& options = {}) {
  const double beta = 1.0 / T;
  RsSolution retrieval;
  auto consider_retrieval = [&](const RsSolution& s) {
    if (is_stable_retrieval(s)) retrieval = s;
  };
  for (const auto& [m0, q0] : starts.extra_retrieval) {
    consider_retrieval(solve_rs_from_warm(system, beta, m0, q0, is_stable_retrieval, options));
    if (retrieval.converged) break;
  }
  if (!retrieval.converged && starts.retrieval) {
    consider_retrieval(solve_rs_from(system, beta, 1.0, 1.0, options));
  }
  // A warm glass start (glass_q < 1, the largest root at a lower T) goes to Newton first; with the
  // m = 0 roots {0, unstable, largest}, a stable root above glass_q / 2 is the largest one.
  auto on_glass_branch = [&](const RsSolution& r) {
    return r.converged && r.stable && r.q > 0.5 * starts.glass_q;
  };
  RsSolution glass;
  if (starts.glass && starts.glass_q < 1.0) {
    glass = solve_rs_from_warm(system, beta, 0.0, starts.glass_q, on_glass_branch, options);
  } else if (starts.glass) {
    glass = solve_rs_from(system, beta, 0.0, 1.0, options);
  }
  RsSolution paramagnet = solve_rs_from(system, beta, 0.0, 0.0, options);
  return classify(retrieval, glass, paramagnet);
}

}  // namespace dhn::theory

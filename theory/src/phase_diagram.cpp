#include "dhn/theory/phase_diagram.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <stdexcept>
#include <string>
#include <variant>

#include "dhn/model/covariance.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/model/shortest_text.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/rsb1_retrieval_march.hpp"
#include "dhn/theory/zero_temperature.hpp"

namespace dhn::theory {

namespace {

// Errors name the program's option (ParameterError); values in their shortest form.
void validate_grid(const std::vector<double>& values, const char* name, const char* option,
                   bool strictly_positive) {
  const std::string n(name);
  if (values.empty()) throw ParameterError(option, ": the " + n + " grid is empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v) || (strictly_positive ? v <= 0.0 : v < 0.0)) {
      throw ParameterError(
          option, ": " + n + " = " + shortest_text(v) + " is out of range: accepted " +
                      (strictly_positive ? "finite " + n + " > 0" : "finite " + n + " >= 0"));
    }
    if (i > 0 && !(v > values[i - 1])) {
      throw ParameterError(option, ": the " + n + " grid must be strictly increasing (value " +
                                       shortest_text(v) + " follows " +
                                       shortest_text(values[i - 1]) + ")");
    }
  }
}

// The 1RSB level of one alpha column: the retrieval state marched up in T from the RS grid
// solutions, then the m = 0 sector descending in T so that each frozen solve starts from the theta
// of the previous temperature, and the phases between the two.
void solve_rsb1_column(const Model& model, std::size_t i, const std::vector<double>& T,
                       RsPhaseDiagram& pd) {
  const NoiseCovariance xihat(model);
  if (!xihat.is_pure_p_spin()) return;  // the 1RSB m = 0 sector is solved for q1 = 0 only
  Rsb1GridSolutions& g = pd.rsb1_grid;
  std::vector<RsRetrievalValue> rs(T.size());
  for (std::size_t j = 0; j < T.size(); ++j) {
    rs[j] = {pd.grid.retrieval_m(i, j), pd.grid.retrieval_q(i, j), pd.grid.retrieval_f(i, j),
             pd.grid.retrieval_residual(i, j)};
  }
  const std::vector<Rsb1Dense::State> retrieval = march_rsb1_retrieval(model, T, rs);
  for (std::size_t j = 0; j < T.size(); ++j) {
    const Rsb1Dense::State& r = retrieval[j];
    if (!r.converged) continue;
    g.retrieval_m(i, j) = r.m;
    g.retrieval_q1(i, j) = r.q1;
    g.retrieval_q2(i, j) = r.q2;
    g.retrieval_theta(i, j) = r.theta;
    g.retrieval_f(i, j) = r.f;
    g.retrieval_residual(i, j) = r.residual;
  }
  const Rsb1Glass glass(xihat);
  const double T_s = pd.rsb1_lines.T_s[i];
  double theta_hint = NAN;
  for (std::size_t j = T.size(); j-- > 0;) {
    double f_m0 = -T[j] * M_LN2 - 0.5 * xihat.value(1.0) / T[j];  // the paramagnet above T_s
    bool frozen = false;
    if (T[j] < T_s) {
      const Rsb1Glass::State s = glass.solve(T[j], theta_hint);
      if (s.converged && s.frozen) {
        f_m0 = s.f;
        frozen = true;
        theta_hint = s.theta;
        g.glass_q2(i, j) = s.q2;
        g.glass_theta(i, j) = s.theta;
      }
    }
    g.m0_f(i, j) = f_m0;
    const double f_r = g.retrieval_f(i, j);
    RsPhase phase = frozen ? RsPhase::spin_glass : RsPhase::paramagnet;
    if (!std::isnan(f_r)) phase = f_r < f_m0 ? RsPhase::retrieval : RsPhase::retrieval_metastable;
    g.phase[i * T.size() + j] = static_cast<std::int32_t>(phase);
  }
  // T_c below T_AT: the retrieval free energy there is the 1RSB one, so T_c moves onto the 1RSB
  // branch: refine it from the highest grid point where 1RSB retrieval is the global minimum.
  auto& status = pd.rsb1_lines.T_c_status[i];
  if (status != static_cast<std::int32_t>(LineStatus::budget_spent)) return;
  const std::int32_t global = static_cast<std::int32_t>(RsPhase::retrieval);
  for (std::size_t j = T.size() - 1; j-- > 0;) {
    if (g.phase[i * T.size() + j] != global) continue;
    if (g.phase[i * T.size() + j + 1] == global || std::isnan(retrieval[j].theta)) break;
    const Rsb1GlassLines lines{.T_d = pd.rsb1_lines.T_d[i],
                               .T_s = T_s,
                               .status = static_cast<LineStatus>(pd.rsb1_lines.status[i])};
    const double T_c = rsb1_retrieval_crossing(model, retrieval[j], T[j], T[j + 1], [&](double t) {
      return rsb1_m0_free_energy(glass, lines, t);
    });
    if (!std::isnan(T_c)) {
      pd.rsb1_lines.T_c[i] = T_c;
      status = static_cast<std::int32_t>(LineStatus::found);
    }
    break;
  }
}

// One alpha column: lines first, then the grid in ascending T, each point warm-started from the
// retrieval solution of the previous T, or else from the fold (so the grid agrees with T_M), and
// the glass from the previous T's glass q.
template <RsSystem S>
void solve_column(const S& system, std::size_t i, const std::vector<double>& T,
                  RsPhaseDiagram& pd) {
  const Model& model = system.model();
  RsLines& lines = pd.lines;
  const RetrievalFold fold = retrieval_spinodal(model);
  const GlassLines glass = rs_glass_lines(model);
  const Transition tc = retrieval_transition(model, fold, glass);
  lines.T_M[i] = fold.T;
  lines.m_M[i] = fold.m;
  lines.T_M_status[i] = static_cast<std::int32_t>(fold.status);
  lines.T_c[i] = tc.T;
  lines.T_c_status[i] = static_cast<std::int32_t>(tc.status);
  lines.T_glass_spinodal[i] = glass.T_spinodal;
  lines.T_glass[i] = glass.T_transition;
  lines.T_glass_status[i] = static_cast<std::int32_t>(glass.status);
  lines.T_entropy_zero[i] = paramagnet_entropy_zero(model);
  const Transition at = retrieval_at_line(model, fold);
  lines.T_AT[i] = at.T;
  lines.T_AT_status[i] = static_cast<std::int32_t>(at.status);
  if (pd.has_rsb1) {
    const NoiseCovariance xihat(model);
    if (xihat.is_pure_p_spin()) {
      const Rsb1GlassLines glass1 = rsb1_glass_lines(xihat);
      pd.rsb1_lines.T_d[i] = glass1.T_d;
      pd.rsb1_lines.T_s[i] = glass1.T_s;
      pd.rsb1_lines.status[i] = static_cast<std::int32_t>(glass1.status);
      const bool fold_rs_stable =
          fold.status == LineStatus::found && (at.status != LineStatus::found || at.T < fold.T);
      pd.rsb1_lines.T_M[i] = fold_rs_stable ? fold.T : NAN;
      const Transition tc1 = rsb1_retrieval_transition(model, fold, at);
      pd.rsb1_lines.T_c[i] = tc1.T;
      pd.rsb1_lines.T_c_status[i] = static_cast<std::int32_t>(tc1.status);
    }
  }

  RsGridSolutions& g = pd.grid;
  std::optional<std::pair<double, double>> warm;
  double glass_q = 1.0;  // the glass q of the previous (lower) T: see RsStarts::glass_q
  for (std::size_t j = 0; j < T.size(); ++j) {
    std::vector<std::pair<double, double>> starts;
    if (warm) starts.push_back(*warm);
    if (fold.status == LineStatus::found && T[j] < fold.T) starts.emplace_back(fold.m, fold.q);
    // Above a located fold no branch exists: skip the futile starts there.
    const bool below_fold = fold.status != LineStatus::found || T[j] < fold.T * (1.0 + 1e-9);
    const bool below_glass_spinodal =
        glass.status != LineStatus::found || T[j] < glass.T_spinodal * (1.0 + 1e-9);
    const RsPoint p = solve_rs_point(
        system, T[j],
        {.extra_retrieval = below_fold ? std::span(starts) : std::span<std::pair<double, double>>{},
         .retrieval = below_fold && fold.status != LineStatus::absent,
         .glass = below_glass_spinodal,
         .glass_q = glass_q});
    if (p.retrieval.converged) {
      warm = std::pair{p.retrieval.m, p.retrieval.q};
      g.retrieval_m(i, j) = p.retrieval.m;
      g.retrieval_q(i, j) = p.retrieval.q;
      g.retrieval_f(i, j) = p.retrieval.f;
      g.retrieval_residual(i, j) = p.retrieval.residual;
    } else {
      warm.reset();
    }
    glass_q = 1.0;
    if (p.glass.converged) {
      g.glass_q(i, j) = p.glass.q;
      g.glass_f(i, j) = p.glass.f;
      glass_q = p.glass.q;
    }
    if (p.paramagnet.converged) g.paramagnet_f(i, j) = p.paramagnet.f;
    g.phase[i * T.size() + j] = static_cast<std::int32_t>(p.phase);
  }
  if (pd.has_rsb1) solve_rsb1_column(model, i, T, pd);
}

}  // namespace

std::vector<double> default_alpha_grid(const Model& model) {
  return linear_points(0.0, 1.1 * rs_capacity(model).alpha_spinodal, 161);
}

std::vector<double> default_T_grid(const Model& model) {
  Model zero = model;
  zero.alpha = 0.0;
  const double top = model.P == 2 ? 1.5 : 1.25 * retrieval_spinodal(zero).T;
  return linear_points(top / 161.0, top, 161);
}

RsPhaseDiagram prepare_rs_phase_diagram(const Model& model, const std::vector<double>& alpha,
                                        const std::vector<double>& T, bool rsb1) {
  validate(model);
  validate_grid(alpha, "alpha", "alpha-grid", false);
  validate_grid(T, "T", "t-grid", true);
  const std::size_t na = alpha.size(), nt = T.size();
  RsPhaseDiagram pd;
  pd.model = model;
  pd.alpha = alpha;
  pd.T = T;
  for (GridField* f :
       {&pd.grid.retrieval_m, &pd.grid.retrieval_q, &pd.grid.retrieval_f,
        &pd.grid.retrieval_residual, &pd.grid.glass_q, &pd.grid.glass_f, &pd.grid.paramagnet_f}) {
    *f = GridField(na, nt);
  }
  pd.grid.phase.assign(na * nt, 0);
  if (rsb1) {
    Rsb1GridSolutions& g = pd.rsb1_grid;
    for (GridField* f :
         {&g.glass_q2, &g.glass_theta, &g.m0_f, &g.retrieval_m, &g.retrieval_q1, &g.retrieval_q2,
          &g.retrieval_theta, &g.retrieval_f, &g.retrieval_residual})
      *f = GridField(na, nt);
    pd.rsb1_grid.phase.assign(na * nt, 0);
  }
  for (auto* line :
       {&pd.lines.T_M, &pd.lines.m_M, &pd.lines.T_c, &pd.lines.T_glass_spinodal, &pd.lines.T_glass,
        &pd.lines.T_entropy_zero, &pd.lines.T_AT, &pd.rsb1_lines.T_d, &pd.rsb1_lines.T_s,
        &pd.rsb1_lines.T_c, &pd.rsb1_lines.T_M}) {
    line->assign(na, NAN);
  }
  for (auto* status : {&pd.lines.T_M_status, &pd.lines.T_c_status, &pd.lines.T_glass_status,
                       &pd.lines.T_AT_status, &pd.rsb1_lines.status, &pd.rsb1_lines.T_c_status}) {
    status->assign(na, static_cast<std::int32_t>(LineStatus::absent));
  }
  pd.has_rsb1 = rsb1;
  pd.capacity = rs_capacity(model);
  return pd;
}

void solve_rs_phase_diagram_column(RsPhaseDiagram& pd, std::size_t i) {
  if (i >= pd.alpha.size()) {
    throw std::out_of_range("solve_rs_phase_diagram_column: column " + std::to_string(i) + " of " +
                            std::to_string(pd.alpha.size()));
  }
  const Model column_model{pd.model.P, pd.model.variant, pd.alpha[i]};
  std::visit([&](const auto& system) { solve_column(system, i, pd.T, pd); },
             make_rs_system(column_model));
}

RsPhaseDiagram compute_rs_phase_diagram(const Model& model, const std::vector<double>& alpha,
                                        const std::vector<double>& T,
                                        const PhaseDiagramOptions& options) {
  RsPhaseDiagram pd = prepare_rs_phase_diagram(model, alpha, T, options.rsb1);
  const std::size_t na = alpha.size();
  std::atomic<std::size_t> done{0};
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  // Columns are independent; dynamic scheduling balances the cheap (high-alpha) and dear columns.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::size_t i = 0; i < na; ++i) {
    solve_rs_phase_diagram_column(pd, i);
    const std::size_t finished = ++done;
    if (options.progress) {
#pragma omp critical(dhn_progress)
      options.progress(finished, na);
    }
  }
  return pd;
}

}  // namespace dhn::theory

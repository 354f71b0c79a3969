#include "transport_load.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rs_system.hpp"
#include "dhn/theory/rs_transport.hpp"

namespace dhn::cli {
namespace {

namespace th = dhn::theory;

std::string name_of(th::LineStatus status) {
  switch (status) {
    case th::LineStatus::found:
      return "found";
    case th::LineStatus::absent:
      return "absent";
    case th::LineStatus::budget_spent:
      return "budget_spent";
    case th::LineStatus::step_too_small:
      return "step_too_small";
  }
  return "unknown";
}

double line_value(double T, th::LineStatus status) {
  return status == th::LineStatus::found ? T : NAN;
}

// max(running, value), NaN values skipped (a pair where one route has no value).
double max_skipping_nan(double running, double value) {
  if (std::isnan(value)) return running;
  return std::isnan(running) ? value : std::max(running, value);
}

double relative_difference(double a, double b) {
  return std::abs(a / b - 1.0);
}

// The lines of one load by both routes.
void fill_lines(const Model& model, analysis::LoadTransport& out) {
  const th::RsTransportFold fold = th::transport_retrieval_spinodal(model);
  const th::RsTransportTransition transition = th::transport_retrieval_transition(model, fold);
  const th::RetrievalFold rs_fold = th::retrieval_spinodal(model);
  const th::Transition rs_transition = th::retrieval_transition(model, rs_fold);
  out.T_M_transport.push_back(line_value(fold.T, fold.status));
  out.T_c_transport.push_back(line_value(transition.T, transition.status));
  out.T_M_rs.push_back(line_value(rs_fold.T, rs_fold.status));
  out.T_c_rs.push_back(line_value(rs_transition.T, rs_transition.status));
  out.T_M_transport_status.push_back(name_of(fold.status));
  out.T_c_transport_status.push_back(name_of(transition.status));
  out.T_M_rs_status.push_back(name_of(rs_fold.status));
  out.T_c_rs_status.push_back(name_of(rs_transition.status));
  out.max_relative_difference_T_M =
      max_skipping_nan(out.max_relative_difference_T_M,
                       relative_difference(out.T_M_transport.back(), out.T_M_rs.back()));
  out.max_relative_difference_T_c =
      max_skipping_nan(out.max_relative_difference_T_c,
                       relative_difference(out.T_c_transport.back(), out.T_c_rs.back()));
}

// The retrieval state on the T grid by both routes. Above both T_M no retrieval state exists
// (NaN without a search). The RS solver goes up in T from the cold start, each point warm-started
// from the last one found, so that it stays on the branch up to its fold.
void fill_states(const Model& model, const std::vector<double>& T, double T_M,
                 analysis::LoadTransport& out) {
  const th::RsDense system(model);
  std::vector<std::pair<double, double>> warm;
  for (double t : T) {
    double f = NAN, m = NAN, q = NAN, f_rs = NAN, m_rs = NAN, q_rs = NAN;
    if (!(t > T_M)) {
      const th::RsTransportPoint point = th::transport_retrieval(model, t);
      if (point.found) {
        f = point.f;
        m = point.landing.m;
        q = point.landing.q;
      }
      const th::RsPoint rs =
          th::solve_rs_point(system, t, {.extra_retrieval = warm, .glass = false});
      if (th::is_stable_retrieval(rs.retrieval)) {
        f_rs = rs.retrieval.f;
        m_rs = rs.retrieval.m;
        q_rs = rs.retrieval.q;
        warm.assign(1, {m_rs, q_rs});
      }
    }
    out.f.push_back(f);
    out.m.push_back(m);
    out.q.push_back(q);
    out.f_rs.push_back(f_rs);
    out.m_rs.push_back(m_rs);
    out.q_rs.push_back(q_rs);
    out.max_relative_difference_f =
        max_skipping_nan(out.max_relative_difference_f, relative_difference(f, f_rs));
    out.max_abs_difference_m = max_skipping_nan(out.max_abs_difference_m, std::abs(m - m_rs));
    out.max_abs_difference_q = max_skipping_nan(out.max_abs_difference_q, std::abs(q - q_rs));
  }
}

}  // namespace

analysis::LoadTransport compute_load_transport(const LoadTransportRequest& r,
                                               const LoadProgress& progress) {
  analysis::LoadTransport out;
  if (r.P < 3) {
    out.status =
        "skipped: the RS transport with load is derived for P >= 3 (at P = 2 the Hopfield "
        "noise needs a second, Gaussian interpolation variable; transport-load.md section 3)";
    return out;
  }
  out.alpha = r.alpha;
  out.T = r.T;
  for (std::size_t k = 0; k < r.alpha.size(); ++k) {
    const Model model{r.P, r.variant, r.alpha[k]};
    fill_lines(model, out);
    // a retrieval state exists up to T_M; the larger of the two routes' (NaN: neither found one,
    // and no state is searched for)
    const double T_M = max_skipping_nan(out.T_M_transport.back(), out.T_M_rs.back());
    fill_states(model, r.T, std::isnan(T_M) ? 0.0 : T_M * (1.0 + 1e-9), out);
    progress(k + 1, r.alpha.size());
  }
  return out;
}

}  // namespace dhn::cli

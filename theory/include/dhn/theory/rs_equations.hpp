// The RS self-consistency map F(m, q) = (E tanh h, E tanh^2 h) of any RsSystem with its exact
// derivatives in (m, q, beta), obtained from the tanh moments by Stein's lemma.
#pragma once

#include <Eigen/Dense>

#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/rs_system.hpp"

namespace dhn::theory {

struct RsEvaluation {
  Field field;
  TanhMoments moments;
  double F_m = 0.0;  // E tanh h
  double F_q = 0.0;  // E tanh^2 h
  // Row 0: d F_m, row 1: d F_q; columns d/dm, d/dq, d/dbeta.
  Eigen::Matrix<double, 2, 3> dF = Eigen::Matrix<double, 2, 3>::Zero();
};

// d/da E g(h) = E g'(h) and d/dv E g(h) = E g''(h)/2 (Stein), with g = tanh, tanh^2 expressed
// through t = tanh h:  (tanh)' = 1 - t^2, (tanh)'' = -2t(1 - t^2),
// (tanh^2)' = 2t(1 - t^2), (tanh^2)'' = (1 - t^2)(2 - 6t^2).
// Uses that a depends on (m, beta) and v on (q, beta) only, true of both RS systems.
// moments.log_cosh (needed by the free energy only) is computed on request.
template <RsSystem S>
RsEvaluation evaluate(const S& system, double m, double q, double beta,
                      MomentSet set = MomentSet::without_log_cosh) {
  RsEvaluation e;
  e.field = system.field(m, q, beta);
  e.moments = tanh_moments(e.field.a, e.field.v, set);
  const TanhMoments& t = e.moments;
  e.F_m = t.t1;
  e.F_q = t.t2;
  // In the sech moments (no cancellation at large beta): 1 - t2 = E sech^2, t1 - t3 =
  // E t sech^2, 1 - 4 t2 + 3 t4 = E sech^2 (1 - 3 t^2) = 3 E sech^4 - 2 E sech^2.
  const double dFm_da = t.sech2;
  const double dFm_dv = -t.t_sech2;
  const double dFq_da = 2.0 * t.t_sech2;
  const double dFq_dv = 3.0 * t.sech4 - 2.0 * t.sech2;
  const Field& f = e.field;
  e.dF << dFm_da * f.da_dm, dFm_dv * f.dv_dq, dFm_da * f.da_dbeta + dFm_dv * f.dv_dbeta,
      dFq_da * f.da_dm, dFq_dv * f.dv_dq, dFq_da * f.da_dbeta + dFq_dv * f.dv_dbeta;
  return e;
}

}  // namespace dhn::theory

// The 1RSB retrieval state at T = 0 for P >= 3 and the 1RSB storage capacities. The Parisi
// parameter mu is found from its own 1-D equation by bracketing (physics.md section 9).
#pragma once

#include <cmath>

#include "dhn/model/model.hpp"
#include "dhn/theory/line_status.hpp"

namespace dhn::theory {

// A nondegenerate stationary point of the T = 0 1RSB energy (0 < q1 < 1, finite mu). The RS point
// (q1 = 1, or mu -> 0) is stationary for every mu and is excluded here.
struct Rsb1RetrievalPoint {
  double m = NAN, q1 = NAN, mu = NAN, energy = NAN;
  double residual = INFINITY;  // max |stationarity condition| at the point
  bool found = false;
};

// At the model's alpha: for each mu on a geometric scan of mu sqrt(xihat'(1)) in [0.05, 50], (m,
// q1) is solved by damped iteration and Newton; sign changes of d(-e)/dmu from - to + (maxima of e
// over mu) are refined by Brent, and the maximum of e among them is returned.
Rsb1RetrievalPoint rsb1_retrieval_ground_state(const Model& model);

// alpha_spinodal: the largest alpha with a nondegenerate 1RSB retrieval point (bisection on
// existence from the RS spinodal, relative width 1e-7); alpha_global: where the physical retrieval
// energy (the larger of the 1RSB and RS points) equals the 1RSB spin-glass ground state.
struct Rsb1Capacity {
  double alpha_spinodal = NAN, m_spinodal = NAN, q1_spinodal = NAN, mu_spinodal = NAN;
  double alpha_global = NAN, m_global = NAN;
  LineStatus status = LineStatus::absent;
};
Rsb1Capacity rsb1_capacity(const Model& model);

// The T = 0 1RSB spinodal alone (the fold of the branch, as rsb1_capacity's alpha_spinodal, m, q1,
// mu there; found = false where the continuation failed), computed once per (P, variant) and
// cached: the retrieval point within 1e-5 of the spinodal and the finite-T march start from it.
Rsb1RetrievalPoint rsb1_retrieval_spinodal_t0(const Model& model, double* alpha_spinodal);

}  // namespace dhn::theory

// The 1RSB retrieval state along one alpha column of the phase diagram (P >= 3, finite T): where
// the RS retrieval state is AT-stable it is the 1RSB state (q1 = q2); below the AT line, and
// beyond the RS spinodal where only the 1RSB branch exists, the four unknowns (m, q1, q2, theta)
// are followed in ascending T from the T = 0 ground state or from the RS branch (physics.md
// section 4).
#pragma once

#include <cmath>
#include <functional>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/theory/line_status.hpp"
#include "dhn/theory/rsb1_dense.hpp"

namespace dhn::theory {

// The RS retrieval solution at one grid temperature; NaN m where there is none.
struct RsRetrievalValue {
  double m = NAN, q = NAN, f = NAN, residual = NAN;
};

// For each T (strictly increasing, > 0) the physical 1RSB retrieval state: the RS solution where
// it is AT-stable (q1 = q2 = q, theta NaN), else the nondegenerate 1RSB branch (theta in (0, 1));
// converged = false with NaN values where neither exists or the march lost the branch.
// Each point is found from its predecessor (linear predictor, with up to 8 substeps on failure),
// from the T = 0 ground state (rsb1_retrieval_ground_state, approached in 16 steps), or by the
// theta scan of Rsb1Dense::solve_retrieval started from the AT-unstable RS solution.
std::vector<Rsb1Dense::State> march_rsb1_retrieval(const Model& model, const std::vector<double>& T,
                                                   const std::vector<RsRetrievalValue>& rs);

// The temperature in (T_from, T_to] where the 1RSB retrieval branch through `from` (a state at
// T_from with theta in (0, 1)) crosses another free energy f_other(T) (e.g. the 1RSB m = 0 state):
// Brent on f_retrieval - f_other to 1e-10 relative in T, each point from solve_from. NaN when
// there is no sign change or the branch is lost in the interval.
double rsb1_retrieval_crossing(const Model& model, const Rsb1Dense::State& from, double T_from,
                               double T_to, const std::function<double(double)>& f_other);

// The 1RSB retrieval spinodal at fixed T: the largest alpha of the branch through `from` (a state
// at the model's alpha and T with theta in (0, 1)), by pseudo-arclength continuation of the four
// stationarity conditions in (m, q1, q2, theta, alpha/model.alpha) to the fold in alpha (corrector
// to 1e-10, the fold bisected to 1e-14 of a step: alpha to ~1e-9 relative, the conditions'
// central-difference Jacobian limiting). status found with the fold's state; otherwise why not.
struct Rsb1RetrievalSpinodal {
  double alpha = NAN;
  Rsb1Dense::State state;
  LineStatus status = LineStatus::absent;
};
Rsb1RetrievalSpinodal rsb1_retrieval_spinodal(const Model& model, double T,
                                              const Rsb1Dense::State& from);

}  // namespace dhn::theory

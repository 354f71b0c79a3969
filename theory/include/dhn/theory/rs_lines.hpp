// Lines of the RS phase diagram at one alpha, found by continuation with fold and event
// detection (never by scanning a grid): T_M, T_c, the RS glass spinodal and transition.
#pragma once

#include <cmath>

#include "dhn/model/model.hpp"
#include "dhn/theory/continuation.hpp"
#include "dhn/theory/line_status.hpp"

namespace dhn::theory {

// The retrieval spinodal: the highest T with a stable m > 0 solution. The retrieval branch is
// parametrised by m (unknowns q and beta, Newton) from a low-T retrieval solution towards smaller
// m; the fold is the maximum of T(m), located by false position on the tangent's T component to
// 1e-14 of the continuation step.
struct RetrievalFold {
  double T = NAN;
  double m = NAN;
  double q = NAN;
  LineStatus status = LineStatus::absent;
};
RetrievalFold retrieval_spinodal(const Model& model);

// T_c: the highest T below T_M at which retrieval is the global minimum (RsPoint::phase ==
// retrieval). Descent along the retrieval branch in T from the fold, then false position on
// f_m0 - f_retrieval (bisection across jumps) to a relative width of 1e-12.
Transition retrieval_transition(const Model& model, const RetrievalFold& fold);

// de Almeida-Thouless eigenvalue of an RS solution: replicon_coefficient(q, beta) E sech^4 h; the
// RS state is locally stable against replica symmetry breaking while it is below 1.
double replicon_eigenvalue(const Model& model, double m, double q, double T);

// T_AT: the highest T below T_M where the RS retrieval state turns AT-unstable (descent along the
// retrieval branch from the fold, then false position on the eigenvalue minus 1 to 1e-12 relative).
// At T -> 0 the eigenvalue diverges like beta, so every retrieval state is RS-unstable close enough
// to T = 0.
Transition retrieval_at_line(const Model& model, const RetrievalFold& fold);

// T_c against the 1RSB m = 0 state (paramagnet above T_s, frozen glass below): the highest T below
// T_M where the RS retrieval free energy is below rsb1_m0_free_energy. Needs pure P-spin noise
// (NoiseCovariance::is_pure_p_spin: distinct P >= 3); absent otherwise. Where T_c lies below T_AT
// the retrieval free energy should carry its own (small, positive) 1RSB correction: the status is
// then budget_spent.
Transition rsb1_retrieval_transition(const Model& model, const RetrievalFold& fold,
                                     const Transition& at_line);

// The m = 0 sector at RS level. The glass branch (m = 0, q > 0) is parametrised by q (unknown
// beta) from a low-T glass solution towards q -> 0. Its fold is the spinodal; a branch that reaches
// q -> 0 with T still rising is a continuous transition at lim_{q->0} v/q = 1 (T_g = 1 +
// sqrt(alpha) for P = 2). `transition` is where f_glass = f_paramagnet (the formal RS static
// transition; the paramagnet continued below its entropy crisis), equal to the onset when it is
// continuous.
struct GlassLines {
  double T_spinodal = NAN;
  double q_spinodal = NAN;
  double T_transition = NAN;
  bool continuous = false;
  LineStatus status = LineStatus::absent;
};
GlassLines rs_glass_lines(const Model& model);

// T_c as above, without the glass solves above the glass spinodal of `glass` (found for this
// model), where no glass root exists: the same line for less work.
Transition retrieval_transition(const Model& model, const RetrievalFold& fold,
                                const GlassLines& glass);

// Temperature where the q = 0 paramagnet's entropy ln 2 - xihat(1)/(2 T^2) vanishes:
// sqrt(xihat(1)/(2 ln 2)) for P > 2 when q = 0 solves the equations (xihat'(0) = 0); NaN otherwise
// (P = 2 has a positive-entropy paramagnet wherever it exists).
double paramagnet_entropy_zero(const Model& model);

}  // namespace dhn::theory

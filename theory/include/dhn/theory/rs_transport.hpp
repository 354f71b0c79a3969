// The RS free energy and the lines T_M, T_c of the dense network with load, computed by the
// transport route: the characteristic of A_t = H(A_x, A_w) that lands on the model point.
#pragma once

#include <cmath>

#include "dhn/model/model.hpp"
#include "dhn/theory/line_status.hpp"
#include "dhn/theory/rs_transport_characteristic.hpp"

namespace dhn::theory {

// A characteristic through the model point (t, x, w) = (1, 0, 0) at temperature T (convention B):
// its foot, what it carries (m, q), and the pressure A(1, 0, 0) and free energy f = -T A it gives.
// docs/derivations/transport-load.md sections 3-5.
struct RsTransportPoint {
  double T = NAN;
  double f = NAN;                 // -T A(1, 0, 0)
  double s = NAN;                 // entropy per spin, A + beta u (RsTransportHamiltonian::energy)
  CharacteristicLanding landing;  // x, w: the landing point's distance from (0, 0) (the residual)
  bool found = false;             // a characteristic of this branch lands on (0, 0)
  bool stable = false;            // det J > 0 and trace J > 0 (CharacteristicLanding)
};

// Tolerances of the foot search: the landing point equals (0, 0) to about these (the foot's
// bracket widths; the landing point moves by O(1) per unit of foot, det J = O(1) off the caustic).
inline constexpr double kFootTolerance = 1e-13;
// The foot's w0 is searched from its largest possible value, beta^2 xihat'(1), down in halvings:
// the first sign change of w(1) below the top is the largest root (the largest q, as the RS
// iteration from q = 1 finds). 60 halvings reach 1e-18 of the top.
inline constexpr int kFootHalvings = 60;

// The largest foot w0 in [0, beta^2 xihat'(1)] whose characteristic from (x0, w0) lands on w = 0,
// and that characteristic; found = false when none does.
RsTransportPoint characteristic_to_w_zero(const RsTransportHamiltonian& H, double x0);

// The retrieval characteristic: the foot x0 in (0, beta b(1)] of largest m whose characteristic
// (with w0 from characteristic_to_w_zero) lands on x = 0. The landing x(x0) is positive at both
// ends of the interval; a retrieval characteristic exists where its interior minimum (the caustic
// side) is negative, and the root above that minimum is the stable branch. P >= 3, alpha >= 0.
RsTransportPoint transport_retrieval(const Model& model, double T);

// The m = 0 characteristics have their foot on x0 = 0 (m = E tanh(sqrt(w0) z) = 0) and land on
// x = 0 for every w0; w0 is a root of the landing w. The paramagnet is the smallest root (w0 = 0,
// q = 0 where xihat'(0) = 0, A = ln 2 + beta^2 xihat(1)/2; the random-field q > 0 otherwise), the
// glass the largest (characteristic_to_w_zero at x0 = 0; it is the paramagnet's own foot where no
// glass exists).
RsTransportPoint transport_paramagnet(const Model& model, double T);
RsTransportPoint transport_glass(const Model& model, double T);

// The physical m = 0 state, by the rule of the RS solver's classify (rs_solver.hpp): the
// paramagnet counts where it is stable with entropy >= -1e-9 (kEntropyTolerance); a stable glass
// with q more than 1e-6 (kDistinctQ) from the paramagnet's replaces it where its f is not lower
// (the n -> 0 replica rule: in the m = 0 sector the physical RS state has the higher f).
struct RsTransportM0 {
  RsTransportPoint paramagnet;
  RsTransportPoint glass;
  double f = NAN;         // f of the physical m = 0 state; NaN: none is physical
  bool is_glass = false;  // the physical m = 0 state is the glass
};
RsTransportM0 transport_m0_state(const Model& model, double T);

// The retrieval spinodal by the transport route: the highest T at which a retrieval characteristic
// reaches the model point, i.e. where the minimum over feet of the landing x (the caustic's side of
// the fan of characteristics) rises through 0. Brent in T to a relative width of 1e-13; the minimum
// over feet to 1e-8 in x0 (its value is quadratic there, so 1e-16 in x). det_J of the returned
// landing vanishes there: the caustic passes through the model point.
struct RsTransportFold {
  double T = NAN;
  RsTransportPoint point;  // the characteristic at the fold (m, q, foot, det_J)
  LineStatus status = LineStatus::absent;
};
RsTransportFold transport_retrieval_spinodal(const Model& model);

// T_c by the transport route: the highest T below T_M at which the retrieval characteristic's
// pressure is the largest (lowest f) against the physical m = 0 state (transport_m0_state; where
// none is physical retrieval wins), i.e. where the shock between the branches reaches the model
// point. Bracketed downward from just below T_M in steps of 2 % of T_M to 0.05 T_M (absent when
// retrieval never wins there), then Brent to a relative width of 1e-13 (bisection across jumps of
// the m = 0 state).
struct RsTransportTransition {
  double T = NAN;
  LineStatus status = LineStatus::absent;
};
RsTransportTransition transport_retrieval_transition(const Model& model,
                                                     const RsTransportFold& fold);

}  // namespace dhn::theory

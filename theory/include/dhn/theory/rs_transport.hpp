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
  double f = NAN;
  CharacteristicLanding landing;  // x, w: the landing point's distance from (0, 0) (the residual)
  bool found = false;             // a characteristic of this branch lands on (0, 0)
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
// side) is negative, and the root above that minimum is the stable branch. P >= 3, alpha > 0.
RsTransportPoint transport_retrieval(const Model& model, double T);

// The paramagnet characteristic: the foot (0, 0), m = q = 0, which lands on (0, 0) when
// xihat'(0) = 0 (found = false otherwise: a random field, full variant at odd P). A = ln 2 +
// beta^2 xihat(1)/2.
RsTransportPoint transport_paramagnet(const Model& model, double T);

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
// pressure equals the paramagnet's (the shock between the two branches reaches the model point),
// Brent to a relative width of 1e-13, bracketed downward from T_M in steps of 2 % of T_M. Compares
// with the paramagnet only: absent when xihat'(0) > 0, and when retrieval does not win above the
// paramagnet's entropy crisis T = sqrt(xihat(1)/(2 ln 2));
// where the suite's m = 0 state is the RS glass the two routes' T_c differ (see the derivation).
struct RsTransportTransition {
  double T = NAN;
  LineStatus status = LineStatus::absent;
};
RsTransportTransition transport_retrieval_transition(const Model& model,
                                                     const RsTransportFold& fold);

}  // namespace dhn::theory

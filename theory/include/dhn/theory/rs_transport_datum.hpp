// The Cauchy datum of the RS transport equation with load: the one-body pressure at t = 0,
// A0(x, w) = ln 2 + E ln cosh(x + sqrt(w) z), with its gradient and Hessian.
#pragma once

namespace dhn::theory {

// A0 and its derivatives at one point (x, w) of the t = 0 plane. x is the field conjugate to
// the Mattis overlap (N m), w the variance of the one-body Gaussian field sqrt(w) J_i s_i that
// carries q (docs/derivations/transport-load.md section 2). With h = x + sqrt(w) z, t = tanh h and
// sech^2 h = 1 - t^2, Gaussian integration by parts gives d/dw E g(h) = E g''(h)/2, so
//   m = dA0/dx = E t,   q = 1 - 2 dA0/dw = E t^2,
//   dm/dx = E sech^2,   dm/dw = -E t sech^2,   dq/dx = 2 E t sech^2,   dq/dw = E (3 sech^4 - 2
//   sech^2).
struct CauchyDatum {
  double A = 0.0;      // A0(x, w)
  double m = 0.0;      // dA0/dx
  double q = 0.0;      // 1 - 2 dA0/dw
  double dm_dx = 0.0;  // d^2 A0/dx^2
  double dm_dw = 0.0;  // d^2 A0/dx dw
  double dq_dx = 0.0;  // -2 d^2 A0/dx dw
  double dq_dw = 0.0;  // -2 d^2 A0/dw^2
};

// The datum at (x, w), w >= 0 (throws std::invalid_argument naming w otherwise; w = 0 is the
// closed form). One pass of composite Gauss-Legendre panels on z refined at the sign change of h,
// z = -x/sqrt(w), with panel width min(1, 1/sqrt(w)) there (quadrature.hpp: about 1e-16 relative
// per panel); sech^2 and ln cosh from e^(-2|h|), so nothing cancels at large |h|.
CauchyDatum cauchy_datum(double x, double w);

}  // namespace dhn::theory

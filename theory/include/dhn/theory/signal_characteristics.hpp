// The characteristics of the N -> infinity signal transport equation: straight lines in (t, x)
// along which m is constant; where they first cross (the cusp) and the caustic at zero field.
#pragma once

#include <cmath>

namespace dhn::theory {

// A point of the characteristics' envelope: time t = beta, position x = beta h (convention B) and
// the overlap m carried there. docs/derivations/transport.md section 4.
struct CharacteristicPoint {
  double t = NAN;
  double x = NAN;
  double m = NAN;
};

// The characteristic from x0 carries m = tanh x0 along x = x0 - t b(m). Neighbours cross where
// dx/dx0 = 1 - t b'(m)(1 - m^2) = 0; the first crossing (the cusp, where the shock is born) is at
// t* = min_m 1/(b'(m)(1 - m^2)), reached at m^2 = (P-2)/P (closed form; P = 2: m = 0, t* = 1,
// x* = 0). Requires 2 <= P <= 12 (throws std::invalid_argument naming P otherwise).
CharacteristicPoint first_characteristic_crossing(int P);

// The caustic (the envelope, i.e. the spinodal line in (h, T)) where it crosses x = 0: the root of
// atanh(m) = t b(m) with t = 1/(b'(m)(1 - m^2)) on m > m*, found by Brent to 1e-14. Its 1/t is the
// retrieval spinodal T_M(0) of the P-spin Curie-Weiss model (the fold of b(m)/atanh(m)). P = 2:
// the cusp itself (t = 1, x = 0, m = 0).
CharacteristicPoint caustic_at_zero_field(int P);

}  // namespace dhn::theory

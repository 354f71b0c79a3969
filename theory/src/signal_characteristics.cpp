#include "dhn/theory/signal_characteristics.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {
namespace {

void require_order(int P) {
  if (P < 2 || P > kMaxP)
    throw std::invalid_argument("P must be in [2, " + std::to_string(kMaxP) + "], got " +
                                std::to_string(P));
}

// 1/t of the crossing of neighbouring characteristics carrying m: b'(m) (1 - m^2).
double crossing_rate(const Signal& b, double m) {
  return b.derivative(m) * (1.0 - m * m);
}

}  // namespace

CharacteristicPoint first_characteristic_crossing(int P) {
  require_order(P);
  const Signal b(P);
  const double m = std::sqrt((P - 2.0) / P);  // maximiser of m^(P-2) (1 - m^2)
  const double t = 1.0 / crossing_rate(b, m);
  return {.t = t, .x = std::atanh(m) - t * b.value(m), .m = m};
}

CharacteristicPoint caustic_at_zero_field(int P) {
  const CharacteristicPoint cusp = first_characteristic_crossing(P);
  if (P == 2) return cusp;
  const Signal b(P);
  // x on the caustic branch m > m*: positive at the cusp, -> -infinity as m -> 1
  auto x_of = [&](double m) { return std::atanh(m) - b.value(m) / crossing_rate(b, m); };
  const ScalarRoot root = find_root(x_of, cusp.m, 1.0 - 1e-12, 1e-14);
  if (!root.converged) return {};
  return {.t = 1.0 / crossing_rate(b, root.x), .x = 0.0, .m = root.x};
}

}  // namespace dhn::theory

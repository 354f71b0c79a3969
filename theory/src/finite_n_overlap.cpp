#include "dhn/theory/finite_n_overlap.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "dhn/theory/signal_pressure.hpp"

namespace dhn::theory {

FiniteNOverlapCurve finite_n_overlap_curve(const Model& model, int N, const std::vector<double>& T,
                                           double h) {
  FiniteNOverlapCurve curve;
  curve.N = N;
  curve.h = h;
  curve.T = T;
  for (double temperature : T) {
    if (!(temperature > 0.0) || !std::isfinite(temperature))
      throw std::invalid_argument("T must be finite and > 0, got " + std::to_string(temperature));
    const double beta = 1.0 / temperature;  // t = beta, x = beta h (section 1)
    const SignalPressure s = finite_n_signal_pressure(model.P, model.variant, N, beta, beta * h);
    curve.m.push_back(s.m);
    curve.abs_m.push_back(s.abs_m);
    curve.m_squared.push_back(s.m_squared);
  }
  return curve;
}

}  // namespace dhn::theory

#include "dhn/theory/rs_transport_datum.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "dhn/theory/quadrature.hpp"

namespace dhn::theory {
namespace {

// Per-node values of the integrands: ln 2cosh h, tanh h and sech^2 h, from e = exp(-2|h|).
struct NodeValues {
  double log_2cosh;
  double t;
  double sech2;
};

NodeValues at(double h) {
  const double e = std::exp(-2.0 * std::abs(h));
  const double t = std::copysign((1.0 - e) / (1.0 + e), h);
  return {
      .log_2cosh = std::abs(h) + std::log1p(e), .t = t, .sech2 = 4.0 * e / ((1.0 + e) * (1.0 + e))};
}

}  // namespace

CauchyDatum cauchy_datum(double x, double w) {
  if (!(w >= 0.0) || !std::isfinite(w))
    throw std::invalid_argument("cauchy_datum: w must be finite and >= 0, got " +
                                std::to_string(w));
  const double s = std::sqrt(w);
  double log_2cosh = 0.0, t1 = 0.0, t2 = 0.0, sech2 = 0.0, t_sech2 = 0.0, sech4 = 0.0;
  auto accumulate = [&](double weight, double h) {
    const NodeValues v = at(h);
    log_2cosh += weight * v.log_2cosh;
    t1 += weight * v.t;
    t2 += weight * v.t * v.t;
    sech2 += weight * v.sech2;
    t_sech2 += weight * v.t * v.sech2;
    sech4 += weight * v.sech2 * v.sech2;
  };
  if (s == 0.0) {
    accumulate(1.0, x);
  } else {
    const GaussianGrid grid(-x / s, std::min(GaussianGrid::kMaxPanelWidth, 1.0 / s));
    const auto z = grid.nodes();
    const auto weight = grid.weights();
    for (std::size_t i = 0; i < grid.size(); ++i) accumulate(weight[i], x + s * z[i]);
  }
  return {.A = log_2cosh,
          .m = t1,
          .q = t2,
          .dm_dx = sech2,
          .dm_dw = -t_sech2,
          .dq_dx = 2.0 * t_sech2,
          .dq_dw = 3.0 * sech4 - 2.0 * sech2};
}

}  // namespace dhn::theory

#include "dhn/theory/tilted_gaussian.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "dhn/theory/quadrature.hpp"

namespace dhn::theory {

TiltedAverages tilted_averages(double a, double s, double theta) {
  auto log_cosh = [](double x) {
    return std::abs(x) + std::log1p(std::exp(-2.0 * std::abs(x))) - M_LN2;
  };
  TiltedAverages out;
  if (!(s > 0.0)) {
    out.log_mean = theta * log_cosh(a);
    out.t = std::tanh(a);
    out.t2 = out.t * out.t;
    out.log_cosh = log_cosh(a);
    out.log_gap = 0.0;
    return out;
  }
  // The integrand exp(theta ln cosh(a + s z) - z^2/2) peaks near z = +-theta s (and 0): cover
  // [-theta s - 10, theta s + 10] with panels refined at the sign change z0 = -a/s. When the
  // peaks are far apart (theta s > kWindowed, e.g. T = 1e-6 at alpha = 1000: s ~ 1e7) only the
  // two unit-width Gaussians around them count: for large |h| the integrand is
  // exp(theta |a + s z| - z^2/2), below e^-72 of its peak more than 12 from +-theta s (and the
  // kink z0, where it is smallest, lies in a window or is suppressed as much); covering the
  // whole interval would take ~theta s panels (gigabytes).
  constexpr double kWindowed = 40.0, kHalfWindow = 12.0;
  const double reach = theta * s + 10.0;
  thread_local std::vector<double> nodes, weights;
  nodes.clear();
  weights.clear();
  auto cover = [&](double lo, double hi) {
    const PanelGrid panels(lo, hi, -a / s, std::min(1.0, 1.0 / s), 1.0);
    nodes.insert(nodes.end(), panels.nodes().begin(), panels.nodes().end());
    weights.insert(weights.end(), panels.weights().begin(), panels.weights().end());
  };
  if (theta * s > kWindowed) {
    cover(-theta * s - kHalfWindow, -theta * s + kHalfWindow);
    cover(theta * s - kHalfWindow, theta * s + kHalfWindow);
  } else {
    cover(-reach, reach);
  }
  const double reference = log_cosh(a);  // ln cosh is measured from here (see log_gap)
  // One exp per node serves ln cosh h = |h| + ln(1 + e) - ln 2 and tanh h = sign(h)(1 - e)/(1 + e)
  // with e = exp(-2|h|) (absolute error ~1e-16 in tanh, which is all the averages need).
  thread_local std::vector<double> shifted, exponent, decay;
  shifted.resize(nodes.size());
  exponent.resize(nodes.size());
  decay.resize(nodes.size());
  double peak = -INFINITY;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const double z = nodes[i];
    const double abs_h = std::abs(a + s * z);
    decay[i] = abs_h < 20.0 ? std::exp(-2.0 * abs_h) : 0.0;  // e^-40 < 1e-17: rounds away
    shifted[i] = abs_h + (decay[i] > 0.0 ? std::log1p(decay[i]) : 0.0) - M_LN2 - reference;
    exponent[i] = theta * shifted[i] - 0.5 * z * z;
    peak = std::max(peak, exponent[i]);
  }
  // Nodes more than e^-60 below the peak cannot change a sum at 1e-16 relative: skipped (their
  // exp would also take libm's slow underflow path).
  const double cutoff = peak - 60.0;
  double mass = 0.0, t = 0.0, t2 = 0.0, lc = 0.0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (exponent[i] < cutoff) continue;
    const double h = a + s * nodes[i];
    const double w = weights[i] * std::exp(exponent[i] - peak);
    const double th = std::copysign((1.0 - decay[i]) / (1.0 + decay[i]), h);
    mass += w;
    t += w * th;
    t2 += w * th * th;
    lc += w * shifted[i];
  }
  const double log_mean_shifted = peak + std::log(mass / std::sqrt(2.0 * M_PI));
  out.t = t / mass;
  out.t2 = t2 / mass;
  out.log_gap = log_mean_shifted - theta * lc / mass;
  out.log_mean = log_mean_shifted + theta * reference;
  out.log_cosh = lc / mass + reference;
  return out;
}

}  // namespace dhn::theory

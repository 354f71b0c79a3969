// Averages over z ~ N(0,1) tilted by cosh^theta(a + s z): the inner integral of one-step RSB.
// Log-sum-exp stabilised Gauss-Legendre panels that cover the tilted peaks at z ~ +-theta s.
#pragma once

namespace dhn::theory {

struct TiltedAverages {
  double log_mean = 0.0;  // ln E cosh^theta(a + s z)
  double t = 0.0;         // <tanh h>_theta
  double t2 = 0.0;        // <tanh^2 h>_theta
  double log_cosh = 0.0;  // <ln cosh h>_theta
  // ln E cosh^theta h - theta <ln cosh h>_theta (<= 0: minus the relative entropy of the tilted
  // measure), computed with ln cosh h measured from its value at z = 0 so that the O(theta |a|)
  // parts that cancel between the two terms never appear: the theta equation of 1RSB needs it.
  double log_gap = 0.0;
};

// theta in (0, 1], s >= 0. Accuracy ~1e-14 relative (12-point panels, width <= 1 and <= 1/s near
// the sign change of h, range theta s + |a|/s-independent cutoff of 10 standard deviations).
TiltedAverages tilted_averages(double a, double s, double theta);

}  // namespace dhn::theory

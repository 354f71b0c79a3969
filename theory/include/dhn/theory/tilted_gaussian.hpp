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

// E_z1 of the tilted averages at the fields a = a0 + s1 z1, z1 ~ N(0,1): the nested integral
// E_z1 [.]_{z2} of one-step RSB (t_squared = E_z1 <tanh h>^2, the other members E_z1 of the
// TiltedAverages member of the same name).
struct OuterTiltedAverages {
  double t = 0.0, t_squared = 0.0, t2 = 0.0, log_mean = 0.0, log_cosh = 0.0, log_gap = 0.0;
};
// Error budget (stated in tilted_gaussian.cpp): ~1e-15 relative, as tilted_averages. The inner
// integral is done on one grid in the field h = a + s z2 shared by all outer nodes (its kink is at
// h = 0 whatever a), so ln cosh h and tanh h are evaluated once per h node and each (z1, h) pair
// costs one exponential; 12-point panels up to width 2 (in units of the Gaussian's standard
// deviation) in both variables.
OuterTiltedAverages outer_tilted_averages(double a0, double s1, double s, double theta);

}  // namespace dhn::theory

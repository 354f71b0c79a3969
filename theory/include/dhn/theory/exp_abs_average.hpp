// The closed-form inner average of T = 0 one-step RSB: I(a) = E_z exp(mu |a + s z|), z ~ N(0,1),
// in logs, with the tilted sign average <s> = I'(a)/(mu I(a)). Shared by P = 2 and P >= 3.
#pragma once

namespace dhn::theory {

// ln Phi(u) for the standard normal CDF, accurate in the far tails.
double log_normal_cdf(double u);

struct ExpAbsAverage {
  double log_I =
      0.0;         // ln I = mu^2 s^2/2 + ln(e^{mu a} Phi(a/s + mu s) + e^{-mu a} Phi(-a/s + mu s))
  double s = 0.0;  // <sign(a + s z)> = tanh((l+ - l-)/2), l+- = +-mu a + ln Phi(+-a/s + mu s)
};

// s = 0 gives I = exp(mu |a|) and <s> = sign(a).
ExpAbsAverage exp_abs_average(double a, double mu, double s);

}  // namespace dhn::theory

#include "dhn/theory/exp_abs_average.hpp"

#include <gsl/gsl_sf_erf.h>

#include <algorithm>
#include <cmath>

namespace dhn::theory {

double log_normal_cdf(double u) {
  // Phi(u) = erfc(-u/sqrt 2)/2: libm's erfc (a few ulp, several times faster than GSL's) while it
  // stays above the normal range (erfc(26) ~ 6e-296); GSL's log_erfc in the far tail.
  const double x = -u / M_SQRT2;
  if (x < 26.0) return std::log(0.5 * std::erfc(x));
  return gsl_sf_log_erfc(x) - M_LN2;
}

ExpAbsAverage exp_abs_average(double a, double mu, double s) {
  if (s < 1e-14) return {mu * std::abs(a), a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0)};
  const double l_plus = mu * a + log_normal_cdf(a / s + mu * s);
  const double l_minus = -mu * a + log_normal_cdf(-a / s + mu * s);
  const double top = std::max(l_plus, l_minus);  // log-sum-exp: I can overflow for large mu |a|
  const double log_sum = top + std::log(std::exp(l_plus - top) + std::exp(l_minus - top));
  return {0.5 * mu * mu * s * s + log_sum, std::tanh(0.5 * (l_plus - l_minus))};
}

}  // namespace dhn::theory

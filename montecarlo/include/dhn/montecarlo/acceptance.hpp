// The acceptance rules of single-spin-flip dynamics, shared by the CPU engine and the CUDA
// kernels so that both take the same decision for the same Delta U and uniform u.
#pragma once

#include <math.h>  // ::exp, callable from host and device code alike

#include <cstdint>

#include "dhn/model/hd.hpp"

namespace dhn::montecarlo {

enum class UpdateRule {
  metropolis,  // accept with min(1, exp(-beta Delta H)); Delta H <= 0 always accepted
  heat_bath,   // accept with 1 / (1 + exp(beta Delta H)) (Glauber); 1/2 at Delta H = 0
};

// Decision for the exact energy-numerator change delta (Delta H = delta / denominator) at
// beta_over_denominator = beta / denominator, with u uniform in [0, 1). At beta = +inf the
// exponent is +-inf and the rules reduce to the T = 0 limits. Host and device exp may differ in
// the last bit, which changes a decision only when u falls within ~1e-16 of the threshold.
DHN_HD inline bool accept_flip(std::int64_t delta, double beta_over_denominator, UpdateRule rule,
                               double u) {
  if (rule == UpdateRule::metropolis) {
    if (delta <= 0) return true;
    return u < ::exp(-beta_over_denominator * static_cast<double>(delta));
  }
  if (delta == 0) return u < 0.5;
  const double x = beta_over_denominator * static_cast<double>(delta);
  return u < 1.0 / (1.0 + ::exp(x));
}

}  // namespace dhn::montecarlo

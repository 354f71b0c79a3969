// The spherical ("soft") spin glass with covariance E[H(s)H(t)] = N xihat(s.t/N), |s|^2 = N: its
// 1RSB (Crisanti-Sommers) functional and glass transitions, the soft counterpart of Rsb1Glass.
#pragma once

#include <cmath>

#include "dhn/model/covariance.hpp"
#include "dhn/theory/line_status.hpp"

namespace dhn::theory {

// With q0 = 0, q1 = q and Parisi parameter x (Crisanti-Sommers 1992), up to an x,q-free constant:
//   -beta f = (beta^2/2)[xihat(1) - (1-x) xihat(q)] + (1/(2x)) ln(1 - (1-x) q) + ((x-1)/(2x)) ln(1
//   - q),
// stationary in q where beta^2 xihat'(q) = q / ((1-q)(1-(1-x) q)) and in x where
//   (beta^2/2) xihat(q) - (1/(2x^2)) ln((1-(1-x)q)/(1-q)) + q/(2x(1-(1-x)q)) = 0.
class SphericalGlass {
 public:
  explicit SphericalGlass(const NoiseCovariance& xihat) : xihat_(xihat) {}

  // -beta f (without the constant) at (beta, q, x).
  double pressure(double beta, double q, double x) const;
  // RS (the x -> 0 limit): (beta^2/2)[xihat(1) - xihat(q)] + ln(1-q)/2 + q/(2(1-q)), stationary
  // where beta^2 xihat'(q) = q/(1-q)^2.
  double rs_pressure(double beta, double q) const;

  // rs_lines() and lines() need pure P-spin noise (NoiseCovariance::is_pure_p_spin); with any
  // other xihat their status is absent and every field NaN.
  // RS glass lines: the spinodal (fold of the q > 0 branch, max over q of T^2 = (1-q)^2
  // xihat'(q)/q) and the transition where the RS glass pressure equals the paramagnet's beta^2
  // xihat(1)/2.
  struct RsLines {
    double T_spinodal = NAN, q_spinodal = NAN;
    double T_transition = NAN, q_transition = NAN;
    LineStatus status = LineStatus::absent;
  };
  RsLines rs_lines() const;

  struct Lines {
    double T_d = NAN, q_d = NAN;  // x = 1 branch appears: max_q of T^2 = (1-q) xihat'(q)/q
    double T_s = NAN,
           q_s = NAN;  // the x = 1 branch also satisfies the x-equation:
                       //   beta^2 xihat(q) = -q - ln(1-q) with beta^2 xihat'(q) = q/(1-q)
    LineStatus status = LineStatus::absent;
  };
  Lines lines() const;

 private:
  NoiseCovariance xihat_;
};

}  // namespace dhn::theory

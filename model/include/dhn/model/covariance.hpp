// Slow-noise covariance xihat(q) and condensed-pattern signal b(m) of the dense network
// (physics.md section 2). Both variants share every code path through these two objects.
#pragma once

#include <array>

#include "dhn/model/model.hpp"

namespace dhn {

// xihat(q) = alpha * sum_k c_k q^k, the covariance E[beta H(s) beta H(t)] = N beta^2 xihat(q)
// of the non-condensed patterns, q = s.t/N, convention B.
//   distinct: c_P = 1/P!                                   (xihat = alpha q^P / P!)
//   full:     c_k = a_k^2 k! / P!^2 for k >= 1, P-k even,  a_k = P!/(k! ((P-k)/2)! 2^((P-k)/2))
// The full variant's disorder-independent constant (order alpha N^(P/2)) is excluded.
class NoiseCovariance {
 public:
  explicit NoiseCovariance(const Model& model);

  double value(double q) const;              // xihat(q)
  double derivative(double q) const;         // xihat'(q)
  double second_derivative(double q) const;  // xihat''(q)
  // Theta(q) = q xihat'(q) - xihat(q) (physics.md section 4).
  double theta_function(double q) const { return q * derivative(q) - value(q); }
  // Coefficient of q^k in xihat(q)/alpha.
  double coefficient(int k) const { return coefficients_.at(k); }
  double alpha() const { return alpha_; }

  // Pure P-spin noise: P >= 3, alpha > 0 and xihat'(0) = xihat''(0) = 0, i.e. neither a random
  // field (a q term) nor a quadratic, SK-like term (q^2). Then q = 0 solves the m = 0 equations at
  // every T and the m = 0 sector is a pure P-spin glass with q1 = 0 at 1RSB (physics.md sections
  // 2 and 4). True for the distinct variant at P >= 3; never for the full variant (a q term for
  // odd P, a q^2 term for even P) nor for P = 2 (xihat = alpha q^2/2, the SK-like Hopfield noise).
  bool is_pure_p_spin() const;
  // Random field: xihat'(0) > 0, a q term in xihat (the full variant at odd P, physics.md section
  // 2). Then q = 0 is no solution at m = 0, and the 1RSB glass needs q1 > 0.
  bool has_random_field() const { return derivative(0.0) > 0.0; }

 private:
  double alpha_;
  int P_;
  std::array<double, kMaxP + 1> coefficients_{};  // c_k, k = 0..P
};

// Signal of the condensed pattern, b(m) = P m^(P-1)/P! = m^(P-1)/(P-1)! (physics.md section 2),
// the same in both variants.
class Signal {
 public:
  explicit Signal(int P);
  double value(double m) const;       // b(m)
  double derivative(double m) const;  // b'(m)
  // The retrieval energy's Legendre term (P-1) m^P / P!.
  double legendre_term(double m) const;

 private:
  int P_;
  double inv_factorial_P_minus_1_;
};

}  // namespace dhn

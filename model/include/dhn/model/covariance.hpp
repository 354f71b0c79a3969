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

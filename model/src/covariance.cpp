#include "dhn/model/covariance.hpp"

#include <cmath>

namespace dhn {

NoiseCovariance::NoiseCovariance(const Model& model) : alpha_(model.alpha), P_(model.P) {
  validate(model);
  const double p_factorial = factorial(P_);
  if (model.variant == Variant::distinct) {
    coefficients_[P_] = 1.0 / p_factorial;
    return;
  }
  // Full variant: the Hermite expansion of m^P for Gaussian m gives the order-k chaos with
  // weight a_k (physics.md section 2); its covariance contributes a_k^2 k! q^k / P!^2.
  for (int k = P_; k >= 1; k -= 2) {
    const int half = (P_ - k) / 2;
    const double a_k = p_factorial / (factorial(k) * factorial(half) * std::ldexp(1.0, half));
    coefficients_[k] = a_k * a_k * factorial(k) / (p_factorial * p_factorial);
  }
}

double NoiseCovariance::value(double q) const {
  double sum = 0.0;  // Horner in q
  for (int k = P_; k >= 0; --k) sum = sum * q + coefficients_[k];
  return alpha_ * sum;
}

double NoiseCovariance::derivative(double q) const {
  double sum = 0.0;
  for (int k = P_; k >= 1; --k) sum = sum * q + k * coefficients_[k];
  return alpha_ * sum;
}

double NoiseCovariance::second_derivative(double q) const {
  double sum = 0.0;
  for (int k = P_; k >= 2; --k) sum = sum * q + k * (k - 1) * coefficients_[k];
  return alpha_ * sum;
}

bool NoiseCovariance::is_pure_p_spin() const {
  // alpha > 0 first: at alpha = 0 there is no noise at all, and xihat'(0) = xihat''(0) = 0 alone
  // would not tell P = 2 apart.
  return P_ >= 3 && alpha_ > 0.0 && derivative(0.0) == 0.0 && second_derivative(0.0) == 0.0;
}

Signal::Signal(int P) : P_(P), inv_factorial_P_minus_1_(1.0 / factorial(P - 1)) {}

double Signal::value(double m) const {
  return std::pow(m, P_ - 1) * inv_factorial_P_minus_1_;
}

double Signal::derivative(double m) const {
  return (P_ - 1) * std::pow(m, P_ - 2) * inv_factorial_P_minus_1_;
}

double Signal::legendre_term(double m) const {
  return (P_ - 1) * std::pow(m, P_) * inv_factorial_P_minus_1_ / P_;
}

}  // namespace dhn

// Replica-symmetric systems: the map from order parameters (m, q) and beta to the Gaussian
// retrieval field h = a + sqrt(v) z and the free energy. Dense P > 2 and Hopfield P = 2.
#pragma once

#include <concepts>
#include <variant>

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/theory/quadrature.hpp"

namespace dhn::theory {

// Mean a and variance v of the field h = a + sqrt(v) z with their partial derivatives.
struct Field {
  double a = 0.0;  // beta * signal
  double v = 0.0;  // beta^2 * noise variance
  double da_dm = 0.0;
  double da_dbeta = 0.0;
  double dv_dq = 0.0;
  double dv_dbeta = 0.0;
};

// An RS system supplies the field, the free energy per spin f(m, q; beta) whose stationary points
// are m = E tanh h, q = E tanh^2 h, its energy u = d(beta f)/d beta at fixed (m, q) (the total
// derivative where f is stationary), and the slope lim_{q->0} v/q that fixes a continuous glass
// onset. The energy needs the moments t1, sech2 only: d/d beta E ln cosh h = t1 da/d beta +
// (E sech^2 h)/2 dv/d beta (Stein's lemma).
template <class S>
concept RsSystem = requires(const S& s, double m, double q, double beta, const TanhMoments& mom) {
  { s.admissible(m, q, beta) } -> std::same_as<bool>;
  { s.field(m, q, beta) } -> std::same_as<Field>;
  { s.free_energy(m, q, beta, mom) } -> std::same_as<double>;
  { s.energy(m, q, beta, mom) } -> std::same_as<double>;
  { s.onset_slope(beta) } -> std::same_as<double>;
  { s.replicon_coefficient(q, beta) } -> std::same_as<double>;
  { s.model() } -> std::same_as<const Model&>;
};

// Dense network, P >= 3, any variant (physics.md section 3), convention B:
//   h = beta b(m) + beta z sqrt(xihat'(q))
//   f = -(1/beta)[ln 2 + E ln cosh h - beta (P-1) m^P/P! + (beta^2/2)(xihat(1) - xihat(q) - (1-q)
//   xihat'(q))]
class RsDense {
 public:
  explicit RsDense(const Model& model);
  bool admissible(double m, double q, double beta) const;
  Field field(double m, double q, double beta) const;
  double free_energy(double m, double q, double beta, const TanhMoments& moments) const;
  double energy(double m, double q, double beta, const TanhMoments& moments) const;
  // beta^2 xihat''(0) when xihat'(0) = 0, +inf otherwise (a random field forbids q = 0).
  double onset_slope(double beta) const;
  // de Almeida-Thouless: the RS state is stable while replicon_coefficient * E sech^4 h < 1;
  // here beta^2 xihat''(q).
  double replicon_coefficient(double q, double beta) const;
  const Model& model() const { return model_; }
  const NoiseCovariance& xihat() const { return xihat_; }
  const Signal& signal() const { return signal_; }

 private:
  Model model_;
  NoiseCovariance xihat_;
  Signal signal_;
};

// Hopfield model, P = 2 (Amit-Gutfreund-Sompolinsky; physics.md section 5), convention B:
//   h = beta (m + sqrt(alpha r) z),  r = q / D^2,  D = 1 - beta (1 - q) > 0
//   f = alpha/2 + m^2/2 + alpha/(2 beta)[ln D - beta q / D] + alpha beta r (1-q)/2 - (1/beta) E ln
//   2cosh h
// The "full" variant differs only by the constant -alpha/2, which is excluded (as for P > 2).
class RsHopfield {
 public:
  explicit RsHopfield(const Model& model);
  bool admissible(double m, double q, double beta) const;
  Field field(double m, double q, double beta) const;
  double free_energy(double m, double q, double beta, const TanhMoments& moments) const;
  double energy(double m, double q, double beta, const TanhMoments& moments) const;
  // beta^2 alpha / (1 - beta)^2 for beta < 1 (the q = 0 paramagnet exists only there).
  double onset_slope(double beta) const;
  // de Almeida-Thouless for the AGS retrieval state (AGS 1987): beta^2 alpha / (1 - beta(1-q))^2.
  double replicon_coefficient(double q, double beta) const;
  const Model& model() const { return model_; }

 private:
  Model model_;
};

using AnyRsSystem = std::variant<RsDense, RsHopfield>;
// P = 2 gives the AGS system, P >= 3 the dense one. Validates the model.
AnyRsSystem make_rs_system(const Model& model);

}  // namespace dhn::theory

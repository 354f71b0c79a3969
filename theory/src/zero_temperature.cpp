#include "dhn/theory/zero_temperature.hpp"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>

#include <cmath>
#include <stdexcept>

#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {

double expected_abs_gaussian(double a, double sigma) {
  if (sigma <= 0.0) return std::abs(a);
  const double x = a / (sigma * M_SQRT2);
  return a * std::erf(x) + sigma * std::sqrt(2.0 / M_PI) * std::exp(-x * x);
}

namespace {
// erfinv(m) for m in (0, 1), accurate up to m -> 1 through the upper-tail quantile.
double erfinv(double m) {
  return gsl_cdf_ugaussian_Qinv(0.5 * (1.0 - m)) / M_SQRT2;
}

constexpr double kMTolerance = 1e-13;
}  // namespace

RsGroundStateDense::RsGroundStateDense(int P, Variant variant)
    : P_(P), signal_(P), g_(NoiseCovariance(Model{P, variant, 1.0}).derivative(1.0)) {
  if (P < 3) throw std::invalid_argument("RsGroundStateDense needs P >= 3");
}

double RsGroundStateDense::alpha_of_m(double m) const {
  const double b = signal_.value(m);
  const double x = erfinv(m);
  return b * b / (2.0 * g_ * x * x);
}

double RsGroundStateDense::retrieval_energy(double m, double alpha) const {
  return -expected_abs_gaussian(signal_.value(m), std::sqrt(alpha * g_)) + signal_.legendre_term(m);
}

double RsGroundStateDense::glass_energy(double alpha) const {
  return -std::sqrt(2.0 * alpha * g_ / M_PI);
}

RsCapacity RsGroundStateDense::capacity() const {
  RsCapacity c;
  // alpha(m) vanishes at m -> 0 (P > 2) and m -> 1 and has a single maximum in between.
  const ScalarExtremum top =
      maximise([this](double m) { return alpha_of_m(m); }, 1e-3, 1.0 - 1e-12, kMTolerance);
  c.m_spinodal = top.x;
  c.alpha_spinodal = top.value;
  // On the stable branch m in (m_spinodal, 1): e_retrieval - e_glass is < 0 near m = 1
  // (alpha -> 0) and, if alpha_global < alpha_spinodal, > 0 at the spinodal.
  auto gap = [this](double m) {
    const double a = alpha_of_m(m);
    return retrieval_energy(m, a) - glass_energy(a);
  };
  constexpr double kMTop = 1.0 - 1e-15;
  if (gap(c.m_spinodal) > 0.0 && gap(kMTop) < 0.0) {
    c.m_global = find_root(gap, c.m_spinodal, kMTop, kMTolerance).x;  // bracketed: just checked
    c.alpha_global = alpha_of_m(c.m_global);
  } else if (gap(c.m_spinodal) > 0.0) {
    // Large P: the crossing lies where m = 1 to double precision; solve in alpha at m = 1.
    auto gap_alpha = [this](double a) { return retrieval_energy(1.0, a) - glass_energy(a); };
    // Bracketed: gap_alpha(0+) = -1/P! < 0, and at alpha_of_m(kMTop) it is gap(kMTop) >= 0 to
    // double precision (m = kMTop is 1 there).
    c.m_global = 1.0;
    c.alpha_global = find_root(gap_alpha, 1e-300, alpha_of_m(kMTop), 1e-16 * alpha_of_m(kMTop)).x;
  } else {
    c.m_global = c.m_spinodal;  // retrieval stays the ground state up to the spinodal
    c.alpha_global = c.alpha_spinodal;
  }
  return c;
}

double RsGroundStateDense::retrieval_m(double alpha) const {
  constexpr double kMTop = 1.0 - 1e-15;  // the largest m distinguishable from 1 in double
  if (alpha <= 0.0 || alpha <= alpha_of_m(kMTop)) return 1.0;  // m = 1 to double precision
  if (!capacity_) capacity_ = capacity();
  if (alpha > capacity_->alpha_spinodal) return NAN;
  // Bracketed: alpha_of_m - alpha is >= 0 at the spinodal and < 0 at kMTop (checked above).
  return find_root([&](double m) { return alpha_of_m(m) - alpha; }, capacity_->m_spinodal, kMTop,
                   kMTolerance)
      .x;
}

RsGroundStateHopfield::BranchPoint RsGroundStateHopfield::branch(double y) const {
  BranchPoint p;
  p.m = std::erf(y);
  p.C = 2.0 * y * std::exp(-y * y) / (std::sqrt(M_PI) * p.m);
  p.alpha = p.m * p.m * (1.0 - p.C) * (1.0 - p.C) / (2.0 * y * y);
  const double sigma = std::sqrt(p.alpha) / (1.0 - p.C);  // sqrt(alpha r)
  const double a = p.alpha;
  p.energy = 0.5 * a + 0.5 * p.m * p.m - a / (2.0 * (1.0 - p.C)) +
             a * p.C / (2.0 * (1.0 - p.C) * (1.0 - p.C)) - expected_abs_gaussian(p.m, sigma);
  return p;
}

double RsGroundStateHopfield::glass_energy(double alpha) const {
  const double c = std::sqrt(2.0 / (M_PI * alpha));
  const double C = c / (1.0 + c);
  const double sigma = std::sqrt(alpha) / (1.0 - C);
  return 0.5 * alpha - alpha / (2.0 * (1.0 - C)) + alpha * C / (2.0 * (1.0 - C) * (1.0 - C)) -
         sigma * std::sqrt(2.0 / M_PI);
}

RsCapacity RsGroundStateHopfield::capacity() const {
  RsCapacity c;
  // alpha(y) -> 0 for y -> 0 and y -> infinity, with one maximum near y = 1.5.
  const ScalarExtremum top =
      maximise([this](double y) { return branch(y).alpha; }, 0.3, 6.0, 1e-12);
  const BranchPoint sp = branch(top.x);
  c.alpha_spinodal = sp.alpha;
  c.m_spinodal = sp.m;
  auto gap = [this](double y) {
    const BranchPoint p = branch(y);
    return p.energy - glass_energy(p.alpha);
  };
  if (gap(top.x) > 0.0) {
    const ScalarRoot y = find_root(gap, top.x, 6.0, 1e-13);
    if (y.bracketed()) {  // else no crossing up to y = 6 (m = 1): alpha_global, m_global NaN
      const BranchPoint g = branch(y.x);
      c.alpha_global = g.alpha;
      c.m_global = g.m;
    }
  } else {
    c.alpha_global = c.alpha_spinodal;
    c.m_global = c.m_spinodal;
  }
  return c;
}

RsGroundStateHopfield::BranchPoint RsGroundStateHopfield::retrieval_at(double alpha) const {
  const double y_spinodal =
      maximise([this](double y) { return branch(y).alpha; }, 0.3, 6.0, 1e-12).x;
  if (alpha > branch(y_spinodal).alpha) return {NAN, NAN, NAN, NAN};
  // alpha(y) decreases from the spinodal to 0 as y -> infinity (m -> 1).
  const ScalarRoot y =
      find_root([&](double t) { return branch(t).alpha - alpha; }, y_spinodal, 30.0, 1e-14);
  if (!y.bracketed()) return {NAN, NAN, NAN, NAN};  // alpha below alpha(y = 30) ~ 5.6e-4
  return branch(y.x);
}

RsCapacity rs_capacity(const Model& model) {
  validate(model);
  if (model.P == 2) return RsGroundStateHopfield().capacity();
  return RsGroundStateDense(model.P, model.variant).capacity();
}

}  // namespace dhn::theory

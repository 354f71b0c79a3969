#include "dhn/theory/spherical_glass.hpp"

#include <cmath>

#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {

double SphericalGlass::pressure(double beta, double q, double x) const {
  return 0.5 * beta * beta * (xihat_.value(1.0) - (1.0 - x) * xihat_.value(q)) +
         std::log(1.0 - (1.0 - x) * q) / (2.0 * x) + (x - 1.0) / (2.0 * x) * std::log(1.0 - q);
}

double SphericalGlass::rs_pressure(double beta, double q) const {
  return 0.5 * beta * beta * (xihat_.value(1.0) - xihat_.value(q)) + 0.5 * std::log(1.0 - q) +
         q / (2.0 * (1.0 - q));
}

namespace {

// Both levels reduce to one pattern: the glass branch beta(q) is explicit, T^2(q) = 1/beta^2(q);
// its maximum is the spinodal (fold) and a root of `crossing` on the upper branch q > q_fold is
// the transition.
struct FoldAndCrossing {
  double q_fold = NAN, T_fold = NAN, q_cross = NAN, T_cross = NAN;
  bool found = false;
};

template <class T2, class Crossing>
FoldAndCrossing fold_and_crossing(T2&& T_squared, Crossing&& crossing, double q_top) {
  FoldAndCrossing out;
  const ScalarExtremum top = maximise(T_squared, 1e-6, 1.0 - 1e-9, 1e-13);
  out.q_fold = top.x;
  out.T_fold = std::sqrt(top.value);
  const ScalarRoot cross = find_root(crossing, out.q_fold, q_top, 1e-14);
  if (!cross.bracketed()) return out;  // no transition on the upper branch
  out.q_cross = cross.x;
  out.T_cross = std::sqrt(T_squared(out.q_cross));
  out.found = true;
  return out;
}

}  // namespace

SphericalGlass::RsLines SphericalGlass::rs_lines() const {
  RsLines out;
  if (!xihat_.is_pure_p_spin()) return out;
  // RS stationarity beta^2 xihat'(q) = q/(1-q)^2; the transition is where
  // A_RS(q) - A_para = -(beta^2/2) xihat(q) + ln(1-q)/2 + q/(2(1-q)) vanishes.
  auto T2 = [this](double q) { return (1.0 - q) * (1.0 - q) * xihat_.derivative(q) / q; };
  auto gap = [&](double q) {
    return -0.5 * xihat_.value(q) / T2(q) + 0.5 * std::log(1.0 - q) + q / (2.0 * (1.0 - q));
  };
  const FoldAndCrossing r = fold_and_crossing(T2, gap, 1.0 - 1e-9);
  out = {r.T_fold, r.q_fold, r.T_cross, r.q_cross,
         r.found ? LineStatus::found : LineStatus::absent};
  return out;
}

SphericalGlass::Lines SphericalGlass::lines() const {
  Lines out;
  if (!xihat_.is_pure_p_spin()) return out;  // not p-spin-like
  // Dynamical: the x = 1 stationarity beta^2 xihat'(q) = q/(1-q) first has a solution at the
  // maximum over q of T^2(q) = (1-q) xihat'(q)/q. Static: eliminating beta between the two x = 1
  // conditions gives g(q) = xihat(q) q / ((1-q) xihat'(q)) + q + ln(1-q) = 0 for q > q_d.
  auto T2 = [this](double q) { return (1.0 - q) * xihat_.derivative(q) / q; };
  auto g = [this](double q) {
    return xihat_.value(q) * q / ((1.0 - q) * xihat_.derivative(q)) + q + std::log(1.0 - q);
  };
  const FoldAndCrossing r = fold_and_crossing(T2, g, 1.0 - 1e-12);
  out = {r.T_fold, r.q_fold, r.T_cross, r.q_cross,
         r.found ? LineStatus::found : LineStatus::absent};
  return out;
}

}  // namespace dhn::theory

// One-dimensional root bracketing and maximisation (GSL Brent) on std::function objectives, with
// budgets; used for capacities, folds and line refinement.
#pragma once

#include <functional>

namespace dhn::theory {

struct ScalarExtremum {
  double x = 0.0;
  double value = 0.0;
  bool converged = false;
};

// Root of f in [lo, hi] (f(lo) and f(hi) of opposite signs, else std::domain_error) by GSL's
// Brent solver to |interval| < x_tolerance; at most 200 iterations.
double find_root(const std::function<double(double)>& f, double lo, double hi, double x_tolerance);

// Maximum of a unimodal f on [lo, hi]: a golden-section scan locates a bracket, then GSL's Brent
// minimiser refines x to x_tolerance; at most 200 iterations.
ScalarExtremum maximise(const std::function<double(double)>& f, double lo, double hi,
                        double x_tolerance);

// Maximum of f given a bracket lo < mid < hi with f(mid) >= f(lo), f(hi).
ScalarExtremum maximise_bracketed(const std::function<double(double)>& f, double lo, double mid,
                                  double hi, double x_tolerance);

}  // namespace dhn::theory

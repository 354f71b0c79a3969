// One-dimensional root bracketing and maximisation (GSL Brent) on std::function objectives, with
// budgets; used for capacities, folds and line refinement.
#pragma once

#include <cmath>
#include <functional>

namespace dhn::theory {

// How a bracketing root search ended.
enum class RootStatus {
  converged,       // the bracket shrank below x_tolerance, or an end point is an exact root
  no_sign_change,  // f(lo), f(hi) are not of opposite signs (or one is NaN): nothing bracketed
  budget_spent,    // the iteration budget ran out first; x is Brent's last estimate
  solver_failed,   // Brent could not iterate (a non-finite f inside); x is its last estimate
};

// Result of find_root. x is the root estimate whenever a root was bracketed (even when the
// budget ran out), NaN when nothing was bracketed.
struct ScalarRoot {
  double x = NAN;
  RootStatus status = RootStatus::no_sign_change;
  int iterations = 0;      // Brent iterations taken
  bool converged = false;  // status == converged
  // A root was bracketed, so x lies in [lo, hi] and is the best estimate found.
  bool bracketed() const { return status != RootStatus::no_sign_change; }
};

struct ScalarExtremum {
  double x = 0.0;
  double value = 0.0;
  bool converged = false;
};

// Root of f in [lo, hi] by GSL's Brent solver to |interval| < x_tolerance; at most 200
// iterations. f(lo) and f(hi) are evaluated first, once each; without a sign change between them
// the result says no_sign_change (an expected outcome, not an error). Throws
// std::invalid_argument for NaN bounds or lo >= hi (a programmer error).
ScalarRoot find_root(const std::function<double(double)>& f, double lo, double hi,
                     double x_tolerance);

// Maximum of a unimodal f on [lo, hi]: a golden-section scan locates a bracket, then GSL's Brent
// minimiser refines x to x_tolerance; at most 200 iterations.
ScalarExtremum maximise(const std::function<double(double)>& f, double lo, double hi,
                        double x_tolerance);

// Maximum of f given a bracket lo < mid < hi with f(mid) >= f(lo), f(hi).
ScalarExtremum maximise_bracketed(const std::function<double(double)>& f, double lo, double mid,
                                  double hi, double x_tolerance);

}  // namespace dhn::theory

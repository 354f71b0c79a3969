#include "dhn/theory/scalar_solvers.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace dhn::theory {
namespace {

double trampoline(double x, void* params) {
  return (*static_cast<const std::function<double(double)>*>(params))(x);
}

// GSL's default error handler aborts; the solvers report through return codes instead. The
// handler is process-global, so it is switched off once (thread-safely) and never restored: a
// per-call save/restore would race between OpenMP threads.
struct GslQuietErrors {
  GslQuietErrors() {
    static std::once_flag once;
    std::call_once(once, [] { gsl_set_error_handler_off(); });
  }
};

constexpr int kMaxIterations = 200;

// Also at load time, so that GSL special functions used elsewhere in the theory library (erfc,
// Gaussian quantiles) never reach the aborting default handler either.
const GslQuietErrors kQuietAtLoad;

}  // namespace

ScalarRoot find_root(const std::function<double(double)>& f, double lo, double hi,
                     double x_tolerance) {
  if (!(lo < hi)) {
    throw std::invalid_argument("find_root: needs lo < hi, got [" + std::to_string(lo) + ", " +
                                std::to_string(hi) + "]");
  }
  ScalarRoot out;
  const double f_lo = f(lo), f_hi = f(hi);
  if (f_lo == 0.0 || f_hi == 0.0) {
    out.x = f_lo == 0.0 ? lo : hi;
    out.status = RootStatus::converged;
    out.converged = true;
    return out;
  }
  if (!(f_lo * f_hi < 0.0)) return out;  // no_sign_change, x = NaN
  GslQuietErrors quiet;
  std::unique_ptr<gsl_root_fsolver, decltype(&gsl_root_fsolver_free)> solver(
      gsl_root_fsolver_alloc(gsl_root_fsolver_brent), gsl_root_fsolver_free);
  gsl_function F{&trampoline, const_cast<void*>(static_cast<const void*>(&f))};
  gsl_root_fsolver_set(solver.get(), &F, lo, hi);
  out.x = 0.5 * (lo + hi);
  out.status = RootStatus::budget_spent;
  for (int it = 0; it < kMaxIterations; ++it) {
    if (gsl_root_fsolver_iterate(solver.get()) != GSL_SUCCESS) {
      out.status = RootStatus::solver_failed;
      break;
    }
    out.iterations = it + 1;
    out.x = gsl_root_fsolver_root(solver.get());
    const double a = gsl_root_fsolver_x_lower(solver.get());
    const double b = gsl_root_fsolver_x_upper(solver.get());
    if (gsl_root_test_interval(a, b, x_tolerance, 0.0) == GSL_SUCCESS) {
      out.status = RootStatus::converged;
      out.converged = true;
      break;
    }
  }
  return out;
}

ScalarExtremum maximise_bracketed(const std::function<double(double)>& f, double lo, double mid,
                                  double hi, double x_tolerance) {
  GslQuietErrors quiet;
  const std::function<double(double)> negated = [&f](double x) { return -f(x); };
  std::unique_ptr<gsl_min_fminimizer, decltype(&gsl_min_fminimizer_free)> solver(
      gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent), gsl_min_fminimizer_free);
  gsl_function F{&trampoline, const_cast<void*>(static_cast<const void*>(&negated))};
  ScalarExtremum out{mid, f(mid), false};
  if (gsl_min_fminimizer_set(solver.get(), &F, mid, lo, hi) != GSL_SUCCESS) return out;
  for (int it = 0; it < kMaxIterations; ++it) {
    if (gsl_min_fminimizer_iterate(solver.get()) != GSL_SUCCESS) break;
    const double a = gsl_min_fminimizer_x_lower(solver.get());
    const double b = gsl_min_fminimizer_x_upper(solver.get());
    if (gsl_min_test_interval(a, b, x_tolerance, 0.0) == GSL_SUCCESS) {
      out.converged = true;
      break;
    }
  }
  out.x = gsl_min_fminimizer_x_minimum(solver.get());
  out.value = -gsl_min_fminimizer_f_minimum(solver.get());
  return out;
}

ScalarExtremum maximise(const std::function<double(double)>& f, double lo, double hi,
                        double x_tolerance) {
  // Coarse scan for the best interior sample, which brackets the maximum of a unimodal f.
  constexpr int kSamples = 64;
  int best = 1;
  double best_value = -INFINITY;
  const double step = (hi - lo) / kSamples;
  for (int k = 1; k < kSamples; ++k) {
    const double v = f(lo + k * step);
    if (v > best_value) {
      best_value = v;
      best = k;
    }
  }
  return maximise_bracketed(f, lo + (best - 1) * step, lo + best * step, lo + (best + 1) * step,
                            x_tolerance);
}

}  // namespace dhn::theory

// Generic small nonlinear solvers with budgets: Newton with backtracking and damped fixed-point
// iteration. Every solve returns its point, true residual norm, iteration count and a flag.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <optional>

namespace dhn::theory {

template <int N>
using Vec = Eigen::Matrix<double, N, 1>;
template <int N>
using Mat = Eigen::Matrix<double, N, N>;

// Residual R(x) and Jacobian dR/dx at one point; nullopt marks an inadmissible point.
template <int N>
struct Linearisation {
  Vec<N> residual;
  Mat<N> jacobian;
};

struct SolveOptions {
  double tolerance = 1e-12;  // converged when max_i |R_i| < tolerance
  int max_iterations = 60;   // budget of Newton steps (or of map applications for iteration)
};

template <int N>
struct SolveResult {
  Vec<N> x;
  double residual = INFINITY;  // max_i |R_i(x)| at the returned x
  int iterations = 0;
  bool converged = false;
};

// Newton's method with step halving: a step is accepted once it lands on an admissible point
// and lowers max|R|. Fails (converged = false) when the budget is spent or no step helps.
template <int N, class Fn>
SolveResult<N> newton(Fn&& linearise, Vec<N> x, const SolveOptions& options = {}) {
  SolveResult<N> out;
  out.x = x;
  std::optional<Linearisation<N>> lin = linearise(x);
  if (!lin) return out;
  double norm = lin->residual.template lpNorm<Eigen::Infinity>();
  for (int it = 0; it < options.max_iterations && norm >= options.tolerance; ++it) {
    out.iterations = it + 1;
    const Vec<N> step = -lin->jacobian.fullPivLu().solve(lin->residual);
    if (!step.allFinite()) break;
    bool accepted = false;
    double lambda = 1.0;
    for (int halving = 0; halving < 40; ++halving, lambda *= 0.5) {
      const Vec<N> trial = x + lambda * step;
      std::optional<Linearisation<N>> trial_lin = linearise(trial);
      if (!trial_lin) continue;
      const double trial_norm = trial_lin->residual.template lpNorm<Eigen::Infinity>();
      if (trial_norm < norm || (trial_norm == 0.0)) {
        x = trial;
        lin = trial_lin;
        norm = trial_norm;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
  }
  out.x = x;
  out.residual = norm;
  out.converged = norm < options.tolerance;
  return out;
}

// Damped fixed-point iteration x <- x + eta (F(x) - x), the damping halved whenever |F(x) - x|
// grows (this cures the 2-cycles of physics.md section 9). Stops when max|F(x) - x| < tolerance.
// `map` returns nullopt for an inadmissible x.
template <int N, class Map>
SolveResult<N> damped_iteration(Map&& map, Vec<N> x, const SolveOptions& options) {
  SolveResult<N> out;
  out.x = x;
  std::optional<Vec<N>> image = map(x);
  double eta = 1.0;
  double previous = INFINITY;
  for (int it = 0; image && it < options.max_iterations; ++it) {
    const Vec<N> r = *image - x;
    const double norm = r.template lpNorm<Eigen::Infinity>();
    out.x = x;
    out.residual = norm;
    out.iterations = it;
    if (norm < options.tolerance) {
      out.converged = true;
      return out;
    }
    if (norm > previous) eta = std::max(0.5 * eta, 0.05);
    previous = norm;
    // A step that leaves the admissible domain is shortened until it lands inside.
    std::optional<Vec<N>> next_image;
    double step = eta;
    for (int halving = 0; halving < 40 && !next_image; ++halving, step *= 0.5) {
      next_image = map(x + step * r);
      if (next_image) x += step * r;
    }
    image = next_image;
  }
  return out;
}

// Central-difference Jacobian of f: R^M -> R^N (f returns nullopt outside its domain) with a
// step per coordinate; truncation error O(step^2), rounding O(eps |f| / step).
template <int N, int M, class F>
std::optional<Eigen::Matrix<double, N, M>> central_difference_jacobian(F&& f, const Vec<M>& x,
                                                                       const Vec<M>& steps) {
  Eigen::Matrix<double, N, M> J;
  for (int k = 0; k < M; ++k) {
    Vec<M> up = x, down = x;
    up(k) += steps(k);
    down(k) -= steps(k);
    const std::optional<Vec<N>> f_up = f(up), f_down = f(down);
    if (!f_up || !f_down) return std::nullopt;
    J.col(k) = (*f_up - *f_down) / (2.0 * steps(k));
  }
  return J;
}

// Newton on the fixed point x = image(x) with a central-difference Jacobian of uniform step.
template <int N, class Image>
SolveResult<N> newton_fixed_point(Image&& image, const Vec<N>& start, double step,
                                  const SolveOptions& options) {
  auto linearise = [&](const Vec<N>& x) -> std::optional<Linearisation<N>> {
    const std::optional<Vec<N>> fx = image(x);
    if (!fx) return std::nullopt;
    const auto J = central_difference_jacobian<N, N>(image, x, Vec<N>::Constant(step));
    if (!J) return std::nullopt;
    return Linearisation<N>{*fx - x, *J - Mat<N>::Identity()};
  };
  return newton<N>(linearise, start, options);
}

// Quasi-Newton (good Broyden) for R(x) = 0 when each R is dear: the Jacobian is taken by forward
// differences (N + 1 calls) at the start and whenever Broyden's rank-one updates stop lowering
// max|R|; in between every iteration costs one call. `residual` returns nullopt outside the domain;
// steps are halved until they land inside and lower the merit max|D R|. D equilibrates the rows of
// the first Jacobian (largest entry 1 in each row), so that an equation with a tiny but meaningful
// scale (the Parisi parameter's in 1RSB) weighs in the merit and the tolerance as much as the rest.
// The reported residual is the unscaled max|R|. With `jacobian` non-null and finite on entry the
// start skips the differencing and uses it (a neighbouring solve's, when marching along a line);
// on return it holds the last Jacobian estimate.
template <int N, class Residual>
SolveResult<N> broyden(Residual&& residual, Vec<N> x, const Vec<N>& fd_steps,
                       const SolveOptions& options, Mat<N>* jacobian = nullptr) {
  SolveResult<N> out;
  out.x = x;
  std::optional<Vec<N>> r = residual(x);
  if (!r) return out;
  auto forward_jacobian = [&]() -> std::optional<Mat<N>> {
    Mat<N> J;
    for (int k = 0; k < N; ++k) {
      Vec<N> shifted = x;
      shifted(k) += fd_steps(k);
      std::optional<Vec<N>> r_k = residual(shifted);
      if (!r_k) {
        shifted(k) = x(k) - fd_steps(k);
        r_k = residual(shifted);
        if (!r_k) return std::nullopt;
        J.col(k) = (*r - *r_k) / fd_steps(k);
      } else {
        J.col(k) = (*r_k - *r) / fd_steps(k);
      }
    }
    return J;
  };
  const bool reuse = jacobian != nullptr && jacobian->allFinite();
  std::optional<Mat<N>> J = reuse ? std::optional<Mat<N>>(*jacobian) : forward_jacobian();
  if (!J) return out;
  Vec<N> row_scale = Vec<N>::Ones();
  for (int i = 0; i < N; ++i) {
    const double largest = J->row(i).template lpNorm<Eigen::Infinity>();
    if (largest > 0.0 && std::isfinite(largest)) row_scale(i) = 1.0 / largest;
  }
  auto merit = [&](const Vec<N>& v) {
    return v.cwiseProduct(row_scale).template lpNorm<Eigen::Infinity>();
  };
  double norm = merit(*r);
  bool fresh = !reuse;  // J was just differenced (a failure then is final)
  for (int it = 0; it < options.max_iterations && norm >= options.tolerance; ++it) {
    out.iterations = it + 1;
    const Vec<N> step = -J->fullPivLu().solve(*r);
    bool accepted = false;
    if (step.allFinite()) {
      double lambda = 1.0;
      // A stale (updated) Jacobian whose direction fails after a few halvings is cheaper to
      // re-difference than to bisect further; a fresh one gets the full budget.
      const int halvings = fresh ? 30 : 3;
      for (int halving = 0; halving < halvings; ++halving, lambda *= 0.5) {
        const Vec<N> dx = lambda * step;
        const std::optional<Vec<N>> r_trial = residual(x + dx);
        if (!r_trial) continue;
        const double trial_norm = merit(*r_trial);
        if (trial_norm < norm) {
          *J += ((*r_trial - *r) - *J * dx) * dx.transpose() / dx.squaredNorm();
          x += dx;
          r = r_trial;
          norm = trial_norm;
          accepted = true;
          break;
        }
      }
    }
    if (accepted) {
      fresh = false;
      continue;
    }
    if (fresh) break;
    J = forward_jacobian();
    if (!J) break;
    fresh = true;
  }
  out.x = x;
  out.residual = r->template lpNorm<Eigen::Infinity>();
  out.converged = norm < options.tolerance;
  if (jacobian != nullptr && J) *jacobian = *J;
  return out;
}

}  // namespace dhn::theory

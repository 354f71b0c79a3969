// The constrained (Landau) free energy at one step of RSB (P >= 3): at fixed m the unknowns are the
// conjugate field h, q1 < q2 and theta, from m = E<t>, q1 = E<t>^2, q2 = E<t^2> (tilted by
// cosh^theta) and dA/dtheta = 0, with the field beta (b(m) + h) of Rsb1Dense; f = -A/beta + h m.
// Derivation: docs/derivations/landau-free-energy.md, "One step of RSB".
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "dhn/model/covariance.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/theory/landau.hpp"
#include "dhn/theory/rsb1_dense.hpp"
#include "dhn/theory/rsb1_glass.hpp"
#include "dhn/theory/scalar_solvers.hpp"
#include "dhn/theory/solve.hpp"
#include "landau_extrema.hpp"

namespace dhn::theory {

namespace {

constexpr double kTolerance = 1e-10;  // on the four stationarity equations (theta's scaled by T^2)
constexpr double kSplit = 1e-6;       // q2 - q1 below it: collapsed onto RS

class Rsb1Landau {
 public:
  Rsb1Landau(const Model& model, double T) : rsb_(model), xihat_(model), T_(T), beta_(1.0 / T) {}

  // (h, q1, q2) at fixed theta; nullopt when it fails or collapses onto RS.
  std::optional<Vec<3>> at_theta(double m, double theta, const Vec<3>& start) const {
    auto residual = [&](const Vec<3>& x) -> std::optional<Vec<3>> {
      if (!(x(1) >= 0.0 && x(1) < x(2) && x(2) < 1.0)) return std::nullopt;
      const Rsb1Dense::Averages av = rsb_.averages(beta_, m, x(1), x(2), theta, x(0));
      return Vec<3>(av.m - m, av.q1 - x(1), av.q2 - x(2));
    };
    const SolveResult<3> r = broyden<3>(residual, start, Vec<3>::Constant(1e-7),
                                        {.tolerance = 1e-11, .max_iterations = 60});
    if (!r.converged || r.x(2) - r.x(1) < kSplit) return std::nullopt;
    return r.x;
  }

  double theta_equation(double m, const Vec<3>& x, double theta) const {
    return rsb_.theta_derivative(beta_, m, x(1), x(2), theta, x(0));
  }

  // All four unknowns (h, q1, q2, theta) from a nearby solution: the warm step along the grid.
  std::optional<Vec<4>> all(double m, const Vec<4>& start) const {
    auto residual = [&](const Vec<4>& x) -> std::optional<Vec<4>> {
      if (!(x(1) >= 0.0 && x(1) < x(2) && x(2) < 1.0 && x(3) > 0.0 && x(3) <= 1.0))
        return std::nullopt;
      const Rsb1Dense::Averages av = rsb_.averages(beta_, m, x(1), x(2), x(3), x(0));
      const double dA =
          -av.mean_log_gap / (x(3) * x(3)) -
          0.5 * beta_ * beta_ * (xihat_.theta_function(x(2)) - xihat_.theta_function(x(1)));
      return Vec<4>(av.m - m, av.q1 - x(1), av.q2 - x(2), T_ * T_ * dA);
    };
    const Vec<4> steps(1e-7, 1e-7, std::clamp(1e-3 * (1.0 - start(2)), 1e-10, 1e-7),
                       std::clamp(1e-4 * start(3), 1e-10, 1e-5));
    const SolveResult<4> r =
        broyden<4>(residual, start, steps, {.tolerance = kTolerance, .max_iterations = 60});
    if (!r.converged || r.x(2) - r.x(1) < kSplit) return std::nullopt;
    return r.x;
  }

  // theta scanned down from 1 for a sign change of dA/dtheta at the (h, q1, q2) of each theta,
  // then Brent, then a polish of all four (as Rsb1Dense::solve_retrieval, with the field).
  std::optional<Vec<4>> scan(double m, Vec<3> warm) const {
    auto G = [&](double theta) {
      const std::optional<Vec<3>> x = at_theta(m, theta, warm);
      if (!x) return std::numeric_limits<double>::quiet_NaN();
      warm = *x;
      return theta_equation(m, *x, theta);
    };
    double theta_hi = 0.99, G_hi = G(theta_hi);
    for (int k = 1; k <= 16; ++k) {
      const double theta_lo = 0.99 * std::pow(0.75, k);
      const double G_lo = G(theta_lo);
      if (std::isfinite(G_lo) && std::isfinite(G_hi) && G_lo * G_hi < 0.0) {
        const ScalarRoot theta = find_root(G, theta_lo, theta_hi, 1e-12);
        if (!theta.bracketed()) return std::nullopt;
        const std::optional<Vec<3>> x = at_theta(m, theta.x, warm);
        if (!x) return std::nullopt;
        return all(m, Vec<4>((*x)(0), (*x)(1), (*x)(2), theta.x));
      }
      theta_hi = theta_lo;
      G_hi = G_lo;
    }
    return std::nullopt;
  }

  LandauPoint point(double m, const Vec<4>& x) const {
    LandauPoint p;
    p.m = m;
    p.h = x(0);
    p.q1 = x(1);
    p.q = x(2);
    p.theta = x(3);
    p.rsb1 = true;
    auto f_at = [&](double beta) {
      return -rsb_.pressure(beta, m, x(1), x(2), x(3), x(0)) / beta + x(0) * m;
    };
    p.f = f_at(beta_);
    // s = beta^2 df/dbeta at fixed (h, q1, q2, theta), f being stationary in them (as at RS)
    const double db = 1e-4 * beta_;
    p.s = beta_ * beta_ * (f_at(beta_ + db) - f_at(beta_ - db)) / (2.0 * db);
    const Rsb1Dense::Averages av = rsb_.averages(beta_, m, x(1), x(2), x(3), x(0));
    p.residual = std::max({std::abs(av.m - m), std::abs(av.q1 - x(1)), std::abs(av.q2 - x(2)),
                           std::abs(T_ * T_ * theta_equation(m, x.head<3>(), x(3)))});
    p.converged = p.residual < 1e2 * kTolerance;
    return p;
  }

  // The 1RSB point at m from the candidates' starts: the previous grid point's 1RSB solution,
  // the RS solution split slightly (an AT-unstable RS state), and the frozen m = 0 glass (the
  // branch that crosses the small-m side below T_s). Not converged when none is found.
  LandauPoint solve(double m, const LandauPoint& rs, const LandauPoint& previous,
                    const Rsb1Glass::State* glass) const {
    if (previous.rsb1 && previous.converged) {
      if (const auto x = all(m, Vec<4>(previous.h, previous.q1, previous.q, previous.theta)))
        return point(m, *x);
    }
    std::vector<Vec<3>> starts;
    if (rs.converged && rs.q < 1.0 - 1e-6) {
      const double gap = 0.02 * (1.0 - rs.q);
      starts.emplace_back(rs.h, std::max(0.0, rs.q - gap), rs.q + gap);
    }
    if (glass != nullptr && rs.converged) starts.emplace_back(rs.h, m * m, glass->q2);
    for (const Vec<3>& start : starts) {
      if (const auto x = scan(m, start)) return point(m, *x);
    }
    return LandauPoint{.m = m};
  }

  const Rsb1Dense& rsb() const { return rsb_; }

 private:
  Rsb1Dense rsb_;
  NoiseCovariance xihat_;
  double T_, beta_;
};

}  // namespace

LandauProfile landau_profile_rsb1(const Model& model, double T, const std::vector<double>& m_grid) {
  if (model.P < 3) {
    throw ParameterError("level",
                         ": 1rsb needs P >= 3 (the Hopfield model's Landau function is RS only "
                         "here); accepted for P = 2: rs");
  }
  const LandauProfile rs = landau_profile(model, T, m_grid);  // validates the inputs
  const Rsb1Landau solver(model, T);
  const NoiseCovariance xihat(model);
  std::optional<Rsb1Glass::State> glass;
  if (!xihat.has_random_field()) {
    const Rsb1Glass::State g = Rsb1Glass(xihat).solve(T);
    if (g.converged && g.frozen) glass = g;
  }
  LandauProfile out;
  out.T = T;
  LandauPoint previous;
  for (const LandauPoint& at_rs : rs.points) {
    LandauPoint chosen = at_rs;
    if (std::abs(at_rs.m) < 1.0) {
      LandauPoint broken;
      if (at_rs.m == 0.0 && glass) {  // m = 0 of the pure P-spin network: h = 0, q1 = 0
        broken = at_rs;
        broken.h = 0.0;
        broken.q1 = 0.0;
        broken.q = glass->q2;
        broken.theta = glass->theta;
        broken.f = glass->f;
        broken.rsb1 = true;
        broken.residual = 0.0;
        broken.converged = true;
      } else {
        broken = solver.solve(at_rs.m, at_rs, previous, glass ? &*glass : nullptr);
      }
      // the n -> 0 replica rule: of the RS and the 1RSB saddle, the higher f
      if (broken.converged && (!at_rs.converged || broken.f > at_rs.f)) chosen = broken;
    }
    out.points.push_back(chosen);
    previous = chosen;
  }
  detail::add_extrema(out, [&](double m, const LandauPoint& seed) {
    const LandauPoint at_rs = landau_point(model, T, m, seed.h, seed.rsb1 ? seed.q1 : seed.q);
    if (!seed.rsb1) return at_rs;
    const LandauPoint broken = solver.solve(m, at_rs, seed, glass ? &*glass : nullptr);
    return broken.converged && (!at_rs.converged || broken.f > at_rs.f) ? broken : at_rs;
  });
  return out;
}

}  // namespace dhn::theory

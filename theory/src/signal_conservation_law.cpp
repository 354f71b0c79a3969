#include "dhn/theory/signal_conservation_law.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/array.hpp>
#include <boost/fusion/container/generation/make_vector.hpp>
#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/explicit_error_generic_rk.hpp>

#include "controlled_march.hpp"
#include "dhn/model/model.hpp"

namespace dhn::theory {
namespace {

using State = std::vector<double>;
namespace odeint = boost::numeric::odeint;

// Shu-Osher's three-stage third-order strong-stability-preserving Runge-Kutta (SSP-RK3): a convex
// combination of forward Euler steps, so the total-variation bound of the spatial scheme under
// Euler (CFL <= 1) carries over and no oscillations appear at shocks. Its first two stages are
// Heun's SSP-RK2, which serves as the embedded second-order error estimate for odeint's step
// control; the CFL bound caps the step (max_dt) where the error would allow a larger one.
using Ssprk32 = odeint::explicit_error_generic_rk<3, 3, 3, 2, State>;

Ssprk32 make_ssprk32() {
  const boost::array<double, 1> a1 = {{1.0}};  // odeint's coefficient rows are boost::array
  const boost::array<double, 2> a2 = {{0.25, 0.25}};
  const Ssprk32::coef_a_type a = boost::fusion::make_vector(a1, a2);
  const Ssprk32::coef_b_type b = {{1.0 / 6.0, 1.0 / 6.0, 2.0 / 3.0}};
  // odeint takes the embedded pair as the difference b - b_heun, b_heun = (1/2, 1/2, 0)
  const Ssprk32::coef_b_type b_minus_heun = {{-1.0 / 3.0, -1.0 / 3.0, 2.0 / 3.0}};
  const Ssprk32::coef_c_type c = {{0.0, 1.0, 0.5}};
  return Ssprk32(a, b, b_minus_heun, c);
}

double minmod(double a, double b) {
  if (a * b <= 0.0) return 0.0;
  return std::abs(a) < std::abs(b) ? a : b;
}

// Finite-volume right-hand side du_i/dt = -(G_{i+1/2} - G_{i-1/2})/dx with two zero-gradient
// ghost cells at each end.
class ConservationLawSystem {
 public:
  ConservationLawSystem(int P, double dx, Reconstruction reconstruction, std::size_t cells)
      : P_(P),
        inv_dx_(1.0 / dx),
        inv_P_factorial_(1.0 / factorial(P)),
        reconstruction_(reconstruction),
        padded_(cells + 4),
        flux_(cells + 1) {}

  // F(u) = -u^P/P! (integer power by multiplication: this is the inner loop)
  double F(double u) const {
    double p = u;
    for (int k = 1; k < P_; ++k) p *= u;
    return -p * inv_P_factorial_;
  }

  // Exact Godunov flux: F has one critical point, u = 0, so its extremum over an interval is at
  // an end or at 0.
  double godunov(double uL, double uR) const {
    const double fL = F(uL), fR = F(uR);
    if (uL <= uR) {
      double f = std::min(fL, fR);
      if (uL < 0.0 && 0.0 < uR) f = std::min(f, 0.0);
      return f;
    }
    double f = std::max(fL, fR);
    if (uR < 0.0 && 0.0 < uL) f = std::max(f, 0.0);
    return f;
  }

  void operator()(const State& u, State& dudt, double /*t*/) {
    const std::size_t n = u.size();
    std::copy(u.begin(), u.end(), padded_.begin() + 2);
    padded_[0] = padded_[1] = u.front();
    padded_[n + 2] = padded_[n + 3] = u.back();
    const double* p = padded_.data() + 2;   // p[-2..n+1]
    for (std::size_t f = 0; f <= n; ++f) {  // interface f between cells f-1 and f
      const auto i = static_cast<std::ptrdiff_t>(f);
      double uL = p[i - 1], uR = p[i];
      if (reconstruction_ == Reconstruction::muscl_minmod) {
        uL += 0.5 * minmod(p[i - 1] - p[i - 2], p[i] - p[i - 1]);
        uR -= 0.5 * minmod(p[i] - p[i - 1], p[i + 1] - p[i]);
      }
      flux_[f] = godunov(uL, uR);
    }
    for (std::size_t i = 0; i < n; ++i) dudt[i] = -(flux_[i + 1] - flux_[i]) * inv_dx_;
  }

 private:
  int P_;
  double inv_dx_, inv_P_factorial_;
  Reconstruction reconstruction_;
  std::vector<double> padded_, flux_;
};

double ln_two_cosh(double y) {
  const double a = std::abs(y);
  return a + std::log1p(std::exp(-2.0 * a));
}

}  // namespace

ConservationLawRun solve_signal_conservation_law(int P, const std::vector<double>& output_times,
                                                 const ConservationLawOptions& options,
                                                 const ConservationLawObserver& observer) {
  if (P < 2 || P > kMaxP)
    throw std::invalid_argument("P must be in [2, " + std::to_string(kMaxP) + "], got " +
                                std::to_string(P));
  if (!(options.dx > 0.0) || !std::isfinite(options.dx))
    throw std::invalid_argument("dx must be finite and > 0, got " + std::to_string(options.dx));
  if (!(options.cfl > 0.0 && options.cfl <= 1.0))
    throw std::invalid_argument("cfl must be in (0, 1], got " + std::to_string(options.cfl));
  double previous = 0.0;
  for (double t : output_times) {
    if (!(t > previous) || !std::isfinite(t))
      throw std::invalid_argument("output_times must be finite, positive and increasing");
    previous = t;
  }
  const double b_max = 1.0 / factorial(P - 1);  // max |F'(u)| for |u| <= 1
  const double wanted =
      std::isnan(options.half_width) ? 4.0 + previous * b_max : options.half_width;
  const auto half_cells = static_cast<std::size_t>(std::ceil(wanted / options.dx));
  if (!std::isfinite(wanted) || half_cells < 10)
    throw std::invalid_argument("half_width must be finite and >= 10 dx, got " +
                                std::to_string(wanted));
  const std::size_t cells = 2 * half_cells;
  const double L = static_cast<double>(half_cells) * options.dx;

  std::vector<double> x(cells);
  State u(cells);
  for (std::size_t i = 0; i < cells; ++i) {
    const double left = -L + static_cast<double>(i) * options.dx, right = left + options.dx;
    x[i] = left + 0.5 * options.dx;
    // exact cell average of tanh: [ln cosh]_{left}^{right} / dx
    u[i] = (ln_two_cosh(right) - ln_two_cosh(left)) / options.dx;
  }

  ConservationLawSystem system(P, options.dx, options.reconstruction, cells);
  const double max_dt = options.cfl * options.dx / b_max;
  auto stepper = odeint::controlled_runge_kutta<Ssprk32>(
      odeint::default_error_checker<double, odeint::range_algebra, odeint::default_operations>(
          options.abs_tolerance, options.rel_tolerance),
      odeint::default_step_adjuster<double, double>(max_dt), make_ssprk32());

  ConservationLawRun run;
  detail::MarchCount count;
  double t = 0.0, dt = max_dt;
  for (double target : output_times) {
    detail::march_to(stepper, system, u, t, target, dt, options.max_attempts, count);
    run.accepted_steps = count.accepted;
    run.rejected_steps = count.rejected;
    if (!count.completed) return run;
    if (!observer(t, x, u)) return run;
  }
  run.completed = true;
  return run;
}

}  // namespace dhn::theory

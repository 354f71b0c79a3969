#include "dhn/theory/p2_heat_equation.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include "controlled_march.hpp"

namespace dhn::theory {
namespace {

using State = std::vector<double>;

// Central differences of order 8 (Fornberg): d/dx and d^2/dx^2 on a 9-point stencil.
constexpr int kHalfStencil = 4;
constexpr std::array<double, 5> kFirst = {0.0, 4.0 / 5.0, -1.0 / 5.0, 4.0 / 105.0, -1.0 / 280.0};
constexpr std::array<double, 5> kSecond = {-205.0 / 72.0, 8.0 / 5.0, -1.0 / 5.0, 8.0 / 315.0,
                                           -1.0 / 560.0};

// V_t = V_xx/(2N) + tanh(x) V_x - ((N-1)/2) sech^2(x) V with V = 1 beyond the ends.
class HeatSystem {
 public:
  HeatSystem(int N, const std::vector<double>& x, double dx)
      : diffusion_(1.0 / (2.0 * N * dx * dx)),
        inv_dx_(1.0 / dx),
        padded_(x.size() + 2 * kHalfStencil, 1.0),
        drift_(x.size()),
        potential_(x.size()) {
    for (std::size_t j = 0; j < x.size(); ++j) {
      drift_[j] = std::tanh(x[j]);
      const double sech = 1.0 / std::cosh(x[j]);
      potential_[j] = -0.5 * (N - 1) * sech * sech;
    }
  }

  void operator()(const State& V, State& dVdt, double /*t*/) {
    std::copy(V.begin(), V.end(), padded_.begin() + kHalfStencil);
    const double* p = padded_.data() + kHalfStencil;
    for (std::size_t j = 0; j < V.size(); ++j) {
      double first = 0.0, second = kSecond[0] * p[j];
      for (int k = 1; k <= kHalfStencil; ++k) {
        first += kFirst[k] * (p[j + k] - p[j - k]);
        second += kSecond[k] * (p[j + k] + p[j - k]);
      }
      dVdt[j] = diffusion_ * second + drift_[j] * inv_dx_ * first + potential_[j] * p[j];
    }
  }

 private:
  double diffusion_, inv_dx_;
  std::vector<double> padded_;  // V with kHalfStencil ghost values 1 at each end
  std::vector<double> drift_, potential_;
};

}  // namespace

HeatEquationSolution integrate_p2_heat_equation(Variant variant, int N, double t,
                                                const HeatEquationOptions& options) {
  if (N < 1) throw std::invalid_argument("N must be >= 1, got " + std::to_string(N));
  if (!(t >= 0.0) || !std::isfinite(t))
    throw std::invalid_argument("t must be finite and >= 0, got " + std::to_string(t));
  if (!(options.dx > 0.0) || !std::isfinite(options.dx))
    throw std::invalid_argument("dx must be finite and > 0, got " + std::to_string(options.dx));
  const double wanted = std::isnan(options.half_width)
                            ? 0.5 * (std::log(static_cast<double>(N)) + 33.0)
                            : options.half_width;
  const double L = std::ceil(wanted / options.dx) * options.dx;  // x = 0 on the grid
  if (!(wanted >= 10.0 * options.dx) || !std::isfinite(wanted))
    throw std::invalid_argument("half_width must be finite and >= 10 dx, got " +
                                std::to_string(wanted));

  HeatEquationSolution out;
  const auto points = static_cast<std::size_t>(std::llround(2.0 * L / options.dx)) + 1;
  out.x.resize(points);
  for (std::size_t j = 0; j < points; ++j) out.x[j] = -L + static_cast<double>(j) * options.dx;

  // dopri5: the problem is mildly stiff (the diffusive eigenvalues reach 6/(2N dx^2), a few 10^3),
  // and the error target (1e-13) needs many steps anyway, so an explicit 5(4) pair with error
  // control is cheaper than an implicit stepper (odeint's rosenbrock4 would factor a dense
  // Jacobian of the full grid); dopri5's stability region covers the diffusive spectrum at the
  // step sizes its error control picks here, and its error control sets dt without a CFL guess.
  namespace odeint = boost::numeric::odeint;
  auto stepper = odeint::make_controlled(options.abs_tolerance, options.rel_tolerance,
                                         odeint::runge_kutta_dopri5<State>());
  HeatSystem system(N, out.x, options.dx);
  State V(points, 1.0);
  double time = 0.0, dt = 1e-4;
  detail::MarchCount count;
  detail::march_to(stepper, system, V, time, t, dt, options.max_attempts, count);
  out.accepted_steps = count.accepted;
  out.rejected_steps = count.rejected;
  out.completed = count.completed;

  const double n = static_cast<double>(N);
  const double shift = variant == Variant::distinct ? -t / (2.0 * n) : 0.0;
  out.A.resize(points);
  for (std::size_t j = 0; j < points; ++j) {
    const double a = std::abs(out.x[j]);
    const double ln_two_cosh = a + std::log1p(std::exp(-2.0 * a));
    out.A[j] = count.completed ? ln_two_cosh + 0.5 * t + std::log(V[j]) / n + shift : NAN;
  }
  return out;
}

}  // namespace dhn::theory

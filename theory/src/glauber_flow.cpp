#include "dhn/theory/glauber_flow.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include "controlled_march.hpp"
#include "dhn/model/covariance.hpp"
#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {

namespace {

using State = std::vector<double>;

}  // namespace

void validate_flow(const GlauberFlow& flow) {
  if (flow.P < 2 || flow.P > kMaxP)
    throw std::invalid_argument("P must be in 2.." + std::to_string(kMaxP) + ", got " +
                                std::to_string(flow.P));
  if (!(flow.T > 0.0) || !std::isfinite(flow.T))
    throw std::invalid_argument("T must be finite and > 0, got " + std::to_string(flow.T));
  if (!std::isfinite(flow.h))
    throw std::invalid_argument("h must be finite, got " + std::to_string(flow.h));
  if (flow.N < 0 || flow.N == 1)
    throw std::invalid_argument("N must be 0 (N -> infinity) or >= 2, got " +
                                std::to_string(flow.N));
}

namespace {

// The signal energy of the variant at real overlap S (physics.md 1): H = -g(S) / N^(P-1).
double signal_numerator(const GlauberFlow& flow, double S) {
  const double n = static_cast<double>(flow.N);
  return flow.variant == Variant::distinct ? elementary_symmetric_real(flow.P, S, n)
                                           : std::pow(S, flow.P) / factorial(flow.P);
}

// The method of steps' right-hand side in sweep k: y_j(s) = m(j + s), j = 0..k, s in [0, 1].
// mu_{-1} = m0 (the cue is uniform over positions); mu_j = mu_{j-1} + G(y_j, mu_{j-1}) is the mean
// alignment of the sites visited at time j + s; dy_j/ds = mu_j - mu_{j-1}. For the random-site
// order the state has one entry and mu = m.
struct FlowSystem {
  const GlauberFlow* flow;
  double m0;
  void operator()(const State& y, State& dyds, double /*s*/) const {
    if (flow->order == GlauberOrder::random_site) {
      dyds[0] = glauber_velocity(*flow, y[0], y[0]);
      return;
    }
    double mu_before = m0;
    for (std::size_t j = 0; j < y.size(); ++j) {
      const double g = glauber_velocity(*flow, y[j], mu_before);
      dyds[j] = g;
      mu_before += g;
    }
  }
};

}  // namespace

double glauber_acceptance(GlauberRate rate, double u) {
  if (rate == GlauberRate::heat_bath) return 0.5 * (1.0 - std::tanh(0.5 * u));
  return u <= 0.0 ? 1.0 : std::exp(-u);
}

double glauber_flip_energy(const GlauberFlow& flow, double m, int x) {
  const double sx = static_cast<double>(x);
  if (flow.N == 0) return 2.0 * sx * (Signal(flow.P).value(m) + flow.h);
  // Delta H = [g(S) - g(S - 2x)] / N^(P-1) + 2 h x, exactly the Monte Carlo's integer Delta U
  // over its denominator at integer S (the field term -h S of the doc's section 1 included)
  const double n = static_cast<double>(flow.N), S = n * m;
  return (signal_numerator(flow, S) - signal_numerator(flow, S - 2.0 * sx)) /
             std::pow(n, flow.P - 1) +
         2.0 * flow.h * sx;
}

double glauber_velocity(const GlauberFlow& flow, double m, double mu) {
  const double beta = 1.0 / flow.T;
  const double w_minus = glauber_acceptance(flow.rate, beta * glauber_flip_energy(flow, m, -1));
  const double w_plus = glauber_acceptance(flow.rate, beta * glauber_flip_energy(flow, m, +1));
  return (1.0 - mu) * w_minus - (1.0 + mu) * w_plus;
}

GlauberTrajectory glauber_trajectory(const GlauberFlow& flow, double m0,
                                     const std::vector<double>& times,
                                     const GlauberOptions& options) {
  validate_flow(flow);
  if (!(std::abs(m0) <= 1.0))
    throw std::invalid_argument("m0 must be in [-1, 1], got " + std::to_string(m0));
  for (std::size_t k = 0; k < times.size(); ++k)
    if (!(times[k] >= 0.0) || !std::isfinite(times[k]) || (k > 0 && times[k] < times[k - 1]))
      throw std::invalid_argument("times must be finite, >= 0 and non-decreasing");

  GlauberTrajectory out;
  out.t = times;
  out.m.assign(times.size(), NAN);
  const double t_end = times.empty() ? 0.0 : times.back();
  // dopri5: the flow is a smooth (heat-bath) or Lipschitz (Metropolis: a kink where Delta H
  // changes sign) non-stiff ODE with O(1) rates (|dG/dm| <= 1 + beta b'(m) for heat-bath, twice
  // that for Metropolis), so an explicit 5(4) pair with embedded error control meets 1e-11 in a few
  // dozen steps per sweep; nothing here needs an implicit stepper.
  namespace odeint = boost::numeric::odeint;
  FlowSystem system{&flow, m0};
  detail::MarchCount count;
  std::vector<double> sweep_starts{m0};  // m(k) at the integer times reached so far
  std::size_t next_output = 0;
  while (next_output < times.size() && times[next_output] == 0.0) out.m[next_output++] = m0;
  // Sweep k covers t in [k, k + 1]; the random-site flow uses the same loop with one entry.
  for (std::size_t k = 0; static_cast<double>(k) < t_end && count.completed; ++k) {
    State y = flow.order == GlauberOrder::random_site ? State{sweep_starts[k]} : sweep_starts;
    auto stepper = odeint::make_controlled(options.abs_tolerance, options.rel_tolerance,
                                           odeint::runge_kutta_dopri5<State>());
    double s = 0.0, ds = 0.01;
    const double kd = static_cast<double>(k);
    while (next_output < times.size() && times[next_output] <= kd + 1.0) {
      detail::march_to(stepper, system, y, s, times[next_output] - kd, ds, options.max_attempts,
                       count);
      if (!count.completed) break;
      out.m[next_output++] = y.back();
    }
    if (count.completed)
      detail::march_to(stepper, system, y, s, 1.0, ds, options.max_attempts, count);
    sweep_starts.push_back(y.back());
  }
  out.accepted_steps = count.accepted;
  out.rejected_steps = count.rejected;
  out.completed = count.completed;
  return out;
}

GlauberBasin glauber_basin(int P, double T) {
  if (P < 2 || P > kMaxP)
    throw std::invalid_argument("P must be in 2.." + std::to_string(kMaxP) + ", got " +
                                std::to_string(P));
  if (!(T > 0.0) || !std::isfinite(T))
    throw std::invalid_argument("T must be finite and > 0, got " + std::to_string(T));
  // In y = atanh(m) the roots of m = tanh(b(m) / T) are those of rho(y) = T with
  // rho(y) = b(tanh y) / y: no loss of digits as m -> 1, and rho(y) <= b(1) / y bounds the search.
  const Signal b(P);
  const auto rho = [&](double y) { return b.value(std::tanh(y)) / y; };
  const double y_max = b.value(1.0) / T + 1.0;  // rho < T beyond
  const double tolerance = 1e-15 * std::max(1.0, y_max);
  GlauberBasin out;
  double y_fold = 0.0;
  if (P == 2) {  // rho = tanh(y) / y falls from 1 at y = 0: the fold is the Curie point
    out.T_M = 1.0;
    out.m_fold = 0.0;
  } else {  // rho rises like y^(P-2) / (P-1)! and falls like b(1) / y: one maximum
    const ScalarExtremum fold = maximise(rho, 1e-6, 10.0, 1e-14);
    y_fold = fold.x;
    out.T_M = fold.value;
    out.m_fold = std::tanh(fold.x);
  }
  if (T >= out.T_M) return out;
  const ScalarRoot retrieval =
      find_root([&](double y) { return rho(y) - T; }, std::max(y_fold, 1e-300), y_max, tolerance);
  out.m_retrieval = std::tanh(retrieval.x);
  if (P == 2) {
    out.m_unstable = 0.0;
    out.status = BasinStatus::any_cue;
    return out;
  }
  // rho(y) <= y^(P-2) / (P-1)! (tanh y <= y), so rho < T at y_low: the bracket holds. The
  // root is near 10 y_low, so a tolerance of 1e-14 y_low is 1e-15 relative even as T -> 0
  const double y_low = std::min(0.1 * std::pow(factorial(P - 1) * T, 1.0 / (P - 2)), 0.5 * y_fold);
  const ScalarRoot unstable =
      find_root([&](double y) { return rho(y) - T; }, y_low, y_fold, 1e-14 * y_low);
  out.m_unstable = std::tanh(unstable.x);
  out.status = BasinStatus::threshold;
  return out;
}

}  // namespace dhn::theory

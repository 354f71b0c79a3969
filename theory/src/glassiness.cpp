// The P = 2 hard/soft split of the AGS m = 0 free energy and the P > 2 hard-only match with the
// Ising P-spin glass (formulas in glassiness.hpp and docs/derivations/glassiness-p2.md).
#include "dhn/theory/glassiness.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "dhn/model/parameter_error.hpp"
#include "dhn/model/shortest_text.hpp"
#include "dhn/theory/grid_field.hpp"
#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {
namespace {

constexpr double kSkTolerance = 1e-12;  // on |E tanh^2 - q|, as RsSolveOptions::tolerance

void require_positive(double value, const char* name, const char* where) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    std::ostringstream message;
    message << where << ": " << name << " = " << value << " is out of range: accepted 0 < " << name
            << " < infinity";
    throw std::invalid_argument(message.str());
  }
}

// The physical RS m = 0 state (classify's rule) from the glass start q = 1 and the paramagnet
// start q = 0: (q, f), NaN where RS has none.
template <RsSystem S>
std::pair<double, double> rs_m0_state(const S& system, double beta) {
  const RsPoint point = classify(RsSolution{}, solve_rs_from(system, beta, 0.0, 1.0),
                                 solve_rs_from(system, beta, 0.0, 0.0));
  if (std::isnan(point.f_m0)) return {NAN, NAN};
  return {point.m0_is_glass ? point.glass.q : point.paramagnet.q, point.f_m0};
}

// sqrt(2 alpha/P!) after checking 3 <= P <= kMaxP and alpha > 0 (before any member is built).
double checked_scale(int P, double alpha) {
  if (P < 3 || P > kMaxP) {
    throw std::invalid_argument("HardOnlyGlassMatch: P = " + std::to_string(P) +
                                " is out of range: accepted 3 <= P <= " + std::to_string(kMaxP));
  }
  require_positive(alpha, "alpha", "HardOnlyGlassMatch");
  return std::sqrt(2.0 * alpha / factorial(P));
}

}  // namespace

double sk_rs_pressure(double beta1, double q) {
  return M_LN2 + tanh_moments(0.0, beta1 * beta1 * q).log_cosh +
         0.25 * beta1 * beta1 * (1.0 - q) * (1.0 - q);
}

SkRsSolution solve_sk_rs(double T) {
  require_positive(T, "T", "solve_sk_rs");
  const double b = 1.0 / T;
  SkRsSolution s;
  auto tanh2 = [&](double q) { return tanh_moments(0.0, b * b * q).t2; };
  if (b <= 1.0) {
    // E tanh^2(b sqrt(q) g) < b^2 q <= q for q > 0: the paramagnet is the only root.
    s.q = 0.0;
  } else {
    // The q > 0 root of E tanh^2(.)/q - 1, which tends to b^2 - 1 > 0 as q -> 0 and is negative at
    // q = 1; Brent brackets it, Newton on E tanh^2 - q (slope b^2 E[1 - 4t^2 + 3t^4] - 1 by Stein's
    // lemma) polishes it.
    auto reduced = [&](double q) { return q > 0.0 ? tanh2(q) / q - 1.0 : b * b - 1.0; };
    // Bracketed by construction (positive at 0, negative at 1), so x is the root.
    double q = find_root(reduced, 0.0, 1.0, 1e-15).x;
    for (int it = 0; it < 4; ++it) {
      const TanhMoments mom = tanh_moments(0.0, b * b * q);
      const double residual = mom.t2 - q;
      const double slope = b * b * (1.0 - 4.0 * mom.t2 + 3.0 * mom.t4) - 1.0;
      const double next = q - residual / slope;
      if (!(next > 0.0 && next <= 1.0) || std::abs(tanh2(next) - next) >= std::abs(residual)) {
        break;
      }
      q = next;
    }
    s.q = q;
  }
  s.residual = std::abs(tanh2(s.q) - s.q);
  s.f = -T * sk_rs_pressure(b, s.q);
  s.converged = s.residual < kSkTolerance;
  return s;
}

double gaussian_soft_pressure(double beta, double q) {
  const double D = 1.0 - beta * (1.0 - q);
  if (!(D > 0.0)) return NAN;
  return -0.5 * std::log(D) + 0.5 * beta * q / D;
}

HopfieldGlassSplit hopfield_glass_split(double alpha, double T) {
  require_positive(alpha, "alpha", "hopfield_glass_split");
  require_positive(T, "T", "hopfield_glass_split");
  const RsHopfield network(Model{2, Variant::distinct, alpha});
  const double beta = 1.0 / T;
  RsSolution s = solve_rs_from(network, beta, 0.0, 1.0);
  if (!(s.converged && s.q > kDistinctQ)) {
    const RsSolution paramagnet = solve_rs_from(network, beta, 0.0, 0.0);
    if (paramagnet.converged || !s.converged) s = paramagnet;
  }
  HopfieldGlassSplit out;
  out.alpha = alpha;
  out.T = T;
  if (!s.converged) return out;
  const double q = s.q;
  const double D = 1.0 - beta * (1.0 - q);
  const double beta1 = beta * std::sqrt(alpha) / D;
  out.q = q;
  out.p = beta * q / (D * D);
  out.f_network = s.f;
  out.T_hard = 1.0 / beta1;
  const SkRsSolution sk = solve_sk_rs(out.T_hard);
  out.q_hard = sk.q;
  out.f_sk = sk.f;
  out.f_hard = sk.f * T / out.T_hard;
  out.f_soft = -alpha * gaussian_soft_pressure(beta, q) * T;
  out.f_coupling = T * (0.25 * beta1 * beta1 * (1.0 - q) * (1.0 - q) +
                        0.5 * alpha * beta * out.p * (1.0 - q) + 0.5 * alpha * beta);
  out.residual = std::max(s.residual, sk.residual);
  out.glass = q > kDistinctQ;
  out.converged = sk.converged;
  return out;
}

HardOnlyGlassMatch::HardOnlyGlassMatch(int P, double alpha, bool rsb1)
    : scale_(checked_scale(P, alpha)),
      rsb1_(rsb1),
      network_(Model{P, Variant::distinct, alpha}),
      ising_(Model{P, Variant::distinct, 0.5 * factorial(P)}),
      network1_(NoiseCovariance(Model{P, Variant::distinct, alpha})),
      ising1_(NoiseCovariance(Model{P, Variant::distinct, 0.5 * factorial(P)})) {
  if (rsb1_) {
    network_lines_ = rsb1_glass_lines(network1_.xihat());
    ising_lines_ = rsb1_glass_lines(ising1_.xihat());
  }
}

HardOnlyGlass HardOnlyGlassMatch::at(double T) const {
  require_positive(T, "T", "HardOnlyGlassMatch::at");
  HardOnlyGlass out;
  out.T = T;
  out.scale = scale_;
  out.T_ising = T / scale_;
  std::tie(out.q, out.f_network) = rs_m0_state(network_, 1.0 / T);
  std::tie(out.q_ising, out.f_ising) = rs_m0_state(ising_, 1.0 / out.T_ising);
  if (rsb1_) {
    if (T < network_lines_.T_s) {
      const Rsb1Glass::State state = network1_.solve(T);
      if (state.converged) {
        out.f_network_rsb1 = state.f;
        out.q2_rsb1 = state.q2;
        out.theta_rsb1 = state.theta;
      }
    } else {
      out.f_network_rsb1 = rsb1_m0_free_energy(network1_, network_lines_, T);
    }
    out.f_ising_rsb1 = rsb1_m0_free_energy(ising1_, ising_lines_, out.T_ising);
  }
  return out;
}

HardOnlyGlass hard_only(int P, double alpha, double T, bool rsb1) {
  return HardOnlyGlassMatch(P, alpha, rsb1).at(T);
}

std::vector<double> glassiness_temperatures(const Model& model, bool rsb1, std::vector<double> T) {
  const int P = model.P;
  const double alpha = model.alpha;
  validate(Model{P, model.variant, 0.0});
  if (!(alpha > 0.0) || !std::isfinite(alpha)) {
    throw ParameterError(
        "alpha", " = " + shortest_text(alpha) + " is out of range: accepted 0 < alpha < infinity");
  }
  if (model.variant != Variant::distinct) {
    throw ParameterError("variant",
                         " 'full' is not offered here: the glass match needs the "
                         "distinct variant (accepted: distinct)");
  }
  if (rsb1 && P == 2) {
    throw ParameterError("level",
                         ": rs,1rsb needs P >= 3 (accepted for P = 2: rs; the "
                         "Hopfield 1RSB is T = 0 only)");
  }
  for (double t : T) {
    if (!(t > 0.0)) {
      throw ParameterError("t-grid",
                           ": T = " + shortest_text(t) + " is out of range: accepted T > 0");
    }
  }
  if (!T.empty()) return T;
  const double top =
      P == 2 ? 1.5 * (1.0 + std::sqrt(alpha))
             : 2.0 * rsb1_glass_lines(NoiseCovariance(Model{P, Variant::distinct, alpha})).T_s;
  if (!std::isfinite(top)) throw std::runtime_error("no 1RSB glass line for the default T grid");
  return linear_points(top / 150.0, top, 150);
}

}  // namespace dhn::theory

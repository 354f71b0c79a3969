#include "dhn/theory/landau.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <variant>

#include "dhn/model/covariance.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/rs_system.hpp"
#include "dhn/theory/scalar_solvers.hpp"
#include "landau_extrema.hpp"

namespace dhn::theory {

namespace {

constexpr double kTolerance = 1e-12;     // on max(|E tanh - m|, |E tanh^2 - q|)
constexpr int kBudget = 200;             // Newton steps
constexpr double kMaxFieldStep = 4.0;    // largest change of beta h in one step
constexpr double kEntropyFloor = -1e-9;  // entropies above it count as non-negative

// The field of a spin at fixed m with the conjugate field h: a + beta h, v.
template <RsSystem S>
TanhMoments moments_at(const S& system, double m, double h, double q, double beta) {
  const Field field = system.field(m, q, beta);
  return tanh_moments(field.a + beta * h, field.v);
}

// f(m) = f_system(m, q; beta) at the shifted field, + h m.
template <RsSystem S>
double landau_f(const S& system, double m, double h, double q, double beta) {
  return system.free_energy(m, q, beta, moments_at(system, m, h, q, beta)) + h * m;
}

template <RsSystem S>
LandauPoint solve_point(const S& system, double m, double beta, double h, double q) {
  LandauPoint p;
  p.m = m;
  const int P = system.model().P;
  if (std::abs(m) == 1.0) {  // the pattern itself (or its reverse): no entropy, no noise energy
    p.f = -std::pow(m, P) / factorial(P);
    p.h = m * std::numeric_limits<double>::infinity();
    p.q = 1.0;
    p.s = 0.0;
    p.residual = 0.0;
    p.converged = true;
    return p;
  }
  auto residual_at = [&](double hh, double qq, TanhMoments& t) {
    t = moments_at(system, m, hh, qq, beta);
    return std::max(std::abs(t.t1 - m), std::abs(t.t2 - qq));
  };
  if (!system.admissible(m, q, beta)) return p;
  TanhMoments t;
  double r = residual_at(h, q, t);
  for (int it = 0; it < kBudget && r >= kTolerance; ++it) {
    const double dv_dq = system.field(m, q, beta).dv_dq;
    // Stein's lemma (rs_equations.hpp): d/da and d/dv of E tanh and E tanh^2
    const double j11 = beta * (1.0 - t.t2), j12 = -(t.t1 - t.t3) * dv_dq;
    const double j21 = beta * 2.0 * (t.t1 - t.t3),
                 j22 = (1.0 - 4.0 * t.t2 + 3.0 * t.t4) * dv_dq - 1.0;
    const double F1 = t.t1 - m, F2 = t.t2 - q;
    const double det = j11 * j22 - j12 * j21;
    if (!(std::abs(det) > 0.0) || !std::isfinite(det)) return p;
    double dh = -(j22 * F1 - j12 * F2) / det;
    double dq = -(-j21 * F1 + j11 * F2) / det;
    const double field_step = std::abs(beta * dh);
    if (field_step > kMaxFieldStep) {
      dh *= kMaxFieldStep / field_step;
      dq *= kMaxFieldStep / field_step;
    }
    // backtrack into the domain and onto a smaller residual
    double lambda = 1.0;
    bool moved = false;
    for (int k = 0; k < 40; ++k, lambda *= 0.5) {
      const double hn = h + lambda * dh, qn = q + lambda * dq;
      if (!(qn >= 0.0 && qn <= 1.0) || !system.admissible(m, qn, beta)) continue;
      TanhMoments tn;
      const double rn = residual_at(hn, qn, tn);
      if (rn < r || k == 39) {
        h = hn;
        q = qn;
        t = tn;
        r = rn;
        moved = true;
        break;
      }
    }
    if (!moved) return p;
  }
  p.h = h;
  p.q = q;
  p.residual = r;
  p.converged = r < kTolerance;
  if (!p.converged) return p;
  p.f = system.free_energy(m, q, beta, t) + h * m;
  // s = beta^2 df/dbeta: f is stationary in (h, q), so the partial derivative at fixed (h, q)
  // (central difference, relative step 1e-4: truncation ~1e-9 relative)
  const double db = 1e-4 * beta;
  if (system.admissible(m, q, beta - db) && system.admissible(m, q, beta + db)) {
    p.s = beta * beta *
          (landau_f(system, m, h, q, beta + db) - landau_f(system, m, h, q, beta - db)) /
          (2.0 * db);
  }
  return p;
}

// Cold starts at m: q across its range (paramagnet-like, intermediate, glass-like) with the
// noiseless field T atanh(m) - b(m).
std::vector<std::pair<double, double>> cold_starts(const Model& model, double T, double m) {
  const double h0 = T * std::atanh(std::clamp(m, -0.999999, 0.999999)) -
                    std::pow(m, model.P - 1) / factorial(model.P - 1);
  std::vector<std::pair<double, double>> starts;
  for (double q0 : {m * m, 0.5 * (1.0 + m * m), 1.0 - 1e-4 * (1.0 - m * m), 1.0 - 1e-8}) {
    starts.emplace_back(h0, q0);
  }
  return starts;
}

// The n -> 0 replica rule (classify): of the candidates with non-negative entropy, the one of
// higher f; if none has, the one of higher f.
LandauPoint choose(const std::vector<LandauPoint>& candidates) {
  LandauPoint best, best_any;
  for (const LandauPoint& c : candidates) {
    if (!c.converged) continue;
    if (!best_any.converged || c.f > best_any.f) best_any = c;
    const bool physical = !(c.s < kEntropyFloor);  // NaN entropy (no difference) counts
    if (physical && (!best.converged || c.f > best.f)) best = c;
  }
  return best.converged ? best : best_any;
}

template <RsSystem S>
LandauProfile profile(const S& system, double T, const std::vector<double>& m_grid) {
  const double beta = 1.0 / T;
  const Model& model = system.model();
  LandauProfile out;
  out.T = T;
  LandauPoint previous;
  for (double m : m_grid) {
    std::vector<LandauPoint> candidates;
    if (previous.converged && std::isfinite(previous.h))
      candidates.push_back(solve_point(system, m, beta, previous.h, previous.q));
    for (const auto& [h0, q0] : cold_starts(model, T, m))
      candidates.push_back(solve_point(system, m, beta, h0, q0));
    const LandauPoint chosen = choose(candidates);
    out.points.push_back(chosen.converged ? chosen : LandauPoint{.m = m});
    previous = chosen;
  }
  detail::add_extrema(out, [&](double m, const LandauPoint& seed) {
    return solve_point(system, m, beta, seed.h, seed.q);
  });
  return out;
}

void check_inputs(const Model& model, double T) {
  validate(model);
  if (!(T > 0.0) || !std::isfinite(T)) {
    throw ParameterError("t",
                         " = " + std::to_string(T) + " is out of range: accepted 0 < T < infinity");
  }
}

}  // namespace

LandauPoint landau_point(const Model& model, double T, double m, double h0, double q0) {
  check_inputs(model, T);
  return std::visit([&](const auto& s) { return solve_point(s, m, 1.0 / T, h0, q0); },
                    make_rs_system(model));
}

LandauProfile landau_profile(const Model& model, double T, const std::vector<double>& m_grid) {
  check_inputs(model, T);
  if (m_grid.empty()) throw ParameterError("m-grid", ": the grid is empty");
  for (std::size_t i = 0; i < m_grid.size(); ++i) {
    if (!(m_grid[i] >= -1.0 && m_grid[i] <= 1.0) || (i > 0 && !(m_grid[i] > m_grid[i - 1]))) {
      throw ParameterError("m-grid", ": m = " + std::to_string(m_grid[i]) +
                                         " is out of range: accepted strictly increasing "
                                         "values within [-1, 1]");
    }
  }
  return std::visit([&](const auto& s) { return profile(s, T, m_grid); }, make_rs_system(model));
}

LandauProfile landau_profile(const Model& model, double T, const std::vector<double>& m_grid,
                             ReplicaLevel level) {
  return level == ReplicaLevel::rsb1 ? landau_profile_rsb1(model, T, m_grid)
                                     : landau_profile(model, T, m_grid);
}

}  // namespace dhn::theory

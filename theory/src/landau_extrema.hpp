// The stationary points of a Landau profile, shared by its RS and 1RSB levels: sign changes of
// h = df/dm between neighbouring grid points, refined by Brent on h(m).
#pragma once

#include <cmath>
#include <limits>

#include "dhn/theory/landau.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory::detail {

// solve_at(m, seed) -> LandauPoint: the profile's solver at m started from a neighbouring point.
template <class SolveAt>
void add_extrema(LandauProfile& out, SolveAt&& solve_at) {
  for (std::size_t i = 0; i + 1 < out.points.size(); ++i) {
    const LandauPoint &a = out.points[i], &b = out.points[i + 1];
    if (!a.converged || !b.converged || !std::isfinite(a.h) || !std::isfinite(b.h)) continue;
    const bool up = a.h < 0.0 && b.h >= 0.0, down = a.h > 0.0 && b.h <= 0.0;
    if (!up && !down) continue;
    LandauPoint at = a;
    auto h_of = [&](double m) {
      const LandauPoint p = solve_at(m, a);
      if (p.converged) at = p;
      return p.converged ? p.h : std::numeric_limits<double>::quiet_NaN();
    };
    const ScalarRoot root = find_root(h_of, a.m, b.m, 1e-12);
    if (!root.bracketed()) continue;
    const LandauPoint p = solve_at(root.x, at);
    if (!p.converged) continue;
    (up ? out.minima : out.maxima).push_back({p.m, p.f, p.q});
  }
  // a grid end at a stationary point (m = 0 of the pure P-spin network: h = 0 by symmetry)
  const LandauPoint& first = out.points.front();
  const bool listed = !out.minima.empty() && std::abs(out.minima.front().m - first.m) < 1e-9;
  if (out.points.size() > 1 && first.converged && std::abs(first.h) < 1e-10 &&
      out.points[1].h > 0.0 && !listed)
    out.minima.insert(out.minima.begin(), {first.m, first.f, first.q});
}

}  // namespace dhn::theory::detail

#include "dhn/theory/tilted_gaussian.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "dhn/theory/quadrature.hpp"
#include "exp_nonpositive.hpp"

namespace dhn::theory {

namespace {

// Composite Gauss-Legendre nodes over [lo, hi] graded at `kink`, in ascending order: PanelGrid
// adds the panels left of the kink from the kink outwards, so those are reversed panel by panel.
void sorted_panels(double lo, double hi, double kink, double kink_width, double max_width,
                   std::vector<double>& nodes, std::vector<double>& weights) {
  const PanelGrid panels(lo, hi, kink, kink_width, max_width);
  const std::size_t n = panels.size(), order = PanelGrid::kOrder;
  std::size_t left = 0;  // panels whose nodes lie below the first right panel's
  while ((left + 1) * order < n &&
         panels.nodes()[(left + 1) * order] < panels.nodes()[left * order])
    ++left;
  if (left > 0) ++left;  // the run of descending panel starts ends with the last left panel
  nodes.resize(n);
  weights.resize(n);
  std::size_t out = 0;
  for (std::size_t p = left; p-- > 0;) {
    for (std::size_t k = 0; k < order; ++k, ++out) {
      nodes[out] = panels.nodes()[p * order + k];
      weights[out] = panels.weights()[p * order + k];
    }
  }
  for (std::size_t i = left * order; i < n; ++i, ++out) {
    nodes[out] = panels.nodes()[i];
    weights[out] = panels.weights()[i];
  }
}

// The sums over the nodes [lo, hi) (positions h, weights wh, ln cosh and tanh of the field there)
// of w e^x (1, tanh, tanh^2, ln cosh - reference) with x = theta (ln cosh - reference) -
// (h - a)^2 inv_two_var - bound, two nodes at a time. `bound` = theta^2 s^2/2 + theta ln 2 bounds
// the exponent (ln cosh h' - ln cosh a' <= |h' - a'| + ln 2 for the fields h', a'), and its
// maximum lies within 2 theta ln 2 of it (at h' = a' + theta s^2 sign a'): measured from it the
// weights need no max pass and cannot overflow; those below e^-700 (clamped) are 0 far below
// rounding.
struct WindowSums {
  double mass = 0.0, t = 0.0, t2 = 0.0, shifted = 0.0;
};
WindowSums window_sums_tilted(const double* h, const double* wh, const double* lc, const double* th,
                              std::size_t lo, std::size_t hi, double a, double reference,
                              double theta, double inv_two_var, double bound) {
  Lanes mass{0.0, 0.0}, t{0.0, 0.0}, t2{0.0, 0.0}, shifted{0.0, 0.0};
  auto load = [](const double* p) {
    Lanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  auto term = [&](Lanes hv, Lanes whv, Lanes lcv, Lanes thv) {
    const Lanes d = hv - a;
    Lanes x = theta * (lcv - reference) - d * d * inv_two_var - bound;
    x = x < -700.0 ? Lanes{-700.0, -700.0} : x;
    const Lanes w = whv * exp_nonpositive(x);
    mass += w;
    t += w * thv;
    t2 += w * thv * thv;
    shifted += w * (lcv - reference);
  };
  std::size_t k = lo;
  for (; k + 2 <= hi; k += 2) term(load(h + k), load(wh + k), load(lc + k), load(th + k));
  if (k < hi) {  // the odd last node, its partner lane weighted 0
    term(Lanes{h[k], a}, Lanes{wh[k], 0.0}, Lanes{lc[k], reference}, Lanes{th[k], 0.0});
  }
  return {mass[0] + mass[1], t[0] + t[1], t2[0] + t2[1], shifted[0] + shifted[1]};
}

double log_cosh_of(double x) {
  return std::abs(x) + std::log1p(std::exp(-2.0 * std::abs(x))) - M_LN2;
}

// ln cosh h and tanh h from one exponential e = exp(-2|h|): ln cosh h = |h| + ln(1 + e) - ln 2,
// tanh h = sign(h)(1 - e)/(1 + e) (absolute error ~1e-16 in tanh, which is all the averages need).
void field_functions(double h, double& log_cosh, double& tanh_h) {
  const double abs_h = std::abs(h);
  const double e = abs_h < 20.0 ? std::exp(-2.0 * abs_h) : 0.0;  // e^-40 < 1e-17: rounds away
  log_cosh = abs_h + (e > 0.0 ? std::log1p(e) : 0.0) - M_LN2;
  tanh_h = std::copysign((1.0 - e) / (1.0 + e), h);
}

// The averages of one node from its window sums, the weights measured from e^log_scale (the
// exponent bound less the log of the density's normalisation).
TiltedAverages tilted_from_sums(const WindowSums& sums, double log_scale, double reference,
                                double theta) {
  TiltedAverages out;
  const double log_mean_shifted = log_scale + std::log(sums.mass);
  out.t = sums.t / sums.mass;
  out.t2 = sums.t2 / sums.mass;
  out.log_gap = log_mean_shifted - theta * sums.shifted / sums.mass;
  out.log_mean = log_mean_shifted + theta * reference;
  out.log_cosh = sums.shifted / sums.mass + reference;
  return out;
}

}  // namespace

TiltedAverages tilted_averages(double a, double s, double theta) {
  TiltedAverages out;
  if (!(s > 0.0)) {
    out.log_mean = theta * log_cosh_of(a);
    out.t = std::tanh(a);
    out.t2 = out.t * out.t;
    out.log_cosh = log_cosh_of(a);
    out.log_gap = 0.0;
    return out;
  }
  // The integrand exp(theta ln cosh(a + s z) - z^2/2) peaks near z = +-theta s (and 0): cover
  // [-theta s - 10, theta s + 10] with panels refined at the sign change z0 = -a/s. When the
  // peaks are far apart (theta s > kWindowed, e.g. T = 1e-6 at alpha = 1000: s ~ 1e7) only the
  // two unit-width Gaussians around them count: for large |h| the integrand is
  // exp(theta |a + s z| - z^2/2), below e^-72 of its peak more than 12 from +-theta s (and the
  // kink z0, where it is smallest, lies in a window or is suppressed as much); covering the
  // whole interval would take ~theta s panels (gigabytes).
  constexpr double kWindowed = 40.0, kHalfWindow = 12.0;
  const double reach = theta * s + 10.0;
  thread_local std::vector<double> z, wz, lc, th, part_z, part_w;
  z.clear();
  wz.clear();
  auto cover = [&](double lo, double hi) {
    sorted_panels(lo, hi, -a / s, std::min(1.0, 1.0 / s), 1.0, part_z, part_w);
    z.insert(z.end(), part_z.begin(), part_z.end());
    wz.insert(wz.end(), part_w.begin(), part_w.end());
  };
  if (theta * s > kWindowed) {
    cover(-theta * s - kHalfWindow, -theta * s + kHalfWindow);
    cover(theta * s - kHalfWindow, theta * s + kHalfWindow);
  } else {
    cover(-reach, reach);
  }
  lc.resize(z.size());
  th.resize(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) field_functions(a + s * z[i], lc[i], th[i]);
  const double reference = log_cosh_of(a);  // ln cosh is measured from here (see log_gap)
  const double bound = 0.5 * theta * theta * s * s + theta * M_LN2;
  // In the Gaussian's own coordinate z (exact): the window sums with a = 0 and unit variance.
  const WindowSums sums = window_sums_tilted(z.data(), wz.data(), lc.data(), th.data(), 0, z.size(),
                                             0.0, reference, theta, 0.5, bound);
  return tilted_from_sums(sums, bound - 0.5 * std::log(2.0 * M_PI), reference, theta);
}

// Error budget. Outer: 12-point Gauss-Legendre panels on [-9, 9] (tails < 3e-19), width
// min(1, max(1, s)/s1) at the sign change of a (the inner average is analytic within about
// max(pi/2, s) of the real a axis), doubling up to width 2: on a width-2 panel the rule's error for
// the Gaussian density is ~2e-19 relative ((n!)^4 2^(2n+1)/((2n+1)((2n)!)^3) max|d^24 e^(-z^2/2)|,
// n = 12), and graded panels see their nearest singularity at >= 5.8 Bernstein radii (error
// ~5.8^-24 = 5e-19). Inner: the same panels in h = a + s z2 (kink at h = 0, width min(1, s),
// doubling up to 2 s), range a +- s (theta s + 10) for each outer node (tails < e^-50). Summed over
// <= 100 panels, the averages are accurate to ~1e-15 relative (rounding-dominated), as before.
OuterTiltedAverages outer_tilted_averages(double a0, double s1, double s, double theta) {
  OuterTiltedAverages out;
  auto add = [&](const TiltedAverages& t, double w) {
    out.t += w * t.t;
    out.t_squared += w * t.t * t.t;
    out.t2 += w * t.t2;
    out.log_mean += w * t.log_mean;
    out.log_cosh += w * t.log_cosh;
    out.log_gap += w * t.log_gap;
  };
  if (!(s1 > 0.0)) {
    add(tilted_averages(a0, s, theta), 1.0);
    return out;
  }
  constexpr double kOuterCutoff = 9.0, kMaxWidth = 2.0, kInvSqrt2Pi = 0.39894228040143267794;
  thread_local std::vector<double> z1, w1;
  const double outer_kink = -a0 / s1;
  const double outer_width =
      std::abs(outer_kink) >= kOuterCutoff ? kMaxWidth : std::min(1.0, std::max(1.0, s) / s1);
  sorted_panels(-kOuterCutoff, kOuterCutoff, outer_kink, outer_width, kMaxWidth, z1, w1);
  for (std::size_t i = 0; i < z1.size(); ++i) w1[i] *= kInvSqrt2Pi * std::exp(-0.5 * z1[i] * z1[i]);

  // Where the two tilted peaks are far apart (tilted_averages' windowed case), or where the shared
  // h grid would hold more nodes than the per-node grids together (s << s1), each outer node takes
  // its own grid.
  constexpr double kWindowed = 40.0;
  const double reach = theta * s + 10.0;  // in units of s, around each outer node's a
  const double shared_panels = (2.0 * kOuterCutoff * s1 + 2.0 * s * reach) / (kMaxWidth * s);
  const double per_node_panels = static_cast<double>(z1.size()) * reach;
  constexpr double kMaxSpread = 50.0;  // s1/s: the shared grid's rounding ~eps 18 s1/s <= 2e-13
  if (!(s > 0.0) || theta * s > kWindowed || s1 > kMaxSpread * s ||
      !(shared_panels < per_node_panels)) {
    for (std::size_t i = 0; i < z1.size(); ++i)
      add(tilted_averages(a0 + s1 * z1[i], s, theta), w1[i]);
    return out;
  }

  // The shared grid in u = h - a0 (positions relative to a0, so that h - a = u - s1 z1 loses only
  // ~eps (grid extent)/s, not eps |a0|/s) and what depends on h alone.
  thread_local std::vector<double> u, wu, lc, th;
  const double half_range = s * reach;
  sorted_panels(-kOuterCutoff * s1 - half_range, kOuterCutoff * s1 + half_range, -a0,
                std::min(1.0, s), kMaxWidth * s, u, wu);
  lc.resize(u.size());
  th.resize(u.size());
  for (std::size_t k = 0; k < u.size(); ++k) field_functions(a0 + u[k], lc[k], th[k]);
  const double inv_two_var = 0.5 / (s * s);
  const double bound = 0.5 * theta * theta * s * s + theta * M_LN2;      // see window_sums_tilted
  const double log_scale = bound - std::log(s * std::sqrt(2.0 * M_PI));  // dz2 = dh / s
  for (std::size_t i = 0; i < z1.size(); ++i) {
    const double offset = s1 * z1[i];  // a - a0
    const std::size_t lo = std::lower_bound(u.begin(), u.end(), offset - half_range) - u.begin();
    const std::size_t hi = std::upper_bound(u.begin(), u.end(), offset + half_range) - u.begin();
    const double reference = log_cosh_of(a0 + offset);  // ln cosh measured from here (log_gap)
    const WindowSums sums = window_sums_tilted(u.data(), wu.data(), lc.data(), th.data(), lo, hi,
                                               offset, reference, theta, inv_two_var, bound);
    add(tilted_from_sums(sums, log_scale, reference, theta), w1[i]);
  }
  return out;
}

}  // namespace dhn::theory

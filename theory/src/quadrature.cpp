#include "dhn/theory/quadrature.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "exp_nonpositive.hpp"

namespace dhn::theory {
namespace {

struct LegendreRule {
  std::array<double, GaussianGrid::kOrder> x{};
  std::array<double, GaussianGrid::kOrder> w{};
};

// Gauss-Legendre nodes on [-1, 1] by Newton iteration on P_n (converges to machine precision
// from the Chebyshev-like initial guesses); computed once.
LegendreRule make_legendre_rule() {
  constexpr int n = GaussianGrid::kOrder;
  LegendreRule rule;
  for (int i = 0; i < n; ++i) {
    double x = std::cos(M_PI * (i + 0.75) / (n + 0.5));
    double dp = 1.0;
    for (int iter = 0; iter < 100; ++iter) {
      double p0 = 1.0, p1 = x;
      for (int k = 2; k <= n; ++k) {
        const double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = n * (x * p1 - p0) / (x * x - 1.0);
      const double dx = p1 / dp;
      x -= dx;
      if (std::abs(dx) < 1e-16) break;
    }
    double p0 = 1.0, p1 = x;  // recompute P_n' at the converged node for the weight
    for (int k = 2; k <= n; ++k) {
      const double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = n * (x * p1 - p0) / (x * x - 1.0);
    rule.x[i] = x;
    rule.w[i] = 2.0 / ((1.0 - x * x) * dp * dp);
  }
  return rule;
}

const LegendreRule& legendre_rule() {
  static const LegendreRule rule = make_legendre_rule();
  return rule;
}

constexpr double kInvSqrt2Pi = 0.39894228040143267794;

}  // namespace

void PanelGrid::add_panel(double left, double right) {
  const LegendreRule& rule = legendre_rule();
  const double center = 0.5 * (left + right);
  const double half = 0.5 * (right - left);
  for (int k = 0; k < kOrder; ++k) {
    nodes_.push_back(center + half * rule.x[k]);
    weights_.push_back(half * rule.w[k]);
  }
}

PanelGrid::PanelGrid(double lo, double hi, double kink, double kink_width, double max_width) {
  const double origin = std::clamp(kink, lo, hi);
  const double first =
      (kink < lo || kink > hi || !(kink_width > 0.0)) ? max_width : std::min(kink_width, max_width);
  nodes_.reserve(512);
  weights_.reserve(512);
  for (int side : {-1, +1}) {
    const double end = side < 0 ? lo : hi;
    double edge = origin;
    double width = first;
    int panels = 0;
    while (side * (end - edge) > 0.0) {
      double next = edge + side * width;
      if (side * (next - end) > 0.0) next = end;
      add_panel(std::min(edge, next), std::max(edge, next));
      edge = next;
      // Two panels of the kink width, then geometric growth (ratio 2) up to the maximal width.
      if (++panels >= 2) width = std::min(2.0 * width, max_width);
    }
  }
}

GaussianGrid::GaussianGrid(double kink, double kink_width) {
  // A kink outside the cutoff does not need grading: the integrand is smooth on the grid.
  const double width = std::abs(kink) >= kCutoff ? kMaxPanelWidth : kink_width;
  const PanelGrid panels(-kCutoff, kCutoff, kink, width, kMaxPanelWidth);
  nodes_.assign(panels.nodes().begin(), panels.nodes().end());
  weights_.resize(nodes_.size());
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    weights_[i] = panels.weights()[i] * kInvSqrt2Pi * std::exp(-0.5 * nodes_[i] * nodes_[i]);
  }
}

namespace {

// |h| beyond which tanh h = sign h and ln cosh h = |h| - ln 2 to double precision: the neglected
// terms are 2 e^(-2|h|) < 2e-16 and ln(1 + e^(-2|h|)) < 1e-16.
constexpr double kTanhSaturation = 18.5;
// Panels of the window grow to this width; with 12 Gauss-Legendre nodes the Gaussian weight and
// a tanh of slope <= 1/2 per unit z are integrated to ~3e-16 on such a panel (tested against a
// much finer rule in test_quadrature).
constexpr double kWindowMaxPanel = 2.0;
// At most 10 panels per side (6 graded ones when the kink width is below kWindowMaxPanel, else the
// 18-wide cutoff interval in panels of 2): 24 bounds both sides.
constexpr std::size_t kMaxWindowNodes = 24 * GaussianGrid::kOrder;
constexpr int kLanes = 4;  // the node sums run in 4 fixed lanes: the same bits on every ISA

struct WindowSums {
  double t1 = 0.0, t2 = 0.0, t3 = 0.0, t4 = 0.0, log_cosh = 0.0, sech2 = 0.0, sech4 = 0.0,
         t_sech2 = 0.0;
};

// Sums over the window's nodes z_i = z0 + d_i, plain Gauss-Legendre weights g_i (the density is
// applied here), h_i = s d_i + shift. Compiled per instruction set; the lanes fix the summation
// order on all of them.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("default", "avx2", "arch=x86-64-v4")))
#endif
void window_sums(const double* d, const double* g, std::size_t n, double z0, double s,
                 double shift, bool with_log_cosh, double* decay, double* weight, double* abs_h,
                 WindowSums& out) {
  double acc[7][kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) {
      const double zi = z0 + d[i + k];
      const double w = g[i + k] * kInvSqrt2Pi * exp_nonpositive(-0.5 * zi * zi);
      const double h = s * d[i + k] + shift;
      const double ah = std::abs(h);
      const double e = exp_nonpositive(-2.0 * ah);  // tanh from one exponential
      const double inverse = 1.0 / (1.0 + e);
      const double t = std::copysign((1.0 - e) * inverse, h);
      const double tt = t * t;
      const double sech2 = 4.0 * e * inverse * inverse;  // 1 - t^2 without the cancellation
      acc[0][k] += w * t;
      acc[1][k] += w * tt;
      acc[2][k] += w * tt * t;
      acc[3][k] += w * tt * tt;
      acc[4][k] += w * sech2;
      acc[5][k] += w * sech2 * sech2;
      acc[6][k] += w * t * sech2;
      decay[i + k] = e;
      weight[i + k] = w;
      abs_h[i + k] = ah;
    }
  }
  auto lane_sum = [&](int j) { return (acc[j][0] + acc[j][1]) + (acc[j][2] + acc[j][3]); };
  out.t1 = lane_sum(0);
  out.t2 = lane_sum(1);
  out.t3 = lane_sum(2);
  out.t4 = lane_sum(3);
  out.sech2 = lane_sum(4);
  out.sech4 = lane_sum(5);
  out.t_sech2 = lane_sum(6);
  if (!with_log_cosh) return;
  double lc[kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k)
      lc[k] += weight[i + k] * (abs_h[i + k] + std::log1p(decay[i + k]));
  }
  out.log_cosh = (lc[0] + lc[1]) + (lc[2] + lc[3]);
}

}  // namespace

TanhMoments tanh_moments(double a, double v, MomentSet set) {
  TanhMoments m;
  const bool with_log_cosh = set == MomentSet::with_log_cosh;
  if (!(v > 0.0)) {
    const double t = std::tanh(a);
    const double t2 = t * t;
    const double sech2 = 1.0 / (std::cosh(a) * std::cosh(a));  // 0 once cosh overflows
    m = {t, t2, t2 * t, t2 * t2,
         with_log_cosh ? std::abs(a) + std::log1p(std::exp(-2.0 * std::abs(a))) - M_LN2 : NAN};
    m.sech2 = sech2;
    m.sech4 = sech2 * sech2;
    m.t_sech2 = t * sech2;
    return m;
  }
  // h = a + s z saturates (|h| > kTanhSaturation) outside the window z0 -+ H/s around the sign
  // change z0 = -a/s: there tanh^k h = (sign h)^k and ln cosh h = |h| - ln 2, whose Gaussian
  // integrals are closed forms (Q, phi). Inside the window, within the +-kCutoff interval (the
  // density beyond it weighs < 3e-19), panels graded from the kink width 1/s.
  const double s = std::sqrt(v);
  // The nodes are placed by their offsets d = z - z0 from the kink, so that h = s d keeps its
  // relative accuracy however narrow the kink (at s = 1e8 absolute z carries 1e-8 of the width).
  const double z0 = -a / s, reach = kTanhSaturation / s;
  const double d_lo = std::max(-reach, -GaussianGrid::kCutoff - z0);
  const double d_hi = std::min(reach, GaussianGrid::kCutoff - z0);
  double lo = z0 + d_lo, hi = z0 + d_hi;
  if (!(d_lo < d_hi)) lo = hi = (a > 0.0 ? -INFINITY : INFINITY);  // saturated everywhere
  // Right tail z > hi: h > 0. Left tail z < lo: h < 0. E[1{z > c}] = Q(c), E[z 1{z > c}] = phi(c).
  auto upper_tail = [](double c) { return 0.5 * std::erfc(c * M_SQRT1_2); };
  auto density = [](double c) {
    return std::isinf(c) ? 0.0 : kInvSqrt2Pi * std::exp(-0.5 * c * c);
  };
  const double q_right = upper_tail(hi), q_left = upper_tail(-lo);
  const double tail_odd = q_right - q_left, tail_even = q_right + q_left;
  // E[|h| 1{tails}] = a (Q(hi) - Q(-lo)) + s (phi(hi) + phi(lo))
  const double tail_abs_h = a * tail_odd + s * (density(hi) + density(lo));
  // Saturated tails: sech^2 h < 4 e^-37, negligible against the window's share (E sech^2 h is
  // at least the window's ~ phi(z0)/s), so the sech moments come from the window alone.
  m = {tail_odd, tail_even, tail_odd, tail_even, tail_abs_h - M_LN2 * tail_even};
  if (!(d_lo < d_hi)) {
    if (!with_log_cosh) m.log_cosh = NAN;
    return m;
  }

  // The window's offsets, cached per thread while they repeat (the same v inside the window).
  thread_local double cached_lo = NAN, cached_hi = NAN, cached_width = NAN;
  thread_local std::size_t count = 0;
  thread_local std::array<double, kMaxWindowNodes> offsets, gl_weights;
  thread_local std::array<double, kMaxWindowNodes> decay, weight, abs_h;
  const double width = 1.0 / s;
  if (d_lo != cached_lo || d_hi != cached_hi || width != cached_width) {
    const PanelGrid panels(d_lo, d_hi, 0.0, width, kWindowMaxPanel);
    count = panels.size();
    if (count > kMaxWindowNodes) throw std::logic_error("tanh_moments: window node bound");
    std::copy(panels.nodes().begin(), panels.nodes().end(), offsets.begin());
    std::copy(panels.weights().begin(), panels.weights().end(), gl_weights.begin());
    cached_lo = d_lo;
    cached_hi = d_hi;
    cached_width = width;
  }
  WindowSums sums;
  // h = a + s (z0 + d) = s d + (a + s z0), the bracket being the rounding left in z0.
  window_sums(offsets.data(), gl_weights.data(), count, z0, s, std::fma(s, z0, a), with_log_cosh,
              decay.data(), weight.data(), abs_h.data(), sums);
  m.t1 += sums.t1;
  m.t2 += sums.t2;
  m.t3 += sums.t3;
  m.t4 += sums.t4;
  m.sech2 = sums.sech2;
  m.sech4 = sums.sech4;
  m.t_sech2 = sums.t_sech2;
  m.log_cosh = with_log_cosh ? m.log_cosh + sums.log_cosh - M_LN2 * (1.0 - tail_even) : NAN;
  return m;
}

}  // namespace dhn::theory

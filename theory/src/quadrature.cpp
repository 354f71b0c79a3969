#include "dhn/theory/quadrature.hpp"

#include <algorithm>
#include <array>
#include <cmath>

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

TanhMoments tanh_moments(double a, double v) {
  TanhMoments m;
  if (!(v > 0.0)) {
    const double t = std::tanh(a);
    const double t2 = t * t;
    m = {t, t2, t2 * t, t2 * t2, std::abs(a) + std::log1p(std::exp(-2.0 * std::abs(a))) - M_LN2};
    return m;
  }
  const double s = std::sqrt(v);
  // Reuse one grid per thread while (a, v) repeat, as they do inside Newton's line search.
  thread_local double cached_kink = NAN, cached_width = NAN;
  thread_local GaussianGrid grid;
  const double kink = -a / s, width = 1.0 / s;
  if (kink != cached_kink || width != cached_width) {
    grid = GaussianGrid(kink, width);
    cached_kink = kink;
    cached_width = width;
  }
  const std::span<const double> z = grid.nodes();
  const std::span<const double> w = grid.weights();
  double t1 = 0.0, t2 = 0.0, t3 = 0.0, t4 = 0.0, lc = 0.0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double h = a + s * z[i];
    const double abs_h = std::abs(h);
    const double e = std::exp(-2.0 * abs_h);  // tanh and ln cosh from one exponential
    const double t = std::copysign((1.0 - e) / (1.0 + e), h);
    const double tt = t * t;
    t1 += w[i] * t;
    t2 += w[i] * tt;
    t3 += w[i] * tt * t;
    t4 += w[i] * tt * tt;
    lc += w[i] * (abs_h + std::log1p(e));
  }
  return {t1, t2, t3, t4, lc - M_LN2};
}

}  // namespace dhn::theory

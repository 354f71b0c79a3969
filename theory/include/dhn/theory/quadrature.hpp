// Gaussian expectations E f(z), z ~ N(0,1), by composite Gauss-Legendre panels graded
// geometrically towards a kink (physics.md section 9: fixed Gauss-Hermite fails at large beta).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace dhn::theory {

// Composite 12-point Gauss-Legendre rule for integrals over [lo, hi] (plain weights, no density):
// panels of width `kink_width` next to `kink`, doubling away from it up to `max_width`.
class PanelGrid {
 public:
  static constexpr int kOrder = 12;
  PanelGrid(double lo, double hi, double kink, double kink_width, double max_width = 1.0);
  std::span<const double> nodes() const { return nodes_; }
  std::span<const double> weights() const { return weights_; }
  std::size_t size() const { return nodes_.size(); }

 private:
  void add_panel(double left, double right);
  std::vector<double> nodes_;
  std::vector<double> weights_;
};

// Nodes z_i and weights w_i (the standard-normal density included) such that
// E f(z) ~= sum_i w_i f(z_i). Panels of 12-point Gauss-Legendre cover [-kCutoff, kCutoff]; next to
// `kink` they have width `kink_width` and double away from it up to kMaxPanelWidth. For an
// integrand analytic within kink_width * pi/2 of the real axis (tanh of a field with slope
// 1/kink_width) each panel's error is below 1e-16 relative; the truncated tails weigh < 3e-19.
class GaussianGrid {
 public:
  static constexpr double kCutoff = 9.0;
  static constexpr double kMaxPanelWidth = 1.0;
  static constexpr int kOrder = PanelGrid::kOrder;

  // A grid refined around `kink` (any real; outside the cutoff it only sets the panel origin).
  GaussianGrid(double kink, double kink_width);
  // A smooth grid: panels of the maximal width, symmetric about 0.
  GaussianGrid() : GaussianGrid(0.0, kMaxPanelWidth) {}

  std::span<const double> nodes() const { return nodes_; }
  std::span<const double> weights() const { return weights_; }
  std::size_t size() const { return nodes_.size(); }

  template <class F>
  double expect(F&& f) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < nodes_.size(); ++i) sum += weights_[i] * f(nodes_[i]);
    return sum;
  }

 private:
  std::vector<double> nodes_;
  std::vector<double> weights_;
};

// E f(z) with the grid refined at the kink of width `kink_width`.
template <class F>
double gaussian_expectation(F&& f, double kink = 0.0,
                            double kink_width = GaussianGrid::kMaxPanelWidth) {
  return GaussianGrid(kink, kink_width).expect(f);
}

// Moments of t = tanh(h) for the Gaussian field h = a + sqrt(v) z, z ~ N(0,1):
// t_k = E t^k (k = 1..4), log_cosh = E ln cosh h and the sech moments. Everything the RS
// equations, their Jacobian (via Stein's lemma) and the free energy need comes from these.
struct TanhMoments {
  double t1 = 0.0;
  double t2 = 0.0;
  double t3 = 0.0;
  double t4 = 0.0;
  double log_cosh = 0.0;
  // E sech^2 h = 1 - t2, E sech^4 h = 1 - 2 t2 + t4 and E tanh h sech^2 h = t1 - t3, summed
  // directly (sech^2 = 4e/(1+e)^2, e = exp(-2|h|)): accurate relative to their own size, where
  // the differences of the t_k lose everything at large beta (1 - t2 ~ 1/beta). Zero where h is
  // saturated everywhere (|h| > 18.5 at every node that counts).
  double sech2 = 0.0;
  double sech4 = 0.0;
  double t_sech2 = 0.0;
};

// Which moments tanh_moments computes: the solvers' iterations need t1..t4 only; ln cosh (a
// log1p per node) only the free energy.
enum class MomentSet { with_log_cosh, without_log_cosh };

// Where |h| > 18.5 (tanh saturated to double precision) the moments are closed forms in Q and phi;
// the rest of the Gaussian lies in a window around the sign change z0 = -a/sqrt(v), integrated by
// 12-point Gauss-Legendre panels graded from the kink width 1/sqrt(v) up to width 2 (error ~3e-16,
// test_quadrature). v = 0 is exact. Without ln cosh, log_cosh is NaN.
TanhMoments tanh_moments(double a, double v, MomentSet set = MomentSet::with_log_cosh);

}  // namespace dhn::theory

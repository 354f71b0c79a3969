#include "dhn/theory/glauber_master_equation.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace dhn::theory {

GlauberMasterRun glauber_master_equation(const GlauberFlow& flow, std::int64_t S0, int sweeps) {
  if (flow.order != GlauberOrder::random_site)
    throw std::invalid_argument(
        "order must be random_site (sequential order is no Markov chain "
        "in S)");
  if (flow.N < 2) throw std::invalid_argument("N must be >= 2, got " + std::to_string(flow.N));
  const std::int64_t N = flow.N;
  if (std::llabs(S0) > N || (N - S0) % 2 != 0)
    throw std::invalid_argument("S0 must be in -N..N with N - S0 even, got " + std::to_string(S0));
  if (sweeps < 0) throw std::invalid_argument("sweeps must be >= 0, got " + std::to_string(sweeps));
  validate_flow(flow);

  // per-attempt probabilities of k -> k - 1 (an anti-aligned spin flips) and k -> k + 1
  const double beta = 1.0 / flow.T, n = static_cast<double>(N);
  std::vector<double> down(N + 1), up(N + 1);
  for (std::int64_t k = 0; k <= N; ++k) {
    const double m = static_cast<double>(N - 2 * k) / n;
    const double kd = static_cast<double>(k);
    down[k] = kd / n * glauber_acceptance(flow.rate, beta * glauber_flip_energy(flow, m, -1));
    up[k] = (n - kd) / n * glauber_acceptance(flow.rate, beta * glauber_flip_energy(flow, m, +1));
  }
  std::vector<double> p(N + 1, 0.0), next(N + 1);
  std::int64_t lo = (N - S0) / 2, hi = lo;  // the support of p
  p[lo] = 1.0;
  GlauberMasterRun out;
  const auto record = [&](int sweep) {
    double mean = 0.0, second = 0.0;
    for (std::int64_t k = lo; k <= hi; ++k) {
      const double m = static_cast<double>(N - 2 * k) / n;
      mean += p[k] * m;
      second += p[k] * m * m;
    }
    out.sweeps.push_back(sweep);
    out.m.push_back(mean);
    out.m_variance.push_back(second - mean * mean);
  };
  record(0);
  // the support [lo, hi] grows by one state per attempt; after each sweep the tails below
  // kNegligible (mass lost < N 1e-300) are trimmed, so the cost follows the width ~ sqrt(N) of
  // the distribution rather than N
  constexpr double kNegligible = 1e-300;
  for (int sweep = 1; sweep <= sweeps; ++sweep) {
    for (std::int64_t attempt = 0; attempt < N; ++attempt) {
      const std::int64_t from = lo > 0 ? lo - 1 : 0, to = hi < N ? hi + 1 : N;
      for (std::int64_t k = from; k <= to; ++k) {
        double value = p[k] * (1.0 - down[k] - up[k]);
        if (k + 1 <= hi) value += p[k + 1] * down[k + 1];
        if (k - 1 >= lo) value += p[k - 1] * up[k - 1];
        next[k] = value;
      }
      for (std::int64_t k = from; k <= to; ++k) p[k] = next[k];
      lo = from;
      hi = to;
    }
    while (lo < hi && p[lo] < kNegligible) p[lo++] = 0.0;
    while (hi > lo && p[hi] < kNegligible) p[hi--] = 0.0;
    record(sweep);
  }
  return out;
}

}  // namespace dhn::theory

#include "dhn/montecarlo/umbrella_profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dhn::montecarlo {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// ln sum_i exp(x_i), -inf for an empty or all -inf set.
double log_sum_exp(const std::vector<double>& x) {
  double top = kNegInf;
  for (double v : x) top = std::max(top, v);
  if (top == kNegInf) return kNegInf;
  double sum = 0.0;
  for (double v : x) sum += std::exp(v - top);
  return top + std::log(sum);
}

// Whether S = 2h - N lies in window k.
bool inside(std::span<const std::int32_t> S_min, std::span<const std::int32_t> S_max, std::size_t k,
            std::size_t h, int N) {
  const std::int32_t S = 2 * static_cast<std::int32_t>(h) - N;
  return S >= S_min[k] && S <= S_max[k];
}

// n_k: the counts of window k inside it.
std::vector<double> window_counts(const std::vector<std::vector<double>>& counts,
                                  std::span<const std::int32_t> S_min,
                                  std::span<const std::int32_t> S_max, int N) {
  std::vector<double> n(counts.size(), 0.0);
  for (std::size_t k = 0; k < counts.size(); ++k)
    for (std::size_t h = 0; h < counts[k].size(); ++h)
      if (inside(S_min, S_max, k, h, N)) n[k] += counts[k][h];
  return n;
}

// ln sum_k part_k(S) - ln sum_{k: S in W_k} n_k / Z_k for every S (-inf without visits).
std::vector<double> log_estimate(const std::vector<std::vector<double>>& part,
                                 const std::vector<double>& n, const std::vector<double>& log_Zk,
                                 std::span<const std::int32_t> S_min,
                                 std::span<const std::int32_t> S_max, int N) {
  const std::size_t H = static_cast<std::size_t>(N) + 1;
  // ln(n_k / Z_k) once per window, not once per (S, window): WHAM calls this every round
  std::vector<double> log_weight(part.size(), kNegInf);
  for (std::size_t k = 0; k < part.size(); ++k)
    if (n[k] > 0.0) log_weight[k] = std::log(n[k]) - log_Zk[k];
  std::vector<double> out(H, kNegInf);
  std::vector<double> terms;  // ln(n_k / Z_k) of the windows holding S
  terms.reserve(part.size());
  for (std::size_t h = 0; h < H; ++h) {
    double visits = 0.0;
    terms.clear();
    for (std::size_t k = 0; k < part.size(); ++k) {
      if (!inside(S_min, S_max, k, h, N)) continue;
      visits += part[k][h];
      if (n[k] > 0.0) terms.push_back(log_weight[k]);
    }
    if (visits > 0.0) out[h] = std::log(visits) - log_sum_exp(terms);
  }
  return out;
}

void check_shapes(const std::vector<std::vector<double>>& counts,
                  std::span<const std::int32_t> S_min, std::span<const std::int32_t> S_max, int N) {
  if (S_min.size() != counts.size() || S_max.size() != counts.size()) {
    throw std::invalid_argument("wham: one S range per window expected");
  }
  for (const auto& c : counts) {
    if (c.size() != static_cast<std::size_t>(N) + 1)
      throw std::invalid_argument("wham: N + 1 histogram bins per window expected");
  }
}

// Mean and standard error over samples of per_sample (D, M).
SampledProfile over_samples(std::vector<double> per_sample, int D, std::size_t M) {
  SampledProfile out;
  out.mean.assign(M, NAN);
  out.error.assign(M, NAN);
  for (std::size_t j = 0; j < M; ++j) {
    double sum = 0.0, sum2 = 0.0;
    for (int d = 0; d < D; ++d) {
      const double x = per_sample[static_cast<std::size_t>(d) * M + j];
      sum += x;
      sum2 += x * x;
    }
    out.mean[j] = sum / D;  // NaN when any sample lacks the bin
    if (D >= 2 && std::isfinite(out.mean[j]))
      out.error[j] = std::sqrt(std::max(0.0, sum2 / D - out.mean[j] * out.mean[j]) / (D - 1));
  }
  out.per_sample = std::move(per_sample);
  return out;
}

}  // namespace

Wham wham(const std::vector<std::vector<double>>& counts, std::span<const std::int32_t> S_min,
          std::span<const std::int32_t> S_max, int N) {
  check_shapes(counts, S_min, S_max, N);
  const std::size_t L = counts.size(), H = static_cast<std::size_t>(N) + 1;
  const std::vector<double> n = window_counts(counts, S_min, S_max, N);
  Wham w;
  w.log_window.assign(L, 0.0);
  std::vector<double> in;  // ln Z(S) of the states of one window
  in.reserve(H);
  for (int round = 0; round < 100000; ++round) {
    w.log_p = log_estimate(counts, n, w.log_window, S_min, S_max, N);
    double change = 0.0;
    for (std::size_t k = 0; k < L; ++k) {
      in.clear();
      for (std::size_t h = 0; h < H; ++h)
        if (inside(S_min, S_max, k, h, N)) in.push_back(w.log_p[h]);
      const double updated = log_sum_exp(in);
      if (std::isfinite(updated)) change = std::max(change, std::abs(updated - w.log_window[k]));
      w.log_window[k] = std::isfinite(updated) ? updated : 0.0;
    }
    const double shift = w.log_window[0];  // the free constant: window 0's Z_k at 1
    for (double& z : w.log_window) z -= shift;
    for (double& z : w.log_p) z -= shift;
    if (change < 1e-13 && round > 0) break;
  }
  const double log_total = log_sum_exp(w.log_p);
  for (double& z : w.log_p) z -= log_total;
  for (double& z : w.log_window) z -= log_total;
  return w;
}

std::vector<double> wham_part_log_probability(const std::vector<std::vector<double>>& part,
                                              const std::vector<std::vector<double>>& counts,
                                              const Wham& full, std::span<const std::int32_t> S_min,
                                              std::span<const std::int32_t> S_max, int N) {
  check_shapes(part, S_min, S_max, N);
  return log_estimate(part, window_counts(counts, S_min, S_max, N), full.log_window, S_min, S_max,
                      N);
}

UmbrellaProfile umbrella_profile(const TemperingParameters& p, const Accumulators& acc) {
  if (!umbrella(p)) throw std::invalid_argument("umbrella_profile: the run has no windows");
  const int N = p.N, L = static_cast<int>(p.window_lo.size()), D = p.samples;
  const std::size_t H = static_cast<std::size_t>(N) + 1;
  std::vector<std::int32_t> S_min, S_max;
  for (int k = 0; k < L; ++k) {
    S_min.push_back(window_S_min(p, k));
    S_max.push_back(window_S_max(p, k));
  }
  // the S values of the union (parity of N), increasing
  std::vector<std::size_t> bins;
  for (std::size_t h = 0; h < H; ++h) {
    const std::int32_t S = 2 * static_cast<std::int32_t>(h) - N;
    if (S >= S_min.front() && S <= S_max.back()) bins.push_back(h);
  }
  UmbrellaProfile out;
  for (std::size_t h : bins) out.m.push_back(static_cast<double>(2 * static_cast<int>(h) - N) / N);
  const double T = p.T.front();
  const bool split = !acc.condensed_histogram.empty();
  std::vector<double> f, f_uncondensed;
  auto histograms = [&](const std::vector<std::int64_t>& source, int d, bool minus_condensed) {
    std::vector<std::vector<double>> c(static_cast<std::size_t>(L), std::vector<double>(H));
    for (int k = 0; k < L; ++k) {
      for (std::size_t h = 0; h < H; ++h) {
        const std::size_t at = (static_cast<std::size_t>(d) * L + k) * H + h;
        c[static_cast<std::size_t>(k)][h] =
            static_cast<double>(source[at]) - (minus_condensed ? acc.condensed_histogram[at] : 0.0);
      }
    }
    return c;
  };
  for (int d = 0; d < D; ++d) {
    const std::vector<std::vector<double>> counts = histograms(acc.m_histogram, d, false);
    const Wham full = wham(counts, S_min, S_max, N);
    const std::vector<double> part =
        split ? wham_part_log_probability(histograms(acc.m_histogram, d, true), counts, full, S_min,
                                          S_max, N)
              : full.log_p;
    for (std::size_t h : bins) {
      f.push_back(std::isfinite(full.log_p[h]) ? -T / N * full.log_p[h] : NAN);
      f_uncondensed.push_back(std::isfinite(part[h]) ? -T / N * part[h] : NAN);
      out.condensed_fraction.push_back(
          std::isfinite(full.log_p[h]) ? 1.0 - std::exp(part[h] - full.log_p[h]) : NAN);
    }
  }
  out.f = over_samples(std::move(f), D, bins.size());
  out.f_uncondensed = over_samples(std::move(f_uncondensed), D, bins.size());
  return out;
}

}  // namespace dhn::montecarlo

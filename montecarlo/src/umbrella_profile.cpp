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

}  // namespace

std::vector<double> wham_log_probability(const std::vector<std::vector<double>>& counts,
                                         std::span<const std::int32_t> S_min,
                                         std::span<const std::int32_t> S_max, int N) {
  const std::size_t L = counts.size(), H = static_cast<std::size_t>(N) + 1;
  if (S_min.size() != L || S_max.size() != L) {
    throw std::invalid_argument("wham: one S range per window expected");
  }
  for (const auto& c : counts) {
    if (c.size() != H)
      throw std::invalid_argument("wham: N + 1 histogram bins per window expected");
  }
  auto inside = [&](std::size_t k, std::size_t h) {
    const std::int32_t S = 2 * static_cast<std::int32_t>(h) - N;
    return S >= S_min[k] && S <= S_max[k];
  };
  std::vector<double> n(L, 0.0), total(H, 0.0);
  for (std::size_t k = 0; k < L; ++k) {
    for (std::size_t h = 0; h < H; ++h) {
      if (!inside(k, h)) continue;
      n[k] += counts[k][h];
      total[h] += counts[k][h];
    }
  }
  std::vector<double> log_Zk(L, 0.0), log_Z(H, kNegInf);
  for (int round = 0; round < 100000; ++round) {
    for (std::size_t h = 0; h < H; ++h) {
      std::vector<double> terms;  // ln(n_k / Z_k) of the windows holding S
      for (std::size_t k = 0; k < L; ++k)
        if (inside(k, h) && n[k] > 0.0) terms.push_back(std::log(n[k]) - log_Zk[k]);
      log_Z[h] = total[h] > 0.0 ? std::log(total[h]) - log_sum_exp(terms) : kNegInf;
    }
    double change = 0.0;
    for (std::size_t k = 0; k < L; ++k) {
      std::vector<double> in;
      for (std::size_t h = 0; h < H; ++h)
        if (inside(k, h)) in.push_back(log_Z[h]);
      const double updated = log_sum_exp(in);
      if (std::isfinite(updated)) change = std::max(change, std::abs(updated - log_Zk[k]));
      log_Zk[k] = std::isfinite(updated) ? updated : 0.0;
    }
    // fix the free constant: window 0's partition function at 1
    const double shift = log_Zk[0];
    for (double& z : log_Zk) z -= shift;
    for (double& z : log_Z) z -= shift;
    if (change < 1e-13 && round > 0) break;
  }
  const double log_total = log_sum_exp(log_Z);
  for (double& z : log_Z) z -= log_total;
  return log_Z;
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
  for (int d = 0; d < D; ++d) {
    std::vector<std::vector<double>> counts(static_cast<std::size_t>(L), std::vector<double>(H));
    for (int k = 0; k < L; ++k) {
      for (std::size_t h = 0; h < H; ++h) {
        counts[static_cast<std::size_t>(k)][h] =
            static_cast<double>(acc.m_histogram[(static_cast<std::size_t>(d) * L + k) * H + h]);
      }
    }
    const std::vector<double> log_p = wham_log_probability(counts, S_min, S_max, N);
    for (std::size_t h : bins) {
      out.f_per_sample.push_back(std::isfinite(log_p[h]) ? -T / N * log_p[h] : NAN);
    }
  }
  const std::size_t M = bins.size();
  out.f.assign(M, NAN);
  out.f_error.assign(M, NAN);
  for (std::size_t j = 0; j < M; ++j) {
    double sum = 0.0, sum2 = 0.0;
    for (int d = 0; d < D; ++d) {
      const double x = out.f_per_sample[static_cast<std::size_t>(d) * M + j];
      sum += x;
      sum2 += x * x;
    }
    out.f[j] = sum / D;  // NaN when any sample lacks the bin
    // the jackknife error of a plain mean is its standard error
    if (D >= 2 && std::isfinite(out.f[j]))
      out.f_error[j] = std::sqrt(std::max(0.0, sum2 / D - out.f[j] * out.f[j]) / (D - 1));
  }
  return out;
}

}  // namespace dhn::montecarlo

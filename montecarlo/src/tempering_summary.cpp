#include "dhn/montecarlo/tempering_summary.hpp"

#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>

namespace dhn::montecarlo {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Estimate estimate(const JackknifeResult& r) {
  return {r.value, r.error, r.bias_corrected};
}

double binder(double fourth, double second) {
  return 0.5 * (3.0 - fourth / (second * second));
}
}  // namespace

TemperingSummary summarize(const Tempering& run) {
  if (!run.finished()) throw std::logic_error("summarize: the run has not finished");
  return summarize(run.parameters(), run.accumulators(), run.round_trips());
}

TemperingSummary summarize(const TemperingParameters& p, const Accumulators& a,
                           std::span<const std::int64_t> round_trips) {
  const int D = a.D, L = a.L, B = a.B, W = a.W;
  TemperingSummary s;
  const bool by_samples = D >= 2;
  s.blocks = by_samples ? ErrorBlocks::samples : ErrorBlocks::time_bins;
  s.block_count = static_cast<std::size_t>(by_samples ? D : B);

  // per-sample time averages
  for (int o = 0; o < kObservables; ++o) {
    s.per_sample[o].assign(static_cast<std::size_t>(D) * L, 0.0);
    for (int d = 0; d < D; ++d) {
      for (int k = 0; k < L; ++k) {
        double sum = 0.0;
        for (int b = 0; b < B; ++b) sum += a.bin_sum(d, k, b, static_cast<Observable>(o));
        s.per_sample[o][static_cast<std::size_t>(d) * L + k] = sum / static_cast<double>(p.sweeps);
      }
    }
  }

  // jackknife blocks of one slot: (blocks x kObservables) sums and weights
  for (int o = 0; o < kObservables; ++o) s.observables[o].resize(static_cast<std::size_t>(L));
  s.binder_q.resize(static_cast<std::size_t>(L));
  s.binder_m.resize(static_cast<std::size_t>(L));
  std::vector<double> sums(s.block_count * kObservables), weights(s.block_count);
  for (int k = 0; k < L; ++k) {
    for (std::size_t j = 0; j < s.block_count; ++j) {
      for (int o = 0; o < kObservables; ++o) {
        sums[j * kObservables + o] =
            by_samples ? s.per_sample[o][j * L + k]
                       : a.bin_sum(0, k, static_cast<int>(j), static_cast<Observable>(o));
      }
      weights[j] = by_samples ? 1.0 : static_cast<double>(bin_size(p, static_cast<int>(j)));
    }
    for (int o = 0; o < kObservables; ++o) {
      s.observables[o][k] = estimate(
          jackknife(sums, weights, kObservables, [o](std::span<const double> x) { return x[o]; }));
    }
    s.binder_q[k] = estimate(jackknife(sums, weights, kObservables, [](std::span<const double> x) {
      return binder(x[int(Observable::q4)], x[int(Observable::q2)]);
    }));
    s.binder_m[k] = estimate(jackknife(sums, weights, kObservables, [](std::span<const double> x) {
      return binder(x[int(Observable::m4)], x[int(Observable::m2)]);
    }));
  }

  // log-binned time series
  for (int o = 0; o < kObservables; ++o) {
    s.window_mean[o].assign(static_cast<std::size_t>(D) * L * W, 0.0);
    s.window_average[o].assign(static_cast<std::size_t>(L) * W, 0.0);
    s.window_error[o].assign(static_cast<std::size_t>(L) * W, kNaN);
    for (int k = 0; k < L; ++k) {
      for (int w = 0; w < W; ++w) {
        const double size = static_cast<double>(window_size(p, w));
        double mean = 0.0;
        for (int d = 0; d < D; ++d) {
          const double x = a.window_sum(d, k, w, static_cast<Observable>(o)) / size;
          s.window_mean[o][(static_cast<std::size_t>(d) * L + k) * W + w] = x;
          mean += x;
        }
        mean /= D;
        s.window_average[o][static_cast<std::size_t>(k) * W + w] = mean;
        if (D >= 2) {
          double var = 0.0;
          for (int d = 0; d < D; ++d) {
            const double x = s.window_mean[o][(static_cast<std::size_t>(d) * L + k) * W + w];
            var += (x - mean) * (x - mean);
          }
          s.window_error[o][static_cast<std::size_t>(k) * W + w] =
              std::sqrt(var / (static_cast<double>(D) * (D - 1)));
        }
      }
    }
  }

  // rates
  const double attempts_per_sample =
      static_cast<double>(p.replicas) * p.N * static_cast<double>(total_sweeps(p));
  s.flip_acceptance.assign(static_cast<std::size_t>(L), 0.0);
  for (int k = 0; k < L; ++k) {
    std::int64_t accepted = 0;
    for (int d = 0; d < D; ++d) accepted += a.flips_accepted[static_cast<std::size_t>(d) * L + k];
    s.flip_acceptance[k] = static_cast<double>(accepted) / (attempts_per_sample * D);
  }
  s.swap_acceptance.assign(static_cast<std::size_t>(L > 1 ? L - 1 : 0), kNaN);
  for (int k = 0; k + 1 < L; ++k) {
    std::int64_t attempted = 0, accepted = 0;
    for (int d = 0; d < D; ++d) {
      attempted += a.swaps_attempted[static_cast<std::size_t>(d) * (L - 1) + k];
      accepted += a.swaps_accepted[static_cast<std::size_t>(d) * (L - 1) + k];
    }
    if (attempted > 0) s.swap_acceptance[k] = static_cast<double>(accepted) / attempted;
  }
  for (const std::int64_t trips : round_trips) s.round_trips += trips;
  if (umbrella(p)) s.profile = umbrella_profile(p, a);
  return s;
}

}  // namespace dhn::montecarlo

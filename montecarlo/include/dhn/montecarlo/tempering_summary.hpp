// Results of a finished tempering run by ladder slot: disorder averages of every observable
// with jackknife errors, the derived Binder ratios, the log-binned time series, acceptance and
// swap rates, round trips. All derived quantities are declared here, in one place.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/jackknife.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/umbrella_profile.hpp"

namespace dhn::montecarlo {

struct Estimate {
  double mean = 0.0;            // direct estimate f(means)
  double error = 0.0;           // jackknife standard error (NaN with fewer than two blocks)
  double bias_corrected = 0.0;  // jackknife bias-corrected estimate
};

// How errors are obtained: over the D disorder samples (each block is one sample's time
// average, weight 1) when D >= 2, which includes sample-to-sample fluctuations; over the
// B time bins of the single sample (weights = measurements per bin) when D = 1, valid when
// the bin length exceeds the autocorrelation time (check with /mc/bins).
enum class ErrorBlocks { samples, time_bins };

struct TemperingSummary {
  ErrorBlocks blocks = ErrorBlocks::samples;
  std::size_t block_count = 0;
  // observables[o][k]: disorder average of <O> at slot k, O as in accumulators.hpp.
  std::array<std::vector<Estimate>, kObservables> observables;
  // Binder ratios, ratios of disorder averages (a jackknife over the same blocks):
  //   g_q = (3 - [<q^4>] / [<q^2>]^2) / 2,   g_m = (3 - [<m^4>] / [<m^2>]^2) / 2,
  // 0 for Gaussian fluctuations around 0, 1 for a single pair of peaks at +-value.
  std::vector<Estimate> binder_q, binder_m;
  // per_sample[o][d L + k]: time average of O over the measured sweeps of sample d at slot k.
  std::array<std::vector<double>, kObservables> per_sample;
  // window_mean[o][(d L + k) W + w]: mean of O over window w (tempering_parameters.hpp) of
  // sample d; window_average[o][k W + w] its mean over samples, window_error the standard error
  // over samples (NaN for D = 1).
  std::array<std::vector<double>, kObservables> window_mean, window_average, window_error;
  // Accepted / attempted single flips at slot k over all sweeps (thermalisation included),
  // replicas and samples; attempted = D R N (therm + sweeps).
  std::vector<double> flip_acceptance;
  // Accepted / attempted swaps of the slot pair (k, k+1), over samples and chains; NaN where no
  // swap was attempted.
  std::vector<double> swap_acceptance;
  std::int64_t round_trips = 0;  // total over all walkers
  // Umbrella runs only: the profile f_N(m) of the window histograms (umbrella_profile.hpp).
  std::optional<UmbrellaProfile> profile;
};

// The summary of a finished run from its parameters, its accumulators and the round trips of
// every walker (TemperingState::round_trips, (D, R, L)). Every reduction over samples happens
// here, in sample order, from per-sample data alone: a run and the merge of its slices
// (analysis/mc_merge.hpp), whose accumulators are the run's rows, give the same bits.
TemperingSummary summarize(const TemperingParameters& p, const Accumulators& a,
                           std::span<const std::int64_t> round_trips);
// The same for a run object. Requires run.finished() (std::logic_error otherwise).
TemperingSummary summarize(const Tempering& run);

}  // namespace dhn::montecarlo

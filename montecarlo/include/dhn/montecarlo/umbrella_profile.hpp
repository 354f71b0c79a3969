// The free-energy profile f_N(m) of umbrella runs (mc --windows): the window histograms of each
// disorder sample stitched by WHAM, and their quenched average over samples with errors.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dhn/montecarlo/accumulators.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"

namespace dhn::montecarlo {

// WHAM for hard-wall windows at one temperature. counts[k][h] is the number of samples of
// window k with S = 2h - N (h = 0..N); window k admits S_min[k] <= S <= S_max[k]. In window k
// the states are Boltzmann-distributed restricted to it, so n_k p_k(S) = n_k Z(S) / Z_k, and the
// self-consistent estimate (Ferrenberg-Swendsen; Kumar et al. 1992) with hard walls is
//   Z(S) = sum_k counts_k(S) / sum_{k: S in W_k} n_k / Z_k,   Z_k = sum_{S in W_k} Z(S),
// iterated in logarithms until every ln Z_k changes by less than 1e-13 (at most 100000 rounds).
// Returns ln p(S) = ln Z(S) - ln sum_S Z(S) by index h (-inf where S was never sampled or lies
// outside every window) and ln(Z_k / sum_S Z(S)) of each window. Throws std::invalid_argument on
// inconsistent shapes.
struct Wham {
  std::vector<double> log_p;       // (N + 1)
  std::vector<double> log_window;  // (L): ln Z_k, same normalisation
};
Wham wham(const std::vector<std::vector<double>>& counts, std::span<const std::int32_t> S_min,
          std::span<const std::int32_t> S_max, int N);

// The probability of a subset of the states (e.g. the uncondensed ones) from its part of the
// window histograms, with the window normalisations of the full WHAM: ln p_part(S) = ln sum_k
// part_k(S) - ln sum_{k: S in W_k} n_k / Z_k, n_k the full counts of window k.
std::vector<double> wham_part_log_probability(const std::vector<std::vector<double>>& part,
                                              const std::vector<std::vector<double>>& counts,
                                              const Wham& full, std::span<const std::int32_t> S_min,
                                              std::span<const std::int32_t> S_max, int N);

// One profile over samples: per sample, the mean and the standard error (the jackknife of a mean).
struct SampledProfile {
  std::vector<double> per_sample;  // (D, n_m), NaN where the sample never visited m
  std::vector<double> mean;        // (n_m): NaN where some sample lacks m
  std::vector<double> error;       // (n_m): NaN for D = 1 or a NaN mean
};

struct UmbrellaProfile {
  std::vector<double> m;  // S/N of every S in the union of the windows, increasing
  SampledProfile f;       // f_N(m) = -(T/N) ln p_d(S)
  // The same restricted to the configurations not condensed on another pattern
  // (max_{nu >= 1} |m_nu| <= condensed_m), normalised by the same total: f_uncondensed >= f.
  SampledProfile f_uncondensed;
  std::vector<double> condensed_fraction;  // (D, n_m): condensed share of the visits of m
};

// The profile of a finished umbrella run from its m histograms (measured sweeps, all replicas).
// f is defined up to one constant per sample; this normalisation, by the sample's whole
// partition function over the windows, makes -(T/N) ln p_d the quantity averaged.
UmbrellaProfile umbrella_profile(const TemperingParameters& p, const Accumulators& acc);

}  // namespace dhn::montecarlo

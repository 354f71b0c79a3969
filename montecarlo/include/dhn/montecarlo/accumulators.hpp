// Raw accumulators of a tempering run, stored by ladder slot (temperature), never by walker:
// fixed-length time bins and log-spaced windows of the per-sweep observables, exact histograms
// of q and m, and the flip and swap counters. Plain arrays, so checkpoints hold them whole.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dhn/montecarlo/tempering_parameters.hpp"

namespace dhn::montecarlo {

// Per-sweep observables of one (sample d, slot k), each averaged over the R replicas (one
// walker per chain sits at slot k) or over the R (R - 1) / 2 replica pairs a < b:
enum class Observable : int {
  e,      // energy per spin H / N, convention B
  e2,     // (H / N)^2
  m,      // Mattis overlap of the cued pattern, m = S_0 / N
  abs_m,  // |m|
  m2,     // m^2
  m4,     // m^4
  max_m,  // max_mu |S_mu| / N over the K patterns
  q,      // q_ab = (1/N) sum_i s^a_i s^b_i (pairs)
  abs_q,  // |q_ab| (pairs)
  q2,     // q_ab^2 (pairs)
  q4,     // q_ab^4 (pairs)
};
inline constexpr int kObservables = 11;
// Bins of max_{nu >= 1} |m_nu| over [0, 1] in the umbrella mode's joint histogram (width 0.02).
inline constexpr int kOtherOverlapBins = 50;
// "e", "e2", "m", "abs_m", "m2", "m4", "max_m", "q", "abs_q", "q2", "q4".
std::string_view name(Observable o);
// One-line meaning with units, for dataset descriptions.
std::string_view description(Observable o);
using ObservableValues = std::array<double, kObservables>;

// Shapes: D samples, L slots, B = bin_count, W = window_count, O = kObservables; row-major.
struct Accumulators {
  int D = 0, L = 0, N = 0, B = 0, W = 0;
  std::vector<double> bin_sums;           // (D, L, B, O): sum over the bin's measured sweeps
  std::vector<double> window_sums;        // (D, L, W, O): sum over the window's sweeps
  std::vector<std::int64_t> q_histogram;  // (D, L, N+1): pairs with sum_i s^a s^b = 2h - N
  std::vector<std::int64_t> m_histogram;  // (D, L, N+1): replicas with S_0 = 2h - N
  // (D, L, N+1) in umbrella mode, empty otherwise: the part of m_histogram condensed on another
  // pattern (max_{nu >= 1} |m_nu| > condensed_m)
  std::vector<std::int64_t> condensed_histogram;
  // (D, L, N+1, kOtherOverlapBins) in umbrella mode, empty otherwise: replicas by S_0 = 2h - N
  // and by the bin b of max_{nu >= 1} |m_nu| in (b, b+1] / kOtherOverlapBins (bin 0 from 0 on),
  // so that the profile restricted to max |m_nu| <= c can be formed afterwards for any
  // threshold c on the bin edges (the partial-condensation check, physics.md section 10)
  std::vector<std::int64_t> other_overlap_histogram;
  // (D, L, N+1) in umbrella mode, empty otherwise: the sum of e = H/N over the visits counted in
  // m_histogram, so that <e | m> per level (pooled over the windows) can be formed afterwards
  std::vector<double> energy_by_m;
  std::vector<std::int64_t> flips_accepted;   // (D, L): accepted flips at slot k, every sweep
  std::vector<std::int64_t> swaps_attempted;  // (D, L-1): swap attempts of slots (k, k+1)
  std::vector<std::int64_t> swaps_accepted;   // (D, L-1)

  // Zeroed arrays of the shapes of p.
  static Accumulators zeros(const TemperingParameters& p);

  // Adds the observables measured after sweep t (0-based, thermalisation included) at (d, k):
  // to window window_of(t) always, and to time bin (t - therm) / bin_length when t >= therm.
  void record(const TemperingParameters& p, std::int64_t t, int d, int k,
              const ObservableValues& values);
  // Sums of observable o over bin b of (d, k).
  double bin_sum(int d, int k, int b, Observable o) const;
  double window_sum(int d, int k, int w, Observable o) const;
  // True when every array has the size its shape implies.
  bool consistent() const;
  // Appends the samples of `later` after these (D grows by later.D); every array is by sample
  // first, so the accumulators of a run are the concatenation of those of its slices in sample
  // order. Throws std::invalid_argument when L, N, B, W or the umbrella arrays differ.
  void append_samples(const Accumulators& later);
};

// Measurements summed in window w: one per sweep in it (window_first_sweep .. window_last_sweep).
std::int64_t window_size(const TemperingParameters& p, int w);

}  // namespace dhn::montecarlo

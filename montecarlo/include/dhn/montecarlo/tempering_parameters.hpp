// Parameters of a parallel-tempering run (plain struct, one field per line), their validation,
// the sizes derived from them, and the comparison that refuses to resume a different run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/flip_arithmetic.hpp"

namespace dhn::montecarlo {

enum class InitialKind {
  pattern,  // s = xi^0, the cued pattern (m = 1)
  noisy,    // xi^0 with round(N (1 - m0)/2) sites flipped (initial_state.hpp)
  random,   // uniform random spins
};

// A slice of a larger run (mc --sample-range, one task of a job array) has total_samples > 0:
// its sample d is disorder sample first_sample + d of a run of total_samples samples, and every
// Philox key (patterns, initial states, dynamics, swaps) holds that global index, so the slice
// computes exactly those samples' rows of the whole run (analysis/mc_merge.hpp joins slices).
struct TemperingParameters {
  int P = 3;                                   // interaction order, 2 <= P <= kMaxP
  Variant variant = Variant::distinct;         // index-tuple variant (physics.md section 1)
  int N = 64;                                  // spins per replica, N >= P
  std::int64_t K = 1;                          // patterns per sample (round(alpha N^(P-1)))
  std::vector<double> T{1.0};                  // ladder, convention B, strictly increasing
  int replicas = 2;                            // R independent tempering chains per sample, >= 2
  int samples = 1;                             // D disorder samples of this run
  int first_sample = 0;                        // a slice's first sample in the whole run, else 0
  int total_samples = 0;                       // a slice's whole run's samples; 0: not a slice
  std::int64_t therm = 0;                      // thermalisation sweeps (measured only in time
                                               // series), >= 0
  std::int64_t sweeps = 1024;                  // measured sweeps, >= 1
  int swap_every = 1;                          // sweeps between swap rounds, 0 = never swap
  UpdateRule rule = UpdateRule::metropolis;    // single-flip acceptance rule
  SiteOrder order = SiteOrder::random;         // site order within a sweep
  InitialKind init = InitialKind::pattern;     // initial state of every walker
  double m0 = 1.0;                             // overlap of the noisy initial state, [-1, 1]
  std::uint64_t seed = 1;                      // user seed of every Philox key
  int bins = 64;                               // time bins of the measured sweeps, >= 1
  FlipKernel kernel = FlipKernel::polynomial;  // Delta U evaluation; both give the same integers
  // Umbrella sampling along the cued overlap (issue 15); empty: a temperature ladder. Slot k then
  // samples only the states with window_lo[k] <= m <= window_hi[k] (hard walls: a flip leaving
  // the window is rejected), every T[k] is the same temperature, each walker starts at its
  // window's centre, and a swap exchanges two walkers when each lies in the other's window.
  std::vector<double> window_lo;  // lower edge of each slot's window in m, increasing
  std::vector<double> window_hi;  // upper edge, > window_lo[k] and > window_lo[k+1] (overlap)
  // Umbrella mode: a measured configuration counts as condensed on another pattern when
  // max_{nu >= 1} |m_nu| > condensed_m (physics.md section 10); those are histogrammed apart, so
  // that the profile can be given with and without them. In (0, 1].
  double condensed_m = 0.7;
};

// Whether p samples umbrella windows in m rather than a temperature ladder.
inline bool umbrella(const TemperingParameters& p) {
  return !p.window_lo.empty();
}
// The integer bounds of slot k's window on S_0 = N m: ceil(N lo) <= S_0 <= floor(N hi); the
// whole range [-N, N] without windows.
std::int32_t window_S_min(const TemperingParameters& p, int k);
std::int32_t window_S_max(const TemperingParameters& p, int k);
// The initial overlap of the walkers of slot k in umbrella mode: the window's centre, rounded as
// noisy_cued_state rounds it (initial_state.hpp).
double window_centre(const TemperingParameters& p, int k);

// The one validation of a run's parameters, including the int64 exactness bound of the flip
// arithmetic on (P, N, K). Throws dhn::ParameterError naming the parameter as mc's options spell
// it (n, k, temps, replicas, samples, sample-range, therm, sweeps, swap-every, init, bins,
// windows) and its accepted range; std::invalid_argument from validate(Model) for P and the
// variant.
void validate(const TemperingParameters& p);

// The inverse temperature of ladder slot k, 1 / T[k] (convention B): the one place it is computed,
// for the sweeps and the swap rounds alike.
inline double beta(const TemperingParameters& p, int k) {
  return 1.0 / p.T[static_cast<std::size_t>(k)];
}

// Whether p is a slice of a larger run (total_samples > 0).
inline bool slice(const TemperingParameters& p) {
  return p.total_samples > 0;
}
// "a:b of D" for a slice (samples a .. b-1 of D), "whole run" otherwise.
std::string sample_range_text(const TemperingParameters& p);

// therm + sweeps.
std::int64_t total_sweeps(const TemperingParameters& p);
// Measured sweep j (0 <= j < sweeps) falls into time bin j / bin_length; bin_length =
// ceil(sweeps / bins), so there are ceil(sweeps / bin_length) <= bins bins and only the last
// may be shorter.
std::int64_t bin_length(const TemperingParameters& p);
int bin_count(const TemperingParameters& p);
// Measurements in bin b (bin_length, or the remainder for the last bin).
std::int64_t bin_size(const TemperingParameters& p, int b);
// Log-binned time series: sweep t (0-based, thermalisation included) falls into window
// floor(log2(t + 1)), i.e. window w covers t = 2^w - 1 .. 2^(w+1) - 2 (the last one clipped).
int window_count(const TemperingParameters& p);
int window_of(std::int64_t t);
std::int64_t window_first_sweep(int w);
std::int64_t window_last_sweep(const TemperingParameters& p, int w);  // inclusive, clipped

std::string_view to_string(UpdateRule rule);   // "metropolis" | "heat-bath"
std::string_view to_string(SiteOrder order);   // "random" | "sequential"
std::string_view to_string(InitialKind init);  // "pattern" | "noisy" | "random"
// Inverses; throw std::invalid_argument listing the accepted names.
UpdateRule parse_update_rule(std::string_view text);
SiteOrder parse_site_order(std::string_view text);
InitialKind parse_initial_kind(std::string_view text);

// The text forms of mc's options (parsed here only; validate checks the values):
// init = "pattern" | "random" | "noisy:<m0>", dynamics = "RULE[,ORDER]" (order random by
// default). Throw ParameterError("init" | "dynamics", ...) listing the accepted forms.
struct InitialState {
  InitialKind kind = InitialKind::pattern;
  double m0 = 1.0;  // used by noisy only
};
InitialState parse_initial_state(std::string_view text);
struct Dynamics {
  UpdateRule rule = UpdateRule::metropolis;
  SiteOrder order = SiteOrder::random;
};
Dynamics parse_dynamics(std::string_view text);

// "" when `requested` continues the run of `stored` (every field but kernel equal; T and m0
// compared exactly); otherwise one line per differing field, e.g.
// "N: checkpoint 64, requested 32" (the two names are stored_name and requested_name).
std::string describe_mismatch(const TemperingParameters& stored,
                              const TemperingParameters& requested,
                              std::string_view stored_name = "checkpoint",
                              std::string_view requested_name = "requested");

}  // namespace dhn::montecarlo

// Writers and reader of the Monte Carlo layout (docs/hdf5-schema.md, "Monte Carlo files").
#include "dhn/analysis/mc_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "dhn/analysis/h5_arrays.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/state_digest.hpp"
#include "dhn/montecarlo/patterns.hpp"

namespace dhn::analysis {

namespace mc = dhn::montecarlo;

namespace {
using Dims = std::vector<hsize_t>;
constexpr const char* kUnitsB = "convention B";

hsize_t h(std::int64_t n) {
  return static_cast<hsize_t>(n);
}

// Parameter attributes and the ladder of one run, in `group`.
void write_parameters(H5::Group& group, const mc::TemperingParameters& p, const McRunInfo& info) {
  write_attribute(group, "P", p.P);
  write_attribute(group, "variant", std::string(to_string(p.variant)));
  write_attribute(group, "N", p.N);
  write_attribute_int64(group, "K", p.K);
  write_attribute(group, "alpha", static_cast<double>(p.K) / std::pow(double(p.N), p.P - 1));
  write_attribute(group, "alpha_requested", info.alpha_requested);
  write_attribute(group, "replicas", p.replicas);
  write_attribute(group, "samples", p.samples);
  if (mc::slice(p)) {  // a part of a job array (mc --sample-range); absent for whole runs
    write_attribute(group, "first_sample", p.first_sample);
    write_attribute(group, "total_samples", p.total_samples);
  }
  write_attribute_int64(group, "therm", p.therm);
  write_attribute_int64(group, "sweeps", p.sweeps);
  write_attribute(group, "swap_every", p.swap_every);
  write_attribute(group, "update_rule", std::string(mc::to_string(p.rule)));
  write_attribute(group, "site_order", std::string(mc::to_string(p.order)));
  write_attribute(group, "init", std::string(mc::to_string(p.init)));
  write_attribute(group, "m0", p.m0);
  write_attribute_uint64(group, "seed", p.seed);
  write_attribute(group, "bins", p.bins);
  write_attribute_int64(group, "bin_length", mc::bin_length(p));
  write_dataset(group, "T", p.T, {kUnitsB, "temperature of each ladder slot (slot 0 coldest)"});
  std::vector<double> beta;
  for (int k = 0; k < static_cast<int>(p.T.size()); ++k) beta.push_back(mc::beta(p, k));
  write_dataset(group, "beta", beta, {"1/convention B", "inverse temperature of each slot"});
  if (mc::umbrella(p)) {  // absent for temperature ladders (files and checkpoints as before)
    write_attribute(group, "condensed_m", p.condensed_m);
    write_dataset(group, "window_lo", p.window_lo,
                  {"1", "umbrella mode: lower edge in m of each slot's window"});
    write_dataset(group, "window_hi", p.window_hi,
                  {"1", "umbrella mode: upper edge in m of each slot's window"});
  }
}

mc::TemperingParameters read_parameters(const H5::Group& group) {
  check_group_type(group, "mc_parameters");
  mc::TemperingParameters p;
  p.P = read_attribute_int(group, "P");
  p.variant = parse_variant(read_attribute_string(group, "variant"));
  p.N = read_attribute_int(group, "N");
  p.K = read_attribute_int64(group, "K");
  p.replicas = read_attribute_int(group, "replicas");
  p.samples = read_attribute_int(group, "samples");
  if (group.attrExists("total_samples")) {
    p.first_sample = read_attribute_int(group, "first_sample");
    p.total_samples = read_attribute_int(group, "total_samples");
  }
  p.therm = read_attribute_int64(group, "therm");
  p.sweeps = read_attribute_int64(group, "sweeps");
  p.swap_every = read_attribute_int(group, "swap_every");
  p.rule = mc::parse_update_rule(read_attribute_string(group, "update_rule"));
  p.order = mc::parse_site_order(read_attribute_string(group, "site_order"));
  p.init = mc::parse_initial_kind(read_attribute_string(group, "init"));
  p.m0 = read_attribute_double(group, "m0");
  p.seed = read_attribute_uint64(group, "seed");
  p.bins = read_attribute_int(group, "bins");
  p.T = read_dataset_double(group, "T");
  if (group.nameExists("window_lo")) {
    p.window_lo = read_dataset_double(group, "window_lo");
    p.window_hi = read_dataset_double(group, "window_hi");
    p.condensed_m = read_attribute_double(group, "condensed_m");
  }
  return p;
}

// (D, L, inner) -> (D, inner): an umbrella run's per-window records summed over the windows.
template <class T>
std::vector<T> sum_over_slots(const std::vector<T>& values, std::int64_t L, std::size_t inner) {
  const std::size_t per_sample = static_cast<std::size_t>(L) * inner;
  std::vector<T> out(values.size() / static_cast<std::size_t>(L), T{});
  for (std::size_t at = 0; at < values.size(); ++at)
    out[at / per_sample * inner + at % inner] += values[at];
  return out;
}

void write_info(H5::H5Object& object, const McRunInfo& info) {
  write_attribute(object, "wall_seconds", info.wall_seconds);
  write_attribute(object, "resumes", info.resumes);
  write_attribute_int64(object, "checkpoints", info.checkpoints);
  write_attribute(object, "backend", info.backend);
}

// /mc/profile of an umbrella run: the WHAM profile per sample, its quenched mean and the windows.
void write_profile(H5::Group& top, const mc::TemperingParameters& p,
                   const mc::TemperingSummary& s) {
  const mc::UmbrellaProfile& profile = *s.profile;
  const hsize_t D = h(p.samples), M = h(static_cast<std::int64_t>(profile.m.size()));
  H5::Group g = create_group(top, "profile", "mc_profile");
  write_attribute(g, "T", p.T.front());
  write_attribute(g, "estimator",
                  "WHAM over hard-wall windows per sample; f = -(T/N) ln p(S), p normalised "
                  "over the windows' union");
  write_array(g, "m", profile.m, {M}, {"1", "S/N of every state count in the windows' union"});
  auto write_sampled = [&](const std::string& name, const mc::SampledProfile& x,
                           const std::string& what) {
    write_array(g, name, x.mean, {M},
                {kUnitsB, "mean over samples of " + what + "; NaN where a sample never visited m"});
    write_array(g, name + "_error", x.error, {M},
                {kUnitsB,
                 "standard error over samples (jackknife of the mean); NaN for one "
                 "sample"});
    write_array(g, name + "_per_sample", x.per_sample, {D, M},
                {kUnitsB, what + " of each sample; NaN where never visited"});
  };
  write_sampled("f", profile.f, "f_N(m) = -(T/N) ln p_d(S)");
  write_attribute(g, "condensed_m", p.condensed_m);
  write_sampled("f_uncondensed", profile.f_uncondensed,
                "-(T/N) ln p_d(S, max_{nu>=1} |m_nu| <= condensed_m)");
  write_array(g, "condensed_fraction", profile.condensed_fraction, {D, M},
              {"1", "share of the visits of m condensed on another pattern, by sample"});
  const std::size_t L = p.window_lo.size();
  H5::Group w = create_group(g, "windows", "mc_windows");
  std::vector<double> centre, width;
  for (std::size_t k = 0; k < L; ++k) {
    centre.push_back(0.5 * (p.window_lo[k] + p.window_hi[k]));
    width.push_back(p.window_hi[k] - p.window_lo[k]);
  }
  write_array(w, "lo", p.window_lo, {h(std::int64_t(L))}, {"1", "lower edge in m"});
  write_array(w, "hi", p.window_hi, {h(std::int64_t(L))}, {"1", "upper edge in m"});
  write_array(w, "centre", centre, {h(std::int64_t(L))}, {"1", "centre in m"});
  write_array(w, "width", width, {h(std::int64_t(L))}, {"1", "width in m"});
  write_array(w, "acceptance", s.flip_acceptance, {h(std::int64_t(L))},
              {"1", "accepted / attempted flips in each window (walls count as rejections)"});
  write_array(w, "exchange_rate", s.swap_acceptance, {h(std::int64_t(L) - 1)},
              {"1", "accepted / attempted exchanges of windows (k, k+1)"});
  write_attribute_int64(w, "round_trips", s.round_trips);
}

// /mc/patterns: every sample's patterns, (samples, K, N) int8, so that a small case can be
// recomputed exactly (the Philox draw reproduces them too, from seed and sample).
void write_patterns(H5::Group& top, const mc::TemperingParameters& p) {
  const std::size_t N = static_cast<std::size_t>(p.N), K = static_cast<std::size_t>(p.K);
  std::vector<std::int8_t> values;
  values.reserve(static_cast<std::size_t>(p.samples) * K * N);
  for (int d = 0; d < p.samples; ++d) {
    // drawn again from (seed, sample): the same patterns the run's networks were built from
    const mc::Patterns xi(p.N, p.K, p.seed, static_cast<std::uint64_t>(p.first_sample) + d);
    for (std::size_t mu = 0; mu < K; ++mu)
      for (std::size_t i = 0; i < N; ++i)
        values.push_back(xi(static_cast<std::int64_t>(mu), static_cast<int>(i)));
  }
  write_array(top, "patterns", values, {h(p.samples), h(p.K), h(p.N)},
              {"1", "xi^mu_i of each sample (sample, pattern, site); pattern 0 is the cued one"});
}

// A run's whole state under `group` (a checkpoint's /state, a part's /mc/state), with the digest
// of state and bookkeeping that read_state checks.
void write_state(H5::Group& group, const mc::TemperingParameters& p, const mc::TemperingState& s,
                 const McRunInfo& info) {
  const mc::Accumulators& a = s.accumulators;
  const hsize_t D = h(p.samples), R = h(p.replicas), L = h(std::int64_t(p.T.size())), N = h(p.N),
                O = h(mc::kObservables);
  H5::Group state = create_group(group, "state", "mc_state");
  write_attribute_int64(state, "sweep", s.sweep);
  write_array(state, "spins", s.spins, {D, R, L, N}, {"1", "spins by walker"});
  write_array(state, "slot_of_walker", s.slot_of_walker, {D, R, L});
  write_array(state, "trip_label", s.trip_label, {D, R, L});
  write_array(state, "round_trips", s.round_trips, {D, R, L});
  H5::Group acc = create_group(state, "accumulators", "mc_accumulators");
  write_array(acc, "bin_sums", a.bin_sums, {D, L, h(a.B), O});
  write_array(acc, "window_sums", a.window_sums, {D, L, h(a.W), O});
  write_array(acc, "q_histogram", a.q_histogram, {D, L, N + 1});
  write_array(acc, "m_histogram", a.m_histogram, {D, L, N + 1});
  if (!a.condensed_histogram.empty())
    write_array(acc, "condensed_histogram", a.condensed_histogram, {D, L, N + 1});
  if (!a.other_overlap_histogram.empty())
    write_array(acc, "other_overlap_histogram", a.other_overlap_histogram,
                {D, L, N + 1, h(mc::kOtherOverlapBins)});
  if (!a.energy_by_m.empty()) write_array(acc, "energy_by_m", a.energy_by_m, {D, L, N + 1});
  write_array(acc, "flips_accepted", a.flips_accepted, {D, L});
  write_array(acc, "swaps_attempted", a.swaps_attempted, {D, L - 1});
  write_array(acc, "swaps_accepted", a.swaps_accepted, {D, L - 1});
  // checked on reading (state_digest.hpp): the bit pattern of the unsigned digest as int64
  const std::uint64_t digest = state_digest(s, info.wall_seconds, info.resumes, info.checkpoints);
  std::int64_t stored = 0;
  std::memcpy(&stored, &digest, sizeof stored);
  write_attribute_int64(state, "digest", stored);
}

// The inverse of write_state for parameters p and bookkeeping info; throws (H5::Exception,
// std::runtime_error) on a missing or misshapen dataset or a digest mismatch.
mc::TemperingState read_state(const H5::Group& group, const mc::TemperingParameters& p,
                              const McRunInfo& info) {
  const H5::Group state = group.openGroup("state");
  check_group_type(state, "mc_state");
  mc::TemperingState s;
  const hsize_t D = h(p.samples), R = h(p.replicas), L = h(std::int64_t(p.T.size())), N = h(p.N),
                O = h(mc::kObservables);
  s.sweep = read_attribute_int64(state, "sweep");
  s.spins = read_array_int8(state, "spins", {D, R, L, N});
  s.slot_of_walker = read_array_int32(state, "slot_of_walker", {D, R, L});
  s.trip_label = read_array_int8(state, "trip_label", {D, R, L});
  s.round_trips = read_array_int64(state, "round_trips", {D, R, L});
  const H5::Group acc = state.openGroup("accumulators");
  check_group_type(acc, "mc_accumulators");
  mc::Accumulators& a = s.accumulators;
  a = mc::Accumulators::zeros(p);
  a.bin_sums = read_array_double(acc, "bin_sums", {D, L, h(a.B), O});
  a.window_sums = read_array_double(acc, "window_sums", {D, L, h(a.W), O});
  a.q_histogram = read_array_int64(acc, "q_histogram", {D, L, N + 1});
  a.m_histogram = read_array_int64(acc, "m_histogram", {D, L, N + 1});
  if (mc::umbrella(p)) {
    a.condensed_histogram = read_array_int64(acc, "condensed_histogram", {D, L, N + 1});
    if (!acc.nameExists("other_overlap_histogram"))
      throw std::runtime_error(
          "it has no other_overlap_histogram (written by an mc before the joint histogram of "
          "max_{nu>=1} |m_nu|); start the umbrella run afresh");
    a.other_overlap_histogram =
        read_array_int64(acc, "other_overlap_histogram", {D, L, N + 1, h(mc::kOtherOverlapBins)});
    if (!acc.nameExists("energy_by_m"))
      throw std::runtime_error(
          "it has no energy_by_m (written by an mc before the energies by m); start the "
          "umbrella run afresh");
    a.energy_by_m = read_array_double(acc, "energy_by_m", {D, L, N + 1});
  }
  a.flips_accepted = read_array_int64(acc, "flips_accepted", {D, L});
  a.swaps_attempted = read_array_int64(acc, "swaps_attempted", {D, L - 1});
  a.swaps_accepted = read_array_int64(acc, "swaps_accepted", {D, L - 1});
  // checkpoints written before the digest have none; every later state must match it
  if (state.attrExists("digest")) {
    const std::int64_t stored = read_attribute_int64(state, "digest");
    std::uint64_t expected = 0;
    std::memcpy(&expected, &stored, sizeof expected);
    if (state_digest(s, info.wall_seconds, info.resumes, info.checkpoints) != expected)
      throw std::runtime_error("it is damaged: its state does not match the digest stored with it");
  }
  return s;
}

// The bookkeeping attributes of a /meta or /mc/meta group (write_info's inverse), and
// alpha_requested from the parameters group.
McRunInfo read_info(const H5::Group& meta, const H5::Group& parameters) {
  McRunInfo info;
  info.wall_seconds = read_attribute_double(meta, "wall_seconds");
  info.resumes = read_attribute_int(meta, "resumes");
  info.checkpoints = read_attribute_int64(meta, "checkpoints");
  if (meta.attrExists("backend")) info.backend = read_attribute_string(meta, "backend");
  info.alpha_requested = read_attribute_double(parameters, "alpha_requested");
  return info;
}

void write_estimates(H5::Group& group, const std::vector<mc::Estimate>& e, const std::string& units,
                     const std::string& what) {
  std::vector<double> mean, error, bias;
  for (const mc::Estimate& x : e) {
    mean.push_back(x.mean);
    error.push_back(x.error);
    bias.push_back(x.bias_corrected);
  }
  write_dataset(group, "mean", mean, {units, what + ": disorder average at each slot"});
  write_dataset(group, "error", error, {units, "jackknife standard error of mean"});
  write_dataset(group, "bias_corrected", bias, {units, "jackknife bias-corrected estimate"});
}

// Observable o of sums laid out (D, L, X, O) -> (D, L, X) divided by size(x).
template <class Size>
std::vector<double> slice_means(const std::vector<double>& sums, int D, int L, int X, int o,
                                Size size) {
  std::vector<double> out(static_cast<std::size_t>(D) * L * X);
  for (std::size_t dl = 0; dl < static_cast<std::size_t>(D) * L; ++dl) {
    for (int x = 0; x < X; ++x) {
      out[dl * X + x] = sums[(dl * X + x) * mc::kObservables + o] / static_cast<double>(size(x));
    }
  }
  return out;
}
}  // namespace

mc::TemperingParameters read_mc_parameters(const H5::Group& parameters) {
  return read_parameters(parameters);
}

McRunInfo read_mc_info(const H5::Group& meta, const H5::Group& parameters) {
  return read_info(meta, parameters);
}

void write_mc_results(const std::string& path, const mc::Tempering& run,
                      const mc::TemperingSummary& s, const Provenance& provenance,
                      const McRunInfo& info) {
  if (!run.finished()) throw std::logic_error("write_mc_results: the run has not finished");
  write_mc_results(path, run.parameters(), run.state(), s, provenance, info);
}

void write_mc_results(const std::string& path, const mc::TemperingParameters& p,
                      const mc::TemperingState& state, const mc::TemperingSummary& s,
                      const Provenance& provenance, const McRunInfo& info) {
  if (state.sweep != mc::total_sweeps(p))
    throw std::logic_error("write_mc_results: the run has not finished");
  const mc::Accumulators& a = state.accumulators;
  const int D = a.D, L = a.L, B = a.B, W = a.W, N = p.N, R = p.replicas;
  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_root_attributes(root, "mc", p.P, p.variant, Convention::B);
  write_provenance(root, provenance);

  H5::Group top = create_group(root, "mc", "mc_run");
  H5::Group parameters = create_group(top, "parameters", "mc_parameters");
  write_parameters(parameters, p, info);
  H5::Group meta = create_group(top, "meta", "mc_meta");
  write_info(meta, info);

  H5::Group observables = create_group(top, "observables", "mc_observables");
  write_attribute(observables, "error_method",
                  s.blocks == mc::ErrorBlocks::samples ? "jackknife over disorder samples"
                                                       : "jackknife over time bins of one sample");
  write_attribute_int64(observables, "error_blocks", static_cast<std::int64_t>(s.block_count));
  H5::Group per_sample = create_group(top, "per_sample", "mc_per_sample");
  H5::Group bins = create_group(top, "bins", "mc_bins");
  H5::Group series = create_group(top, "time_series", "mc_time_series");
  std::vector<std::int64_t> bin_sizes, first, last;
  for (int b = 0; b < B; ++b) bin_sizes.push_back(mc::bin_size(p, b));
  for (int w = 0; w < W; ++w) {
    first.push_back(mc::window_first_sweep(w));
    last.push_back(mc::window_last_sweep(p, w));
  }
  write_array(bins, "size", bin_sizes, {h(B)}, {"sweeps", "measured sweeps in each time bin"});
  write_array(series, "first_sweep", first, {h(W)},
              {"sweeps", "first sweep (0-based, thermalisation included) of each window"});
  write_array(series, "last_sweep", last, {h(W)}, {"sweeps", "last sweep of each window"});
  for (int o = 0; o < mc::kObservables; ++o) {
    const auto obs = static_cast<mc::Observable>(o);
    const std::string name(mc::name(obs));
    const std::string what(mc::description(obs));
    const std::string units = (obs == mc::Observable::e)    ? kUnitsB
                              : (obs == mc::Observable::e2) ? "convention B squared"
                                                            : "1";
    H5::Group g = create_group(observables, name, "mc_observable");
    write_attribute(g, "description", what);
    write_estimates(g, s.observables[o], units, what);
    write_array(per_sample, name, s.per_sample[o], {h(D), h(L)},
                {units, what + ": time average of each sample (row) at each slot"});
    write_array(bins, name,
                slice_means(a.bin_sums, D, L, B, o, [&](int b) { return mc::bin_size(p, b); }),
                {h(D), h(L), h(B)}, {units, what + ": mean over each time bin"});
    H5::Group ts = create_group(series, name, "mc_series");
    write_array(ts, "per_sample", s.window_mean[o], {h(D), h(L), h(W)},
                {units, what + ": mean over each log window, by sample"});
    write_array(ts, "mean", s.window_average[o], {h(L), h(W)},
                {units, what + ": mean over samples of the window means"});
    write_array(ts, "error", s.window_error[o], {h(L), h(W)},
                {units, "standard error over samples (NaN for one sample)"});
  }

  H5::Group derived = create_group(top, "derived", "mc_derived");
  H5::Group binder_q = create_group(derived, "binder_q", "mc_observable");
  write_attribute(binder_q, "description", "g_q = (3 - [<q^4>]/[<q^2>]^2)/2");
  write_estimates(binder_q, s.binder_q, "1", "Binder ratio of q");
  H5::Group binder_m = create_group(derived, "binder_m", "mc_observable");
  write_attribute(binder_m, "description", "g_m = (3 - [<m^4>]/[<m^2>]^2)/2");
  write_estimates(binder_m, s.binder_m, "1", "Binder ratio of m");

  H5::Group histograms = create_group(top, "histograms", "mc_histograms");
  std::vector<double> values;
  for (int k = 0; k <= N; ++k) values.push_back(static_cast<double>(2 * k - N) / N);
  write_dataset(histograms, "value", values, {"1", "q or m of each histogram bin, (2h - N)/N"});
  write_array(histograms, "q", a.q_histogram, {h(D), h(L), h(N + 1)},
              {"counts", "replica pairs with q_ab = value[h], measured sweeps"});
  write_array(histograms, "m", a.m_histogram, {h(D), h(L), h(N + 1)},
              {"counts", "replicas with m = value[h], measured sweeps"});
  if (!a.condensed_histogram.empty()) {
    write_array(histograms, "m_condensed", a.condensed_histogram, {h(D), h(L), h(N + 1)},
                {"counts",
                 "the part of m condensed on another pattern (max_{nu>=1} |m_nu| > "
                 "condensed_m)"});
    // summed over the windows: at a given m every window samples the same conditional law of
    // the other overlaps (the walls depend on m only), so the sum is what reweighting needs
    const int other_bins = mc::kOtherOverlapBins;
    const std::vector<std::int64_t> by_sample =
        sum_over_slots(a.other_overlap_histogram, L, static_cast<std::size_t>(N + 1) * other_bins);
    write_array(histograms, "max_other", by_sample, {h(D), h(N + 1), h(other_bins)},
                {"counts",
                 "replicas by m = value[h] and by max_{nu>=1} |m_nu| in bin "
                 "(b, b + 1] / max_other_bins (bin 0 from 0 on), measured sweeps, "
                 "summed over the windows"});
    write_attribute(histograms, "max_other_bins", other_bins);
    // and per window (summed over m): what each window saw of the other patterns
    std::vector<std::int64_t> by_window(static_cast<std::size_t>(D) * L * other_bins, 0);
    for (std::size_t at = 0; at < a.other_overlap_histogram.size(); ++at) {
      const std::size_t per_slot = static_cast<std::size_t>(N + 1) * other_bins;
      by_window[at / per_slot * other_bins + at % other_bins] += a.other_overlap_histogram[at];
    }
    write_array(histograms, "max_other_by_window", by_window, {h(D), h(L), h(other_bins)},
                {"counts",
                 "replicas by window and by max_{nu>=1} |m_nu| in bin (b, b + 1] / "
                 "max_other_bins, measured sweeps"});
    write_array(histograms, "e_sum", sum_over_slots(a.energy_by_m, L, N + 1), {h(D), h(N + 1)},
                {"convention B",
                 "sum of e = H/N over the visits of m = value[h], summed over the "
                 "windows: <e | m> = e_sum / (m summed over the windows)"});
  }

  H5::Group rates = create_group(top, "rates", "mc_rates");
  write_dataset(rates, "flip_acceptance", s.flip_acceptance,
                {"1", "accepted / attempted single flips at each slot, all sweeps"});
  write_array(rates, "flips_accepted", a.flips_accepted, {h(D), h(L)},
              {"counts", "accepted flips by sample and slot (attempts: R N (therm + sweeps))"});
  write_array(rates, "swap_acceptance", s.swap_acceptance, {h(L - 1)},
              {"1", "accepted / attempted swaps of slots (k, k+1)"});
  write_array(rates, "swaps_attempted", a.swaps_attempted, {h(D), h(L - 1)},
              {"counts", "swap attempts by sample and slot pair"});
  write_array(rates, "swaps_accepted", a.swaps_accepted, {h(D), h(L - 1)},
              {"counts", "accepted swaps by sample and slot pair"});

  H5::Group tempering = create_group(top, "tempering", "mc_tempering");
  // the final configuration at each slot: walker c = (d R + r) L + w sits at slot_of_walker[c]
  std::vector<std::int8_t> spins(state.spins.size());
  for (std::size_t c = 0; c < state.slot_of_walker.size(); ++c) {
    const std::size_t chain = c / static_cast<std::size_t>(L);
    const std::size_t at =
        chain * static_cast<std::size_t>(L) + static_cast<std::size_t>(state.slot_of_walker[c]);
    std::copy_n(state.spins.begin() + static_cast<std::ptrdiff_t>(c * N), N,
                spins.begin() + static_cast<std::ptrdiff_t>(at * N));
  }
  write_attribute_int64(tempering, "round_trips_total", s.round_trips);
  write_array(tempering, "round_trips", state.round_trips, {h(D), h(R), h(L)},
              {"counts", "slot 0 -> L-1 -> 0 trips of each walker (sample, chain, walker)"});
  write_array(tempering, "slot_of_walker", state.slot_of_walker, {h(D), h(R), h(L)},
              {"1", "final slot of each walker"});
  write_array(tempering, "final_spins", spins, {h(D), h(R), h(L), h(N)},
              {"1", "final configuration at each slot (sample, chain, slot, site)"});
  if (s.profile) write_profile(top, p, s);
  if (info.save_patterns) write_patterns(top, p);
  // a part of a job array keeps its whole state, from which mc merge rebuilds the run's file
  if (mc::slice(p)) write_state(top, p, state, info);
  out.commit();
}

void write_mc_checkpoint(const std::string& path, const mc::Tempering& run,
                         const Provenance& provenance, const McRunInfo& info) {
  write_mc_checkpoint(path, run.parameters(), run.state(), provenance, info);
}

void write_mc_checkpoint(const std::string& path, const mc::TemperingParameters& p,
                         const mc::TemperingState& state, const Provenance& provenance,
                         const McRunInfo& info) {
  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_attribute(root, "dhn_type", "mc_checkpoint");
  write_attribute(root, "schema_version", kSchemaVersion);
  write_provenance(root, provenance);
  H5::Group parameters = create_group(root, "parameters", "mc_parameters");
  write_parameters(parameters, p, info);
  H5::Group meta = create_group(root, "meta", "mc_meta");
  write_info(meta, info);
  write_state(root, p, state, info);
  out.commit();
}

McCheckpoint read_mc_checkpoint(const std::string& path) {
  try {
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error("no such file");
    H5::Exception::dontPrint();
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group root = file.openGroup("/");
    check_group_type(root, "mc_checkpoint");
    McCheckpoint c;
    const H5::Group parameters = file.openGroup("parameters");
    c.parameters = read_parameters(parameters);
    mc::validate(c.parameters);
    c.info = read_info(file.openGroup("meta"), parameters);
    c.state = read_state(root, c.parameters, c.info);
    return c;
  } catch (const H5::Exception& e) {
    throw std::invalid_argument("checkpoint " + path + " cannot be read: " + e.getDetailMsg());
  } catch (const std::exception& e) {
    throw std::invalid_argument("checkpoint " + path + " cannot be read: " + e.what());
  }
}

McPart read_mc_part(const std::string& path) {
  try {
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error("no such file");
    H5::Exception::dontPrint();
    if (!H5::H5File::isHdf5(path)) throw std::runtime_error("it is not an HDF5 file");
    const H5::H5File file(path, H5F_ACC_RDONLY);
    check_group_type(file.openGroup("/"), "mc");
    const H5::Group top = file.openGroup("mc");
    check_group_type(top, "mc_run");
    McPart part;
    const H5::Group parameters = top.openGroup("parameters");
    part.parameters = read_parameters(parameters);
    mc::validate(part.parameters);
    if (!mc::slice(part.parameters) || !top.nameExists("state"))
      throw std::runtime_error(
          "it is a whole run's results, not a part (parts are written by mc --sample-range)");
    part.info = read_info(top.openGroup("meta"), parameters);
    part.info.save_patterns = top.nameExists("patterns");
    part.state = read_state(top, part.parameters, part.info);
    if (part.state.sweep != mc::total_sweeps(part.parameters))
      throw std::runtime_error("its state is not at the run's last sweep");
    return part;
  } catch (const H5::Exception& e) {
    throw std::invalid_argument("part " + path + " cannot be read: " + e.getDetailMsg());
  } catch (const std::exception& e) {
    throw std::invalid_argument("part " + path + " cannot be read: " + e.what());
  }
}

}  // namespace dhn::analysis

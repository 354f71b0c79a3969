#include "dhn/montecarlo/accumulators.hpp"

#include <stdexcept>

namespace dhn::montecarlo {

namespace {
constexpr std::array<std::string_view, kObservables> kNames = {
    "e", "e2", "m", "abs_m", "m2", "m4", "max_m", "q", "abs_q", "q2", "q4"};
constexpr std::array<std::string_view, kObservables> kDescriptions = {
    "energy per spin H/N (convention B), mean over the R replicas",
    "(H/N)^2 (convention B squared), mean over the R replicas",
    "Mattis overlap m = S_0/N of the cued pattern, mean over the R replicas",
    "|m|, mean over the R replicas",
    "m^2, mean over the R replicas",
    "m^4, mean over the R replicas",
    "max_mu |S_mu|/N over the K patterns, mean over the R replicas",
    "q_ab = (1/N) sum_i s^a_i s^b_i, mean over the R(R-1)/2 replica pairs a < b",
    "|q_ab|, mean over the replica pairs",
    "q_ab^2, mean over the replica pairs",
    "q_ab^4, mean over the replica pairs"};

std::size_t sz(std::int64_t n) {
  return static_cast<std::size_t>(n);
}
}  // namespace

std::string_view name(Observable o) {
  return kNames[static_cast<int>(o)];
}
std::string_view description(Observable o) {
  return kDescriptions[static_cast<int>(o)];
}

Accumulators Accumulators::zeros(const TemperingParameters& p) {
  Accumulators a;
  a.D = p.samples;
  a.L = static_cast<int>(p.T.size());
  a.N = p.N;
  a.B = bin_count(p);
  a.W = window_count(p);
  const std::int64_t DL = std::int64_t{a.D} * a.L;
  a.bin_sums.assign(sz(DL * a.B * kObservables), 0.0);
  a.window_sums.assign(sz(DL * a.W * kObservables), 0.0);
  a.q_histogram.assign(sz(DL * (a.N + 1)), 0);
  a.m_histogram.assign(sz(DL * (a.N + 1)), 0);
  if (umbrella(p)) {
    a.condensed_histogram.assign(sz(DL * (a.N + 1)), 0);
    a.other_overlap_histogram.assign(sz(DL * (a.N + 1) * kOtherOverlapBins), 0);
    a.energy_by_m.assign(sz(DL * (a.N + 1)), 0.0);
  }
  a.flips_accepted.assign(sz(DL), 0);
  a.swaps_attempted.assign(sz(std::int64_t{a.D} * (a.L - 1)), 0);
  a.swaps_accepted.assign(sz(std::int64_t{a.D} * (a.L - 1)), 0);
  return a;
}

bool Accumulators::consistent() const {
  const std::int64_t DL = std::int64_t{D} * L;
  return D >= 1 && L >= 1 && N >= 1 && B >= 1 && W >= 1 &&
         bin_sums.size() == sz(DL * B * kObservables) &&
         window_sums.size() == sz(DL * W * kObservables) &&
         q_histogram.size() == sz(DL * (N + 1)) && m_histogram.size() == sz(DL * (N + 1)) &&
         (condensed_histogram.empty() || condensed_histogram.size() == sz(DL * (N + 1))) &&
         other_overlap_histogram.size() ==
             (condensed_histogram.empty() ? 0 : sz(DL * (N + 1) * kOtherOverlapBins)) &&
         energy_by_m.size() == (condensed_histogram.empty() ? 0 : sz(DL * (N + 1))) &&
         flips_accepted.size() == sz(DL) &&
         swaps_attempted.size() == sz(std::int64_t{D} * (L - 1)) &&
         swaps_accepted.size() == sz(std::int64_t{D} * (L - 1));
}

void Accumulators::record(const TemperingParameters& p, std::int64_t t, int d, int k,
                          const ObservableValues& values) {
  const std::int64_t slot = std::int64_t{d} * L + k;
  double* window = window_sums.data() + (slot * W + window_of(t)) * kObservables;
  for (int o = 0; o < kObservables; ++o) window[o] += values[o];
  if (t < p.therm) return;
  const std::int64_t b = (t - p.therm) / bin_length(p);
  double* bin = bin_sums.data() + (slot * B + b) * kObservables;
  for (int o = 0; o < kObservables; ++o) bin[o] += values[o];
}

double Accumulators::bin_sum(int d, int k, int b, Observable o) const {
  return bin_sums[sz(((std::int64_t{d} * L + k) * B + b) * kObservables + static_cast<int>(o))];
}

double Accumulators::window_sum(int d, int k, int w, Observable o) const {
  return window_sums[sz(((std::int64_t{d} * L + k) * W + w) * kObservables + static_cast<int>(o))];
}

std::int64_t window_size(const TemperingParameters& p, int w) {
  return window_last_sweep(p, w) - window_first_sweep(w) + 1;
}

namespace {
template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}
}  // namespace

void Accumulators::append_samples(const Accumulators& later) {
  if (later.L != L || later.N != N || later.B != B || later.W != W ||
      later.condensed_histogram.empty() != condensed_histogram.empty() ||
      later.other_overlap_histogram.empty() != other_overlap_histogram.empty() ||
      later.energy_by_m.empty() != energy_by_m.empty())
    throw std::invalid_argument("Accumulators::append_samples: the shapes differ");
  D += later.D;
  append(bin_sums, later.bin_sums);
  append(window_sums, later.window_sums);
  append(q_histogram, later.q_histogram);
  append(m_histogram, later.m_histogram);
  append(condensed_histogram, later.condensed_histogram);
  append(other_overlap_histogram, later.other_overlap_histogram);
  append(energy_by_m, later.energy_by_m);
  append(flips_accepted, later.flips_accepted);
  append(swaps_attempted, later.swaps_attempted);
  append(swaps_accepted, later.swaps_accepted);
}

}  // namespace dhn::montecarlo

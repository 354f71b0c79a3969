#include "dhn/montecarlo/tempering_parameters.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

#include "dhn/model/parameter_error.hpp"
#include "dhn/montecarlo/temperature_ladder.hpp"
#include "shortest_text.hpp"

namespace dhn::montecarlo {

namespace {
// Throws ParameterError(parameter, detail) unless ok.
void require(bool ok, const char* parameter, const std::string& detail) {
  if (!ok) throw ParameterError(parameter, detail);
}

std::string ladder_text(const std::vector<double>& T) {
  std::string out;
  for (std::size_t k = 0; k < T.size(); ++k) {
    if (k > 0) out.push_back(',');
    out.append(shortest_text(T[k]));
  }
  return out;
}
// Umbrella mode: one temperature for every slot, windows inside [-1, 1], increasing, each
// holding its centre start and overlapping the next (so that walkers can be exchanged).
void validate_windows(const TemperingParameters& p) {
  const std::size_t L = p.window_lo.size();
  require(p.window_hi.size() == L && p.T.size() == L, "windows",
          ": " + std::to_string(L) + " lower and " + std::to_string(p.window_hi.size()) +
              " upper edges for " + std::to_string(p.T.size()) +
              " slots (accepted: one window per slot)");
  validate_ladder({p.T.front()});
  for (double T : p.T) {
    require(T == p.T.front(), "temps",
            ": umbrella windows run at one temperature (accepted: a single T)");
  }
  for (std::size_t k = 0; k < L; ++k) {
    const double lo = p.window_lo[k], hi = p.window_hi[k];
    std::string window("[");  // appended piecewise: GCC 12 warns falsely on "[" + std::string
    window.append(shortest_text(lo)).append(", ").append(shortest_text(hi)).append("]");
    require(lo >= -1.0 && hi <= 1.0 && lo < hi, "windows",
            ": window " + window + " is out of range: accepted -1 <= lo < hi <= 1");
    const int slot = static_cast<int>(k);
    const double S0 = p.N * window_centre(p, slot);
    require(S0 >= window_S_min(p, slot) && S0 <= window_S_max(p, slot), "windows",
            ": window " + window + " holds no state of N = " + std::to_string(p.N) +
                " spins near its centre (accepted: wider than 2/N)");
    if (k + 1 < L) {
      require(p.window_lo[k + 1] > lo && p.window_lo[k + 1] < hi && p.window_hi[k + 1] > hi,
              "windows",
              ": window " + window +
                  " and the next do not overlap in increasing order (accepted: lo and hi "
                  "increasing, each window's lo below the previous window's hi)");
    }
  }
  require(p.condensed_m > 0.0 && p.condensed_m <= 1.0, "condensed-m",
          " = " + shortest_text(p.condensed_m) + " is out of range: accepted 0 < condensed-m <= 1");
  require(p.init == InitialKind::pattern, "init",
          ": umbrella windows start each walker at its window's centre (accepted: pattern, the "
          "default)");
}

}  // namespace

std::int32_t window_S_min(const TemperingParameters& p, int k) {
  if (!umbrella(p)) return -p.N;
  return static_cast<std::int32_t>(
      std::ceil(p.N * p.window_lo[static_cast<std::size_t>(k)] - 1e-9));
}

std::int32_t window_S_max(const TemperingParameters& p, int k) {
  if (!umbrella(p)) return p.N;
  return static_cast<std::int32_t>(
      std::floor(p.N * p.window_hi[static_cast<std::size_t>(k)] + 1e-9));
}

double window_centre(const TemperingParameters& p, int k) {
  const double c =
      0.5 * (p.window_lo[static_cast<std::size_t>(k)] + p.window_hi[static_cast<std::size_t>(k)]);
  // noisy_cued_state flips round(N (1 - m0) / 2) sites: S_0 = N - 2 round(N (1 - c) / 2)
  return (p.N - 2.0 * std::round(p.N * (1.0 - c) / 2.0)) / p.N;
}

void validate(const TemperingParameters& p) {
  validate(Model{p.P, p.variant, 0.0});
  require(p.N >= p.P && p.N <= (1 << 20), "n",
          " = " + std::to_string(p.N) + " is out of range: accepted " + std::to_string(p.P) +
              " = P <= N <= 2^20");
  require(p.K >= 1 && p.K <= (std::int64_t{1} << 40), "k",
          " = " + std::to_string(p.K) + " is out of range: accepted 1 <= K <= 2^40");
  if (umbrella(p)) {
    validate_windows(p);
  } else {
    validate_ladder(p.T);
  }
  require(p.replicas >= 1 && p.replicas <= 4096, "replicas",
          " = " + std::to_string(p.replicas) +
              " is out of range: accepted 1 <= replicas <= 4096 (q_ab needs two; with one "
              "the overlap observables are NaN)");
  require(p.samples >= 1 && p.samples <= (1 << 20), "samples",
          " = " + std::to_string(p.samples) + " is out of range: accepted 1 <= D <= 2^20");
  if (slice(p)) {
    // as mc's --sample-range a:b reads: a = first_sample, b = first_sample + samples (half-open)
    const std::int64_t a = p.first_sample, b = std::int64_t{p.first_sample} + p.samples;
    require(p.total_samples <= (1 << 20) && a >= 0 && b <= p.total_samples, "sample-range",
            " = " + std::to_string(a) + ":" + std::to_string(b) +
                " is out of range: accepted a:b with 0 <= a < b <= samples = " +
                std::to_string(p.total_samples) + " (half-open: samples a .. b-1)");
  } else {
    require(p.first_sample == 0, "sample-range",
            ": first sample " + std::to_string(p.first_sample) +
                " without a total: accepted first_sample = 0 for a whole run");
  }
  require(p.therm >= 0 && p.therm <= (std::int64_t{1} << 50), "therm",
          " = " + std::to_string(p.therm) + " is out of range: accepted 0 <= therm <= 2^50");
  require(p.sweeps >= 1 && p.sweeps <= (std::int64_t{1} << 50), "sweeps",
          " = " + std::to_string(p.sweeps) + " is out of range: accepted 1 <= sweeps <= 2^50");
  require(p.swap_every >= 0 && p.swap_every <= (1 << 30), "swap-every",
          " = " + std::to_string(p.swap_every) +
              " is out of range: accepted 0 <= swap-every <= 2^30 (0 = no swaps)");
  require(p.m0 >= -1.0 && p.m0 <= 1.0, "init",
          ": noisy:" + shortest_text(p.m0) +
              " is out of range: accepted pattern, random or noisy:<m0> with -1 <= m0 <= 1");
  require(p.bins >= 1 && p.bins <= (1 << 20), "bins",
          " = " + std::to_string(p.bins) + " is out of range: accepted 1 <= bins <= 2^20");
  const double walkers = double(p.samples) * p.replicas * double(p.T.size());
  require(walkers * p.N <= 1e11, "samples",
          ": samples x replicas x temperatures x N = " + shortest_text(walkers * p.N) +
              " spins is out of range: accepted at most 1e11");
  // the int64 exactness bound of the flip arithmetic on (P, N, K)
  try {
    (void)FlipArithmetic(p.P, p.variant, p.N, p.K);
  } catch (const std::overflow_error&) {
    throw ParameterError("k", " = " + std::to_string(p.K) + " with P = " + std::to_string(p.P) +
                                  ", N = " + std::to_string(p.N) +
                                  ": the flip polynomial leaves the int64-exact range "
                                  "(accepted: smaller K, N or P)");
  } catch (const std::invalid_argument& e) {
    throw ParameterError("k", std::string(": ") + e.what());
  }
}

InitialState parse_initial_state(std::string_view text) {
  if (text == "pattern") return {InitialKind::pattern, 1.0};
  if (text == "random") return {InitialKind::random, 1.0};
  if (text.substr(0, 6) == "noisy:") {
    const std::string_view value = text.substr(6);
    double m0 = NAN;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), m0);
    if (!value.empty() && error == std::errc() && end == value.data() + value.size())
      return {InitialKind::noisy, m0};  // its range is checked by validate
  }
  throw ParameterError("init", " '" + std::string(text) +
                                   "' is not recognised (accepted: pattern, random or "
                                   "noisy:<m0> with -1 <= m0 <= 1)");
}

Dynamics parse_dynamics(std::string_view text) {
  const std::size_t comma = text.find(',');
  try {
    return {parse_update_rule(text.substr(0, comma)),
            comma == std::string_view::npos ? SiteOrder::random
                                            : parse_site_order(text.substr(comma + 1))};
  } catch (const std::invalid_argument&) {
    throw ParameterError("dynamics", " '" + std::string(text) +
                                         "' is not recognised (accepted: metropolis or "
                                         "heat-bath, optionally followed by ,random or "
                                         ",sequential)");
  }
}

std::int64_t total_sweeps(const TemperingParameters& p) {
  return p.therm + p.sweeps;
}

std::int64_t bin_length(const TemperingParameters& p) {
  return (p.sweeps + p.bins - 1) / p.bins;
}

int bin_count(const TemperingParameters& p) {
  const std::int64_t L = bin_length(p);
  return static_cast<int>((p.sweeps + L - 1) / L);
}

std::int64_t bin_size(const TemperingParameters& p, int b) {
  const std::int64_t L = bin_length(p);
  return std::min(L, p.sweeps - static_cast<std::int64_t>(b) * L);
}

int window_of(std::int64_t t) {
  return static_cast<int>(std::bit_width(static_cast<std::uint64_t>(t) + 1)) - 1;
}

int window_count(const TemperingParameters& p) {
  return window_of(total_sweeps(p) - 1) + 1;
}

std::int64_t window_first_sweep(int w) {
  return (std::int64_t{1} << w) - 1;
}

std::int64_t window_last_sweep(const TemperingParameters& p, int w) {
  return std::min((std::int64_t{1} << (w + 1)) - 2, total_sweeps(p) - 1);
}

std::string_view to_string(UpdateRule rule) {
  return rule == UpdateRule::metropolis ? "metropolis" : "heat-bath";
}

std::string_view to_string(SiteOrder order) {
  return order == SiteOrder::random ? "random" : "sequential";
}

std::string_view to_string(InitialKind init) {
  switch (init) {
    case InitialKind::pattern:
      return "pattern";
    case InitialKind::noisy:
      return "noisy";
    case InitialKind::random:
      return "random";
  }
  return "?";
}

UpdateRule parse_update_rule(std::string_view text) {
  if (text == "metropolis") return UpdateRule::metropolis;
  if (text == "heat-bath") return UpdateRule::heat_bath;
  throw std::invalid_argument("update rule '" + std::string(text) +
                              "': accepted metropolis or heat-bath");
}

SiteOrder parse_site_order(std::string_view text) {
  if (text == "random") return SiteOrder::random;
  if (text == "sequential") return SiteOrder::sequential;
  throw std::invalid_argument("site order '" + std::string(text) +
                              "': accepted random or sequential");
}

InitialKind parse_initial_kind(std::string_view text) {
  if (text == "pattern") return InitialKind::pattern;
  if (text == "noisy") return InitialKind::noisy;
  if (text == "random") return InitialKind::random;
  throw std::invalid_argument("initial state '" + std::string(text) +
                              "': accepted pattern, noisy or random");
}

std::string sample_range_text(const TemperingParameters& p) {
  if (!slice(p)) return "whole run";
  return std::to_string(p.first_sample) + ":" + std::to_string(p.first_sample + p.samples) +
         " of " + std::to_string(p.total_samples);
}

std::string describe_mismatch(const TemperingParameters& stored,
                              const TemperingParameters& requested, std::string_view stored_name,
                              std::string_view requested_name) {
  std::string out;
  auto field = [&](const char* name, const std::string& a, const std::string& b) {
    if (a != b)
      out += std::string(name) + ": " + std::string(stored_name) + " " + a + ", " +
             std::string(requested_name) + " " + b + "\n";
  };
  auto integer = [](auto v) { return std::to_string(v); };
  field("P", integer(stored.P), integer(requested.P));
  field("variant", std::string(dhn::to_string(stored.variant)),
        std::string(dhn::to_string(requested.variant)));
  field("N", integer(stored.N), integer(requested.N));
  field("K", integer(stored.K), integer(requested.K));
  field("temps", ladder_text(stored.T), ladder_text(requested.T));
  field("replicas", integer(stored.replicas), integer(requested.replicas));
  field("samples", integer(stored.samples), integer(requested.samples));
  field("sample range", sample_range_text(stored), sample_range_text(requested));
  field("therm", integer(stored.therm), integer(requested.therm));
  field("sweeps", integer(stored.sweeps), integer(requested.sweeps));
  field("swap_every", integer(stored.swap_every), integer(requested.swap_every));
  field("update rule", std::string(to_string(stored.rule)), std::string(to_string(requested.rule)));
  field("site order", std::string(to_string(stored.order)),
        std::string(to_string(requested.order)));
  field("init", std::string(to_string(stored.init)), std::string(to_string(requested.init)));
  if (stored.init == InitialKind::noisy || requested.init == InitialKind::noisy)
    field("m0", shortest_text(stored.m0), shortest_text(requested.m0));
  field("seed", integer(stored.seed), integer(requested.seed));
  field("bins", integer(stored.bins), integer(requested.bins));
  field("windows", ladder_text(stored.window_lo) + "/" + ladder_text(stored.window_hi),
        ladder_text(requested.window_lo) + "/" + ladder_text(requested.window_hi));
  if (umbrella(stored) || umbrella(requested))
    field("condensed-m", shortest_text(stored.condensed_m), shortest_text(requested.condensed_m));
  return out;
}

}  // namespace dhn::montecarlo

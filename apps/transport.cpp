// transport: the founding paper's first route (issue 19), numerically. The N -> infinity transport
// equation of the signal part as a conservation law (m(T, h), characteristics, caustic, shock
// path, T_M(0) and T_c(0) beside their closed forms) and the exact finite-N one-pattern curves
// (binomial sum; for P = 2 the heat equation checked against it), written atomically to HDF5
// under /transport (docs/hdf5-schema.md, "Transport files"). A program of its own rather than a
// phase-diagram option: its grids are (T, h) at alpha = 0 and sizes N, not (alpha, T), and its
// results share no dataset with /rs. Two more groups on request: the RS transport with load
// beside the RS solver (/transport/load, issue 19 item 4) and the Glauber flow's basin and m(t)
// from cues (/transport/glauber, item 5).
#include <fmt/core.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/common_options.hpp"
#include "common/grid_spec.hpp"
#include "common/option_checks.hpp"
#include "common/progress.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/analysis/transport_io.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/glauber_flow.hpp"
#include "dhn/theory/signal_characteristics.hpp"
#include "transport_finite_n.hpp"
#include "transport_glauber.hpp"
#include "transport_load.hpp"
#include "transport_signal.hpp"

namespace {

namespace th = dhn::theory;

constexpr int kAutoTemperatures = 45;  // default --t-grid: 0.4 .. 1.5 T_M(0)
constexpr int kAutoFields = 41;        // default --h-grid: symmetric about 0
constexpr std::int32_t kMaxN = 1 << 20;

struct Options {
  dhn::cli::CommonOptions common;     // --p --variant --convention --output --threads --quiet
  std::optional<std::string> T_grid;  // temperatures (signal and finite-N curves)
  std::optional<std::string> h_grid;  // fields of m(T, h)
  std::vector<std::int32_t> N_list = {32, 64, 128, 256, 512, 1024};
  std::vector<std::string> sections = {"signal", "finite_n"};
  double dx = 0.004;  // finite-volume cell width (t_c also at dx/2)
  std::string reconstruction = "muscl";
  double tolerance = 1e-5;  // SSP-RK3(2) error control in t (abs = rel)
  int characteristics = 41;
  std::vector<std::int32_t> heat_N = {32};  // P = 2 only (cost ~ N^2 per temperature)
  double heat_n_dx = 0.16;
  std::vector<double> alpha_list = {0.002, 0.005};  // /transport/load (--convention units)
  std::vector<double> cues = {0.3, 0.5, 0.7};       // /transport/glauber
  std::optional<std::string> flow_T;                // default: 0.4 and 0.8 T_M(0)
  int sweeps = 20;
};

constexpr double kFlowFractions[] = {0.4, 0.8};  // default flow temperatures / T_M(0)
// Largest load accepted: far beyond the retrieval region (RS capacities are O(0.01 - 0.1)), and
// small enough that the noise's variance beta^2 xihat'(1) stays finite at every T of the grid.
constexpr double kMaxAlpha = 1e3;

void register_options(CLI::App& app, Options& o) {
  dhn::cli::add_common_options(
      app, o.common,
      {.P = 3,
       .convention_help = "units of T and h: B (this suite) or G (T_G = P! T_B, h_G = P! h_B)",
       .threads_help = "accepted for uniformity; the computation is serial"});
  app.add_option("--t-grid", o.T_grid,
                 "temperatures T > 0 (--convention units): start:stop:step or a,b,c, strictly "
                 "increasing; default 45 points from 0.4 to 1.5 T_M(0)");
  app.add_option("--h-grid", o.h_grid,
                 "fields h of m(T, h) (--convention units), strictly increasing, |h|/T below the "
                 "scheme's half-width; default 41 points symmetric about 0 spanning twice the "
                 "cusp's field");
  app.add_option("--n-list", o.N_list,
                 "sizes N of the finite-N curves, strictly increasing, 1 <= N <= 1048576")
      ->delimiter(',')
      ->check(CLI::Range(1, kMaxN))
      ->capture_default_str();
  app.add_option("--sections", o.sections,
                 "groups to compute, comma separated: signal, finite_n, load (P >= 3: the RS "
                 "transport with load beside the RS solver), glauber (the basin and m(t) of the "
                 "Glauber flow)")
      ->delimiter(',')
      ->check(CLI::IsMember({"signal", "finite_n", "load", "glauber"}))
      ->capture_default_str();
  app.add_option("--alpha-list", o.alpha_list,
                 "load section: loads 0 <= alpha <= 1000 (--convention units), comma separated")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--cues", o.cues,
                 "glauber section: initial overlaps m0 of the m(t) curves, 0 <= m0 <= 1")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--flow-t", o.flow_T,
                 "glauber section: temperatures T > 0 of the m(t) curves (--convention units), "
                 "start:stop:step or a,b,c; default 0.4 and 0.8 T_M(0)");
  app.add_option("--sweeps", o.sweeps, "glauber section: length of the m(t) curves, 1..1000 sweeps")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--dx", o.dx,
                 "cell width of the conservation law in x = h/T, 1e-4 <= dx <= 0.05 (T_c(0) is "
                 "also computed at dx/2 for its error estimate)")
      ->check(dhn::cli::finite_in_range("--dx", 1e-4, 0.05))
      ->capture_default_str();
  app.add_option("--reconstruction", o.reconstruction,
                 "muscl (minmod slopes, order 2) or godunov (piecewise constant, order 1)")
      ->check(CLI::IsMember({"muscl", "godunov"}))
      ->capture_default_str();
  app.add_option("--tolerance", o.tolerance,
                 "error control of the time stepper (absolute = relative), 1e-12 <= tol <= 1e-2")
      ->check(dhn::cli::finite_in_range("--tolerance", 1e-12, 1e-2))
      ->capture_default_str();
  app.add_option("--characteristics", o.characteristics,
                 "characteristic lines stored, from x0 evenly spaced in [-2, 2], 2..1000")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  app.add_option("--heat-n", o.heat_N,
                 "P = 2 only: sizes integrated by the heat equation Z_t = Z_xx/(2N) and checked "
                 "against the binomial sum at every temperature (cost ~ N^2 each: about 0.3 s per "
                 "temperature at N = 32), 2 <= N <= 4096")
      ->delimiter(',')
      ->check(CLI::Range(2, 4096))
      ->capture_default_str();
  app.add_option("--heat-n-dx", o.heat_n_dx,
                 "N dx of the heat equation's grid, 0.01 <= N dx <= 1 (error ~ (N dx)^8 / 10^3)")
      ->check(dhn::cli::finite_in_range("--heat-n-dx", 0.01, 1.0))
      ->capture_default_str();
}

void require_increasing(const std::vector<std::int32_t>& values, const std::string& flag) {
  for (std::size_t k = 1; k < values.size(); ++k)
    if (values[k] <= values[k - 1])
      throw std::invalid_argument(flag + ": the sizes must be strictly increasing, got " +
                                  std::to_string(values[k - 1]) + " then " +
                                  std::to_string(values[k]));
}

bool wanted(const Options& o, const std::string& section) {
  return std::find(o.sections.begin(), o.sections.end(), section) != o.sections.end();
}

// Values of a list option, each checked to be a finite number in [lo, hi], converted to convention
// B when they `scale` (alpha and T scale alike: alpha_G = P! alpha_B).
std::vector<double> checked_list(const std::vector<double>& values, const std::string& flag,
                                 const std::string& what, double lo, double hi, int P,
                                 dhn::Convention convention, bool scales) {
  std::vector<double> out;
  for (double v : values) {
    if (!(std::isfinite(v) && v >= lo && v <= hi))
      throw std::invalid_argument(
          fmt::format("{}: {} = {} is out of range: {} <= {} <= {}", flag, what, v, lo, what, hi));
    out.push_back(scales ? dhn::alpha_to_B(v, P, convention) : v);
  }
  if (out.empty()) throw std::invalid_argument(flag + ": give at least one value");
  return out;
}

std::vector<double> flow_temperatures(const Options& o, dhn::Convention convention) {
  const int P = o.common.P;
  std::vector<double> T;
  if (o.flow_T) {
    for (double t : dhn::cli::parse_grid(*o.flow_T, "--flow-t")) {
      if (!(t > 0.0 && std::isfinite(t)))
        throw std::invalid_argument(fmt::format("--flow-t: T = {} is out of range: T > 0", t));
      T.push_back(dhn::temperature_to_B(t, P, convention));
    }
    return T;
  }
  const double T_M = 1.0 / th::caustic_at_zero_field(P).t;
  for (double fraction : kFlowFractions) T.push_back(fraction * T_M);
  return T;
}

// The grids in convention B: given ones converted, defaults from the closed-form cusp and
// caustic (docs/derivations/transport.md section 4).
std::vector<double> temperatures(const Options& o, dhn::Convention convention) {
  const int P = o.common.P;
  std::vector<double> T;
  if (o.T_grid) {
    T = dhn::cli::parse_grid(*o.T_grid, "--t-grid");
    for (double& t : T) {
      if (!(t > 0.0))
        throw std::invalid_argument(fmt::format("--t-grid: T = {} is out of range: T > 0", t));
      t = dhn::temperature_to_B(t, P, convention);
    }
    return T;
  }
  const double T_M = 1.0 / th::caustic_at_zero_field(P).t;
  for (int k = 0; k < kAutoTemperatures; ++k)
    T.push_back(T_M * (0.4 + 1.1 * k / (kAutoTemperatures - 1)));
  return T;
}

std::vector<double> fields(const Options& o, dhn::Convention convention) {
  const int P = o.common.P;
  std::vector<double> h;
  if (o.h_grid) {
    h = dhn::cli::parse_grid(*o.h_grid, "--h-grid");
    for (double& x : h) x = dhn::temperature_to_B(x, P, convention);  // h scales like T
    return h;
  }
  const th::CharacteristicPoint cusp = th::first_characteristic_crossing(P);
  const double T_M = 1.0 / th::caustic_at_zero_field(P).t;
  const double h_max = std::max(2.0 * cusp.x / cusp.t, 0.1 * T_M);
  for (int k = 0; k < kAutoFields; ++k) h.push_back(h_max * (-1.0 + 2.0 * k / (kAutoFields - 1)));
  return h;
}

int run(const Options& o, int argc, char** argv) {
  const dhn::Convention convention = o.common.parsed_convention();
  const dhn::Model model = o.common.model();
  const int P = model.P;
  require_increasing(o.N_list, "--n-list");
  require_increasing(o.heat_N, "--heat-n");
  const std::vector<double> T = temperatures(o, convention);
  const std::vector<double> h = fields(o, convention);
  const std::vector<double> alpha =
      checked_list(o.alpha_list, "--alpha-list", "alpha", 0.0, kMaxAlpha, P, convention, true);
  const std::vector<double> cues =
      checked_list(o.cues, "--cues", "m0", 0.0, 1.0, P, convention, false);
  const std::vector<double> flow_T = flow_temperatures(o, convention);
  const bool want_signal = wanted(o, "signal"), want_finite_n = wanted(o, "finite_n");
  const bool want_load = wanted(o, "load"), want_glauber = wanted(o, "glauber");
  const auto lock = dhn::cli::lock_output(o.common.output, "--output");
  const double scale = dhn::temperature_from_B(1.0, P, convention);
  if (!o.common.quiet)
    fmt::print(stderr,
               "transport: P = {}, {}, sections {}, {} T in [{:.6g}, {:.6g}] and {} h in "
               "[{:.6g}, {:.6g}] (convention {}), dx = {}, {}, tolerance {}, N = {}, output {}\n",
               P, dhn::to_string(model.variant), fmt::join(o.sections, ","), T.size(),
               T.front() * scale, T.back() * scale, h.size(), h.front() * scale, h.back() * scale,
               dhn::to_string(convention), o.dx, o.reconstruction, o.tolerance,
               fmt::format("{}", fmt::join(o.N_list, ",")), o.common.output);

  std::vector<dhn::analysis::TransportSection> sections;
  if (want_signal) {
    dhn::cli::SignalTransportRequest request;
    request.P = P;
    request.T = T;
    request.h = h;
    request.scheme.dx = o.dx;
    request.scheme.reconstruction = o.reconstruction == "muscl"
                                        ? th::Reconstruction::muscl_minmod
                                        : th::Reconstruction::piecewise_constant;
    request.scheme.abs_tolerance = request.scheme.rel_tolerance = o.tolerance;
    request.characteristics = o.characteristics;
    dhn::cli::Progress progress("transport signal", "stages", o.common.quiet);
    const dhn::analysis::SignalTransport signal = dhn::cli::compute_signal_transport(
        request, [&](int done, int total) { progress.update(done, total); });
    progress.finish();
    if (signal.T_c_status != "found")
      fmt::print(stderr, "transport: warning: T_c(0) from the shock {}\n", signal.T_c_status);
    if (!o.common.quiet)
      fmt::print(stderr,
                 "transport: T_M(0) = {:.10g} (caustic), {:.10g} (closed form); T_c(0) = {:.8g} "
                 "+- {:.2g} (shock), {:.10g} (closed form)\n",
                 signal.T_M_caustic * scale, signal.T_M_closed_form * scale,
                 signal.T_c_shock * scale, signal.T_c_error_estimate * scale,
                 signal.T_c_closed_form * scale);
    sections.push_back(dhn::analysis::signal_section(signal));
  }
  if (want_finite_n) {
    dhn::cli::FiniteNTransportRequest request{
        .model = model, .N = o.N_list, .T = T, .heat_N = o.heat_N, .heat_n_dx = o.heat_n_dx};
    dhn::cli::Progress progress("transport finite_n", "curves", o.common.quiet);
    const dhn::analysis::FiniteNTransport finite_n = dhn::cli::compute_finite_n_transport(
        request, [&](std::size_t done, std::size_t total) { progress.update(done, total); });
    progress.finish();
    if (!o.common.quiet && !finite_n.heat_N.empty())
      fmt::print(stderr,
                 "transport: heat equation against the binomial sum: max relative difference "
                 "{:.2g} (A_N), {:.2g} (<m^2>)\n",
                 finite_n.heat_max_relative_difference_A,
                 finite_n.heat_max_relative_difference_m_squared);
    sections.push_back(dhn::analysis::finite_n_section(finite_n));
  }
  if (want_load) {
    dhn::cli::Progress progress("transport load", "loads", o.common.quiet);
    const dhn::analysis::LoadTransport load = dhn::cli::compute_load_transport(
        {.P = P, .variant = model.variant, .alpha = alpha, .T = T},
        [&](std::size_t done, std::size_t total) { progress.update(done, total); });
    progress.finish();
    if (load.status != "computed")
      fmt::print(stderr, "transport: warning: /transport/load {}\n", load.status);
    else if (!o.common.quiet)
      fmt::print(stderr,
                 "transport: load: transport against RS solver: max relative difference {:.2g} "
                 "(T_M), {:.2g} (T_c), {:.2g} (f)\n",
                 load.max_relative_difference_T_M, load.max_relative_difference_T_c,
                 load.max_relative_difference_f);
    sections.push_back(dhn::analysis::load_section(load));
  }
  if (want_glauber) {
    const dhn::analysis::GlauberTransport glauber = dhn::cli::compute_glauber_transport(
        {.P = P, .T = T, .flow_T = flow_T, .cues = cues, .sweeps = o.sweeps});
    sections.push_back(dhn::analysis::glauber_section(glauber));
  }
  dhn::analysis::write_transport(o.common.output, model, sections,
                                 dhn::analysis::make_provenance(argc, argv, o.common.threads),
                                 convention);
  if (!o.common.quiet) fmt::print(stderr, "transport: wrote {}\n", o.common.output);
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Transport equation of the signal part: m(T, h), shocks, exact finite-N curves",
               "transport"};
  Options options;
  register_options(app, options);
  return dhn::cli::run_main(app, argc, argv, [&] { return run(options, argc, argv); });
}

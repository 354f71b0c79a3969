// mc status FILE: a results file, a job array's part or a checkpoint described on stdout: the
// run's parameters, its progress per stage and the samples it holds (analysis/mc_status.hpp
// reads them from the attributes, without the state arrays).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <string>

#include "common/run_main.hpp"
#include "dhn/analysis/mc_status.hpp"
#include "mc_subcommands.hpp"

namespace dhn::cli {

namespace {
namespace mc = dhn::montecarlo;
using analysis::McStatus;

std::string list_text(const std::vector<double>& values) {
  std::string out;
  for (double x : values) out += fmt::format("{}{:.6g}", out.empty() ? "" : ",", x);
  return out;
}

std::string kind_text(const McStatus& s) {
  switch (s.kind) {
    case McStatus::Kind::results:
      return "results of a finished run";
    case McStatus::Kind::part:
      return "results of a part of a job array (join the parts with mc merge)";
    case McStatus::Kind::checkpoint:
      return "checkpoint (continue with the same options and --resume)";
  }
  return "";
}

std::string samples_text(const mc::TemperingParameters& p) {
  const int last = p.first_sample + p.samples - 1;
  if (!mc::slice(p)) return fmt::format("0..{} (all {})", last, p.samples);
  return fmt::format("{}..{} ({} of {}; --sample-range {}:{})", p.first_sample, last, p.samples,
                     p.total_samples, p.first_sample, last + 1);
}

std::string progress_text(const McStatus& s) {
  const mc::TemperingParameters& p = s.parameters;
  const std::int64_t total = mc::total_sweeps(p);
  const std::int64_t therm = std::min(s.sweep, p.therm);
  const std::int64_t measured = std::max<std::int64_t>(0, s.sweep - p.therm);
  return fmt::format("thermalisation {}/{}, measured {}/{} sweeps ({}/{}, {:.1f} %{})", therm,
                     p.therm, measured, p.sweeps, s.sweep, total,
                     100.0 * static_cast<double>(s.sweep) / static_cast<double>(total),
                     s.sweep >= total ? ", finished" : "");
}

void print_status(const std::string& path, const McStatus& s) {
  const mc::TemperingParameters& p = s.parameters;
  fmt::print("file: {}\n", path);
  fmt::print("kind: {}\n", kind_text(s));
  fmt::print("model: P = {}, {}, N = {}, K = {} (alpha = {:.6g}, convention B)\n", p.P,
             dhn::to_string(p.variant), p.N, p.K,
             static_cast<double>(p.K) / std::pow(static_cast<double>(p.N), p.P - 1));
  if (mc::umbrella(p)) {
    fmt::print("umbrella: T = {:.6g}, windows lo = {{{}}}, hi = {{{}}}, condensed-m {:.6g}\n",
               p.T.front(), list_text(p.window_lo), list_text(p.window_hi), p.condensed_m);
  } else {
    fmt::print("ladder: T = {{{}}} (convention B)\n", list_text(p.T));
  }
  fmt::print("chains: {} replicas, swaps every {} sweeps; {}, {} order, init {}{}; seed {}\n",
             p.replicas, p.swap_every, mc::to_string(p.rule), mc::to_string(p.order),
             mc::to_string(p.init),
             p.init == mc::InitialKind::noisy ? fmt::format(" (m0 = {:.6g})", p.m0) : "", p.seed);
  fmt::print("sweeps: {} thermalisation + {} measured, {} time bins\n", p.therm, p.sweeps, p.bins);
  fmt::print("samples: {}\n", samples_text(p));
  fmt::print("progress: {}\n", progress_text(s));
  fmt::print(
      "bookkeeping: {:.2f} s wall (all invocations), {} resume(s), {} checkpoint(s), "
      "backend {}\n",
      s.info.wall_seconds, s.info.resumes, s.info.checkpoints, s.info.backend);
  fmt::print("written: {} by suite {} ({}): {}\n", s.provenance.created_utc,
             s.provenance.suite_version, s.provenance.git_describe, s.provenance.command_line);
}
}  // namespace

int mc_status_main(int argc, char** argv) {
  CLI::App app{
      "Describes an mc results file, a part of a job array (mc --sample-range) or a checkpoint: "
      "the run's parameters, its progress (sweeps done per stage) and the samples it holds. "
      "Exit 2 for a file that is not one of these.",
      "mc status"};
  std::string path;
  app.add_option("FILE", path, "results file, part or checkpoint")->required();
  return run_main(app, argc, argv, [&] {
    print_status(path, analysis::read_mc_status(path));
    return kExitOk;
  });
}

}  // namespace dhn::cli

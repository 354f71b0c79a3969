// capacity: the T = 0 storage capacities of the dense Hebbian network (spinodal and global
// minimum) at RS or 1RSB level (theory/storage_capacity.hpp), printed as text or as one JSON
// object, and with --output written to HDF5 (analysis/capacity_io.hpp).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/common_options.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/capacity_io.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/storage_capacity.hpp"

namespace {

namespace th = dhn::theory;

struct Options {
  dhn::cli::CommonOptions common;  // --p --variant --convention --output --threads --quiet
  std::string level = "rs";        // replica level: rs | 1rsb
  bool json = false;               // one JSON object on stdout
};

void register_options(CLI::App& app, Options& o) {
  dhn::cli::add_common_options(
      app, o.common,
      {.P = 4,
       .output_required = false,
       .output_help = "also write the capacities to this HDF5 file (written atomically)",
       .convention_help = "units of alpha (and mu): B (this suite) or G (alpha_G = P! alpha_B)",
       .threads_help = "OpenMP threads (0 = all cores; the capacity solvers are serial)"});
  app.add_option("--level", o.level, "replica level: rs or 1rsb")->capture_default_str();
  app.add_flag("--json", o.json, "print one JSON object");
}

int run(const Options& o, const CLI::App& app, int argc, char** argv) {
  const dhn::Convention convention = o.common.parsed_convention();
  const dhn::Model model = o.common.model();
  const th::ReplicaLevel level = th::parse_replica_level(o.level);
  // --output is optional here: given, even as "", it must name a writable file
  std::optional<dhn::analysis::OutputLock> lock;
  if (app.count("--output") > 0) lock.emplace(dhn::cli::lock_output(o.common.output, "--output"));
  const th::StorageCapacity c = th::storage_capacity(model, level);
  if (c.status != th::LineStatus::found) {
    throw std::runtime_error(fmt::format("the {} spinodal was not found", th::to_string(level)));
  }
  const int P = model.P;
  const double alpha_spinodal = dhn::alpha_from_B(c.alpha_spinodal, P, convention);
  const double alpha_global = dhn::alpha_from_B(c.alpha_global, P, convention);
  // mu carries units of 1/temperature: mu_G = mu_B / P!.
  const double mu = c.mu / dhn::temperature_from_B(1.0, P, convention);
  const std::string level_name(th::to_string(level));
  const std::string variant_name(dhn::to_string(model.variant));
  const std::string convention_name(dhn::to_string(convention));
  if (o.json) {
    nlohmann::json out = {{"P", P},
                          {"level", level_name},
                          {"variant", variant_name},
                          {"convention", convention_name},
                          {"alpha_spinodal", alpha_spinodal},
                          {"m_spinodal", c.m_spinodal},
                          {"alpha_global", alpha_global},
                          {"m_global", c.m_global}};
    if (level == th::ReplicaLevel::rsb1) {
      out["q1"] = c.q1;
      out["mu"] = mu;
    }
    fmt::print("{}\n", out.dump());
  } else {
    fmt::print("P = {}, variant {}, level {}, convention {}\n", P, variant_name, level_name,
               convention_name);
    fmt::print("  spinodal capacity  alpha = {:.10g}  (m = {:.10g})\n", alpha_spinodal,
               c.m_spinodal);
    if (level == th::ReplicaLevel::rsb1)
      fmt::print("                     q1 = {:.10g}, mu = {:.10g}\n", c.q1, mu);
    fmt::print("  global-minimum     alpha = {:.10g}  (m = {:.10g})\n", alpha_global, c.m_global);
  }
  if (!o.common.output.empty()) {
    dhn::analysis::write_capacity(o.common.output, model, c,
                                  dhn::analysis::make_provenance(argc, argv, o.common.threads),
                                  convention);
    if (!o.common.quiet) fmt::print(stderr, "capacity: wrote {}\n", o.common.output);
  }
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"T = 0 storage capacities of the dense Hebbian network", "capacity"};
  Options options;
  register_options(app, options);
  return dhn::cli::run_main(app, argc, argv, [&] { return run(options, app, argc, argv); });
}

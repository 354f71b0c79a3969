// capacity: the T = 0 storage capacities of the dense Hebbian network (spinodal and global
// minimum) at RS level, printed as text or as one JSON object.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "common/run_main.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/zero_temperature.hpp"

namespace {

struct Options {
  int P = 4;                         // interaction order, 2..12
  std::string level = "rs";          // replica level
  std::string variant = "distinct";  // distinct | full
  std::string convention = "B";      // units of alpha
  bool json = false;                 // one JSON object on stdout
};

void register_options(CLI::App& app, Options& o) {
  app.add_option("--p", o.P, "interaction order P")
      ->check(CLI::Range(2, dhn::kMaxP))
      ->capture_default_str();
  app.add_option("--level", o.level, "replica level: rs")
      ->check(CLI::IsMember({"rs"}))
      ->capture_default_str();
  app.add_option("--variant", o.variant, "index tuples: distinct or full")
      ->check(CLI::IsMember({"distinct", "full"}))
      ->capture_default_str();
  app.add_option("--convention", o.convention,
                 "units of alpha: B (this suite) or G (alpha_G = P! alpha_B)")
      ->check(CLI::IsMember({"B", "G"}))
      ->capture_default_str();
  app.add_flag("--json", o.json, "print one JSON object");
}

int run(const Options& o) {
  const dhn::Convention convention = dhn::parse_convention(o.convention);
  const dhn::Model model{o.P, dhn::parse_variant(o.variant), 0.0};
  const dhn::theory::RsCapacity c = dhn::theory::rs_capacity(model);
  const double alpha_spinodal = dhn::alpha_from_B(c.alpha_spinodal, o.P, convention);
  const double alpha_global = dhn::alpha_from_B(c.alpha_global, o.P, convention);
  if (o.json) {
    const nlohmann::json out = {{"P", o.P},
                                {"level", o.level},
                                {"variant", o.variant},
                                {"convention", o.convention},
                                {"alpha_spinodal", alpha_spinodal},
                                {"m_spinodal", c.m_spinodal},
                                {"alpha_global", alpha_global},
                                {"m_global", c.m_global}};
    fmt::print("{}\n", out.dump());
  } else {
    fmt::print("P = {}, variant {}, level {}, convention {}\n", o.P, o.variant, o.level,
               o.convention);
    fmt::print("  spinodal capacity  alpha = {:.10g}  (m = {:.10g})\n", alpha_spinodal,
               c.m_spinodal);
    fmt::print("  global-minimum     alpha = {:.10g}  (m = {:.10g})\n", alpha_global, c.m_global);
  }
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"T = 0 storage capacities of the dense Hebbian network", "capacity"};
  Options options;
  register_options(app, options);
  return dhn::cli::run_main(app, argc, argv, [&] { return run(options); });
}

// capacity: the T = 0 storage capacities of the dense Hebbian network (spinodal and global
// minimum) at RS or 1RSB level, printed as text or as one JSON object.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "common/run_main.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/line_status.hpp"
#include "dhn/theory/rs_capacity.hpp"
#include "dhn/theory/rsb1_capacity.hpp"
#include "dhn/theory/rsb1_hopfield.hpp"
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
  app.add_option("--level", o.level, "replica level: rs or 1rsb")
      ->check(CLI::IsMember({"rs", "1rsb"}))
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

// The capacities of one level in convention B, with the 1RSB order parameters at the spinodal.
struct LevelCapacity {
  dhn::theory::RsCapacity capacity;
  double q1 = NAN;  // 1RSB only
  double mu = NAN;  // 1RSB only (Parisi parameter over temperature, convention B)
};

LevelCapacity compute(const dhn::Model& model, const std::string& level) {
  if (level == "rs") return {dhn::theory::rs_capacity(model)};
  if (model.P ==
      2) {  // Steffan-Kuehn; the 1RSB global-minimum capacity of P = 2 is not computed yet
    const dhn::theory::Rsb1HopfieldCapacity c = dhn::theory::rsb1_hopfield_capacity();
    if (c.status != dhn::theory::LineStatus::found)
      throw std::runtime_error("1RSB spinodal not found");
    return {
        {c.alpha_spinodal, c.m_spinodal, c.alpha_global, c.m_global}, c.q0_spinodal, c.mu_spinodal};
  }
  const dhn::theory::Rsb1Capacity c = dhn::theory::rsb1_capacity(model);
  if (c.status != dhn::theory::LineStatus::found)
    throw std::runtime_error("1RSB spinodal not found");
  return {
      {c.alpha_spinodal, c.m_spinodal, c.alpha_global, c.m_global}, c.q1_spinodal, c.mu_spinodal};
}

int run(const Options& o) {
  const dhn::Convention convention = dhn::parse_convention(o.convention);
  const dhn::Model model{o.P, dhn::parse_variant(o.variant), 0.0};
  dhn::validate(model);
  const LevelCapacity result = compute(model, o.level);
  const dhn::theory::RsCapacity& c = result.capacity;
  const double alpha_spinodal = dhn::alpha_from_B(c.alpha_spinodal, o.P, convention);
  const double alpha_global = dhn::alpha_from_B(c.alpha_global, o.P, convention);
  // mu carries units of 1/temperature: mu_G = mu_B / P!.
  const double mu = result.mu / dhn::temperature_from_B(1.0, o.P, convention);
  if (o.json) {
    nlohmann::json out = {{"P", o.P},
                          {"level", o.level},
                          {"variant", o.variant},
                          {"convention", o.convention},
                          {"alpha_spinodal", alpha_spinodal},
                          {"m_spinodal", c.m_spinodal},
                          {"alpha_global", alpha_global},
                          {"m_global", c.m_global}};
    if (o.level == "1rsb") {
      out["q1"] = result.q1;
      out["mu"] = mu;
    }
    fmt::print("{}\n", out.dump());
  } else {
    fmt::print("P = {}, variant {}, level {}, convention {}\n", o.P, o.variant, o.level,
               o.convention);
    fmt::print("  spinodal capacity  alpha = {:.10g}  (m = {:.10g})\n", alpha_spinodal,
               c.m_spinodal);
    if (o.level == "1rsb")
      fmt::print("                     q1 = {:.10g}, mu = {:.10g}\n", result.q1, mu);
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

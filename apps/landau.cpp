// landau: the constrained (Landau) free energy f(m) of the dense Hebbian network at one (alpha, T)
// (theory/landau.hpp): the overlap with the cued pattern held at each m of a grid by its conjugate
// field, written atomically to HDF5 (docs/hdf5-schema.md, "Landau files") with its minima and
// barriers.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "common/common_options.hpp"
#include "common/grid_spec.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/landau_io.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/landau.hpp"
#include "dhn/theory/replica_level.hpp"

namespace {

namespace th = dhn::theory;

struct Options {
  dhn::cli::CommonOptions common;   // --p --variant --convention --output --threads --quiet
  double alpha = NAN;               // load, in --convention units (required)
  double T = NAN;                   // temperature, in --convention units (required)
  std::string m_grid = "0:1:0.01";  // start:stop:step or a,b,c within [-1, 1]
  std::string level = "rs";         // replica level
  int N = 0;                        // > 0: also f + the exact finite-N terms at this N
};

void register_options(CLI::App& app, Options& o) {
  dhn::cli::add_common_options(
      app, o.common,
      {.P = 3,
       .convention_help = "units of alpha, T, f and h: B (this suite) or G (alpha_G = P! "
                          "alpha_B, T_G = P! T_B)",
       .threads_help = "OpenMP threads (0 = all cores; the profile is solved serially)"});
  app.add_option("--alpha", o.alpha, "load alpha >= 0 (in --convention units)")->required();
  app.add_option("--t", o.T, "temperature T > 0 (in --convention units)")->required();
  app.add_option("--m-grid", o.m_grid,
                 "overlaps m: start:stop:step or a,b,c, strictly increasing within [-1, 1]")
      ->capture_default_str();
  app.add_option("--level", o.level,
                 "replica level: rs or 1rsb (P >= 3: the 1RSB saddle where it exists, else RS)")
      ->capture_default_str();
  app.add_option(
         "--n", o.N,
         "also write /landau/f_finite_n: f plus the exact finite-N signal energy and count of "
         "states at N spins (physics.md section 10), for comparisons with mc at that N")
      ->check(CLI::Range(1, 1 << 20));
}

int run(const Options& o, int argc, char** argv) {
  const dhn::Convention convention = o.common.parsed_convention();
  const int P = o.common.P;
  const th::ReplicaLevel level = th::parse_replica_level(o.level);
  const dhn::Model model = o.common.model(dhn::alpha_to_B(o.alpha, P, convention));
  const double T = dhn::temperature_to_B(o.T, P, convention);
  const std::vector<double> m = dhn::cli::parse_grid(o.m_grid, "--m-grid");
  const auto lock = dhn::cli::lock_output(o.common.output, "--output");
  const th::LandauProfile profile = th::landau_profile(model, T, m, level);
  dhn::analysis::write_landau(o.common.output, model, level, profile, o.N,
                              dhn::analysis::make_provenance(argc, argv, o.common.threads),
                              convention);
  if (!o.common.quiet) {
    const double t = dhn::temperature_from_B(1.0, P, convention);
    fmt::print(stderr, "landau: P = {}, {}, alpha = {}, T = {} (convention {}), {} points\n", P,
               dhn::to_string(model.variant), o.alpha, o.T, dhn::to_string(convention), m.size());
    for (const th::LandauExtremum& e : profile.minima)
      fmt::print(stderr, "landau: minimum at m = {:.6f}, f = {:.10f}\n", e.m, e.f * t);
    for (const th::LandauExtremum& e : profile.maxima)
      fmt::print(stderr, "landau: barrier at m = {:.6f}, f = {:.10f}\n", e.m, e.f * t);
    fmt::print(stderr, "landau: wrote {}\n", o.common.output);
  }
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Constrained (Landau) free energy f(m) of the dense Hebbian network", "landau"};
  Options options;
  register_options(app, options);
  return dhn::cli::run_main(app, argc, argv, [&] { return run(options, argc, argv); });
}

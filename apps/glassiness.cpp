// glassiness: the network's m = 0 free energy over T at fixed alpha, split for P = 2 into a hard
// (SK) and a soft (Gaussian) part, matched for P > 2 to the Ising P-spin glass; written to HDF5.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/common_options.hpp"
#include "common/grid_spec.hpp"
#include "common/progress.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/glassiness_io.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/glassiness.hpp"

namespace {

struct Options {
  dhn::cli::CommonOptions common;  // --p --variant --convention --output --threads --quiet
  double alpha = NAN;              // load, in --convention units, > 0 (required)
  std::optional<std::string>
      T_grid;                 // start:stop:step or a,b,c, --convention units; not given = default
  std::string levels = "rs";  // rs, or rs,1rsb (P > 2 only)
};

void register_options(CLI::App& app, Options& o) {
  dhn::cli::add_common_options(
      app, o.common,
      {.P = 2,
       .output_help = "HDF5 output file (written atomically; always in convention B)",
       .convention_help = "units of --alpha and --t-grid: B (this suite) or G (alpha_G = P! "
                          "alpha_B, T_G = P! T_B); the file is in convention B",
       .threads_help = "OpenMP threads (0 = all cores; the glass solvers are serial)"});
  app.add_option("--alpha", o.alpha, "load alpha = K/N^(P-1) > 0 (in --convention units)")
      ->required();
  app.add_option("--t-grid", o.T_grid,
                 "temperature grid start:stop:step or a,b,c (T > 0, in --convention units); "
                 "default 150 points up to 1.5 (1 + sqrt(alpha)) for P = 2, up to 2 T_s (1RSB) "
                 "for P > 2");
  app.add_option("--level", o.levels,
                 "replica levels: rs, or rs,1rsb (P > 2: adds the 1RSB network and Ising free "
                 "energies; no finite-T 1RSB exists here for P = 2)")
      ->check(CLI::IsMember({"rs", "rs,1rsb", "1rsb,rs"}))
      ->capture_default_str();
}

int run(const Options& o, int argc, char** argv) {
  const dhn::Convention convention = o.common.parsed_convention();
  const int P = o.common.P;
  // the T grid and the load in convention B; theory validates them with the level
  std::vector<double> T;
  if (o.T_grid) T = dhn::cli::parse_grid(*o.T_grid, "--t-grid");
  for (double& t : T) t = dhn::temperature_to_B(t, P, convention);
  const bool rsb1 = o.levels != "rs";
  const dhn::Model model{P, o.common.parsed_variant(), dhn::alpha_to_B(o.alpha, P, convention)};
  const auto lock = dhn::cli::lock_output(o.common.output, "--output");
  T = dhn::theory::glassiness_temperatures(model, rsb1, std::move(T));
  const double alpha = model.alpha;
  if (!o.common.quiet) {
    fmt::print(stderr,
               "glassiness: P = {}, variant distinct, alpha = {} (convention B), levels {}, {} T "
               "points in [{}, {}] (convention B), output {}\n",
               P, alpha, o.levels, T.size(), T.front(), T.back(), o.common.output);
  }

  dhn::analysis::GlassinessCurves curves;
  curves.P = P;
  curves.alpha = alpha;
  curves.rsb1 = rsb1;
  dhn::cli::Progress progress("glassiness", "temperatures", o.common.quiet);
  if (P == 2) {
    std::size_t unsolved = 0;
    for (std::size_t k = 0; k < T.size(); ++k) {
      dhn::theory::HopfieldGlassSplit point = dhn::theory::hopfield_glass_split(alpha, T[k]);
      if (!point.converged) {  // kept as NaN with its status, as phase-diagram does
        ++unsolved;
        point = dhn::theory::HopfieldGlassSplit{.alpha = alpha, .T = T[k]};
      }
      curves.split.push_back(point);
      progress.update(k + 1, T.size());
    }
    if (unsolved > 0 && !o.common.quiet) {
      fmt::print(stderr,
                 "glassiness: the m = 0 state did not converge at {} of {} temperatures "
                 "(NaN there, /glassiness/converged = 0)\n",
                 unsolved, T.size());
    }
  } else {
    const dhn::theory::HardOnlyGlassMatch match(P, alpha, rsb1);
    curves.network_lines = match.network_lines();
    curves.ising_lines = match.ising_lines();
    for (std::size_t k = 0; k < T.size(); ++k) {
      curves.hard_only.push_back(match.at(T[k]));
      progress.update(k + 1, T.size());
    }
  }
  progress.finish();

  dhn::analysis::write_glassiness(o.common.output, curves,
                                  dhn::analysis::make_provenance(argc, argv, o.common.threads));
  if (!o.common.quiet) fmt::print(stderr, "glassiness: wrote {}\n", o.common.output);
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "m = 0 free energy of the dense network against the hard (SK / Ising P-spin) and soft "
      "(Gaussian) glasses, convention B",
      "glassiness"};
  Options options;
  register_options(app, options);
  return dhn::cli::run_main(app, argc, argv, [&] { return run(options, argc, argv); });
}

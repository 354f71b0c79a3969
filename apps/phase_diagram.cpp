// phase-diagram: the RS phase diagram of the dense Hebbian network on an (alpha, T) grid, with its
// lines and capacities, written atomically to HDF5 (docs/hdf5-schema.md) and optionally plotted.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/grid_spec.hpp"
#include "common/plot.hpp"
#include "common/progress.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/phase_diagram_io.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/phase_diagram.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/zero_temperature.hpp"

namespace {

struct Options {
  int P = 4;                         // interaction order, 2..12
  std::string variant = "distinct";  // distinct | full
  std::string alpha_grid;            // start:stop:step or list, in --convention units; "" = default
  std::string T_grid;                // likewise; "" = default
  std::string levels = "rs";         // replica levels to solve
  std::string convention = "B";      // B (this suite) or G (Gardner)
  int threads = 0;                   // OpenMP threads, 0 = all
  std::string output;                // HDF5 file
  std::string plot;                  // PNG file, optional
  bool quiet = false;
};

void register_options(CLI::App& app, Options& o) {
  app.add_option("--p", o.P, "interaction order P")
      ->check(CLI::Range(2, dhn::kMaxP))
      ->capture_default_str();
  app.add_option("--variant", o.variant, "index tuples: distinct (i1<...<iP, default) or full")
      ->check(CLI::IsMember({"distinct", "full"}))
      ->capture_default_str();
  app.add_option("--alpha-grid", o.alpha_grid,
                 "load grid start:stop:step or a,b,c (alpha >= 0, in --convention units); "
                 "default 0..1.1 x RS capacity, 161 points");
  app.add_option("--t-grid", o.T_grid,
                 "temperature grid start:stop:step or a,b,c (T > 0, in --convention units); "
                 "default 161 points up to 1.25 x T_M(alpha=0)");
  app.add_option(
         "--level", o.levels,
         "replica levels: rs, or rs,1rsb (adds the 1RSB glass lines T_d, T_s; the 1RSB grid "
         "solutions are not implemented yet)")
      ->check(CLI::IsMember({"rs", "rs,1rsb", "1rsb,rs"}))
      ->capture_default_str();
  app.add_option(
         "--convention", o.convention,
         "units of alpha, T and f: B (this suite) or G (alpha_G = P! alpha_B, T_G = P! T_B)")
      ->check(CLI::IsMember({"B", "G"}))
      ->capture_default_str();
  app.add_option("--threads", o.threads, "OpenMP threads (0 = all cores)")
      ->check(CLI::Range(0, 1024));
  app.add_option("--output", o.output, "HDF5 output file (written atomically)")->required();
  app.add_option("--plot", o.plot, "also draw the diagram into this PNG file");
  app.add_flag("--quiet", o.quiet, "no progress output");
}

// Default grids, convention B: alpha up to 1.1 x the RS spinodal capacity, T up to 1.25 x the
// alpha = 0 retrieval spinodal (P > 2) or 1.5 (P = 2, above T_g = 1 + sqrt(alpha)).
std::vector<double> default_alpha_grid(const dhn::Model& model) {
  const double top = 1.1 * dhn::theory::rs_capacity(model).alpha_spinodal;
  return dhn::cli::linear_grid(0.0, top, 161);
}

std::vector<double> default_T_grid(const dhn::Model& model) {
  dhn::Model zero = model;
  zero.alpha = 0.0;
  const double top = model.P == 2 ? 1.5 : 1.25 * dhn::theory::retrieval_spinodal(zero).T;
  return dhn::cli::linear_grid(top / 161.0, top, 161);
}

// An output path that cannot be written is bad input (exit 2), found before any computation.
void require_writable(const std::string& path, const std::string& flag) {
  try {
    dhn::analysis::AtomicH5File::check_writable(path);
  } catch (const std::runtime_error& e) {
    throw std::invalid_argument(flag + ": " + e.what() +
                                " (accepted: a path in an existing, writable directory)");
  }
}

int run(const Options& o, int argc, char** argv) {
  const dhn::Convention convention = dhn::parse_convention(o.convention);
  const dhn::Model model{o.P, dhn::parse_variant(o.variant), 0.0};
  dhn::validate(model);
  require_writable(o.output, "--output");
  if (!o.plot.empty()) require_writable(o.plot, "--plot");

  std::vector<double> alpha = o.alpha_grid.empty()
                                  ? default_alpha_grid(model)
                                  : dhn::cli::parse_grid(o.alpha_grid, "--alpha-grid");
  std::vector<double> T =
      o.T_grid.empty() ? default_T_grid(model) : dhn::cli::parse_grid(o.T_grid, "--t-grid");
  if (!o.alpha_grid.empty()) {
    for (double& a : alpha) a = dhn::alpha_to_B(a, o.P, convention);
  }
  if (!o.T_grid.empty()) {
    for (double& t : T) t = dhn::temperature_to_B(t, o.P, convention);
  }
  if (!o.quiet) {
    fmt::print(stderr,
               "phase-diagram: P = {}, variant {}, levels {}, {} alpha x {} T points, output {}\n",
               o.P, o.variant, o.levels, alpha.size(), T.size(), o.output);
  }
  dhn::cli::Progress progress("phase-diagram", "alpha columns", o.quiet);
  const dhn::theory::RsPhaseDiagram pd = dhn::theory::compute_rs_phase_diagram(
      model, alpha, T,
      {.threads = o.threads,
       .rsb1 = o.levels != "rs",
       .progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); }});
  progress.finish();

  const dhn::analysis::Provenance provenance =
      dhn::analysis::make_provenance(argc, argv, o.threads);
  dhn::analysis::write_rs_phase_diagram(o.output, pd, provenance, convention);
  if (!o.quiet) {
    fmt::print(stderr,
               "phase-diagram: wrote {} (RS capacity alpha_spinodal = {:.6g}, alpha_global = "
               "{:.6g}, convention {})\n",
               o.output, dhn::alpha_from_B(pd.capacity.alpha_spinodal, o.P, convention),
               dhn::alpha_from_B(pd.capacity.alpha_global, o.P, convention), o.convention);
  }
  if (!o.plot.empty()) return dhn::cli::plot_phase_diagram(o.output, o.plot, o.quiet);
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"RS phase diagram of the dense Hebbian network (convention B unless --convention G)",
               "phase-diagram"};
  Options options;
  register_options(app, options);
  return dhn::cli::run_main(app, argc, argv, [&] { return run(options, argc, argv); });
}

// phase-diagram: the RS phase diagram of the dense Hebbian network on an (alpha, T) grid, with its
// lines and capacities, written atomically to HDF5 (docs/hdf5-schema.md) and optionally plotted.
// Under mpirun the alpha columns are shared out over the ranks (docs/clusters.md); rank 0 writes.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/common_options.hpp"
#include "common/distributed_units.hpp"
#include "common/grid_spec.hpp"
#include "common/mpi_session.hpp"
#include "common/plot.hpp"
#include "common/progress.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/phase_diagram_io.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/phase_diagram.hpp"
#include "dhn/theory/phase_diagram_column.hpp"

namespace {

struct Options {
  dhn::cli::CommonOptions common;  // --p --variant --convention --output --threads --quiet
  // start:stop:step or list, in --convention units; not given = the default grid (given but
  // empty is an error, not the default)
  std::optional<std::string> alpha_grid;
  std::optional<std::string> T_grid;  // likewise
  std::string levels = "rs";          // replica levels to solve
  std::string plot;                   // PNG file, optional
};

void register_options(CLI::App& app, Options& o) {
  dhn::cli::add_common_options(app, o.common, {.P = 4});
  app.add_option("--alpha-grid", o.alpha_grid,
                 "load grid start:stop:step or a,b,c (alpha >= 0, in --convention units); "
                 "default 0..1.1 x RS capacity, 161 points");
  app.add_option("--t-grid", o.T_grid,
                 "temperature grid start:stop:step or a,b,c (T > 0, in --convention units); "
                 "default 161 points up to 1.25 x T_M(alpha=0)");
  app.add_option("--level", o.levels,
                 "replica levels: rs, or rs,1rsb (adds the 1RSB glass lines, the 1RSB retrieval "
                 "state and the phases at 1RSB level)")
      ->check(CLI::IsMember({"rs", "rs,1rsb", "1rsb,rs"}))
      ->capture_default_str();
  app.add_option("--plot", o.plot, "also draw the diagram into this PNG file");
}

// The diagram solved column by column over the ranks and their threads; complete on rank 0 only
// (the other ranks hold just the columns they solved).
dhn::theory::RsPhaseDiagram solve_columns(const dhn::cli::MpiSession& mpi, const dhn::Model& model,
                                          const std::vector<double>& alpha,
                                          const std::vector<double>& T, const Options& o) {
  dhn::theory::RsPhaseDiagram pd =
      dhn::theory::prepare_rs_phase_diagram(model, alpha, T, o.levels != "rs");
  dhn::cli::Progress progress("phase-diagram", "alpha columns", o.common.quiet || !mpi.is_root());
  dhn::cli::run_distributed(
      mpi,
      {.units = alpha.size(),
       .threads = o.common.threads,
       .compute = [&](std::size_t i) { dhn::theory::solve_rs_phase_diagram_column(pd, i); },
       .pack =
           [&](std::size_t i) {
             const std::vector<double> values = dhn::theory::rs_phase_diagram_column_values(pd, i);
             const auto bytes = std::as_bytes(std::span(values));
             return std::vector<std::byte>(bytes.begin(), bytes.end());
           },
       .unpack =
           [&](std::size_t i, std::span<const std::byte> bytes) {
             std::vector<double> values(bytes.size() / sizeof(double));
             if (values.size() * sizeof(double) != bytes.size()) {
               throw std::runtime_error("a column of " + std::to_string(bytes.size()) +
                                        " bytes is not whole doubles");
             }
             std::memcpy(values.data(), bytes.data(), bytes.size());
             dhn::theory::set_rs_phase_diagram_column_values(pd, i, values);
           },
       .progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); }});
  progress.finish();
  return pd;
}

int run(const dhn::cli::MpiSession& mpi, const Options& o, int argc, char** argv) {
  const dhn::Convention convention = o.common.parsed_convention();
  const dhn::Model model = o.common.model();
  const int P = model.P;
  // rank 0 alone writes: it alone checks and locks the outputs
  std::optional<dhn::analysis::OutputLock> lock;
  if (mpi.is_root()) {
    lock.emplace(dhn::cli::lock_output(o.common.output, "--output"));
    if (!o.plot.empty()) dhn::cli::require_writable(o.plot, "--plot");
  }
  const bool quiet = o.common.quiet || !mpi.is_root();

  std::vector<double> alpha = !o.alpha_grid ? dhn::theory::default_alpha_grid(model)
                                            : dhn::cli::parse_grid(*o.alpha_grid, "--alpha-grid");
  std::vector<double> T =
      !o.T_grid ? dhn::theory::default_T_grid(model) : dhn::cli::parse_grid(*o.T_grid, "--t-grid");
  if (o.alpha_grid) {
    for (double& a : alpha) a = dhn::alpha_to_B(a, P, convention);
  }
  if (o.T_grid) {
    for (double& t : T) t = dhn::temperature_to_B(t, P, convention);
  }
  if (!quiet) {
    fmt::print(
        stderr,
        "phase-diagram: P = {}, variant {}, levels {}, {} alpha x {} T points, output {}{}\n", P,
        o.common.variant, o.levels, alpha.size(), T.size(), o.common.output,
        mpi.size() > 1 ? fmt::format(", {} MPI ranks", mpi.size()) : "");
  }
  const dhn::theory::RsPhaseDiagram pd = solve_columns(mpi, model, alpha, T, o);
  if (!mpi.is_root()) return dhn::cli::kExitOk;

  const dhn::analysis::Provenance provenance =
      dhn::analysis::make_provenance(argc, argv, o.common.threads, mpi.size());
  dhn::analysis::write_rs_phase_diagram(o.common.output, pd, provenance, convention);
  if (!quiet) {
    fmt::print(stderr,
               "phase-diagram: wrote {} (RS capacity alpha_spinodal = {:.6g}, alpha_global = "
               "{:.6g}, convention {})\n",
               o.common.output, dhn::alpha_from_B(pd.capacity.alpha_spinodal, P, convention),
               dhn::alpha_from_B(pd.capacity.alpha_global, P, convention),
               dhn::to_string(convention));
  }
  if (!o.plot.empty()) return dhn::cli::plot_phase_diagram(o.common.output, o.plot, o.common.quiet);
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // first: MPI may take its own arguments out of argv
  dhn::cli::MpiSession mpi(argc, argv, "phase-diagram");
  CLI::App app{"RS phase diagram of the dense Hebbian network (convention B unless --convention G)",
               "phase-diagram"};
  Options options;
  register_options(app, options);
  return mpi.finish(
      dhn::cli::run_main(app, argc, argv, [&] { return run(mpi, options, argc, argv); }));
}

// glassiness: the network's m = 0 free energy over T at fixed alpha, split for P = 2 into a hard
// (SK) and a soft (Gaussian) part, matched for P > 2 to the Ising P-spin glass; written to HDF5.
// The temperatures are independent: shared out over threads and, under mpirun, over the ranks
// (docs/clusters.md); rank 0 writes.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "common/common_options.hpp"
#include "common/distributed_units.hpp"
#include "common/grid_spec.hpp"
#include "common/mpi_session.hpp"
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
       .threads_help = "OpenMP threads over the temperatures (0 = all cores); results do not "
                       "depend on it"});
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

// Unit k's result as bytes and back: the points are plain structs of doubles and flags.
template <class Point>
std::vector<std::byte> point_bytes(const Point& point) {
  static_assert(std::is_trivially_copyable_v<Point>);
  const auto bytes = std::as_bytes(std::span(&point, 1));
  return {bytes.begin(), bytes.end()};
}

template <class Point>
void set_point(Point& point, std::span<const std::byte> bytes) {
  static_assert(std::is_trivially_copyable_v<Point>);
  if (bytes.size() != sizeof(Point)) {
    throw std::runtime_error("a temperature point of " + std::to_string(bytes.size()) +
                             " bytes, expected " + std::to_string(sizeof(Point)));
  }
  std::memcpy(&point, bytes.data(), sizeof(Point));
}

// points[k] = solve(T[k]) for every temperature, shared out over the ranks and their threads;
// complete on rank 0 only.
template <class Point, class Solve>
void solve_points(const dhn::cli::MpiSession& mpi, const Options& o, const std::vector<double>& T,
                  std::vector<Point>& points, const Solve& solve) {
  points.assign(T.size(), Point{});
  dhn::cli::Progress progress("glassiness", "temperatures", o.common.quiet || !mpi.is_root());
  dhn::cli::run_distributed(
      mpi,
      {.units = T.size(),
       .threads = o.common.threads,
       .compute = [&](std::size_t k) { points[k] = solve(T[k]); },
       .pack = [&](std::size_t k) { return point_bytes(points[k]); },
       .unpack = [&](std::size_t k,
                     std::span<const std::byte> bytes) { set_point(points[k], bytes); },
       .progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); }});
  progress.finish();
}

int run(const dhn::cli::MpiSession& mpi, const Options& o, int argc, char** argv) {
  const dhn::Convention convention = o.common.parsed_convention();
  const int P = o.common.P;
  // the T grid and the load in convention B; theory validates them with the level
  std::vector<double> T;
  if (o.T_grid) T = dhn::cli::parse_grid(*o.T_grid, "--t-grid");
  for (double& t : T) t = dhn::temperature_to_B(t, P, convention);
  const bool rsb1 = o.levels != "rs";
  const dhn::Model model{P, o.common.parsed_variant(), dhn::alpha_to_B(o.alpha, P, convention)};
  // rank 0 alone writes: it alone checks and locks the output
  std::optional<dhn::analysis::OutputLock> lock;
  if (mpi.is_root()) lock.emplace(dhn::cli::lock_output(o.common.output, "--output"));
  const bool quiet = o.common.quiet || !mpi.is_root();
  T = dhn::theory::glassiness_temperatures(model, rsb1, std::move(T));
  const double alpha = model.alpha;
  if (!quiet) {
    fmt::print(stderr,
               "glassiness: P = {}, variant distinct, alpha = {} (convention B), levels {}, {} T "
               "points in [{}, {}] (convention B), output {}{}\n",
               P, alpha, o.levels, T.size(), T.front(), T.back(), o.common.output,
               mpi.size() > 1 ? fmt::format(", {} MPI ranks", mpi.size()) : "");
  }

  dhn::analysis::GlassinessCurves curves;
  curves.P = P;
  curves.alpha = alpha;
  curves.rsb1 = rsb1;
  if (P == 2) {
    solve_points(mpi, o, T, curves.split, [&](double t) {
      const dhn::theory::HopfieldGlassSplit point = dhn::theory::hopfield_glass_split(alpha, t);
      // kept as NaN with its status, as phase-diagram does
      return point.converged ? point : dhn::theory::HopfieldGlassSplit{.alpha = alpha, .T = t};
    });
    const auto unsolved =
        std::count_if(curves.split.begin(), curves.split.end(),
                      [](const dhn::theory::HopfieldGlassSplit& p) { return !p.converged; });
    if (unsolved > 0 && !quiet) {
      fmt::print(stderr,
                 "glassiness: the m = 0 state did not converge at {} of {} temperatures "
                 "(NaN there, /glassiness/converged = 0)\n",
                 unsolved, T.size());
    }
  } else {
    const dhn::theory::HardOnlyGlassMatch match(P, alpha, rsb1);
    curves.network_lines = match.network_lines();
    curves.ising_lines = match.ising_lines();
    solve_points(mpi, o, T, curves.hard_only, [&](double t) { return match.at(t); });
  }
  if (!mpi.is_root()) return dhn::cli::kExitOk;

  dhn::analysis::write_glassiness(
      o.common.output, curves,
      dhn::analysis::make_provenance(argc, argv, o.common.threads, mpi.size()));
  if (!quiet) fmt::print(stderr, "glassiness: wrote {}\n", o.common.output);
  return dhn::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // first: MPI may take its own arguments out of argv
  dhn::cli::MpiSession mpi(argc, argv, "glassiness");
  CLI::App app{
      "m = 0 free energy of the dense network against the hard (SK / Ising P-spin) and soft "
      "(Gaussian) glasses, convention B",
      "glassiness"};
  Options options;
  register_options(app, options);
  return mpi.finish(
      dhn::cli::run_main(app, argc, argv, [&] { return run(mpi, options, argc, argv); }));
}

// glassiness: the network's m = 0 free energy over T at fixed alpha, split for P = 2 into a hard
// (SK) and a soft (Gaussian) part, matched for P > 2 to the Ising P-spin glass; written to HDF5.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/grid_spec.hpp"
#include "common/progress.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/glassiness_io.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/theory/glassiness.hpp"

namespace {

struct Options {
  int P = 2;                  // interaction order, 2..12 (variant distinct)
  double alpha = NAN;         // load, convention B, > 0 (required)
  std::string T_grid;         // start:stop:step or a,b,c, convention B; "" = default
  std::string levels = "rs";  // rs, or rs,1rsb (P > 2 only)
  std::string output;         // HDF5 file (required)
  bool quiet = false;         // no progress output
};

void register_options(CLI::App& app, Options& o) {
  app.add_option("--p", o.P, "interaction order P (variant distinct)")
      ->check(CLI::Range(2, dhn::kMaxP))
      ->capture_default_str();
  app.add_option("--alpha", o.alpha, "load alpha = K/N^(P-1) > 0, convention B")->required();
  app.add_option("--t-grid", o.T_grid,
                 "temperature grid start:stop:step or a,b,c (T > 0, convention B); default 150 "
                 "points up to 1.5 (1 + sqrt(alpha)) for P = 2, up to 2 T_s (1RSB) for P > 2");
  app.add_option("--level", o.levels,
                 "replica levels: rs, or rs,1rsb (P > 2: adds the 1RSB network and Ising free "
                 "energies; no finite-T 1RSB exists here for P = 2)")
      ->check(CLI::IsMember({"rs", "rs,1rsb", "1rsb,rs"}))
      ->capture_default_str();
  app.add_option("--output", o.output, "HDF5 output file (written atomically)")->required();
  app.add_flag("--quiet", o.quiet, "no progress output");
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

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

std::vector<double> temperatures(const Options& o) {
  if (o.T_grid.empty()) {
    const double top =
        o.P == 2 ? 1.5 * (1.0 + std::sqrt(o.alpha))
                 : 2.0 * dhn::theory::rsb1_glass_lines(
                             dhn::NoiseCovariance(dhn::Model{o.P, dhn::Variant::distinct, o.alpha}))
                             .T_s;
    if (!std::isfinite(top)) throw std::runtime_error("no 1RSB glass line for the default T grid");
    return dhn::cli::linear_grid(top / 150.0, top, 150);
  }
  std::vector<double> T = dhn::cli::parse_grid(o.T_grid, "--t-grid");
  for (double t : T) {
    if (!(t > 0.0)) {
      throw std::invalid_argument("--t-grid: T = " + number(t) +
                                  " is out of range: accepted T > 0");
    }
  }
  return T;
}

int run(const Options& o, int argc, char** argv) {
  if (!(o.alpha > 0.0) || !std::isfinite(o.alpha)) {
    throw std::invalid_argument("--alpha: alpha = " + number(o.alpha) +
                                " is out of range: accepted 0 < alpha < infinity");
  }
  const bool rsb1 = o.levels != "rs";
  if (rsb1 && o.P == 2) {
    throw std::invalid_argument(
        "--level: rs,1rsb needs --p >= 3 (accepted for P = 2: rs; the Hopfield 1RSB is T = 0 "
        "only)");
  }
  require_writable(o.output, "--output");
  const std::vector<double> T = temperatures(o);
  if (!o.quiet) {
    fmt::print(stderr,
               "glassiness: P = {}, variant distinct, alpha = {} (convention B), levels {}, {} T "
               "points in [{}, {}], output {}\n",
               o.P, o.alpha, o.levels, T.size(), T.front(), T.back(), o.output);
  }

  dhn::analysis::GlassinessCurves curves;
  curves.P = o.P;
  curves.alpha = o.alpha;
  curves.rsb1 = rsb1;
  dhn::cli::Progress progress("glassiness", "temperatures", o.quiet);
  if (o.P == 2) {
    for (std::size_t k = 0; k < T.size(); ++k) {
      curves.split.push_back(dhn::theory::hopfield_glass_split(o.alpha, T[k]));
      if (!curves.split.back().converged) {
        throw std::runtime_error("the m = 0 state did not converge at T = " + number(T[k]));
      }
      progress.update(k + 1, T.size());
    }
  } else {
    const dhn::theory::HardOnlyGlassMatch match(o.P, o.alpha, rsb1);
    curves.network_lines = match.network_lines();
    curves.ising_lines = match.ising_lines();
    for (std::size_t k = 0; k < T.size(); ++k) {
      curves.hard_only.push_back(match.at(T[k]));
      progress.update(k + 1, T.size());
    }
  }
  progress.finish();

  dhn::analysis::write_glassiness(o.output, curves, dhn::analysis::make_provenance(argc, argv, 1));
  if (!o.quiet) fmt::print(stderr, "glassiness: wrote {}\n", o.output);
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

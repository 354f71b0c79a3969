// The options every program takes, declared once: --p, --variant, --convention, --output,
// --threads, --quiet. The values are parsed and validated by the libraries that own them
// (model/: P, variant, convention); the programs only declare, call and print.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "dhn/analysis/output_lock.hpp"
#include "dhn/model/model.hpp"
#include "dhn/model/units.hpp"

namespace dhn::cli {

struct CommonOptions {
  int P = 4;                         // interaction order, 2 <= P <= kMaxP (model.hpp)
  std::string variant = "distinct";  // distinct | full (physics.md section 1)
  std::string convention = "B";      // units of the inputs and outputs: B (this suite) or G
  std::string output;                // HDF5 output file, written atomically
  int threads = 0;                   // OpenMP threads, 0 = all cores
  bool quiet = false;                // no progress output on stderr

  // Parsed by model/ (ParameterError naming the option otherwise).
  Variant parsed_variant() const;
  Convention parsed_convention() const;
  // The model at load alpha (convention B), validated by model/ (P named as --p).
  Model model(double alpha_B = 0.0) const;
};

// What differs between the programs in the common options.
struct CommonOptionDefaults {
  int P = 4;                    // default of --p
  bool output_required = true;  // --output must be given
  std::string output_help = "HDF5 output file (written atomically)";
  std::string convention_help =  // what --convention converts in this program
      "units of alpha, T and f: B (this suite) or G (alpha_G = P! alpha_B, T_G = P! T_B)";
  std::string threads_help = "OpenMP threads (0 = all cores); results do not depend on it";
};

// Declares the six options on app, bound to o (o's P takes defaults.P).
void add_common_options(CLI::App& app, CommonOptions& o, const CommonOptionDefaults& defaults);

// An output path that cannot be written is bad input (exit 2), found before any computation:
// throws std::invalid_argument naming `flag`.
void require_writable(const std::string& path, const std::string& flag);
// require_writable, then the exclusive lock on path for the caller's lifetime (output_lock.hpp):
// std::invalid_argument naming the flag and the holder's PID when another run writes path.
[[nodiscard]] analysis::OutputLock lock_output(const std::string& path, const std::string& flag);

}  // namespace dhn::cli

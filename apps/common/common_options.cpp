#include "common_options.hpp"

#include <stdexcept>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::cli {

Variant CommonOptions::parsed_variant() const {
  return parse_variant(variant);
}

Convention CommonOptions::parsed_convention() const {
  return parse_convention(convention);
}

Model CommonOptions::model(double alpha_B) const {
  const Model m{P, parsed_variant(), alpha_B};
  validate(m);
  return m;
}

void add_common_options(CLI::App& app, CommonOptions& o, const CommonOptionDefaults& defaults) {
  o.P = defaults.P;
  app.add_option("--p", o.P, "interaction order P, 2 <= P <= " + std::to_string(kMaxP))
      ->capture_default_str();
  app.add_option("--variant", o.variant,
                 "index tuples: distinct (i1 < ... < iP) or full (all tuples, diagonal kept)")
      ->capture_default_str();
  app.add_option("--convention", o.convention, defaults.convention_help)->capture_default_str();
  CLI::Option* output = app.add_option("--output", o.output, defaults.output_help);
  if (defaults.output_required) output->required();
  app.add_option("--threads", o.threads, defaults.threads_help)->check(CLI::Range(0, 1024));
  app.add_flag("--quiet", o.quiet, "no progress output");
}

void require_writable(const std::string& path, const std::string& flag) {
  try {
    analysis::AtomicH5File::check_writable(path);
  } catch (const std::runtime_error& e) {
    throw std::invalid_argument(flag + ": " + e.what() +
                                " (accepted: a path in an existing, writable directory)");
  }
}

analysis::OutputLock lock_output(const std::string& path, const std::string& flag) {
  require_writable(path, flag);
  try {
    analysis::OutputLock lock(path);
    // with the lock held no other writer of path is alive: what a killed one left can go now
    analysis::AtomicH5File::remove_stale_temporaries(path);
    return lock;
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(flag + ": " + e.what());
  }
}

}  // namespace dhn::cli

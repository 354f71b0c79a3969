// mc merge OUT PART...: the parts of a job array (mc --sample-range) joined into the file one
// process running every sample would have written (analysis/mc_merge.hpp checks and concatenates
// the parts' states; the summary over samples is computed here as mc computes it).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common/common_options.hpp"
#include "common/option_checks.hpp"
#include "common/run_main.hpp"
#include "dhn/analysis/mc_io.hpp"
#include "dhn/analysis/mc_merge.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "mc_subcommands.hpp"

namespace dhn::cli {

namespace {
struct MergeOptions {
  std::string output;              // the whole run's results file, written atomically
  std::vector<std::string> parts;  // results files of mc --sample-range, any order
  bool quiet = false;              // no report on stderr
};
}  // namespace

int mc_merge_main(int argc, char** argv, int full_argc, char** full_argv) {
  CLI::App app{
      "Joins the parts of a job array (results files of mc --sample-range a:b, in any order) "
      "into the results file that one mc process running every sample writes, dataset by "
      "dataset. Refuses (exit 2, naming the parts) parts of different runs, overlapping parts, "
      "missing samples and unreadable files.",
      "mc merge"};
  MergeOptions o;
  app.add_option("OUT", o.output, "the merged results file (written atomically)")->required();
  app.add_option("PART", o.parts, "the parts, one or more")->required()->expected(1, -1);
  app.add_flag("--quiet", o.quiet, "no report on stderr");
  return run_main(app, argc, argv, [&] {
    const auto lock = lock_output(o.output, "OUT");
    for (const std::string& part : o.parts) {
      if (same_file(o.output, part))
        throw std::invalid_argument("OUT " + o.output + " is the part " + part +
                                    " (accepted: another file)");
    }
    const analysis::McMerged merged = analysis::merge_mc_parts(o.parts);
    const montecarlo::TemperingSummary summary = montecarlo::summarize(
        merged.parameters, merged.state.accumulators, merged.state.round_trips);
    analysis::write_mc_results(o.output, merged.parameters, merged.state, summary,
                               analysis::make_provenance(full_argc, full_argv, 0), merged.info);
    if (!o.quiet)
      fmt::print(stderr, "mc merge: wrote {} ({} samples from {} parts)\n", o.output,
                 merged.parameters.samples, o.parts.size());
    return kExitOk;
  });
}

}  // namespace dhn::cli

// mc's subcommands besides the run itself: `mc merge OUT PART...` joins the parts of a job array
// (mc --sample-range) into the whole run's results file, `mc status FILE` describes a results
// file, a part or a checkpoint. main() hands them argv from the subcommand's name on.
#pragma once

namespace dhn::cli {

// argc/argv start at the subcommand's name ("merge", "status"); full_argc/full_argv are mc's
// whole command line, stored as the merged file's provenance. Exit codes as mc's: 0 done, 1
// runtime failure, 2 bad input (a refused part, an unreadable file).
int mc_merge_main(int argc, char** argv, int full_argc, char** full_argv);
int mc_status_main(int argc, char** argv);

}  // namespace dhn::cli

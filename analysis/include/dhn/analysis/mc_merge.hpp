// Merging the parts of a job array (mc --sample-range a:b, docs/clusters.md) back into the run
// they are slices of: checks that the parts belong to one run and cover its samples exactly once.
#pragma once

#include <string>
#include <vector>

#include "dhn/analysis/mc_io.hpp"

namespace dhn::analysis {

// The whole run rebuilt from its parts: whole parameters (first_sample 0, no total) and the
// state whose sample rows are the parts' in sample order. The state is exactly the one a single
// process would have ended with (every Philox key holds the global sample index), so
// write_mc_results(path, parameters, state, summarize(parameters, ...), ...) writes its file.
struct McMerged {
  montecarlo::TemperingParameters parameters;
  montecarlo::TemperingState state;
  // wall_seconds, resumes and checkpoints summed over the parts; backend their distinct
  // backends joined by ','; alpha_requested and save_patterns as in every part.
  McRunInfo info;
};

// Reads the parts (read_mc_part, in any order) and merges them. Throws std::invalid_argument,
// naming the parts concerned, when a part cannot be read or is not a part, when two parts
// belong to different runs (other parameters, other --samples, other --alpha, one with
// --save-patterns and one without), when two parts overlap, or when samples are missing
// between them or at either end.
McMerged merge_mc_parts(const std::vector<std::string>& paths);

}  // namespace dhn::analysis

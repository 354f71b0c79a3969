// The Monte Carlo HDF5 files of docs/hdf5-schema.md ("Monte Carlo files"): the results of a
// finished tempering run under /mc, and the checkpoint holding a run's whole state. Both are
// written atomically (AtomicH5File); temperatures and energies are in convention B.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include <H5Cpp.h>

#include "dhn/analysis/provenance.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"

namespace dhn::analysis {

// Bookkeeping of a run across invocations; attributes of /mc/meta and /meta, never datasets, so
// that results can be compared dataset by dataset between runs.
struct McRunInfo {
  double wall_seconds = 0.0;     // wall time summed over all invocations so far
  int resumes = 0;               // how often the run was resumed from a checkpoint
  std::int64_t checkpoints = 0;  // checkpoints written so far
  double alpha_requested = std::numeric_limits<double>::quiet_NaN();  // --alpha, NaN if --k
  std::string backend = "cpu";  // where this invocation ran the walkers: cpu or cuda
  bool save_patterns = false;   // also store every sample's patterns as /mc/patterns
};

// Writes the results file (dhn_type "mc") of a finished run from its parameters, its final state
// and its summary (summarize of tempering_summary.hpp): the per-sample datasets are the state's
// rows, so the file is a function of (p, state). A part of a job array (slice(p), mc
// --sample-range) also keeps the state whole as /mc/state, from which mc merge rebuilds the
// whole run's file (mc_merge.hpp). Requires state.sweep == total_sweeps(p).
void write_mc_results(const std::string& path, const montecarlo::TemperingParameters& p,
                      const montecarlo::TemperingState& state,
                      const montecarlo::TemperingSummary& summary, const Provenance& provenance,
                      const McRunInfo& info);
// The same for a run object. Requires run.finished().
void write_mc_results(const std::string& path, const montecarlo::Tempering& run,
                      const montecarlo::TemperingSummary& summary, const Provenance& provenance,
                      const McRunInfo& info);

// Writes the checkpoint (dhn_type "mc_checkpoint"): parameters, run.state() and info.
void write_mc_checkpoint(const std::string& path, const montecarlo::Tempering& run,
                         const Provenance& provenance, const McRunInfo& info);
// The same from the parameters and a state of their shapes (an MPI run's state gathered from
// its ranks: apps/mc_on_ranks.hpp).
void write_mc_checkpoint(const std::string& path, const montecarlo::TemperingParameters& p,
                         const montecarlo::TemperingState& state, const Provenance& provenance,
                         const McRunInfo& info);

struct McCheckpoint {
  montecarlo::TemperingParameters parameters;  // as stored (kernel: polynomial)
  montecarlo::TemperingState state;
  McRunInfo info;
};

// Reads a checkpoint. Throws std::invalid_argument("checkpoint <path> cannot be read: ...")
// when the file is missing, is not HDF5, has another dhn_type or schema_version, or lacks or
// misshapes a dataset.
McCheckpoint read_mc_checkpoint(const std::string& path);

// The parameters group of a results file or checkpoint (/mc/parameters, /parameters), not yet
// validated, and the bookkeeping of its meta group (/mc/meta, /meta) with alpha_requested from
// the parameters group. Throw H5::Exception or std::invalid_argument on a missing or malformed
// attribute.
montecarlo::TemperingParameters read_mc_parameters(const H5::Group& parameters);
McRunInfo read_mc_info(const H5::Group& meta, const H5::Group& parameters);

// A part of a job array: the results file of a slice (mc --sample-range), with its state.
struct McPart {
  montecarlo::TemperingParameters parameters;  // slice(parameters) holds
  montecarlo::TemperingState state;            // at the last sweep
  McRunInfo info;                              // save_patterns: whether /mc/patterns is there
};

// Reads a part. Throws std::invalid_argument("part <path> cannot be read: ...") when the file is
// missing, is not HDF5, is not an mc results file, is a whole run's file (no slice attributes
// or no /mc/state), or lacks or misshapes a dataset of the state, or the state fails its digest.
McPart read_mc_part(const std::string& path);

}  // namespace dhn::analysis

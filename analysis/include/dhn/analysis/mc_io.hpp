// The Monte Carlo HDF5 files of docs/hdf5-schema.md ("Monte Carlo files"): the results of a
// finished tempering run under /mc, and the checkpoint holding a run's whole state. Both are
// written atomically (AtomicH5File); temperatures and energies are in convention B.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

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

// Writes the results file (dhn_type "mc"). Requires run.finished().
void write_mc_results(const std::string& path, const montecarlo::Tempering& run,
                      const montecarlo::TemperingSummary& summary, const Provenance& provenance,
                      const McRunInfo& info);

// Writes the checkpoint (dhn_type "mc_checkpoint"): parameters, run.state() and info.
void write_mc_checkpoint(const std::string& path, const montecarlo::Tempering& run,
                         const Provenance& provenance, const McRunInfo& info);

struct McCheckpoint {
  montecarlo::TemperingParameters parameters;  // as stored (kernel: polynomial)
  montecarlo::TemperingState state;
  McRunInfo info;
};

// Reads a checkpoint. Throws std::invalid_argument("checkpoint <path> cannot be read: ...")
// when the file is missing, is not HDF5, has another dhn_type or schema_version, or lacks or
// misshapes a dataset.
McCheckpoint read_mc_checkpoint(const std::string& path);

}  // namespace dhn::analysis

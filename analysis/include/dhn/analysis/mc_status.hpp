// What `mc status` reports of a Monte Carlo file (a results file, a job array's part or a
// checkpoint): the run's parameters, how far it got and which samples it holds.
#pragma once

#include <cstdint>
#include <string>

#include "dhn/analysis/mc_io.hpp"
#include "dhn/analysis/provenance.hpp"

namespace dhn::analysis {

struct McStatus {
  enum class Kind {
    results,     // a finished run's results (dhn_type "mc")
    part,        // the results of a slice of a run (mc --sample-range), with its state
    checkpoint,  // a run's checkpoint (dhn_type "mc_checkpoint")
  };
  Kind kind = Kind::results;
  montecarlo::TemperingParameters parameters;  // validated
  McRunInfo info;
  std::int64_t sweep = 0;  // sweeps done, thermalisation included
  Provenance provenance;   // as stored (empty strings where an attribute is missing)
};

// Reads the parameters, bookkeeping and sweep count of path without its state arrays. Throws
// std::invalid_argument("<path> cannot be read as an mc results file or checkpoint: ...") when
// the file is missing, is not HDF5, has another dhn_type, or lacks a parameter.
McStatus read_mc_status(const std::string& path);

}  // namespace dhn::analysis

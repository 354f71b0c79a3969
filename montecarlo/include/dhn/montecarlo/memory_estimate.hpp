// What a run of the CPU engine will hold in memory, estimated from its parameters before
// anything is allocated, so that a request that cannot fit is refused at once naming the
// parameters (issue 16) instead of failing late with bad_alloc or an abort.
#pragma once

#include <cstdint>
#include <string>

#include "dhn/montecarlo/tempering_parameters.hpp"

namespace dhn::montecarlo {

struct MemoryEstimate {
  double patterns = 0;  // samples x K x N int8 (site-major) + its bit-packed copy (N K / 8 bytes)
  double walkers = 0;   // samples x replicas x slots x (N int8 spins + K int32 overlaps + K int32
                        // flip weights of the polynomial kernel)
  double accumulators = 0;   // time bins, windows and histograms, twice: the run and a summary
  double outputs = 0;        // the results or checkpoint image built in memory (h5_file.hpp)
  double batch_records = 0;  // a batch of chain sweeps' records (tempering.hpp: <= 64 MiB)
  double total() const { return patterns + walkers + accumulators + outputs + batch_records; }
  // "1.2 GB (patterns 1.0 GB, walkers ...)" for the progress header and the refusal
  std::string describe() const;
};

MemoryEstimate estimate_memory(const TemperingParameters& p);

// Bytes the system can give without swapping: MemAvailable of /proc/meminfo (Linux), else the
// free physical pages; 0 when unknown (no check is made then).
double available_memory_bytes();

}  // namespace dhn::montecarlo

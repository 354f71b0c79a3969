#include "dhn/montecarlo/memory_estimate.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "dhn/montecarlo/accumulators.hpp"

#include "chain_batch.hpp"
#include "dhn/montecarlo/tempering.hpp"

namespace dhn::montecarlo {
namespace {

std::string bytes_text(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (bytes >= 1000.0 && u < 5) {
    bytes /= 1000.0;
    ++u;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.3g %s", bytes, units[u]);
  return text;
}

}  // namespace

std::string MemoryEstimate::describe() const {
  return bytes_text(total()) + " (patterns " + bytes_text(patterns) + ", walkers " +
         bytes_text(walkers) + ", accumulators " + bytes_text(accumulators) + ", output images " +
         bytes_text(outputs) + ", batch records " + bytes_text(batch_records) + ")";
}

MemoryEstimate estimate_memory(const TemperingParameters& p) {
  const double D = p.samples, R = p.replicas, L = static_cast<double>(p.T.size()), N = p.N,
               K = static_cast<double>(p.K);
  MemoryEstimate e;
  // int8 rows and their bit-packed copy, and the row moments (row_moments.hpp: N^2 int64
  // correlations at even P >= 4, N int64 row sums at odd P)
  const double moments = p.P % 2 == 1 ? 8.0 * N : (p.P >= 4 ? 8.0 * N * N : 0.0);
  e.patterns = D * (K * N * (1.0 + 1.0 / 8.0) + moments);
  // spins, int32 overlaps and the polynomial kernel's int32 weights and int16 overlaps (int64
  // weights when the int32 bound fails: counted as int32, a factor 1.4 at most on this term for
  // very large N)
  e.walkers = D * R * L * (N + 10.0 * K);
  double per_slot = 8.0 * (bin_count(p) + window_count(p)) * kObservables  // sums
                    + 8.0 * 2.0 * (N + 1.0)                                // q and m histograms
                    + 8.0 * 3.0;                                           // flip and swap counts
  if (umbrella(p)) per_slot += 8.0 * (N + 1.0) * (1.0 + kOtherOverlapBins);
  e.accumulators = 2.0 * D * L * per_slot;
  // the results or a checkpoint image (one at a time): the accumulators once more, the spins; a
  // part of a job array (mc --sample-range) keeps its state in its results as well: twice that
  e.outputs = (slice(p) ? 2.0 : 1.0) * (D * L * per_slot + D * R * L * N);
  // a batch of chain sweeps records at most kBatchRecordBytes, and at least one sweep's records
  const double per_sweep = static_cast<double>(ChainBatch::bytes_per_sweep(p));
  e.batch_records = std::max(
      per_sweep,
      std::min(static_cast<double>(kBatchRecordBytes),
               per_sweep * static_cast<double>(std::max<std::int64_t>(1, total_sweeps(p)))));
  return e;
}

double available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string key;
    double kilobytes = 0;
    if (fields >> key >> kilobytes && key == "MemAvailable:") return kilobytes * 1024.0;
  }
  const long pages = ::sysconf(_SC_AVPHYS_PAGES), size = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && size > 0 ? static_cast<double>(pages) * static_cast<double>(size) : 0.0;
}

}  // namespace dhn::montecarlo

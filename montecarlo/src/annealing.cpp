#include "dhn/montecarlo/annealing.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "dhn/montecarlo/observables.hpp"

namespace dhn::montecarlo {

std::vector<AnnealStage> geometric_cooling(double T_start, double T_end, int stages,
                                           std::int64_t sweeps_per_stage) {
  if (!(T_end > 0.0 && T_end < T_start && std::isfinite(T_start)) || stages < 2 ||
      sweeps_per_stage < 1) {
    throw std::invalid_argument("geometric cooling from T = " + std::to_string(T_start) + " to " +
                                std::to_string(T_end) + " in " + std::to_string(stages) +
                                " stages of " + std::to_string(sweeps_per_stage) +
                                " sweeps: accepted 0 < T_end < T_start, stages >= 2, sweeps >= 1");
  }
  std::vector<AnnealStage> schedule;
  for (int j = 0; j < stages; ++j) {
    const double T = j == stages - 1 ? T_end
                                     : T_start * std::pow(T_end / T_start,
                                                          static_cast<double>(j) / (stages - 1));
    schedule.push_back({T, sweeps_per_stage});
  }
  return schedule;
}

std::vector<AnnealRecord> anneal(Replica& replica, const std::vector<AnnealStage>& stages,
                                 UpdateRule rule, SiteOrder order, const ReplicaKey& key,
                                 std::uint64_t first_sweep) {
  for (const AnnealStage& s : stages) {
    if (!(s.T >= 0.0) || s.sweeps < 1) {
      throw std::invalid_argument("annealing stage T = " + std::to_string(s.T) + ", " +
                                  std::to_string(s.sweeps) +
                                  " sweeps: accepted T >= 0 and sweeps >= 1");
    }
  }
  std::vector<AnnealRecord> records;
  std::uint64_t t = first_sweep;
  for (const AnnealStage& s : stages) {
    const double beta = s.T > 0.0 ? 1.0 / s.T : std::numeric_limits<double>::infinity();
    AnnealRecord record;
    record.T = s.T;
    for (std::int64_t n = 0; n < s.sweeps; ++n)
      record.accepted += sweep(replica, {beta, rule, order}, key, t++);
    record.e = energy_per_spin(replica);
    record.m = cued_overlap(replica);
    record.max_m = max_overlap(replica);
    records.push_back(record);
  }
  return records;
}

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/overlap_trajectory.hpp"

#include <stdexcept>
#include <string>

namespace dhn::montecarlo {

std::vector<double> cued_overlap_trajectory(Replica& replica, const SweepParameters& parameters,
                                            const ReplicaKey& key, int sweeps,
                                            std::uint64_t first_sweep) {
  if (sweeps < 0) throw std::invalid_argument("sweeps must be >= 0, got " + std::to_string(sweeps));
  const double N = static_cast<double>(replica.N());
  std::vector<double> m;
  m.reserve(static_cast<std::size_t>(sweeps) + 1);
  m.push_back(replica.overlaps()[0] / N);
  for (int k = 0; k < sweeps; ++k) {
    sweep(replica, parameters, key, first_sweep + static_cast<std::uint64_t>(k));
    m.push_back(replica.overlaps()[0] / N);
  }
  return m;
}

}  // namespace dhn::montecarlo

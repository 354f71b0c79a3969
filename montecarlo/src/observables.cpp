#include "dhn/montecarlo/observables.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace dhn::montecarlo {

double energy_per_spin(const Replica& replica) {
  return replica.energy() / replica.N();
}

double cued_overlap(const Replica& replica) {
  return static_cast<double>(replica.overlaps()[0]) / replica.N();
}

double max_overlap(const Replica& replica) {
  std::int32_t largest = 0;
  for (std::int32_t S : replica.overlaps()) largest = std::max(largest, std::abs(S));
  return static_cast<double>(largest) / replica.N();
}

double replica_overlap(const Replica& a, const Replica& b) {
  if (a.N() != b.N()) throw std::invalid_argument("replica_overlap: replicas differ in N");
  std::int64_t sum = 0;
  for (int i = 0; i < a.N(); ++i) sum += a.spins()[i] * b.spins()[i];
  return static_cast<double>(sum) / a.N();
}

}  // namespace dhn::montecarlo

// The T = 0 storage capacities of one replica level for any P: RS (zero_temperature.hpp), 1RSB
// for P >= 3 (rsb1_capacity.hpp) or the Steffan-Kuehn 1RSB of the Hopfield model (P = 2,
// rsb1_hopfield.hpp). Convention B.
#pragma once

#include <cmath>

#include "dhn/model/model.hpp"
#include "dhn/theory/line_status.hpp"
#include "dhn/theory/replica_level.hpp"

namespace dhn::theory {

struct StorageCapacity {
  ReplicaLevel level = ReplicaLevel::rs;
  double alpha_spinodal = NAN;  // largest alpha with a T = 0 retrieval solution
  double m_spinodal = NAN;      // m there
  double alpha_global = NAN;    // retrieval energy equals the glass ground state of the level
  double m_global = NAN;        // m there
  double q1 = NAN;              // 1RSB: q1 (P >= 3) or q0 (P = 2) at the spinodal
  double mu = NAN;              // 1RSB: Parisi parameter over temperature at the spinodal
  LineStatus status = LineStatus::absent;  // found when the spinodal was located
};

StorageCapacity storage_capacity(const Model& model, ReplicaLevel level);

}  // namespace dhn::theory

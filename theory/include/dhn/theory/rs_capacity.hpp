// The T = 0 storage capacities at the RS level: the retrieval spinodal and the load where
// retrieval stops being the ground state (physics.md section 3), convention B.
#pragma once

#include <cmath>

namespace dhn::theory {

struct RsCapacity {
  double alpha_spinodal = NAN;  // largest alpha with a T = 0 retrieval solution
  double m_spinodal = NAN;      // m at that alpha
  double alpha_global = NAN;    // retrieval energy equals the RS spin-glass ground state
  double m_global = NAN;        // m at alpha_global
};

}  // namespace dhn::theory

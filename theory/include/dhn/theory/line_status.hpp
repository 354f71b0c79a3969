// Why a line's search stopped at one alpha: the status code that the solvers return with each
// line point and the app writes next to every line (the *_status datasets).
#pragma once

#include <cstdint>

namespace dhn::theory {

// Why a line's continuation stopped at one alpha (written to /rs/lines/*_status).
enum class LineStatus : std::int32_t {
  found = 0,           // the line exists at this alpha and was located to tolerance
  absent = 1,          // the transition does not exist at this alpha (NaN in the line)
  budget_spent = 2,    // the iteration budget ran out before the tolerance was met
  step_too_small = 3,  // continuation step fell below its minimum (no fold found)
};

}  // namespace dhn::theory

// The temperature ladder of parallel tempering: a geometric ladder between two temperatures, or
// a given list, checked to be finite, positive and strictly increasing (convention B).
#pragma once

#include <vector>

namespace dhn::montecarlo {

// count temperatures T_k = T_min (T_max / T_min)^(k / (count - 1)), k = 0..count-1, convention B;
// T_0 = T_min and T_(count-1) = T_max exactly. count = 1 gives {T_min} and needs T_min = T_max.
// Geometric spacing keeps the swap acceptance roughly even when the specific heat is flat.
// Throws std::invalid_argument naming the value and the accepted range.
std::vector<double> geometric_ladder(double T_min, double T_max, int count);

// Throws std::invalid_argument unless the ladder is non-empty and every T is finite, > 0 and
// strictly larger than the one before (slot 0 is the coldest).
void validate_ladder(const std::vector<double>& T);

}  // namespace dhn::montecarlo

// The temperature ladder of parallel tempering: a geometric ladder between two temperatures, or
// a given list, checked to be finite, positive and strictly increasing (convention B), and its
// text form (the `temps` parameter of mc: "Tmin:Tmax:count" or "T1,T2,...").
#pragma once

#include <string_view>
#include <vector>

namespace dhn::montecarlo {

// count temperatures T_k = T_min (T_max / T_min)^(k / (count - 1)), k = 0..count-1, convention B;
// T_0 = T_min and T_(count-1) = T_max exactly. count = 1 gives {T_min} and needs T_min = T_max.
// Geometric spacing keeps the swap acceptance roughly even when the specific heat is flat.
// Throws ParameterError("temps", ...) naming the value and the accepted range.
std::vector<double> geometric_ladder(double T_min, double T_max, int count);

// Throws ParameterError("temps", ...) unless the ladder is non-empty and every T is finite, > 0
// and strictly larger than the one before (slot 0 is the coldest).
void validate_ladder(const std::vector<double>& T);

// "Tmin:Tmax:count" -> geometric_ladder(Tmin, Tmax, count); "T1,T2,..." (or one "T") -> that list,
// parsed only (validate of tempering_parameters.hpp checks it with validate_ladder). Throws
// ParameterError("temps", ...) naming the offending text and the accepted forms.
std::vector<double> parse_ladder(std::string_view text);

// Umbrella windows in m (the `windows` option of mc): "lo:hi:count" gives count windows of width
// 2 d, d = (hi - lo) / (count + 1), window k = [lo + k d, lo + (k + 2) d], so that each overlaps
// half of each neighbour and together they cover [lo, hi]. Throws ParameterError("windows", ...)
// for malformed text or count < 2; the windows themselves are checked by validate.
struct UmbrellaWindows {
  std::vector<double> lo, hi;
};
UmbrellaWindows parse_windows(std::string_view text);

}  // namespace dhn::montecarlo

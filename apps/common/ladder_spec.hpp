// Parsing of the temperature-ladder flag of `mc`: "Tmin:Tmax:count" for a geometric ladder of
// count temperatures, or a comma list "T1,T2,..." (a single "T" is a one-slot ladder).
#pragma once

#include <string>
#include <vector>

namespace dhn::cli {

// Convention B temperatures, strictly increasing, > 0. Throws std::invalid_argument naming
// `flag`, the offending text and the accepted forms for anything else (empty text, a count that
// is not an integer >= 1, Tmin >= Tmax with count > 1, a non-increasing list, T <= 0, NaN).
std::vector<double> parse_ladder(const std::string& text, const std::string& flag);

}  // namespace dhn::cli

// Parsing of grid flags: "start:stop:step" (stop included when it falls on the grid) or a comma
// list "a,b,c". Errors name the flag and the accepted form.
#pragma once

#include <string>
#include <vector>

namespace dhn::cli {

// Throws std::invalid_argument naming `flag` for malformed text, NaN, a non-positive step, a
// reversed range (start > stop), an empty result, or a list that is not strictly increasing.
std::vector<double> parse_grid(const std::string& text, const std::string& flag);

}  // namespace dhn::cli

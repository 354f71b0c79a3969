// Checks of option text that CLI11's own validators let through: a negative or too large
// unsigned integer (CLI11 wraps "-1" to 2^64 - 1), NaN in a range (every comparison with NaN is
// false), and two paths that name one file. Each message names the option and the accepted range.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace dhn::cli {

// Decimal text of an integer 0 <= value <= 2^64 - 1 (no sign, no exponent).
CLI::Validator unsigned_64_text(const std::string& option);
// A finite number lo <= value <= hi.
CLI::Validator finite_in_range(const std::string& option, double lo, double hi);
// True when a and b (either may not exist yet) resolve to the same file, symlinks followed.
bool same_file(const std::string& a, const std::string& b);

}  // namespace dhn::cli

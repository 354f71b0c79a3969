#include "option_checks.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::cli {

CLI::Validator unsigned_64_text(const std::string& option) {
  return CLI::Validator(
      [option](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || ec != std::errc() || ptr != end) {
          return option + " = " + text + " is out of range: accepted an integer 0 <= " + option +
                 " <= " + std::to_string(std::numeric_limits<std::uint64_t>::max());
        }
        return {};
      },
      "UINT64");
}

CLI::Validator finite_in_range(const std::string& option, double lo, double hi) {
  return CLI::Validator(
      [option, lo, hi](std::string& text) -> std::string {
        double value = 0.0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value) ||
            value < lo || value > hi) {
          return option + " = " + text + " is out of range: accepted a number " +
                 CLI::detail::to_string(lo) + " <= " + option + " <= " + CLI::detail::to_string(hi);
        }
        return {};
      },
      "FLOAT in [" + CLI::detail::to_string(lo) + " - " + CLI::detail::to_string(hi) + "]");
}

bool same_file(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  // the targets a write would land on (dangling links followed too), then their canonical form
  const fs::path x_target = analysis::AtomicH5File::write_target(a);
  const fs::path y_target = analysis::AtomicH5File::write_target(b);
  std::error_code ec_a, ec_b;
  if (fs::exists(x_target, ec_a) && fs::exists(y_target, ec_b))
    return fs::equivalent(x_target, y_target, ec_a);
  const fs::path x = fs::weakly_canonical(fs::absolute(x_target), ec_a);
  const fs::path y = fs::weakly_canonical(fs::absolute(y_target), ec_b);
  return !ec_a && !ec_b && x == y;
}

}  // namespace dhn::cli

#include "progress.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

namespace dhn::cli {

Progress::Progress(std::string label, std::string unit, bool quiet)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      quiet_(quiet),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

void Progress::update(std::size_t done, std::size_t total) {
  if (quiet_ || total == 0) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const int decile = static_cast<int>(fraction * 10.0);
  if (!tty_ && decile == last_decile_) return;
  last_decile_ = decile;
  const double rate = elapsed > 0.0 ? done / elapsed : 0.0;
  const double eta = rate > 0.0 ? (total - done) / rate : 0.0;
  fmt::print(stderr, "{}{}: {}/{} {} ({:.0f}%), {:.1f} {}/s, {:.1f} s elapsed, ETA {:.1f} s{}",
             tty_ ? "\r" : "", label_, done, total, unit_, 100.0 * fraction, rate, unit_, elapsed,
             eta, tty_ ? "   " : "\n");
  drawn_ = true;
  std::fflush(stderr);
}

void Progress::finish() {
  if (!quiet_ && tty_ && drawn_) fmt::print(stderr, "\n");
}

}  // namespace dhn::cli

// The benchmarks' positional arguments: a number in an accepted range, or a usage line and exit 2
// (for --help and for anything that is not such a number), never an uncaught exception.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace dhn::bench {

// argv[index] as a number in [lo, hi] (fallback when absent); prints `usage` and exits 2 otherwise.
inline double number_argument(int argc, char** argv, int index, double fallback, double lo,
                              double hi, const char* usage) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::printf("usage: %s %s\n", argv[0], usage);
      std::exit(0);
    }
  }
  if (argc <= index) return fallback;
  char* end = nullptr;
  const double value = std::strtod(argv[index], &end);
  if (end == argv[index] || *end != '\0' || !std::isfinite(value) || value < lo || value > hi) {
    std::fprintf(stderr, "%s: argument %d = '%s' is out of range: accepted %g..%g\nusage: %s %s\n",
                 argv[0], index, argv[index], lo, hi, argv[0], usage);
    std::exit(2);
  }
  return value;
}

}  // namespace dhn::bench

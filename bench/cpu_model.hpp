// The machine a benchmark ran on, for its printed header: the CPU model from /proc/cpuinfo.
#pragma once

#include <fstream>
#include <string>

namespace dhn::bench {

inline std::string cpu_model() {
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

}  // namespace dhn::bench

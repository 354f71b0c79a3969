// A progress line on stderr (percent, rate, ETA): redrawn in place on a terminal, printed at
// every 10% otherwise so that CI logs stay short; silent when quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace dhn::cli {

class Progress {
 public:
  Progress(std::string label, std::string unit, bool quiet);
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  std::string label_, unit_;
  bool quiet_;
  bool tty_;
  int last_decile_ = -1;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace dhn::cli

#include "dhn/montecarlo/thread_governor.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dhn::montecarlo {

ThreadGovernor::ThreadGovernor(int threads) : all_(threads), active_(threads) {
  if (threads < 1)
    throw std::invalid_argument("ThreadGovernor: threads = " + std::to_string(threads) +
                                ", accepted >= 1");
}

void ThreadGovernor::observe(const BlockingPool::JobReport& report) {
  if (report.threads == 0 || !(report.seconds > 0.0) || all_ == 1) return;
  window_core_seconds_ += report.cores * report.seconds;
  window_seconds_ += report.seconds;
  since_probe_seconds_ += report.seconds;
  if (window_seconds_ < kWindowSeconds) return;
  decide(window_core_seconds_ / window_seconds_);
  window_core_seconds_ = 0.0;
  window_seconds_ = 0.0;
}

void ThreadGovernor::decide(double cores) {
  const int useful = std::clamp(static_cast<int>(std::ceil(cores - kMargin)), 1, all_);
  if (probing_) {
    // all threads ran: as many as they could keep busy, more or fewer than before
    active_ = useful;
    probing_ = false;
    low_windows_ = 0;
    since_probe_seconds_ = 0.0;
  } else if (useful < active_) {
    // two windows in a row, so that one moment of load does not halve a quiet run
    if (++low_windows_ >= 2) {
      active_ = useful;
      low_windows_ = 0;
      since_probe_seconds_ = 0.0;
    }
  } else {
    low_windows_ = 0;
  }
  if (active_ < all_ && since_probe_seconds_ >= kProbeSeconds) probing_ = true;
}

}  // namespace dhn::montecarlo

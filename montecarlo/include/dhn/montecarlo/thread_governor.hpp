// How many of a run's threads the next batch of chains uses (issue 17, goal 2). On a busy
// machine the scheduler may give the whole process less CPU than its thread count: with Linux's
// autogroups, against one CPU-bound process of another session, a 2-thread process gets one
// core, and its two threads then take turns on it, which delivers a little less than one thread
// running alone (placement, caches). The governor reads what the batch's threads received while
// they worked (BlockingPool::JobReport: the sum of their CPU time / wall time) and runs the
// following batches on as many threads as that many cores can keep busy; every kProbeSeconds of
// batches it tries all threads again, so it returns to them when the competitor leaves. Which
// thread runs which chain never changes the results, only the time.
#pragma once

#include "dhn/montecarlo/blocking_pool.hpp"

namespace dhn::montecarlo {

class ThreadGovernor {
 public:
  // Batch time over which the received cores are averaged before a decision.
  static constexpr double kWindowSeconds = 0.5;
  // Batch time between tries of all threads while fewer are used.
  static constexpr double kProbeSeconds = 8.0;
  // Threads kept: ceil(received cores - kMargin), at least 1 (so 2 threads need > 1.1 cores).
  static constexpr double kMargin = 0.1;

  explicit ThreadGovernor(int threads);

  // The threads of the next batch: all of them on a probe, else those in use.
  int threads_for_next_batch() const { return probing_ ? all_ : active_; }
  int threads_in_use() const { return active_; }
  // The report of the batch run on threads_for_next_batch() threads.
  void observe(const BlockingPool::JobReport& report);

 private:
  void decide(double cores);

  int all_;
  int active_;
  bool probing_ = false;
  double window_core_seconds_ = 0.0;  // sum of cores x seconds in the window
  double window_seconds_ = 0.0;
  int low_windows_ = 0;  // consecutive windows that would keep fewer threads
  double since_probe_seconds_ = 0.0;
};

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/blocking_pool.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

namespace dhn::montecarlo {

BlockingPool::BlockingPool(int threads) {
  if (threads < 1)
    throw std::invalid_argument("BlockingPool: threads = " + std::to_string(threads) +
                                ", accepted >= 1");
  workers_.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this, t] { worker_loop(t); });
}

BlockingPool::~BlockingPool() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& w : workers_) w.join();
}

BlockingPool::JobReport BlockingPool::for_each(std::int64_t count,
                                               const std::function<void(std::int64_t)>& fn,
                                               int max_threads) {
  if (count <= 0) return {};
  const auto start = std::chrono::steady_clock::now();
  const int threads = max_threads > 0 ? std::min(max_threads, this->threads()) : this->threads();
  Job job;
  {
    const std::lock_guard lock(mutex_);
    job = {&fn, count, job_.generation + 1, threads};
    job_ = job;
    next_ = 0;
    error_ = nullptr;
    report_ = {};
  }
  // one item needs no worker; otherwise wake them (items are few and long: chains)
  if (count > 1 && threads > 1) wake_.notify_all();
  work(job);
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return busy_ == 0; });
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  JobReport report = report_;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

namespace {
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}
}  // namespace

void BlockingPool::work(const Job& job) {
  double cpu = 0.0, wall = 0.0;  // this thread's, in the items it ran
  for (;;) {
    std::int64_t item = 0;
    {
      const std::lock_guard lock(mutex_);
      if (job_.generation != job.generation || next_ >= job.count) break;
      item = next_++;
    }
    const double cpu0 = thread_cpu_seconds();
    const auto wall0 = std::chrono::steady_clock::now();
    try {
      (*job.fn)(item);
    } catch (...) {
      const std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      if (job_.generation == job.generation) next_ = job.count;  // hand out nothing more
    }
    cpu += thread_cpu_seconds() - cpu0;
    wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  }
  if (wall > 0.0) {
    const std::lock_guard lock(mutex_);
    if (job_.generation == job.generation) {
      ++report_.threads;
      report_.cores += std::min(1.0, cpu / wall);  // clocks of different resolution
    }
  }
}

void BlockingPool::worker_loop(int id) {
  std::uint64_t seen = 0;
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || job_.generation != seen; });
      if (stop_) return;
      job = job_;
      seen = job.generation;
      if (id >= job.threads) continue;  // not this job's
      ++busy_;
    }
    work(job);
    {
      const std::lock_guard lock(mutex_);
      --busy_;
    }
    idle_.notify_one();
  }
}

}  // namespace dhn::montecarlo

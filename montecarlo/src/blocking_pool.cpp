#include "dhn/montecarlo/blocking_pool.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace dhn::montecarlo {

BlockingPool::BlockingPool(int threads) {
  if (threads < 1)
    throw std::invalid_argument("BlockingPool: threads = " + std::to_string(threads) +
                                ", accepted >= 1");
  workers_.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this] { worker_loop(); });
}

BlockingPool::~BlockingPool() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void BlockingPool::for_each(std::int64_t count, const std::function<void(std::int64_t)>& fn) {
  if (count <= 0) return;
  Job job;
  {
    const std::lock_guard lock(mutex_);
    job = {&fn, count, job_.generation + 1};
    job_ = job;
    next_ = 0;
    error_ = nullptr;
  }
  // one item needs no worker; otherwise wake them all (items are few and long: chains)
  if (count > 1) wake_.notify_all();
  work(job);
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return busy_ == 0; });
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void BlockingPool::work(const Job& job) {
  for (;;) {
    std::int64_t item = 0;
    {
      const std::lock_guard lock(mutex_);
      if (job_.generation != job.generation || next_ >= job.count) return;
      item = next_++;
    }
    try {
      (*job.fn)(item);
    } catch (...) {
      const std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      if (job_.generation == job.generation) next_ = job.count;  // hand out nothing more
    }
  }
}

void BlockingPool::worker_loop() {
  std::uint64_t seen = 0;
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || job_.generation != seen; });
      if (stop_) return;
      job = job_;
      seen = job.generation;
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

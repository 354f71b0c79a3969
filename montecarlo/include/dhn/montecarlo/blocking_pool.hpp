// Worker threads that sleep between jobs, for the batched tempering loops (issue 17, goal 2).
// OpenMP's runtime lets a thread that waits at the end of a region, or for the next region,
// spin first (libgomp: about 8 ms on this project's machine before it sleeps, unless the user
// sets OMP_WAIT_POLICY=passive). A batch of chains ends once a second with such waits; on a
// busy machine the spinning thread takes CPU from the one still working. Here every wait is a
// condition variable: a waiting thread costs nothing, and a job costs one wake-up (tens of
// microseconds), negligible against a batch.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dhn::montecarlo {

class BlockingPool {
 public:
  // `threads` >= 1: the calling thread and threads - 1 workers, started here.
  explicit BlockingPool(int threads);
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;
  ~BlockingPool();  // wakes and joins the workers

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // What a job's threads received from the scheduler while they ran items.
  struct JobReport {
    int threads = 0;       // threads that ran at least one item
    double cores = 0.0;    // sum over them of (their CPU time) / (their wall time) in items
    double seconds = 0.0;  // wall time of the job
  };

  // fn(i) for every i in [0, count) once, the items handed out one at a time to the caller and
  // up to max_threads - 1 workers (all when max_threads <= 0; dynamic scheduling); returns when
  // every item is done. An exception from fn stops the handing out and is rethrown here (the
  // first one) once every started item has returned. Not reentrant: one job at a time, from one
  // calling thread.
  JobReport for_each(std::int64_t count, const std::function<void(std::int64_t)>& fn,
                     int max_threads = 0);

 private:
  struct Job {
    const std::function<void(std::int64_t)>* fn = nullptr;
    std::int64_t count = 0;
    std::uint64_t generation = 0;
    int threads = 1;  // the caller and workers 1 .. threads - 1
  };
  // Takes items of `job` until none is left or a later job has started (a worker that wakes
  // late must not take items of a job whose caller may have returned); adds the thread's share
  // to report_ when it ran items.
  void work(const Job& job);
  void worker_loop(int id);

  std::mutex mutex_;
  std::condition_variable wake_;  // workers: a new job, or stop
  std::condition_variable idle_;  // the caller: no worker inside a job any more
  bool stop_ = false;
  Job job_;                // the latest job; job_.generation counts the jobs started
  std::int64_t next_ = 0;  // the next item to hand out (under mutex_)
  int busy_ = 0;           // workers inside a job
  std::exception_ptr error_;
  JobReport report_;  // of the current job (under mutex_)
  std::vector<std::thread> workers_;
};

}  // namespace dhn::montecarlo

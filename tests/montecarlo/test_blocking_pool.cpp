// BlockingPool (montecarlo/blocking_pool.hpp): every item of a job runs exactly once on any
// thread count, jobs follow each other without losing or repeating items, an exception reaches
// the caller and leaves the pool usable, and waiting threads sleep instead of spinning (the
// point of the pool: issue 17's busy machine).
#include <sys/resource.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "dhn/montecarlo/blocking_pool.hpp"

using dhn::montecarlo::BlockingPool;

namespace {
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}
}  // namespace

TEST_CASE("BlockingPool runs every item exactly once", "[pool]") {
  for (int threads : {1, 2, 3, 4}) {
    BlockingPool pool(threads);
    REQUIRE(pool.threads() == threads);
    for (std::int64_t count : {0, 1, 2, 7, 1000}) {
      std::vector<std::atomic<int>> runs(static_cast<std::size_t>(count));
      pool.for_each(count, [&](std::int64_t i) { ++runs[static_cast<std::size_t>(i)]; });
      for (const auto& r : runs) REQUIRE(r.load() == 1);
    }
  }
}

TEST_CASE("BlockingPool uses at most the threads asked for and reports them", "[pool]") {
  BlockingPool pool(4);
  for (int limit : {1, 2, 3, 4}) {
    std::mutex mutex;
    std::set<std::thread::id> ran_on;
    const BlockingPool::JobReport report = pool.for_each(
        64,
        [&](std::int64_t) {
          {
            const std::lock_guard lock(mutex);
            ran_on.insert(std::this_thread::get_id());
          }
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        },
        limit);
    REQUIRE(ran_on.size() <= static_cast<std::size_t>(limit));
    REQUIRE(report.threads == static_cast<int>(ran_on.size()));
    // sleeping items: the threads received (almost) no CPU while they ran them
    REQUIRE(report.cores >= 0.0);
    REQUIRE(report.cores <= report.threads);
    REQUIRE(report.seconds > 0.0);
  }
  // busy items: each thread's CPU time over its wall time is its share of a core, at most 1
  const BlockingPool::JobReport busy = pool.for_each(4, [](std::int64_t) {
    volatile double x = 0;
    for (int i = 0; i < 2000000; ++i) x = x + 1.0;
  });
  REQUIRE(busy.cores > 0.0);
  REQUIRE(busy.cores <= busy.threads);
}

TEST_CASE("BlockingPool: consecutive jobs neither lose nor repeat items", "[pool]") {
  // many short jobs: workers that wake late must not take items of a finished job
  BlockingPool pool(4);
  std::atomic<std::int64_t> sum{0};
  std::int64_t expected = 0;
  for (int job = 0; job < 20000; ++job) {
    const std::int64_t count = 1 + job % 5;
    pool.for_each(count, [&](std::int64_t i) { sum += (i + 1) * (job + 1); });
    expected += count * (count + 1) / 2 * (job + 1);
    if (job % 1000 == 999) REQUIRE(sum.load() == expected);  // complete when for_each returns
  }
  REQUIRE(sum.load() == expected);
}

TEST_CASE("BlockingPool passes an item's exception to the caller and stays usable", "[pool]") {
  for (int threads : {1, 3}) {
    BlockingPool pool(threads);
    std::atomic<int> ran{0};
    REQUIRE_THROWS_AS(pool.for_each(100,
                                    [&](std::int64_t i) {
                                      ++ran;
                                      if (i == 5) throw std::runtime_error("item 5");
                                    }),
                      std::runtime_error);
    REQUIRE(ran.load() >= 6);  // items 0..5 were handed out before the throw
    std::atomic<int> after{0};
    pool.for_each(50, [&](std::int64_t) { ++after; });
    REQUIRE(after.load() == 50);
  }
  REQUIRE_THROWS_AS(BlockingPool(0), std::invalid_argument);
}

TEST_CASE("BlockingPool: waiting threads sleep", "[pool]") {
  // Three workers wait through a job of two sleeping items and then between jobs. A spinning
  // wait would cost CPU time at the rate of the waiting threads (up to 3 cores here; libgomp's
  // default spin before sleeping is about 8 ms per wait); sleeping costs only the wake-ups.
  BlockingPool pool(4);
  pool.for_each(4, [](std::int64_t) {});  // the workers have run once
  const double cpu0 = process_cpu_seconds();
  pool.for_each(2,
                [](std::int64_t) { std::this_thread::sleep_for(std::chrono::milliseconds(200)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // between jobs
  const double cpu = process_cpu_seconds() - cpu0;
  // 0.4 s of waiting by 2-3 threads: spinning would be >= 0.8 s of CPU (>= 16 ms with libgomp's
  // default); the bound leaves room for the wake-ups and the scheduler's accounting (1 tick)
  REQUIRE(cpu < 0.012);
}

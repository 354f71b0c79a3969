// ThreadGovernor (montecarlo/thread_governor.hpp): the thread count of the next batch from the
// cores the previous batches' threads received. Reports are constructed, so the decisions are
// checked against the rule (ceil(cores - kMargin) threads after two windows in a row, all
// threads again on a probe every kProbeSeconds of batches) without timing anything.
#include <catch2/catch.hpp>

#include "dhn/montecarlo/thread_governor.hpp"

using dhn::montecarlo::BlockingPool;
using dhn::montecarlo::ThreadGovernor;

namespace {
// One batch of `seconds` on the governor's current thread count, receiving `cores`.
void batch(ThreadGovernor& g, double cores, double seconds = 1.0) {
  g.observe(BlockingPool::JobReport{g.threads_for_next_batch(), cores, seconds});
}
}  // namespace

TEST_CASE("ThreadGovernor keeps every thread on a quiet machine", "[governor]") {
  ThreadGovernor g(2);
  for (int b = 0; b < 100; ++b) {
    REQUIRE(g.threads_for_next_batch() == 2);
    batch(g, 1.95);
  }
  ThreadGovernor shared(2);  // three equal threads on two cores: 2 threads get 1.25-1.33
  for (int b = 0; b < 100; ++b) batch(shared, 1.25);
  REQUIRE(shared.threads_in_use() == 2);
}

TEST_CASE("ThreadGovernor: one core's worth for two threads runs on one, probing", "[governor]") {
  ThreadGovernor g(2);
  batch(g, 1.0);
  REQUIRE(g.threads_for_next_batch() == 2);  // one window is not enough
  batch(g, 1.0);
  REQUIRE(g.threads_for_next_batch() == 1);
  // one thread alone receives its core; no probe before kProbeSeconds of batches
  for (int b = 0; b < 7; ++b) {
    batch(g, 1.0);
    REQUIRE(g.threads_for_next_batch() == 1);
  }
  batch(g, 1.0);  // 8 s since the decision: the next batch tries both threads
  REQUIRE(g.threads_for_next_batch() == 2);
  batch(g, 1.02);  // still one core between them
  REQUIRE(g.threads_for_next_batch() == 1);
  for (int b = 0; b < 8; ++b) batch(g, 1.0);
  REQUIRE(g.threads_for_next_batch() == 2);
  batch(g, 1.9);  // the competitor has left
  REQUIRE(g.threads_in_use() == 2);
  REQUIRE(g.threads_for_next_batch() == 2);
}

TEST_CASE("ThreadGovernor: a moment of load does not drop threads", "[governor]") {
  ThreadGovernor g(2);
  for (int b = 0; b < 20; ++b) {
    batch(g, b % 2 == 0 ? 1.0 : 1.9);  // never two low windows in a row
    REQUIRE(g.threads_for_next_batch() == 2);
  }
}

TEST_CASE("ThreadGovernor: short batches are averaged over a window", "[governor]") {
  ThreadGovernor g(4);
  // 1/16 s batches (exact in binary): a decision every 8 of them (kWindowSeconds = 0.5)
  for (int b = 0; b < 15; ++b) batch(g, 2.5, 0.0625);
  REQUIRE(g.threads_for_next_batch() == 4);  // one window low, the second not complete
  batch(g, 2.5, 0.0625);
  REQUIRE(g.threads_in_use() == 3);  // ceil(2.5 - 0.1)
  ThreadGovernor many(8);
  batch(many, 5.3);
  batch(many, 5.3);
  REQUIRE(many.threads_in_use() == 6);
  ThreadGovernor lone(8);  // one busy core out of eight
  batch(lone, 1.05);
  batch(lone, 1.05);
  REQUIRE(lone.threads_in_use() == 1);
}

TEST_CASE("ThreadGovernor ignores empty reports and one thread", "[governor]") {
  ThreadGovernor g(2);
  for (int b = 0; b < 10; ++b) g.observe({0, 0.0, 1.0});  // no thread ran an item
  REQUIRE(g.threads_for_next_batch() == 2);
  ThreadGovernor one(1);
  batch(one, 0.3);
  batch(one, 0.3);
  REQUIRE(one.threads_for_next_batch() == 1);
  REQUIRE_THROWS_AS(ThreadGovernor(0), std::invalid_argument);
}

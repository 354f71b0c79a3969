// A test program of apps/common/distributed_units under mpirun (tests/cli/check_mpi_probe.py):
// every unit must reach rank 0 exactly once with the bytes its computing rank made, and an
// exception on a chosen rank must end the whole run (exit 1, the unit named), never hang it.
// Usage: distributed_units_probe UNITS THREADS FAIL_RANK   (FAIL_RANK -1: no failure; else the
// first unit that rank computes throws)
#include <fmt/core.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/distributed_units.hpp"
#include "common/mpi_session.hpp"

namespace {

// Unit i's result: i + 1 copies of the byte (i mod 251), so that a unit's size and content both
// tell which unit it is.
std::vector<std::byte> expected_bytes(std::size_t i) {
  return std::vector<std::byte>(i + 1, static_cast<std::byte>(i % 251));
}

int probe(const dhn::cli::MpiSession& mpi, std::size_t units, int threads, int fail_rank) {
  std::vector<std::vector<std::byte>> results(units);
  std::vector<int> stored(units, 0);  // rank 0: how often each unit arrived
  std::size_t last_done = 0;
  dhn::cli::run_distributed(
      mpi, {.units = units,
            .threads = threads,
            .compute =
                [&](std::size_t i) {
                  // a few ms per unit, so that every rank gets some
                  std::this_thread::sleep_for(std::chrono::milliseconds(5 + i % 3));
                  if (mpi.rank() == fail_rank) throw std::runtime_error("the probe's failure");
                  results[i] = expected_bytes(i);
                  if (mpi.is_root()) ++stored[i];
                },
            .pack = [&](std::size_t i) { return results[i]; },
            .unpack =
                [&](std::size_t i, std::span<const std::byte> bytes) {
                  results[i].assign(bytes.begin(), bytes.end());
                  ++stored[i];
                },
            .progress = [&](std::size_t done, std::size_t) { last_done = done; }});
  if (!mpi.is_root()) return 0;
  int wrong = 0;
  for (std::size_t i = 0; i < units; ++i) {
    if (stored[i] != 1 || results[i] != expected_bytes(i)) {
      fmt::print(stderr, "unit {}: stored {} times, {} bytes\n", i, stored[i], results[i].size());
      ++wrong;
    }
  }
  if (last_done != units) fmt::print(stderr, "progress ended at {} of {}\n", last_done, units);
  fmt::print("{} units on {} ranks: {} wrong\n", units, mpi.size(), wrong);
  return wrong == 0 && last_done == units ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  dhn::cli::MpiSession mpi(argc, argv, "distributed_units_probe");
  if (argc != 4) {
    fmt::print(stderr, "usage: distributed_units_probe UNITS THREADS FAIL_RANK\n");
    return mpi.finish(2);
  }
  int code = 1;
  try {
    code = probe(mpi, std::stoul(argv[1]), std::stoi(argv[2]), std::stoi(argv[3]));
  } catch (const std::exception& e) {
    fmt::print(stderr, "distributed_units_probe: runtime failure: {}\n", e.what());
  }
  return mpi.finish(code);
}

// Independent work units (the alpha columns of phase-diagram, the temperatures of glassiness)
// shared out over the ranks of an MPI run with dynamic load balance and over each rank's threads.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "common/mpi_session.hpp"

namespace dhn::cli {

// What the caller supplies. Units are numbered 0 .. units - 1 and independent: a unit's result
// does not depend on which rank or thread computes it, nor on the order.
struct DistributedUnits {
  std::size_t units = 0;  // how many
  int threads = 0;        // OpenMP threads per rank; 0 = the OpenMP default
  // Computes unit i into this rank's own results. Called from the rank's threads at once for
  // distinct i (so it writes only what belongs to unit i).
  std::function<void(std::size_t i)> compute;
  // Unit i's result as bytes, on a rank other than 0, on the thread that computed it, right after
  // compute(i). All ranks run the same program on the same architecture, so plain bytes travel.
  std::function<std::vector<std::byte>(std::size_t i)> pack;
  // On rank 0: stores the bytes of unit i that another rank computed. One call at a time.
  std::function<void(std::size_t i, std::span<const std::byte> bytes)> unpack;
  // On rank 0: after each finished unit, wherever it ran, (done, units). One call at a time; may
  // be empty.
  std::function<void(std::size_t done, std::size_t units)> progress;
};

// Computes every unit and leaves all results on rank 0 (unpacked there); the other ranks keep only
// what they computed. Rank 0 hands out unit indices in increasing order on request: its own
// threads take them directly, and a thread beside them answers the other ranks, whose threads
// each send a finished unit and ask for the next in one message. That thread polls with sleeps
// (50 us growing to 1 ms while idle) rather than spinning, so it costs no core.
// Failure: with one rank the first exception of compute is rethrown here after the other threads
// have finished their current unit; with several, any exception on any rank (compute, pack or
// unpack) ends the whole run through session.abort with exit code 1 and a message naming the unit,
// so that no rank is left waiting.
void run_distributed(const MpiSession& session, const DistributedUnits& work);

}  // namespace dhn::cli

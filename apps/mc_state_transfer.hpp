// A tempering run's state (montecarlo/tempering.hpp) cut into sample rows and carried as bytes
// between the ranks of an MPI run of mc: every array of the state is by sample first, so a run's
// state is the concatenation of its sample slices' states in sample order.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "dhn/montecarlo/tempering.hpp"

namespace dhn::cli {

// The state as plain bytes: the sweep, the accumulators' shape and every array with its length.
// All ranks run the same program on the same architecture, so native byte order travels.
std::vector<std::byte> state_bytes(const montecarlo::TemperingState& state);
// The inverse; throws std::runtime_error when the bytes are not a whole state.
montecarlo::TemperingState state_from_bytes(std::span<const std::byte> bytes);

// Samples first .. first + count - 1 of a state holding `samples` samples (the rows of every
// array and the accumulators' D). Throws std::invalid_argument for a range outside 0..samples.
montecarlo::TemperingState state_samples(const montecarlo::TemperingState& state, int samples,
                                         int first, int count);
// Appends the samples of `later` after those of `state` (same sweep); throws
// std::invalid_argument when the sweeps or the accumulators' shapes differ.
void append_state_samples(montecarlo::TemperingState& state,
                          const montecarlo::TemperingState& later);

// Chains first .. first + count - 1 of a state holding `chains` chains: their walkers and ladder
// entries, at the same sweep, with no accumulators (all empty, D = 0). Throws
// std::invalid_argument for a range outside 0..chains.
montecarlo::TemperingState state_chains(const montecarlo::TemperingState& state, int chains,
                                        int first, int count);
// Copies the walkers and ladder entries (spins, slots, round-trip labels and counts; not the
// accumulators) of `count` chains from `from`, which holds from_chains chains, starting at its
// chain from_first, into `to`, which holds to_chains chains, starting at to_first (a chain is
// d R + r; every array is by chain first). Throws std::invalid_argument for a range outside
// either state or arrays that are not whole chains.
void copy_state_chains(montecarlo::TemperingState& to, int to_chains, int to_first,
                       const montecarlo::TemperingState& from, int from_chains, int from_first,
                       int count);

}  // namespace dhn::cli

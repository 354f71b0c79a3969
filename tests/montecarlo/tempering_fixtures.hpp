// Shared by the tempering tests (montecarlo and cuda): exact equality of two run states,
// accumulators included, and a small run whose parameters each test varies.
#pragma once

#include <cstring>
#include <vector>

#include "dhn/montecarlo/tempering.hpp"

namespace dhn::montecarlo::testing {

// The same bits (doubles compared as bytes: the runs must agree bit for bit, and with one
// replica the q sums are NaN, which == would call different).
inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Every field of the state, accumulators included, compared exactly.
inline bool same_state(const TemperingState& a, const TemperingState& b) {
  const Accumulators &x = a.accumulators, &y = b.accumulators;
  return a.sweep == b.sweep && a.spins == b.spins && a.slot_of_walker == b.slot_of_walker &&
         a.trip_label == b.trip_label && a.round_trips == b.round_trips &&
         same_bits(x.bin_sums, y.bin_sums) && same_bits(x.window_sums, y.window_sums) &&
         x.q_histogram == y.q_histogram && x.m_histogram == y.m_histogram &&
         x.condensed_histogram == y.condensed_histogram &&
         x.other_overlap_histogram == y.other_overlap_histogram &&
         same_bits(x.energy_by_m, y.energy_by_m) && x.flips_accepted == y.flips_accepted &&
         x.swaps_attempted == y.swaps_attempted && x.swaps_accepted == y.swaps_accepted;
}

// A run of D = 2 samples x R = 3 chains x L = 4 slots of N = 20 spins that finishes in
// milliseconds, with the choices that change the driver's bookkeeping as arguments.
inline TemperingParameters small_run(int P, Variant variant, UpdateRule rule, SiteOrder order,
                                     int swap_every, InitialKind init) {
  TemperingParameters p;
  p.P = P;
  p.variant = variant;
  p.N = 20;
  p.K = P == 2 ? 4 : 30;
  p.T = {0.02, 0.04, 0.08, 0.16};
  p.replicas = 3;
  p.samples = 2;
  p.therm = 12;
  p.sweeps = 50;
  p.swap_every = swap_every;
  p.rule = rule;
  p.order = order;
  p.init = init;
  p.m0 = 0.6;
  p.seed = 4242;
  p.bins = 6;
  return p;
}

}  // namespace dhn::montecarlo::testing

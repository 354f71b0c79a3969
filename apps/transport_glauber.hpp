// The Glauber-flow part of the `transport` program: the basin of retrieval m0*(T) on the T grid
// and m(t) from cues for both rates (heat-bath, Metropolis), random site order, N -> infinity.
#pragma once

#include <vector>

#include "dhn/analysis/transport_io.hpp"

namespace dhn::cli {

struct GlauberTransportRequest {
  int P = 3;              // interaction order (the N -> infinity flow does not see the variant)
  std::vector<double> T;  // basin temperatures, increasing, > 0 (convention B)
  std::vector<double> flow_T;  // temperatures of the m(t) curves, > 0 (convention B)
  std::vector<double> cues;    // m0 in [0, 1]
  int sweeps = 20;             // the curves run from 0 to this many sweeps
  int samples_per_sweep = 10;  // output times per sweep
};

// Throws std::runtime_error when a curve spends the stepper's budget.
analysis::GlauberTransport compute_glauber_transport(const GlauberTransportRequest& request);

}  // namespace dhn::cli

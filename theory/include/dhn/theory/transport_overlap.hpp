// m(beta, h) of the N -> infinity signal part (the P-spin Curie-Weiss magnet, alpha = 0) read off
// the finite-volume solution of its transport equation: m = u(t = beta, x = beta h).
#pragma once

#include <vector>

#include "dhn/theory/signal_conservation_law.hpp"

namespace dhn::theory {

struct TransportOverlap {
  std::vector<double> h;  // fields as asked (convention B)
  std::vector<double> m;  // equilibrium overlap: the entropy solution, so the global minimum of f
  ConservationLawRun run;
};

// docs/derivations/transport.md sections 4-5. One run to t = 1/T, then linear interpolation of the
// cell averages at x = h/T (second order where u is smooth; within a cell of a shock, i.e. of the
// first-order transition line, the value lies between the two phases'). Throws
// std::invalid_argument naming the parameter for T <= 0 or a field with |h/T| beyond the domain.
TransportOverlap transport_overlap(int P, double T, const std::vector<double>& h,
                                   const ConservationLawOptions& options = {});

}  // namespace dhn::theory

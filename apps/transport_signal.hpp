// The N -> infinity part of the `transport` program: m(T, h) from the signal conservation law,
// the characteristics, the caustic, the shock path and the zero-field lines T_M(0), T_c(0).
#pragma once

#include <functional>
#include <vector>

#include "dhn/analysis/transport_io.hpp"
#include "dhn/theory/signal_conservation_law.hpp"

namespace dhn::cli {

struct SignalTransportRequest {
  int P = 3;                              // interaction order
  std::vector<double> T;                  // temperatures, increasing, > 0 (convention B)
  std::vector<double> h;                  // fields, increasing (convention B)
  theory::ConservationLawOptions scheme;  // dx, reconstruction, tolerances (half_width: default)
  int characteristics = 41;               // lines drawn from x0 evenly spaced in [-2, 2]
};

// Reports each finished stage (done, total) for the progress line.
using StageCallback = std::function<void(int done, int total)>;

// Throws std::invalid_argument naming the option (--h-grid) for a field beyond the scheme's
// domain, std::runtime_error when the m(T, h) run spends its step budget. A shock whose arrival at
// x = 0 is not found leaves T_c_shock NaN and says why in T_c_status.
analysis::SignalTransport compute_signal_transport(const SignalTransportRequest& request,
                                                   const StageCallback& stage);

}  // namespace dhn::cli

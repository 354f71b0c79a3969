// The RS-with-load part of the `transport` program: T_M(alpha), T_c(alpha) and the retrieval
// state (f, m, q) by the transport route's characteristics, beside the RS solver's (the
// independent reference: continuation and Newton in (m, q)).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "dhn/analysis/transport_io.hpp"
#include "dhn/model/model.hpp"

namespace dhn::cli {

struct LoadTransportRequest {
  int P = 3;  // interaction order
  Variant variant = Variant::distinct;
  std::vector<double> alpha;  // loads >= 0 (convention B)
  std::vector<double> T;      // temperatures, increasing, > 0 (convention B)
};

// Reports each finished load (done, total) for the progress line.
using LoadProgress = std::function<void(std::size_t done, std::size_t total)>;

// P = 2 (the route is derived for P >= 3: the Hopfield noise needs a second, Gaussian variable)
// returns a LoadTransport whose status says so and nothing else.
analysis::LoadTransport compute_load_transport(const LoadTransportRequest& request,
                                               const LoadProgress& progress);

}  // namespace dhn::cli

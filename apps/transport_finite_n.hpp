// The finite-N part of the `transport` program: the exact one-pattern curves <m>, <|m|>, <m^2>
// against T at each N (binomial sum) and, for P = 2, the heat equation's A_N checked against it.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "dhn/analysis/transport_io.hpp"
#include "dhn/model/model.hpp"

namespace dhn::cli {

struct FiniteNTransportRequest {
  Model model;                       // P and variant (alpha ignored: one pattern)
  std::vector<std::int32_t> N;       // sizes, increasing
  std::vector<double> T;             // temperatures > 0 (convention B)
  std::vector<std::int32_t> heat_N;  // P = 2: sizes integrated by the heat equation
  double heat_n_dx = 0.16;           // N dx of the heat equation's grid
};

// Reports (done, total) over the sizes and heat-equation runs.
using FiniteNProgress = std::function<void(std::size_t done, std::size_t total)>;

// Throws std::runtime_error when a heat-equation run spends its step budget.
analysis::FiniteNTransport compute_finite_n_transport(const FiniteNTransportRequest& request,
                                                      const FiniteNProgress& progress);

}  // namespace dhn::cli

#include "dhn/theory/transport_overlap.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dhn::theory {

TransportOverlap transport_overlap(int P, double T, const std::vector<double>& h,
                                   const ConservationLawOptions& options) {
  if (!(T > 0.0) || !std::isfinite(T))
    throw std::invalid_argument("T must be finite and > 0, got " + std::to_string(T));
  const double beta = 1.0 / T;
  TransportOverlap out;
  out.h = h;
  out.m.assign(h.size(), NAN);
  out.run = solve_signal_conservation_law(
      P, {beta}, options, [&](double, std::span<const double> x, std::span<const double> u) {
        for (std::size_t k = 0; k < h.size(); ++k) {
          const double at = beta * h[k];
          if (!(at >= x.front() && at <= x.back()))
            throw std::invalid_argument("h must satisfy |h/T| <= " + std::to_string(x.back()) +
                                        " (the domain), got " + std::to_string(h[k]));
          const auto right =
              static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), at) - x.begin());
          const std::size_t hi = std::min(right, x.size() - 1), lo = hi - 1;
          const double w = (at - x[lo]) / (x[hi] - x[lo]);
          out.m[k] = (1.0 - w) * u[lo] + w * u[hi];
        }
        return true;
      });
  return out;
}

}  // namespace dhn::theory

// A device-resident ensemble of Monte Carlo walkers: D disorder samples x W walkers each, one
// thread block per walker, that sweeps exactly like the CPU engine (dynamics.hpp): same site
// order, same Philox blocks (seed, Stream::dynamics; counter (sample, key replica, sweep, step)),
// same exact integer Delta U (flip_term.hpp) and the same acceptance rule (acceptance.hpp). For the
// same seeds it produces the CPU's spin configurations. Host-only header (no CUDA include): the
// CPU code and the tests include it whether or not a GPU is present.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/montecarlo/acceptance.hpp"
#include "dhn/montecarlo/sweep_request.hpp"

namespace dhn::cuda {

// The flip arithmetic of one (P, variant, N), as built by montecarlo::FlipArithmetic.
struct FlipPolynomial {
  std::array<std::int64_t, kMaxP> coefficients{};  // c_0..c_(P-1) of G(y)
  std::int64_t scale_numerator = 1;                // Delta U = num (sum / den)
  std::int64_t scale_denominator = 1;
  bool int32_terms = false;  // every term and Horner partial fits int32
};

struct EnsembleLayout {
  int P = 4;
  Variant variant = Variant::distinct;
  int N = 0;
  std::int64_t K = 0;
  int samples = 1;             // D
  int walkers_per_sample = 1;  // W; walker c belongs to sample c / W
};

class DeviceEnsemble {
 public:
  // patterns[d]: site-major int8 (+-1) of sample d (N K values); spins: (D W, N) values +-1;
  // energy_numerators: U of each walker (exact, from the CPU Replica); energy_denominator[d]:
  // H = U / denominator. Throws NoDeviceError without a GPU, std::invalid_argument on bad shapes.
  DeviceEnsemble(const EnsembleLayout& layout, const FlipPolynomial& polynomial,
                 const std::vector<std::vector<std::int8_t>>& patterns,
                 const std::vector<std::int8_t>& spins,
                 const std::vector<std::int64_t>& energy_numerators,
                 const std::vector<double>& energy_denominator);
  ~DeviceEnsemble();
  DeviceEnsemble(const DeviceEnsemble&) = delete;
  DeviceEnsemble& operator=(const DeviceEnsemble&) = delete;

  // `request.sweeps` sweeps of every walker in one launch; returns the flips accepted by each.
  std::vector<std::int64_t> sweep(const montecarlo::SweepRequest& request);

  // Per-walker measurement inputs, reduced on the device (only these small arrays travel):
  // the exact energy numerator U, the cued overlap S_0 and max_mu |S_mu|.
  montecarlo::WalkerSummaries summaries() const;
  // sum_i s^a_i s^b_i for each walker pair (a, b) (N q_ab, exact).
  std::vector<std::int32_t> spin_products(const std::vector<std::int32_t>& first,
                                          const std::vector<std::int32_t>& second) const;

  const EnsembleLayout& layout() const { return layout_; }
  int walkers() const { return layout_.samples * layout_.walkers_per_sample; }
  std::vector<std::int8_t> spins() const;               // (D W, N)
  std::vector<std::int32_t> overlaps() const;           // (D W, K)
  std::vector<std::int64_t> energy_numerators() const;  // (D W)

 private:
  struct Buffers;
  EnsembleLayout layout_;
  FlipPolynomial polynomial_;
  std::vector<double> denominator_;
  std::unique_ptr<Buffers> buffers_;
};

}  // namespace dhn::cuda

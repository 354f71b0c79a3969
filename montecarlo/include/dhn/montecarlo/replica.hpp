// One replica of the network: spins s_i, integer overlaps S_mu = sum_i xi^mu_i s_i and the exact
// integer energy numerator U (H = U / N^(P-1), or / (P! N^(P-1)) for full; physics.md section 1).
// With the polynomial kernel it also keeps the per-pattern flip weights of its overlaps, so that
// a flip attempt costs one dot product and only an accepted flip a pass over the patterns
// (FlipWeights), which also gives the next attempt's Delta U when the caller knows the next site.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/montecarlo/flip_arithmetic.hpp"
#include "dhn/montecarlo/network.hpp"

namespace dhn::montecarlo {

class Replica {
 public:
  // Refers to network (which must outlive the replica); spins are N values +-1. O(N K).
  Replica(const Network& network, std::vector<std::int8_t> spins,
          FlipKernel kernel = FlipKernel::polynomial);

  const Network& network() const { return *network_; }
  int N() const { return network_->N(); }
  std::int64_t K() const { return network_->K(); }
  const std::vector<std::int8_t>& spins() const { return spins_; }
  // S_mu, mu = 0..K-1. With int16 overlaps in the kernel (FlipArithmetic::narrow_overlaps) the
  // int32 copy is widened here on the first read after flips: O(K) then, so two threads must
  // not make that first read of one replica at once (sweep() returns with it done).
  const std::vector<std::int32_t>& overlaps() const;
  // S_0, the cued pattern's overlap, without widening. O(1).
  std::int32_t cued_overlap() const {
    return overlaps_stale_ ? weights_.overlap16[0] : overlaps_[0];
  }
  // U = -sum_mu f(S_mu), exact, kept up to date by flip().
  std::int64_t energy_numerator() const { return energy_numerator_; }
  // H(s) = U / network().energy_denominator().
  double energy() const {
    return static_cast<double>(energy_numerator_) / network_->energy_denominator();
  }
  FlipKernel kernel() const { return kernel_; }
  // Switching to the polynomial kernel computes its weights (O(K)); the table kernel keeps none.
  void set_kernel(FlipKernel kernel);

  // Delta U of flipping site i (exact integer; Delta H = Delta U / energy_denominator()). O(K).
  std::int64_t flip_delta(int i) const;
  // Flips site i, given its Delta U from flip_delta(i). O(K).
  void flip(int i, std::int64_t delta);
  // Flips site i (Delta U delta) and returns flip_delta(j) of the new state, in the accepted
  // flip's pass where the kernel can (FlipArithmetic::flip_then_delta). O(K).
  std::int64_t flip_then_delta(int i, std::int64_t delta, int j);
  void flip(int i) { flip(i, flip_delta(i)); }
  // Replaces all spins and recomputes overlaps and U from scratch. O(N K).
  void set_spins(std::vector<std::int8_t> spins);

 private:
  const Network* network_;
  const RowMoments* row_moments_ = nullptr;  // the network's, with the polynomial kernel
  std::vector<std::int8_t> spins_;
  mutable std::vector<std::int32_t> overlaps_;
  mutable bool overlaps_stale_ = false;  // the flips moved weights_.overlap16 only
  std::int64_t energy_numerator_ = 0;
  FlipKernel kernel_;
  FlipWeights weights_;  // of overlaps_, kept by the polynomial kernel (flip_arithmetic.hpp)
};

// U = -sum_mu f(S_mu) recomputed from overlaps (f = e_P or S^P by variant). O(K).
std::int64_t compute_energy_numerator(const Network& network,
                                      const std::vector<std::int32_t>& overlaps);
// S_mu = sum_i xi^mu_i s_i recomputed from spins. O(N K).
std::vector<std::int32_t> compute_overlaps(const Patterns& patterns,
                                           const std::vector<std::int8_t>& spins);

}  // namespace dhn::montecarlo

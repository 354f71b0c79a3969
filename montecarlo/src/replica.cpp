#include "dhn/montecarlo/replica.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace dhn::montecarlo {

std::vector<std::int32_t> compute_overlaps(const Patterns& patterns,
                                           const std::vector<std::int8_t>& spins) {
  if (spins.size() != static_cast<std::size_t>(patterns.N())) {
    throw std::invalid_argument("spins: size " + std::to_string(spins.size()) +
                                " != N = " + std::to_string(patterns.N()));
  }
  std::vector<std::int32_t> S(static_cast<std::size_t>(patterns.K()), 0);
  for (int i = 0; i < patterns.N(); ++i) {
    const std::int8_t s = spins[i];
    if (s != 1 && s != -1) throw std::invalid_argument("spins must be +1 or -1");
    const std::int8_t* xi = patterns.site(i);
    for (std::int64_t mu = 0; mu < patterns.K(); ++mu) S[mu] += xi[mu] * s;
  }
  return S;
}

std::int64_t compute_energy_numerator(const Network& network,
                                      const std::vector<std::int32_t>& overlaps) {
  const Model& model = network.model();
  std::int64_t U = 0;
  for (std::int32_t S : overlaps) U -= pattern_term(model.variant, model.P, S, network.N());
  return U;
}

Replica::Replica(const Network& network, std::vector<std::int8_t> spins, FlipKernel kernel)
    : network_(&network), kernel_(kernel) {
  set_spins(std::move(spins));
}

const std::vector<std::int32_t>& Replica::overlaps() const {
  if (overlaps_stale_) {
    network_->arithmetic().widen_overlaps(weights_, overlaps_.data(), K());
    overlaps_stale_ = false;
  }
  return overlaps_;
}

void Replica::set_spins(std::vector<std::int8_t> spins) {
  overlaps_ = compute_overlaps(network_->patterns(), spins);
  overlaps_stale_ = false;
  spins_ = std::move(spins);
  energy_numerator_ = compute_energy_numerator(*network_, overlaps_);
  if (kernel_ == FlipKernel::polynomial) {
    network_->arithmetic().compute_weights(overlaps_.data(), K(), weights_);
    row_moments_ = &network_->row_moments();
  }
}

void Replica::set_kernel(FlipKernel kernel) {
  overlaps();  // up to date before the weights (and their int16 overlaps) go
  if (kernel == FlipKernel::polynomial && kernel_ != FlipKernel::polynomial) {
    network_->arithmetic().compute_weights(overlaps_.data(), K(), weights_);
    row_moments_ = &network_->row_moments();
  }
  if (kernel != FlipKernel::polynomial) weights_ = FlipWeights{};
  kernel_ = kernel;
}

std::int64_t Replica::flip_delta(int i) const {
  const std::int8_t* xi = network_->patterns().site(i);
  if (kernel_ == FlipKernel::polynomial) {
    return network_->arithmetic().delta(xi, network_->patterns().packed_site(i), spins_[i],
                                        weights_, K());
  }
  return network_->arithmetic().delta(xi, spins_[i], overlaps().data(), K(), kernel_);
}

void Replica::flip(int i, std::int64_t delta) {
  const std::int8_t* xi = network_->patterns().site(i);
  if (kernel_ == FlipKernel::polynomial) {
    network_->arithmetic().flip(xi, network_->patterns().packed_site(i), spins_[i],
                                overlaps_.data(), weights_, K(),
                                row_moments_->of(i, spins_.data()));
    overlaps_stale_ = network_->arithmetic().narrow_overlaps();
  } else {
    apply_flip(xi, spins_[i], overlaps_.data(), K());
  }
  spins_[i] = static_cast<std::int8_t>(-spins_[i]);
  energy_numerator_ += delta;
}

std::int64_t Replica::flip_then_delta(int i, std::int64_t delta, int j) {
  if (kernel_ != FlipKernel::polynomial) {
    flip(i, delta);
    return flip_delta(j);
  }
  const Patterns& patterns = network_->patterns();
  const std::int64_t moment = row_moments_->of(i, spins_.data());  // before the flip
  const std::int8_t s_i = spins_[i];
  spins_[i] = static_cast<std::int8_t>(-s_i);  // before reading s_j: j may be i
  energy_numerator_ += delta;
  overlaps_stale_ = network_->arithmetic().narrow_overlaps();
  return network_->arithmetic().flip_then_delta(
      patterns.site(i), patterns.packed_site(i), s_i, overlaps_.data(), weights_, K(), moment,
      patterns.site(j), patterns.packed_site(j), spins_[j]);
}

}  // namespace dhn::montecarlo

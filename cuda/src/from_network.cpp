#include "dhn/cuda/from_network.hpp"

#include <stdexcept>

namespace dhn::cuda {

FlipPolynomial flip_polynomial(const montecarlo::FlipArithmetic& arithmetic) {
  FlipPolynomial p;
  p.coefficients = arithmetic.coefficients();
  p.scale_numerator = arithmetic.scale().numerator;
  p.scale_denominator = arithmetic.scale().denominator;
  p.int32_terms = arithmetic.int32_terms();
  return p;
}

DeviceEnsemble make_device_ensemble(const std::vector<montecarlo::Network>& networks,
                                    const std::vector<const montecarlo::Replica*>& walkers) {
  if (networks.empty() || walkers.empty() || walkers.size() % networks.size() != 0)
    throw std::invalid_argument("make_device_ensemble: W walkers per network expected");
  const montecarlo::Network& first = networks.front();
  EnsembleLayout layout;
  layout.P = first.model().P;
  layout.variant = first.model().variant;
  layout.N = first.N();
  layout.K = first.K();
  layout.samples = static_cast<int>(networks.size());
  layout.walkers_per_sample = static_cast<int>(walkers.size() / networks.size());
  std::vector<std::vector<std::int8_t>> patterns;
  std::vector<double> denominators;
  for (const montecarlo::Network& n : networks) {
    if (n.model().P != layout.P || n.model().variant != layout.variant || n.N() != layout.N ||
        n.K() != layout.K)
      throw std::invalid_argument("make_device_ensemble: networks differ in P, variant, N or K");
    patterns.push_back(n.patterns().values());
    denominators.push_back(n.energy_denominator());
  }
  std::vector<std::int8_t> spins;
  std::vector<std::int64_t> energies;
  for (std::size_t c = 0; c < walkers.size(); ++c) {
    const montecarlo::Replica& r = *walkers[c];
    if (&r.network() != &networks[c / static_cast<std::size_t>(layout.walkers_per_sample)])
      throw std::invalid_argument("make_device_ensemble: walker " + std::to_string(c) +
                                  " does not belong to its sample's network");
    spins.insert(spins.end(), r.spins().begin(), r.spins().end());
    energies.push_back(r.energy_numerator());
  }
  return DeviceEnsemble(layout, flip_polynomial(first.arithmetic()), patterns, spins, energies,
                        denominators);
}

}  // namespace dhn::cuda

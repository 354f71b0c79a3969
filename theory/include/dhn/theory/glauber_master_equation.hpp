// The exact finite-N law of the cued overlap under random-site single-spin dynamics at one pattern
// (K = 1): a birth-death chain on S = N m, stepped attempt by attempt (its master equation).
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/theory/glauber_flow.hpp"

namespace dhn::theory {

// Moments of m at integer sweep counts, from the distribution P(S) after each sweep.
struct GlauberMasterRun {
  std::vector<int> sweeps;         // 0, 1, ..., as asked
  std::vector<double> m;           // E m
  std::vector<double> m_variance;  // E m^2 - (E m)^2
};

// docs/derivations/glauber-flow.md section 3. With one pattern the state enters the dynamics only
// through S and the number k = (N - S)/2 of anti-aligned spins, so under random-site order (each
// attempt picks a uniform site) k is a Markov chain: k -> k - 1 with probability (k/N) W(beta
// Delta H_-(S)), k -> k + 1 with probability ((N - k)/N) W(beta Delta H_+(S)), Delta H the exact
// one-pattern energy change of the variant (glauber_flip_energy at flow.N = N), W the rate. It
// starts from S0 exactly (noisy_cued_state's cue, S0 = N - 2 round(N (1 - m0)/2)) and is stepped
// N times per sweep, so E m after n sweeps is exactly what the Monte Carlo averages to at K = 1.
// Cost O(N^2) per sweep. flow.order must be random_site and flow.N >= 2 (throws
// std::invalid_argument naming the parameter otherwise, or for |S0| > N, S0 - N odd, sweeps < 0).
GlauberMasterRun glauber_master_equation(const GlauberFlow& flow, std::int64_t S0, int sweeps);

}  // namespace dhn::theory

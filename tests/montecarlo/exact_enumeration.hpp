// Exact thermal averages of one disorder sample by enumerating all 2^N states (N <= 14): the
// energy from dhn::elementary_symmetric or S^P of overlaps recomputed per state (independent of
// the flip arithmetic), and replica-pair moments from a double sum over independent states.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/montecarlo/network.hpp"

namespace dhn::montecarlo::testing {

struct ExactAverages {
  double e = 0, e2 = 0, m = 0, abs_m = 0, m2 = 0, m4 = 0, max_m = 0;  // one replica
  double q = 0, abs_q = 0, q2 = 0, q4 = 0;                            // two independent replicas
};

// State bit i set means s_i = +1. Energies per physics.md section 1.
inline std::vector<double> exact_energies(const Network& network, std::vector<double>* m = nullptr,
                                          std::vector<double>* max_m = nullptr) {
  const int N = network.N();
  const int P = network.model().P;
  const std::int64_t states = std::int64_t{1} << N;
  std::vector<double> H(static_cast<std::size_t>(states));
  if (m) m->assign(H.size(), 0.0);
  if (max_m) max_m->assign(H.size(), 0.0);
  for (std::int64_t state = 0; state < states; ++state) {
    double sum = 0.0, largest = 0.0;
    for (std::int64_t mu = 0; mu < network.K(); ++mu) {
      std::int64_t S = 0;
      for (int i = 0; i < N; ++i) S += network.patterns()(mu, i) * (((state >> i) & 1) ? 1 : -1);
      sum += network.model().variant == Variant::distinct
                 ? static_cast<double>(elementary_symmetric(P, S, N))
                 : std::pow(static_cast<double>(S), P);
      if (mu == 0 && m) (*m)[state] = static_cast<double>(S) / N;
      largest = std::max(largest, std::abs(static_cast<double>(S)) / N);
    }
    H[state] = -sum / std::pow(static_cast<double>(N), P - 1) /
               (network.model().variant == Variant::full ? factorial(P) : 1.0);
    if (max_m) (*max_m)[state] = largest;
  }
  return H;
}

inline ExactAverages exact_averages(const Network& network, double beta) {
  const int N = network.N();
  std::vector<double> m, max_m;
  const std::vector<double> H = exact_energies(network, &m, &max_m);
  const double H_min = *std::min_element(H.begin(), H.end());
  std::vector<double> p(H.size());
  double Z = 0.0;
  for (std::size_t s = 0; s < H.size(); ++s) Z += p[s] = std::exp(-beta * (H[s] - H_min));
  ExactAverages a;
  for (std::size_t s = 0; s < H.size(); ++s) {
    p[s] /= Z;
    const double e = H[s] / N;
    a.e += p[s] * e;
    a.e2 += p[s] * e * e;
    a.m += p[s] * m[s];
    a.abs_m += p[s] * std::abs(m[s]);
    a.m2 += p[s] * m[s] * m[s];
    a.m4 += p[s] * std::pow(m[s], 4);
    a.max_m += p[s] * max_m[s];
  }
  // q(s, t) = (N - 2 hamming(s, t)) / N over independent pairs
  for (std::size_t s = 0; s < H.size(); ++s) {
    for (std::size_t t = 0; t < H.size(); ++t) {
      const double q = (N - 2.0 * std::popcount(static_cast<std::uint64_t>(s ^ t))) / N;
      const double w = p[s] * p[t];
      a.q += w * q;
      a.abs_q += w * std::abs(q);
      a.q2 += w * q * q;
      a.q4 += w * q * q * q * q;
    }
  }
  return a;
}

// The equilibrium acceptance of a tempering swap between inverse temperatures beta_a and beta_b:
// E over independent states s ~ exp(-beta_a H), t ~ exp(-beta_b H) of
// min(1, exp((beta_a - beta_b) (H(s) - H(t)))) (tempering.hpp, step 3), by a double sum.
inline double exact_swap_acceptance(const Network& network, double beta_a, double beta_b) {
  const std::vector<double> H = exact_energies(network);
  const double H_min = *std::min_element(H.begin(), H.end());
  std::vector<double> pa(H.size()), pb(H.size());
  double Za = 0.0, Zb = 0.0;
  for (std::size_t s = 0; s < H.size(); ++s) {
    Za += pa[s] = std::exp(-beta_a * (H[s] - H_min));
    Zb += pb[s] = std::exp(-beta_b * (H[s] - H_min));
  }
  double acceptance = 0.0;
  for (std::size_t s = 0; s < H.size(); ++s) {
    double row = 0.0;
    for (std::size_t t = 0; t < H.size(); ++t) {
      row += pb[t] * std::min(1.0, std::exp((beta_a - beta_b) * (H[s] - H[t])));
    }
    acceptance += pa[s] * row;
  }
  return acceptance / (Za * Zb);
}

}  // namespace dhn::montecarlo::testing

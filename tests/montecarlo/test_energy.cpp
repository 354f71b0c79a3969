// The O(K) energy and flip energy changes of a replica against the definition of physics.md
// section 1 summed by brute force: over index sets i1 < ... < iP (distinct) or over all N^P
// P-tuples (full), for N <= 12, P = 2..5, random patterns and states. Integers must agree exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "dhn/montecarlo/network.hpp"
#include "dhn/montecarlo/replica.hpp"

namespace {

using dhn::Variant;
using dhn::montecarlo::FlipKernel;
using dhn::montecarlo::Network;
using dhn::montecarlo::Patterns;
using dhn::montecarlo::Replica;

// sum over i_from <= i1 < ... < iP of x_i1 ... x_iP
std::int64_t sum_over_sets(const std::vector<int>& x, int P, std::size_t from = 0) {
  if (P == 0) return 1;
  std::int64_t sum = 0;
  for (std::size_t i = from; i + P <= x.size(); ++i) sum += x[i] * sum_over_sets(x, P - 1, i + 1);
  return sum;
}

// sum over all (i1, ..., iP) in {0..N-1}^P of x_i1 ... x_iP, tuple by tuple
std::int64_t sum_over_tuples(const std::vector<int>& x, int P) {
  if (P == 0) return 1;
  std::int64_t sum = 0;
  for (int xi : x) sum += xi * sum_over_tuples(x, P - 1);
  return sum;
}

// U = -sum_mu (sum over sets or tuples of prod xi^mu s)
std::int64_t brute_force_numerator(const Patterns& patterns, const std::vector<std::int8_t>& s,
                                   int P, Variant variant) {
  std::int64_t U = 0;
  for (std::int64_t mu = 0; mu < patterns.K(); ++mu) {
    std::vector<int> x(patterns.N());
    for (int i = 0; i < patterns.N(); ++i) x[i] = patterns(mu, i) * s[i];
    U -= variant == Variant::distinct ? sum_over_sets(x, P) : sum_over_tuples(x, P);
  }
  return U;
}

std::vector<std::int8_t> random_spins(int N, std::mt19937_64& rng) {
  std::vector<std::int8_t> s(N);
  for (auto& v : s) v = (rng() & 1u) ? 1 : -1;
  return s;
}

}  // namespace

TEST_CASE("O(K) energy and flip deltas equal the brute-force sum over index sets or tuples",
          "[montecarlo][energy]") {
  std::mt19937_64 rng(4401);  // random states; patterns come from Philox seeds below
  int cases = 0;
  for (Variant variant : {Variant::distinct, Variant::full}) {
    for (int P = 2; P <= 5; ++P) {
      for (int N : {1, 2, 5, 8, 12}) {
        // full P = 5 at N = 12 costs N^P per pattern and state: keep it to fewer states
        const int states = (variant == Variant::full && P >= 4 && N == 12) ? 2 : 4;
        for (std::int64_t K : {1, 3, 7}) {
          const Network network(P, variant, N, K, /*seed=*/1000 + P, /*sample=*/K);
          for (int state = 0; state < states; ++state) {
            const auto s = random_spins(N, rng);
            INFO("variant " << dhn::to_string(variant) << ", P = " << P << ", N = " << N
                            << ", K = " << K << ", state " << state);
            Replica replica(network, s);
            const std::int64_t U = brute_force_numerator(network.patterns(), s, P, variant);
            REQUIRE(replica.energy_numerator() == U);
            // H = U / N^(P-1) (distinct) or U / (P! N^(P-1)) (full), to rounding
            const double denominator =
                std::pow(double(N), P - 1) * (variant == Variant::full ? dhn::factorial(P) : 1.0);
            CHECK(replica.energy() == Approx(double(U) / denominator).epsilon(1e-15).margin(1e-15));
            for (int i = 0; i < N; ++i) {
              auto flipped = s;
              flipped[i] = static_cast<std::int8_t>(-flipped[i]);
              const std::int64_t expected =
                  brute_force_numerator(network.patterns(), flipped, P, variant) - U;
              replica.set_kernel(FlipKernel::table);
              CHECK(replica.flip_delta(i) == expected);
              replica.set_kernel(FlipKernel::polynomial);
              CHECK(replica.flip_delta(i) == expected);
            }
            // Flip a few sites in sequence: the bookkept U and overlaps follow the brute force.
            for (int step = 0; step < 3; ++step) {
              const int i = static_cast<int>(rng() % N);
              replica.flip(i);
            }
            CHECK(replica.energy_numerator() ==
                  brute_force_numerator(network.patterns(), replica.spins(), P, variant));
            CHECK(replica.overlaps() ==
                  dhn::montecarlo::compute_overlaps(network.patterns(), replica.spins()));
            ++cases;
          }
        }
      }
    }
  }
  CHECK(cases > 100);
}

TEST_CASE("P = 2 distinct is the Hopfield model -(1/N) sum_(i<j) J_ij s_i s_j",
          "[montecarlo][energy]") {
  // physics.md section 1: J_ij = sum_mu xi_i xi_j; an independent quadratic form.
  const int N = 11;
  const Network network(2, Variant::distinct, N, 4, 77, 0);
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 10; ++trial) {
    const auto s = random_spins(N, rng);
    std::int64_t sum = 0;
    for (int i = 0; i < N; ++i) {
      for (int j = i + 1; j < N; ++j) {
        std::int64_t J = 0;
        for (std::int64_t mu = 0; mu < network.K(); ++mu)
          J += network.patterns()(mu, i) * network.patterns()(mu, j);
        sum += J * s[i] * s[j];
      }
    }
    const Replica replica(network, s);
    CHECK(replica.energy() == Approx(-double(sum) / N).epsilon(1e-15));
  }
}

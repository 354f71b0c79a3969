// The glassiness of dense networks (the founding paper's second claim): for P > 2 the network's
// m = 0 free energy is that of the hard Ising P-spin glass at a matched temperature, with no soft
// part, at RS and at 1RSB; for P = 2 the AGS free energy is not of that form (its ln(1 - beta(1-q))
// terms are the soft, Gaussian part).
#include <catch2/catch.hpp>

#include <cmath>

#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_glass.hpp"

using namespace dhn;
using namespace dhn::theory;

TEST_CASE("P > 2: network m = 0 free energy = Ising P-spin glass at T' = T sqrt(P!/(2 alpha))",
          "[theory][glass]") {
  // Ising P-spin with E[H H'] = N q^P/2 is the dense covariance at alpha' = P!/2; pressures agree
  // at beta' = beta sqrt(2 alpha/P!), so f_net(T) = sqrt(2 alpha/P!) f_Ising(T'). Checked to 1e-8
  // on a grid of (alpha, T, q) at RS and (alpha, T) at 1RSB (frozen and paramagnetic).
  for (int P : {3, 4, 5}) {
    const double alpha_ising = factorial(P) / 2.0;
    const RsDense ising(Model{P, Variant::distinct, alpha_ising});
    const Rsb1Glass ising1(NoiseCovariance(Model{P, Variant::distinct, alpha_ising}));
    for (double alpha : {0.003, 0.02, 0.1}) {
      const Model net_model{P, Variant::distinct, alpha};
      const RsDense net(net_model);
      const Rsb1Glass net1{NoiseCovariance(net_model)};
      const double scale = std::sqrt(2.0 * alpha / factorial(P));
      const double T_s = rsb1_glass_lines(NoiseCovariance(net_model)).T_s;
      for (double T : {0.5 * T_s, 0.9 * T_s, 2.0 * T_s}) {
        const double T_ising = T / scale;
        INFO("P = " << P << ", alpha = " << alpha << ", T = " << T);
        for (double q : {0.0, 0.4, 0.9}) {
          CHECK(free_energy_at(net, 0.0, q, 1.0 / T) ==
                Approx(scale * free_energy_at(ising, 0.0, q, 1.0 / T_ising)).epsilon(1e-8));
        }
        CHECK(net1.solve(T).f == Approx(scale * ising1.solve(T_ising).f).epsilon(1e-8));
      }
    }
  }
}

TEST_CASE("P = 2: the AGS m = 0 free energy is SK plus a nonzero soft part", "[theory][glass]") {
  // Matching the SK field beta' sqrt(q) to the AGS field beta sqrt(alpha r), r = q/D^2, leaves the
  // remainder alpha G(beta, q) = beta f_AGS - beta' f_SK, with G containing (1/2)[ln D - beta q/D]:
  // it is not zero, so the Hopfield glass is not purely hard (physics.md section 5).
  const double alpha = 0.1, beta = 1.0 / 0.6;
  const RsHopfield hopfield(Model{2, Variant::distinct, alpha});
  const RsSolution s = solve_rs_from(hopfield, beta, 0.0, 1.0);
  REQUIRE(s.converged);
  const double D = 1.0 - beta * (1.0 - s.q);
  const double beta_sk = beta * std::sqrt(alpha) / D;
  // SK (E[H H'] = N q^2/2) at (beta_sk, q): -beta f = ln 2 + E ln cosh(beta_sk sqrt(q) z) +
  // beta_sk^2 (1-q)^2/4
  const double log_cosh = tanh_moments(0.0, beta_sk * beta_sk * s.q).log_cosh;
  const double sk_pressure = M_LN2 + log_cosh + 0.25 * beta_sk * beta_sk * (1 - s.q) * (1 - s.q);
  const double soft = beta * s.f + sk_pressure;
  const double expected_soft = alpha * (0.5 * beta + 0.5 * (std::log(D) - beta * s.q / D) +
                                        beta * beta * s.q * (1 - s.q) / (2 * D * D) +
                                        beta * beta * (1 - s.q) * (1 - s.q) / (4 * D * D));
  CHECK(soft == Approx(expected_soft).epsilon(1e-10));
  CHECK(std::abs(soft) > 1e-3);
}

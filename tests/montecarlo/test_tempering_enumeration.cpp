// Parallel tempering against exact enumeration of all 2^N states (physics.md section 8): at every
// ladder temperature, <e>, <e^2>, <m>, <|m|>, <m^2>, <m^4>, <max |m_mu|>, <q>, <|q|>, <q^2>,
// <q^4> and the Binder ratio g_q within 4 sigma, sigma the jackknife error over 32 time bins of
// the single sample (bins of 256 sweeps, far longer than the autocorrelation time here), for
// P = 2, 3, 4, both variants and both update rules; and the swap acceptance of each adjacent
// pair of slots against its exact equilibrium value.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "exact_enumeration.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;
using dhn::montecarlo::testing::ExactAverages;

namespace {
void check_4_sigma(const std::string& what, const Estimate& mc, double exact) {
  INFO(what << ": Monte Carlo " << mc.mean << " +- " << mc.error << ", exact " << exact);
  CHECK(mc.error > 0.0);
  CHECK(std::abs(mc.mean - exact) <= 4.0 * mc.error);
}

void compare(int P, Variant variant, UpdateRule rule, SiteOrder order, std::uint64_t seed) {
  TemperingParameters p;
  p.P = P;
  p.variant = variant;
  p.N = 10;
  p.K = 3;
  // beta N / P! from 5 down to 0.5 (test_enumeration.cpp's range), 4 geometric slots
  const double T0 = p.N / (5.0 * dhn::factorial(P));
  p.T = {T0, T0 * std::pow(10.0, 1.0 / 3.0), T0 * std::pow(10.0, 2.0 / 3.0), 10.0 * T0};
  p.replicas = 2;
  p.samples = 1;
  p.therm = 500;
  p.sweeps = 1 << 13;
  p.bins = 32;
  p.swap_every = 1;
  p.rule = rule;
  p.order = order;
  p.init = InitialKind::random;
  p.seed = seed;
  // one thread: ctest runs tests side by side, and the result does not depend on it
  Tempering run(p, 1);
  run.run();
  const TemperingSummary s = summarize(run);
  REQUIRE(s.blocks == ErrorBlocks::time_bins);
  for (std::size_t k = 0; k < p.T.size(); ++k) {
    const ExactAverages x = testing::exact_averages(run.network(0), 1.0 / p.T[k]);
    INFO("P = " << P << ", " << dhn::to_string(variant) << ", " << to_string(rule) << ", "
                << to_string(order) << ", T = " << p.T[k]);
    auto o = [&](Observable name) { return s.observables[int(name)][k]; };
    check_4_sigma("<e>", o(Observable::e), x.e);
    check_4_sigma("<e^2>", o(Observable::e2), x.e2);
    check_4_sigma("<m>", o(Observable::m), x.m);
    check_4_sigma("<|m|>", o(Observable::abs_m), x.abs_m);
    check_4_sigma("<m^2>", o(Observable::m2), x.m2);
    check_4_sigma("<m^4>", o(Observable::m4), x.m4);
    check_4_sigma("<max |m_mu|>", o(Observable::max_m), x.max_m);
    check_4_sigma("<q>", o(Observable::q), x.q);
    check_4_sigma("<|q|>", o(Observable::abs_q), x.abs_q);
    check_4_sigma("<q^2>", o(Observable::q2), x.q2);
    check_4_sigma("<q^4>", o(Observable::q4), x.q4);
    check_4_sigma("g_q", s.binder_q[k], 0.5 * (3.0 - x.q4 / (x.q2 * x.q2)));
  }
  // Swap acceptance of each adjacent pair against its exact equilibrium value. The rate is a
  // mean over n = R (therm + sweeps) attempts (one per replica chain and sweep); successive
  // attempts of a chain are correlated over a few sweeps, so the binomial error
  // sqrt(a (1 - a) / n) is inflated by sqrt(1 + 2 tau) with tau <= 16 attempts (the bins above
  // assume tau << 256), and the thermalisation from random states adds at most its share, taken as
  // 64 / n (equilibration within 64 sweeps at N = 10).
  const double n = static_cast<double>(p.replicas) * static_cast<double>(p.therm + p.sweeps);
  for (std::size_t k = 0; k + 1 < p.T.size(); ++k) {
    const double exact =
        testing::exact_swap_acceptance(run.network(0), 1.0 / p.T[k], 1.0 / p.T[k + 1]);
    const double a = s.swap_acceptance[k];
    const double tolerance = 4.0 * std::sqrt(exact * (1.0 - exact) / n * 33.0) + 64.0 / n;
    INFO("swap acceptance of slots " << k << ", " << k + 1 << ": Monte Carlo " << a << ", exact "
                                     << exact << ", tolerance " << tolerance);
    CHECK(std::abs(a - exact) <= tolerance);
    CHECK(a > 0.05);  // the ladder mixes
  }
  CHECK(s.round_trips > 100);
}
}  // namespace

TEST_CASE("parallel tempering matches exact enumeration at N = 10 within 4 sigma",
          "[montecarlo][tempering][enumeration]") {
  std::uint64_t seed = 500;
  for (int P : {2, 3, 4}) {
    for (Variant variant : {Variant::distinct, Variant::full}) {
      compare(P, variant, UpdateRule::metropolis, SiteOrder::random, ++seed);
      compare(P, variant, UpdateRule::heat_bath, SiteOrder::sequential, ++seed);
    }
  }
}

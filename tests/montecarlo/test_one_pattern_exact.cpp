// Monte Carlo at one pattern (K = 1, the alpha -> 0 limit of the network) against the exact
// finite-N curves of the signal alone, from the binomial sum over the overlap
// (theory/finite_n_overlap.hpp, docs/derivations/transport.md section 2; issue 19 item 3). With
// one pattern the Hamiltonian is the P-spin Curie-Weiss model of that pattern exactly, and by the
// gauge s_i -> xi_i s_i every pattern gives the same distribution of m: so the disorder average
// over samples must equal the exact <|m|>, <m^2> (and <m> for odd P) at finite N, within 4
// jackknife sigma over samples. No finite-size correction enters: the reference is exact at this N.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/montecarlo/temperature_ladder.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "dhn/theory/finite_n_overlap.hpp"

using namespace dhn::montecarlo;

namespace {
void check_one_pattern(int P, dhn::Variant variant, int N, std::vector<double> T,
                       std::uint64_t seed) {
  TemperingParameters p;
  p.P = P;
  p.variant = variant;
  p.N = N;
  p.K = 1;
  p.T = std::move(T);
  p.replicas = 1;
  p.samples = 16;
  p.therm = 200;
  p.sweeps = 2000;
  p.swap_every = 1;
  p.init = InitialKind::random;
  p.seed = seed;
  p.bins = 16;
  Tempering run(p, 1);  // one thread: ctest runs tests side by side; results do not depend on it
  run.run();
  const TemperingSummary s = summarize(run);
  REQUIRE(s.blocks == ErrorBlocks::samples);
  const dhn::theory::FiniteNOverlapCurve exact =
      dhn::theory::finite_n_overlap_curve(dhn::Model{P, variant, 0.0}, N, p.T);
  for (std::size_t k = 0; k < p.T.size(); ++k) {
    const Estimate abs_m = s.observables[int(Observable::abs_m)][k];
    const Estimate m2 = s.observables[int(Observable::m2)][k];
    const Estimate m = s.observables[int(Observable::m)][k];
    INFO("P = " << P << ", " << dhn::to_string(variant) << ", N = " << N << ", T = " << p.T[k]
                << ": <|m|> " << abs_m.mean << " +- " << abs_m.error << " (exact " << exact.abs_m[k]
                << "), <m^2> " << m2.mean << " +- " << m2.error << " (exact " << exact.m_squared[k]
                << "), <m> " << m.mean << " +- " << m.error << " (exact " << exact.m[k] << ")");
    CHECK(std::abs(abs_m.mean - exact.abs_m[k]) <= 4.0 * abs_m.error);
    CHECK(std::abs(m2.mean - exact.m_squared[k]) <= 4.0 * m2.error);
    if (P % 2 == 1) CHECK(std::abs(m.mean - exact.m[k]) <= 4.0 * m.error);
  }
}
}  // namespace

TEST_CASE("one pattern: Monte Carlo equals the exact finite-N overlap curves",
          "[montecarlo][tempering][transport]") {
  // P = 2 across its Curie point (T = 1 in convention B), P = 3 across its first-order
  // transition; ladders dense enough for swaps at these N
  check_one_pattern(2, dhn::Variant::distinct, 32, geometric_ladder(0.6, 1.6, 8), 21);
  check_one_pattern(2, dhn::Variant::full, 64, geometric_ladder(0.6, 1.6, 8), 22);
  check_one_pattern(3, dhn::Variant::distinct, 24, geometric_ladder(0.15, 0.6, 8), 23);
}

// The assembled RS phase diagram: results independent of the thread count (bit for bit), the grid
// consistent with the lines, and invalid grids rejected with the parameter named.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "dhn/theory/phase_diagram.hpp"
#include "dhn/theory/rs_solver.hpp"
#include "dhn/theory/rsb1_capacity.hpp"
#include "dhn/theory/rsb1_dense.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

TEST_CASE("phase diagram is bit-identical for 1 and 2 threads", "[theory][phase_diagram]") {
  const std::vector<double> alpha{0.0, 0.01, 0.02, 0.03, 0.034};
  const std::vector<double> T{0.005, 0.02, 0.04, 0.06, 0.08};
  const Model model{4, Variant::distinct, 0.0};
  const RsPhaseDiagram one = compute_rs_phase_diagram(model, alpha, T, {.threads = 1});
  const RsPhaseDiagram two = compute_rs_phase_diagram(model, alpha, T, {.threads = 2});
  CHECK(same_bits(one.grid.retrieval_m.values, two.grid.retrieval_m.values));
  CHECK(same_bits(one.grid.retrieval_f.values, two.grid.retrieval_f.values));
  CHECK(same_bits(one.grid.glass_f.values, two.grid.glass_f.values));
  CHECK(same_bits(one.lines.T_M, two.lines.T_M));
  CHECK(same_bits(one.lines.T_c, two.lines.T_c));
  CHECK(same_bits(one.lines.T_glass, two.lines.T_glass));
  CHECK(one.grid.phase == two.grid.phase);
}

TEST_CASE("the 1RSB level is bit-identical for 1 and 2 threads", "[theory][phase_diagram][rsb1]") {
  const std::vector<double> alpha{0.01, 0.03, 0.034};
  const std::vector<double> T{0.005, 0.02, 0.035};
  const Model model{4, Variant::distinct, 0.0};
  const RsPhaseDiagram one =
      compute_rs_phase_diagram(model, alpha, T, {.threads = 1, .rsb1 = true});
  const RsPhaseDiagram two =
      compute_rs_phase_diagram(model, alpha, T, {.threads = 2, .rsb1 = true});
  CHECK(same_bits(one.rsb1_lines.T_s, two.rsb1_lines.T_s));
  CHECK(same_bits(one.rsb1_lines.T_c, two.rsb1_lines.T_c));
  CHECK(same_bits(one.rsb1_grid.m0_f.values, two.rsb1_grid.m0_f.values));
  CHECK(same_bits(one.rsb1_grid.glass_theta.values, two.rsb1_grid.glass_theta.values));
  CHECK(same_bits(one.rsb1_grid.retrieval_f.values, two.rsb1_grid.retrieval_f.values));
  CHECK(same_bits(one.rsb1_grid.retrieval_theta.values, two.rsb1_grid.retrieval_theta.values));
  CHECK(one.rsb1_grid.phase == two.rsb1_grid.phase);
}

TEST_CASE("the 1RSB retrieval grid: RS above T_AT, the theta-scan solution below it",
          "[theory][phase_diagram][rsb1]") {
  // Independent reference below T_AT: Rsb1Dense::solve_retrieval (theta from a scan of dA/dtheta
  // and Brent, (m, q1, q2) at fixed theta), to the solvers' tolerances (residuals < 1e-9, so
  // values agree to ~1e-7). Above T_AT the RS solution is AT-stable and is copied exactly.
  const double alpha = 0.032;
  const std::vector<double> T{0.004, 0.008, 0.012, 0.02, 0.04};
  const Model model{4, Variant::distinct, 0.0};
  const RsPhaseDiagram pd = compute_rs_phase_diagram(model, {alpha}, T, {.rsb1 = true});
  const double T_AT = pd.lines.T_AT[0];
  REQUIRE(T_AT > 0.012);
  REQUIRE(T_AT < 0.02);
  const Rsb1Dense rsb(Model{4, Variant::distinct, alpha});
  const Rsb1GridSolutions& g = pd.rsb1_grid;
  for (std::size_t j = 0; j < T.size(); ++j) {
    INFO("T = " << T[j]);
    if (T[j] > T_AT) {
      CHECK(std::isnan(g.retrieval_theta(0, j)));
      CHECK(g.retrieval_q1(0, j) == g.retrieval_q2(0, j));
      CHECK(g.retrieval_f(0, j) == pd.grid.retrieval_f(0, j));
      continue;
    }
    const auto reference =
        rsb.solve_retrieval(T[j], pd.grid.retrieval_m(0, j), pd.grid.retrieval_q(0, j));
    REQUIRE(reference);
    CHECK(g.retrieval_residual(0, j) < 1e-9);
    CHECK(g.retrieval_m(0, j) == Approx(reference->m).margin(1e-7));
    CHECK(g.retrieval_q1(0, j) == Approx(reference->q1).margin(1e-7));
    CHECK(g.retrieval_q2(0, j) == Approx(reference->q2).margin(1e-7));
    CHECK(g.retrieval_theta(0, j) == Approx(reference->theta).margin(1e-6));
    CHECK(g.retrieval_f(0, j) == Approx(reference->f).margin(1e-10));
    // Guerra's replica bound: the broken state's free energy is not below the unstable RS one.
    CHECK(g.retrieval_f(0, j) > pd.grid.retrieval_f(0, j));
  }
}

TEST_CASE("beyond the RS spinodal the 1RSB retrieval branch continues from T = 0",
          "[theory][phase_diagram][rsb1]") {
  // alpha = 0.035 lies between the RS (0.03298) and 1RSB (0.03820) T = 0 spinodals (README
  // tables): at low T there is no RS retrieval solution but a 1RSB one. As T -> 0 it tends to the
  // T = 0 ground state (rsb1_retrieval_ground_state, closed-form inner integrals) with m and
  // theta/T linear in T: the linear extrapolation from T = 5e-4 and 1e-3 leaves O(T^2) ~ 1e-5.
  const double alpha = 0.035;
  const std::vector<double> T{0.0005, 0.001, 0.003, 0.006};
  const RsPhaseDiagram pd =
      compute_rs_phase_diagram(Model{4, Variant::distinct, 0.0}, {alpha}, T, {.rsb1 = true});
  const Rsb1RetrievalPoint ground = rsb1_retrieval_ground_state(Model{4, Variant::distinct, alpha});
  REQUIRE(ground.found);
  for (std::size_t j = 0; j < T.size(); ++j) {
    INFO("T = " << T[j]);
    CHECK(std::isnan(pd.grid.retrieval_m(0, j)));
    CHECK(pd.rsb1_grid.retrieval_residual(0, j) < 1e-9);
    CHECK(pd.rsb1_grid.retrieval_theta(0, j) > 0.0);
    CHECK(pd.rsb1_grid.retrieval_theta(0, j) < 1.0);
  }
  const Rsb1GridSolutions& g = pd.rsb1_grid;
  CHECK(2.0 * g.retrieval_m(0, 0) - g.retrieval_m(0, 1) == Approx(ground.m).margin(2e-5));
  const double mu_extrapolated =
      2.0 * g.retrieval_theta(0, 0) / T[0] - g.retrieval_theta(0, 1) / T[1];
  CHECK(mu_extrapolated == Approx(ground.mu).epsilon(1e-2));
}

TEST_CASE("grid phases agree with the lines", "[theory][phase_diagram]") {
  // Below T_c retrieval is the global minimum, between T_c and T_M it is metastable, above T_M
  // absent (alpha below the T = 0 global capacity, where no glass competes at low T).
  const std::vector<double> alpha{0.005, 0.01};
  std::vector<double> T;
  for (int k = 1; k <= 40; ++k) T.push_back(0.1 * k / 40);
  const RsPhaseDiagram pd = compute_rs_phase_diagram({4, Variant::distinct, 0.0}, alpha, T);
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    for (std::size_t j = 0; j < T.size(); ++j) {
      const auto phase = static_cast<RsPhase>(pd.grid.phase[i * T.size() + j]);
      INFO("alpha = " << alpha[i] << ", T = " << T[j]);
      if (T[j] < pd.lines.T_c[i]) {
        CHECK(phase == RsPhase::retrieval);
      } else if (T[j] < pd.lines.T_M[i]) {
        CHECK(phase == RsPhase::retrieval_metastable);
      } else {
        CHECK(std::isnan(pd.grid.retrieval_m(i, j)));
      }
    }
  }
}

TEST_CASE("invalid grids are rejected naming the parameter", "[theory][phase_diagram]") {
  const Model model{4, Variant::distinct, 0.0};
  CHECK_THROWS_WITH(compute_rs_phase_diagram(model, {}, {0.1}),
                    Catch::Contains("alpha grid is empty"));
  CHECK_THROWS_WITH(compute_rs_phase_diagram(model, {-0.1}, {0.1}),
                    Catch::Contains("alpha = -0.1"));
  CHECK_THROWS_WITH(compute_rs_phase_diagram(model, {0.1}, {0.0}), Catch::Contains("T > 0"));
  CHECK_THROWS_WITH(compute_rs_phase_diagram(model, {0.1}, {0.2, 0.1}),
                    Catch::Contains("strictly increasing"));
  CHECK_THROWS_WITH(compute_rs_phase_diagram(model, {0.1}, {NAN}), Catch::Contains("T = nan"));
  CHECK_THROWS_AS(compute_rs_phase_diagram({1, Variant::distinct, 0.0}, {0.1}, {0.1}),
                  std::invalid_argument);
}

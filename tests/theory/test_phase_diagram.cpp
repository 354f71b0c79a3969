// The assembled RS phase diagram: results independent of the thread count (bit for bit), the grid
// consistent with the lines, and invalid grids rejected with the parameter named.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "dhn/theory/phase_diagram.hpp"
#include "dhn/theory/rs_solver.hpp"

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
  CHECK(one.rsb1_grid.phase == two.rsb1_grid.phase);
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

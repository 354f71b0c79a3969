// Columns of the phase diagram solved one at a time, each into its own prepared diagram and moved
// through their flat values (as phase-diagram does under MPI), make the diagram that one call
// solves, bit for bit in every field.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "dhn/theory/phase_diagram.hpp"
#include "dhn/theory/phase_diagram_column.hpp"

using namespace dhn;
using namespace dhn::theory;

namespace {

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// Every field of the two diagrams, listed here independently of phase_diagram_column.cpp.
void require_identical(const RsPhaseDiagram& a, const RsPhaseDiagram& b) {
  const auto fields = [](const RsPhaseDiagram& d) {
    const RsGridSolutions& g = d.grid;
    const Rsb1GridSolutions& r = d.rsb1_grid;
    return std::vector<const GridField*>{&g.retrieval_m,  &g.retrieval_q,
                                         &g.retrieval_f,  &g.retrieval_residual,
                                         &g.glass_q,      &g.glass_f,
                                         &g.paramagnet_f, &r.glass_q2,
                                         &r.glass_theta,  &r.m0_f,
                                         &r.retrieval_m,  &r.retrieval_q1,
                                         &r.retrieval_q2, &r.retrieval_theta,
                                         &r.retrieval_f,  &r.retrieval_residual};
  };
  const auto fa = fields(a), fb = fields(b);
  for (std::size_t k = 0; k < fa.size(); ++k) {
    INFO("grid field " << k);
    CHECK(same_bits(fa[k]->values, fb[k]->values));
  }
  CHECK(a.grid.phase == b.grid.phase);
  CHECK(a.rsb1_grid.phase == b.rsb1_grid.phase);
  const auto lines = [](const RsPhaseDiagram& d) {
    return std::vector<const std::vector<double>*>{&d.lines.T_M,      &d.lines.m_M,
                                                   &d.lines.T_c,      &d.lines.T_glass_spinodal,
                                                   &d.lines.T_glass,  &d.lines.T_entropy_zero,
                                                   &d.lines.T_AT,     &d.rsb1_lines.T_d,
                                                   &d.rsb1_lines.T_s, &d.rsb1_lines.T_c,
                                                   &d.rsb1_lines.T_M};
  };
  const auto la = lines(a), lb = lines(b);
  for (std::size_t k = 0; k < la.size(); ++k) {
    INFO("line " << k);
    CHECK(same_bits(*la[k], *lb[k]));
  }
  const auto statuses = [](const RsPhaseDiagram& d) {
    return std::vector<const std::vector<std::int32_t>*>{
        &d.lines.T_M_status,  &d.lines.T_c_status,  &d.lines.T_glass_status,
        &d.lines.T_AT_status, &d.rsb1_lines.status, &d.rsb1_lines.T_c_status};
  };
  const auto sa = statuses(a), sb = statuses(b);
  for (std::size_t k = 0; k < sa.size(); ++k) {
    INFO("line status " << k);
    CHECK(*sa[k] == *sb[k]);
  }
  CHECK(a.capacity.alpha_spinodal == b.capacity.alpha_spinodal);
  CHECK(a.capacity.alpha_global == b.capacity.alpha_global);
}

}  // namespace

TEST_CASE("columns solved apart and moved as values equal the whole diagram",
          "[theory][phase_diagram][rsb1]") {
  // 0.034 lies beyond the T = 0 RS spinodal (P = 4: 0.0330): its 1RSB branch starts from the
  // cached reference column
  const std::vector<double> alpha{0.01, 0.03, 0.034};
  const std::vector<double> T{0.005, 0.02, 0.035};
  const Model model{4, Variant::distinct, 0.0};
  const RsPhaseDiagram whole =
      compute_rs_phase_diagram(model, alpha, T, {.threads = 1, .rsb1 = true});
  RsPhaseDiagram assembled = prepare_rs_phase_diagram(model, alpha, T, true);
  for (std::size_t i = alpha.size(); i-- > 0;) {  // the reverse order: order does not matter
    RsPhaseDiagram apart = prepare_rs_phase_diagram(model, alpha, T, true);
    solve_rs_phase_diagram_column(apart, i);
    set_rs_phase_diagram_column_values(assembled, i, rs_phase_diagram_column_values(apart, i));
  }
  require_identical(whole, assembled);
}

TEST_CASE("column values of the wrong size or index are refused", "[theory][phase_diagram]") {
  const Model model{4, Variant::distinct, 0.0};
  RsPhaseDiagram rs = prepare_rs_phase_diagram(model, {0.01, 0.02}, {0.01, 0.02, 0.03}, false);
  RsPhaseDiagram rsb1 = prepare_rs_phase_diagram(model, {0.01, 0.02}, {0.01, 0.02, 0.03}, true);
  const std::vector<double> rs_values = rs_phase_diagram_column_values(rs, 1);
  CHECK(rs_values.size() < rs_phase_diagram_column_values(rsb1, 1).size());
  CHECK_THROWS_AS(set_rs_phase_diagram_column_values(rsb1, 1, rs_values), std::invalid_argument);
  CHECK_THROWS_AS(set_rs_phase_diagram_column_values(rs, 2, rs_values), std::out_of_range);
  CHECK_THROWS_AS(rs_phase_diagram_column_values(rs, 2), std::out_of_range);
  CHECK_THROWS_AS(solve_rs_phase_diagram_column(rs, 2), std::out_of_range);
}

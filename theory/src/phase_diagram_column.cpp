#include "dhn/theory/phase_diagram_column.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace dhn::theory {

namespace {

// Calls visit(x) for every value of column i, x a (const) double& or std::int32_t&, in the one
// order both directions use. Diagram is RsPhaseDiagram or const RsPhaseDiagram.
template <class Diagram, class Visit>
void visit_column(Diagram& pd, std::size_t i, Visit&& visit) {
  if (i >= pd.alpha.size()) {
    throw std::out_of_range("phase diagram column " + std::to_string(i) + " of " +
                            std::to_string(pd.alpha.size()));
  }
  const std::size_t nt = pd.T.size();
  auto row = [&](auto& values) {
    for (std::size_t j = 0; j < nt; ++j) visit(values[i * nt + j]);
  };
  auto& g = pd.grid;
  for (auto* f : {&g.retrieval_m, &g.retrieval_q, &g.retrieval_f, &g.retrieval_residual, &g.glass_q,
                  &g.glass_f, &g.paramagnet_f}) {
    row(f->values);
  }
  row(g.phase);
  if (pd.has_rsb1) {
    auto& r = pd.rsb1_grid;
    for (auto* f : {&r.glass_q2, &r.glass_theta, &r.m0_f, &r.retrieval_m, &r.retrieval_q1,
                    &r.retrieval_q2, &r.retrieval_theta, &r.retrieval_f, &r.retrieval_residual}) {
      row(f->values);
    }
    row(r.phase);
  }
  auto& l = pd.lines;
  auto& l1 = pd.rsb1_lines;
  for (auto* line : {&l.T_M, &l.m_M, &l.T_c, &l.T_glass_spinodal, &l.T_glass, &l.T_entropy_zero,
                     &l.T_AT, &l1.T_d, &l1.T_s, &l1.T_c, &l1.T_M}) {
    visit((*line)[i]);
  }
  for (auto* status : {&l.T_M_status, &l.T_c_status, &l.T_glass_status, &l.T_AT_status, &l1.status,
                       &l1.T_c_status}) {
    visit((*status)[i]);
  }
}

}  // namespace

std::vector<double> rs_phase_diagram_column_values(const RsPhaseDiagram& pd, std::size_t i) {
  std::vector<double> values;
  visit_column(pd, i, [&](const auto& x) { values.push_back(static_cast<double>(x)); });
  return values;
}

void set_rs_phase_diagram_column_values(RsPhaseDiagram& pd, std::size_t i,
                                        std::span<const double> values) {
  std::size_t expected = 0;
  visit_column(pd, i, [&](const auto&) { ++expected; });
  if (values.size() != expected) {
    throw std::invalid_argument("phase diagram column " + std::to_string(i) + ": " +
                                std::to_string(values.size()) + " values for a column of " +
                                std::to_string(expected));
  }
  std::size_t k = 0;
  visit_column(
      pd, i, [&](auto& x) { x = static_cast<std::remove_reference_t<decltype(x)>>(values[k++]); });
}

}  // namespace dhn::theory

// One alpha column of a phase diagram as a flat vector of doubles and back: how a column solved in
// another process (phase-diagram under MPI) reaches the diagram that is written.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "dhn/theory/phase_diagram.hpp"

namespace dhn::theory {

// Everything solve_rs_phase_diagram_column writes for column i, in a fixed order: row i of every
// grid field and phase code (the 1RSB ones when pd.has_rsb1) and index i of every line and line
// status. Integer codes travel as doubles (exact). The values are copied bit for bit, NaN
// payloads included.
std::vector<double> rs_phase_diagram_column_values(const RsPhaseDiagram& pd, std::size_t i);

// Stores values from rs_phase_diagram_column_values of a diagram with the same grids and levels
// into column i of pd. Throws std::invalid_argument when the count does not fit pd, and
// std::out_of_range for i >= the number of loads.
void set_rs_phase_diagram_column_values(RsPhaseDiagram& pd, std::size_t i,
                                        std::span<const double> values);

}  // namespace dhn::theory

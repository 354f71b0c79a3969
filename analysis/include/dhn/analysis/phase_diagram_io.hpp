// Writes an RS phase diagram to HDF5 in the layout of docs/hdf5-schema.md, converting alpha, T and
// f from convention B to the requested convention at this edge only.
#pragma once

#include <string>

#include "dhn/analysis/provenance.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/phase_diagram.hpp"

namespace dhn::analysis {

// Atomic: the file appears complete at `path` or not at all.
void write_rs_phase_diagram(const std::string& path, const theory::RsPhaseDiagram& pd,
                            const Provenance& provenance, Convention convention);

}  // namespace dhn::analysis

// Writes the T = 0 storage capacities of one (P, variant, level) to HDF5 in the layout of
// docs/hdf5-schema.md ("Capacity files"), atomically, converted to the requested convention.
#pragma once

#include <string>

#include "dhn/analysis/provenance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/storage_capacity.hpp"

namespace dhn::analysis {

// capacity in convention B; alpha and mu are converted to `convention` (alpha_G = P! alpha_B,
// mu_G = mu_B / P!), m and q1 are convention-free.
void write_capacity(const std::string& path, const Model& model,
                    const theory::StorageCapacity& capacity, const Provenance& provenance,
                    Convention convention);

}  // namespace dhn::analysis

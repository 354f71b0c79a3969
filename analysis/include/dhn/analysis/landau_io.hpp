// Writes a Landau free-energy profile f(m) to HDF5 in the layout of docs/hdf5-schema.md
// ("Landau files"), atomically, converting T, f and h from convention B at this edge only.
#pragma once

#include <string>

#include "dhn/analysis/provenance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/model/units.hpp"
#include "dhn/theory/landau.hpp"
#include "dhn/theory/storage_capacity.hpp"

namespace dhn::analysis {

// profile and model.alpha in convention B; the file in `convention` (alpha, T, f, h scale by P!;
// m, q and the entropy s are convention-free). finite_N > 0 adds /landau/f_finite_n, f plus the
// exact finite-N signal energy at that N (model/finite_size.hpp).
void write_landau(const std::string& path, const Model& model, theory::ReplicaLevel level,
                  const theory::LandauProfile& profile, int finite_N, const Provenance& provenance,
                  Convention convention);

}  // namespace dhn::analysis

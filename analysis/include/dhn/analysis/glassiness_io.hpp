// Writes the glassiness curves (the P = 2 hard/soft split or the P > 2 hard-only match) to HDF5
// in the layout of docs/hdf5-schema.md ("Glassiness files"), atomically, convention B.
#pragma once

#include <string>
#include <vector>

#include "dhn/analysis/provenance.hpp"
#include "dhn/theory/glassiness.hpp"

namespace dhn::analysis {

// One curve over T at fixed (P, alpha), convention B. P = 2 fills `split`; P > 2 fills `hard_only`
// and, when rsb1 is set, the 1RSB fields of each point and the two sets of glass lines.
struct GlassinessCurves {
  int P = 2;                                      // interaction order (variant distinct)
  double alpha = 0.0;                             // load alpha = K/N^(P-1), convention B
  bool rsb1 = false;                              // 1RSB level solved (P > 2 only)
  std::vector<theory::HopfieldGlassSplit> split;  // P = 2, one per temperature
  std::vector<theory::HardOnlyGlass> hard_only;   // P > 2, one per temperature
  theory::Rsb1GlassLines network_lines;           // P > 2 with rsb1: the network's T_d, T_s
  theory::Rsb1GlassLines ising_lines;             // P > 2 with rsb1: the Ising glass's
};

// Atomic: the file appears complete at `path` or not at all.
void write_glassiness(const std::string& path, const GlassinessCurves& curves,
                      const Provenance& provenance);

}  // namespace dhn::analysis

// Runs the Python plotting script (analysis/python/dhn/plot_phase_diagram.py) on an HDF5 file.
#pragma once

#include <string>

namespace dhn::cli {

// Returns 0 on success, 1 when the script fails (its stderr is passed through).
int plot_phase_diagram(const std::string& h5_path, const std::string& png_path, bool quiet);

}  // namespace dhn::cli

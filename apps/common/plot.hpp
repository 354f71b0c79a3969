// Runs the Python plotting module (python -m dhn.plot, analysis/python/dhn/plot.py) on an HDF5
// file.
#pragma once

#include <string>

namespace dhn::cli {

// Returns 0 on success, 1 when the script fails (its stderr is passed through).
int plot_phase_diagram(const std::string& h5_path, const std::string& png_path, bool quiet);

}  // namespace dhn::cli

// The RS phase diagram of the dense network on an (alpha, T) grid: the grid of solutions, the
// lines over alpha and the T = 0 capacities. Everything in convention B; the app converts.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/theory/grid_field.hpp"
#include "dhn/theory/line_status.hpp"
#include "dhn/theory/progress_callback.hpp"
#include "dhn/theory/rs_capacity.hpp"

namespace dhn::theory {

struct RsGridSolutions {
  GridField retrieval_m, retrieval_q, retrieval_f, retrieval_residual;
  GridField glass_q, glass_f;
  GridField paramagnet_f;
  std::vector<std::int32_t> phase;  // RsPhase codes, row-major n_alpha x n_T
};

struct RsLines {
  std::vector<double> T_M;               // retrieval spinodal (fold), NaN where absent
  std::vector<double> m_M;               // m at the fold
  std::vector<double> T_c;               // retrieval becomes the global minimum below it
  std::vector<double> T_glass_spinodal;  // RS glass solution first appears (on cooling)
  std::vector<double> T_glass;           // RS glass becomes the physical m = 0 state
  std::vector<double> T_entropy_zero;    // paramagnet entropy vanishes: sqrt(xihat(1)/(2 ln 2))
  std::vector<double> T_AT;              // de Almeida-Thouless: RS retrieval unstable below it
  std::vector<std::int32_t> T_M_status, T_c_status, T_glass_status, T_AT_status;  // LineStatus
};

// Lines of the 1RSB glass sector (q1 = 0), filled when the 1RSB level is requested and the
// noise is pure P-spin (NoiseCovariance::is_pure_p_spin: distinct P >= 3, alpha > 0); NaN
// otherwise.
struct Rsb1Lines {
  std::vector<double> T_d;           // dynamical glass transition
  std::vector<double> T_s;           // static glass transition
  std::vector<std::int32_t> status;  // LineStatus codes
  std::vector<double> T_c;           // retrieval (RS) below the 1RSB m = 0 state's free energy
  std::vector<std::int32_t> T_c_status;
  // Retrieval spinodal at 1RSB: the RS fold where it lies above T_AT (the RS retrieval state is
  // then AT-stable at its fold, so the 1RSB branch coincides with it); NaN otherwise.
  std::vector<double> T_M;
};

// The 1RSB level on the grid: the m = 0 sector (q1 = 0) and the retrieval state, and the phases
// between them.
struct Rsb1GridSolutions {
  GridField glass_q2, glass_theta;  // frozen glass (theta < 1) below T_s; NaN above
  GridField m0_f;  // physical m = 0 free energy: paramagnet above T_s, frozen glass below
  // Retrieval at 1RSB (march_rsb1_retrieval): the RS solution where it is AT-stable (q1 = q2,
  // theta NaN), the 1RSB branch below the AT line and beyond the RS spinodal; NaN where none.
  GridField retrieval_m, retrieval_q1, retrieval_q2, retrieval_theta, retrieval_f,
      retrieval_residual;
  std::vector<std::int32_t> phase;  // RsPhase codes: 1RSB retrieval against the 1RSB m = 0 state
};

struct RsPhaseDiagram {
  Model model;                // alpha of the model is unused; the grid carries alpha
  std::vector<double> alpha;  // convention B, increasing
  std::vector<double> T;      // convention B, increasing, T > 0
  RsGridSolutions grid;
  RsLines lines;
  RsCapacity capacity;
  bool has_rsb1 = false;  // the 1RSB level was requested
  Rsb1Lines rsb1_lines;
  Rsb1GridSolutions rsb1_grid;
};

struct PhaseDiagramOptions {
  int threads = 0;                 // OpenMP threads; 0 = the OpenMP default
  bool rsb1 = false;               // also compute the 1RSB glass lines
  ProgressCallback progress = {};  // may be empty
};

// The default grids of the phase-diagram program, convention B: 161 loads from 0 to 1.1 x the RS
// spinodal capacity, and 161 temperatures up to 1.25 x the alpha = 0 retrieval spinodal T_M(0)
// (P > 2) or 1.5 (P = 2, above T_g = 1 + sqrt(alpha) on the default loads).
std::vector<double> default_alpha_grid(const Model& model);
std::vector<double> default_T_grid(const Model& model);

// The frame the columns are solved into: the validated grids, the T = 0 capacities, every grid
// value and line NaN, every phase 0 and every line status absent; the 1RSB grid is allocated when
// rsb1 is set. Throws std::invalid_argument for an invalid model, ParameterError("alpha-grid" |
// "t-grid", ...) (an std::invalid_argument) for an invalid grid (empty, unsorted, T <= 0,
// alpha < 0, NaN).
RsPhaseDiagram prepare_rs_phase_diagram(const Model& model, const std::vector<double>& alpha,
                                        const std::vector<double>& T, bool rsb1);

// Solves alpha column i of a prepared diagram (its lines, then its grid points in ascending T,
// warm-started along the column only): it writes only what belongs to column i (index i of every
// line, row i of every grid field and phase), so distinct columns may be solved at once, on any
// thread or process, in any order, with the same result. Throws std::out_of_range for i >= the
// number of loads.
void solve_rs_phase_diagram_column(RsPhaseDiagram& pd, std::size_t i);

// Solves the grid (warm-started along each alpha column), the lines and the capacities:
// prepare_rs_phase_diagram, then every column on options.threads OpenMP threads. Throws as
// prepare_rs_phase_diagram.
RsPhaseDiagram compute_rs_phase_diagram(const Model& model, const std::vector<double>& alpha,
                                        const std::vector<double>& T,
                                        const PhaseDiagramOptions& options = {});

}  // namespace dhn::theory

// Writes the transport-equation results (issue 19) to HDF5 in the layout of docs/hdf5-schema.md
// ("Transport files"): one group under /transport per computation, atomically.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dhn/analysis/provenance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/model/units.hpp"

namespace H5 {
class Group;
}

namespace dhn::analysis {

// /transport/signal: the N -> infinity signal part (docs/derivations/transport.md sections 4-5).
// Temperatures and fields in convention B; t = beta and x = beta h are the transport equation's
// own variables (convention B: t = 1/T_B; x = h/T is the same in every convention).
struct SignalTransport {
  // the finite-volume scheme (theory/signal_conservation_law.hpp)
  double dx = NAN;                   // cell width in x
  std::string reconstruction;        // "muscl_minmod" or "piecewise_constant"
  double design_order = NAN;         // 2 (MUSCL) or 1 (Godunov): the order in the error estimate
  double tolerance = NAN;            // abs = rel error control of the SSP-RK3(2) pair in t
  std::vector<double> T;             // temperatures, increasing (n_T)
  std::vector<double> h;             // fields, increasing (n_h)
  std::vector<double> m;             // n_T x n_h, row-major: u(t = 1/T, x = h/T) of the scheme
  std::vector<double> m_hopf;        // n_T x n_h: Hopf's formula (the exact entropy solution)
  std::vector<double> m_zero_field;  // n_T: u in the cell right of x = 0 (h -> 0+)
  std::vector<double> m_zero_field_hopf;  // n_T: Hopf's formula at x = 0 (the m >= 0 phase)
  std::size_t accepted_steps = 0;         // of the run that produced m
  // characteristics x = x0 - t b(tanh x0), n_c lines sampled at n_t times
  std::vector<double> characteristic_x0;  // n_c
  std::vector<double> characteristic_t;   // n_t
  std::vector<double> characteristic_x;   // n_c x n_t
  // the envelope of the characteristics (the spinodal line), parametrised by the m it carries
  std::vector<double> caustic_m, caustic_t, caustic_x;
  double cusp_t = NAN, cusp_x = NAN, cusp_m = NAN;  // where characteristics first cross
  // the shock of the finite-volume solution on x > 0 (the first-order line), ending at (t_c, 0)
  std::vector<double> shock_t, shock_x, shock_u_left, shock_u_right;
  // zero-field lines: from the transport equation and the closed forms beside them
  double T_M_caustic = NAN;         // 1/t where the caustic reaches x = 0
  double T_M_closed_form = NAN;     // max_m b(m)/atanh(m) (rs_lines at alpha = 0)
  std::string T_c_status;           // "found", or why the shock's arrival was not found
  double T_c_shock = NAN;           // 1/t_c, shock at cell width dx/2 (NaN when not found)
  double T_c_shock_coarse = NAN;    // the same at dx
  double T_c_error_estimate = NAN;  // |T_c(dx) - T_c(dx/2)| / (2^order - 1)
  double T_c_closed_form = NAN;     // rs_lines at alpha = 0 (equal free energies)
};

// /transport/finite_n: the exact one-pattern curves at finite N (binomial sum, transport.md
// section 2) at h = 0, and for P = 2 the heat equation's A_N against it (section 3).
struct FiniteNTransport {
  std::vector<std::int32_t> N;    // n_N sizes, increasing
  std::vector<double> T;          // n_T temperatures (convention B)
  std::vector<double> m;          // n_N x n_T: <m> (0 for even P by symmetry)
  std::vector<double> abs_m;      // n_N x n_T: <|m|>
  std::vector<double> m_squared;  // n_N x n_T: <m^2>
  std::vector<double> A;          // n_N x n_T: A_N(1/T, 0) by the binomial sum
  std::vector<double> m_limit;    // n_T: N -> infinity equilibrium m >= 0 (Hopf's formula)
  // P = 2 only (empty otherwise): the heat equation at the sizes heat_N
  std::vector<std::int32_t> heat_N;    // n_heat
  double heat_n_dx = NAN;              // N dx of its grid
  std::vector<double> heat_A;          // n_heat x n_T: A_N(1/T, 0) by the heat equation
  std::vector<double> heat_m_squared;  // n_heat x n_T: A_xx(1/T, 0)/N by its 8th-order stencil
  double heat_max_relative_difference_A = NAN;  // max |A_heat - A_binomial| / |A_binomial|
  double heat_max_relative_difference_m_squared = NAN;
  std::size_t heat_steps = 0;  // accepted dopri5 steps, all runs
};

// /transport/load: the RS transport route with load (docs/derivations/transport-load.md) beside
// the RS solver, the independent reference, at each load alpha and temperature (convention B).
// P >= 3 only: at P = 2 the group holds `status` (why it was skipped) and nothing else.
struct LoadTransport {
  std::string status = "computed";  // "computed", or "skipped: " and why
  std::vector<double> alpha;        // n_a loads, as given
  std::vector<double> T;            // n_T temperatures, increasing
  // the lines by both routes, n_a each (NaN where the status is not found)
  std::vector<double> T_M_transport, T_M_rs, T_c_transport, T_c_rs;
  std::vector<std::string> T_M_transport_status, T_M_rs_status, T_c_transport_status,
      T_c_rs_status;  // n_a each: found, absent, budget_spent, step_too_small
  // the retrieval state by both routes, n_a x n_T, row-major (NaN where it does not exist)
  std::vector<double> f, m, q;           // transport_retrieval: f = -T A(1, 0, 0), m, q carried
  std::vector<double> f_rs, m_rs, q_rs;  // solve_rs_point's stable retrieval solution
  // max over the loads (lines) and over the (alpha, T) points where both exist
  double max_relative_difference_T_M = NAN, max_relative_difference_T_c = NAN;
  double max_relative_difference_f = NAN;
  double max_abs_difference_m = NAN, max_abs_difference_q = NAN;
};

// /transport/glauber: the mean-field Glauber flow of the cued overlap at alpha -> 0, N -> infinity
// (docs/derivations/glauber-flow.md): the basin of retrieval on the T grid and m(t) from cues.
struct GlauberTransport {
  double T_M = NAN;       // T_M(0), where the basin closes (the fold of m = tanh(beta b(m)))
  double m_fold = NAN;    // m at the fold
  std::vector<double> T;  // n_T temperatures of the basin, increasing
  std::vector<double> m_unstable;          // n_T: m0*(T), the smallest cue retrieved (NaN: none)
  std::vector<double> m_retrieval;         // n_T: the retrieval fixed point (NaN: none)
  std::vector<std::int32_t> basin_status;  // n_T: 0 threshold, 1 any_cue (P = 2), 2 no_retrieval
  std::vector<double> flow_T;              // n_f temperatures of the m(t) curves
  std::vector<double> flow_m_unstable;     // n_f: m0* there
  std::vector<double> flow_m_retrieval;    // n_f: the retrieval fixed point there
  std::vector<double> cues;                // n_c cues m0
  std::vector<double> t;                   // n_t times, sweeps (N attempted flips each)
  std::vector<double> m_heat_bath;         // (n_f n_c) x n_t: curve k = i_f n_c + i_c, random order
  std::vector<double> m_metropolis;        // the same for the Metropolis rate
  std::size_t accepted_steps = 0;          // dopri5 steps, all curves
};

// A group of /transport and the function that fills it. Each computation (signal, finite_n, load,
// glauber) adds one maker below and nothing else.
struct TransportSection {
  std::string name;  // the group's name under /transport
  std::string dhn_type;
  std::function<void(H5::Group& group, double temperature_scale)> write;  // scale: T_out / T_B
};
TransportSection signal_section(const SignalTransport& signal);
TransportSection finite_n_section(const FiniteNTransport& finite_n);
TransportSection load_section(const LoadTransport& load);
TransportSection glauber_section(const GlauberTransport& glauber);

// Atomic: the file appears complete at `path` or not at all. Temperatures and fields are
// written in `convention` (they scale by P! from B to G; m, t, x, A are written as documented).
void write_transport(const std::string& path, const Model& model,
                     const std::vector<TransportSection>& sections, const Provenance& provenance,
                     Convention convention);

}  // namespace dhn::analysis

#include "dhn/analysis/transport_io.hpp"

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {

namespace {

std::vector<double> scaled(std::vector<double> values, double factor) {
  for (double& v : values) v *= factor;
  return values;
}

void write_signal(H5::Group& g, const SignalTransport& s, double scale) {
  const std::string units = "convention of the root attribute";
  write_attribute(g, "dx", s.dx);
  write_attribute(g, "reconstruction", s.reconstruction);
  write_attribute(g, "design_order", s.design_order);
  write_attribute(g, "tolerance", s.tolerance);
  write_attribute(g, "accepted_steps", static_cast<int>(s.accepted_steps));
  write_attribute(g, "T_M_caustic", s.T_M_caustic * scale);
  write_attribute(g, "T_M_closed_form", s.T_M_closed_form * scale);
  write_attribute(g, "T_c_status", s.T_c_status);
  write_attribute(g, "T_c_shock", s.T_c_shock * scale);
  write_attribute(g, "T_c_shock_coarse", s.T_c_shock_coarse * scale);
  write_attribute(g, "T_c_error_estimate", s.T_c_error_estimate * scale);
  write_attribute(g, "T_c_closed_form", s.T_c_closed_form * scale);
  write_attribute(g, "cusp_t", s.cusp_t);
  write_attribute(g, "cusp_x", s.cusp_x);
  write_attribute(g, "cusp_m", s.cusp_m);

  write_dataset(g, "T", scaled(s.T, scale), {units, "temperatures of the m grid, increasing"});
  write_dataset(g, "h", scaled(s.h, scale), {units, "fields of the m grid, increasing"});
  write_dataset(g, "m", s.m, s.T.size(), s.h.size(),
                {"1", "m(T, h) = u(t = 1/T, x = h/T) of the finite-volume scheme, [T, h]"});
  write_dataset(g, "m_hopf", s.m_hopf, s.T.size(), s.h.size(),
                {"1", "m(T, h) by Hopf's formula (global maximiser of s(m) + t m^P/P! + x m)"});

  write_dataset(g, "m_zero_field", s.m_zero_field,
                {"1", "m(T, h -> 0+): u in the first cell right of x = 0 (x = dx/2), [T]"});
  write_dataset(g, "m_zero_field_hopf", s.m_zero_field_hopf,
                {"1", "Hopf's formula at h = 0 (the larger m at a tie: the m >= 0 phase), [T]"});

  H5::Group c = create_group(g, "characteristics", "transport_characteristics");
  write_attribute(c, "equation", "x = x0 - t b(tanh x0), carrying m = tanh x0");
  write_dataset(c, "x0", s.characteristic_x0, {"1", "starting point x0 = beta h at t = 0"});
  write_dataset(c, "t", s.characteristic_t, {"convention B", "t = beta (1/T_B)"});
  write_dataset(c, "x", s.characteristic_x, s.characteristic_x0.size(), s.characteristic_t.size(),
                {"1", "x = beta h along each line, [x0, t]"});

  H5::Group k = create_group(g, "caustic", "transport_caustic");
  write_attribute(k, "equation", "t = 1/(b'(m)(1 - m^2)), x = atanh(m) - t b(m)");
  write_dataset(k, "m", s.caustic_m, {"1", "overlap carried where neighbours cross"});
  write_dataset(k, "t", s.caustic_t, {"convention B", "t = beta on the envelope"});
  write_dataset(k, "x", s.caustic_x, {"1", "x = beta h on the envelope"});

  H5::Group sh = create_group(g, "shock", "transport_shock");
  write_attribute(sh, "description",
                  "shock of the finite-volume solution on x > 0, sampled from the cusp until it is "
                  "12 cells from x = 0; the last point is the extrapolated arrival (t_c, 0)");
  write_dataset(sh, "t", s.shock_t, {"convention B", "t = beta"});
  write_dataset(sh, "x", s.shock_x, {"1", "x = beta h of the shock"});
  write_dataset(sh, "u_left", s.shock_u_left, {"1", "m on the shock's low-field side"});
  write_dataset(sh, "u_right", s.shock_u_right, {"1", "m on the shock's high-field side"});
}

void write_finite_n(H5::Group& g, const FiniteNTransport& f, double scale) {
  const std::size_t nN = f.N.size(), nT = f.T.size();
  write_attribute(g, "h", 0.0);
  write_dataset(g, "N", f.N, {"1", "network sizes, increasing"});
  write_dataset(g, "T", scaled(f.T, scale), {"convention of the root attribute", "temperatures"});
  write_dataset(g, "m", f.m, nN, nT, {"1", "<m>, [N, T] (0 for even P by symmetry)"});
  write_dataset(g, "abs_m", f.abs_m, nN, nT, {"1", "<|m|>, [N, T]"});
  write_dataset(g, "m_squared", f.m_squared, nN, nT, {"1", "<m^2>, [N, T]"});
  write_dataset(g, "A", f.A, nN, nT, {"1", "A_N(t = 1/T_B, x = 0) = (1/N) ln Z_N, [N, T]"});
  write_dataset(g, "m_limit", f.m_limit,
                {"1", "N -> infinity equilibrium overlap (>= 0; the larger at a tie)"});
  if (f.heat_N.empty()) return;
  H5::Group h = create_group(g, "heat_equation", "transport_heat_equation");
  write_attribute(h, "n_dx", f.heat_n_dx);
  write_attribute(h, "max_relative_difference_A", f.heat_max_relative_difference_A);
  write_attribute(h, "max_relative_difference_m_squared", f.heat_max_relative_difference_m_squared);
  write_attribute(h, "accepted_steps", static_cast<int>(f.heat_steps));
  write_dataset(h, "N", f.heat_N, {"1", "sizes integrated (a subset of any sizes)"});
  write_dataset(h, "A", f.heat_A, f.heat_N.size(), nT,
                {"1", "A_N(1/T_B, 0) from Z_t = Z_xx/(2N) (Boost.Odeint dopri5), [N, T]"});
  write_dataset(h, "m_squared", f.heat_m_squared, f.heat_N.size(), nT,
                {"1", "<m^2> = A_xx(1/T_B, 0)/N, 8th-order differences of the same run, [N, T]"});
}

void write_load(H5::Group& g, const LoadTransport& l, double scale) {
  const std::string units = "convention of the root attribute";
  write_attribute(g, "status", l.status);
  if (l.status != "computed") return;
  const std::size_t na = l.alpha.size(), nT = l.T.size();
  write_attribute(g, "max_relative_difference_T_M", l.max_relative_difference_T_M);
  write_attribute(g, "max_relative_difference_T_c", l.max_relative_difference_T_c);
  write_attribute(g, "max_relative_difference_f", l.max_relative_difference_f);
  write_attribute(g, "max_abs_difference_m", l.max_abs_difference_m);
  write_attribute(g, "max_abs_difference_q", l.max_abs_difference_q);
  write_attribute(g, "T_M_transport_status", l.T_M_transport_status);
  write_attribute(g, "T_M_rs_status", l.T_M_rs_status);
  write_attribute(g, "T_c_transport_status", l.T_c_transport_status);
  write_attribute(g, "T_c_rs_status", l.T_c_rs_status);
  write_dataset(g, "alpha", scaled(l.alpha, scale), {units, "loads, as given"});
  write_dataset(g, "T", scaled(l.T, scale), {units, "temperatures, increasing"});
  write_dataset(g, "T_M_transport", scaled(l.T_M_transport, scale),
                {units, "retrieval spinodal: the caustic of the characteristics, [alpha]"});
  write_dataset(g, "T_M_rs", scaled(l.T_M_rs, scale),
                {units, "retrieval spinodal of the RS solver's continuation (rs_lines), [alpha]"});
  write_dataset(g, "T_c_transport", scaled(l.T_c_transport, scale),
                {units, "retrieval transition: the shock between the branches, [alpha]"});
  write_dataset(g, "T_c_rs", scaled(l.T_c_rs, scale),
                {units, "retrieval transition of the RS solver (rs_lines), [alpha]"});
  write_dataset(g, "f", scaled(l.f, scale), na, nT,
                {units, "-T A(1, 0, 0) of the retrieval characteristic, [alpha, T]; NaN: none"});
  write_dataset(g, "m", l.m, na, nT, {"1", "m carried by the retrieval characteristic"});
  write_dataset(g, "q", l.q, na, nT, {"1", "q carried by the retrieval characteristic"});
  write_dataset(g, "f_rs", scaled(l.f_rs, scale), na, nT,
                {units, "f of the RS solver's stable retrieval solution, [alpha, T]; NaN: none"});
  write_dataset(g, "m_rs", l.m_rs, na, nT, {"1", "m of the RS solver's retrieval solution"});
  write_dataset(g, "q_rs", l.q_rs, na, nT, {"1", "q of the RS solver's retrieval solution"});
}

void write_glauber(H5::Group& g, const GlauberTransport& gl, double scale) {
  const std::string units = "convention of the root attribute";
  const std::size_t n_curves = gl.flow_T.size() * gl.cues.size(), nt = gl.t.size();
  write_attribute(g, "T_M", gl.T_M * scale);
  write_attribute(g, "m_fold", gl.m_fold);
  write_attribute(g, "accepted_steps", static_cast<int>(gl.accepted_steps));
  write_attribute(g, "basin_status_codes",
                  std::vector<std::string>{"threshold", "any_cue", "no_retrieval"});
  write_attribute(g, "dynamics",
                  "N -> infinity flow, h = 0, random site order; t in sweeps of N attempts");
  write_dataset(g, "T", scaled(gl.T, scale), {units, "temperatures of the basin, increasing"});
  write_dataset(g, "m_unstable", gl.m_unstable,
                {"1", "m0*(T): the smallest cue retrieved (0: any cue, NaN: none), [T]"});
  write_dataset(g, "m_retrieval", gl.m_retrieval,
                {"1", "the retrieval fixed point m = tanh(beta b(m)) (NaN: none), [T]"});
  write_dataset(g, "basin_status", gl.basin_status,
                {"1", "0 threshold, 1 any cue (P = 2), 2 no retrieval, [T]"});
  write_dataset(g, "flow_T", scaled(gl.flow_T, scale), {units, "temperatures of the m(t) curves"});
  write_dataset(g, "flow_m_unstable", gl.flow_m_unstable, {"1", "m0* at each flow_T"});
  write_dataset(g, "flow_m_retrieval", gl.flow_m_retrieval,
                {"1", "the retrieval fixed point at each flow_T"});
  write_dataset(g, "cues", gl.cues, {"1", "initial overlaps m0 of the curves"});
  write_dataset(g, "t", gl.t, {"sweeps", "times of the curves (N attempted flips per sweep)"});
  write_dataset(g, "m_heat_bath", gl.m_heat_bath, n_curves, nt,
                {"1", "m(t), heat-bath rate, [flow_T x cues (cue fastest), t]"});
  write_dataset(g, "m_metropolis", gl.m_metropolis, n_curves, nt,
                {"1", "m(t), Metropolis rate, [flow_T x cues (cue fastest), t]"});
}

}  // namespace

TransportSection load_section(const LoadTransport& load) {
  return {"load", "transport_load",
          [load](H5::Group& g, double scale) { write_load(g, load, scale); }};
}

TransportSection glauber_section(const GlauberTransport& glauber) {
  return {"glauber", "transport_glauber",
          [glauber](H5::Group& g, double scale) { write_glauber(g, glauber, scale); }};
}

TransportSection signal_section(const SignalTransport& signal) {
  return {"signal", "transport_signal",
          [signal](H5::Group& g, double scale) { write_signal(g, signal, scale); }};
}

TransportSection finite_n_section(const FiniteNTransport& finite_n) {
  return {"finite_n", "transport_finite_n",
          [finite_n](H5::Group& g, double scale) { write_finite_n(g, finite_n, scale); }};
}

void write_transport(const std::string& path, const Model& model,
                     const std::vector<TransportSection>& sections, const Provenance& provenance,
                     Convention convention) {
  const double scale = temperature_from_B(1.0, model.P, convention);
  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_root_attributes(root, "transport", model.P, model.variant, convention);
  write_provenance(root, provenance);
  H5::Group transport = create_group(root, "transport", "transport");
  std::vector<std::string> names;
  for (const TransportSection& s : sections) names.push_back(s.name);
  write_attribute(transport, "sections", names);
  for (const TransportSection& s : sections) {
    H5::Group g = create_group(transport, s.name, s.dhn_type);
    s.write(g, scale);
  }
  out.commit();
}

}  // namespace dhn::analysis

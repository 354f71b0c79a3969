// Writer of the RS phase-diagram HDF5 layout (docs/hdf5-schema.md): converts alpha, T and f from
// convention B to the requested one, tags every group, and commits atomically.
#include "dhn/analysis/phase_diagram_io.hpp"

#include <algorithm>
#include <cmath>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {
namespace {

std::vector<double> scaled(std::vector<double> values, double factor) {
  for (double& v : values) v *= factor;
  return values;
}

// Free energies scaled to the file's convention, +-inf (beyond the double range, e.g. -alpha
// beta at alpha = 1e300) written as NaN like an unsolved point: the schema's one marker for "no
// value" (docs/hdf5-schema.md), so a reader never meets an infinity.
std::vector<double> free_energies(std::vector<double> values, double factor) {
  for (double& v : values) v = std::isinf(v * factor) ? NAN : v * factor;
  return values;
}

void write_codes(H5::H5Object& object, const std::vector<std::string>& names) {
  for (std::size_t k = 0; k < names.size(); ++k)
    write_attribute(object, "code_" + std::to_string(k), names[k]);
}

}  // namespace

void write_rs_phase_diagram(const std::string& path, const theory::RsPhaseDiagram& pd,
                            const Provenance& provenance, Convention convention) {
  const int P = pd.model.P;
  // alpha, T and free energies scale by P! from B to G; m and q are convention-free.
  const double a = alpha_from_B(1.0, P, convention);
  const double t = temperature_from_B(1.0, P, convention);
  const std::string units = std::string("convention ") + std::string(to_string(convention));
  const std::size_t na = pd.alpha.size(), nt = pd.T.size();

  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_root_attributes(root, "phase_diagram", P, pd.model.variant, convention);
  write_attribute(root, "levels", pd.has_rsb1 ? "rs,1rsb" : "rs");
  write_provenance(root, provenance);

  H5::Group grid = create_group(root, "grid", "grid");
  write_dataset(grid, "alpha", scaled(pd.alpha, a),
                {units, "load alpha = K/N^(P-1) (row index of 2-D datasets)"});
  write_dataset(grid, "T", scaled(pd.T, t), {units, "temperature (column index of 2-D datasets)"});

  H5::Group rs = create_group(root, "rs", "rs");
  const theory::RsGridSolutions& g = pd.grid;
  H5::Group retrieval = create_group(rs, "retrieval", "rs_solutions");
  write_dataset(retrieval, "m", g.retrieval_m.values, na, nt,
                {"1", "Mattis overlap of the stable retrieval solution; NaN where none"});
  write_dataset(retrieval, "q", g.retrieval_q.values, na, nt,
                {"1", "Edwards-Anderson overlap of the retrieval solution"});
  write_dataset(retrieval, "f", free_energies(g.retrieval_f.values, t), na, nt,
                {units, "free energy per spin of the retrieval solution"});
  write_dataset(retrieval, "residual", g.retrieval_residual.values, na, nt,
                {"1", "max |F(m,q) - (m,q)| at the solution"});
  H5::Group glass = create_group(rs, "glass", "rs_solutions");
  write_dataset(glass, "q", g.glass_q.values, na, nt,
                {"1", "q of the stable m = 0, q > 0 solution; NaN where none"});
  write_dataset(glass, "f", free_energies(g.glass_f.values, t), na, nt,
                {units, "free energy per spin of the RS glass"});
  H5::Group para = create_group(rs, "paramagnet", "rs_solutions");
  write_dataset(para, "f", free_energies(g.paramagnet_f.values, t), na, nt,
                {units, "free energy per spin of the paramagnet (continued from q = 0)"});
  write_dataset(rs, "phase", g.phase, na, nt,
                {"1", "physical RS phase at (alpha, T): see code_k attributes"});
  H5::DataSet phase = rs.openDataSet("phase");
  write_codes(phase, {"paramagnet", "spin_glass", "retrieval_metastable", "retrieval"});

  H5::Group lines = create_group(rs, "lines", "rs_lines");
  const theory::RsLines& l = pd.lines;
  write_dataset(lines, "T_M", scaled(l.T_M, t),
                {units, "retrieval spinodal (fold of the retrieval branch)"});
  write_dataset(lines, "m_M", l.m_M, {"1", "m at the retrieval fold"});
  write_dataset(lines, "T_c", scaled(l.T_c, t),
                {units, "highest T below which retrieval is the global minimum"});
  write_dataset(lines, "T_glass_spinodal", scaled(l.T_glass_spinodal, t),
                {units, "RS glass solution appears (on cooling)"});
  write_dataset(lines, "T_glass", scaled(l.T_glass, t),
                {units, "RS glass free energy crosses the paramagnet's"});
  write_dataset(lines, "T_entropy_zero", scaled(l.T_entropy_zero, t),
                {units, "paramagnet entropy vanishes (P > 2)"});
  write_dataset(lines, "T_AT", scaled(l.T_AT, t),
                {units, "de Almeida-Thouless: the RS retrieval state is unstable below it"});
  auto write_status = [](H5::Group& group, const char* name,
                         const std::vector<std::int32_t>& status) {
    write_dataset(group, name, status, {"1", "why the line search stopped: see code_k attributes"});
    H5::DataSet ds = group.openDataSet(name);
    write_codes(ds, {"found", "absent", "budget_spent", "step_too_small"});
  };
  write_status(lines, "T_M_status", l.T_M_status);
  write_status(lines, "T_c_status", l.T_c_status);
  write_status(lines, "T_glass_status", l.T_glass_status);
  write_status(lines, "T_AT_status", l.T_AT_status);

  if (pd.has_rsb1) {
    H5::Group rsb1 = create_group(root, "rsb1", "rsb1");
    H5::Group rsb1_lines = create_group(rsb1, "lines", "rsb1_lines");
    write_dataset(rsb1_lines, "T_d", scaled(pd.rsb1_lines.T_d, t),
                  {units, "1RSB dynamical glass transition (theta = 1 branch appears), q1 = 0"});
    write_dataset(rsb1_lines, "T_s", scaled(pd.rsb1_lines.T_s, t),
                  {units, "1RSB static glass transition (zero complexity at theta = 1), q1 = 0"});
    write_status(rsb1_lines, "status", pd.rsb1_lines.status);
    write_dataset(
        rsb1_lines, "T_c", scaled(pd.rsb1_lines.T_c, t),
        {units, "RS retrieval free energy below the 1RSB m = 0 state (paramagnet / frozen glass)"});
    write_status(rsb1_lines, "T_c_status", pd.rsb1_lines.T_c_status);
    write_dataset(
        rsb1_lines, "T_M", scaled(pd.rsb1_lines.T_M, t),
        {units, "retrieval spinodal at 1RSB: the RS fold where it lies above T_AT; NaN otherwise"});
    const theory::Rsb1GridSolutions& g1 = pd.rsb1_grid;
    H5::Group rsb1_glass = create_group(rsb1, "glass", "rsb1_solutions");
    write_dataset(rsb1_glass, "q2", g1.glass_q2.values, na, nt,
                  {"1", "q2 of the frozen 1RSB glass (q1 = 0); NaN above T_s"});
    write_dataset(rsb1_glass, "theta", g1.glass_theta.values, na, nt,
                  {"1", "Parisi parameter of the frozen glass; NaN above T_s"});
    H5::Group rsb1_retrieval = create_group(rsb1, "retrieval", "rsb1_solutions");
    write_dataset(rsb1_retrieval, "m", g1.retrieval_m.values, na, nt,
                  {"1", "Mattis overlap of the 1RSB retrieval state; NaN where none"});
    write_dataset(rsb1_retrieval, "q1", g1.retrieval_q1.values, na, nt,
                  {"1", "inter-state overlap q1 (= q2 = q where the RS state is AT-stable)"});
    write_dataset(rsb1_retrieval, "q2", g1.retrieval_q2.values, na, nt,
                  {"1", "intra-state overlap q2"});
    write_dataset(rsb1_retrieval, "theta", g1.retrieval_theta.values, na, nt,
                  {"1", "Parisi parameter in (0, 1); NaN where the state is replica symmetric"});
    write_dataset(rsb1_retrieval, "f", free_energies(g1.retrieval_f.values, t), na, nt,
                  {units, "free energy per spin of the 1RSB retrieval state"});
    write_dataset(rsb1_retrieval, "residual", g1.retrieval_residual.values, na, nt,
                  {"1", "max |stationarity condition| (theta equation scaled by T^2)"});
    write_dataset(rsb1, "m0_f", free_energies(g1.m0_f.values, t), na, nt,
                  {units,
                   "free energy of the physical m = 0 state at 1RSB (paramagnet above T_s, frozen "
                   "glass below)"});
    write_dataset(rsb1, "phase", g1.phase, na, nt,
                  {"1", "1RSB retrieval against the 1RSB m = 0 state"});
    H5::DataSet phase1 = rsb1.openDataSet("phase");
    write_codes(phase1, {"paramagnet", "spin_glass", "retrieval_metastable", "retrieval"});
  }

  H5::Group capacity = create_group(rs, "capacity", "rs_capacity");
  write_attribute(capacity, "alpha_spinodal", pd.capacity.alpha_spinodal * a);
  write_attribute(capacity, "m_spinodal", pd.capacity.m_spinodal);
  write_attribute(capacity, "alpha_global", pd.capacity.alpha_global * a);
  write_attribute(capacity, "m_global", pd.capacity.m_global);
  out.commit();
}

}  // namespace dhn::analysis

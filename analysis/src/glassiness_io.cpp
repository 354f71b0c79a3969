// Writer of the glassiness HDF5 layout (docs/hdf5-schema.md, "Glassiness files"): one tagged
// /glassiness group of 1-D datasets over T, provenance on the root, committed atomically.
#include "dhn/analysis/glassiness_io.hpp"

#include <stdexcept>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {
namespace {

template <class Point, class Field>
std::vector<double> column(const std::vector<Point>& points, Field field) {
  std::vector<double> values;
  values.reserve(points.size());
  for (const Point& p : points) values.push_back(p.*field);
  return values;
}

void write_split(H5::Group& group, const std::vector<theory::HopfieldGlassSplit>& s) {
  using S = theory::HopfieldGlassSplit;
  const std::string B = "convention B";
  write_dataset(group, "T", column(s, &S::T), {B, "network temperature (row index)"});
  write_dataset(group, "q", column(s, &S::q), {"1", "network's m = 0 overlap (RsHopfield)"});
  write_dataset(group, "f_network", column(s, &S::f_network),
                {B, "AGS free energy per spin at m = 0 (diagonal constant alpha/2 included)"});
  write_dataset(group, "f_hard", column(s, &S::f_hard),
                {B, "hard part: SK at T_hard, -A_SK/beta = (T/T_hard) f_sk"});
  write_dataset(group, "f_soft", column(s, &S::f_soft),
                {B, "soft part: -alpha A_soft(beta, q)/beta, A_soft = -ln(D)/2 + beta q/(2D)"});
  write_dataset(group, "f_coupling", column(s, &S::f_coupling),
                {B,
                 "T [beta1^2 (1-q)^2/4 + alpha beta p (1-q)/2 + alpha beta/2]; f_network = "
                 "f_hard + f_soft + f_coupling"});
  write_dataset(group, "T_hard", column(s, &S::T_hard),
                {"SK units (E[H H'] = N q^2/2)", "SK temperature 1/beta1 = T D/sqrt(alpha)"});
  write_dataset(group, "q_hard", column(s, &S::q_hard),
                {"1", "SK's own RS overlap at T_hard, solved independently (equals q)"});
  write_dataset(group, "f_sk", column(s, &S::f_sk),
                {"SK units (E[H H'] = N q^2/2)", "SK free energy per spin at T_hard"});
  write_dataset(group, "p", column(s, &S::p), {"1", "Gaussian (soft) party's overlap beta q/D^2"});
  write_dataset(group, "residual", column(s, &S::residual),
                {"1", "max of the network's and SK's stationarity residuals"});
  std::vector<std::int32_t> converged;
  for (const S& x : s) converged.push_back(x.converged ? 1 : 0);
  write_dataset(group, "converged", converged,
                {"1", "1 where both solves converged; 0: the point's values are NaN"});
}

void write_hard_only(H5::Group& group, const GlassinessCurves& c) {
  using H = theory::HardOnlyGlass;
  const std::vector<H>& h = c.hard_only;
  const std::string B = "convention B", I = "Ising units (E[H H'] = N q^P/2)";
  write_dataset(group, "T", column(h, &H::T), {B, "network temperature (row index)"});
  write_dataset(group, "T_ising", column(h, &H::T_ising),
                {I, "matched Ising P-spin temperature T sqrt(P!/(2 alpha))"});
  write_dataset(group, "q", column(h, &H::q),
                {"1", "network's overlap of the physical RS m = 0 state; NaN where RS has none"});
  write_dataset(group, "f_network", column(h, &H::f_network),
                {B, "network free energy per spin of that state (RS)"});
  write_dataset(group, "q_ising", column(h, &H::q_ising),
                {"1", "the Ising glass's RS overlap at T_ising, solved independently"});
  write_dataset(
      group, "f_ising", column(h, &H::f_ising),
      {I, "Ising P-spin glass RS free energy per spin at T_ising; f_network = scale f_ising"});
  if (!c.rsb1) return;
  H5::Group rsb1 = create_group(group, "rsb1", "glassiness_rsb1");
  write_dataset(rsb1, "f_network", column(h, &H::f_network_rsb1),
                {B, "network 1RSB m = 0 free energy (paramagnet above T_s, frozen glass below)"});
  write_dataset(rsb1, "f_ising", column(h, &H::f_ising_rsb1),
                {I, "Ising P-spin glass 1RSB free energy at T_ising"});
  write_dataset(rsb1, "q2", column(h, &H::q2_rsb1), {"1", "network's q2 (q1 = 0); NaN above T_s"});
  write_dataset(rsb1, "theta", column(h, &H::theta_rsb1),
                {"1", "network's Parisi parameter; NaN above T_s"});
  write_attribute(rsb1, "T_s", c.network_lines.T_s);
  write_attribute(rsb1, "T_d", c.network_lines.T_d);
  write_attribute(rsb1, "T_s_ising", c.ising_lines.T_s);
  write_attribute(rsb1, "T_d_ising", c.ising_lines.T_d);
}

}  // namespace

void write_glassiness(const std::string& path, const GlassinessCurves& curves,
                      const Provenance& provenance) {
  if ((curves.P == 2) == curves.split.empty() || (curves.P > 2) == curves.hard_only.empty()) {
    throw std::invalid_argument("write_glassiness: P = 2 needs `split`, P > 2 `hard_only`");
  }
  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_root_attributes(root, "glassiness", curves.P, Variant::distinct, Convention::B);
  write_attribute(root, "levels", curves.rsb1 ? "rs,1rsb" : "rs");
  write_attribute(root, "alpha", curves.alpha);
  write_provenance(root, provenance);
  H5::Group group = create_group(root, "glassiness", "glassiness_curves");
  write_attribute(group, "alpha", curves.alpha);
  if (curves.P == 2) {
    write_attribute(group, "identity", "f_network = f_hard + f_soft + f_coupling");
    write_split(group, curves.split);
  } else {
    write_attribute(group, "identity", "f_network = scale * f_ising at T_ising = T / scale");
    write_attribute(group, "scale", curves.hard_only.front().scale);
    write_hard_only(group, curves);
  }
  out.commit();
}

}  // namespace dhn::analysis

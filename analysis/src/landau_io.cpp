#include "dhn/analysis/landau_io.hpp"

#include <vector>

#include "dhn/analysis/h5_file.hpp"
#include "dhn/model/finite_size.hpp"

namespace dhn::analysis {

namespace {

// One field of the points or extrema, times `factor`.
template <class Item, class Get>
std::vector<double> column(const std::vector<Item>& items, Get get, double factor = 1.0) {
  std::vector<double> out;
  out.reserve(items.size());
  for (const Item& x : items) out.push_back(get(x) * factor);
  return out;
}

void write_extrema(H5::Group& parent, const std::string& name,
                   const std::vector<theory::LandauExtremum>& extrema, double t,
                   const std::string& units, const std::string& what) {
  H5::Group g = create_group(parent, name, "landau_extrema");
  write_attribute(g, "description", what);
  write_dataset(g, "m", column(extrema, [](const auto& e) { return e.m; }),
                {"1", "overlap of each " + what});
  write_dataset(g, "f",
                column(
                    extrema, [](const auto& e) { return e.f; }, t),
                {units, "free energy per spin there"});
  write_dataset(g, "q", column(extrema, [](const auto& e) { return e.q; }),
                {"1", "Edwards-Anderson overlap there"});
}

}  // namespace

void write_landau(const std::string& path, const Model& model, theory::ReplicaLevel level,
                  const theory::LandauProfile& profile, int finite_N, const Provenance& provenance,
                  Convention convention) {
  // free energies, fields and temperatures scale like T (physics.md section 1)
  const double a = alpha_from_B(1.0, model.P, convention);
  const double t = temperature_from_B(1.0, model.P, convention);
  const std::string units = "convention " + std::string(to_string(convention));
  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_root_attributes(root, "landau", model.P, model.variant, convention);
  write_attribute(root, "levels", std::string(theory::to_string(level)));
  write_attribute(root, "alpha", model.alpha * a);
  write_attribute(root, "T", profile.T * t);
  write_provenance(root, provenance);

  H5::Group g = create_group(root, "landau", "landau_profile");
  write_attribute(g, "alpha", model.alpha * a);
  write_attribute(g, "T", profile.T * t);
  write_attribute(g, "identity", "df/dm = h; h = 0 at the RS solutions");
  const auto& p = profile.points;
  write_dataset(g, "m", column(p, [](const auto& x) { return x.m; }),
                {"1", "overlap with the cued pattern, held fixed"});
  write_dataset(g, "f",
                column(
                    p, [](const auto& x) { return x.f; }, t),
                {units, "constrained free energy per spin f(m); NaN where unsolved"});
  write_dataset(g, "h",
                column(
                    p, [](const auto& x) { return x.h; }, t),
                {units, "conjugate field df/dm (energy -h N m); +-inf at m = +-1"});
  write_dataset(g, "q", column(p, [](const auto& x) { return x.q; }),
                {"1", "Edwards-Anderson overlap at the saddle point"});
  write_dataset(g, "s", column(p, [](const auto& x) { return x.s; }),
                {"1", "entropy per spin at fixed m, -df/dT"});
  write_dataset(g, "residual", column(p, [](const auto& x) { return x.residual; }),
                {"1",
                 "max(|E tanh - m|, |E tanh^2 - q|) at the solution (1rsb points: the "
                 "largest of their four equations)"});
  if (level == theory::ReplicaLevel::rsb1) {
    write_dataset(g, "q1", column(p, [](const auto& x) { return x.q1; }),
                  {"1", "1RSB overlap between states q1 (q is q2 there); NaN at RS points"});
    write_dataset(g, "theta", column(p, [](const auto& x) { return x.theta; }),
                  {"1", "1RSB Parisi parameter theta in (0, 1]; NaN at RS points"});
    std::vector<std::int32_t> broken;
    for (const theory::LandauPoint& x : p) broken.push_back(x.rsb1 ? 1 : 0);
    write_dataset(g, "rsb1", broken,
                  {"1",
                   "1 where the 1RSB saddle point is the physical one (higher f), 0 where "
                   "f is the RS one (no 1RSB saddle)"});
  }
  if (finite_N > 0) {
    std::vector<double> corrected;
    for (const theory::LandauPoint& x : p)
      corrected.push_back((x.f + finite_size_correction(model, finite_N, x.m, profile.T)) * t);
    write_dataset(g, "f_finite_n", corrected,
                  {units,
                   "f(m) + [-e_P(Nm)/N^(P-1) + N m^P/P!]/N - (T/N)[ln C(N, N(1+m)/2) - N s(m)]: "
                   "the exact finite-N signal energy (0 for the full variant) and count of "
                   "states at N = attribute finite_n"});
    write_attribute(g, "finite_n", finite_N);
  }
  write_extrema(g, "minima", profile.minima, t, units, "local minimum of f(m)");
  write_extrema(g, "maxima", profile.maxima, t, units, "local maximum of f(m) (barrier)");
  out.commit();
}

}  // namespace dhn::analysis

#include "dhn/analysis/capacity_io.hpp"

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {

void write_capacity(const std::string& path, const Model& model, const theory::StorageCapacity& c,
                    const Provenance& provenance, Convention convention) {
  const double a = alpha_from_B(1.0, model.P, convention);
  const double t = temperature_from_B(1.0, model.P, convention);
  AtomicH5File out(path);
  H5::Group root = out.file().openGroup("/");
  write_root_attributes(root, "capacity", model.P, model.variant, convention);
  write_attribute(root, "level", std::string(theory::to_string(c.level)));
  write_provenance(root, provenance);
  H5::Group group = create_group(root, "capacity", "storage_capacity");
  write_attribute(group, "alpha_spinodal", c.alpha_spinodal * a);
  write_attribute(group, "m_spinodal", c.m_spinodal);
  write_attribute(group, "alpha_global", c.alpha_global * a);
  write_attribute(group, "m_global", c.m_global);
  write_attribute(group, "q1", c.q1);
  write_attribute(group, "mu", c.mu / t);  // mu carries units of 1/temperature
  write_attribute(group, "status", static_cast<int>(c.status));
  out.commit();
}

}  // namespace dhn::analysis

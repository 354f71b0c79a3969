#include "dhn/theory/storage_capacity.hpp"

#include "dhn/theory/rsb1_capacity.hpp"
#include "dhn/theory/rsb1_hopfield.hpp"
#include "dhn/theory/zero_temperature.hpp"

namespace dhn::theory {

namespace {
// The fields every level's capacity result shares.
template <class Capacity>
StorageCapacity common_fields(const Capacity& c, ReplicaLevel level) {
  StorageCapacity out;
  out.level = level;
  out.alpha_spinodal = c.alpha_spinodal;
  out.m_spinodal = c.m_spinodal;
  out.alpha_global = c.alpha_global;
  out.m_global = c.m_global;
  return out;
}
}  // namespace

StorageCapacity storage_capacity(const Model& model, ReplicaLevel level) {
  if (level == ReplicaLevel::rs) {
    StorageCapacity out = common_fields(rs_capacity(model), level);
    out.status = std::isfinite(out.alpha_spinodal) ? LineStatus::found : LineStatus::absent;
    return out;
  }
  if (model.P == 2) {  // the 1RSB global-minimum capacity of P = 2 is the RS one there
    const Rsb1HopfieldCapacity c = rsb1_hopfield_capacity();
    StorageCapacity out = common_fields(c, level);
    out.q1 = c.q0_spinodal;
    out.mu = c.mu_spinodal;
    out.status = c.status;
    return out;
  }
  const Rsb1Capacity c = rsb1_capacity(model);
  StorageCapacity out = common_fields(c, level);
  out.q1 = c.q1_spinodal;
  out.mu = c.mu_spinodal;
  out.status = c.status;
  return out;
}

}  // namespace dhn::theory

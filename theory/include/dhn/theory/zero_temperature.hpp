// Replica-symmetric theory at T = 0 in closed form (erf / Phi): the retrieval branch, ground-state
// energies, and the two RS capacities (spinodal and global minimum). physics.md sections 3 and 5.
#pragma once

#include <optional>

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/theory/rs_capacity.hpp"

namespace dhn::theory {

// E|a + sigma z|, z ~ N(0,1): a erf(a/(sigma sqrt 2)) + sigma sqrt(2/pi) exp(-a^2/(2 sigma^2)).
double expected_abs_gaussian(double a, double sigma);

// Dense network, P >= 3, any variant. With g = xihat'(1)/alpha (alpha-independent):
//   m = erf(b(m)/sqrt(2 alpha g)),  alpha(m) = b(m)^2 / (2 g erfinv(m)^2),
//   e_retrieval(m, alpha) = -E|b(m) + z sqrt(alpha g)| + (P-1) m^P/P!,
//   e_glass(alpha) = -sqrt(2 alpha g / pi)   (the RS spin-glass ground state, m = 0).
class RsGroundStateDense {
 public:
  RsGroundStateDense(int P, Variant variant);
  double alpha_of_m(double m) const;
  double retrieval_energy(double m, double alpha) const;
  double glass_energy(double alpha) const;
  // Largest root m of m = erf(b(m)/sqrt(2 alpha g)); NaN when alpha exceeds the capacity.
  double retrieval_m(double alpha) const;
  RsCapacity capacity() const;

 private:
  int P_;
  Signal signal_;
  double g_;                                    // xihat'(1)/alpha
  mutable std::optional<RsCapacity> capacity_;  // computed on first use by retrieval_m
};

// Hopfield model, P = 2 (AGS 1987), parametrised by y = m/sqrt(2 alpha r):
//   m = erf(y),  C = 2y exp(-y^2)/(sqrt(pi) m),  r = 1/(1-C)^2,  alpha(y) = m^2 (1-C)^2/(2 y^2),
//   e = alpha/2 + m^2/2 - alpha/(2(1-C)) + alpha C/(2(1-C)^2) - E|m + z sqrt(alpha r)|.
// The glass (m = 0): C = c/(1+c), c = sqrt(2/(pi alpha)), with the same energy expression.
class RsGroundStateHopfield {
 public:
  struct BranchPoint {
    double alpha, m, C, energy;
  };
  BranchPoint branch(double y) const;
  // The stable-branch point (y above the spinodal) at load alpha; NaNs above the capacity.
  BranchPoint retrieval_at(double alpha) const;
  double glass_energy(double alpha) const;
  RsCapacity capacity() const;
};

// The RS capacities of any model (P = 2 or P >= 3; the model's alpha is ignored).
RsCapacity rs_capacity(const Model& model);

}  // namespace dhn::theory

#include "dhn/theory/rs_solver.hpp"

#include <cmath>

namespace dhn::theory {

RsPoint classify(RsSolution retrieval, RsSolution glass, RsSolution paramagnet) {
  RsPoint point;
  const bool has_retrieval =
      retrieval.converged && retrieval.stable && retrieval.m > kRetrievalThreshold;
  const bool has_paramagnet = paramagnet.converged && std::abs(paramagnet.m) <= kRetrievalThreshold;
  const bool has_glass = glass.converged && glass.stable &&
                         std::abs(glass.m) <= kRetrievalThreshold &&
                         (!has_paramagnet || std::abs(glass.q - paramagnet.q) > kDistinctQ);
  if (has_retrieval) point.retrieval = retrieval;
  if (has_paramagnet) point.paramagnet = paramagnet;
  if (has_glass) point.glass = glass;

  // A paramagnet with negative entropy (below T = sqrt(xihat(1)/(2 ln 2)) for P > 2) is not a
  // physical state of Ising spins; RS has no valid m = 0 state there unless the glass exists.
  const bool paramagnet_physical =
      has_paramagnet && paramagnet.stable && paramagnet.s >= -kEntropyTolerance;
  if (paramagnet_physical) point.f_m0 = paramagnet.f;
  if (has_glass && !(glass.f < point.f_m0)) {  // also taken when f_m0 is still NaN
    point.f_m0 = glass.f;
    point.m0_is_glass = true;
  }

  if (has_retrieval) {
    point.phase = (std::isnan(point.f_m0) || retrieval.f < point.f_m0)
                      ? RsPhase::retrieval
                      : RsPhase::retrieval_metastable;
  } else {
    point.phase = point.m0_is_glass ? RsPhase::spin_glass : RsPhase::paramagnet;
  }
  return point;
}

}  // namespace dhn::theory

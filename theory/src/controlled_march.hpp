// A budgeted march of a Boost.Odeint controlled stepper to an end time (integrate_adaptive has no
// step budget): try_step until t_end, counting accepted and rejected steps.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <boost/numeric/odeint/stepper/controlled_step_result.hpp>

namespace dhn::theory::detail {

struct MarchCount {
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  bool completed = true;  // false: the budget ran out before t_end
};

// Advances (state, t) to t_end with the controlled stepper's error control; dt carries the
// suggested step between calls. Stops early, completed = false, after max_attempts tries.
template <class Controlled, class System, class State>
void march_to(Controlled& stepper, System& system, State& state, double& t, double t_end,
              double& dt, std::size_t max_attempts, MarchCount& count) {
  namespace odeint = boost::numeric::odeint;
  const double end_slack = 1e-14 * std::max(1.0, std::abs(t_end));
  while (t_end - t > end_slack) {
    if (count.accepted + count.rejected >= max_attempts) {
      count.completed = false;
      return;
    }
    const bool last = dt >= t_end - t;
    double step = last ? t_end - t : dt;
    const double suggested_before = dt;
    if (stepper.try_step(system, state, t, step) == odeint::success) {
      ++count.accepted;
      if (last) {
        t = t_end;                              // no rounding residue at an output time
        dt = std::max(step, suggested_before);  // a shortened last step says nothing new
      } else {
        dt = step;
      }
    } else {
      ++count.rejected;
      dt = step;
    }
  }
}

}  // namespace dhn::theory::detail

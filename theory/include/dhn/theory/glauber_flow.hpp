// The mean-field Glauber flow of the cued overlap at alpha -> 0: m(t) of the suite's single-spin
// Monte Carlo (heat-bath or Metropolis, random or sequential site order) from a cue m0, by Odeint.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "dhn/model/model.hpp"

namespace dhn::theory {

// The acceptance rule of a flip with energy change Delta H (montecarlo/acceptance.hpp):
enum class GlauberRate {
  heat_bath,   // 1 / (1 + exp(beta Delta H)) = (1 - tanh(beta Delta H / 2)) / 2
  metropolis,  // min(1, exp(-beta Delta H))
};

// The order in which a sweep visits the sites (montecarlo/site_order.hpp):
enum class GlauberOrder {
  random_site,  // every attempt picks a uniform site: dm/dt = G(m, m)
  sequential,   // every site once per sweep, in index order: a delay equation with delay 1 sweep
};

// One flow: docs/derivations/glauber-flow.md. Time t is in sweeps (N attempted flips each).
struct GlauberFlow {
  int P = 3;       // interaction order, 2 <= P <= kMaxP
  double T = 0.1;  // temperature, convention B (> 0)
  double h = 0.0;  // field conjugate to N m (H gets -h S), convention B
  GlauberRate rate = GlauberRate::heat_bath;
  GlauberOrder order = GlauberOrder::random_site;
  // N = 0: the N -> infinity flow, local field b(m) + h (the same for both variants). N >= 2:
  // the exact one-pattern Delta H of the variant at S = N m (e_P or S^P / P!, physics.md 1): the
  // drift of the finite-N chain without its O(1/N) fluctuation terms (section 3 of the doc).
  int N = 0;
  Variant variant = Variant::distinct;  // matters only at finite N
};

// Throws std::invalid_argument naming the parameter for P outside 2..kMaxP, T <= 0 or not finite,
// h not finite, N = 1 or N < 0.
void validate_flow(const GlauberFlow& flow);

// The acceptance probability of a flip at u = beta Delta H: 1/(1 + e^u) (heat-bath) or
// min(1, e^-u) (Metropolis), the rules of montecarlo/acceptance.hpp.
double glauber_acceptance(GlauberRate rate, double u);

// The velocity of the random-site flow and its two ingredients (doc section 2):
// G(m, mu) = (1 - mu) W(beta Delta H_-(m)) - (1 + mu) W(beta Delta H_+(m)), where mu is the mean
// alignment x = xi s of the sites about to be visited and Delta H_+-(m) the energy change of
// flipping an aligned (x = +1) or anti-aligned (x = -1) spin at overlap m. Heat-bath, N = 0:
// G(m, m) = tanh(beta (b(m) + h)) - m.
double glauber_velocity(const GlauberFlow& flow, double m, double mu);
// Delta H of flipping a spin with alignment x = +-1 at overlap m (N = 0: 2 x (b(m) + h)).
double glauber_flip_energy(const GlauberFlow& flow, double m, int x);

struct GlauberOptions {
  double abs_tolerance = 1e-11;          // dopri5 error control on m (and on the delayed copies)
  double rel_tolerance = 1e-11;          //
  std::size_t max_attempts = 1'000'000;  // step budget (accepted + rejected, all sweeps)
};

struct GlauberTrajectory {
  std::vector<double> t;  // output times (sweeps), as asked
  std::vector<double> m;  // m(t); NaN from where the budget ran out
  std::size_t accepted_steps = 0;
  std::size_t rejected_steps = 0;
  bool completed = false;  // false: the step budget ran out
};

// m(t) from m(0) = m0 at the output times `times` (non-decreasing, >= 0). Random-site order: the
// ODE dm/dt = G(m, m). Sequential: dm/dt = G(m(t), mu(t - 1)), mu(t) = mu(t - 1) + G(m(t),
// mu(t - 1)), mu = m0 on [-1, 0) (doc section 4), integrated by the method of steps. Throws
// std::invalid_argument naming the parameter for P outside 2..kMaxP, T <= 0, N = 1 or < 0,
// |m0| > 1 or bad times.
GlauberTrajectory glauber_trajectory(const GlauberFlow& flow, double m0,
                                     const std::vector<double>& times,
                                     const GlauberOptions& options = {});

// The fixed points of the N -> infinity flow at h = 0 (the same for both rates and orders: they
// solve m = tanh(beta b(m)), the alpha = 0 mean-field equation) and the basin of retrieval.
enum class BasinStatus {
  threshold,     // P >= 3, T < T_M(0): cues m0 > m_unstable are retrieved, smaller ones decay to 0
  any_cue,       // P = 2, T < 1: m = 0 is unstable, every m0 > 0 is retrieved (m_unstable = 0)
  no_retrieval,  // T >= T_M(0): no m > 0 fixed point, every cue decays to 0
};

struct GlauberBasin {
  double m_unstable = NAN;   // m0*(T, P), the smallest cue retrieved: the middle root
  double m_retrieval = NAN;  // the retrieval fixed point (largest root)
  double T_M = NAN;          // max_m b(m) / atanh(m), where the two roots merge (the fold)
  double m_fold = NAN;       // its argmax
  BasinStatus status = BasinStatus::no_retrieval;
};

// Roots of T atanh(m) = b(m) on (0, 1) (equivalently m = tanh(b(m) / T)), by the suite's Brent
// root finder to 1e-14 on either side of the fold, itself found by the Brent maximiser of
// b(m) / atanh(m). Throws std::invalid_argument for P outside 2..kMaxP or T <= 0.
GlauberBasin glauber_basin(int P, double T);

}  // namespace dhn::theory

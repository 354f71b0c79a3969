// The glassiness of the network's m = 0 sector (physics.md section 5, issue 3 item 5): for P = 2
// the AGS free energy split into a hard (SK) and a soft (Gaussian) spin-glass part, for P > 2 the
// hard-only identity with the Ising P-spin glass at a matched temperature.
#pragma once

#include <cmath>
#include <vector>

#include "dhn/model/covariance.hpp"
#include "dhn/theory/rs_system.hpp"
#include "dhn/theory/rsb1_glass.hpp"

namespace dhn::theory {

// ---------------------------------------------------------------------------------------------
// P = 2. Derivation: docs/derivations/glassiness-p2.md (after Barra, Genovese, Guerra, Tantari,
// "How glassy are neural networks?", J. Stat. Mech. (2012) P07009).
//
// The Hopfield model is the Ising party of a bipartite (restricted Boltzmann) model whose other
// party is K = alpha N standard-Gaussian "soft" units z_mu. Its RS pressure at m = 0, with the
// Ising overlap q, the Gaussian overlap p and D = 1 - beta (1 - q) > 0, is stationary at
//   p = beta q / D^2,   q = E tanh^2(beta1 sqrt(q) g),   beta1 = beta sqrt(alpha) / D,
// where it equals the AGS pressure A = -beta f of RsHopfield (convention B):
//   A = ln 2 + E ln cosh(beta1 sqrt(q) g) + alpha A_soft(beta, q) - (alpha beta/2) p (1-q)
//       - alpha beta/2.
// The last term is the diagonal (self-interaction) constant: the "distinct" Hamiltonian omits the
// i = j terms, so f carries +alpha/2. Adding and subtracting beta1^2 (1-q)^2/4 gives
//   A = A_SK(beta1, q) + alpha A_soft(beta, q) - A_coupling,
//   A_SK(beta1, q)   = ln 2 + E ln cosh(beta1 sqrt(q) g) + beta1^2 (1-q)^2/4   (SK, E[H H'] = N
//   q^2/2) A_soft(beta, q)  = E_g ln E_z exp(beta (1-q) z^2/2 + sqrt(beta q) g z) = -ln(D)/2 + beta
//   q/(2D) A_coupling       = beta1^2 (1-q)^2/4 + alpha beta^2 q (1-q)/(2 D^2) + alpha beta/2.
// The SK equation at fixed beta1 is the network's q equation, so SK solved on its own at
// T_hard = 1/beta1 has its RS solution at the network's q (the split is between two systems that
// are each at their own RS saddle point). A_soft is the pressure of one Gaussian soft spin with
// self-coupling beta (1-q)/2 in a quenched Gaussian field of variance beta q; its own overlap
// E <z>^2 is p. It is not an SK model with Gaussian spins: that model (no spherical constraint)
// has a paramagnetic phase only for beta2 < 1/2 and no glass; the soft party lives only through
// its coupling to the Ising one.
// ---------------------------------------------------------------------------------------------

// A_SK(beta1, q) above, at any q in [0, 1] (not necessarily stationary).
double sk_rs_pressure(double beta1, double q);

// The RS state of SK (E[H H'] = N q^2/2) at temperature T in its own units: q = 0 for T >= 1,
// else the root q > 0 of q = E tanh^2(sqrt(q) g / T) (Brent on E tanh^2(.)/q - 1, polished by
// Newton), f = -A_SK(1/T, q) T.
struct SkRsSolution {
  double q = NAN;              // Edwards-Anderson overlap
  double f = NAN;              // free energy per spin in SK units
  double residual = INFINITY;  // |E tanh^2(sqrt(q) g / T) - q|
  bool converged = false;      // residual below 1e-12
};
SkRsSolution solve_sk_rs(double T);

// A_soft(beta, q) above: -ln(D)/2 + beta q/(2D), D = 1 - beta (1-q); NaN unless D > 0.
double gaussian_soft_pressure(double beta, double q);

// The split at one (alpha, T), convention B, every free energy per spin of the network:
//   f_network = f_hard + f_soft + f_coupling.
struct HopfieldGlassSplit {
  double alpha = NAN;          // load alpha = K/N, > 0
  double T = NAN;              // network temperature
  double q = NAN;              // network's m = 0 overlap (RsHopfield; 0 in the paramagnet)
  double p = NAN;              // Gaussian party's overlap beta q / D^2
  double f_network = NAN;      // AGS free energy at m = 0 (RsHopfield)
  double T_hard = NAN;         // SK temperature 1/beta1 = T D / sqrt(alpha) (SK units)
  double q_hard = NAN;         // SK's own RS overlap at T_hard (solve_sk_rs; equals q)
  double f_sk = NAN;           // SK free energy per spin at T_hard in SK units (solve_sk_rs)
  double f_hard = NAN;         // -A_SK/beta = (T/T_hard) f_sk: the hard part in network units
  double f_soft = NAN;         // -alpha A_soft(beta, q)/beta: the soft part
  double f_coupling = NAN;     // A_coupling/beta, the diagonal constant alpha/2 included
  double residual = INFINITY;  // max of the network's and SK's stationarity residuals
  bool glass = false;          // q > 0 (below T_g = 1 + sqrt(alpha))
  bool converged = false;      // both solves converged
};

// Solves the network's m = 0 sector from q = 1 (the glass) and, where that lands on q = 0 or
// fails, from q = 0 (the paramagnet, admissible for T > 1); then SK independently at T_hard.
// Throws std::invalid_argument unless alpha > 0 and T > 0 are finite.
HopfieldGlassSplit hopfield_glass_split(double alpha, double T);

// ---------------------------------------------------------------------------------------------
// P > 2, variant distinct: xihat(q) = alpha q^P/P! is alpha/alpha' times the covariance of the
// Ising P-spin glass with E[H H'] = N q^P/2 (alpha' = P!/2), so the m = 0 pressures agree at
// beta' = beta sqrt(2 alpha/P!): f_network(T) = scale f_ising(T'), scale = sqrt(2 alpha/P!),
// T' = T/scale (physics.md section 3 has no soft 1/(1 - beta(1-q)) terms).
// ---------------------------------------------------------------------------------------------

struct HardOnlyGlass {
  double T = NAN;        // network temperature (convention B)
  double T_ising = NAN;  // matched Ising P-spin temperature T/scale (Ising units)
  double scale = NAN;    // sqrt(2 alpha/P!)
  // RS, the physical m = 0 state of classify(): paramagnet with s >= 0 or the RS glass; NaN where
  // RS has none (below the paramagnet's entropy crisis and above the RS glass spinodal).
  double q = NAN;          // network's overlap of that state
  double f_network = NAN;  // its free energy per spin (network units)
  double q_ising = NAN;    // the Ising glass's own state at T_ising, solved independently
  double f_ising = NAN;    // its free energy per spin (Ising units); f_network = scale f_ising
  // 1RSB (q1 = 0; computed when asked): the paramagnet above T_s, the frozen glass below.
  double f_network_rsb1 = NAN;
  double f_ising_rsb1 = NAN;
  double q2_rsb1 = NAN;     // network's q2; NaN above T_s
  double theta_rsb1 = NAN;  // network's Parisi parameter; NaN above T_s
};

// The network (P, alpha) and its matched Ising P-spin glass with their 1RSB glass lines (each
// computed independently when rsb1 is set), reused for every temperature.
class HardOnlyGlassMatch {
 public:
  // Throws std::invalid_argument unless 3 <= P <= kMaxP and alpha > 0.
  HardOnlyGlassMatch(int P, double alpha, bool rsb1);
  HardOnlyGlass at(double T) const;
  double scale() const { return scale_; }
  const Rsb1GlassLines& network_lines() const { return network_lines_; }
  const Rsb1GlassLines& ising_lines() const { return ising_lines_; }

 private:
  double scale_;
  bool rsb1_;
  RsDense network_, ising_;
  Rsb1Glass network1_, ising1_;
  Rsb1GlassLines network_lines_, ising_lines_;
};

// One temperature; builds the match (and, with rsb1, its glass lines) each call.
HardOnlyGlass hard_only(int P, double alpha, double T, bool rsb1 = false);

// ---------------------------------------------------------------------------------------------
// The inputs of a glassiness curve (the glassiness program), convention B, validated once.
// Returns the temperatures to solve at: T itself, or when T is empty the default of 150 evenly
// spaced points up to 1.5 (1 + sqrt(alpha)) for P = 2 (above T_g) and up to 2 T_s (the network's
// 1RSB glass transition) for P > 2. Throws dhn::ParameterError naming alpha (0 < alpha <
// infinity), variant (the glass match needs distinct), level (rs,1rsb needs P >= 3: the
// Hopfield 1RSB is T = 0 only) or t-grid (T > 0); P is checked by validate(Model);
// std::runtime_error when P > 2 has no 1RSB glass line for the default grid.
std::vector<double> glassiness_temperatures(const Model& model, bool rsb1, std::vector<double> T);

}  // namespace dhn::theory

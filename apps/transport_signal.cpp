#include "transport_signal.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/theory/rs_lines.hpp"
#include "dhn/theory/signal_characteristics.hpp"
#include "dhn/theory/signal_pressure.hpp"
#include "dhn/theory/signal_shock.hpp"

namespace dhn::cli {
namespace {

namespace th = dhn::theory;

constexpr int kCharacteristicTimes = 201;     // samples along each characteristic
constexpr int kCausticPoints = 400;           // m in (0, 1) on the envelope
constexpr double kCharacteristicReach = 2.0;  // x0 in [-2, 2]: m0 = tanh x0 up to 0.96
constexpr int kShockSamples = 200;            // shock positions between the cusp and t_c
constexpr double kShockStopCells = 12.0;      // signal_shock.hpp: the window needs this much room

const char* name_of(th::Reconstruction r) {
  return r == th::Reconstruction::muscl_minmod ? "muscl_minmod" : "piecewise_constant";
}

// Linear interpolation of the cell averages at `at` (inside the cell centres' span).
double interpolate(std::span<const double> x, std::span<const double> u, double at) {
  const auto right = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), at) - x.begin());
  const std::size_t hi = std::clamp<std::size_t>(right, 1, x.size() - 1), lo = hi - 1;
  const double w = (at - x[lo]) / (x[hi] - x[lo]);
  return (1.0 - w) * u[lo] + w * u[hi];
}

// m on the (T, h) grid from one run through all t = 1/T (decreasing T is increasing t).
void fill_m_grid(const SignalTransportRequest& r, analysis::SignalTransport& out) {
  const std::size_t nT = r.T.size(), nh = r.h.size();
  out.m.assign(nT * nh, NAN);
  out.m_zero_field.assign(nT, NAN);
  std::vector<double> times;
  for (std::size_t k = nT; k-- > 0;) times.push_back(1.0 / r.T[k]);
  std::size_t next_row = nT;  // rows are filled from the last (smallest T) backwards
  const th::ConservationLawRun run = th::solve_signal_conservation_law(
      r.P, times, r.scheme, [&](double t, std::span<const double> x, std::span<const double> u) {
        const std::size_t row = --next_row;
        for (std::size_t j = 0; j < nh; ++j) {
          const double at = t * r.h[j];
          if (!(at > x.front() && at < x.back()))
            throw std::invalid_argument(
                fmt::format("--h-grid: h = {} at T = {} (convention B) is out of range: |h/T| must "
                            "stay below the scheme's "
                            "half-width {:.4g} (4 + t (P-1)!^-1 at the largest t = 1/T)",
                            r.h[j], r.T[row], x.back()));
          out.m[row * nh + j] = interpolate(x, u, at);
        }
        // h -> 0+: the first cell right of the face x = 0 (even P: the standing shock sits on it)
        const auto right = std::upper_bound(x.begin(), x.end(), 0.0) - x.begin();
        out.m_zero_field[row] = u[static_cast<std::size_t>(right)];
        return true;
      });
  if (!run.completed)
    throw std::runtime_error(
        "transport: the conservation-law run for m(T, h) spent its step "
        "budget; use a larger --dx or --tolerance");
  out.accepted_steps = run.accepted_steps;
  out.m_hopf.resize(nT * nh);
  for (double T : r.T)
    out.m_zero_field_hopf.push_back(th::signal_pressure_limit(r.P, 1.0 / T, 0.0).m);
  for (std::size_t i = 0; i < nT; ++i)
    for (std::size_t j = 0; j < nh; ++j)
      out.m_hopf[i * nh + j] = th::signal_pressure_limit(r.P, 1.0 / r.T[i], r.h[j] / r.T[i]).m;
}

void fill_characteristics(const SignalTransportRequest& r, double t_max,
                          analysis::SignalTransport& out) {
  const Signal b(r.P);
  const int nc = std::max(r.characteristics, 2);
  for (int k = 0; k < nc; ++k)
    out.characteristic_x0.push_back(-kCharacteristicReach +
                                    2.0 * kCharacteristicReach * k / (nc - 1));
  for (int k = 0; k < kCharacteristicTimes; ++k)
    out.characteristic_t.push_back(t_max * k / (kCharacteristicTimes - 1));
  for (double x0 : out.characteristic_x0)
    for (double t : out.characteristic_t)
      out.characteristic_x.push_back(x0 - t * b.value(std::tanh(x0)));

  // the envelope dx/dx0 = 0 for m in (0, 1) (the m < 0 half is its mirror for even P), kept
  // where t <= 2 t_max (for P >= 3, t -> infinity as m -> 0)
  for (int k = 1; k < kCausticPoints; ++k) {
    const double m = static_cast<double>(k) / kCausticPoints;
    const double t = 1.0 / (b.derivative(m) * (1.0 - m * m));
    if (!(t <= 2.0 * t_max)) continue;
    out.caustic_m.push_back(m);
    out.caustic_t.push_back(t);
    out.caustic_x.push_back(std::atanh(m) - t * b.value(m));
  }
  const th::CharacteristicPoint cusp = th::first_characteristic_crossing(r.P);
  out.cusp_t = cusp.t;
  out.cusp_x = cusp.x;
  out.cusp_m = cusp.m;
  out.T_M_caustic = 1.0 / th::caustic_at_zero_field(r.P).t;
}

// The shock on x > 0 from its birth at the cusp until it is kShockStopCells cells from x = 0,
// then the extrapolated arrival (t_c, 0) when it was found (P = 2: born at x = 0, the arrival
// alone). Never empty: a single NaN entry when nothing was found.
void fill_shock_path(const SignalTransportRequest& r, double t_c, bool arrived,
                     analysis::SignalTransport& out) {
  if (r.P > 2) {
    const double t_star = out.cusp_t;
    const double step = (t_c - t_star) / kShockSamples;
    std::vector<double> times;
    for (int k = 1; k <= kShockSamples; ++k) times.push_back(t_star + step * k);
    th::solve_signal_conservation_law(
        r.P, times, r.scheme, [&](double t, std::span<const double> x, std::span<const double> u) {
          const th::ShockLocation shock = th::locate_shock(x, u);
          if (!shock.found) return out.shock_t.empty();  // not yet resolved: go on; gone: stop
          if (shock.x < kShockStopCells * r.scheme.dx) return false;
          out.shock_t.push_back(t);
          out.shock_x.push_back(shock.x);
          out.shock_u_left.push_back(shock.u_left);
          out.shock_u_right.push_back(shock.u_right);
          return true;
        });
  }
  if (arrived || out.shock_t.empty()) {
    out.shock_t.push_back(arrived ? t_c : NAN);
    out.shock_x.push_back(arrived ? 0.0 : NAN);
    out.shock_u_left.push_back(NAN);
    out.shock_u_right.push_back(NAN);
  }
}

}  // namespace

analysis::SignalTransport compute_signal_transport(const SignalTransportRequest& r,
                                                   const StageCallback& stage) {
  constexpr int kStages = 5;
  analysis::SignalTransport out;
  out.dx = r.scheme.dx;
  out.reconstruction = name_of(r.scheme.reconstruction);
  out.design_order = r.scheme.reconstruction == th::Reconstruction::muscl_minmod ? 2.0 : 1.0;
  out.tolerance = r.scheme.rel_tolerance;
  out.T = r.T;
  out.h = r.h;

  fill_m_grid(r, out);
  stage(1, kStages);

  // t_c at dx and dx/2, and the asymptotic error of the finer one (transport.md section 5)
  const th::ShockArrival coarse = th::shock_arrival_at_zero_field(r.P, r.scheme);
  stage(2, kStages);
  th::ConservationLawOptions fine_scheme = r.scheme;
  fine_scheme.dx = 0.5 * r.scheme.dx;
  const th::ShockArrival fine = th::shock_arrival_at_zero_field(r.P, fine_scheme);
  stage(3, kStages);
  if (coarse.found && fine.found) {
    out.T_c_status = "found";
    out.T_c_shock_coarse = 1.0 / coarse.t;
    out.T_c_shock = 1.0 / fine.t;
    out.T_c_error_estimate =
        std::abs(out.T_c_shock_coarse - out.T_c_shock) / (std::pow(2.0, out.design_order) - 1.0);
  } else {
    out.T_c_status = fmt::format(
        "not found at dx = {} or dx/2: the shock did not come within 12 cells of x = 0 by "
        "t = 4 t* with 20 samples to fit (theory/signal_shock.hpp): t_c lies beyond 4 t* at large "
        "P, "
        "or --dx is too coarse",
        r.scheme.dx);
  }

  const Model model{r.P, Variant::distinct, 0.0};  // alpha = 0: the P-spin Curie-Weiss magnet
  const th::RetrievalFold fold = th::retrieval_spinodal(model);
  out.T_M_closed_form = fold.T;
  out.T_c_closed_form = th::retrieval_transition(model, fold).T;

  // the shock path ends at the shock's own t_c, or where the closed form puts it when not found
  const double t_c = fine.found ? fine.t : 1.0 / out.T_c_closed_form;
  const double t_max = std::max(1.0 / r.T.front(), 1.25 * t_c);
  fill_characteristics(r, t_max, out);
  stage(4, kStages);
  fill_shock_path(r, t_c, fine.found, out);
  stage(5, kStages);
  return out;
}

}  // namespace dhn::cli

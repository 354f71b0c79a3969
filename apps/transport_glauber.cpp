#include "transport_glauber.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <utility>

#include <fmt/core.h>

#include "dhn/theory/glauber_flow.hpp"

namespace dhn::cli {
namespace {

namespace th = dhn::theory;

std::int32_t code_of(th::BasinStatus status) {
  switch (status) {
    case th::BasinStatus::threshold:
      return 0;
    case th::BasinStatus::any_cue:
      return 1;
    case th::BasinStatus::no_retrieval:
      return 2;
  }
  return 2;
}

// m0* and the retrieval fixed point as written: m0* = 0 where any cue is retrieved, NaN (both)
// where none is.
std::pair<double, double> basin_values(const th::GlauberBasin& basin) {
  switch (basin.status) {
    case th::BasinStatus::threshold:
      return {basin.m_unstable, basin.m_retrieval};
    case th::BasinStatus::any_cue:
      return {0.0, basin.m_retrieval};
    case th::BasinStatus::no_retrieval:
      break;
  }
  return {NAN, NAN};
}

void append_curve(const th::GlauberFlow& flow, double cue, const std::vector<double>& t,
                  std::vector<double>& m, std::size_t& steps) {
  const th::GlauberTrajectory run = th::glauber_trajectory(flow, cue, t);
  if (!run.completed)
    throw std::runtime_error(fmt::format(
        "transport: the Glauber flow at T = {} (convention B) from m0 = {} spent its step budget",
        flow.T, cue));
  m.insert(m.end(), run.m.begin(), run.m.end());
  steps += run.accepted_steps;
}

}  // namespace

analysis::GlauberTransport compute_glauber_transport(const GlauberTransportRequest& r) {
  analysis::GlauberTransport out;
  out.T = r.T;
  for (double T : r.T) {
    const th::GlauberBasin basin = th::glauber_basin(r.P, T);
    const auto [m_unstable, m_retrieval] = basin_values(basin);
    out.m_unstable.push_back(m_unstable);
    out.m_retrieval.push_back(m_retrieval);
    out.basin_status.push_back(code_of(basin.status));
    out.T_M = basin.T_M;
    out.m_fold = basin.m_fold;
  }
  out.flow_T = r.flow_T;
  out.cues = r.cues;
  const int n_t = r.sweeps * r.samples_per_sweep + 1;
  for (int k = 0; k < n_t; ++k) out.t.push_back(static_cast<double>(k) / r.samples_per_sweep);
  for (double T : r.flow_T) {
    const th::GlauberBasin basin = th::glauber_basin(r.P, T);
    const auto [m_unstable, m_retrieval] = basin_values(basin);
    out.flow_m_unstable.push_back(m_unstable);
    out.flow_m_retrieval.push_back(m_retrieval);
    out.T_M = basin.T_M;
    out.m_fold = basin.m_fold;
    for (double cue : r.cues) {
      th::GlauberFlow flow{.P = r.P, .T = T, .rate = th::GlauberRate::heat_bath};
      append_curve(flow, cue, out.t, out.m_heat_bath, out.accepted_steps);
      flow.rate = th::GlauberRate::metropolis;
      append_curve(flow, cue, out.t, out.m_metropolis, out.accepted_steps);
    }
  }
  return out;
}

}  // namespace dhn::cli

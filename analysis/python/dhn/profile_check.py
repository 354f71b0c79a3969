"""The equilibrium cross-check of issue 15: umbrella profiles f_N(m) of `mc --windows` against the
theory's constrained free energy f(m) of `landau`, point by point (docs/results.md, notebook 07).

For one (P, alpha, T) point and its sizes N (dhn.profile_experiment):
- each sample's profile is restricted to the states whose other overlaps are those of a random
  configuration: max_{nu>=1} |m_nu| <= c_N, c_N the smallest bin edge with P(max <= c_N) >= 0.99
  for a uniformly random configuration (exact: given s, the K-1 overlaps are independent
  binomials). This removes retrieval of the other patterns, fully or partly (partial
  condensation), at the cost of at most 1% of the random states, (T/N) 0.01 in f;
- the residual r_N(m) = [f_N(m) - f_N(m_ref)]_mc - [f_N(m) - f_N(m_ref)]_theory, the theory with
  the exact finite-N terms (landau --n N), sample by sample (the free constant of each sample
  cancels), mean and standard error over the D samples (the jackknife error of a mean);
- r_N on a common grid of m (linear interpolation between the levels S/N of each N), extrapolated
  as r_N = r_inf + b/N by weighted least squares over the sizes; the systematic is the change of
  r_inf when only the two largest sizes are used;
- the retrieval minimum (position and depth f(m_min) - f(0)) per N, the theory's at that N, and the
  equilibrium diagnostics: round trips between the end windows, the smallest exchange rate, and
  the drift of <e> per window between the last two time-series windows (in errors).
The agreement of a row is decided on r_inf: |r_inf| <= 3 sqrt(err^2 + sys^2) at every grid m of
the range considered."""
import math
from dataclasses import dataclass, field

import numpy as np

from .profiles import load_landau, load_profile

GRID = np.linspace(0.0, 1.0, 17)  # common grid of m (step 1/16: the levels of N = 32, 64, 128)
RANDOM_SHARE = 0.99               # share of the random states the restriction keeps, at least


def random_max_share(N, K, c):
    """P(max_{nu=2..K} |S_nu| <= c N) for a uniformly random configuration: the K-1 overlaps are
    independent, S = 2 Binomial(N, 1/2) - N."""
    k = np.arange(N + 1)
    log_p = np.array([math.lgamma(N + 1) - math.lgamma(j + 1) - math.lgamma(N - j + 1) for j in k]) - N * math.log(2)
    S = 2 * k - N
    inside = np.exp(log_p[np.abs(S) <= c * N + 1e-9]).sum()
    return float(inside ** (K - 1))


def random_threshold(N, K, bins):
    """The smallest bin edge c = k / bins with random_max_share(N, K, c) >= RANDOM_SHARE."""
    for k in range(1, bins + 1):
        if random_max_share(N, K, k / bins) >= RANDOM_SHARE:
            return k / bins
    return 1.0


def _interpolate(m, values, grid):
    """Linear interpolation of each row of values (..., n_m) from m onto grid; NaN outside."""
    values = np.atleast_2d(values)
    out = np.full((values.shape[0], grid.size), np.nan)
    for d, row in enumerate(values):
        ok = np.isfinite(row)
        if ok.sum() >= 2:
            out[d] = np.interp(grid, m[ok], row[ok], left=np.nan, right=np.nan)
    return out


def _nearest(grid, x):
    return int(np.argmin(np.abs(grid - x)))


@dataclass
class SizeResult:
    """One N of a point: residuals on GRID and the per-N observables (mc, theory at N)."""
    N: int
    K: int
    samples: int
    threshold: float                # c_N
    residual: np.ndarray            # r_N on GRID (restricted profile)
    residual_error: np.ndarray
    residual_total: np.ndarray      # r_N of the unrestricted profile
    residual_total_error: np.ndarray
    mc_profile: np.ndarray          # restricted f_N(m) - f_N(m_ref), mean over samples, on GRID
    mc_profile_error: np.ndarray
    theory_profile: np.ndarray      # landau --n N on GRID, minus its value at m_ref
    residual_1rsb: np.ndarray       # r_N against the 1RSB profile (landau --level 1rsb --n N)
    residual_1rsb_error: np.ndarray
    theory_profile_1rsb: np.ndarray
    minimum_mc: float               # m of the lowest restricted profile value on m >= m_split (NaN: at the edge)
    minimum_theory: float
    depth_mc: float                 # f(m_min) - f(0), restricted, at the theory's m_min grid level
    depth_mc_error: float
    depth_theory: float
    condensed_at_zero: float        # share of the visits of m = 0 with max |m_nu| > c_N
    retrieved_at_zero: float        # the part of them with max |m_nu| > condensed_m (0.7): full retrieval
    round_trips: int
    min_exchange_rate: float
    drift: float                    # max over windows |<e>_last - <e>_previous| / error


@dataclass
class PointResult:
    key: str
    P: int
    alpha: float
    T: float
    role: str
    m_ref: float
    m_split: float                  # theory's barrier (or 0.5): m >= m_split is the retrieval side
    theory: dict                    # N = infinity: m, f on GRID; minima, maxima
    sizes: list = field(default_factory=list)
    r_inf: np.ndarray = None
    r_inf_error: np.ndarray = None
    r_inf_sys: np.ndarray = None
    slope: np.ndarray = None        # b of r_N = r_inf + b / N
    r_inf_1rsb: np.ndarray = None   # the same against the 1RSB profile
    r_inf_1rsb_error: np.ndarray = None
    r_inf_1rsb_sys: np.ndarray = None
    rsb1_shift: float = math.nan    # max over GRID of |[f(m) - f(m_ref)]_1RSB - [..]_RS| at the largest N

    def agreement(self, side, level="rs"):
        """(agrees, worst |r_inf| / combined error, compared points) on side "retrieval" (m >=
        m_split) or "small" (m < m_split), against the RS or ("1rsb") the 1RSB profile."""
        r, e, sys = ((self.r_inf, self.r_inf_error, self.r_inf_sys) if level == "rs" else
                     (self.r_inf_1rsb, self.r_inf_1rsb_error, self.r_inf_1rsb_sys))
        sel = GRID >= self.m_split if side == "retrieval" else GRID < self.m_split
        sel &= np.isfinite(r) & (np.abs(GRID - self.m_ref) > 1e-12)
        if not sel.any():
            return None, math.nan, 0
        z = np.abs(r[sel]) / np.hypot(e[sel], sys[sel])
        worst = float(np.nanmax(z))
        return bool(worst <= 3.0), worst, int(sel.sum())


def _size_result(profile_path, landau_path, landau_1rsb_path, m_ref, m_split, m_min_theory):
    pr = load_profile(profile_path)
    th = load_landau(landau_path)
    th1 = load_landau(landau_1rsb_path)
    N, K = pr.N, int(pr.parameters["K"])
    bins = pr.max_other.shape[2]
    c = random_threshold(N, K, bins)
    keep = pr.m >= -1e-12
    m = pr.m[keep]
    tm, tf = th.curves["m"], th.curves["f_finite_n"]
    theory = np.interp(GRID, tm, tf)
    theory_levels = np.interp(m, tm, tf)

    theory_1rsb = np.interp(GRID, th1.curves["m"], th1.curves["f_finite_n"])

    def residuals(per_sample, curve=theory):
        on_grid = _interpolate(m, per_sample[:, keep], GRID)
        j = _nearest(GRID, m_ref)
        rel = on_grid - on_grid[:, [j]]
        diff = rel - (curve - curve[j])
        D = diff.shape[0]
        err = lambda x: np.nanstd(x, axis=0, ddof=1) / np.sqrt(D) if D > 1 else np.full(GRID.size, np.nan)
        return diff.mean(axis=0), err(diff), rel.mean(axis=0), err(rel)

    restricted = pr.restricted(c)
    r, r_err, mc_rel, mc_err = residuals(restricted)
    r_tot, r_tot_err, _, _ = residuals(pr.f["per_sample"])
    r1, r1_err, _, _ = residuals(restricted, theory_1rsb)
    # retrieval minimum on the levels at N: of the sample mean (mc) and of landau --n (theory)
    mean_levels = np.nanmean(restricted[:, keep], axis=0)
    side = m >= m_split

    def interior_minimum(values):
        """m of the lowest local minimum (both neighbouring levels higher) on the retrieval side."""
        local = [k for k in range(1, m.size - 1) if side[k] and values[k] < values[k - 1] and values[k] < values[k + 1]]
        return float(m[min(local, key=lambda k: values[k])]) if local else math.nan
    depth_level = _nearest(m, m_min_theory) if np.isfinite(m_min_theory) else None
    zero = _nearest(m, 0.0)
    if depth_level is not None:
        d_samples = restricted[:, keep][:, depth_level] - restricted[:, keep][:, zero]
        depth_mc = float(np.nanmean(d_samples))
        depth_err = float(np.nanstd(d_samples, ddof=1) / np.sqrt(d_samples.size)) if d_samples.size > 1 else math.nan
        depth_th = float(theory_levels[depth_level] - theory_levels[zero])
    else:
        depth_mc = depth_err = depth_th = math.nan
    level0 = int(round(N / 2))
    counts = pr.max_other[:, level0, :].sum(axis=0)
    edge = int(round(c * bins))
    condensed = float(counts[edge:].sum() / counts.sum()) if counts.sum() > 0 else math.nan
    full = int(round(pr.condensed_m * bins))
    retrieved = float(counts[full:].sum() / counts.sum()) if counts.sum() > 0 else math.nan
    e = pr.e_series
    drift = np.abs(e["mean"][:, -1] - e["mean"][:, -2]) / np.hypot(e["error"][:, -1], e["error"][:, -2])
    return SizeResult(
        N=N, K=K, samples=restricted.shape[0], threshold=c, residual=r, residual_error=r_err,
        residual_total=r_tot, residual_total_error=r_tot_err, mc_profile=mc_rel, mc_profile_error=mc_err,
        theory_profile=theory - theory[_nearest(GRID, m_ref)],
        residual_1rsb=r1, residual_1rsb_error=r1_err,
        theory_profile_1rsb=theory_1rsb - theory_1rsb[_nearest(GRID, m_ref)],
        minimum_mc=interior_minimum(mean_levels), minimum_theory=interior_minimum(theory_levels),
        depth_mc=depth_mc, depth_mc_error=depth_err, depth_theory=depth_th, condensed_at_zero=condensed,
        retrieved_at_zero=retrieved,
        round_trips=pr.round_trips, min_exchange_rate=float(np.min(pr.windows["exchange_rate"])),
        drift=float(np.nanmax(drift)))


def _extrapolate(sizes, name="residual"):
    """r_inf, its error, systematic and slope on GRID from r_N = r_inf + b / N (weighted)."""
    x = np.array([1.0 / s.N for s in sizes])
    R = np.array([getattr(s, name) for s in sizes])
    E = np.array([getattr(s, name + "_error") for s in sizes])
    r_inf, err, sys, slope = (np.full(GRID.size, np.nan) for _ in range(4))
    for j in range(GRID.size):
        ok = np.isfinite(R[:, j]) & np.isfinite(E[:, j]) & (E[:, j] > 0)
        if ok.sum() < 2:
            continue
        w = 1.0 / E[ok, j] ** 2
        A = np.vstack([np.ones(ok.sum()), x[ok]]).T
        cov = np.linalg.inv(A.T @ (A * w[:, None]))
        beta = cov @ (A.T @ (w * R[ok, j]))
        r_inf[j], slope[j], err[j] = beta[0], beta[1], math.sqrt(cov[0, 0])
        # systematic: the largest change of r_inf under the alternatives (a) the two largest
        # sizes alone (the straight line through them) and (b) the correction b ln(N)/N in place
        # of b/N (the choice of one of K = alpha N^(P-1) patterns to condense on, partially or
        # fully, is worth T ln(K)/N)
        alternatives = []
        if ok.sum() >= 3:
            i = np.flatnonzero(ok)[np.argsort(x[ok])[:2]]
            alternatives.append(R[i[0], j] - (R[i[1], j] - R[i[0], j]) / (x[i[1]] - x[i[0]]) * x[i[0]])
        L = np.vstack([np.ones(ok.sum()), -x[ok] * np.log(x[ok])]).T
        alternatives.append(float(np.linalg.solve(L.T @ (L * w[:, None]), L.T @ (w * R[ok, j]))[0]))
        sys[j] = max(abs(a - r_inf[j]) for a in alternatives)
    return r_inf, err, sys, slope


def analyse_point(point, mc_paths, landau_paths, landau_infinite, landau_1rsb_paths, landau_infinite_1rsb):
    """PointResult of one point: mc_paths and landau_paths by N (landau --n N on the levels),
    landau_infinite the N = infinity landau file (m_ref, m_split and the plotted curve); the same
    at 1RSB."""
    inf = load_landau(landau_infinite)
    inf1 = load_landau(landau_infinite_1rsb)
    minimum = inf.retrieval_minimum()
    barriers = inf.maxima["m"]
    if minimum is not None:
        m_ref = minimum[0]
        m_split = float(barriers[barriers < m_ref].max()) if (barriers < m_ref).any() else 0.5
    else:  # beyond the spinodal: the flattest point of the retrieval side
        m, h = inf.curves["m"], inf.curves["h"]
        upper = (m >= 0.5) & np.isfinite(h)
        m_ref = float(m[upper][np.argmin(np.abs(h[upper]))])
        m_split = 0.5
    m_ref = float(GRID[_nearest(GRID, m_ref)])
    result = PointResult(key=point.key, P=point.P, alpha=point.alpha, T=point.T, role=point.role,
                         m_ref=m_ref, m_split=m_split,
                         theory={"m": GRID, "f": np.interp(GRID, inf.curves["m"], inf.curves["f"]),
                                 "minima_m": inf.minima["m"], "minima_f": inf.minima["f"],
                                 "maxima_m": inf.maxima["m"], "maxima_f": inf.maxima["f"],
                                 "f_1rsb": np.interp(GRID, inf1.curves["m"], inf1.curves["f"]),
                                 "minima_m_1rsb": inf1.minima["m"], "minima_f_1rsb": inf1.minima["f"],
                                 "maxima_m_1rsb": inf1.maxima["m"], "maxima_f_1rsb": inf1.maxima["f"]})
    m_min = minimum[0] if minimum is not None else math.nan
    for N in sorted(mc_paths):
        result.sizes.append(_size_result(mc_paths[N], landau_paths[N], landau_1rsb_paths[N], m_ref, m_split, m_min))
    result.r_inf, result.r_inf_error, result.r_inf_sys, result.slope = _extrapolate(result.sizes)
    result.r_inf_1rsb, result.r_inf_1rsb_error, result.r_inf_1rsb_sys, _ = _extrapolate(result.sizes, "residual_1rsb")
    # on the levels of the largest N, where both levels share the grid (the finite-N terms cancel)
    largest = result.sizes[-1]
    result.rsb1_shift = float(np.nanmax(np.abs(largest.theory_profile_1rsb - largest.theory_profile)))
    return result


RESOLVED_KT = 3.0  # a free-energy difference counts as resolved at N when N |delta f| / T >= 3


def resolving_sizes(landau_paths):
    """From landau --n N files by N (the RS theory with its exact finite-N terms): the smallest N
    at which (a) the retrieval minimum exists with its barrier N (f_barrier - f_min) / T >=
    RESOLVED_KT and (b) the depth f(m_min) - f(0) has its N = infinity sign (the side of T_c)
    with N |depth| / T >= RESOLVED_KT; NaN when no listed N does. Returns (a, b)."""
    found_min, found_sign = math.nan, math.nan
    for N in sorted(landau_paths):
        th = load_landau(landau_paths[N])
        m, f, T = th.curves["m"], th.curves["f_finite_n"], th.T
        inf_depth = None
        if th.retrieval_minimum() is not None:
            inf_depth = th.retrieval_minimum()[1] - f_zero(th)
        local = [k for k in range(1, m.size - 1) if m[k] > 0.3 and f[k] < f[k - 1] and f[k] < f[k + 1]]
        if local and not np.isfinite(found_min):
            k = min(local, key=lambda i: f[i])
            barrier = np.max(f[np.flatnonzero((m < m[k]) & (m > 0.05))]) if (m[:k] > 0.05).any() else math.nan
            if np.isfinite(barrier) and N * (barrier - f[k]) / T >= RESOLVED_KT:
                found_min = N
        if local and inf_depth is not None and not np.isfinite(found_sign):
            k = min(local, key=lambda i: f[i])
            depth = f[k] - f[0]
            if np.sign(depth) == np.sign(inf_depth) and N * abs(depth) / T >= RESOLVED_KT:
                found_sign = N
    return found_min, found_sign


def f_zero(landau):
    """f(0) of a landau file (its grid starts at m = 0)."""
    return float(landau.curves["f"][int(np.argmin(np.abs(landau.curves["m"])))])

"""Finite-size scaling: where curves y_N(x) for different sizes N cross, with errors.

Used for the capacity by the crossing of the retrieval probability versus alpha (issue 6): below
alpha_c retrieval succeeds more often for larger N, above it less often, so the curves of two sizes
cross near alpha_c and the crossings drift to alpha_c as N grows. Errors come from a parametric
bootstrap over the given error bars (each point resampled from a normal distribution with its
error as standard deviation, independently), and the crossings are extrapolated in N^-omega by a
weighted least-squares line.
"""
from dataclasses import dataclass

import numpy as np


def _on_common_grid(x1, y1, x2, y2):
    """Both curves on one grid: x1 when the grids are equal, else the union of the grids within
    their common range, each curve interpolated linearly."""
    x1, y1, x2, y2 = (np.asarray(a, dtype=float) for a in (x1, y1, x2, y2))
    if x1.shape == x2.shape and np.array_equal(x1, x2):
        return x1, y1, y2
    lo, hi = max(x1[0], x2[0]), min(x1[-1], x2[-1])
    x = np.union1d(x1, x2)
    x = x[(x >= lo) & (x <= hi)]
    return x, np.interp(x, x1, y1), np.interp(x, x2, y2)


def _root_in(x, d, i, order):
    """Root of the difference d in [x_i, x_{i+1}] (where it changes sign): linear interpolation
    (order 1) or the root in that interval of the polynomial of degree order fitted through the
    order + 1 points nearest it (linear interpolation if the polynomial has none there)."""
    if d[i] == 0.0:
        return x[i]
    linear = x[i] - d[i] * (x[i + 1] - x[i]) / (d[i + 1] - d[i])
    if order == 1 or x.size <= order:
        return linear
    start = int(np.clip(i - (order - 1) // 2, 0, x.size - order - 1))
    centre, width = x[i], x[i + 1] - x[i]
    t = (x[start:start + order + 1] - centre) / width
    roots = np.roots(np.polyfit(t, d[start:start + order + 1], order))
    inside = roots[(np.abs(roots.imag) < 1e-9) & (roots.real >= -1e-12) & (roots.real <= 1 + 1e-12)].real
    if inside.size == 0:
        return linear
    return centre + width * inside[np.argmin(np.abs(centre + width * inside - linear))]


def crossing_point(x1, y1, x2, y2, order=3, bracket=None, hint=None):
    """The x where y1 - y2 changes sign (NaN if it does not). Only sign changes inside
    bracket = (lo, hi) count; of several, the one nearest hint (default: the first). order 1 is
    linear interpolation, order 3 (default) a local cubic through four neighbouring points."""
    x, ya, yb = _on_common_grid(x1, y1, x2, y2)
    d = ya - yb
    ok = np.isfinite(d[:-1]) & np.isfinite(d[1:])
    change = (ok & (np.sign(d[:-1]) != np.sign(d[1:]))) | (d[:-1] == 0.0)
    if bracket is not None:
        change &= (x[1:] >= bracket[0]) & (x[:-1] <= bracket[1])
    candidates = np.flatnonzero(change)
    if candidates.size == 0:
        return np.nan
    if hint is None or candidates.size == 1:
        i = candidates[0]
    else:
        i = candidates[np.argmin(np.abs(0.5 * (x[candidates] + x[candidates + 1]) - hint))]
    return float(_root_in(x, d, i, order))


@dataclass
class Crossing:
    """A crossing of two curves with its bootstrap error."""
    x: float                # crossing of the curves as given
    error: float            # standard deviation of the bootstrap crossings
    samples: np.ndarray     # bootstrap crossings (NaN where a resampled pair did not cross)
    found_fraction: float   # fraction of bootstrap pairs that crossed (well below 1: unreliable)


def crossing(x1, y1, e1, x2, y2, e2, n_boot=2000, order=3, bracket=None, seed=0):
    """Crossing of y1(x1) +- e1 and y2(x2) +- e2 with a parametric-bootstrap error (fixed seed,
    so the result is reproducible). Bootstrap crossings are taken nearest the central one."""
    centre = crossing_point(x1, y1, x2, y2, order=order, bracket=bracket)
    rng = np.random.default_rng(seed)
    y1, e1, y2, e2 = (np.asarray(a, dtype=float) for a in (y1, e1, y2, e2))
    samples = np.full(n_boot, np.nan)
    if np.isfinite(centre):
        for b in range(n_boot):
            samples[b] = crossing_point(x1, y1 + e1 * rng.standard_normal(y1.shape),
                                        x2, y2 + e2 * rng.standard_normal(y2.shape),
                                        order=order, bracket=bracket, hint=centre)
    found = np.isfinite(samples)
    error = float(np.std(samples[found], ddof=1)) if found.sum() > 1 else np.nan
    return Crossing(x=centre, error=error, samples=samples, found_fraction=float(found.mean()))


def pairwise_crossings(curves, **kwargs):
    """Crossings of consecutive sizes. curves: iterable of (N, x, y, err) in any order; returns
    a list of (N_small, N_large, Crossing) sorted by size. kwargs go to crossing()."""
    curves = sorted(curves, key=lambda c: c[0])
    return [(a[0], b[0], crossing(a[1], a[2], a[3], b[1], b[2], b[3], **kwargs))
            for a, b in zip(curves[:-1], curves[1:])]


@dataclass
class Extrapolation:
    """Weighted least-squares line value = x_inf + slope * size^-omega."""
    x_inf: float     # the value at infinite size
    error: float     # its standard error from the given error bars (not rescaled by chi2)
    slope: float
    slope_error: float
    chi2_dof: float  # chi2 per degree of freedom (NaN with two points)


def extrapolate(sizes, values, errors, omega=1.0):
    """Extrapolate finite-size estimates (e.g. crossings, with sizes their effective N) to
    N -> infinity assuming corrections proportional to N^-omega."""
    sizes, values, errors = (np.asarray(a, dtype=float) for a in (sizes, values, errors))
    if sizes.size < 2:
        raise ValueError("extrapolation needs at least two sizes")
    u = sizes ** (-omega)
    w = 1.0 / errors ** 2
    design = np.stack([np.ones_like(u), u], axis=1)
    normal = design.T @ (w[:, None] * design)
    covariance = np.linalg.inv(normal)
    coef = covariance @ (design.T @ (w * values))
    dof = sizes.size - 2
    chi2 = float((w * (values - design @ coef) ** 2).sum() / dof) if dof > 0 else np.nan
    return Extrapolation(x_inf=float(coef[0]), error=float(np.sqrt(covariance[0, 0])), slope=float(coef[1]),
                         slope_error=float(np.sqrt(covariance[1, 1])), chi2_dof=chi2)

"""Monte Carlo runs against the theory: finite-size tolerances and retrieval-probability curves.

Convention B (physics.md section 1). Reads `mc` files through dhn.readers.load_mc.
"""
import glob
import os
import re

import numpy as np

from . import readers, reference


def _retrieval(P, xihat, T):
    """(m, q) of the RS retrieval solution iterated from m = q = 1, or (NaN, NaN) where there is
    none (no convergence, m < 0.3, or the iteration collapsing to m = 0 above T_M, where the
    quadrature's q can round below zero)."""
    try:
        m, q, ok = reference.rs_retrieval(P, xihat, T)
    except ValueError:
        return np.nan, np.nan
    return (m, q) if ok and m > 0.3 else (np.nan, np.nan)


def temperature_window(P, N):
    """Relative finite-size shift delta = P(P-1)/N of the effective temperature: removing the
    diagonal index pairs lowers the field b(m) by O(P(P-1)/(2 N m^2)) (reference.
    finite_size_signal_shift); twice that leading term is the stated tolerance."""
    return P * (P - 1) / N


def rs_m_with_window(P, alpha, T, N, variant="distinct"):
    """RS retrieval m at T (dhn.reference, from m = q = 1) and the half-width of its range over
    T (1 +- delta), delta = temperature_window(P, N): (m_RS, q_RS, window). NaN when no retrieval
    solution (m < 0.3) exists at one of the three temperatures."""
    xihat = reference.Noise(reference.noise_coefficients(P, variant), alpha)
    delta = temperature_window(P, N)
    values = []
    for t in (T, T * (1.0 - delta), T * (1.0 + delta)):
        values.append(_retrieval(P, xihat, t))
    m0, q0 = values[0]
    window = max(abs(values[1][0] - m0), abs(values[2][0] - m0))
    return m0, q0, window


def rs_energy(P, alpha, T, N=None, variant="distinct"):
    """RS retrieval energy per spin at T (reference.rs_retrieval_energy), plus the leading 1/N
    signal term of the distinct variant when N is given."""
    xihat = reference.Noise(reference.noise_coefficients(P, variant), alpha)
    m, q = _retrieval(P, xihat, T)
    if not np.isfinite(m):
        return np.nan
    u = reference.rs_retrieval_energy(P, xihat, T, m, q)
    if N is not None and variant == "distinct":
        u += reference.finite_size_signal_shift(P, m, N)
    return u


_FSS_NAME = re.compile(r"fss_p(\d+)_n(\d+)_a([0-9.e-]+)\.h5$")


def retrieval_curves(directory, P=3, threshold=0.5, slot=0):
    """Retrieval probability against the simulated alpha for each N from the files
    fss_p{P}_n{N}_a{alpha}.h5 in directory (scripts/figure_data.py): a list of
    (N, alpha, p, error) sorted by N, with p the fraction of samples whose time-averaged m at
    `slot` exceeds threshold and error its binomial standard error (MonteCarlo.fraction_above)."""
    runs = {}
    for path in glob.glob(os.path.join(str(directory), f"fss_p{P}_n*_a*.h5")):
        match = _FSS_NAME.search(os.path.basename(path))
        if match:
            runs.setdefault(int(match.group(2)), []).append(readers.load_mc(path))
    curves = []
    for N in sorted(runs):
        rows = sorted(runs[N], key=lambda r: r.alpha)
        alpha = np.array([r.alpha for r in rows])
        pe = np.array([r.fraction_above("m", threshold, slot) for r in rows])
        curves.append((N, alpha, pe[:, 0], pe[:, 1]))
    return curves

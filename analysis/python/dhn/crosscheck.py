"""Theory against simulation (issue 6): T_M and the capacity from Monte Carlo by finite-size scaling.

The observable is the retrieval probability p(x): the fraction of disorder samples whose
time-averaged overlap m with the cued pattern (runs started on it, no swaps) exceeds a threshold,
as a function of x = T (for T_M) or x = alpha (for the capacity). p falls from 1 to 0 as x
crosses the point where the retrieval state stops holding the walker for the length of the run.
For each size N its half point x*(N), p(x*) = 1/2, is estimated, and x*(N) is extrapolated to
N -> infinity with dhn.fss.extrapolate.

Why half points of single sizes, not crossings of pairs of sizes: for P > 2 the retrieval state
ends at a fold (a spinodal). At finite N it leaves by activation over a barrier of order
N (x_c - x)^(3/2) well before the fold, so every p_N(x) lies below x_c and moves towards it as N
grows; the curves of different N need not cross near x_c. Setting the barrier equal to T ln t
(t the number of sweeps) gives x*(N) = x_c - c (ln t / N)^(2/3), hence omega = 2/3, with an
O(1/N) term from the diagonal index pairs the "distinct" energy removes (physics.md section 1).

Half point estimators (both bootstrapped over disorder samples, since one sample enters every
x of a curve read from one file):
- "logistic": binomial maximum likelihood of p(x) = 1/(1 + exp(-(a + b x))) over all points,
  x* = -a/b. It uses every point, so one noisy point near p = 1/2 cannot move it alone;
- "linear": p(x) - 1/2 interpolated linearly at its sign change (dhn.fss.crossing_point), free of
  a shape assumption; the difference between the two is a systematic of the shape.

The second half of the module applies these to the runs of the cross-check's experiment
(dhn.experiments, run by scripts/crosscheck.py): `theory_values` collects the reference values,
`tm_analysis`, `capacity_analysis` and `branch_analysis` the Monte Carlo results; dhn.report
turns them into the table and dhn.writers into an HDF5 file.
"""
from dataclasses import dataclass
import math

import numpy as np

from . import experiments as ex
from . import fss, readers, reference


def retrieved(values, threshold):
    """Boolean (samples, points) array: time-averaged m of each sample above threshold."""
    return np.asarray(values, dtype=float) > threshold


def logistic_fits(x, successes, trials, maxiter=100, tol=1e-10):
    """Binomial maximum likelihood of p(x) = 1/(1 + exp(-(a + b x))) for many curves at once
    (rows of successes, shape (B, L); trials (L,)), by Newton's method on the log-likelihood
    (iteratively reweighted least squares; the 2 x 2 systems solved in closed form, vectorised
    over rows so a bootstrap costs one call). Returns arrays a, b and the Pearson chi2/dof, NaN
    for rows that do not converge or whose slope runs off (p a perfect step between two grid
    points: complete separation). x is centred and scaled internally for conditioning."""
    x = np.asarray(x, dtype=float)
    k = np.atleast_2d(np.asarray(successes, dtype=float))
    n = np.broadcast_to(np.asarray(trials, dtype=float), k.shape)
    centre, scale = x.mean(), x.std() or 1.0
    u = (x - centre) / scale
    p = np.clip((k + 0.5) / (n + 1.0), 1e-3, 1 - 1e-3)
    z = np.log(p / (1 - p))
    a, b = z.mean(axis=1), z @ u / (u @ u)  # least squares of logit(p) on u (u has mean zero)
    done = np.zeros(a.shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for _ in range(maxiter):
            mu = 1.0 / (1.0 + np.exp(-np.clip(a[:, None] + b[:, None] * u, -30.0, 30.0)))
            r, w = k - n * mu, n * mu * (1.0 - mu)
            g0, g1 = r.sum(axis=1), r @ u
            h00, h01, h11 = w.sum(axis=1), w @ u, w @ (u * u)
            det = h00 * h11 - h01 * h01
            step_a, step_b = (h11 * g0 - h01 * g1) / det, (h00 * g1 - h01 * g0) / det
            a, b = a + step_a, b + step_b
            done = np.abs(step_a) + np.abs(step_b) < tol
            if done.all() or not np.isfinite(a + b).any():
                break
        bad = ~done | ~np.isfinite(a + b) | (np.abs(b) > 1e3)
        mu = 1.0 / (1.0 + np.exp(-(a[:, None] + b[:, None] * u)))
        dof = x.size - 2
        chi2 = ((k - n * mu) ** 2 / np.maximum(n * mu * (1.0 - mu), 1e-300)).sum(axis=1) / dof if dof > 0 \
            else np.full(a.shape, np.nan)
    a, b = a - b * centre / scale, b / scale
    a[bad], b[bad], chi2[bad] = np.nan, np.nan, np.nan
    return a, b, chi2


def logistic_fit(x, successes, trials, maxiter=100, tol=1e-10):
    """One curve: (a, b, chi2_dof) of logistic_fits, or None when the fit fails."""
    a, b, chi2 = logistic_fits(x, successes, trials, maxiter, tol)
    return None if not np.isfinite(a[0]) else (float(a[0]), float(b[0]), float(chi2[0]))


def _logistic_half_points(x, counts, trials):
    """-a/b for each row of counts (B, L); NaN outside the grid or where the fit fails."""
    a, b, _ = logistic_fits(x, counts, trials)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = -a / b
    return np.where((value >= np.min(x)) & (value <= np.max(x)), value, np.nan)


def half_point_value(x, hits, method="logistic"):
    """x where the fraction of true entries of hits (samples, points) crosses 1/2; NaN when it
    does not cross inside the grid (or the logistic fit fails)."""
    x = np.asarray(x, dtype=float)
    hits = np.asarray(hits, dtype=bool)
    if method == "linear":
        p = hits.mean(axis=0)
        return fss.crossing_point(x, p, x, np.full(x.shape, 0.5), order=1)
    if method != "logistic":
        raise ValueError(f"unknown half-point method {method!r}")
    return float(_logistic_half_points(x, hits.sum(axis=0)[None, :], hits.shape[0])[0])


@dataclass
class HalfPoint:
    """A half point x* with its bootstrap error over disorder samples."""
    x: float                # from the data as given
    error: float            # standard deviation of the bootstrap half points
    method: str             # "logistic" or "linear"
    found_fraction: float   # bootstrap resamples with a half point (well below 1: unreliable)
    chi2_dof: float         # Pearson chi2/dof of the logistic fit (NaN for "linear")


def half_point(x, hits, method="logistic", n_boot=1000, seed=0):
    """Half point of the retrieval probability with an error from resampling the disorder
    samples (rows of hits) with replacement: rows stay whole, so the correlation of one sample's
    outcomes across x (one file, one pattern set per sample) is kept. Fixed seed: reproducible."""
    x = np.asarray(x, dtype=float)
    hits = np.asarray(hits, dtype=bool)
    centre = half_point_value(x, hits, method)
    rng = np.random.default_rng(seed)
    D = hits.shape[0]
    rows = rng.integers(0, D, (n_boot, D))
    if method == "logistic":
        counts = hits[rows].sum(axis=1)  # (n_boot, L) successes of each resample
        samples = _logistic_half_points(x, counts, D)
    else:
        samples = np.array([half_point_value(x, hits[r], method) for r in rows])
    found = np.isfinite(samples)
    error = float(np.std(samples[found], ddof=1)) if found.sum() > 1 else np.nan
    chi2 = np.nan
    if method == "logistic":
        fit = logistic_fit(x, hits.sum(axis=0), np.full(x.shape, D))
        chi2 = fit[2] if fit is not None else np.nan
    return HalfPoint(x=float(centre), error=error, method=method, found_fraction=float(found.mean()),
                     chi2_dof=chi2)


def extrapolate_half_points(sizes, points, omega):
    """dhn.fss.extrapolate over the sizes whose half point and error are finite (None when fewer
    than two remain): x*(N) = x_inf + slope N^-omega."""
    good = [(N, h.x, h.error) for N, h in zip(sizes, points)
            if np.isfinite(h.x) and np.isfinite(h.error) and h.error > 0]
    if len(good) < 2:
        return None
    N, x, e = zip(*good)
    return fss.extrapolate(N, x, e, omega=omega)


def extrapolate_two_terms(sizes, points, omegas=(2.0 / 3.0, 1.0)):
    """x*(N) = x_inf + c1 N^-omega1 + c2 N^-omega2 by weighted least squares: both known
    corrections at once (activation, N^-2/3, and the O(1/N) shift of the field by the diagonal
    index pairs). Returns a dhn.fss.Extrapolation (slope: the coefficient of N^-omega1) or None
    with fewer than three sizes; with three the curve passes through them (chi2/dof NaN). The
    error is much larger than a one-term fit's: the price of not fixing the form of the correction."""
    good = [(N, h.x, h.error) for N, h in zip(sizes, points)
            if np.isfinite(h.x) and np.isfinite(h.error) and h.error > 0]
    if len(good) < 3:
        return None
    N, x, e = (np.array(v, dtype=float) for v in zip(*good))
    design = np.stack([np.ones_like(N)] + [N ** -w for w in omegas], axis=1)
    weight = 1.0 / e ** 2
    covariance = np.linalg.inv(design.T @ (weight[:, None] * design))
    coef = covariance @ (design.T @ (weight * x))
    dof = N.size - design.shape[1]
    chi2 = float((weight * (x - design @ coef) ** 2).sum() / dof) if dof > 0 else np.nan
    return fss.Extrapolation(x_inf=float(coef[0]), error=float(np.sqrt(covariance[0, 0])), slope=float(coef[1]),
                             slope_error=float(np.sqrt(covariance[1, 1])), chi2_dof=chi2)


def local_exponents(sizes, values, limit):
    """Effective exponents -d ln|limit - x*(N)| / d ln N between consecutive sizes, for a given
    N -> infinity value (the theory's): 2/3 where activation over a fold barrier dominates, 1 for
    an O(1/N) shift."""
    N, x = np.asarray(sizes, dtype=float), np.asarray(values, dtype=float)
    gap = np.log(np.abs(limit - x))
    return -np.diff(gap) / np.diff(np.log(N))


def informative(p1, p2):
    """Mask of the points where two retrieval-probability curves are not both saturated at the
    same bound (both 1 or both 0). There their difference is exactly zero, which
    dhn.fss.crossing_point would count as a crossing although it says nothing about the sizes."""
    p1, p2 = np.asarray(p1, dtype=float), np.asarray(p2, dtype=float)
    return ~((p1 == p2) & ((p1 == 0.0) | (p1 == 1.0)))


def size_crossings(curves, n_boot=1000, seed=0):
    """Crossings of the curves of consecutive sizes (notebook 05's method) on their informative
    points, with dhn.fss.crossing's parametric bootstrap (linear interpolation). curves: (N, x, p,
    error) sorted by N on a common x grid. Returns [(N1, N2, Crossing)]."""
    pairs = []
    for (N1, x, p1, e1), (N2, _, p2, e2) in zip(curves[:-1], curves[1:]):
        keep = informative(p1, p2)
        pairs.append((N1, N2, fss.crossing(np.asarray(x)[keep], np.asarray(p1)[keep], np.asarray(e1)[keep],
                                           np.asarray(x)[keep], np.asarray(p2)[keep], np.asarray(e2)[keep],
                                           n_boot=n_boot, order=1, seed=seed)))
    return pairs


def extrapolate_crossings(pairs, omega=1.0):
    """Crossings extrapolated in N^-omega with N the geometric mean of each pair (None when fewer
    than two crossings with a finite error remain)."""
    good = [(math.sqrt(a * b), c.x, c.error) for a, b, c in pairs
            if np.isfinite(c.x) and np.isfinite(c.error) and c.error > 0]
    if len(good) < 2:
        return None
    N, x, e = zip(*good)
    return fss.extrapolate(N, x, e, omega=omega)


def scaled_error(extrapolation):
    """The extrapolation's error inflated by sqrt(chi2/dof) when that exceeds 1 (the scatter of
    the points about the line is then larger than their error bars say), as is conventional."""
    chi2 = extrapolation.chi2_dof
    factor = math.sqrt(chi2) if np.isfinite(chi2) and chi2 > 1.0 else 1.0
    return extrapolation.error * factor


def threshold_load(alpha, m, threshold, spinodal):
    """The theory's counterpart of a half point: the load where the retrieval branch m(alpha)
    (NaN where it is absent) first falls below `threshold`, by linear interpolation on the grid,
    or `spinodal` (the end of the branch, e.g. the T = 0 capacity) when m stays above the
    threshold as far as the grid reaches (a march that stops short of the fold: phase-diagram's
    1RSB branch ends within about 2e-4 of it)."""
    alpha, m = np.asarray(alpha, dtype=float), np.asarray(m, dtype=float)
    ok = np.isfinite(m)
    a, m = alpha[ok], m[ok]
    below = np.flatnonzero(m < threshold)
    if below.size == 0:
        return float(spinodal)
    i = below[0]
    if i == 0:
        return float(a[0])
    return float(a[i - 1] + (threshold - m[i - 1]) * (a[i] - a[i - 1]) / (m[i] - m[i - 1]))


def gap_fraction(values, low, high):
    """Fraction of the samples whose time-averaged m lies in (low, high]. The split diagnostic of a
    capacity run: where a retrieval state ends at a spinodal, a sample either stays on it or falls
    to the far lower remanent overlap, so the gap between the two stays nearly empty at every load
    and the half point hardly depends on the threshold; a single population whose m slides through
    the gap has no such split, and its "half point" is only where its m crosses the threshold."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ValueError("gap_fraction: no samples")
    return float(np.mean((values > low) & (values <= high)))


def agreement(value, error, reference, k=2.0):
    """(z, agrees): z = (value - reference)/error and whether |z| <= k."""
    if not (np.isfinite(value) and np.isfinite(error) and error > 0 and np.isfinite(reference)):
        return np.nan, False
    z = (value - reference) / error
    return float(z), bool(abs(z) <= k)


# ----------------------------------------------------------------------------- the experiment's analysis


def theory_values(folder, rsb1_low_t=True):
    """Reference values, each with its source: RS T_M (dhn.reference) and 1RSB T_M (phase-diagram
    /rsb1/lines/T_M) at the loads; T = 0 capacities (capacity --json; for P = 2 also the published
    AGS and Steffan-Kuehn values); for P > 2 the RS capacity at T = 0.02
    (dhn.reference.rs_capacity_at) and, per threshold, the load where the retrieval m at T = 0.02
    falls below it or the branch ends (RS: dhn.reference; 1RSB: phase-diagram). For P = 2 the
    retrieval m at the capacity (0.967) is above every threshold, so each threshold's load is the
    capacity itself (at T = 0.02 it moves by less than 5e-4: the AGS line is re-entrant there too)."""
    out = {"T_M": {}, "capacity": {}}
    for P, loads in ex.TM_LOADS.items():
        pd = readers.load_phase_diagram(ex.theory_tm_file(folder, P))
        for alpha in loads:
            out["T_M"][(P, alpha)] = dict(
                rs=ex.rs_tm(P, alpha), rs_program=float(pd.line_at("T_M", alpha, "rs")),
                rsb1=float(pd.line_at("T_M", alpha, "1rsb")) if "1rsb" in pd.lines else None,
                T_AT=float(pd.line_at("T_AT", alpha, "rs")))
    for P in ex.CAPACITY_ALPHAS:
        levels = {}
        for level in ("rs", "1rsb"):
            with open(ex.theory_capacity_file(folder, P, level)) as f:
                levels[level] = readers.parse_capacity_json(f.read())[0]
        entry = dict(rs_t0=levels["rs"]["alpha_spinodal"], rs_t0_m=levels["rs"]["m_spinodal"],
                     rsb1_t0=levels["1rsb"]["alpha_spinodal"], rsb1_t0_m=levels["1rsb"]["m_spinodal"], thresholds={})
        if P == 2:
            entry.update(rs_t0_reference=ex.HOPFIELD_CAPACITY["rs"], rsb1_t0_reference=ex.HOPFIELD_CAPACITY["rsb1"],
                         rs_T=None, rs_T_m=None)
            for threshold in ex.CAPACITY_THRESHOLDS:
                entry["thresholds"][threshold] = dict(rs=entry["rs_t0"], rsb1=entry["rsb1_t0"])
            out["capacity"][P] = entry
            continue
        rs_T, rs_m = reference.rs_capacity_at(P, ex.CAPACITY_T)
        entry.update(rs_t0_reference=reference.rs_t0_spinodal(P)[0], rs_T=rs_T, rs_T_m=rs_m)
        if rsb1_low_t:
            low_t = readers.load_phase_diagram(ex.theory_low_t_file(folder, P))
            m_1rsb = low_t.field("rsb1/retrieval/m")[:, 0]
        for threshold in ex.CAPACITY_THRESHOLDS:
            rs_point = (reference.rs_branch_alpha(P, ex.CAPACITY_T, threshold)[0] if threshold > rs_m else rs_T)
            rsb1_point = (threshold_load(low_t.alpha, m_1rsb, threshold, levels["1rsb"]["alpha_spinodal"])
                          if rsb1_low_t else None)
            entry["thresholds"][threshold] = dict(rs=rs_point, rsb1=rsb1_point)
        out["capacity"][P] = entry
    return out


def extrapolations(rows):
    """The logistic half points of rows (dicts with N and logistic) extrapolated in N^-2/3
    (primary), 1/N (check) and with both terms."""
    sizes, points = [r["N"] for r in rows], [r["logistic"] for r in rows]
    return dict(fit=extrapolate_half_points(sizes, points, ex.OMEGA),
                fit_1n=extrapolate_half_points(sizes, points, 1.0),
                two_terms=extrapolate_two_terms(sizes, points, (ex.OMEGA, 1.0)))


def tm_analysis(folder, size, n_boot):
    """Half points T*(N) of P(m > 0.5) against T for each load, and their extrapolations:
    {(P, alpha): dict(rows=[per N: N, alpha, K, T, p, samples, logistic, linear], fit, fit_1n,
    two_terms)}."""
    results = {}
    for P, loads in ex.TM_LOADS.items():
        for alpha in loads:
            rows = []
            for N in ex.sizes_of(size, "tm", P):
                run = readers.load_mc(ex.tm_file(folder, size, P, alpha, N))
                hits = retrieved(run.per_sample["m"], ex.TM_THRESHOLD)
                rows.append(dict(N=N, alpha=run.alpha, K=int(run.parameters["K"]), T=run.T.tolist(),
                                 p=hits.mean(axis=0).tolist(), samples=run.samples,
                                 logistic=half_point(run.T, hits, "logistic", n_boot, seed=N),
                                 linear=half_point(run.T, hits, "linear", n_boot, seed=N)))
            results[(P, alpha)] = dict(rows=rows, **extrapolations(rows))
    return results


def capacity_analysis(folder, size, n_boot):
    """Half points alpha*(N) of P(m > threshold) at T = 0.02 for each threshold, their
    extrapolations, and the crossings of consecutive sizes (notebook 05's method, 1/N); and per P
    the split diagnostic: the largest fraction of samples in the GAP over the loads, per size, and
    the histograms of the per-sample m at the largest size. Returns (results, split)."""
    results, split = {}, {}
    for P in ex.SIZES[size]["cap"]["N"]:
        runs = {N: [readers.load_mc(ex.cap_file(folder, size, P, N, a)) for a in ex.CAPACITY_ALPHAS[P]]
                for N in ex.sizes_of(size, "cap", P)}
        for threshold in ex.CAPACITY_THRESHOLDS:
            rows, curves = [], []
            for N, group in runs.items():
                alpha = np.array([r.alpha for r in group])
                hits = np.stack([retrieved(r.per_sample["m"][:, 0], threshold) for r in group], axis=1)
                rows.append(dict(N=N, alpha=alpha.tolist(), p=hits.mean(axis=0).tolist(), samples=group[0].samples,
                                 logistic=half_point(alpha, hits, "logistic", n_boot, seed=N),
                                 linear=half_point(alpha, hits, "linear", n_boot, seed=N)))
                pe = np.array([r.fraction_above("m", threshold, 0) for r in group])
                curves.append((N, alpha, pe[:, 0], pe[:, 1]))
            pairs = size_crossings(curves, n_boot=n_boot)
            pair_fit = extrapolate_crossings(pairs, omega=1.0)
            results[(P, threshold)] = dict(rows=rows, pairs=pairs, pair_fit=pair_fit, **extrapolations(rows))
        gaps = []
        for N, group in runs.items():
            fractions = [gap_fraction(r.per_sample["m"][:, 0], *ex.GAP) for r in group]
            k = int(np.argmax(fractions))
            gaps.append(dict(N=N, max_gap=fractions[k], alpha=group[k].alpha, fractions=fractions))
        N, group = max(runs.items())
        edges = np.linspace(-0.05, 1.05, 23)
        split[P] = dict(gap=ex.GAP, per_size=gaps, histogram_N=N, edges=edges.tolist(),
                        alpha=[r.alpha for r in group],
                        counts=[np.histogram(r.per_sample["m"][:, 0], edges)[0].tolist() for r in group])
    return results, split


def branch_analysis(folder, size, th, rsb1_low_t=True):
    """The retrieval branch below the capacity at T = 0.02 (P > 2): the sample mean of the
    time-averaged m at each load and size (error: standard deviation over samples / sqrt(D)), its
    weighted 1/N extrapolation (the O(1/N) lowering of the field by the diagonal index pairs), and
    the theory's retrieval m there: RS from dhn.reference.rs_retrieval (iterated from m = q = 1,
    the retrieval branch), 1RSB from phase-diagram where its T = 0.02 load grid reaches. Loads up
    to the RS capacity at T = 0.02 (th: theory_values)."""
    out = {}
    for P in (P for P in ex.SIZES[size]["cap"]["N"] if P > 2):
        rs_T = th["capacity"][P]["rs_T"]
        if rsb1_low_t:
            low_t = readers.load_phase_diagram(ex.theory_low_t_file(folder, P))
            grid, m_1rsb = low_t.alpha, low_t.field("rsb1/retrieval/m")[:, 0]
        rows = []
        for alpha in (a for a in ex.CAPACITY_ALPHAS[P] if a <= rs_T):
            noise = reference.Noise(reference.noise_coefficients(P), alpha)
            m_rs, _, converged = reference.rs_retrieval(P, noise, ex.CAPACITY_T)
            rsb1 = None
            if rsb1_low_t and grid[0] - 1e-12 <= alpha <= grid[-1] + 1e-12:
                rsb1 = float(np.interp(alpha, grid, m_1rsb))
            sizes, means, errors = [], [], []
            for N in ex.sizes_of(size, "cap", P):
                m = readers.load_mc(ex.cap_file(folder, size, P, N, alpha)).per_sample["m"][:, 0]
                sizes.append(N)
                means.append(float(m.mean()))
                errors.append(float(max(m.std(ddof=1), 1.0 / N) / np.sqrt(m.size)))  # 1/N: one spin, if all agree
            fit = fss.extrapolate(sizes, means, errors, omega=1.0)
            rows.append(dict(alpha=alpha, rs=m_rs if converged else None, rsb1=rsb1, N=sizes, mean=means,
                             error=errors, fit=fit))
        out[P] = rows
    return out

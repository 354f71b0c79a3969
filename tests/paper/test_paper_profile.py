"""[paper] The equilibrium profile f_N(m) of `mc --windows` (issue 15, notebook 07) against exact
answers and against the theory, on the figure data of scripts/figure_data.py.

1. Exact enumeration: mc/profile_enumeration_p{3,4}.h5 (N = 12, K = 4, beta N / P! = 2, 16 disorder
   samples, the patterns saved with --save-patterns). Each sample's Z_N(S) = sum over the 2^12
   states with S_1 = S of exp(-H/T) is recomputed here, H = -(1/N^(P-1)) sum_mu e_P(xi^mu s) with
   e_P from the generating function prod_i (1 + t xi_i s_i) (numpy polynomials: no code shared
   with the suite). Tolerance: the mean over samples of mc - exact (each relative to its value
   at m = 0) within 5 standard errors of that mean; the samples' spread is the Monte Carlo noise
   alone, since the exact value is subtracted sample by sample. With D = 16 (Student t, 15
   degrees of freedom) and 24 levels compared, a false alarm has a probability below 1%; a
   temperature off by 5% fails by more than 10 errors.
2. The retrieval minimum at P = 3, alpha = 0.05, T = 0.2 (mc/profile_p3_n{N}.h5 at the largest N
   against landau_p3_n{N}.h5, the RS f(m) plus its exact finite-N signal and count-of-states
   terms): the position of the lowest level of the sample-mean profile on the retrieval side and
   the well depth f(m_barrier) - f(m_min). Tolerances: statistical, 3 standard errors over the
   samples (position: the levels where the theory lies within 3 errors of its minimum), plus the
   stated finite-size term: the leading 1/N change of the noise energy, which the exact terms
   do not include, P(P-1)/(2N) x alpha / (2 P! T) (the share of index tuples with a repeated
   index times the paramagnet's noise energy, physics.md section 10).
"""
import math

import h5py
import numpy as np
import pytest
from numpy.polynomial import polynomial

from dhn import profiles

pytestmark = pytest.mark.paper


def elementary_symmetric(P, N, S):
    """e_P of N values +-1 with sum S: the t^P coefficient of (1 + t)^((N+S)/2) (1 - t)^((N-S)/2)."""
    up, down = (N + S) // 2, (N - S) // 2
    coefficients = polynomial.polymul(polynomial.polypow([1, 1], up), polynomial.polypow([1, -1], down))
    return coefficients[P] if P < coefficients.size else 0.0


def exact_profile(patterns, P, T):
    """-(T/N) ln Z_N(S_1) on S_1 = -N, -N+2, ..., N for patterns (K, N) of +-1 (constant dropped)."""
    K, N = patterns.shape
    states = 1 - 2 * ((np.arange(2 ** N)[:, None] >> np.arange(N)) & 1)  # (2^N, N) of +-1
    overlaps = states @ patterns.T.astype(np.int64)                     # (2^N, K): S_mu
    table = {S: elementary_symmetric(P, N, S) for S in range(-N, N + 1, 2)}
    H = -np.vectorize(table.get)(overlaps).sum(axis=1) / N ** (P - 1)
    weights = np.exp(-(H - H.min()) / T)
    Z = np.array([weights[overlaps[:, 0] == S].sum() for S in range(-N, N + 1, 2)])
    with np.errstate(divide="ignore"):
        return -T / N * np.log(Z)


@pytest.mark.parametrize("P", [3, 4])
def test_umbrella_profile_matches_exact_enumeration(data_dir, P):
    path = data_dir / "mc" / f"profile_enumeration_p{P}.h5"
    pr = profiles.load_profile(path)
    with h5py.File(path, "r") as f:
        patterns = f["mc/patterns"][()]
    N, T = pr.N, pr.T
    D = patterns.shape[0]
    assert D >= 16 and patterns.shape[2] == N == 12
    levels = np.rint((pr.m * N + N) / 2).astype(int)
    zero = int(np.argmin(np.abs(pr.m)))
    differences = []
    for d in range(D):
        exact = exact_profile(patterns[d], P, T)[levels]
        mc = pr.f["per_sample"][d]
        differences.append((mc - mc[zero]) - (exact - exact[zero]))
    differences = np.array(differences)
    compared = np.all(np.isfinite(differences), axis=0)
    compared[zero] = False
    assert compared.sum() >= 9, f"P = {P}: only {compared.sum()} levels of m visited by every sample"
    mean = differences[:, compared].mean(axis=0)
    error = differences[:, compared].std(axis=0, ddof=1) / math.sqrt(D)
    worst = np.max(np.abs(mean) / np.maximum(error, 1e-12))
    assert np.all(np.abs(mean) <= 5 * error + 1e-12), (
        f"P = {P}: mc - exact {mean} against 5 x {error} (worst {worst:.1f} errors) at m = {pr.m[compared]}")


def largest_profile(data_dir):
    runs = sorted((data_dir / "mc").glob("profile_p3_n*.h5"), key=lambda p: int(p.stem.split("_n")[1]))
    assert runs, "no mc/profile_p3_n*.h5 in the figure data"
    pr = profiles.load_profile(runs[-1])
    return pr, profiles.load_landau(data_dir / f"landau_p3_n{pr.N}.h5")


def test_retrieval_minimum_position_and_depth_match_the_theory(data_dir):
    pr, th = largest_profile(data_dir)
    N, T, P, alpha = pr.N, pr.T, th.P, th.alpha
    assert abs(th.T - T) < 1e-12 and th.attrs["finite_n"] == N
    m_min_inf = th.retrieval_minimum()[0]
    m_barrier = float(th.maxima["m"][th.maxima["m"] < m_min_inf].max())
    # the retrieval side on the levels of N: above the barrier, short of m = 1
    side = (pr.m > m_barrier) & (pr.m < 1.0)
    theory = np.interp(pr.m, th.curves["m"], th.curves["f_finite_n"])
    per_sample = pr.f_uncondensed["per_sample"]
    D = per_sample.shape[0]
    finite_size = P * (P - 1) / (2 * N) * alpha / (2 * math.factorial(P) * T)

    # position: the sample mean's lowest level on the side, against the levels where the theory is
    # within 3 errors (of the mean profile, relative to the theory's minimum) of its minimum
    k_th = np.flatnonzero(side)[np.argmin(theory[side])]
    relative = per_sample - per_sample[:, [k_th]]
    error = relative.std(axis=0, ddof=1) / math.sqrt(D)
    k_mc = np.flatnonzero(side)[np.nanargmin(relative.mean(axis=0)[side])]
    allowed = side & (theory - theory[k_th] <= 3 * np.nan_to_num(error, nan=0.0) + finite_size)
    assert allowed[k_mc], (f"N = {N}: mc minimum at m = {pr.m[k_mc]}, theory at {pr.m[k_th]}; levels allowed "
                           f"{pr.m[allowed]}")

    # depth of the well: f(barrier level) - f(theory's minimum level), sample by sample
    k_bar = int(np.argmin(np.abs(pr.m - m_barrier)))
    depths = per_sample[:, k_bar] - per_sample[:, k_th]
    depth, depth_error = depths.mean(), depths.std(ddof=1) / math.sqrt(D)
    expected = theory[k_bar] - theory[k_th]
    assert depth > 0 and expected > 0
    assert abs(depth - expected) <= 3 * depth_error + finite_size, (
        f"N = {N}: well depth {depth:.5f} +- {depth_error:.5f}, theory {expected:.5f} (finite-size {finite_size:.5f})")


def test_cued_run_samples_the_profile_retrieval_basin(data_dir):
    """3. The cued m(T) run of the Monte Carlo [paper] tests (mc/mT_p3_a0.05.h5, started on the
    pattern, no swaps) at its slot T = 0.16 against the profile on the same patterns (same seed,
    N and K; mc/profile_p3_a0.05_t0.16_n{N}.h5) restricted to its retrieval basin: <m>_d of the
    cued run equals sum_{m > m_barrier} m p_d(m) / sum p_d(m), p_d = exp(-N f_d(m) / T) of the same
    sample's profile. There the theory's well (with its finite-N terms) is N (f_barrier - f_min)
    / T ~ 20 deep at N = 96, so the cued run stays in the basin, but it may move on to a pattern
    correlated with the cued one (at K = 461, N = 96 the largest pair overlap is ~0.5): the
    profile leaves out the states condensed on another pattern (f_uncondensed), so the cued run
    is averaged over its time bins in which the cued pattern holds the largest overlap (max_m -
    m < 0.02 in the bin). Both then estimate the same conditional mean; tolerance 3 standard
    errors of the mean over samples of their difference. The energy likewise, <e | m> of each
    level from the umbrella run's energy sums (/mc/histograms/e_sum)."""
    profile_paths = sorted((data_dir / "mc").glob("profile_p3_a0.05_t0.16_n*.h5"))
    assert profile_paths, "no mc/profile_p3_a0.05_t0.16_n*.h5 in the figure data"
    pr = profiles.load_profile(profile_paths[0])
    with h5py.File(data_dir / "mc" / "mT_p3_a0.05.h5", "r") as f:
        slot = int(np.argmin(np.abs(f["mc/parameters/T"][()] - pr.T)))
        assert abs(f["mc/parameters/T"][()][slot] - pr.T) < 1e-12 and f["mc/parameters"].attrs["N"] == pr.N
        m_bins, max_bins = f["mc/bins/m"][()][:, slot], f["mc/bins/max_m"][()][:, slot]
        e_bins = f["mc/bins/e"][()][:, slot]
    own = max_bins - m_bins < 0.02
    assert own.mean() > 0.5, "the cued runs left the cued pattern in most of their bins"
    cued = np.array([m_bins[d][own[d]].mean() for d in range(m_bins.shape[0])])
    cued_e = np.array([e_bins[d][own[d]].mean() for d in range(e_bins.shape[0])])
    basin = pr.m > 0.5  # above the RS barrier (m = 0.36 with the finite-N terms at N = 96)
    f_d = pr.f_uncondensed["per_sample"][:, basin]
    weights = np.nan_to_num(np.exp(-pr.N * (f_d - np.nanmin(f_d, axis=1, keepdims=True)) / pr.T), nan=0.0)
    profile_mean = (weights * pr.m[basin]).sum(axis=1) / weights.sum(axis=1)
    D = min(cued.size, profile_mean.size)
    difference = cued[:D] - profile_mean[:D]
    error = difference.std(ddof=1) / math.sqrt(D)
    assert abs(difference.mean()) <= 3 * error + 1e-12, (
        f"N = {pr.N}: cued <m> {cued[:D]} against the profile's basin {profile_mean[:D]}")
    # the energy: <e | m> of each level (the umbrella run's e_sum over its visits, pooled over
    # the windows), weighted as <m> above
    with h5py.File(profile_paths[0], "r") as f:
        visits = f["mc/histograms/m"][()].sum(axis=1)  # (D, N+1)
        e_sum = f["mc/histograms/e_sum"][()]
    levels = np.rint((pr.m[basin] * pr.N + pr.N) / 2).astype(int)
    with np.errstate(invalid="ignore", divide="ignore"):
        e_given_m = np.where(visits[:, levels] > 0, e_sum[:, levels] / visits[:, levels], 0.0)
    profile_e = (weights * e_given_m).sum(axis=1) / weights.sum(axis=1)
    difference_e = cued_e[:D] - profile_e[:D]
    error_e = difference_e.std(ddof=1) / math.sqrt(D)
    assert abs(difference_e.mean()) <= 3 * error_e + 1e-12, (
        f"N = {pr.N}: cued <e> {cued_e[:D]} against the profile's basin {profile_e[:D]}")

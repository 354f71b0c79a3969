"""mc --windows end to end: /mc/profile and /mc/profile/windows have the documented layout; the
profile and its uncondensed part equal an independent NumPy WHAM of the file's own window
histograms (/mc/histograms/m and m_condensed; Ferrenberg-Swendsen equations iterated here in
plain form, to 1e-9); the mean and its error are
the mean and standard error of f_per_sample; --save-patterns stores +-1 patterns of shape
(samples, K, N); a stop and --resume gives the same datasets.
Usage: check_umbrella.py MC WORKDIR"""
import sys

import h5py
import numpy as np
from cli_check import CliCheck

mc = sys.argv[1]
check = CliCheck(sys.argv[2], "umbrella")
RUN = ["--p", "3", "--n", "20", "--k", "12", "--temps", "0.4", "--windows", "-1:1:5",
       "--samples", "3", "--therm", "50", "--sweeps", "1500", "--seed", "5", "--quiet"]
check.run(mc, *RUN, "--save-patterns", "--threads", "1", "--output", check.path("u.h5"))


def wham(counts, lo, hi, N):
    """ln p(S) by index h, S = 2h - N, for hard-wall windows [lo_k, hi_k] in S."""
    S = 2 * np.arange(N + 1) - N
    inside = (S[None, :] >= lo[:, None]) & (S[None, :] <= hi[:, None])
    n = (counts * inside).sum(axis=1)
    total = (counts * inside).sum(axis=0)
    Zk = np.ones(len(lo))
    for _ in range(100000):
        Z = np.where(total > 0, total / np.maximum((inside * (n / Zk)[:, None]).sum(axis=0), 1e-300), 0.0)
        new = (inside * Z[None, :]).sum(axis=1)
        new /= new[0]
        done = np.max(np.abs(np.log(new) - np.log(Zk))) < 1e-13
        Zk = new
        if done:
            break
    with np.errstate(divide="ignore"):
        return np.log(Z / Z.sum()), inside, n, Zk / Z.sum()


def part_log_p(part, inside, n, Zk):
    """ln p of a subset of the states from its histograms and the full WHAM's windows."""
    visits = (part * inside).sum(axis=0)
    with np.errstate(divide="ignore"):
        return np.log(visits / (inside * (n / Zk)[:, None]).sum(axis=0))


with h5py.File(check.path("u.h5"), "r") as f:
    g = f["mc/profile"]
    N, T, D = int(f["mc/parameters"].attrs["N"]), float(g.attrs["T"]), 3
    for name in ("m", "f", "f_error", "f_per_sample", "f_uncondensed", "f_uncondensed_error",
                 "f_uncondensed_per_sample", "condensed_fraction", "windows/lo", "windows/hi", "windows/centre",
                 "windows/width", "windows/acceptance", "windows/exchange_rate"):
        if name not in g:
            check.fail(f"/mc/profile/{name} missing")
    lo = np.ceil(N * f["mc/parameters/window_lo"][()] - 1e-9).astype(int)
    hi = np.floor(N * f["mc/parameters/window_hi"][()] + 1e-9).astype(int)
    hist = f["mc/histograms/m"][()].astype(float)  # (D, L, N + 1)
    per_sample = g["f_per_sample"][()]
    m = g["m"][()]
    columns = np.rint((m * N + N) / 2).astype(int)
    condensed = f["mc/histograms/m_condensed"][()].astype(float)
    uncondensed = g["f_uncondensed_per_sample"][()]
    for d in range(D):
        log_p, inside, n, Zk = wham(hist[d], lo, hi, N)
        mine_nc = -T / N * part_log_p(hist[d] - condensed[d], inside, n, Zk)[columns]
        ok = np.isfinite(mine_nc)
        if not np.array_equal(ok, np.isfinite(uncondensed[d])) or \
                not np.allclose(mine_nc[ok], uncondensed[d][ok], rtol=0, atol=1e-9):
            check.fail(f"sample {d}: f_uncondensed_per_sample differs from the NumPy reweighting")
        mine = -T / N * log_p[columns]
        ok = np.isfinite(mine)
        if not np.array_equal(ok, np.isfinite(per_sample[d])) or \
                not np.allclose(mine[ok], per_sample[d][ok], rtol=0, atol=1e-9):
            check.fail(f"sample {d}: f_per_sample differs from the NumPy WHAM")
    finite = np.all(np.isfinite(per_sample), axis=0)
    if not np.allclose(g["f"][()][finite], per_sample[:, finite].mean(axis=0), atol=1e-14):
        check.fail("f is not the mean of f_per_sample")
    if not np.allclose(g["f_error"][()][finite],
                       per_sample[:, finite].std(axis=0, ddof=1) / np.sqrt(D), atol=1e-14):
        check.fail("f_error is not the standard error over samples")
    if np.any(g["windows/exchange_rate"][()] <= 0):
        check.fail("some neighbouring windows never exchanged walkers")
    # the joint histogram of m and max_{nu>=1} |m_nu| adds up to the m histograms summed over
    # the windows, and its bins above condensed_m to the condensed ones
    joint = f["mc/histograms/max_other"][()]
    edge = int(round(f["mc/profile"].attrs["condensed_m"] * f["mc/histograms"].attrs["max_other_bins"]))
    if not np.array_equal(joint.sum(axis=2), hist.sum(axis=1)) or \
            not np.array_equal(joint[:, :, edge:].sum(axis=2), condensed.sum(axis=1)):
        check.fail("/mc/histograms/max_other does not add up to the m and m_condensed histograms")
    by_window = f["mc/histograms/max_other_by_window"][()]
    if not np.array_equal(by_window.sum(axis=2), hist.sum(axis=2)) or \
            not np.array_equal(by_window.sum(axis=1), joint.sum(axis=1)):
        check.fail("/mc/histograms/max_other_by_window does not add up to the windows' m histograms")
    patterns = f["mc/patterns"][()]
    if patterns.shape != (3, 12, 20) or patterns.dtype != np.int8 or \
            not np.all(np.abs(patterns) == 1):
        check.fail(f"/mc/patterns: shape {patterns.shape}, dtype {patterns.dtype}")

# stop and resume: the same datasets
check.run(mc, *RUN, "--output", check.path("r.h5"), "--stop-at-sweep", "600", expect=3)
check.run(mc, *RUN, "--output", check.path("r.h5"), "--resume")
with h5py.File(check.path("u.h5"), "r") as a, h5py.File(check.path("r.h5"), "r") as b:
    for name in ("mc/profile/f_per_sample", "mc/histograms/m", "mc/histograms/max_other",
                 "mc/tempering/final_spins"):
        if a[name][()].tobytes() != b[name][()].tobytes():
            check.fail(f"{name} differs after --stop-at-sweep and --resume")

# thread-count independence: 2 threads give the same datasets as 1
check.run(mc, *RUN, "--output", check.path("t2.h5"), "--threads", "2")
with h5py.File(check.path("u.h5"), "r") as a, h5py.File(check.path("t2.h5"), "r") as b:
    for name in ("mc/profile/f_per_sample", "mc/histograms/m", "mc/histograms/max_other",
                 "mc/profile/windows/exchange_rate", "mc/tempering/final_spins"):
        if a[name][()].tobytes() != b[name][()].tobytes():
            check.fail(f"{name} differs between 1 and 2 threads")
check.finish("umbrella checks passed")

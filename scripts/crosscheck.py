#!/usr/bin/python3
"""Theory against simulation: T_M and the capacity by finite-size scaling of Monte Carlo (issue 6).

Usage: crosscheck.py [--size ci|reduced|publication] [--mc EXE] [--phase-diagram EXE] [--capacity EXE]
                     [--output DIR] [--jobs 2] [--n-boot 1000] [--dry-run]

Runs `mc` (convention B, "distinct", every walker started on the cued pattern, --swap-every 0 so
each ladder slot is an independent walker) and writes into the output folder (default
data/crosscheck; files of an earlier run with the same parameters are kept, so it is resumable):
  mc_<size>/tm_p{P}_a{alpha}_n{N}.h5   temperatures from 0.55 (P = 3) or 0.4 (P = 4) x T_M(RS) up
                                       to T_M, P = 3 at alpha = 0.02, 0.05, P = 4 at 0.005, 0.01
  mc_<size>/cap_p{P}_n{N}_a{alpha}.h5  T = 0.02 on a grid of loads around the capacities, P = 2
                                       (the Hopfield model: the protocol's test against AGS), 3, 4
  theory/          phase-diagram (RS and 1RSB T_M; 1RSB m at T = 0.02 near the capacity) and
                   capacity --json (T = 0 RS and 1RSB capacities)
  crosscheck.md, crosscheck.json       the table (also printed on stdout) and every number behind
                                       it, of the size run last
Analysis: dhn.crosscheck (half points x*(N) of the retrieval probability, bootstrap over disorder
samples, extrapolation in N^-2/3 with the 1/N fit as a check; for the capacity runs also the split
diagnostic, gap fraction and threshold spread, and the mean m below the capacity). Theory: RS T_M and the RS
capacity at T = 0.02 from dhn.reference (NumPy, independent of theory/), 1RSB values from the
phase-diagram and capacity programs.
Sizes: ci (the smallest that runs every step; scripts/figure_data.py makes it for notebook 06),
reduced (default, about 1.5 min on 2 cores) and publication (about 31 min; docs/results.md).
Exit codes: 0 done; 1 a program failed; 2 bad arguments, a missing program, or an existing mc file
whose parameters differ from this version's (remove it or use another --output).
"""
import argparse
import concurrent.futures
import datetime
import functools
import json
import os
import shlex
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "analysis", "python"))

import h5py  # noqa: E402

from dhn import crosscheck, fss, readers, reference  # noqa: E402

# ----------------------------------------------------------------------------- what is simulated

TM_LOADS = {3: (0.02, 0.05), 4: (0.005, 0.01)}          # the loads of notebook 04
TM_WINDOW = {3: (0.55, 1.0), 4: (0.40, 1.0)}            # temperature grid, fractions of RS T_M
TM_THRESHOLD = 0.5                                       # retrieved: time-averaged m > 0.5
CAPACITY_T = 0.02
CAPACITY_ALPHAS = {2: [round(0.10 + 0.01 * k, 4) for k in range(15)],      # 0.10 .. 0.24
                   3: [round(0.04 + 0.02 * k, 4) for k in range(15)],      # 0.04 .. 0.32
                   4: [round(0.01 + 0.004 * k, 4) for k in range(16)]}     # 0.01 .. 0.07
CAPACITY_THRESHOLDS = (0.8, 0.5, 0.9)                    # first: the one of notebook 05 (primary)
# P = 2 (Hopfield) validates the capacity protocol: its T = 0 capacity is a classic (physics.md
# section 7: AGS 1987 RS 0.137905, Steffan-Kuehn 1994 1RSB 0.138186).
HOPFIELD_CAPACITY = {"rs": 0.137905, "rsb1": 0.138186}
# The gap of the split diagnostic: a sample in (0.5, 0.8] is neither retrieving (the AGS retrieval
# m at the capacity is 0.967) nor at the remanent overlap (about 0.3 for P = 2).
GAP = (0.5, 0.8)
OMEGA = 2.0 / 3.0                                        # N^-2/3: activation near a fold
SEEDS = {"tm": 101, "cap": 103}
SIZES = {
    # ci: the smallest that exercises every step, for notebook 06 in ctest (scripts/figure_data.py);
    # no 1RSB theory at T = 0.02 (40 s per P of phase-diagram), so those columns read "-".
    "ci": dict(
        tm=dict(samples=16, temps=10, therm=20, sweeps=150, N={3: (24, 32, 48), 4: (24, 32, 40)}),
        cap=dict(samples=32, therm=20, sweeps=20, N={2: (200, 400, 800), 3: (24, 32, 48), 4: (16, 24, 32)}),
        n_boot=200, rsb1_low_t=False),
    "reduced": dict(
        tm=dict(samples=32, temps=12, therm=50, sweeps=300, N={3: (32, 48, 64, 96), 4: (32, 40, 48, 64)}),
        cap=dict(samples=64, therm=50, sweeps=50, N={2: (250, 500, 1000), 3: (32, 48, 64, 96), 4: (24, 32, 48)}),
        n_boot=1000, rsb1_low_t=True),
    "publication": dict(
        tm=dict(samples=64, temps=16, therm=100, sweeps=1000, N={3: (48, 64, 96, 128, 192), 4: (32, 48, 64, 96)}),
        cap=dict(samples=128, therm=50, sweeps=100, N={2: (250, 500, 1000, 2000, 4000), 3: (48, 64, 96, 128, 192),
                                                        4: (32, 48, 64, 80)}),
        n_boot=1000, rsb1_low_t=True),
}
# Theory runs near the capacity at T = 0.02: 1RSB retrieval m on a load grid (phase-diagram).
LOW_T_GRID = {3: "0.12:0.153:0.001", 4: "0.03:0.03825:0.00025"}


@functools.lru_cache(maxsize=None)
def rs_tm(P, alpha):
    """RS T_M at alpha (dhn.reference.rs_retrieval_fold, NumPy continuation in m; a few seconds,
    so cached)."""
    return reference.rs_retrieval_fold(P, reference.Noise(reference.noise_coefficients(P), alpha))[0]


def tm_temperatures(P, alpha, count):
    """The temperature grid of one load: `count` equally spaced values over TM_WINDOW x T_M(RS)."""
    lo, hi = TM_WINDOW[P]
    T_M = rs_tm(P, alpha)
    return [float(f"{t:.6g}") for t in np.linspace(lo * T_M, hi * T_M, count)]


def walker_sweep_seconds(P, N, alpha):
    """Rough cost of one sweep of one walker on this machine (measured: about 90 ns per flip plus
    0.17 ns (P = 3) or 0.27 ns (P = 4) per pattern); only used to order the jobs and estimate."""
    K = alpha * N ** (P - 1)
    return N * (90e-9 + (0.27e-9 if P >= 4 else 0.17e-9) * K)


# ----------------------------------------------------------------------------- jobs


def mc_jobs(mc, folder, size):
    """The mc command lines: list of dicts with command, output path, expected parameters, cost."""
    c = SIZES[size]
    jobs = []

    def job(name, P, N, alpha, temps, kind, counts):
        output = os.path.join(folder, f"mc_{size}", name)
        command = [mc, "--p", str(P), "--n", str(N), "--alpha", repr(alpha),
                   "--temps", ",".join(repr(t) for t in temps), "--samples", str(counts["samples"]),
                   "--therm", str(counts["therm"]), "--sweeps", str(counts["sweeps"]), "--swap-every", "0",
                   "--init", "pattern", "--seed", str(SEEDS[kind]), "--threads", "1", "--quiet",
                   "--checkpoint-every", "0", "--output", output]
        walkers = counts["samples"] * 2 * len(temps)
        cost = walkers * (counts["therm"] + counts["sweeps"]) * walker_sweep_seconds(P, N, alpha)
        expect = dict(N=N, samples=counts["samples"], therm=counts["therm"], sweeps=counts["sweeps"],
                      seed=SEEDS[kind], T=temps)
        jobs.append(dict(command=command, output=output, label=f"mc/{name}", expect=expect, cost=cost))

    for P, loads in TM_LOADS.items():
        for alpha in loads:
            temps = tm_temperatures(P, alpha, c["tm"]["temps"])
            for N in c["tm"]["N"][P]:
                job(f"tm_p{P}_a{alpha:g}_n{N}.h5", P, N, alpha, temps, "tm", c["tm"])
    for P, sizes in c["cap"]["N"].items():
        for N in sizes:
            for alpha in CAPACITY_ALPHAS[P]:
                job(f"cap_p{P}_n{N}_a{alpha:g}.h5", P, N, alpha, [CAPACITY_T], "cap", c["cap"])
    return jobs


def theory_jobs(phase_diagram, capacity, folder, rsb1_low_t=True):
    """phase-diagram and capacity runs (the same for every size): RS and 1RSB T_M at the loads,
    the T = 0 capacities (P = 2, 3, 4) and, with rsb1_low_t, the 1RSB retrieval m at T = 0.02 near
    the capacity for P > 2 (about 40 s per P: the 1RSB retrieval march of phase-diagram starts at
    T = 0)."""
    jobs = []
    for P, loads in TM_LOADS.items():
        top = 1.1 * rs_tm(P, min(loads))  # T_M falls with alpha
        output = os.path.join(folder, "theory", f"tm_p{P}.h5")
        command = [phase_diagram, "--p", str(P), "--level", "rs,1rsb", "--alpha-grid",
                   ",".join(repr(a) for a in loads), "--t-grid", f"{top / 200:.6g}:{top:.6g}:{top / 200:.6g}",
                   "--threads", "1", "--quiet", "--output", output]
        jobs.append(dict(command=command, output=output, label=f"theory/tm_p{P}.h5", cost=1.0))
        if rsb1_low_t:
            jobs.append(low_t_job(phase_diagram, folder, P))
    for P in CAPACITY_ALPHAS:
        for level in ("rs", "1rsb"):
            output = os.path.join(folder, "theory", f"capacity_p{P}_{level}.json")
            command = [capacity, "--p", str(P), "--level", level, "--json"]
            jobs.append(dict(command=command, output=output, label=f"theory/capacity_p{P}_{level}.json",
                             cost=0.5, stdout=True))
    return jobs


def low_t_job(phase_diagram, folder, P):
    """phase-diagram at T = 0.02 on a load grid up to the 1RSB capacity (1RSB retrieval m)."""
    output = os.path.join(folder, "theory", f"capacity_t{CAPACITY_T:g}_p{P}.h5")
    command = [phase_diagram, "--p", str(P), "--level", "rs,1rsb", "--alpha-grid", LOW_T_GRID[P],
               "--t-grid", repr(CAPACITY_T), "--threads", "1", "--quiet", "--output", output]
    return dict(command=command, output=output, label=f"theory/capacity_t{CAPACITY_T:g}_p{P}.h5", cost=40.0)


def matches(path, expect):
    """Whether an existing mc file was made with the expected parameters (N, samples, sweeps,
    seed, temperatures), so that a file left by a version with other parameters is not reused."""
    try:
        with h5py.File(path, "r") as f:
            p = f["mc/parameters"]
            same = all(int(p.attrs[k]) == v for k, v in expect.items() if k != "T")
            return same and np.allclose(p["T"][()], expect["T"], rtol=1e-9, atol=0)
    except (OSError, KeyError):
        return False


def run_job(job):
    """Run one program (stdout into the output file for capacity --json). Returns (label, s)."""
    start = time.monotonic()
    result = subprocess.run(job["command"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(f"crosscheck: {shlex.join(job['command'])} exited {result.returncode}\n{result.stderr}")
        raise subprocess.CalledProcessError(result.returncode, job["command"])
    if job.get("stdout"):
        write_atomically(job["output"], result.stdout)
    return job["label"], time.monotonic() - start


def write_atomically(path, text):
    """Write text to path through a temporary file and a rename, so that a reader (or a resumed
    run) never sees a half-written file."""
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        f.write(text)
    os.replace(temporary, path)


def run_all(jobs, workers):
    """Run the jobs whose output is missing, longest first, `workers` at a time. Returns the
    timings [(label, seconds)]; raises CalledProcessError when a program fails."""
    pending = sorted((j for j in jobs if not os.path.exists(j["output"])), key=lambda j: -j["cost"])
    timings = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for future in concurrent.futures.as_completed([pool.submit(run_job, j) for j in pending]):
            timings.append(future.result())
    return timings


# ----------------------------------------------------------------------------- theory values


def theory(folder, rsb1_low_t=True):
    """Reference values, each with its source: RS T_M (dhn.reference) and 1RSB T_M (phase-diagram
    /rsb1/lines/T_M) at the loads; T = 0 capacities (capacity --json; for P = 2 also the published
    AGS and Steffan-Kuehn values); for P > 2 the RS capacity at T = 0.02
    (dhn.reference.rs_capacity_at) and, per threshold, the load where the retrieval m at T = 0.02
    falls below it or the branch ends (RS: dhn.reference; 1RSB: phase-diagram). For P = 2 the
    retrieval m at the capacity (0.967) is above every threshold, so each threshold's load is the
    capacity itself (at T = 0.02 it moves by less than 5e-4: the AGS line is re-entrant there too)."""
    out = {"T_M": {}, "capacity": {}}
    for P, loads in TM_LOADS.items():
        pd = readers.load_phase_diagram(os.path.join(folder, "theory", f"tm_p{P}.h5"))
        for alpha in loads:
            out["T_M"][(P, alpha)] = dict(
                rs=rs_tm(P, alpha), rs_program=float(pd.line_at("T_M", alpha, "rs")),
                rsb1=float(pd.line_at("T_M", alpha, "1rsb")) if "1rsb" in pd.lines else None,
                T_AT=float(pd.line_at("T_AT", alpha, "rs")))
    for P in CAPACITY_ALPHAS:
        levels = {}
        for level in ("rs", "1rsb"):
            with open(os.path.join(folder, "theory", f"capacity_p{P}_{level}.json")) as f:
                levels[level] = readers.parse_capacity_json(f.read())[0]
        entry = dict(rs_t0=levels["rs"]["alpha_spinodal"], rs_t0_m=levels["rs"]["m_spinodal"],
                     rsb1_t0=levels["1rsb"]["alpha_spinodal"], rsb1_t0_m=levels["1rsb"]["m_spinodal"], thresholds={})
        if P == 2:
            entry.update(rs_t0_reference=HOPFIELD_CAPACITY["rs"], rsb1_t0_reference=HOPFIELD_CAPACITY["rsb1"],
                         rs_T=None, rs_T_m=None)
            for threshold in CAPACITY_THRESHOLDS:
                entry["thresholds"][threshold] = dict(rs=entry["rs_t0"], rsb1=entry["rsb1_t0"])
            out["capacity"][P] = entry
            continue
        rs_T, rs_m = reference.rs_capacity_at(P, CAPACITY_T)
        entry.update(rs_t0_reference=reference.rs_t0_spinodal(P)[0], rs_T=rs_T, rs_T_m=rs_m)
        if rsb1_low_t:
            low_t = readers.load_phase_diagram(os.path.join(folder, "theory", f"capacity_t{CAPACITY_T:g}_p{P}.h5"))
            m_1rsb = low_t.field("rsb1/retrieval/m")[:, 0]
        for threshold in CAPACITY_THRESHOLDS:
            rs_point = (reference.rs_branch_alpha(P, CAPACITY_T, threshold)[0] if threshold > rs_m else rs_T)
            rsb1_point = (crosscheck.threshold_load(low_t.alpha, m_1rsb, threshold, levels["1rsb"]["alpha_spinodal"])
                          if rsb1_low_t else None)
            entry["thresholds"][threshold] = dict(rs=rs_point, rsb1=rsb1_point)
        out["capacity"][P] = entry
    return out


# ----------------------------------------------------------------------------- analysis


def sizes_of(size, kind, P):
    return SIZES[size][kind]["N"][P]


def tm_analysis(folder, size, n_boot):
    """Half points T*(N) of P(m > 0.5) against T for each load, and their extrapolations."""
    results = {}
    for P, loads in TM_LOADS.items():
        for alpha in loads:
            rows = []
            for N in sizes_of(size, "tm", P):
                run = readers.load_mc(os.path.join(folder, f"mc_{size}", f"tm_p{P}_a{alpha:g}_n{N}.h5"))
                hits = crosscheck.retrieved(run.per_sample["m"], TM_THRESHOLD)
                rows.append(dict(N=N, alpha=run.alpha, K=int(run.parameters["K"]), T=run.T.tolist(),
                                 p=hits.mean(axis=0).tolist(), samples=run.samples,
                                 logistic=crosscheck.half_point(run.T, hits, "logistic", n_boot, seed=N),
                                 linear=crosscheck.half_point(run.T, hits, "linear", n_boot, seed=N)))
            results[(P, alpha)] = dict(rows=rows, **extrapolations(rows))
    return results


def capacity_analysis(folder, size, n_boot):
    """Half points alpha*(N) of P(m > threshold) at T = 0.02 for each threshold, their
    extrapolations, and the crossings of consecutive sizes (notebook 05's method, 1/N); and per P
    the split diagnostic: the largest fraction of samples in the GAP over the loads, per size, and
    the histograms of the per-sample m at the largest size. Returns (results, split)."""
    results, split = {}, {}
    for P in SIZES[size]["cap"]["N"]:
        runs = {N: [readers.load_mc(os.path.join(folder, f"mc_{size}", f"cap_p{P}_n{N}_a{a:g}.h5"))
                    for a in CAPACITY_ALPHAS[P]] for N in sizes_of(size, "cap", P)}
        for threshold in CAPACITY_THRESHOLDS:
            rows, curves = [], []
            for N, group in runs.items():
                alpha = np.array([r.alpha for r in group])
                hits = np.stack([crosscheck.retrieved(r.per_sample["m"][:, 0], threshold) for r in group], axis=1)
                rows.append(dict(N=N, alpha=alpha.tolist(), p=hits.mean(axis=0).tolist(), samples=group[0].samples,
                                 logistic=crosscheck.half_point(alpha, hits, "logistic", n_boot, seed=N),
                                 linear=crosscheck.half_point(alpha, hits, "linear", n_boot, seed=N)))
                pe = np.array([r.fraction_above("m", threshold, 0) for r in group])
                curves.append((N, alpha, pe[:, 0], pe[:, 1]))
            pairs = crosscheck.size_crossings(curves, n_boot=n_boot)
            pair_fit = crosscheck.extrapolate_crossings(pairs, omega=1.0)
            results[(P, threshold)] = dict(rows=rows, pairs=pairs, pair_fit=pair_fit, **extrapolations(rows))
        gaps = []
        for N, group in runs.items():
            fractions = [crosscheck.gap_fraction(r.per_sample["m"][:, 0], *GAP) for r in group]
            k = int(np.argmax(fractions))
            gaps.append(dict(N=N, max_gap=fractions[k], alpha=group[k].alpha, fractions=fractions))
        N, group = max(runs.items())
        edges = np.linspace(-0.05, 1.05, 23)
        split[P] = dict(gap=GAP, per_size=gaps, histogram_N=N, edges=edges.tolist(),
                        alpha=[r.alpha for r in group],
                        counts=[np.histogram(r.per_sample["m"][:, 0], edges)[0].tolist() for r in group])
    return results, split


def branch_analysis(folder, size, th, rsb1_low_t=True):
    """The retrieval branch below the capacity at T = 0.02 (P > 2): the sample mean of the
    time-averaged m at each load and size (error: standard deviation over samples / sqrt(D)), its
    weighted 1/N extrapolation (the O(1/N) lowering of the field by the diagonal index pairs), and
    the theory's retrieval m there: RS from dhn.reference.rs_retrieval (iterated from m = q = 1,
    the retrieval branch), 1RSB from phase-diagram where its T = 0.02 load grid reaches. Loads up
    to the RS capacity at T = 0.02."""
    out = {}
    for P in (P for P in SIZES[size]["cap"]["N"] if P > 2):
        rs_T = th["capacity"][P]["rs_T"]
        if rsb1_low_t:
            low_t = readers.load_phase_diagram(os.path.join(folder, "theory", f"capacity_t{CAPACITY_T:g}_p{P}.h5"))
            grid, m_1rsb = low_t.alpha, low_t.field("rsb1/retrieval/m")[:, 0]
        rows = []
        for alpha in (a for a in CAPACITY_ALPHAS[P] if a <= rs_T):
            noise = reference.Noise(reference.noise_coefficients(P), alpha)
            m_rs, _, converged = reference.rs_retrieval(P, noise, CAPACITY_T)
            rsb1 = None
            if rsb1_low_t and grid[0] - 1e-12 <= alpha <= grid[-1] + 1e-12:
                rsb1 = float(np.interp(alpha, grid, m_1rsb))
            sizes, means, errors = [], [], []
            for N in sizes_of(size, "cap", P):
                m = readers.load_mc(os.path.join(folder, f"mc_{size}", f"cap_p{P}_n{N}_a{alpha:g}.h5")).per_sample["m"][:, 0]
                sizes.append(N)
                means.append(float(m.mean()))
                errors.append(float(max(m.std(ddof=1), 1.0 / N) / np.sqrt(m.size)))  # 1/N: one spin, if all agree
            fit = fss.extrapolate(sizes, means, errors, omega=1.0)
            rows.append(dict(alpha=alpha, rs=m_rs if converged else None, rsb1=rsb1, N=sizes, mean=means,
                             error=errors, fit=fit))
        out[P] = rows
    return out


def extrapolations(rows):
    """The logistic half points extrapolated in N^-2/3 (primary) and 1/N (check)."""
    sizes, points = [r["N"] for r in rows], [r["logistic"] for r in rows]
    return dict(fit=crosscheck.extrapolate_half_points(sizes, points, OMEGA),
                fit_1n=crosscheck.extrapolate_half_points(sizes, points, 1.0),
                two_terms=crosscheck.extrapolate_two_terms(sizes, points, (OMEGA, 1.0)))


# ----------------------------------------------------------------------------- report


def fmt(value, error=None, digits=4):
    """value +- error with `digits` decimals (error given to the same place); '-' for None/NaN."""
    if value is None or not np.isfinite(value):
        return "-"
    if error is None:
        return f"{value:.{digits}f}"
    if not np.isfinite(error):
        return f"{value:.{digits}f} +- ?"
    return f"{value:.{digits}f} +- {error:.{digits}f}"


def fit_text(fit, digits=4):
    if fit is None:
        return "-", "-"
    chi2 = "-" if not np.isfinite(fit.chi2_dof) else f"{fit.chi2_dof:.2f}"
    return fmt(fit.x_inf, crosscheck.scaled_error(fit), digits), chi2


def verdict(fit, references):
    """'z = ... (within 2 sigma: yes/no)' against each named reference, with the chi2-scaled
    error of the N^-2/3 fit."""
    if fit is None:
        return "no extrapolation"
    error = crosscheck.scaled_error(fit)
    parts = []
    for name, value in references:
        if value is None:
            continue
        z, ok = crosscheck.agreement(fit.x_inf, error, value)
        parts.append(f"{name}: z = {z:+.1f} ({'yes' if ok else 'no'})")
    return "; ".join(parts)


def systematics(result, digits=4):
    """Two systematics of the N -> infinity value: the largest |logistic - linear| half point
    over the sizes (shape of p(x)) and |N^-2/3 fit - 1/N fit| (form of the correction)."""
    shape = [abs(r["logistic"].x - r["linear"].x) for r in result["rows"]
             if np.isfinite(r["logistic"].x) and np.isfinite(r["linear"].x)]
    fits = result["fit"], result["fit_1n"]
    omega = abs(fits[0].x_inf - fits[1].x_inf) if None not in fits else np.nan
    return f"{fmt(max(shape) if shape else np.nan, None, digits)}; {fmt(omega, None, digits)}"


def per_n_text(rows, digits=4):
    return ", ".join(f"{r['N']}: {fmt(r['logistic'].x, r['logistic'].error, digits)}" for r in rows)


def markdown(th, tm, cap, split, branch, size, meta):
    lines = [f"# Theory against simulation: T_M and capacity by finite-size scaling ({size} size)", "",
             "Convention B, \"distinct\" variant; `mc` started on the cued pattern, every ladder slot an "
             "independent walker (`--swap-every 0`). x*(N): half point of the retrieval probability "
             "(logistic maximum likelihood, bootstrap over disorder samples); N -> infinity: weighted line "
             "in N^-2/3 (primary; activation over a barrier ~ N (x_c - x)^(3/2) near a fold) and in 1/N "
             "(check). Errors of the fits are scaled by sqrt(chi2/dof) when that exceeds 1; z = (MC - "
             "theory)/error. Systematics (not in the error): shape, the largest difference between the "
             "logistic and the linearly interpolated half point over the sizes; omega, the difference "
             "between the N^-2/3 and 1/N extrapolations.", "",
             "| P | alpha | quantity | theory RS | theory 1RSB | MC x*(N), N: value | MC N -> inf (N^-2/3) | "
             "chi2/dof | MC N -> inf (1/N), chi2/dof | systematics: shape; omega | agreement (2 sigma) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    c = SIZES[size]
    for (P, alpha), result in tm.items():
        t = th["T_M"][(P, alpha)]
        value, chi2 = fit_text(result["fit"])
        value_1n, chi2_1n = fit_text(result["fit_1n"])
        lines.append(f"| {P} | {alpha:g} | T_M | {fmt(t['rs'])} | {fmt(t['rsb1'])} | {per_n_text(result['rows'])} | "
                     f"{value} | {chi2} | {value_1n}, {chi2_1n} | {systematics(result)} | "
                     f"{verdict(result['fit'], [('RS', t['rs'])])} |")
    for (P, threshold), result in cap.items():
        e = th["capacity"][P]
        point = e["thresholds"][threshold]
        value, chi2 = fit_text(result["fit"])
        value_1n, chi2_1n = fit_text(result["fit_1n"])
        if P == 2:
            rs = f"{fmt(e['rs_t0'])} (T=0; AGS {e['rs_t0_reference']:g})"
            rsb1 = f"{fmt(e['rsb1_t0'])} (T=0; Steffan-Kuehn {e['rsb1_t0_reference']:g})"
            refs = [("RS T=0", e["rs_t0"]), ("1RSB T=0", e["rsb1_t0"])]
        else:
            rs = f"{fmt(e['rs_t0'])} (T=0); {fmt(point['rs'])} (T={CAPACITY_T:g}, m>{threshold:g})"
            rsb1 = f"{fmt(e['rsb1_t0'])} (T=0); {fmt(point['rsb1'])} (T={CAPACITY_T:g}, m>{threshold:g})"
            refs = [("RS T=0", e["rs_t0"]), (f"RS T={CAPACITY_T:g}", point["rs"]), ("1RSB T=0", e["rsb1_t0"]),
                    (f"1RSB T={CAPACITY_T:g}", point["rsb1"])]
        lines.append(f"| {P} | - | alpha_c (P(m > {threshold:g}), T = {CAPACITY_T:g}) | {rs} | {rsb1} | "
                     f"{per_n_text(result['rows'])} | {value} | {chi2} | {value_1n}, {chi2_1n} | "
                     f"{systematics(result)} | "
                     f"{verdict(result['fit'], refs)} |")
    lines += ["", "Runs: T_M: " + f"{c['tm']['samples']} samples x 2 walkers, {c['tm']['temps']} temperatures from "
              f"{TM_WINDOW[3][0]:g} (P = 3) or {TM_WINDOW[4][0]:g} (P = 4) to 1.0 x T_M(RS), {c['tm']['therm']} + "
              f"{c['tm']['sweeps']} sweeps, retrieved: time-averaged m > {TM_THRESHOLD:g}. Capacity: "
              f"{c['cap']['samples']} samples x 2 walkers at T = {CAPACITY_T:g}, {c['cap']['therm']} + "
              f"{c['cap']['sweeps']} sweeps, loads " + ", ".join(
                  f"{a[0]:g}..{a[-1]:g} (P = {P}, N = {', '.join(map(str, c['cap']['N'][P]))})"
                  for P, a in CAPACITY_ALPHAS.items()) + ".", "",
              "Theory sources: RS T_M: dhn.reference.rs_retrieval_fold (NumPy); 1RSB T_M: phase-diagram "
              "/rsb1/lines/T_M. Capacity, T = 0: capacity --json (RS and 1RSB spinodals); T = 0.02, RS: "
              "dhn.reference.rs_capacity_at / rs_branch_alpha (the load where the RS retrieval m falls to the "
              "threshold, or the branch ends); T = 0.02, 1RSB: phase-diagram /rsb1/retrieval/m (the T = 0 "
              "spinodal where m stays above the threshold up to the end of the branch).", ""]
    lines += ["## Capacity runs: does the retrieval state end (a split), or does m slide?", "",
              f"Largest fraction of samples (over the loads) whose time-averaged m lies in "
              f"({GAP[0]:g}, {GAP[1]:g}], per size, and the threshold spread alpha*(m > 0.9) - alpha*(m > 0.8) "
              "at each size. A spinodal splits the samples into retrieving ones and ones at the remanent "
              "overlap: the gap stays nearly empty and the half point hardly depends on the threshold.", "",
              "| P | max gap fraction (N: value at alpha) | threshold spread (N: value) |", "|---|---|---|"]
    for P, d in split.items():
        gap = ", ".join(f"{g['N']}: {g['max_gap']:.2f} at {g['alpha']:.3g}" for g in d["per_size"])
        spread = []
        if (P, 0.9) in cap and (P, 0.8) in cap:
            for r9, r8 in zip(cap[(P, 0.9)]["rows"], cap[(P, 0.8)]["rows"]):
                x9, x8 = r9["logistic"], r8["logistic"]
                spread.append(f"{r9['N']}: {fmt(x9.x - x8.x, np.hypot(x9.error, x8.error))}")
        lines.append(f"| {P} | {gap} | {', '.join(spread)} |")
    lines += ["", f"## Retrieval branch at T = {CAPACITY_T:g}: mean m of the capacity runs against the theory", "",
              "Sample mean of the time-averaged m (error: spread over samples / sqrt(D)) at the two largest "
              "sizes, its weighted 1/N extrapolation, and the theory's retrieval m at the same load and "
              "temperature (RS: dhn.reference.rs_retrieval; 1RSB: phase-diagram, where its load grid "
              "reaches); z against RS.", "",
              "| P | alpha | theory RS m | theory 1RSB m | MC m (N: value) | MC N -> inf (1/N), chi2/dof | z (RS) |",
              "|---|---|---|---|---|---|---|"]
    for P, rows in branch.items():
        for r in rows:
            per_n = ", ".join(f"{N}: {fmt(v, e)}" for N, v, e in list(zip(r["N"], r["mean"], r["error"]))[-2:])
            fit = r["fit"]
            chi2 = "-" if not np.isfinite(fit.chi2_dof) else f"{fit.chi2_dof:.2f}"
            z = (fit.x_inf - r["rs"]) / crosscheck.scaled_error(fit) if r["rs"] is not None else np.nan
            lines.append(f"| {P} | {r['alpha']:g} | {fmt(r['rs'])} | {fmt(r['rsb1'])} | {per_n} | "
                         f"{fmt(fit.x_inf, crosscheck.scaled_error(fit))}, {chi2} | {z:+.1f} |")
    lines += ["", "## T_M: form of the finite-size correction", "",
              "The N^-2/3 and 1/N fits of the table, the fit with both terms (T_M + c1 N^-2/3 + c2/N; error "
              "scaled by sqrt(chi2/dof) when above 1, as all fits here) and "
              "the local exponents -d ln(T_M - T*(N))/d ln N between consecutive sizes with T_M fixed at the "
              "RS value (2/3: activation over the fold barrier; 1: an O(1/N) shift).", "",
              "| P | alpha | RS T_M | N^-2/3 fit | 1/N fit | two-term fit (chi2/dof) | local exponents |",
              "|---|---|---|---|---|---|---|"]
    for (P, alpha), result in tm.items():
        T_M = th["T_M"][(P, alpha)]["rs"]
        rows = [r for r in result["rows"] if np.isfinite(r["logistic"].x)]
        exponents = crosscheck.local_exponents([r["N"] for r in rows], [r["logistic"].x for r in rows], T_M)
        two_value, two_chi2 = fit_text(result["two_terms"])
        local = ", ".join(f"{x:.2f}" for x in exponents)
        lines.append(f"| {P} | {alpha:g} | {fmt(T_M)} | {fit_text(result['fit'])[0]} | "
                     f"{fit_text(result['fit_1n'])[0]} | {two_value} ({two_chi2}) | {local} |")
    lines += ["", "## Half points per size", "",
              "| P | alpha or threshold | N | K | x* logistic | chi2/dof of the logistic | x* linear interpolation |",
              "|---|---|---|---|---|---|---|"]
    for (P, alpha), result in tm.items():
        for r in result["rows"]:
            lines.append(f"| {P} | T_M, alpha = {alpha:g} | {r['N']} | {r['K']} | "
                         f"{fmt(r['logistic'].x, r['logistic'].error)} | {r['logistic'].chi2_dof:.2f} | "
                         f"{fmt(r['linear'].x, r['linear'].error)} |")
    for (P, threshold), result in cap.items():
        for r in result["rows"]:
            lines.append(f"| {P} | alpha_c, m > {threshold:g} | {r['N']} | - | "
                         f"{fmt(r['logistic'].x, r['logistic'].error)} | "
                         f"{r['logistic'].chi2_dof:.2f} | {fmt(r['linear'].x, r['linear'].error)} |")
    lines += ["", "## Capacity: crossings of consecutive sizes (notebook 05's method, extrapolated in 1/N)", "",
              "| P | threshold | crossings (N1 x N2: alpha) | 1/N extrapolation | chi2/dof |", "|---|---|---|---|---|"]
    for (P, threshold), result in cap.items():
        crossings = ", ".join(f"{a}x{b}: {fmt(x.x, x.error)}" for a, b, x in result["pairs"])
        value, chi2 = fit_text(result["pair_fit"])
        lines.append(f"| {P} | m > {threshold:g} | {crossings} | {value} | {chi2} |")
    lines += ["", f"Command: `{meta['command']}`; wall time {meta['wall_s']:.0f} s "
              f"({meta['jobs_run']} programs run, {meta['jobs_kept']} outputs kept from an earlier run).", ""]
    return "\n".join(lines)


def jsonable(value):
    """Dataclasses, tuples as keys and NumPy values into plain JSON."""
    if isinstance(value, dict):
        return {(k if isinstance(k, str) else "_".join(f"{x:g}" if isinstance(x, float) else str(x) for x in k)
                 if isinstance(k, tuple) else str(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: jsonable(getattr(value, k)) for k in value.__dataclass_fields__ if k != "samples"}
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, (np.floating, float)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


# ----------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="reduced")
    parser.add_argument("--mc", default=os.path.join(ROOT, "build", "bin", "mc"))
    parser.add_argument("--phase-diagram", dest="phase_diagram",
                        default=os.path.join(ROOT, "build", "bin", "phase-diagram"))
    parser.add_argument("--capacity", default=os.path.join(ROOT, "build", "bin", "capacity"))
    parser.add_argument("--output", default=os.path.join(ROOT, "data", "crosscheck"))
    parser.add_argument("--jobs", type=int, default=2, help="programs run at once (each mc run uses 1 thread)")
    parser.add_argument("--n-boot", type=int, help="bootstrap resamples per half point (default: 200 for ci, "
                        "else 1000)")
    parser.add_argument("--dry-run", action="store_true", help="list the runs still to do and their estimated cost")
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    args.n_boot = args.n_boot or size["n_boot"]
    if args.jobs < 1 or args.n_boot < 10:
        parser.exit(2, "crosscheck: --jobs must be >= 1 and --n-boot >= 10\n")
    for name in ("mc", "phase_diagram", "capacity"):
        if not os.access(getattr(args, name), os.X_OK):
            parser.exit(2, f"crosscheck: program {getattr(args, name)} not found; build it (cmake --build build) "
                           f"or pass --{name.replace('_', '-')}\n")
    folder = os.path.abspath(args.output)
    for sub in (f"mc_{args.size}", "theory"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    started = time.monotonic()
    jobs = mc_jobs(args.mc, folder, args.size) + theory_jobs(args.phase_diagram, args.capacity, folder,
                                                             size["rsb1_low_t"])
    stale = [j["output"] for j in jobs
             if "expect" in j and os.path.exists(j["output"]) and not matches(j["output"], j["expect"])]
    if stale:
        parser.exit(2, f"crosscheck: {len(stale)} files in {folder} were made with other parameters (an older "
                       f"version?), e.g. {stale[0]}; use another --output or remove them\n")
    pending = [j for j in jobs if not os.path.exists(j["output"])]
    estimate = sum(j["cost"] for j in pending) / args.jobs
    sys.stderr.write(f"crosscheck: {len(pending)} of {len(jobs)} runs to do, roughly {estimate / 60:.1f} min "
                     f"on {args.jobs} workers\n")
    if args.dry_run:
        for j in sorted(pending, key=lambda j: -j["cost"]):
            print(f"{j['cost']:8.1f} s  {shlex.join(j['command'])}")
        return 0
    try:
        timings = run_all(jobs, args.jobs)
    except subprocess.CalledProcessError:
        return 1
    th = theory(folder, size["rsb1_low_t"])
    tm = tm_analysis(folder, args.size, args.n_boot)
    cap, split = capacity_analysis(folder, args.size, args.n_boot)
    branch = branch_analysis(folder, args.size, th, size["rsb1_low_t"])
    wall = time.monotonic() - started
    meta = dict(command=shlex.join(["python3", "scripts/crosscheck.py", "--size", args.size, "--jobs", str(args.jobs)]),
                wall_s=wall, jobs_run=len(timings), jobs_kept=len(jobs) - len(timings),
                created_utc=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                slowest=sorted(timings, key=lambda t: -t[1])[:5])
    text = markdown(th, tm, cap, split, branch, args.size, meta)
    print(text)
    write_atomically(os.path.join(folder, "crosscheck.md"), text)
    write_atomically(os.path.join(folder, "crosscheck.json"), json.dumps(jsonable(dict(
        size=args.size, sizes=SIZES[args.size], omega=OMEGA, tm_threshold=TM_THRESHOLD, capacity_T=CAPACITY_T,
        theory=th, T_M=tm, capacity=cap, split=split, branch=branch, meta=meta)), indent=1))
    sys.stderr.write(f"crosscheck: {args.size} done in {wall:.0f} s wall; table in {folder}/crosscheck.md\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

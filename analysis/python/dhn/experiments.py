"""The cross-check's experiment (issue 6): what is simulated, at which sizes, and the command lines.

Plain data and the functions that turn it into `dhn.jobs.Job`s and file names, shared by
scripts/crosscheck.py (which runs the jobs) and dhn.crosscheck (which reads what they wrote).
Convention B, "distinct" variant. `mc` runs start every walker on the cued pattern with
`--swap-every 0`, so each ladder slot is an independent walker:
  mc_<size>/tm_p{P}_a{alpha}_n{N}.h5   temperatures from TM_WINDOW x T_M(RS) at the TM_LOADS
  mc_<size>/cap_p{P}_n{N}_a{alpha}.h5  T = CAPACITY_T on the CAPACITY_ALPHAS grid (P = 2: the
                                       Hopfield model, the protocol's test against AGS; 3, 4)
  theory/                              phase-diagram (RS and 1RSB T_M; 1RSB m at T = CAPACITY_T
                                       near the capacity) and capacity --json (T = 0 capacities)
"""
import functools
import os

import h5py
import numpy as np

from . import reference
from .jobs import Job

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


def sizes_of(size, kind, P):
    """The system sizes N of one kind of run ("tm" or "cap") and P at a data size."""
    return SIZES[size][kind]["N"][P]


# ----------------------------------------------------------------------------- file names

def tm_file(folder, size, P, alpha, N):
    return os.path.join(folder, f"mc_{size}", f"tm_p{P}_a{alpha:g}_n{N}.h5")


def cap_file(folder, size, P, N, alpha):
    return os.path.join(folder, f"mc_{size}", f"cap_p{P}_n{N}_a{alpha:g}.h5")


def theory_tm_file(folder, P):
    return os.path.join(folder, "theory", f"tm_p{P}.h5")


def theory_capacity_file(folder, P, level):
    return os.path.join(folder, "theory", f"capacity_p{P}_{level}.json")


def theory_low_t_file(folder, P):
    return os.path.join(folder, "theory", f"capacity_t{CAPACITY_T:g}_p{P}.h5")


# ----------------------------------------------------------------------------- jobs

def mc_jobs(mc, folder, size):
    """The mc runs of one size as (Job, expect) pairs; expect: the parameters the output file
    must have been made with (see matches), so a file of another version is never reused."""
    c = SIZES[size]
    jobs = []

    def job(output, name, P, N, alpha, temps, kind, counts):
        command = [mc, "--p", str(P), "--n", str(N), "--alpha", repr(alpha),
                   "--temps", ",".join(repr(t) for t in temps), "--samples", str(counts["samples"]),
                   "--therm", str(counts["therm"]), "--sweeps", str(counts["sweeps"]), "--swap-every", "0",
                   "--init", "pattern", "--seed", str(SEEDS[kind]), "--threads", "1", "--quiet",
                   "--checkpoint-every", "0", "--output", output]
        walkers = counts["samples"] * 2 * len(temps)
        cost = walkers * (counts["therm"] + counts["sweeps"]) * walker_sweep_seconds(P, N, alpha)
        expect = dict(N=N, samples=counts["samples"], therm=counts["therm"], sweeps=counts["sweeps"],
                      seed=SEEDS[kind], T=temps)
        jobs.append((Job(command=command, output=output, label=f"mc/{name}", cost=cost), expect))

    for P, loads in TM_LOADS.items():
        for alpha in loads:
            temps = tm_temperatures(P, alpha, c["tm"]["temps"])
            for N in c["tm"]["N"][P]:
                output = tm_file(folder, size, P, alpha, N)
                job(output, os.path.basename(output), P, N, alpha, temps, "tm", c["tm"])
    for P, sizes in c["cap"]["N"].items():
        for N in sizes:
            for alpha in CAPACITY_ALPHAS[P]:
                output = cap_file(folder, size, P, N, alpha)
                job(output, os.path.basename(output), P, N, alpha, [CAPACITY_T], "cap", c["cap"])
    return jobs


def theory_jobs(phase_diagram, capacity, folder, rsb1_low_t=True):
    """phase-diagram and capacity runs (the same for every size): RS and 1RSB T_M at the loads,
    the T = 0 capacities (P = 2, 3, 4) and, with rsb1_low_t, the 1RSB retrieval m at T = 0.02 near
    the capacity for P > 2 (about 40 s per P: the 1RSB retrieval march of phase-diagram starts at
    T = 0)."""
    jobs = []
    for P, loads in TM_LOADS.items():
        top = 1.1 * rs_tm(P, min(loads))  # T_M falls with alpha
        output = theory_tm_file(folder, P)
        command = [phase_diagram, "--p", str(P), "--level", "rs,1rsb", "--alpha-grid",
                   ",".join(repr(a) for a in loads), "--t-grid", f"{top / 200:.6g}:{top:.6g}:{top / 200:.6g}",
                   "--threads", "1", "--quiet", "--output", output]
        jobs.append(Job(command=command, output=output, label=f"theory/tm_p{P}.h5", cost=1.0))
        if rsb1_low_t:
            jobs.append(low_t_job(phase_diagram, folder, P))
    for P in CAPACITY_ALPHAS:
        for level in ("rs", "1rsb"):
            output = theory_capacity_file(folder, P, level)
            command = [capacity, "--p", str(P), "--level", level, "--json"]
            jobs.append(Job(command=command, output=output, label=f"theory/capacity_p{P}_{level}.json",
                            cost=0.5, stdout_to_output=True))
    return jobs


def low_t_job(phase_diagram, folder, P):
    """phase-diagram at T = 0.02 on a load grid up to the 1RSB capacity (1RSB retrieval m)."""
    output = theory_low_t_file(folder, P)
    command = [phase_diagram, "--p", str(P), "--level", "rs,1rsb", "--alpha-grid", LOW_T_GRID[P],
               "--t-grid", repr(CAPACITY_T), "--threads", "1", "--quiet", "--output", output]
    return Job(command=command, output=output, label=f"theory/capacity_t{CAPACITY_T:g}_p{P}.h5", cost=40.0)


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

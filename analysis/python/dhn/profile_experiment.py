"""The equilibrium cross-check of issue 15: which (P, alpha, T) points, sizes N and run lengths,
and the `mc --windows` and `landau` command lines that produce its data.

Points (convention B, distinct variant), each placed against a line of the RS theory (landau):
  P = 3, T = 0.155: alpha = 0.14 (retrieval minimum, metastable, 2.6e-3 below its barrier) and
         alpha = 0.17 (no retrieval minimum: beyond the spinodal, the RS largest load 0.1548 between);
  P = 3, alpha = 0.14: T = 0.14 (retrieval the global minimum) against T = 0.155 (metastable; T_c
         between 0.150 and 0.155);
  P = 4, T = 0.04: alpha = 0.035 (retrieval minimum, metastable) and alpha = 0.040 (none);
  P = 4, alpha = 0.02: T = 0.04 (retrieval global) against T = 0.05 (metastable; T_c between);
  P = 3, alpha = 0.05: T = 0.2 against T = 0.25, and P = 4, alpha = 0.01: T = 0.05 against 0.06,
         the same test of T_c at higher T, where the windows mix faster.
Sizes: three N per point (P = 3: 32, 64, 128; P = 4: 24, 32, 48), the windows as many as keep
at least about three levels of m = S/N in each (windows_for)."""
import os
from dataclasses import dataclass

from . import jobs


@dataclass(frozen=True)
class Point:
    key: str      # file-name stem, e.g. "p3_a0.14_t0.155"
    P: int
    alpha: float  # convention B
    T: float      # convention B
    role: str     # which theory line it tests, for the table


POINTS = [
    Point("p3_a0.14_t0.155", 3, 0.14, 0.155, "spinodal, inside (RS minimum metastable); T_c, above"),
    Point("p3_a0.17_t0.155", 3, 0.17, 0.155, "spinodal, beyond (RS: no retrieval minimum)"),
    Point("p3_a0.14_t0.14", 3, 0.14, 0.14, "T_c, below (RS retrieval global)"),
    Point("p4_a0.035_t0.04", 4, 0.035, 0.04, "spinodal, inside (RS minimum metastable)"),
    Point("p4_a0.04_t0.04", 4, 0.040, 0.04, "spinodal, beyond (RS: no retrieval minimum)"),
    Point("p4_a0.02_t0.04", 4, 0.02, 0.04, "T_c, below (RS retrieval global)"),
    Point("p4_a0.02_t0.05", 4, 0.02, 0.05, "T_c, above (RS minimum metastable)"),
    # T_c pairs at higher T, where the windows mix faster (at alpha = 0.14, T = 0.14 and at
    # alpha = 0.02, T = 0.04 the largest N made only 1-2 round trips)
    Point("p3_a0.05_t0.2", 3, 0.05, 0.2, "T_c, below (RS retrieval global)"),
    Point("p3_a0.05_t0.25", 3, 0.05, 0.25, "T_c, above (RS minimum metastable)"),
    Point("p4_a0.01_t0.05", 4, 0.01, 0.05, "T_c, below (RS retrieval global)"),
    Point("p4_a0.01_t0.06", 4, 0.01, 0.06, "T_c, above (RS minimum metastable)"),
]

SIZES = {
    # ci: the smallest that runs every step (tests/paper); reduced: minutes; publication: docs/results.md
    "ci": dict(N={3: (24, 32, 48), 4: (16, 20, 24)}, samples=2, therm=200, sweeps=2000,
               points=("p3_a0.14_t0.155",)),
    "reduced": dict(N={3: (32, 48, 64), 4: (16, 24, 32)}, samples=4, therm=1000, sweeps=8000, points=None),
    # the largest N runs four times longer: with 20000 sweeps its walkers made 0-4 round trips
    "publication": dict(N={3: (32, 64, 128), 4: (24, 32, 48)}, samples=8, therm=2000, sweeps=20000,
                        points=None, largest_sweeps=80000),
}
WINDOW_RANGE = (-0.05, 1.0)
SEED = 23


def windows_for(N):
    """Window count over WINDOW_RANGE: at most 14, and each window (width 2 (hi - lo) / (count + 1),
    half overlapping its neighbours) at least about three levels 2/N of m wide."""
    return max(3, min(14, N // 3 - 1))


def points(size):
    chosen = SIZES[size]["points"]
    return [p for p in POINTS if chosen is None or p.key in chosen]


def mc_file(folder, size, point, N):
    return os.path.join(folder, f"mc_{size}", f"{point.key}_n{N}.h5")


def landau_file(folder, point, N, level="rs"):
    return os.path.join(folder, "theory", f"{point.key}_n{N}_{level}.h5")


def level_grid(N):
    """The m = S/N levels in [0, 1] (the profile's grid at N)."""
    return ",".join(repr((2 * k - N) / N) for k in range(N + 1) if 2 * k >= N)


def mc_jobs(mc, folder, size):
    c = SIZES[size]
    work = []
    lo, hi = WINDOW_RANGE
    for point in points(size):
        for N in c["N"][point.P]:
            out = mc_file(folder, size, point, N)
            sweeps = c.get("largest_sweeps", c["sweeps"]) if N == max(c["N"][point.P]) else c["sweeps"]
            command = [mc, "--p", str(point.P), "--n", str(N), "--alpha", repr(point.alpha),
                       "--temps", repr(point.T), "--windows", f"{lo}:{hi}:{windows_for(N)}",
                       "--samples", str(c["samples"]), "--therm", str(c["therm"]), "--sweeps", str(sweeps),
                       "--seed", str(SEED), "--threads", "1", "--quiet", "--checkpoint-every", "600",
                       "--output", out]
            cost = point.alpha * N ** point.P * windows_for(N) * c["samples"] * (c["therm"] + sweeps)
            work.append(jobs.Job(command=command, label=os.path.basename(out), output=out, cost=cost))
    return work


def landau_jobs(landau, folder, size, levels=("rs", "1rsb")):
    work = []
    for point in points(size):
        for N in SIZES[size]["N"][point.P]:
            for level in levels:
                out = landau_file(folder, point, N, level)
                command = [landau, "--p", str(point.P), "--alpha", repr(point.alpha), "--t", repr(point.T),
                           "--m-grid", level_grid(N), "--n", str(N), "--level", level, "--quiet",
                           "--output", out]
                work.append(jobs.Job(command=command, label=os.path.basename(out), output=out, cost=1.0))
    return work


# Sizes at which the RS theory with its exact finite-N terms is asked whether the retrieval
# minimum and the sign of its depth are resolved (dhn.profile_check.resolving_sizes)
RESOLVE_N = (64, 128, 256, 512, 1024, 2048, 4096, 8192)


def resolve_file(folder, point, N):
    return os.path.join(folder, "theory", f"{point.key}_resolve_n{N}_rs.h5")


def resolve_jobs(landau, folder, size):
    return [jobs.Job(command=[landau, "--p", str(p.P), "--alpha", repr(p.alpha), "--t", repr(p.T),
                              "--m-grid", "0:1:0.0025", "--n", str(N), "--quiet", "--output", resolve_file(folder, p, N)],
                     label=os.path.basename(resolve_file(folder, p, N)), output=resolve_file(folder, p, N), cost=1.0)
            for p in points(size) for N in RESOLVE_N]

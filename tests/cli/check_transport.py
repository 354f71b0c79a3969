"""transport end to end (issue 19): the documented layout (docs/hdf5-schema.md, "Transport
files"); m(T, h) in [-1, 1], non-decreasing in h and >= 0 for h >= 0; the scheme's m converges to
Hopf's formula at its design order away from the shocks (error ratio above 2^1.5 when dx halves);
T_M(0) from the caustic equals the closed form to 1e-8 and T_c(0) from the shock equals it within
twice the file's own error estimate (itself below 1e-3 relative); the finite-N curves satisfy
<m^2> >= <|m|>^2 and their gap to the N -> infinity curve shrinks like 1/N (the ratio of gaps at
successive sizes tends to 2, its distance from 2 shrinking at least like 1/N); for P = 2 the heat
equation reproduces the binomial sum to 1e-10 (the issue's target) and its <m^2> within the bound
that the A error implies through the stencil; --convention G scales T and h by P!; bad input exits
2 naming the option and leaves no file.
Usage: check_transport.py TRANSPORT WORKDIR"""
import math
import os
import sys

import h5py
import numpy as np
from cli_check import CliCheck

exe = sys.argv[1]
check = CliCheck(sys.argv[2], "transport")
path, fail = check.path, check.fail
N_LIST = [32, 64, 128, 256, 512, 1024]


def run(*args, expect=0):
    return check.run(exe, *args, "--quiet", expect=expect)


def away_from_jumps(m, width=3):
    """Mask of grid points whose neighbours in h (width either side) show no jump above 0.05:
    the shocks' cells, where interpolation between the phases is not an error of the scheme."""
    ok = np.ones_like(m, dtype=bool)
    jump = np.abs(np.diff(m, axis=1)) > 0.05
    for i, j in zip(*np.nonzero(jump)):
        ok[i, max(0, j - width):j + width + 2] = False
    return ok


# P = 3 (distinct): a first-order transition at h = 0, the shock crossing into h < 0
T_GRID, H_GRID = "0.15:0.45:0.025", "-0.1:0.1:0.01"
run("--p", "3", "--t-grid", T_GRID, "--h-grid", H_GRID, "--dx", "0.008", "--characteristics", "9",
    "--output", path("p3.h5"))
run("--p", "3", "--t-grid", T_GRID, "--h-grid", H_GRID, "--dx", "0.004", "--characteristics", "9",
    "--sections", "signal", "--output", path("p3_fine.h5"))
with h5py.File(path("p3.h5"), "r") as f, h5py.File(path("p3_fine.h5"), "r") as fine:
    for attr in ("dhn_type", "schema_version", "P", "variant", "convention", "suite_version",
                 "git_describe", "command_line", "created_utc", "threads"):
        if attr not in f.attrs:
            fail(f"root attribute {attr} missing")
    if f.attrs["dhn_type"] != "transport" or f["transport"].attrs["dhn_type"] != "transport":
        fail("dhn_type tags wrong")
    if list(f["transport"].attrs["sections"]) != ["signal", "finite_n"]:
        fail(f"sections attribute {f['transport'].attrs['sections']}")
    tags = {"signal": "transport_signal", "finite_n": "transport_finite_n",
            "signal/characteristics": "transport_characteristics", "signal/caustic": "transport_caustic",
            "signal/shock": "transport_shock"}
    for group, tag in tags.items():
        if f[f"transport/{group}"].attrs.get("dhn_type") != tag:
            fail(f"/transport/{group} is not tagged {tag}")
    s = f["transport/signal"]
    nT, nh = len(s["T"]), len(s["h"])
    shapes = {"m": (nT, nh), "m_hopf": (nT, nh), "m_zero_field": (nT,), "m_zero_field_hopf": (nT,),
              "characteristics/x": (9, len(s["characteristics/t"])), "characteristics/x0": (9,)}
    for name, shape in shapes.items():
        if s[name].shape != shape:
            fail(f"/transport/signal/{name} has shape {s[name].shape}, expected {shape}")
    for name in ("caustic/m", "caustic/t", "caustic/x", "shock/t", "shock/x", "shock/u_left", "shock/u_right"):
        if name not in s:
            fail(f"/transport/signal/{name} missing")
    if nT < 12 or nh != 21:
        fail(f"grids {nT} x {nh}, expected 12 or 13 x 21")

    h, m, hopf = s["h"][()], s["m"][()], s["m_hopf"][()]
    if not (np.all(np.abs(m) <= 1 + 1e-12) and np.all(np.diff(m, axis=1) >= -1e-9)):
        fail("m(T, h) leaves [-1, 1] or decreases with h")
    if np.any(m[:, h >= 0] < -1e-12):
        fail("m < 0 at a field h >= 0")
    # convergence at the design order (2) away from the shocks: accept an observed order above 1.5
    ok = away_from_jumps(hopf) & away_from_jumps(m) & away_from_jumps(fine["transport/signal/m"][()])
    coarse_error = np.max(np.abs(m - hopf)[ok])
    fine_error = np.max(np.abs(fine["transport/signal/m"][()] - hopf)[ok])
    if not coarse_error / fine_error > 2**1.5:
        fail(f"m against Hopf: errors {coarse_error:.3g} (dx 0.008), {fine_error:.3g} (dx 0.004): order below 1.5")
    # the check has teeth at the finer grid: its error estimate is below 1e-3 relative
    a = fine["transport/signal"].attrs
    if not a["T_c_error_estimate"] < 1e-3 * a["T_c_closed_form"]:
        fail(f"T_c(0) at dx = 0.004: error estimate {a['T_c_error_estimate']} above 1e-3 relative")
    zero, zero_hopf = s["m_zero_field"][()], s["m_zero_field_hopf"][()]
    if np.any(np.diff(zero_hopf) > 1e-12) or np.any(np.diff(zero) > 1e-9):
        fail("m(T, 0+) is not non-increasing in T")

    for group in (s, fine["transport/signal"]):
        a = group.attrs
        if abs(a["T_M_caustic"] / a["T_M_closed_form"] - 1) > 1e-8:
            fail(f"T_M(0): caustic {a['T_M_caustic']} against closed form {a['T_M_closed_form']}")
        gap = abs(a["T_c_shock"] - a["T_c_closed_form"])
        if a["T_c_status"] != "found" or not gap <= 2 * a["T_c_error_estimate"]:
            fail(f"T_c(0) at dx = {a['dx']}: shock {a['T_c_shock']} +- {a['T_c_error_estimate']} "
                 f"against closed form {a['T_c_closed_form']}")
        # the shock runs from the cusp towards h = 0 and ends there, at t_c
        t, x = group["shock/t"][()], group["shock/x"][()]
        if not (x[-1] == 0 and abs(1 / t[-1] - a["T_c_shock"]) < 1e-12 and np.all(np.diff(t) > 0)
                and np.all(x[:-1] > 0) and len(t) > 20 and abs(t[0] - a["cusp_t"]) < 0.25 * a["cusp_t"]):
            fail("the shock path does not run from the cusp to (t_c, 0)")
        # the caustic's cusp is where it turns: t is smallest there
        k = np.argmin(group["caustic/t"][()])
        if abs(group["caustic/m"][k] - math.sqrt(1 / 3)) > 2.5e-3:
            fail("the caustic's earliest point is not at m* = sqrt((P-2)/P)")

    fn = f["transport/finite_n"]
    if list(fn["N"][()]) != N_LIST or fn["abs_m"].shape != (len(N_LIST), nT) or "heat_equation" in fn:
        fail("finite_n: sizes or shapes wrong, or a heat equation group at P = 3")


def check_finite_n(fn, T_away, what):
    """<m^2> >= <|m|>^2 and the 1/N convergence of <m^2> to m_limit^2 at temperatures T_away."""
    abs_m, m2, limit, T = fn["abs_m"][()], fn["m_squared"][()], fn["m_limit"][()], fn["T"][()]
    if not (np.all(abs_m >= 0) and np.all(abs_m <= 1) and np.all(m2 >= abs_m**2 - 1e-12)):
        fail(f"{what}: <|m|> outside [0, 1] or <m^2> < <|m|>^2")
    doubling = np.isin(fn["N"][()], N_LIST)  # the sizes 32, 64, ..., 1024
    for k in np.nonzero(T_away(T))[0]:
        gap = np.abs(m2[doubling, k] - limit[k]**2)
        ratio = gap[:-1] / gap[1:]
        distance = np.abs(ratio - 2)
        # gap = a/N + b/N^2 + ...: the ratio of gaps at N and 2N is 2 + O(1/N), so its distance from
        # 2 falls with N and, once asymptotic, halves with each doubling: require it to fall at
        # every step, to end below 0.1, and its last halving factor within 2 +- 0.5 (the next
        # order, O(1/N) relative, is 20 % at the first pair N = 32, 64 for T within 1.3 of T_c)
        halving = distance[:-1] / distance[1:]
        if not (np.all(np.diff(distance) < 0) and distance[-1] < 0.1 and abs(halving[-1] - 2) < 0.5):
            fail(f"{what}, T = {T[k]}: gap ratios {ratio} do not approach 2 like 1/N")


with h5py.File(path("p3.h5"), "r") as f:
    a = f["transport/signal"].attrs
    # away from the transition: above 1.3 T_M(0) or below 0.8 T_c(0)
    check_finite_n(f["transport/finite_n"],
                   lambda T: (T > 1.3 * a["T_M_closed_form"]) | (T < 0.8 * a["T_c_closed_form"]), "P = 3")

# P = 2: the heat equation against the binomial sum
run("--p", "2", "--variant", "full", "--t-grid", "0.6,0.8,1.25,1.6", "--h-grid", "-0.2:0.2:0.05",
    "--n-list", ",".join(map(str, [16, 24] + N_LIST)), "--heat-n", "16,24", "--output", path("p2.h5"))
with h5py.File(path("p2.h5"), "r") as f:
    fn = f["transport/finite_n"]
    check_finite_n(fn, lambda T: np.abs(T - 1) > 0.2, "P = 2")
    he = fn["heat_equation"]
    if he.attrs.get("dhn_type") != "transport_heat_equation" or list(he["N"][()]) != [16, 24]:
        fail("P = 2: heat_equation group missing, mistagged or with other sizes")
    elif not he.attrs["max_relative_difference_A"] < 1e-10:
        fail(f"P = 2: heat equation against the binomial sum {he.attrs['max_relative_difference_A']} >= 1e-10")
    else:
        # <m^2> = A_xx/N from the 9-point stencil: truncation dx^8 A^(10)/3150, and A^(10) is the
        # 10th cumulant of S over N, at most the two-point distribution's 7936 (N m)^8 times A_xx;
        # so relative 2.52 (N dx)^8; plus A's own error through the stencil (weights sum below 6):
        # 6 e / dx^2 / (N <m^2>). A factor 2 margin on both.
        A, m2 = fn["A"][()][:2], fn["m_squared"][()][:2]  # N = 16, 24: the first rows
        N = he["N"][()].astype(float)[:, None]
        dx = he.attrs["n_dx"] / N
        bound = 2 * (7936 / 3150 * (N * dx)**8
                     + 6 * he.attrs["max_relative_difference_A"] * np.abs(A) / dx**2 / (N * m2))
        if np.any(np.abs(he["m_squared"][()] / m2 - 1) > bound):
            fail("P = 2: the heat equation's <m^2> differs from the binomial sum beyond the bound")
    s = f["transport/signal"]
    if abs(s.attrs["T_c_shock"] - 1) > 2 * s.attrs["T_c_error_estimate"] or len(s["shock/t"]) != 1:
        fail(f"P = 2: T_c(0) = {s.attrs['T_c_shock']} +- {s.attrs['T_c_error_estimate']}, expected 1")

# convention G: T and h scale by P!, m and the curves do not change
run("--p", "3", "--t-grid", "0.9,1.2", "--h-grid", "-0.3,0,0.3", "--dx", "0.008", "--n-list", "32,64",
    "--convention", "G", "--output", path("p3_G.h5"))
run("--p", "3", "--t-grid", "0.15,0.2", "--h-grid", "-0.05,0,0.05", "--dx", "0.008", "--n-list", "32,64",
    "--output", path("p3_B.h5"))
with h5py.File(path("p3_G.h5"), "r") as g, h5py.File(path("p3_B.h5"), "r") as b:
    if g.attrs["convention"] != "G":
        fail("G file not labelled G")
    if not np.allclose(g["transport/signal/T"][()], 6 * b["transport/signal/T"][()], rtol=1e-14) or \
       not np.allclose(g["transport/signal/h"][()], 6 * b["transport/signal/h"][()], rtol=1e-14, atol=1e-16):
        fail("T, h in G are not 3! x B")
    if not np.allclose(g["transport/signal"].attrs["T_c_shock"], 6 * b["transport/signal"].attrs["T_c_shock"],
                       rtol=1e-14):
        fail("T_c(0) in G is not 3! x B")
    for name in ("signal/m", "finite_n/abs_m", "finite_n/m_squared", "finite_n/A"):
        if not np.allclose(g[f"transport/{name}"][()], b[f"transport/{name}"][()], rtol=1e-13, atol=1e-15):
            fail(f"/transport/{name} differs between conventions")

# bad input: exit 2, the option named, no file left
SMALL = {"--t-grid": "0.2", "--h-grid": "0", "--n-list": "32", "--dx": "0.008"}


def small(**override):
    options = dict(SMALL, **{f"--{k.replace('_', '-')}": v for k, v in override.items()})
    return [x for item in options.items() for x in item]


for args, flag in ((["--p", "1", *small()], "--p"), (small(t_grid="0,0.2"), "--t-grid"),
                   (small(t_grid="0.1", h_grid="1"), "--h-grid"),
                   (small(n_list="64,32"), "--n-list"), (small(n_list="0"), "--n-list"),
                   (small(dx="0"), "--dx"), (small(reconstruction="weno"), "--reconstruction"),
                   (small(tolerance="1"), "--tolerance"), (small(heat_n="1"), "--heat-n"),
                   (small(sections="load"), "--sections"), (small(variant="diagonal"), "variant")):
    r = run(*(args if "--p" in args else ["--p", "3", *args]), "--output", path("bad.h5"), expect=2)
    if flag not in r.stderr:
        fail(f"{args}: message does not name {flag}: {r.stderr}")
    if os.path.exists(path("bad.h5")):
        fail(f"{args}: a file was left behind")
run("--p", "3", *small(), "--output", "/nonexistent-dir/t.h5", expect=2)

# a shock whose arrival is not found (P = 10: t_c beyond the search's 4 t*) is a warning, not a
# failure: T_c_shock is NaN, T_c_status says why, the rest is written
r = run("--p", "10", "--sections", "signal", "--t-grid", "1e-6", "--h-grid", "0", "--dx", "0.016",
        "--output", path("p10.h5"))
with h5py.File(path("p10.h5"), "r") as f:
    a = f["transport/signal"].attrs
    if not (a["T_c_status"].startswith("not found") and math.isnan(a["T_c_shock"])
            and "warning: T_c(0)" in r.stderr and len(f["transport/signal/shock/t"]) > 0):
        fail(f"P = 10: the missing arrival is not reported as documented: {a['T_c_status']}")

check.finish("transport checks passed")

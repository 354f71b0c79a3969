"""transport end to end (issue 19): the documented layout (docs/hdf5-schema.md, "Transport
files"); m(T, h) in [-1, 1], non-decreasing in h and >= 0 for h >= 0; the scheme's m converges to
Hopf's formula at its design order away from the shocks (error ratio above 2^1.5 when dx halves);
T_M(0) from the caustic equals the closed form to 1e-8 and T_c(0) from the shock equals it within
twice the file's own error estimate (itself below 1e-3 relative); the finite-N curves satisfy
<m^2> >= <|m|>^2 and their gap to the N -> infinity curve shrinks like 1/N (the ratio of gaps at
successive sizes tends to 2, its distance from 2 shrinking at least like 1/N); for P = 2 the heat
equation reproduces the binomial sum to 1e-10 (the issue's target) and its <m^2> within the bound
that the A error implies through the stencil; --convention G scales T and h by P!; bad input exits
2 naming the option and leaves no file. /transport/load (P = 4, two loads): T_M and T_c by the
transport route equal the RS solver's lines to 1e-6 relative (the issue's figure), and on the T
grid f, m, q of the retrieval characteristic equal the solver's (f to 1e-6 relative, m and q to
1e-6) where, and only where, the solver has a stable retrieval state; at P = 2 the group says it
was skipped. /transport/glauber: m0*(T) in (0, 1), increasing with T (m0* ~ ((P-1)! T)^(1/(P-2))
-> 0 as T -> 0, glauber-flow.md section 5), NaN from T_M(0) up; m(t) from a cue above m0* rises
monotonically to the retrieval fixed point and from a cue below it decays, for both rates; in
convention G alpha, T, the lines and f scale by P!.
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
                   (small(sections="shock"), "--sections"), (small(variant="diagonal"), "variant"),
                   (small(alpha_list="-0.01"), "--alpha-list"), (small(alpha_list="nan"), "--alpha-list"),
                   (small(cues="0.5,1.5"), "--cues"), (small(flow_t="0"), "--flow-t"),
                   (small(sweeps="0"), "--sweeps")):
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

# /transport/load and /transport/glauber at P = 4 (distinct): two loads, one well inside retrieval
# and one near the RS capacity 0.033 (transport-load.md section 6)
run("--p", "4", "--sections", "load,glauber", "--t-grid", "0.01:0.09:0.01", "--alpha-list",
    "0.005,0.025", "--flow-t", "0.033,0.066", "--output", path("p4.h5"))
with h5py.File(path("p4.h5"), "r") as f:
    if list(f["transport"].attrs["sections"]) != ["load", "glauber"]:
        fail(f"P = 4: sections attribute {f['transport'].attrs['sections']}")
    lo, gl = f["transport/load"], f["transport/glauber"]
    if lo.attrs.get("dhn_type") != "transport_load" or gl.attrs.get("dhn_type") != "transport_glauber":
        fail("load or glauber group mistagged")
    na, nT = len(lo["alpha"]), len(lo["T"])
    if lo.attrs["status"] != "computed" or na != 2 or nT != 9:
        fail(f"load: status {lo.attrs['status']}, {na} loads, {nT} temperatures")
    for name in ("T_M_transport", "T_M_rs", "T_c_transport", "T_c_rs"):
        if lo[name].shape != (na,):
            fail(f"load/{name} has shape {lo[name].shape}")
    for name in ("f", "m", "q", "f_rs", "m_rs", "q_rs"):
        if lo[name].shape != (na, nT):
            fail(f"load/{name} has shape {lo[name].shape}")
    for line in ("T_M", "T_c"):
        status = list(lo.attrs[f"{line}_transport_status"]), list(lo.attrs[f"{line}_rs_status"])
        if status[0] != ["found"] * na or status[1] != ["found"] * na:
            fail(f"load: {line} not found by both routes: {status}")
        transport, rs = lo[f"{line}_transport"][()], lo[f"{line}_rs"][()]
        if not np.all(np.abs(transport / rs - 1) < 1e-6):
            fail(f"load: {line} transport {transport} against RS {rs} beyond 1e-6 relative")
    if not np.all(lo["T_c_rs"][()] < lo["T_M_rs"][()]) or not np.all(np.diff(lo["T_M_rs"][()]) < 0):
        fail("load: T_c >= T_M, or T_M does not fall with the load")
    T, f_t, f_rs = lo["T"][()], lo["f"][()], lo["f_rs"][()]
    exists = ~np.isnan(f_rs)
    if not np.array_equal(exists, ~np.isnan(f_t)) or not np.array_equal(exists, ~np.isnan(lo["m"][()])):
        fail("load: the retrieval characteristic exists where the RS solver has no retrieval state, or not where it has")
    if not np.array_equal(exists, T[None, :] <= lo["T_M_rs"][()][:, None]) or exists.sum() < 6:
        fail("load: the retrieval state is not found exactly below T_M")
    if not (np.all(np.abs(f_t[exists] / f_rs[exists] - 1) < 1e-6)
            and np.all(np.abs(lo["m"][()] - lo["m_rs"][()])[exists] < 1e-6)
            and np.all(np.abs(lo["q"][()] - lo["q_rs"][()])[exists] < 1e-6)):
        fail("load: f, m or q of the transport route differ from the RS solver's beyond 1e-6")
    if not lo.attrs["max_relative_difference_f"] < 1e-6:
        fail(f"load: max_relative_difference_f {lo.attrs['max_relative_difference_f']}")

    T, m0, mr, status = gl["T"][()], gl["m_unstable"][()], gl["m_retrieval"][()], gl["basin_status"][()]
    T_M = gl.attrs["T_M"]
    # T_M(0) = max_m b(m)/atanh(m), b(m) = m^3/3! at P = 4: on a grid of step 1e-5 in m the
    # maximum is within about (1e-5)^2 of the true one
    grid = np.linspace(1e-5, 1 - 1e-5, 99999)
    if abs(np.max(grid**3 / 6 / np.arctanh(grid)) / T_M - 1) > 1e-8:
        fail(f"glauber: T_M(0) = {T_M} is not max b(m)/atanh(m)")
    below = T < T_M
    if not (np.array_equal(status, np.where(below, 0, 2)) and np.all(np.isnan(m0[~below]))):
        fail(f"glauber: basin status {status} against T_M(0) = {T_M}")
    if not (np.all((m0[below] > 0) & (m0[below] < mr[below]) & (mr[below] < 1))
            and np.all(np.diff(m0[below]) > 0)):
        fail(f"glauber: m0*(T) {m0[below]} not in (0, m_r) or not shrinking toward T -> 0")
    cues, t, nf = gl["cues"][()], gl["t"][()], len(gl["flow_T"])
    if list(cues) != [0.3, 0.5, 0.7] or t[0] != 0 or t[-1] != 20:
        fail(f"glauber: cues {cues} or times [{t[0]}, {t[-1]}] not the defaults")
    for rate in ("m_heat_bath", "m_metropolis"):
        m = gl[rate][()]
        if m.shape != (nf * len(cues), len(t)):
            fail(f"glauber/{rate} has shape {m.shape}")
            continue
        for i in range(nf):
            threshold, fixed = gl["flow_m_unstable"][i], gl["flow_m_retrieval"][i]
            for j, cue in enumerate(cues):
                curve = m[i * len(cues) + j]
                if curve[0] != cue:
                    fail(f"glauber/{rate}: curve {i},{j} does not start at its cue")
                elif cue > threshold + 0.05:
                    if not (np.all(np.diff(curve) >= -1e-12) and abs(curve[-1] - fixed) < 1e-3):
                        fail(f"glauber/{rate}: from m0 = {cue} > m0* = {threshold} m(t) does not rise to {fixed}")
                elif cue < threshold - 0.05:
                    if not (np.all(np.diff(curve) <= 1e-12) and curve[-1] < 0.5 * threshold):
                        fail(f"glauber/{rate}: from m0 = {cue} < m0* = {threshold} m(t) does not decay")

# convention G: alpha, T, T_M, T_c, f and the basin's temperatures scale by P! = 24, m and q do not
run("--p", "4", "--sections", "load,glauber", "--t-grid", "0.24,0.48", "--alpha-list", "0.12",
    "--flow-t", "0.792", "--sweeps", "2", "--convention", "G", "--output", path("p4_G.h5"))
run("--p", "4", "--sections", "load,glauber", "--t-grid", "0.01,0.02", "--alpha-list", "0.005",
    "--flow-t", "0.033", "--sweeps", "2", "--output", path("p4_B.h5"))
with h5py.File(path("p4_G.h5"), "r") as g, h5py.File(path("p4_B.h5"), "r") as b:
    for name in ("load/alpha", "load/T", "load/T_M_transport", "load/T_c_rs", "load/f", "glauber/T", "glauber/flow_T"):
        if not np.allclose(g[f"transport/{name}"][()], 24 * b[f"transport/{name}"][()], rtol=1e-12):
            fail(f"/transport/{name} in G is not 4! x B")
    for name in ("load/m", "load/q_rs", "glauber/m_unstable", "glauber/m_heat_bath"):
        if not np.allclose(g[f"transport/{name}"][()], b[f"transport/{name}"][()], rtol=1e-12):
            fail(f"/transport/{name} differs between conventions")
    if not np.isclose(g["transport/glauber"].attrs["T_M"], 24 * b["transport/glauber"].attrs["T_M"], rtol=1e-14):
        fail("glauber T_M in G is not 4! x B")

# P = 2: the load section is skipped with a note, the basin admits any cue below T = 1
r = run("--p", "2", "--sections", "load,glauber", "--t-grid", "0.5,0.9,1.2", "--output",
        path("p2_load.h5"))
with h5py.File(path("p2_load.h5"), "r") as f:
    lo, gl = f["transport/load"], f["transport/glauber"]
    if not (lo.attrs["status"].startswith("skipped") and "T" not in lo
            and "warning: /transport/load skipped" in r.stderr):
        fail(f"P = 2: the load section is not skipped as documented: {lo.attrs['status']}")
    if list(gl["basin_status"][()]) != [1, 1, 2] or list(gl["m_unstable"][()][:2]) != [0, 0]:
        fail(f"P = 2: basin status {gl['basin_status'][()]}, m0* {gl['m_unstable'][()]}")

check.finish("transport checks passed")

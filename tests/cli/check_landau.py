"""landau end to end: the documented layout (docs/hdf5-schema.md, "Landau files"); at alpha = 0
the file's f(m) is the P-spin Curie-Weiss function -m^P/P! - T s(m) (closed form); the file's h
is df/dm of its f (second-order central differences on the grid, within their truncation bound);
each minimum is where h turns from negative to positive; --convention G scales alpha, T, f, h by
P! (physics.md section 1); bad input exits 2 naming the option and leaves no file.
Usage: check_landau.py LANDAU WORKDIR"""
import math
import os
import sys

import h5py
import numpy as np
from cli_check import CliCheck

exe = sys.argv[1]
check = CliCheck(sys.argv[2], "landau")
path, failures = check.path, check.failures


def run(*args, expect=0):
    return check.run(exe, *args, "--quiet", expect=expect)


# layout, on the P = 3 point of the example (alpha = 0.14, T = 0.155)
run("--p", "3", "--alpha", "0.14", "--t", "0.155", "--output", path("p3.h5"))
with h5py.File(path("p3.h5"), "r") as f:
    for attr in ("dhn_type", "schema_version", "P", "variant", "convention", "levels", "alpha", "T",
                 "suite_version", "git_describe", "command_line", "created_utc", "threads"):
        if attr not in f.attrs:
            failures.append(f"root attribute {attr} missing")
    if f.attrs["dhn_type"] != "landau" or f["landau"].attrs["dhn_type"] != "landau_profile":
        failures.append("dhn_type tags wrong")
    for name in ("m", "f", "h", "q", "s", "residual", "minima/m", "minima/f", "minima/q",
                 "maxima/m", "maxima/f", "maxima/q"):
        if f"landau/{name}" not in f:
            failures.append(f"/landau/{name} missing")
    m, fm, h = f["landau/m"][()], f["landau/f"][()], f["landau/h"][()]
    if len(m) != 101 or not np.all(np.isfinite(fm)):
        failures.append("the default grid 0:1:0.01 is not solved everywhere")
    dm = m[1] - m[0]
    k = np.arange(2, len(m) - 3)  # interior points; m = 1 (h = inf) excluded
    derivative = (fm[k + 1] - fm[k - 1]) / (2 * dm)
    # the central difference errs by f3 dm^2 / 6 (f3 the third derivative, from the file's own
    # third difference; it grows like T / (1 - m^2)^2 towards m = 1, the mixing entropy), margin 2
    third = (fm[k + 2] - 2 * fm[k + 1] + 2 * fm[k - 1] - fm[k - 2]) / (2 * dm**3)
    bound = 2 * np.abs(third) * dm**2 / 6 + 1e-9
    if np.any(np.abs(derivative - h[k]) > bound):
        worst = np.argmax(np.abs(derivative - h[k]) / bound)
        failures.append(f"df/dm differs from h at m = {m[k][worst]} beyond the truncation bound")
    for m_min in f["landau/minima/m"][()]:
        k = np.searchsorted(m, m_min)
        if 0 < k < len(m) and not (h[k - 1] < 0 <= h[k] or abs(m_min) < 1e-12):
            failures.append(f"minimum at m = {m_min} is not where h turns positive")
    if not np.any(f["landau/minima/m"][()] > 0.5) or len(f["landau/maxima/m"][()]) != 1:
        failures.append("P = 3, alpha = 0.14, T = 0.155: expected a retrieval minimum and one barrier")

# alpha = 0: the closed form
T = 0.2
run("--p", "4", "--alpha", "0", "--t", str(T), "--m-grid", "-0.9:0.9:0.1", "--output", path("cw.h5"))
with h5py.File(path("cw.h5"), "r") as f:
    m, fm = f["landau/m"][()], f["landau/f"][()]
    s = math.log(2) - 0.5 * ((1 + m) * np.log1p(m) + (1 - m) * np.log1p(-m))
    if not np.allclose(fm, -m**4 / 24 - T * s, atol=1e-11, rtol=0):
        failures.append("alpha = 0 profile is not -m^4/24 - T s(m)")

# --n: the exact finite-N signal term and count of states. At alpha = 0 f_finite_n is the exact
# one-pattern profile -(T/N) ln[C(N, k) exp(-H/T)], H = -e_3(S)/N^2 with 6 e_3 = S^3 - 3NS + 2S
# (physics.md section 1), on the grid S = N m = -N + 2k; at alpha > 0 the same term is added to f
N, T = 48, 0.155
grid = ",".join(repr((2 * k - N) / N) for k in range(1, N))
run("--p", "3", "--alpha", "0", "--t", str(T), "--m-grid", grid, "--n", str(N), "--output", path("p3_n48_a0.h5"))
with h5py.File(path("p3_n48_a0.h5"), "r") as f:
    m, fn = f["landau/m"][()], f["landau/f_finite_n"][()]
    k, S = np.arange(1, N), np.arange(1, N) * 2.0 - N
    ln_count = np.array([math.lgamma(N + 1) - math.lgamma(j + 1) - math.lgamma(N - j + 1) for j in k])
    exact = (-(S**3 - 3 * N * S + 2 * S) / 6 / N**2 - T * ln_count) / N
    if f["landau"].attrs["finite_n"] != N or not np.allclose(fn, exact, rtol=0, atol=1e-12):
        failures.append("alpha = 0, N = 48: f_finite_n is not the exact one-pattern profile")
run("--p", "3", "--alpha", "0.14", "--t", str(T), "--n", str(N), "--m-grid", grid, "--output", path("p3_n48.h5"))
with h5py.File(path("p3_n48.h5"), "r") as f, h5py.File(path("p3_n48_a0.h5"), "r") as g:
    # the correction does not depend on alpha: the difference of the two files' corrections is 0
    shift = f["landau/f_finite_n"][()] - f["landau/f"][()] - (g["landau/f_finite_n"][()] - g["landau/f"][()])
    if not np.allclose(shift, 0.0, rtol=0, atol=1e-14):
        failures.append("the finite-N correction at alpha = 0.14 differs from the one at alpha = 0")

# convention G
run("--p", "3", "--alpha", str(0.14 * 6), "--t", str(0.155 * 6), "--convention", "G",
    "--output", path("p3_G.h5"))
with h5py.File(path("p3.h5"), "r") as b, h5py.File(path("p3_G.h5"), "r") as g:
    if g.attrs["convention"] != "G":
        failures.append("G file not labelled G")
    for name in ("f", "h"):
        x, y = b[f"landau/{name}"][()][:-1], g[f"landau/{name}"][()][:-1]
        if not np.allclose(y, 6 * x, rtol=1e-12, atol=1e-14):
            failures.append(f"/landau/{name} in G is not 3! x B")
    if not np.array_equal(b["landau/m"][()], g["landau/m"][()]):
        failures.append("m differs between conventions")

# --level 1rsb: the 1RSB parameters are written; below T_s (0.141 at alpha = 0.14) the m = 0 point
# is the frozen glass (rsb1 = 1, theta < 1), above T_s and T_AT the file equals the RS one
run("--p", "3", "--alpha", "0.14", "--t", "0.08", "--m-grid", "0,0.5", "--level", "1rsb", "--output", path("r1.h5"))
with h5py.File(path("r1.h5"), "r") as f:
    g = f["landau"]
    if f.attrs["levels"] != "1rsb" or not all(name in g for name in ("q1", "theta", "rsb1")):
        failures.append("1rsb file lacks its level attribute or /landau/q1, theta, rsb1")
    elif not (g["rsb1"][0] == 1 and 0 < g["theta"][0] < 1 and g["q1"][0] == 0 and g["q"][0] > 0.5):
        failures.append(f"1rsb at T = 0.08: m = 0 is not the frozen glass: theta {g['theta'][()]}, q {g['q'][()]}")
run("--p", "3", "--alpha", "0.14", "--t", "0.155", "--m-grid", "0,0.5,0.8", "--level", "1rsb", "--output", path("r2.h5"))
run("--p", "3", "--alpha", "0.14", "--t", "0.155", "--m-grid", "0,0.5,0.8", "--output", path("r2rs.h5"))
with h5py.File(path("r2.h5"), "r") as f, h5py.File(path("r2rs.h5"), "r") as g:
    if f["landau/rsb1"][()].any() or not np.array_equal(f["landau/f"][()], g["landau/f"][()]):
        failures.append("1rsb above T_s and T_AT differs from rs")

# bad input
for args, flag in ((["--alpha", "-1", "--t", "0.1"], "alpha"), (["--alpha", "0.1", "--t", "0"], "--t"),
                   (["--p", "2", "--alpha", "0.1", "--t", "0.3", "--level", "1rsb"], "--level"),
                   (["--alpha", "0.1", "--t", "0.1", "--m-grid", "0:1.5:0.5"], "--m-grid"),
                   (["--alpha", "0.1", "--t", "0.1", "--p", "1"], "--p")):
    r = run("--p", "3", *args, "--output", path("bad.h5"), expect=2) if "--p" not in args else \
        run(*args, "--output", path("bad.h5"), expect=2)
    if flag not in r.stderr:
        failures.append(f"{args}: message does not name {flag}: {r.stderr}")
    if os.path.exists(path("bad.h5")):
        failures.append(f"{args}: a file was left behind")
run("--p", "3", "--alpha", "0.1", "--t", "0.1", "--output", "/nonexistent-dir/l.h5", expect=2)

check.finish("landau checks passed")

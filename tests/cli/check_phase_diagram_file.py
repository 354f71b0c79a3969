"""phase-diagram end to end on a small P = 4 grid: the file has the documented layout, and its
lines agree with the grid (retrieval exists exactly below T_M)."""
import os
import subprocess
import sys

import h5py
import numpy as np

exe, workdir = sys.argv[1], sys.argv[2]
path = os.path.join(workdir, "small_pd.h5")
subprocess.run([exe, "--p", "4", "--alpha-grid", "0:0.03:0.01", "--t-grid", "0.01:0.08:0.01",
                "--threads", "2", "--quiet", "--output", path], check=True)
failures = []
with h5py.File(path, "r") as f:
    for attr in ("P", "variant", "convention", "levels", "suite_version", "git_describe",
                 "command_line", "created_utc"):
        if attr not in f.attrs:
            failures.append(f"root attribute {attr} missing")
    if int(f.attrs["P"]) != 4:
        failures.append("P attribute is not 4")
    alpha, T = f["grid/alpha"][()], f["grid/T"][()]
    if alpha.shape != (4,) or T.shape != (8,):
        failures.append(f"grid shapes {alpha.shape} {T.shape}")
    for name in ("rs/retrieval/m", "rs/retrieval/q", "rs/retrieval/f", "rs/glass/q", "rs/glass/f",
                 "rs/paramagnet/f", "rs/phase"):
        if f[name].shape != (4, 8):
            failures.append(f"{name} has shape {f[name].shape}")
    T_M = f["rs/lines/T_M"][()]
    m = f["rs/retrieval/m"][()]
    for i in range(4):
        exists = ~np.isnan(m[i])
        expected = T < T_M[i]
        if not np.array_equal(exists, expected):
            failures.append(f"alpha={alpha[i]}: retrieval exists at {T[exists]} but T_M = {T_M[i]}")
    cap = f["rs/capacity"].attrs
    if not (0.0329 < cap["alpha_spinodal"] < 0.0331):
        failures.append(f"alpha_spinodal {cap['alpha_spinodal']}")
# Convention G at the edge only: the same diagram with alpha and T given in G units (x 4! = 24)
# must hold the B lines and free energies times 24 and identical m (physics.md section 1).
path_g = os.path.join(workdir, "small_pd_G.h5")
subprocess.run([exe, "--p", "4", "--convention", "G", "--alpha-grid", "0,0.24,0.48,0.72",
                "--t-grid", ",".join(f"{24 * 0.01 * k:.2f}" for k in range(1, 9)),
                "--threads", "2", "--quiet", "--output", path_g], check=True)
with h5py.File(path, "r") as fb, h5py.File(path_g, "r") as fg:
    if fg.attrs["convention"] != "G":
        failures.append("convention attribute is not G")
    for name, factor in (("grid/alpha", 24), ("grid/T", 24), ("rs/lines/T_M", 24), ("rs/lines/T_c", 24),
                         ("rs/retrieval/f", 24), ("rs/retrieval/m", 1)):
        if not np.allclose(fg[name][()], factor * fb[name][()], rtol=1e-9, equal_nan=True):
            failures.append(f"{name} in G is not {factor} x B")
    if not np.isclose(fg["rs/capacity"].attrs["alpha_spinodal"], 24 * fb["rs/capacity"].attrs["alpha_spinodal"]):
        failures.append("capacity in G is not 24 x B")
# --level rs,1rsb adds the 1RSB glass lines, which scale as sqrt(alpha) and lie above the
# paramagnet's entropy crisis (the REM bound T_s >= sqrt(xihat(1)/(2 ln 2))).
path_1 = os.path.join(workdir, "small_pd_1rsb.h5")
subprocess.run([exe, "--p", "4", "--level", "rs,1rsb", "--alpha-grid", "0.005,0.01,0.02,0.03", "--t-grid", "0.005,0.01,0.02",
                "--quiet", "--output", path_1], check=True)
with h5py.File(path_1, "r") as f1:
    if f1.attrs["levels"] != "rs,1rsb":
        failures.append(f"levels attribute {f1.attrs['levels']}")
    a = f1["grid/alpha"][()]
    Ts, Td = f1["rsb1/lines/T_s"][()], f1["rsb1/lines/T_d"][()]
    if not np.allclose(Ts / np.sqrt(a), Ts[0] / np.sqrt(a[0]), rtol=1e-8):
        failures.append(f"T_s does not scale as sqrt(alpha): {Ts}")
    if not np.all(Td > Ts) or not np.all(Ts > f1["rs/lines/T_entropy_zero"][()]):
        failures.append("expected T_d > T_s > T_entropy_zero")
    # Against the 1RSB glass, T_c coincides with the RS T_c wherever the RS competitor is the
    # (positive-entropy) paramagnet, i.e. above both T_s and T_entropy_zero.
    Tc1, Tc = f1["rsb1/lines/T_c"][()][:3], f1["rs/lines/T_c"][()][:3]
    if not np.allclose(Tc1, Tc, rtol=1e-9):
        failures.append(f"1RSB T_c {Tc1} differs from RS T_c {Tc} at small alpha")
    # 1RSB regions: the frozen glass free energy lies above the paramagnet's (replica rule), and
    # without retrieval the phase is spin glass exactly where the glass is frozen (T < T_s).
    ph1, m0f, theta = f1["rsb1/phase"][()], f1["rsb1/m0_f"][()], f1["rsb1/glass/theta"][()]
    Tg = f1["grid/T"][()]
    para = -Tg * np.log(2) - 0.5 * (a[:, None] / 24) / Tg
    frozen = ~np.isnan(theta)
    if np.any(m0f[frozen] < para[frozen] - 1e-12):
        failures.append("frozen 1RSB glass below the paramagnet free energy")
    if np.any(frozen & (Tg[None, :] >= Ts[:, None])):
        failures.append("frozen glass above T_s")
    TM1, TM, TAT = f1["rsb1/lines/T_M"][()], f1["rs/lines/T_M"][()], f1["rs/lines/T_AT"][()]
    stable_fold = np.isnan(TAT) | (TAT < TM)
    if not np.allclose(TM1[stable_fold], TM[stable_fold]) or not np.all(np.isnan(TM1[~stable_fold])):
        failures.append("1RSB T_M is not the AT-stable RS fold")
    # 1RSB retrieval: the RS solution copied where it is AT-stable (theta NaN, q1 = q2), the broken
    # state below T_AT (alpha = 0.03, T = 0.005 < T_AT ~ 0.0105): 0 < theta < 1, q1 < q2,
    # stationary to 1e-9, its free energy not below the unstable RS one (Guerra's bound).
    r1 = {k: f1["rsb1/retrieval/" + k][()] for k in ("m", "q1", "q2", "theta", "f", "residual")}
    rs_m, rs_f = f1["rs/retrieval/m"][()], f1["rs/retrieval/f"][()]
    copied = np.isnan(r1["theta"]) & ~np.isnan(r1["m"])
    broken = ~np.isnan(r1["theta"])
    if not (np.array_equal(r1["m"][copied], rs_m[copied]) and np.array_equal(r1["f"][copied], rs_f[copied])
            and np.array_equal(r1["q1"][copied], r1["q2"][copied])):
        failures.append("RS-stable retrieval points are not the RS solution")
    if not broken[3, 0] or np.any(broken[:3, :]):
        failures.append(f"replica symmetry broken at the wrong points: {broken}")
    below_at = Tg[None, :] < TAT[:, None]
    if np.any(broken & ~below_at) or np.any(copied & below_at):
        failures.append("1RSB retrieval inconsistent with T_AT")
    th, q1, q2 = r1["theta"][broken], r1["q1"][broken], r1["q2"][broken]
    if not (np.all((th > 0) & (th < 1)) and np.all(q1 < q2) and np.all(r1["residual"][broken] < 1e-9)):
        failures.append("broken retrieval states out of range or not stationary")
    if np.any(r1["f"][broken] <= rs_f[broken]):
        failures.append("1RSB retrieval free energy below the RS one")
    if "T_AT" not in f1["rs/lines"]:
        failures.append("/rs/lines/T_AT missing")
leftovers = [n for n in os.listdir(workdir) if n.startswith("small_pd.h5.")]
if leftovers:
    failures.append(f"temporary files left: {leftovers}")
print("\n".join(failures) if failures else "phase-diagram file checks passed")
sys.exit(1 if failures else 0)

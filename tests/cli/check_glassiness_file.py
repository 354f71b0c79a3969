"""glassiness end to end: for P = 2 the file holds the documented /glassiness datasets, the hard,
soft and coupling parts add up to the network's free energy, SK's independently solved overlap is
the network's, and the glass sets in at T_g = 1 + sqrt(alpha) (AGS 1987) exactly where T_hard = 1;
for P = 3 the network's m = 0 free energy is sqrt(2 alpha/3!) times the Ising 3-spin glass's at
RS and 1RSB, whose static temperature is Gardner's 0.651 (physics.md section 7)."""
import os
import subprocess
import sys

import h5py
import numpy as np

exe, workdir = sys.argv[1], sys.argv[2]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


alpha = 0.1
path = os.path.join(workdir, "glassiness_p2.h5")
subprocess.run([exe, "--p", "2", "--alpha", str(alpha), "--t-grid", "0.05:1.6:0.05", "--quiet",
                "--output", path], check=True)
with h5py.File(path, "r") as f:
    for attr in ("dhn_type", "schema_version", "P", "variant", "convention", "levels", "alpha",
                 "suite_version", "git_describe", "command_line", "created_utc", "threads"):
        check(attr in f.attrs, f"root attribute {attr} missing")
    check(f.attrs["dhn_type"] == "glassiness", f"root dhn_type {f.attrs['dhn_type']}")
    g = f["glassiness"]
    check(g.attrs["dhn_type"] == "glassiness_curves", "group dhn_type")
    check(int(g.attrs["schema_version"]) == 1, "group schema_version")
    names = ("T", "q", "f_network", "f_hard", "f_soft", "f_coupling", "T_hard", "q_hard", "f_sk",
             "p", "residual")
    for name in names:
        check(name in g and g[name].shape == (32,), f"/glassiness/{name} missing or misshapen")
        check(name not in g or "units" in g[name].attrs, f"/glassiness/{name} has no units")
    T, q = g["T"][()], g["q"][()]
    fn, fh, fs, fc = (g[n][()] for n in ("f_network", "f_hard", "f_soft", "f_coupling"))
    check(np.allclose(fn, fh + fs + fc, rtol=0, atol=1e-10), "f_network != f_hard + f_soft + f_coupling")
    check(np.allclose(g["q_hard"][()], q, rtol=0, atol=1e-8), "SK's q is not the network's")
    check(np.all(g["residual"][()] < 1e-12), "residuals above 1e-12")
    # The soft part recomputed here from q alone: -alpha T (-ln(D)/2 + beta q/(2D)).
    beta = 1.0 / T
    D = 1.0 - beta * (1.0 - q)
    check(np.allclose(fs, -alpha * T * (-0.5 * np.log(D) + 0.5 * beta * q / D), rtol=1e-12),
          "f_soft differs from its closed form")
    T_g = 1.0 + np.sqrt(alpha)
    away = np.abs(T - T_g) > 1e-3
    check(np.array_equal((q > 1e-6)[away], (T < T_g)[away]), f"glass is not exactly T < T_g: q = {q}")
    check(np.array_equal((g["T_hard"][()] < 1.0)[away], (T < T_g)[away]), "T_hard = 1 is not at T_g")
    check(np.allclose(g["f_sk"][()], fh * g["T_hard"][()] / T, rtol=1e-12), "f_sk != f_hard T_hard/T")

path3 = os.path.join(workdir, "glassiness_p3.h5")
alpha3 = 0.05
subprocess.run([exe, "--p", "3", "--alpha", str(alpha3), "--level", "rs,1rsb", "--t-grid",
                "0.02:0.2:0.02", "--quiet", "--output", path3], check=True)
with h5py.File(path3, "r") as f:
    check(f.attrs["levels"] == "rs,1rsb", "levels attribute")
    g = f["glassiness"]
    scale = np.sqrt(2 * alpha3 / 6)
    check(np.isclose(g.attrs["scale"], scale, rtol=1e-14), "scale attribute")
    T = g["T"][()]
    check(np.allclose(g["T_ising"][()], T / scale, rtol=1e-14), "T_ising != T/scale")
    check(np.allclose(g["f_network"][()], scale * g["f_ising"][()], rtol=1e-8, equal_nan=True),
          "RS: f_network != scale f_ising")
    r = g["rsb1"]
    check(np.all(np.isfinite(r["f_network"][()])), "1RSB f_network has NaN")
    check(np.allclose(r["f_network"][()], scale * r["f_ising"][()], rtol=1e-8), "1RSB: f_network != scale f_ising")
    check(abs(r.attrs["T_s_ising"] - 0.651) < 1e-3, f"Ising p = 3 T_s {r.attrs['T_s_ising']}")
    check(np.isclose(r.attrs["T_s"], scale * r.attrs["T_s_ising"], rtol=1e-8), "T_s != scale T_s_ising")
    frozen = ~np.isnan(r["theta"][()])
    check(np.array_equal(frozen, T < r.attrs["T_s"]), "frozen exactly below T_s")

leftovers = [n for n in os.listdir(workdir) if n.startswith("glassiness_p2.h5.")]
check(not leftovers, f"temporary files left: {leftovers}")
print("\n".join(failures) if failures else "glassiness file checks passed")
sys.exit(1 if failures else 0)

"""capacity --json: documented keys, the Hopfield reference value, and G = P! x B capacities."""
import json
import math
import subprocess
import sys

exe = sys.argv[1]


def run(*args):
    out = subprocess.run([exe, *args, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


failures = []
for P in (2, 3, 4, 6):
    b = run("--p", str(P), "--level", "rs")
    g = run("--p", str(P), "--level", "rs", "--convention", "G")
    for key in ("P", "level", "variant", "convention", "alpha_spinodal", "m_spinodal", "alpha_global"):
        if key not in b:
            failures.append(f"P={P}: key {key} missing")
    if b["convention"] != "B" or g["convention"] != "G":
        failures.append(f"P={P}: convention field wrong")
    # physics.md section 1: alpha_G = P! alpha_B; m is convention-free.
    for key in ("alpha_spinodal", "alpha_global"):
        if not math.isclose(g[key], math.factorial(P) * b[key], rel_tol=1e-12):
            failures.append(f"P={P}: {key} G={g[key]} is not P! x B={b[key]}")
    if not math.isclose(g["m_spinodal"], b["m_spinodal"], rel_tol=1e-14):
        failures.append(f"P={P}: m_spinodal differs between conventions")
hop = run("--p", "2")
# AGS 1987 / Steffan-Kuehn 1994: alpha_c = 0.137905 at m = 0.9674.
if abs(hop["alpha_spinodal"] - 0.137905) > 2e-5:
    failures.append(f"P=2 alpha_spinodal {hop['alpha_spinodal']}")
# 1RSB level: the same keys plus q1 and mu at the spinodal; G converts alpha by P! and mu by 1/P!.
b1 = run("--p", "4", "--level", "1rsb")
g1 = run("--p", "4", "--level", "1rsb", "--convention", "G")
for key in ("alpha_spinodal", "m_spinodal", "alpha_global", "q1", "mu"):
    if key not in b1:
        failures.append(f"1rsb: key {key} missing")
if not math.isclose(g1["alpha_spinodal"], 24 * b1["alpha_spinodal"], rel_tol=1e-12):
    failures.append("1rsb alpha_spinodal G is not 24 x B")
if not math.isclose(g1["mu"], b1["mu"] / 24, rel_tol=1e-12):
    failures.append("1rsb mu G is not B / 24")
if not b1["alpha_spinodal"] > run("--p", "4")["alpha_spinodal"]:
    failures.append("1rsb capacity is not above RS")
# P = 2 at 1RSB: Steffan-Kuehn 1994, 0.138186.
h1 = run("--p", "2", "--level", "1rsb")
if abs(h1["alpha_spinodal"] - 0.138186) > 5e-6:
    failures.append(f"P=2 1rsb alpha_spinodal {h1['alpha_spinodal']}")
print("\n".join(failures) if failures else "capacity JSON checks passed")
sys.exit(1 if failures else 0)

"""The options every program shares (apps/common), tested where they were added (issue 14):
capacity --output writes the JSON's values to HDF5 (and converts to G there too); mc and
glassiness take --convention G for their inputs (alpha_G = P! alpha_B, T_G = P! T_B, physics.md
section 1) and then run exactly the convention-B run: every dataset byte-identical (the values
below are chosen so that the division by P! is exact in binary); glassiness refuses the full
variant naming --variant.
Usage: check_conventions.py CAPACITY MC GLASSINESS WORKDIR"""
import json
import math
import os
import sys

import h5py
from cli_check import CliCheck

capacity, mc, glassiness = sys.argv[1:4]
check = CliCheck(sys.argv[4], "conventions")
path, run, failures = check.path, check.run, check.failures


def datasets(name):
    out = {}
    with h5py.File(name, "r") as f:
        f.visititems(lambda key, obj: out.__setitem__(key, obj[()].tobytes())
                     if isinstance(obj, h5py.Dataset) else None)
    return out


def same_datasets(a, b, what):
    da, db = datasets(a), datasets(b)
    if not da:
        failures.append(f"{what}: no datasets")
    if da.keys() != db.keys():
        failures.append(f"{what}: dataset names differ: {sorted(da.keys() ^ db.keys())}")
    differing = [k for k in da if k in db and da[k] != db[k]]
    if differing:
        failures.append(f"{what}: datasets differ: {differing}")


# capacity --output: the file holds what --json prints, in the requested convention
for P, level, convention in ((4, "rs", "B"), (4, "rs", "G"), (3, "1rsb", "B"), (3, "1rsb", "G")):
    name = path(f"capacity_{P}_{level}_{convention}.h5")
    printed = json.loads(run(capacity, "--p", str(P), "--level", level, "--convention", convention,
                             "--json", "--output", name, "--quiet").stdout)
    with h5py.File(name, "r") as f:
        if f.attrs["dhn_type"] != "capacity" or f.attrs["convention"] != convention:
            failures.append(f"{name}: root attributes {dict(f.attrs)}")
        if f.attrs["P"] != P or f.attrs["level"] != level or f.attrs["variant"] != "distinct":
            failures.append(f"{name}: P, level or variant attribute wrong")
        group = f["capacity"]
        keys = ["alpha_spinodal", "m_spinodal", "alpha_global", "m_global"]
        keys += ["q1", "mu"] if level == "1rsb" else []
        for key in keys:
            if not group.attrs[key] == printed[key]:
                failures.append(f"{name}: {key} = {group.attrs[key]}, JSON {printed[key]}")
with h5py.File(path("capacity_4_rs_B.h5"), "r") as b, h5py.File(path("capacity_4_rs_G.h5"), "r") as g:
    if not math.isclose(g["capacity"].attrs["alpha_spinodal"],
                        24 * b["capacity"].attrs["alpha_spinodal"], rel_tol=1e-14):
        failures.append("capacity file: alpha_spinodal in G is not 4! x B")
run(capacity, "--p", "4", "--output", "/nonexistent-dir/c.h5", expect=2)

# mc: --convention G inputs (alpha 0.75 = 3! x 0.125, T = 3! x {0.125, 0.25}) run the B run
MC = ["--p", "3", "--n", "16", "--replicas", "2", "--samples", "2", "--therm", "5",
      "--sweeps", "40", "--seed", "9", "--quiet"]
run(mc, *MC, "--alpha", "0.125", "--temps", "0.125,0.25", "--output", path("mc_B.h5"))
run(mc, *MC, "--alpha", "0.75", "--temps", "0.75,1.5", "--convention", "G",
    "--output", path("mc_G.h5"))
same_datasets(path("mc_B.h5"), path("mc_G.h5"), "mc --convention G")
with h5py.File(path("mc_G.h5"), "r") as f:
    if f.attrs["convention"] != "B":
        failures.append("mc file written with --convention G is not labelled convention B")

# glassiness: --convention G inputs (P = 2: alpha 0.6 = 2! x 0.3, T = 2! x {0.5, 0.6})
run(glassiness, "--p", "2", "--alpha", "0.3", "--t-grid", "0.5,0.6", "--quiet",
    "--output", path("gl_B.h5"))
run(glassiness, "--p", "2", "--alpha", "0.6", "--t-grid", "1,1.2", "--convention", "G",
    "--quiet", "--output", path("gl_G.h5"))
same_datasets(path("gl_B.h5"), path("gl_G.h5"), "glassiness --convention G")
r = run(glassiness, "--p", "3", "--alpha", "0.1", "--variant", "full", "--output",
        path("gl_full.h5"), expect=2)
if "--variant" not in r.stderr or os.path.exists(path("gl_full.h5")):
    failures.append(f"glassiness --variant full: {r.stderr}")

check.finish("shared-option checks passed")

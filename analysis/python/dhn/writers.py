"""Writers for the files the Python side makes: capacity tables and cross-check results.

Layouts are those of docs/hdf5-schema.md (schema_version 1), read back by dhn.readers
(load_capacity_table, load_crosscheck). Like the C++ writers: every group is tagged with
`dhn_type` and `schema_version`; results are datasets, provenance is attributes (so that two runs
of the same inputs have byte-identical datasets, dhn.readers.dataset_bytes); every file is written
into `<path>.tmp.<pid>` in the same folder and renamed onto path, so a failed run leaves no file
and never a half-written one.
"""
import json
import os

import h5py
import numpy as np

from . import SCHEMA_VERSION, jobs
from .readers import CAPACITY_COLUMNS, capacity_table


def atomic_h5(path, write):
    """Write an HDF5 file through write(f) into `<path>.tmp.<pid>` in the same folder, then rename
    it onto path (docs/hdf5-schema.md: a failed run leaves no file and never a half-written one)."""
    temporary = f"{os.path.abspath(path)}.tmp.{os.getpid()}"
    try:
        with h5py.File(temporary, "w") as f:
            write(f)
        jobs.sync_and_replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def tag(obj, dhn_type):
    """Set the format tag (dhn_type, schema_version) of a file or group."""
    obj.attrs.update(dhn_type=dhn_type, schema_version=np.int32(SCHEMA_VERSION))


def tagged_group(parent, name, dhn_type, **attrs):
    """A new group under parent, tagged, with the given attributes."""
    g = parent.create_group(name)
    tag(g, dhn_type)
    g.attrs.update(attrs)
    return g


def write_capacity_table(path, rows, provenance=None):
    """Write `capacity --json` rows to an HDF5 capacity table (dhn_type "capacity_table"):
    one 1-D dataset per column under /capacity, the raw JSON lines in /capacity/json and the
    provenance dict (command lines, program, created_utc, ...) as root attributes."""
    table = capacity_table(rows)
    string = h5py.string_dtype()

    def write(f):
        f.attrs.update(dhn_type="capacity_table", schema_version=np.int32(SCHEMA_VERSION))
        for key, value in (provenance or {}).items():
            f.attrs[key] = value
        g = f.create_group("capacity")
        g.attrs.update(dhn_type="capacity_rows", schema_version=np.int32(SCHEMA_VERSION))
        for name, kind, units, description in CAPACITY_COLUMNS:
            if kind is object:
                g.create_dataset(name, data=np.array(table[name], dtype=object), dtype=string)
            else:
                g[name] = table[name].astype(kind)
            g[name].attrs.update(units=units, description=description)
        g.create_dataset("json", data=np.array([json.dumps(r, sort_keys=True) for r in rows], dtype=object),
                         dtype=string)
        g["json"].attrs.update(units="1", description="the program's JSON output, one object per row")
    atomic_h5(path, write)


# ----------------------------------------------------------------------------- cross-check results


def _float(value):
    """None as NaN (the HDF5 layout has no None)."""
    return np.nan if value is None else float(value)


def _extrapolation(parent, name, fit, omega):
    """An extrapolation x_inf + slope N^-omega (dhn.fss.Extrapolation) as scalar datasets of a
    group tagged "extrapolation"; nothing when fit is None (too few sizes)."""
    if fit is None:
        return
    g = tagged_group(parent, name, "extrapolation", omega=float(omega))
    for key in ("x_inf", "error", "slope", "slope_error", "chi2_dof"):
        g[key] = np.float64(getattr(fit, key))


def _half_points(parent, name, rows, x_key, **attrs):
    """One half-point series (a T_M load or a capacity threshold): per size N the grid, the
    retrieval probability and both half-point estimators, plus the extrapolations."""
    g = tagged_group(parent, name, "crosscheck_half_points", **attrs)
    g["N"] = np.array([r["N"] for r in rows], dtype=np.int32)
    g["samples"] = np.array([r["samples"] for r in rows], dtype=np.int32)
    if "K" in rows[0]:
        g["K"] = np.array([r["K"] for r in rows], dtype=np.int64)
    g["x"] = np.array([r[x_key] for r in rows], dtype=float)
    g["p"] = np.array([r["p"] for r in rows], dtype=float)
    for method in ("logistic", "linear"):
        h = tagged_group(g, method, "half_point_estimates")
        for key in ("x", "error", "found_fraction", "chi2_dof"):
            h[key] = np.array([getattr(r[method], key) for r in rows], dtype=float)
    return g


def _crosscheck_half_point_groups(f, tm, cap, omega):
    """/T_M/p{P}_a{alpha} and /capacity/p{P}_m{threshold}: half points, fits, crossings."""
    group = tagged_group(f, "T_M", "crosscheck_tm")
    for (P, alpha), result in tm.items():
        g = _half_points(group, f"p{P}_a{alpha:g}", result["rows"], "T", P=np.int32(P), alpha=float(alpha))
        for name, w in (("fit", omega), ("fit_1n", 1.0), ("two_terms", omega)):
            _extrapolation(g, name, result[name], w)
    group = tagged_group(f, "capacity", "crosscheck_capacity")
    for (P, threshold), result in cap.items():
        g = _half_points(group, f"p{P}_m{threshold:g}", result["rows"], "alpha", P=np.int32(P),
                         threshold=float(threshold))
        for name, w in (("fit", omega), ("fit_1n", 1.0), ("two_terms", omega), ("pair_fit", 1.0)):
            _extrapolation(g, name, result[name], w)
        pairs = tagged_group(g, "crossings", "size_crossings")
        pairs["N1"] = np.array([a for a, _, _ in result["pairs"]], dtype=np.int32)
        pairs["N2"] = np.array([b for _, b, _ in result["pairs"]], dtype=np.int32)
        for key in ("x", "error", "found_fraction"):
            pairs[key] = np.array([getattr(c, key) for _, _, c in result["pairs"]], dtype=float)


def _crosscheck_theory(f, th):
    """/theory/T_M (one row per load) and /theory/capacity (one row per P)."""
    theory = tagged_group(f, "theory", "crosscheck_theory")
    g = tagged_group(theory, "T_M", "crosscheck_theory_tm")
    keys = list(th["T_M"])
    g["P"] = np.array([P for P, _ in keys], dtype=np.int32)
    g["alpha"] = np.array([a for _, a in keys], dtype=float)
    for name in ("rs", "rs_program", "rsb1", "T_AT"):
        g[name] = np.array([_float(th["T_M"][k][name]) for k in keys])
    g = tagged_group(theory, "capacity", "crosscheck_theory_capacity")
    Ps = list(th["capacity"])
    thresholds = list(next(iter(th["capacity"].values()))["thresholds"])
    g["P"] = np.array(Ps, dtype=np.int32)
    for name in ("rs_t0", "rs_t0_m", "rsb1_t0", "rsb1_t0_m", "rs_t0_reference", "rsb1_t0_reference", "rs_T",
                 "rs_T_m"):
        g[name] = np.array([_float(th["capacity"][P].get(name)) for P in Ps])
    g["threshold"] = np.array(thresholds, dtype=float)
    for level in ("rs", "rsb1"):
        g[f"threshold_{level}"] = np.array([[_float(th["capacity"][P]["thresholds"][t][level]) for t in thresholds]
                                            for P in Ps])


def _crosscheck_split_and_branch(f, split, branch):
    """/split/p{P} (gap fractions, histograms) and /branch/p{P} (mean m below the capacity)."""
    group = tagged_group(f, "split", "crosscheck_split")
    for P, d in split.items():
        g = tagged_group(group, f"p{P}", "split_diagnostic", P=np.int32(P), gap_low=float(d["gap"][0]),
                         gap_high=float(d["gap"][1]), histogram_N=np.int32(d["histogram_N"]))
        g["N"] = np.array([s["N"] for s in d["per_size"]], dtype=np.int32)
        g["max_gap"] = np.array([s["max_gap"] for s in d["per_size"]], dtype=float)
        g["max_gap_alpha"] = np.array([s["alpha"] for s in d["per_size"]], dtype=float)
        g["fractions"] = np.array([s["fractions"] for s in d["per_size"]], dtype=float)
        g["alpha"] = np.array(d["alpha"], dtype=float)
        g["edges"] = np.array(d["edges"], dtype=float)
        g["counts"] = np.array(d["counts"], dtype=np.int64)
    group = tagged_group(f, "branch", "crosscheck_branch")
    for P, rows in branch.items():
        g = tagged_group(group, f"p{P}", "retrieval_branch", P=np.int32(P))
        g["alpha"] = np.array([r["alpha"] for r in rows], dtype=float)
        g["rs"] = np.array([_float(r["rs"]) for r in rows])
        g["rsb1"] = np.array([_float(r["rsb1"]) for r in rows])
        g["N"] = np.array(rows[0]["N"] if rows else [], dtype=np.int32)
        g["mean"] = np.array([r["mean"] for r in rows], dtype=float).reshape(len(rows), g["N"].size)
        g["error"] = np.array([r["error"] for r in rows], dtype=float).reshape(len(rows), g["N"].size)
        fit = tagged_group(g, "fit", "extrapolations", omega=1.0)
        for key in ("x_inf", "error", "slope", "slope_error", "chi2_dof"):
            fit[key] = np.array([getattr(r["fit"], key) for r in rows], dtype=float)


def write_crosscheck(path, th, tm, cap, split, branch, parameters, provenance):
    """Write the cross-check's results (dhn.crosscheck: theory_values, tm_analysis,
    capacity_analysis, branch_analysis) to an HDF5 file of dhn_type "crosscheck"
    (docs/hdf5-schema.md, "Cross-check results"). parameters: size, omega, tm_threshold,
    capacity_T, n_boot and runs (the run counts of the size, a dict stored as JSON); provenance:
    command, created_utc, wall_s, jobs_run, jobs_kept. Both become root attributes."""
    def write(f):
        tag(f, "crosscheck")
        for key, value in {**parameters, **provenance}.items():
            f.attrs[key] = json.dumps(value, sort_keys=True) if isinstance(value, dict) else value
        _crosscheck_theory(f, th)
        _crosscheck_half_point_groups(f, tm, cap, parameters["omega"])
        _crosscheck_split_and_branch(f, split, branch)
    atomic_h5(path, write)

#!/usr/bin/python3
"""Compares two mc results files (or two checkpoints): every group and dataset must exist in both,
every dataset must have the same dtype, shape and bytes, and every attribute of every object (the
file's root, each group, each dataset) the same value, except the attributes that record how and
when a file was made rather than what it holds (docs/hdf5-schema.md, "Comparing results files"):
  root:     suite_version, git_describe, command_line, created_utc, threads, mpi_ranks (provenance)
  /mc/meta: wall_seconds, resumes, checkpoints, backend                        (bookkeeping)
  checkpoints: /meta as /mc/meta; /state's digest (of the state and that bookkeeping), and
  /mc/state's in a part
Prints the backends and the differences; exits 1 when any, 0 otherwise.
Usage: compare_mc_files.py A.h5 B.h5"""
import sys

import h5py
import numpy as np

BOOKKEEPING = {"wall_seconds", "resumes", "checkpoints", "backend"}
EXEMPT = {
    "/": {"suite_version", "git_describe", "command_line", "created_utc", "threads", "mpi_ranks"},
    "/mc/meta": BOOKKEEPING,
    "/meta": BOOKKEEPING,
    "/state": {"digest"},
    "/mc/state": {"digest"},
}


def value_bytes(value):
    """dtype, shape and bytes of a dataset's or attribute's value; strings (fixed or variable
    length, which h5py returns as str, bytes or object arrays) by their contents."""
    data = np.asarray(value)
    if data.dtype == object or data.dtype.kind in "SU":
        items = [v if isinstance(v, bytes) else str(v).encode() for v in data.ravel()]
        return ("str", data.shape, b"".join(len(v).to_bytes(8, "little") + v for v in items))
    return (data.dtype.str, data.shape, data.tobytes())


def contents(file_name):
    """name -> comparable value of every object ("/path" for its kind and data) and every
    non-exempt attribute ("/path@name")."""
    out = {}
    with h5py.File(file_name, "r") as f:
        backend = f["mc/meta"].attrs.get("backend", "(none)") if "mc/meta" in f else "(none)"

        def add(path, obj):
            if isinstance(obj, h5py.Dataset):
                out[path] = ("dataset",) + value_bytes(obj[()])
            else:
                out[path] = ("group",)
            for name, value in obj.attrs.items():
                if name not in EXEMPT.get(path, ()):
                    out[f"{path}@{name}"] = value_bytes(value)

        add("/", f)
        f.visititems(lambda name, obj: add("/" + name, obj))
    return out, backend


def main(a, b):
    (ca, ba), (cb, bb) = contents(a), contents(b)
    differing = sorted(set(ca) ^ set(cb)) + sorted(k for k in ca if k in cb and ca[k] != cb[k])
    datasets = sum(1 for v in ca.values() if v[0] == "dataset")
    print(f"{a} (backend {ba}) vs {b} (backend {bb}): {datasets} datasets, {len(ca)} entries "
          f"with attributes, {len(differing)} differ"
          f"{': ' + ', '.join(differing) if differing else ''}")
    return 1 if differing else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

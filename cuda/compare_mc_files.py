"""Compares two mc results files dataset by dataset (dtype, shape and bytes); attributes
(provenance, /mc/meta with its `backend`) are not compared. Prints the backends and the
differing datasets; exits 1 when any differ. Usage: compare_mc_files.py A.h5 B.h5"""
import sys

import h5py
import numpy as np


def datasets(file_name):
    out = {}
    with h5py.File(file_name, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                out[name] = (data.dtype.str, data.shape, np.asarray(data).tobytes())
        f.visititems(visit)
        backend = f["mc/meta"].attrs.get("backend", "(none)")
    return out, backend


a, b = sys.argv[1], sys.argv[2]
(da, ba), (db, bb) = datasets(a), datasets(b)
differing = sorted(set(da) ^ set(db)) + [k for k in da if k in db and da[k] != db[k]]
print(f"{a} (backend {ba}) vs {b} (backend {bb}): {len(da)} datasets, "
      f"{len(differing)} differ{': ' + ', '.join(differing) if differing else ''}")
sys.exit(1 if differing else 0)

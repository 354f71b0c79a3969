#!/usr/bin/python3
"""Compares two mc results files dataset by dataset (dtype, shape and bytes); attributes
(provenance, /mc/meta with its `backend`) are not compared. Prints the backends and the
differing datasets; exits 1 when any differ. Usage: compare_mc_files.py A.h5 B.h5"""
import sys

import h5py

from dhn.readers import dataset_bytes  # the installed package (scripts/install-dhn.sh)


def datasets(file_name):
    with h5py.File(file_name, "r") as f:
        backend = f["mc/meta"].attrs.get("backend", "(none)")
    return dataset_bytes(file_name), backend


a, b = sys.argv[1], sys.argv[2]
(da, ba), (db, bb) = datasets(a), datasets(b)
differing = sorted(set(da) ^ set(db)) + [k for k in da if k in db and da[k] != db[k]]
print(f"{a} (backend {ba}) vs {b} (backend {bb}): {len(da)} datasets, "
      f"{len(differing)} differ{': ' + ', '.join(differing) if differing else ''}")
sys.exit(1 if differing else 0)

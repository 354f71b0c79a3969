"""phase-diagram and glassiness under mpirun (issue 18 items 2 and 5): with 3 ranks they write the
file that one process writes, equal in every dataset (dtype, shape, bytes) and in every attribute
but the two that say how and when the file was made (created_utc, mpi_ranks); the other ranks
write nothing; a failure of one rank ends the whole run with its exit code instead of a hang.

Usage: check_mpi_runs.py MPIEXEC PHASE_DIAGRAM GLASSINESS WORKDIR
Both runs of a pair write `<name>.h5` from their own folder, so their command lines are equal."""
import os
import subprocess
import sys

import h5py
import numpy as np

from cli_check import CliCheck
from mpi_check import mpi_environment
from dhn.readers import dataset_bytes  # the installed package (scripts/install-dhn.sh)

mpiexec, phase_diagram, glassiness, root = sys.argv[1:5]
RANKS = 3
# the provenance that legitimately differs between the runs (docs/hdf5-schema.md)
RUN_ATTRIBUTES = {"created_utc", "mpi_ranks"}
TIMEOUT_S = 120  # a hang fails the test instead of blocking the suite
c = CliCheck(root, "mpi_runs")


def run(args, cwd, ranks=None):
    command = ([mpiexec, "--oversubscribe", "-np", str(ranks)] if ranks else []) + list(args)
    try:
        return subprocess.run(command, cwd=cwd, env=mpi_environment(), capture_output=True,
                              text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        c.fail(f"no end within {TIMEOUT_S} s: {' '.join(command)}")
        return None


def attributes(path):
    """name of object -> {attribute: bytes of its value}, every object of the file."""
    out = {}

    def value_bytes(v):
        if isinstance(v, (str, bytes)):
            return v.encode() if isinstance(v, str) else v
        return np.asarray(v).dtype.str.encode() + np.asarray(v).tobytes()

    with h5py.File(path, "r") as f:
        out["/"] = {k: value_bytes(v) for k, v in f.attrs.items()}
        f.visititems(lambda name, obj: out.__setitem__(
            name, {k: value_bytes(v) for k, v in obj.attrs.items()}))
    return out


def compare(name, single, parallel):
    """Every dataset and attribute of the two files equal, RUN_ATTRIBUTES of the root aside."""
    da, db = dataset_bytes(single), dataset_bytes(parallel)
    differing = sorted(set(da) ^ set(db)) + [k for k in da if k in db and da[k] != db[k]]
    if differing:
        c.fail(f"{name}: datasets differ between 1 and {RANKS} ranks: {', '.join(differing)}")
    aa, ab = attributes(single), attributes(parallel)
    for obj in sorted(set(aa) | set(ab)):
        a, b = aa.get(obj, {}), ab.get(obj, {})
        skip = RUN_ATTRIBUTES if obj == "/" else set()
        for key in sorted((set(a) | set(b)) - skip):
            if a.get(key) != b.get(key):
                c.fail(f"{name}: attribute {key} of {obj} differs between 1 and {RANKS} ranks")
    with h5py.File(single, "r") as fa, h5py.File(parallel, "r") as fb:
        if int(fa.attrs["mpi_ranks"]) != 1 or int(fb.attrs["mpi_ranks"]) != RANKS:
            c.fail(f"{name}: mpi_ranks {fa.attrs['mpi_ranks']} and {fb.attrs['mpi_ranks']}, "
                   f"expected 1 and {RANKS}")
    return not differing


def same_file_both_ways(name, args):
    """args (without --output) run alone and on RANKS ranks give the same file."""
    files = {}
    for label, ranks in (("single", None), ("mpi", RANKS)):
        folder = c.path(f"{name}_{label}")
        os.makedirs(folder)
        r = run(list(args) + ["--quiet", "--threads", "1", "--output", f"{name}.h5"], folder, ranks)
        if r is None:
            return
        if r.returncode != 0:
            c.fail(f"{name} ({label}): exit {r.returncode}\n{r.stderr}")
            return
        left = sorted(os.listdir(folder))
        if left != [f"{name}.h5", f"{name}.h5.lock"] and left != [f"{name}.h5"]:
            c.fail(f"{name} ({label}): the folder holds {left}, not only the output")
        files[label] = os.path.join(folder, f"{name}.h5")
    compare(name, files["single"], files["mpi"])


# More columns than ranks and columns of different cost: the 1RSB level, and 0.034 beyond the
# T = 0 RS spinodal (P = 4: 0.0330), whose branch starts from the cached reference column.
same_file_both_ways("pd_p4", [phase_diagram, "--p", "4", "--level", "rs,1rsb",
                              "--alpha-grid", "0,0.005,0.01,0.02,0.03,0.034",
                              "--t-grid", "0.005,0.02,0.035,0.06"])
same_file_both_ways("pd_p3_full_G", [phase_diagram, "--p", "3", "--variant", "full",
                                     "--convention", "G", "--alpha-grid", "0:0.6:0.15",
                                     "--t-grid", "0.1:0.9:0.2"])
same_file_both_ways("glassiness_p2", [glassiness, "--p", "2", "--alpha", "0.1",
                                      "--t-grid", "0.1:1.6:0.1"])
same_file_both_ways("glassiness_p3", [glassiness, "--p", "3", "--alpha", "0.05",
                                      "--level", "rs,1rsb", "--t-grid", "0.02:0.2:0.03"])

# Failures end the run: bad input on every rank (exit 2, the parameter named); an output only
# rank 0 checks (exit 2 there, while the other ranks already wait for work: they must be ended,
# not left waiting); no file left behind.
folder = c.path("failures")
os.makedirs(folder)
r = run([phase_diagram, "--p", "4", "--alpha-grid", "-0.01,0.01", "--t-grid", "0.01",
         "--output", "bad.h5"], folder, RANKS)
if r is not None and (r.returncode != 2 or "alpha = -0.01" not in r.stderr):
    c.fail(f"bad --alpha-grid on {RANKS} ranks: exit {r.returncode} (expected 2)\n{r.stderr}")
for program, args in ((phase_diagram, ["--p", "4", "--alpha-grid", "0.01", "--t-grid", "0.01"]),
                      (glassiness, ["--p", "2", "--alpha", "0.1", "--t-grid", "0.5"])):
    r = run([program] + args + ["--output", "/nonexistent-dir/out.h5"], folder, RANKS)
    if r is not None and (r.returncode != 2 or "cannot be written" not in r.stderr):
        c.fail(f"{os.path.basename(program)} with an unwritable output on {RANKS} ranks: exit "
               f"{r.returncode} (expected 2)\n{r.stderr}")
if os.listdir(folder):
    c.fail(f"failed runs left {sorted(os.listdir(folder))}")

c.finish(f"phase-diagram and glassiness on {RANKS} ranks write the single-process files; "
         "failures end every rank")

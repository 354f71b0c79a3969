"""mc end to end: the results file has the documented layout; its datasets are byte-identical
for 1 and 2 threads, after --stop-at-sweep + --resume (once and twice), after SIGTERM + --resume,
and when the options come from a TOML file; a mismatched checkpoint exits 2 and leaves the
checkpoint untouched; failed or stopped runs leave an existing output file as it was.
Usage: check_mc_run.py MC_EXE WORKDIR"""
import os
import shutil
import signal
import subprocess
import sys

import h5py
import numpy as np

from dhn.readers import dataset_bytes  # the installed package (scripts/install-dhn.sh)

exe, workdir = sys.argv[1], os.path.join(sys.argv[2], "mc_run")
shutil.rmtree(workdir, ignore_errors=True)
os.makedirs(workdir)
failures = []

# P = 3, N = 32, K = 128, three temperatures, 2 samples x 3 replicas: 73728 pattern-spin updates
# per sweep, above the engine's threshold for forking threads (so --threads 2 really runs two).
BASE = ["--p", "3", "--n", "32", "--k", "128", "--temps", "0.08:0.3:3", "--replicas", "3",
        "--samples", "2", "--therm", "37", "--sweeps", "300", "--swap-every", "2", "--bins", "10",
        "--init", "noisy:0.5", "--dynamics", "heat-bath,random", "--seed", "1234", "--quiet"]
TOTAL = 337


def path(name):
    return os.path.join(workdir, name)


def run(*args, expect=0):
    r = subprocess.run([exe, *args], capture_output=True, text=True)
    if r.returncode != expect:
        failures.append(f"exit {r.returncode} (expected {expect}) for {' '.join(args)}:\n{r.stderr}")
    return r


def same(a, b, what):
    da, db = dataset_bytes(a), dataset_bytes(b)
    if da.keys() != db.keys():
        failures.append(f"{what}: dataset names differ: {sorted(da.keys() ^ db.keys())}")
        return
    differing = [k for k in da if da[k] != db[k]]
    if differing:
        failures.append(f"{what}: datasets differ: {differing}")


# 1. reference run (2 threads) and its layout
run(*BASE, "--threads", "2", "--output", path("a.h5"))
with h5py.File(path("a.h5"), "r") as f:
    for attr in ("dhn_type", "schema_version", "P", "variant", "convention", "suite_version",
                 "git_describe", "command_line", "created_utc", "threads"):
        if attr not in f.attrs:
            failures.append(f"root attribute {attr} missing")
    if f.attrs.get("dhn_type") != "mc" or f.attrs.get("convention") != "B":
        failures.append("root dhn_type/convention wrong")
    p = f["mc/parameters"].attrs
    if (p["N"], p["K"], p["replicas"], p["samples"], p["sweeps"], p["therm"]) != (32, 128, 3, 2, 300, 37):
        failures.append("parameter attributes wrong")
    if p["init"] != "noisy" or p["m0"] != 0.5 or p["update_rule"] != "heat-bath":
        failures.append("init/dynamics attributes wrong")
    T = f["mc/parameters/T"][()]
    if not np.allclose(T, [0.08, np.sqrt(0.08 * 0.3), 0.3], rtol=1e-15):
        failures.append(f"ladder {T} is not geometric 0.08..0.3")
    for name in ("e", "e2", "m", "abs_m", "m2", "m4", "max_m", "q", "abs_q", "q2", "q4"):
        g = f["mc/observables/" + name]
        if g.attrs.get("dhn_type") != "mc_observable":
            failures.append(f"observable {name} untagged")
        for d in ("mean", "error", "bias_corrected"):
            if g[d].shape != (3,):
                failures.append(f"{name}/{d} shape {g[d].shape}")
        if f["mc/per_sample/" + name].shape != (2, 3) or f["mc/bins/" + name].shape != (2, 3, 10):
            failures.append(f"{name} per-sample/bins shapes wrong")
        if f[f"mc/time_series/{name}/per_sample"].shape != (2, 3, 9):  # 337 sweeps: 9 windows
            failures.append(f"{name} time-series shape wrong")
        # the disorder mean is the mean of the per-sample means
        if not np.allclose(g["mean"][()], f["mc/per_sample/" + name][()].mean(axis=0), rtol=1e-13):
            failures.append(f"{name} mean is not the mean over samples")
    hq, hm = f["mc/histograms/q"][()], f["mc/histograms/m"][()]
    if hq.shape != (2, 3, 33) or not np.all(hq.sum(axis=2) == 300 * 3) or not np.all(hm.sum(axis=2) == 300 * 3):
        failures.append("histogram shapes or totals wrong (3 pairs, 3 replicas per sweep)")
    v = f["mc/histograms/value"][()]
    q_hist = (hq * v).sum(axis=2) / hq.sum(axis=2)
    if not np.allclose(q_hist, f["mc/per_sample/q"][()], atol=1e-12):
        failures.append("histogram mean of q differs from the time average")
    if f["mc/time_series/first_sweep"][-1] != 255 or f["mc/time_series/last_sweep"][-1] != 336:
        failures.append("log windows do not end at the last sweep")
    if f["mc/rates/swaps_attempted"][()].sum() != 2 * 3 * 2 * (TOTAL // 2):
        failures.append("swap attempts: one per chain, pair and swap round")
    trips = f["mc/tempering/round_trips"][()]
    if trips.shape != (2, 3, 3) or trips.sum() != f["mc/tempering"].attrs["round_trips_total"]:
        failures.append("round trips shape or total wrong")
    if f["mc/meta"].attrs["resumes"] != 0:
        failures.append("fresh run reports resumes")
if os.path.exists(path("a.h5.checkpoint")):
    failures.append("checkpoint left behind after a finished run")

# 2. thread-count independence
run(*BASE, "--threads", "1", "--output", path("b.h5"))
same(path("a.h5"), path("b.h5"), "1 vs 2 threads")

# 3. stop at a checkpoint and resume (once, then twice), other thread counts
r = run(*BASE, "--threads", "2", "--stop-at-sweep", "101", "--output", path("c.h5"), expect=3)
if os.path.exists(path("c.h5")) or not os.path.exists(path("c.h5.checkpoint")):
    failures.append("stopped run: output written or checkpoint missing")
with h5py.File(path("c.h5.checkpoint"), "r") as f:
    if f.attrs["dhn_type"] != "mc_checkpoint" or f["state"].attrs["sweep"] != 101:
        failures.append("checkpoint tag or sweep count wrong")
# the same run refuses to start afresh over its checkpoint
run(*BASE, "--output", path("c.h5"), expect=2)
# a mismatched resume is refused and leaves the checkpoint as it was
before = open(path("c.h5.checkpoint"), "rb").read()
r = run(*[x if x != "1234" else "1235" for x in BASE], "--resume", "--output", path("c.h5"), expect=2)
if "seed: checkpoint 1234, requested 1235" not in r.stderr:
    failures.append(f"mismatch message does not name the seed:\n{r.stderr}")
if open(path("c.h5.checkpoint"), "rb").read() != before or os.path.exists(path("c.h5")):
    failures.append("a refused resume changed the checkpoint or wrote output")
run(*BASE, "--threads", "1", "--resume", "--stop-at-sweep", "250", "--output", path("c.h5"), expect=3)
run(*BASE, "--threads", "2", "--resume", "--output", path("c.h5"))
same(path("a.h5"), path("c.h5"), "stopped twice and resumed")
with h5py.File(path("c.h5"), "r") as f:
    if f["mc/meta"].attrs["resumes"] != 2 or f["mc/meta"].attrs["checkpoints"] != 2:
        failures.append("meta: resumes/checkpoints not counted")

# 4. SIGTERM in the middle of a longer run writes a checkpoint; the resumed run ends identical.
# The signal is sent once the first progress line shows that the handler is installed (it is
# installed before the first sweep) and the run is under way.
LONG = [x for x in BASE if x != "--quiet"]
LONG[LONG.index("--sweeps") + 1] = "8000"
run(*LONG, "--quiet", "--threads", "2", "--output", path("d_ref.h5"))
proc = subprocess.Popen([exe, *LONG, "--threads", "2", "--output", path("d.h5")],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
for line in proc.stderr:
    if " sweeps (" in line:
        break
proc.send_signal(signal.SIGTERM)
_, err = proc.communicate(timeout=60)
if proc.returncode == 0:
    failures.append("the run ended before SIGTERM arrived: signal path untested")
elif proc.returncode != 128 + signal.SIGTERM:
    failures.append(f"SIGTERM: exit {proc.returncode}, expected {128 + signal.SIGTERM}:\n{err}")
else:
    if "SIGTERM" not in err or not os.path.exists(path("d.h5.checkpoint")) or os.path.exists(path("d.h5")):
        failures.append(f"SIGTERM: no checkpoint, or output written:\n{err}")
    leftovers = [n for n in os.listdir(workdir) if ".tmp." in n]
    if leftovers:
        failures.append(f"temporary files left behind: {leftovers}")
    with h5py.File(path("d.h5.checkpoint"), "r") as f:
        if not 0 < f["state"].attrs["sweep"] < 8037:
            failures.append("SIGTERM checkpoint is not in the middle of the run")
    run(*LONG, "--quiet", "--threads", "1", "--resume", "--output", path("d.h5"))
    same(path("d_ref.h5"), path("d.h5"), "SIGTERM and resume")

# 5. an existing output file is never clobbered by a failed or stopped run
with open(path("keep.h5"), "wb") as keep:
    keep.write(b"previous results")
run("--p", "3", "--n", "2", "--k", "4", "--temps", "0.1", "--output", path("keep.h5"), expect=2)
run(*BASE, "--stop-at-sweep", "5", "--checkpoint", path("keep.ck"), "--output", path("keep.h5"), expect=3)
if open(path("keep.h5"), "rb").read() != b"previous results":
    failures.append("a failed or stopped run changed an existing output file")
run(*BASE, "--resume", "--checkpoint", path("keep.ck"), "--output", path("keep.h5"))
same(path("a.h5"), path("keep.h5"), "explicit --checkpoint path, output replaced at the end")

# 6. options from a TOML file; the command line wins over it
with open(path("run.toml"), "w") as toml:
    toml.write('p = 3\nn = 32\nk = 128\ntemps = [0.08, 0.15491933384829668, 0.3]\nreplicas = 3\n'
               'samples = 2\ntherm = 37\nsweeps = 300\nswap_every = 2\nbins = 10\n'
               'init = "noisy:0.5"\ndynamics = "heat-bath,random"\nseed = 99\nquiet = true\n')
run("--config", path("run.toml"), "--seed", "1234", "--output", path("e.h5"))
same(path("a.h5"), path("e.h5"), "options from TOML")
with open(path("bad.toml"), "w") as toml:
    toml.write("n = 32\nswapevery = 2\n")
r = run("--config", path("bad.toml"), "--temps", "0.1", "--k", "4", "--output", path("f.h5"), expect=2)
if "swapevery" not in r.stderr or os.path.exists(path("f.h5")):
    failures.append(f"an unknown TOML key is not named, or output was written:\n{r.stderr}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("mc end-to-end checks passed")

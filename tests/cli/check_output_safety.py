"""Regression tests of issue 16's fault campaign, the output side: nothing lost, nothing replaced
that is not ours, a clear exit 2 before any work for a refused target, exit 1 with the system's
reason (and the previous file intact, no temporary left) when the disk is full.

Usage: check_output_safety.py MC LANDAU PHASE_DIAGRAM GLASSINESS WORKDIR

- mc --output X --checkpoint X (and the same file through a symlink or ./X) exits 2: the end of
  a run removes the checkpoint, which then deleted the results;
- --output onto a device node like /dev/null (made here with mknod when allowed; never /dev/null
  itself), a pipe or a directory exits 2 and leaves it as it was; onto a symlink writes the link's target and keeps the link; --output "" exits 2 before any work;
- mc --seed -1, 2^64, 1e3 and TOML seed = -1 exit 2 naming the range; --checkpoint-every nan
  exits 2; an unknown TOML key names the file, the key and the valid keys;
- glassiness --p 2 --alpha 1e-9 --t-grid 1e-9,0.5,1e3 keeps the two converged points and marks the
  first NaN (converged = 0); phase-diagram at alpha = 1e300 writes NaN, never -inf;
- glassiness / phase-diagram at alpha = 1000, T = 1e-6 with 1RSB finish under a 2 GB memory limit;
- mc --replicas 1 runs (no q_ab: the overlap observables NaN, the q histogram empty);
- phase-diagram --alpha-grid "" / --t-grid "" and glassiness --t-grid "" exit 2 (they used the
  default grid);
- an output another process holds open for writing (HDF5's exclusive flock, e.g. h5py) exits 2;
  one held open for reading is replaced (the reader keeps its old file);
- a second writer of an output that a running mc holds exits 2 naming its PID; after a kill -9
  of the holder the next run proceeds, and a finished run leaves no lock file;
- a full disk (a 1.2 MB tmpfs, when this machine lets us mount one): exit 1 saying "No space
  left on device", the previous file byte-identical, no *.tmp.* left.
"""
import fcntl
import os
import subprocess
import sys
import time

import h5py
import numpy as np

CAPACITY = os.path.join(os.path.dirname(sys.argv[1]), "capacity")

from cli_check import CliCheck

mc, landau, phase_diagram, glassiness = sys.argv[1:5]
check = CliCheck(sys.argv[5], "output_safety")
MC = ["--n", "8", "--k", "2", "--temps", "0.5", "--sweeps", "10", "--therm", "1", "--quiet"]


def refused(args, words, expect=2):
    r = check.run(*args, expect=expect)
    for word in words:
        if word not in r.stderr:
            check.fail(f"{' '.join(args)}: the message does not say {word!r}: {r.stderr}")
    return r


def leftovers():
    return [name for name in os.listdir(check.workdir) if ".tmp." in name]


# the results file is never the checkpoint
out = check.path("r.h5")
os.symlink("r.h5", check.path("link.h5"))
for other in (out, check.path("link.h5"), os.path.join(check.workdir, ".", "r.h5")):
    refused([mc, *MC, "--output", out, "--checkpoint", other], ["--checkpoint", "is the --output file"])
if os.path.exists(out):
    check.fail("a refused run left a results file")
check.run(mc, *MC, "--output", out)
if not os.path.exists(out) or os.path.exists(out + ".checkpoint"):
    check.fail("a plain run did not leave its results (or left its checkpoint)")

# targets that are not regular files, symlinks, empty names
device = check.path("device")
try:
    os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a character device like /dev/null
except OSError:
    device = None
fifo = check.path("fifo")
os.mkfifo(fifo)
# never /dev/null itself: a regression would replace the machine's /dev/null
for target in [fifo] + ([device] if device else []):
    refused([landau, "--alpha", "0.1", "--t", "0.2", "--output", target, "--quiet"],
            ["--output", "not a regular file"])
    if not os.path.exists(target) or os.path.isfile(target):
        check.fail(f"{target} was replaced by a regular file")
refused([landau, "--alpha", "0.1", "--t", "0.2", "--output", check.workdir], ["--output", "directory"])
os.symlink("landau_target.h5", check.path("landau_link.h5"))
check.run(landau, "--alpha", "0.1", "--t", "0.2", "--quiet", "--output", check.path("landau_link.h5"))
if not os.path.islink(check.path("landau_link.h5")) or not os.path.isfile(check.path("landau_target.h5")):
    check.fail("a symlinked --output was replaced instead of followed to its target")
for program, extra in ((landau, ["--alpha", "0.1", "--t", "0.2"]), (mc, MC),
                       (phase_diagram, ["--alpha-grid", "0.1", "--t-grid", "0.1"]),
                       (glassiness, ["--alpha", "0.1"]), (CAPACITY, ["--p", "3"])):
    refused([program, *extra, "--output", ""], ["--output", "empty"])

# seeds, NaN, TOML
for seed in ("-1", "18446744073709551616", "1e3"):
    refused([mc, *MC, "--seed", seed, "--output", check.path("s.h5")], ["--seed", "18446744073709551615"])
check.run(mc, *MC, "--seed", "18446744073709551615", "--output", check.path("s_max.h5"))
with open(check.path("seed.toml"), "w") as f:
    f.write("seed = -1\n")
refused([mc, *MC, "--config", check.path("seed.toml"), "--output", check.path("s.h5")], ["seed", "out of range"])
refused([mc, *MC, "--checkpoint-every", "nan", "--output", check.path("s.h5")], ["--checkpoint-every"])
with open(check.path("typo.toml"), "w") as f:
    f.write("sweps = 10\n")
refused([mc, *MC, "--config", check.path("typo.toml"), "--output", check.path("s.h5")],
        ["typo.toml", "'sweps'", "sweeps"])

# one chain per temperature is a normal run: the overlap observables are NaN, the rest measured
single = check.path("single.h5")
check.run(mc, *MC, "--replicas", "1", "--output", single)
with h5py.File(single, "r") as f:
    if not (np.all(np.isnan(f["mc/observables/q/mean"][()])) and np.all(np.isfinite(f["mc/observables/m/mean"][()]))
            and f["mc/histograms/q"][()].sum() == 0):
        check.fail("--replicas 1: q should be NaN (no pairs) and m measured")

# numerical edges: one unconverged temperature is NaN with its status, the rest kept; no
# free energy is written as an infinity (alpha = 1e300 overflows -alpha beta). T = 1e-6 was
# such a point until the sech moments were summed directly (issue 17): it now converges to the
# T -> 0 value (-0.318335, as at T = 1e-4), and T = 1e-9 is the edge.
edges = check.path("edges.h5")
check.run(glassiness, "--p", "2", "--alpha", "1e-9", "--t-grid", "1e-9,0.5,1e3", "--quiet", "--output", edges)
with h5py.File(edges, "r") as f:
    converged, f_network = f["glassiness/converged"][()], f["glassiness/f_network"][()]
    if not (converged[0] == 0 and np.isnan(f_network[0]) and np.all(converged[1:] == 1)
            and np.all(np.isfinite(f_network[1:]))):
        check.fail(f"glassiness edges: converged {converged}, f_network {f_network}")
huge = check.path("huge.h5")
check.run(phase_diagram, "--p", "3", "--alpha-grid", "1e300", "--t-grid", "1e-5,0.1", "--quiet", "--output", huge)
with h5py.File(huge, "r") as f:
    for name in ("rs/glass/f", "rs/paramagnet/f", "rs/retrieval/f"):
        if np.any(np.isinf(f[name][()])):
            check.fail(f"alpha = 1e300: {name} holds an infinity: {f[name][()]}")

# memory: requests inside the accepted ranges that cannot fit are refused at once (exit 2, naming
# the estimate and the override), not by bad_alloc or SIGABRT after the allocation
for extra in (["--p", "3", "--n", "1000", "--k", "1000000000", "--temps", "0.1"],            # 1 TB of patterns
              ["--p", "2", "--n", "1000000", "--k", "1", "--temps", "0.1:0.3:100", "--replicas", "1000"]):  # 200 GB of spins
    refused([mc, *extra, "--output", check.path("m.h5")], ["memory", "--allow-large-memory", "--samples"])
r = check.run(mc, *MC, "--output", check.path("m_small.h5"))
r = check.run(mc, *[a for a in MC if a != "--quiet"], "--output", check.path("m_header.h5"))
if "mc: memory about" not in r.stderr:
    check.fail(f"the progress header does not print the memory estimate: {r.stderr}")

# the 1RSB quadrature at T = 1e-6, alpha = 1000 (tilted peaks 1e7 apart) took gigabytes and
# aborted: now bounded (the two windows around the peaks, tilted_gaussian.cpp)
for program, extra in ((glassiness, ["--p", "3", "--alpha", "1000", "--t-grid", "1e-6", "--level", "rs,1rsb"]),
                       (phase_diagram, ["--p", "3", "--level", "rs,1rsb", "--alpha-grid", "1000", "--t-grid", "1e-6"])):
    r = subprocess.run(["bash", "-c", 'ulimit -v 2000000; exec "$@"', "bash", program, *extra, "--quiet",
                        "--output", check.path("edge.h5")], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        check.fail(f"{program} {' '.join(extra)} under a 2 GB limit: exit {r.returncode}: {r.stderr}")

# an empty grid is not the default grid
refused([phase_diagram, "--alpha-grid", "", "--output", check.path("pd.h5"), "--quiet"], ["--alpha-grid", "empty"])
refused([phase_diagram, "--t-grid", "", "--output", check.path("pd.h5"), "--quiet"], ["--t-grid", "empty"])
refused([glassiness, "--alpha", "0.1", "--t-grid", "", "--output", check.path("g.h5"), "--quiet"],
        ["--t-grid", "empty"])

# one writer per output: a second run on a file being written exits 2 naming the holder's PID
long_run = [mc, "--p", "3", "--n", "64", "--k", "400", "--temps", "0.1:0.4:8", "--samples", "2",
            "--sweeps", "400000", "--quiet", "--checkpoint-every", "0"]
locked = check.path("locked.h5")
holder = subprocess.Popen([*long_run, "--output", locked], stderr=subprocess.PIPE, text=True)
for _ in range(200):  # until the holder has its lock
    if os.path.exists(locked + ".lock"):
        break
    time.sleep(0.05)
for program, extra in ((mc, MC), (landau, ["--alpha", "0.1", "--t", "0.2"])):
    refused([program, *extra, "--output", locked], ["--output", f"process {holder.pid}"])
# a file another process holds open for writing (HDF5 takes an exclusive flock, h5py too) is not
# replaced; one held open for reading is (the reader keeps its old file)
held = check.path("held.h5")
check.run(landau, "--alpha", "0.1", "--t", "0.2", "--quiet", "--output", held)
writer = h5py.File(held, "a")
with open(held, "rb") as probe:
    try:
        fcntl.flock(probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
        hdf5_locks = False  # HDF5 file locking is off here (HDF5_USE_FILE_LOCKING)
    except OSError:
        hdf5_locks = True
if hdf5_locks:
    refused([phase_diagram, "--alpha-grid", "0.1", "--t-grid", "0.1", "--quiet", "--output", held],
            ["--output", "open for writing"])
else:
    print("check_output_safety: HDF5 file locking is off here; the held-for-writing case is skipped")
writer.close()
with h5py.File(held, "r"):
    check.run(landau, "--alpha", "0.1", "--t", "0.2", "--quiet", "--output", held)

# the kernel drops the lock of a killed holder: its lock file is reused, not an obstacle
holder.kill()
holder.wait()
check.run(landau, "--alpha", "0.1", "--t", "0.2", "--quiet", "--output", locked)
if os.path.exists(locked + ".lock"):
    check.fail("a finished run left its lock file")

# a full disk
tiny = check.path("tiny")
os.makedirs(tiny)
mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", tiny],
                         capture_output=True).returncode == 0
if mounted:
    try:
        big = ["--p", "3", "--n", "64", "--alpha", "0.05", "--temps", "0.1:0.3:8", "--samples", "2",
               "--sweeps", "50", "--therm", "5", "--quiet", "--checkpoint-every", "0"]
        previous = os.path.join(tiny, "keep.h5")
        with open(previous, "wb") as f:
            f.write(b"previous results")
        failed = False
        for k in range(8):  # ~220 kB each: the disk fills on the fifth or sixth
            r = subprocess.run([mc, *big, "--output", os.path.join(tiny, f"r{k}.h5")], capture_output=True, text=True)
            if r.returncode != 0:
                failed = True
                if r.returncode != 1 or "No space left on device" not in r.stderr:
                    check.fail(f"full disk: exit {r.returncode}, {r.stderr!r} (wanted exit 1, 'No space left on device')")
                break
        if not failed:
            check.fail("the tmpfs never filled up")
        r = subprocess.run([mc, *big, "--output", previous], capture_output=True, text=True)
        with open(previous, "rb") as f:
            if r.returncode != 1 or f.read() != b"previous results":
                check.fail(f"full disk: the previous file was not left intact (exit {r.returncode})")
        # the other writers on the full disk: a phase diagram, and an mc checkpoint mid-run
        try:
            with open(os.path.join(tiny, "filler"), "wb") as f:  # the last free blocks
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            pass
        for args in ([phase_diagram, "--p", "4", "--alpha-grid", "0.001:0.05:0.001", "--t-grid", "0.01:0.1:0.001",
                      "--quiet", "--output", os.path.join(tiny, "pd.h5")],
                     [mc, *big, "--output", os.path.join(tiny, "stopped.h5"), "--stop-at-sweep", "20"]):
            r = subprocess.run(args, capture_output=True, text=True)
            if r.returncode != 1 or "No space left on device" not in r.stderr:
                check.fail(f"full disk: {' '.join(args)}: exit {r.returncode}, {r.stderr!r}")
        if [n for n in os.listdir(tiny) if ".tmp." in n]:
            check.fail(f"full disk: temporaries left behind: {os.listdir(tiny)}")
    finally:
        subprocess.run(["umount", tiny], capture_output=True)
else:
    print("check_output_safety: no tmpfs mount allowed here; the full-disk case is skipped")
if leftovers():
    check.fail(f"temporaries left behind: {leftovers()}")
check.finish("output safety checks passed")

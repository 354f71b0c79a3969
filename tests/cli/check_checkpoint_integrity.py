"""Regression tests of issue 16's fault campaign, the checkpoint side: a damaged checkpoint is
refused on --resume (exit 2, "damaged"), and temporaries left by dead writers are cleaned up.

Usage: check_checkpoint_integrity.py MC WORKDIR

- one byte flipped in the data of each state dataset of a checkpoint (spins, trips, every
  accumulator; HDF5 reads such a file back without complaint): --resume exits 2 saying the
  checkpoint is damaged, and writes no results; the intact checkpoint resumes (exit 0);
- "<file>.tmp.<pid>" and "<file>.tmp.<pid>.probe" of a process that does not exist (pid
  999999999, above every pid_max) are removed by the next run that writes <file>; those of a
  live process (this script) are left alone.
"""
import os
import shutil
import sys

import h5py

from cli_check import CliCheck

mc = sys.argv[1]
check = CliCheck(sys.argv[2], "checkpoint_integrity")
RUN = ["--p", "3", "--n", "16", "--k", "5", "--temps", "0.1:0.4:4", "--samples", "2", "--sweeps", "2000",
       "--therm", "10", "--quiet", "--seed", "3"]
out = check.path("r.h5")
checkpoint = out + ".checkpoint"
check.run(mc, *RUN, "--output", out, "--stop-at-sweep", "500", expect=3)
original = check.path("original.checkpoint")
shutil.copy(checkpoint, original)
with h5py.File(original, "r") as f:
    names = []
    f.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Dataset) and name.startswith("state/") else None)
    offsets = {name: f[name].id.get_offset() for name in names}
if len(offsets) < 9:
    check.fail(f"expected the state datasets in the checkpoint, found {sorted(offsets)}")
for name, offset in sorted(offsets.items()):
    if offset is None:
        continue
    shutil.copy(original, checkpoint)
    with open(checkpoint, "r+b") as f:
        f.seek(offset + 1)
        byte = f.read(1)
        f.seek(offset + 1)
        f.write(bytes([byte[0] ^ 0x04]))
    r = check.run(mc, *RUN, "--output", out, "--resume", expect=2)
    if "damaged" not in r.stderr:
        check.fail(f"a flipped byte in {name} was not reported as damage: {r.stderr}")
    if os.path.exists(out):
        check.fail(f"a damaged checkpoint ({name}) still produced results")
shutil.copy(original, checkpoint)
check.run(mc, *RUN, "--output", out, "--resume")
if not os.path.exists(out):
    check.fail("the intact checkpoint did not resume to results")

# stale temporaries of dead writers go, those of live processes stay
stale = [out + ".tmp.999999999", out + ".tmp.999999999.probe", checkpoint + ".tmp.999999999"]
live = out + f".tmp.{os.getpid()}"
for name in stale + [live]:
    with open(name, "wb") as f:
        f.write(b"left by a killed writer")
check.run(mc, *RUN, "--output", out, "--stop-at-sweep", "100", expect=3)  # writes the checkpoint
os.remove(checkpoint)
check.run(mc, *RUN, "--output", out)
left = [name for name in stale if os.path.exists(name)]
if left:
    check.fail(f"stale temporaries of a dead process were not removed: {left}")
if not os.path.exists(live):
    check.fail("a temporary of a live process was removed")
check.finish("checkpoint integrity checks passed")

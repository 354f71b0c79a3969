"""Job arrays without MPI (issue 18, item 3): three parts of a run (mc --sample-range, given to
mc merge out of order, one of them stopped and resumed from its checkpoint) merge into a file
equal to the single-process run in every dataset and every attribute but the exempt provenance
and bookkeeping (scripts/compare_mc_files.py); likewise for an umbrella run with
--save-patterns. Each part holds exactly the single run's rows of its samples. mc merge
refuses, with exit 2, a message naming the parts and no output file: overlapping parts (one
part given twice too), gaps (inside and at either end), parts of other runs (seed, --samples,
--k), unreadable files, a whole run's file, a checkpoint, and OUT equal to a part. mc status describes a results file, a part and a
checkpoint, and refuses a file that is none (exit 2). The comparison helper itself is checked
to catch a changed attribute and to let the exempt ones differ.
Usage: check_mc_merge.py MC_EXE COMPARE_SCRIPT WORKDIR"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

from cli_check import CliCheck

exe, compare, root = sys.argv[1], sys.argv[2], sys.argv[3]
check = CliCheck(root, "mc_merge")
path = check.path

# 5 samples x 2 replicas x 3 temperatures, N = 16: a few milliseconds per run
RUN = ["--p", "3", "--n", "16", "--k", "8", "--temps", "0.1:0.3:3", "--replicas", "2",
       "--samples", "5", "--therm", "10", "--sweeps", "40", "--bins", "4", "--seed", "77",
       "--init", "noisy:0.6", "--save-patterns", "--quiet"]


def mc(*args, expect=0):
    return check.run(exe, *args, expect=expect)


def same(a, b, what):
    r = subprocess.run([sys.executable, compare, a, b], capture_output=True, text=True)
    if r.returncode != 0:
        check.fail(f"{what}: {r.stdout}{r.stderr}")


def refused(what, parts, names, text=None):
    """mc merge of `parts` exits 2 naming every path in `names` (and `text`), writing nothing."""
    out = path(f"refused_{what}.h5")
    r = mc("merge", out, *parts, expect=2)
    for needle in names + ([text] if text else []):
        if needle not in r.stderr:
            check.fail(f"merge refused for {what}: message lacks '{needle}':\n{r.stderr}")
    if os.path.exists(out):
        check.fail(f"merge refused for {what} but wrote {out}")


# 1. the single-process run and three parts; part 2:3 is stopped at sweep 17 and resumed
mc(*RUN, "--output", path("whole.h5"))
mc(*RUN, "--sample-range", "0:2", "--output", path("p0.h5"))
mc(*RUN, "--sample-range", "3:5", "--output", path("p2.h5"))
mc(*RUN, "--sample-range", "2:3", "--stop-at-sweep", "17", "--output", path("p1.h5"), expect=3)
status = mc("status", path("p1.h5.checkpoint")).stdout
for needle in ("kind: checkpoint", "samples: 2..2 (1 of 5; --sample-range 2:3)",
               "thermalisation 10/10, measured 7/40 sweeps (17/50"):
    if needle not in status:
        check.fail(f"status of a part's checkpoint lacks '{needle}':\n{status}")
r = mc(*RUN, "--sample-range", "1:3", "--resume", "--output", path("p1.h5"), expect=2)
if "sample range: checkpoint 2:3 of 5, requested 1:3 of 5" not in r.stderr:
    check.fail(f"a resume with another --sample-range is not refused by name:\n{r.stderr}")
mc(*RUN, "--sample-range", "2:3", "--resume", "--output", path("p1.h5"))

# 2. each part holds the single run's rows of its samples
with h5py.File(path("whole.h5"), "r") as w:
    for name, rows in (("p0.h5", slice(0, 2)), ("p1.h5", slice(2, 3)), ("p2.h5", slice(3, 5))):
        with h5py.File(path(name), "r") as f:
            a = f["mc/parameters"].attrs
            if (a["samples"], a["first_sample"], a["total_samples"]) != (rows.stop - rows.start, rows.start, 5):
                check.fail(f"{name}: slice attributes wrong")
            for d in ("per_sample/e", "bins/q", "histograms/m", "tempering/final_spins",
                      "time_series/m/per_sample", "rates/flips_accepted", "patterns"):
                if not np.array_equal(f["mc/" + d][()], w["mc/" + d][()][rows]):
                    check.fail(f"{name}: {d} differs from the single run's rows {rows}")
            if "state" not in f["mc"]:
                check.fail(f"{name}: no /mc/state")
    if "state" in w["mc"] or "first_sample" in w["mc/parameters"].attrs:
        check.fail("the single run's file has part attributes or a state")

# 3. the merge, parts in any order, equals the single run
mc("merge", path("merged.h5"), path("p2.h5"), path("p0.h5"), path("p1.h5"))
same(path("whole.h5"), path("merged.h5"), "three parts merged vs the single run")

# 4. the same for an umbrella run (the WHAM profile over samples)
UMB = ["--p", "3", "--n", "20", "--k", "4", "--temps", "0.2", "--windows", "0.2:1:3",
       "--replicas", "2", "--samples", "3", "--therm", "5", "--sweeps", "30", "--bins", "3",
       "--seed", "5", "--quiet"]
mc(*UMB, "--output", path("umbrella.h5"))
mc(*UMB, "--sample-range", "1:3", "--output", path("u1.h5"))
mc(*UMB, "--sample-range", "0:1", "--output", path("u0.h5"))
mc("merge", path("umbrella_merged.h5"), path("u1.h5"), path("u0.h5"), "--quiet")
same(path("umbrella.h5"), path("umbrella_merged.h5"), "umbrella parts merged vs the single run")

# 5. refusals
mc(*RUN, "--sample-range", "1:3", "--output", path("p_overlap.h5"))
refused("overlap", [path("p0.h5"), path("p_overlap.h5"), path("p2.h5")],
        [path("p0.h5"), path("p_overlap.h5")], "overlap")
refused("gap", [path("p0.h5"), path("p2.h5")], [path("p0.h5"), path("p2.h5")],
        "no part holds samples 2..2")
refused("missing_end", [path("p0.h5"), path("p1.h5")], [path("p1.h5")],
        "no part holds samples 3..4")
refused("missing_start", [path("p1.h5"), path("p2.h5")], [path("p1.h5")],
        "no part holds samples 0..1")
seed = [x if x != "77" else "78" for x in RUN]
mc(*seed, "--sample-range", "2:3", "--output", path("p_seed.h5"))
refused("seed", [path("p0.h5"), path("p_seed.h5"), path("p2.h5")],
        [path("p0.h5"), path("p_seed.h5")], "seed: ")
more = [x if x != "5" else "6" for x in RUN]
mc(*more, "--sample-range", "2:3", "--output", path("p_samples.h5"))
refused("samples", [path("p0.h5"), path("p_samples.h5"), path("p2.h5")],
        [path("p0.h5"), path("p_samples.h5")], "slices of 5 and of 6 samples")
other_k = [x if x != "8" else "9" for x in RUN]
mc(*other_k, "--sample-range", "2:3", "--output", path("p_k.h5"))
refused("k", [path("p0.h5"), path("p_k.h5"), path("p2.h5")], [path("p_k.h5")], "K: ")
with open(path("text.h5"), "w") as f:
    f.write("not HDF5\n")
refused("text_file", [path("p0.h5"), path("text.h5"), path("p2.h5")], [path("text.h5")],
        "cannot be read")
refused("missing_file", [path("p0.h5"), path("absent.h5"), path("p2.h5")], [path("absent.h5")],
        "no such file")
refused("whole_run", [path("whole.h5")], [path("whole.h5")], "not a part")
mc(*RUN, "--sample-range", "2:3", "--stop-at-sweep", "5", "--output", path("p_ck.h5"), expect=3)
refused("checkpoint", [path("p0.h5"), path("p_ck.h5.checkpoint"), path("p2.h5")],
        [path("p_ck.h5.checkpoint")], "dhn_type 'mc_checkpoint'")
refused("same_part_twice", [path("p0.h5"), path("p1.h5"), path("p1.h5"), path("p2.h5")],
        [path("p1.h5")], "overlap")
shutil.copy(path("p0.h5"), path("p0_copy.h5"))
r = mc("merge", path("p0_copy.h5"), path("p0_copy.h5"), path("p1.h5"), path("p2.h5"), expect=2)
if "is the part" not in r.stderr:
    check.fail(f"OUT equal to a part not refused by name:\n{r.stderr}")

# 6. status of results files; files that are none are refused
for name, needles in (("whole.h5", ["kind: results of a finished run", "samples: 0..4 (all 5)",
                                    "thermalisation 10/10, measured 40/40 sweeps (50/50, 100.0 %, finished)",
                                    "model: P = 3, distinct, N = 16, K = 8", "seed 77"]),
                      ("p0.h5", ["kind: results of a part", "samples: 0..1 (2 of 5; --sample-range 0:2)"]),
                      ("merged.h5", ["kind: results of a finished run", "samples: 0..4 (all 5)"]),
                      ("umbrella.h5", ["umbrella: T = 0.2"])):
    out = mc("status", path(name)).stdout
    for needle in needles:
        if needle not in out:
            check.fail(f"status of {name} lacks '{needle}':\n{out}")
for name in ("text.h5", "absent.h5"):
    r = mc("status", path(name), expect=2)
    if path(name) not in r.stderr:
        check.fail(f"status of {name}: the message does not name it:\n{r.stderr}")

# 7. the comparison helper: a changed attribute is caught, the exempt ones are not compared
shutil.copy(path("whole.h5"), path("attr.h5"))
with h5py.File(path("attr.h5"), "a") as f:
    f["mc/observables/e"].attrs["description"] = "changed"
if subprocess.run([sys.executable, compare, path("whole.h5"), path("attr.h5")],
                  capture_output=True).returncode != 1:
    check.fail("compare_mc_files.py missed a changed attribute")
shutil.copy(path("whole.h5"), path("exempt.h5"))
with h5py.File(path("exempt.h5"), "a") as f:
    f.attrs["created_utc"] = "1999-01-01T00:00:00Z"
    f["mc/meta"].attrs["wall_seconds"] = 1e9
same(path("whole.h5"), path("exempt.h5"), "exempt attributes changed")

check.finish("mc merge / status: parts merge to the single run; bad merges refused")

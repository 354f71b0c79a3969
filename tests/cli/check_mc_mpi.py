"""mc under mpirun (issue 18, items 1 and 5): on 3 ranks (--oversubscribe) mc writes the file one
process writes, equal in every dataset and in every attribute but the exempt provenance and
bookkeeping (scripts/compare_mc_files.py; mpi_ranks among them), for a temperature ladder, an
umbrella run and a --sample-range part. A run stopped at a sweep on 3 ranks leaves the
checkpoint one process leaves at that sweep, and resuming it on 2 ranks gives
the single run's file; a single process's checkpoint resumes on 3 ranks. A refusal only rank 0
makes (the checkpoint exists) ends every rank with exit 2. More ranks than samples: the chains
are split (check_mc_mpi_split.py) and the file is still the single run's. A rank killed (SIGKILL)
after a checkpoint ends the whole run (no hang), and the checkpoint resumes to the single run's
file. mc status refuses mpirun.
Usage: check_mc_mpi.py MPIEXEC MC_EXE COMPARE_SCRIPT WORKDIR"""
import os
import signal
import subprocess
import sys
import time

import h5py

from cli_check import CliCheck
from mpi_check import TIMEOUT_S, McFiles, launcher, mpi_environment, run_checked

mpiexec, exe, compare, root = sys.argv[1:5]
c = CliCheck(root, "mc_mpi")
path = c.path

# 5 samples x 2 replicas x 3 temperatures, N = 16: a few milliseconds per run
RUN = ["--p", "3", "--n", "16", "--k", "8", "--temps", "0.1:0.3:3", "--replicas", "2",
       "--samples", "5", "--therm", "10", "--sweeps", "40", "--bins", "4", "--seed", "77",
       "--init", "noisy:0.6", "--save-patterns", "--threads", "1", "--quiet"]


def mc(*args, ranks=None, expect=0):
    return run_checked(c, launcher(mpiexec, ranks) + [exe] + list(args), expect)


same = McFiles(c, compare).same


def ranks_attribute(file_name, expected, what):
    with h5py.File(file_name, "r") as f:
        if int(f.attrs["mpi_ranks"]) != expected:
            c.fail(f"{what}: mpi_ranks {f.attrs['mpi_ranks']}, expected {expected}")


# 1. a temperature ladder on 3 ranks
mc(*RUN, "--output", path("single.h5"))
mc(*RUN, "--output", path("ranks3.h5"), ranks=3)
same(path("single.h5"), path("ranks3.h5"), "3 ranks against one process")
ranks_attribute(path("ranks3.h5"), 3, "3 ranks")
leftover = sorted(set(os.listdir(c.workdir)) - {"single.h5", "ranks3.h5", "single.h5.lock",
                                                "ranks3.h5.lock"})
if leftover:
    c.fail(f"runs left {leftover} behind")

# 2. stopped at sweep 17 on 3 ranks: the checkpoint of one process stopped there
mc(*RUN, "--stop-at-sweep", "17", "--output", path("stop1.h5"), expect=3)
mc(*RUN, "--stop-at-sweep", "17", "--output", path("stop3.h5"), ranks=3, expect=3)
same(path("stop1.h5.checkpoint"), path("stop3.h5.checkpoint"),
     "checkpoints at sweep 17 of one process and of 3 ranks")
# a check only rank 0 makes (the checkpoint exists, no --resume) ends every rank with exit 2
r = mc(*RUN, "--output", path("stop3.h5"), ranks=3, expect=2)
if r is not None and "exists (accepted: --resume" not in r.stderr:
    c.fail(f"an existing checkpoint on 3 ranks is not refused by name:\n{r.stderr}")
# resumed on 2 ranks: the single run's file (the checkpoint equals one process's, whose resume
# alone cli_mc_run checks)
mc(*RUN, "--resume", "--output", path("stop3.h5"), ranks=2)
same(path("single.h5"), path("stop3.h5"), "stopped on 3 ranks, resumed on 2")
# one process's checkpoint resumed on 3 ranks
mc(*RUN, "--resume", "--output", path("stop1.h5"), ranks=3)
same(path("single.h5"), path("stop1.h5"), "stopped alone, resumed on 3 ranks")

# 3. more ranks than samples: each sample's 2 chains on 2 ranks (check_mc_mpi_split.py has more)
TWO = [a if a != "5" else "2" for a in RUN]  # --samples 2
mc(*TWO, "--output", path("two1.h5"))
mc(*TWO, "--output", path("two4.h5"), ranks=4)
same(path("two1.h5"), path("two4.h5"), "4 ranks for 2 samples")

# 4. an umbrella run, and a part of a job array, on 3 ranks
UMBRELLA = ["--p", "3", "--n", "24", "--k", "6", "--temps", "0.15", "--windows", "0:1:4",
            "--samples", "3", "--replicas", "1", "--therm", "8", "--sweeps", "30", "--bins", "3",
            "--seed", "5", "--threads", "1", "--quiet"]
mc(*UMBRELLA, "--output", path("umbrella1.h5"))
mc(*UMBRELLA, "--output", path("umbrella3.h5"), ranks=3)
same(path("umbrella1.h5"), path("umbrella3.h5"), "umbrella windows on 3 ranks")
mc(*RUN, "--sample-range", "1:5", "--output", path("part1.h5"))
mc(*RUN, "--sample-range", "1:5", "--output", path("part3.h5"), ranks=3)
same(path("part1.h5"), path("part3.h5"), "the part 1:5 on 3 ranks")

# 5. a rank killed after a checkpoint: the run ends (mpirun ends the others), the checkpoint
# resumes to the single run's file. Long enough (about 1.4 s alone, 0.7 s on 3 ranks) to be killed
# well before its end after its first checkpoint (at 0.05 s).
LONG = ["--p", "3", "--n", "64", "--k", "40", "--temps", "0.1:0.3:4", "--replicas", "2",
        "--samples", "3", "--therm", "100", "--sweeps", "12000", "--bins", "4", "--seed", "9",
        "--threads", "1", "--quiet"]
mc(*LONG, "--output", path("long1.h5"))
command = launcher(mpiexec, 3) + [exe] + LONG + ["--checkpoint-every", "0.05", "--output", path("long3.h5")]
job = subprocess.Popen(command, env=mpi_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
deadline = time.time() + 60
victims = []  # the ranks: mpirun's children, found before the checkpoint so as to kill at once
while not os.path.exists(path("long3.h5.checkpoint")) and time.time() < deadline \
        and job.poll() is None:
    if len(victims) < 3:
        victims = subprocess.run(["pgrep", "-P", str(job.pid), "-f", os.path.basename(exe)],
                                 capture_output=True, text=True).stdout.split()
    else:
        time.sleep(0.01)
if job.poll() is not None or not victims:
    c.fail(f"the run to be killed ended or showed no ranks before its first checkpoint "
           f"(exit {job.poll()}, children {victims})")
    job.kill()
else:
    os.kill(int(victims[-1]), signal.SIGKILL)
    try:
        job.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        job.kill()
        c.fail("a rank killed by SIGKILL left the others running (no end within "
               f"{TIMEOUT_S} s)")
    if job.returncode == 0:
        c.fail("a run with a killed rank exited 0")
    if os.path.exists(path("long3.h5")):
        c.fail("a run with a killed rank wrote its results file")
    mc(*LONG, "--resume", "--output", path("long3.h5"), ranks=2)
    same(path("long1.h5"), path("long3.h5"), "killed on 3 ranks after a checkpoint, resumed on 2")

# 6. the subcommands run as one process
mc("status", path("single.h5"), ranks=2, expect=2)

c.finish("mc on 3 ranks writes the single-process file (ladder, umbrella, part); a stop on 3 "
         "ranks resumes on 2, a single process's on 3; split chains; a killed rank")

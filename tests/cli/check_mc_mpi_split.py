"""mc under mpirun with fewer samples than ranks (issue 18, item 1): each sample's chains are split
over a group of ranks, and the file still equals the one a single process writes, dataset by
dataset (scripts/compare_mc_files.py): 1 sample of 3 chains on 3 ranks (a chain each), 2 samples
of 2 chains on 3 ranks (one sample split, one whole), umbrella windows with 2 chains on 2 ranks.
A run stopped at a sweep on 3 ranks leaves the checkpoint one process leaves there and resumes
on 2 ranks (chains split 1 + 2) to the single run's file; one process's checkpoint resumes on 3
ranks. A rank without a chain (more ranks than a sample has chains) is named in a warning.
Usage: check_mc_mpi_split.py MPIEXEC MC_EXE COMPARE_SCRIPT WORKDIR"""
import sys

from cli_check import CliCheck
from mpi_check import McFiles, launcher, run_checked

mpiexec, exe, compare, root = sys.argv[1:5]
c = CliCheck(root, "mc_mpi_split")
path = c.path

# 1 sample x 3 replicas x 3 temperatures, N = 16: a few milliseconds per run
ONE = ["--p", "3", "--n", "16", "--k", "8", "--temps", "0.1:0.3:3", "--replicas", "3",
       "--samples", "1", "--therm", "10", "--sweeps", "40", "--bins", "4", "--seed", "78",
       "--init", "noisy:0.6", "--threads", "1", "--quiet"]


def with_option(args, name, value):
    at = args.index(name)
    return args[:at + 1] + [value] + args[at + 2:]


def mc(*args, ranks=None, expect=0):
    return run_checked(c, launcher(mpiexec, ranks) + [exe] + list(args), expect)


same = McFiles(c, compare).same


# 1. one sample, a chain on each of 3 ranks; the header names the group
mc(*ONE, "--output", path("one1.h5"))
r = mc(*[a for a in ONE if a != "--quiet"], "--output", path("one3.h5"), ranks=3)
if r is not None and "sample 0 on ranks 0..2" not in r.stderr:
    c.fail(f"1 sample on 3 ranks: the header does not name the group:\n{r.stderr}")
same(path("one1.h5"), path("one3.h5"), "1 sample of 3 chains on 3 ranks")

# 2. two samples of 2 chains on 3 ranks: sample 0 on ranks 0..1, sample 1 whole on rank 2
TWO = with_option(with_option(ONE, "--samples", "2"), "--replicas", "2")
mc(*TWO, "--output", path("two1.h5"))
mc(*TWO, "--output", path("two3.h5"), ranks=3)
same(path("two1.h5"), path("two3.h5"), "2 samples of 2 chains on 3 ranks")

# 3. stopped at sweep 17 on 3 ranks: one process's checkpoint there; resumed on 2 ranks (chains
# 1 + 2, the measuring rank the fewest): the single run's file. One process's checkpoint resumed
# on 3 ranks likewise.
mc(*ONE, "--stop-at-sweep", "17", "--output", path("stop1.h5"), expect=3)
mc(*ONE, "--stop-at-sweep", "17", "--output", path("stop3.h5"), ranks=3, expect=3)
same(path("stop1.h5.checkpoint"), path("stop3.h5.checkpoint"),
     "checkpoints at sweep 17 of one process and of 3 ranks (1 sample)")
mc(*ONE, "--resume", "--output", path("stop3.h5"), ranks=2)
same(path("one1.h5"), path("stop3.h5"), "1 sample stopped on 3 ranks, resumed on 2")
mc(*ONE, "--resume", "--output", path("stop1.h5"), ranks=3)
same(path("one1.h5"), path("stop1.h5"), "1 sample stopped alone, resumed on 3 ranks")

# 4. umbrella windows: the windows of a chain stay on its rank, the 2 chains on 2 ranks
UMBRELLA = ["--p", "3", "--n", "24", "--k", "6", "--temps", "0.15", "--windows", "0:1:4",
            "--samples", "1", "--replicas", "2", "--therm", "8", "--sweeps", "30", "--bins", "3",
            "--seed", "5", "--threads", "1", "--quiet"]
mc(*UMBRELLA, "--output", path("umbrella1.h5"))
mc(*UMBRELLA, "--output", path("umbrella2.h5"), ranks=2)
same(path("umbrella1.h5"), path("umbrella2.h5"), "umbrella windows, 2 chains on 2 ranks")

# 5. more ranks than a sample's chains: rank 2 idle, named in a warning; the file unchanged
IDLE = with_option(TWO, "--samples", "1")
mc(*IDLE, "--output", path("idle1.h5"))
r = mc(*[a for a in IDLE if a != "--quiet"], "--output", path("idle3.h5"), ranks=3)
if r is not None and "no chain on rank(s) 2," not in r.stderr:
    c.fail(f"1 sample of 2 chains on 3 ranks: no warning naming rank 2:\n{r.stderr}")
same(path("idle1.h5"), path("idle3.h5"), "1 sample of 2 chains on 3 ranks (one idle)")

c.finish("mc with fewer samples than ranks splits the chains and writes the single-process file "
         "(ladder, umbrella); a stop on 3 ranks resumes on 2, a single process's on 3; idle ranks")

"""The work distribution of phase-diagram and glassiness (apps/common/distributed_units) through its
test program: alone and on 3 ranks every unit reaches rank 0 exactly once with its own bytes;
an exception in a unit on rank 1, or on rank 0 while its thread serves the others, ends every
rank with exit 1 and a message naming the rank and the unit (never a hang); alone, the
exception comes back to the caller (exit 1).

Usage: check_mpi_probe.py PROBE WORKDIR [MPIEXEC]   (without MPIEXEC: the single-process cases)"""
import subprocess
import sys

from cli_check import CliCheck
from mpi_check import mpi_environment

probe, root = sys.argv[1], sys.argv[2]
mpiexec = sys.argv[3] if len(sys.argv) > 3 else None
TIMEOUT_S = 60  # a hang fails the test instead of blocking the suite
c = CliCheck(root, "mpi_probe")


def run(units, threads, fail_rank, ranks=None):
    env = mpi_environment(threads=None)  # the probe sets its own thread counts
    command = ([mpiexec, "--oversubscribe", "-np", str(ranks)] if ranks else []) + [
        probe, str(units), str(threads), str(fail_rank)]
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        c.fail(f"no end within {TIMEOUT_S} s: {' '.join(command)}")
        return None


def expect(r, code, text, what):
    if r is not None and (r.returncode != code or text not in r.stdout + r.stderr):
        c.fail(f"{what}: exit {r.returncode} (expected {code}, with '{text}')\n{r.stdout}{r.stderr}")


expect(run(30, 2, -1), 0, "30 units on 1 ranks: 0 wrong", "alone, 2 threads")
expect(run(3, 1, 0), 1, "the probe's failure", "alone, a failing unit")
if mpiexec:
    expect(run(40, 2, -1, 3), 0, "40 units on 3 ranks: 0 wrong", "3 ranks, 2 threads each")
    expect(run(0, 1, -1, 3), 0, "0 units on 3 ranks: 0 wrong", "3 ranks, no units")
    expect(run(40, 1, 1, 3), 1, "rank 1 of 3: unit", "3 ranks, rank 1 fails")
    expect(run(40, 1, 0, 3), 1, "rank 0 of 3: unit", "3 ranks, rank 0 fails")
c.finish("distributed units: each unit once on rank 0; a failing rank ends the run")

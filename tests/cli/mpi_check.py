"""What the mpirun checks share (check_mc_mpi.py, check_mc_mpi_split.py, check_mpi_runs.py,
check_mpi_probe.py): the environment mpirun needs in a CI container, the launcher prefix, a
runner that fails the check on a wrong exit code or a hang, and the dataset-by-dataset comparison
of two mc files through scripts/compare_mc_files.py (loaded once: a process per comparison would
pay h5py's import every time)."""
import contextlib
import importlib.util
import io
import os
import subprocess

TIMEOUT_S = 120  # a hang fails the test instead of blocking the suite


def mpi_environment(threads="1"):
    env = dict(os.environ,
               # containers often forbid the cross-memory attach of the shared-memory transport
               OMPI_MCA_btl_vader_single_copy_mechanism="none")
    if threads is not None:
        env["OMP_NUM_THREADS"] = threads
    if os.geteuid() == 0:  # CI runs as root; mpirun refuses root without both of these
        env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    return env


def launcher(mpiexec, ranks):
    """The mpirun prefix for `ranks` ranks (none: run the program directly)."""
    return [mpiexec, "--oversubscribe", "-np", str(ranks)] if ranks else []


def run_checked(check, command, expect=0, timeout=TIMEOUT_S, env=None):
    """Runs command; a hang or an exit other than `expect` fails `check`. None on a hang."""
    try:
        r = subprocess.run(command, env=env if env is not None else mpi_environment(),
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        check.fail(f"no end within {timeout} s: {' '.join(command)}")
        return None
    if r.returncode != expect:
        check.fail(f"exit {r.returncode} (expected {expect}) for {' '.join(command)}:\n{r.stderr}")
    return r


class McFiles:
    """Compares mc results or checkpoint files with scripts/compare_mc_files.py."""

    def __init__(self, check, compare_script):
        spec = importlib.util.spec_from_file_location("compare_mc_files", compare_script)
        self._module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self._module)
        self._check = check

    def same(self, a, b, what):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            differ = self._module.main(a, b)
        if differ != 0:
            self._check.fail(f"{what}: {output.getvalue()}")

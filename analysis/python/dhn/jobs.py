"""Run the suite's programs as jobs: one command line each, several at once, resumable.

The figure-data and cross-check scripts (scripts/figure_data.py, scripts/crosscheck.py) both run
many independent program invocations (phase-diagram, capacity, glassiness, mc). This module is
their one runner, so that ordering, skipping finished work, capturing output and reporting a
failure behave the same in both:

- a `Job` is a command line, the file it produces (or None), a label and a relative cost;
- `run_all` runs the jobs longest first (by cost; ties keep their given order) on a thread pool
  (each job is a separate process, so threads only wait), skips a job whose output file already
  exists when asked to (the resumable cross-check), and returns the stdout and wall time of each;
- a job with `stdout_to_output` writes the program's stdout into its output file atomically
  (temporary file in the same folder, then a rename), e.g. `capacity --json`;
- a failing or missing program raises `JobError`, which names the command, the exit status and
  the program's stderr; jobs not yet started are cancelled, running ones are waited for.
"""
import concurrent.futures
import os
import shlex
import subprocess
import time
from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass
class Job:
    """One program run. output: the file it writes (None: its stdout is the result); cost: any
    positive measure of its duration, only used to start the longest first."""
    command: Sequence[str]
    label: str
    output: Optional[str] = None
    cost: float = 0.0
    stdout_to_output: bool = False


@dataclass
class JobResult:
    """What one finished job left: its label, wall time in seconds and stdout."""
    job: Job
    seconds: float
    stdout: str

    @property
    def label(self):
        return self.job.label


class JobError(RuntimeError):
    """A program that could not be started or exited non-zero; str() says which and why."""

    def __init__(self, job, message):
        super().__init__(message)
        self.job = job


def sync_and_replace(temporary, path):
    """fsync the finished temporary, rename it onto path, fsync the folder: atomic and durable
    (a power loss leaves the old file or the new one, as the C++ writer, issue 16)."""
    fd = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def require_programs(parser, script, args, names):
    """Exit 2 through the argparse parser unless each program named by args.<name> (names in
    argparse's attribute spelling, e.g. "phase_diagram") is executable."""
    for name in names:
        if not os.access(getattr(args, name), os.X_OK):
            parser.exit(2, f"{script}: program {getattr(args, name)} not found; build it (cmake --build build) "
                           f"or pass --{name.replace('_', '-')}\n")


def write_text_atomically(path, text):
    """Write text to path through `<path>.tmp` in the same folder and a rename, so that a reader
    (or a resumed run) never sees a half-written file."""
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        f.write(text)
    sync_and_replace(temporary, path)


def run_job(job):
    """Run one job to completion; returns its JobResult, raises JobError on failure."""
    start = time.monotonic()
    try:
        result = subprocess.run(list(job.command), capture_output=True, text=True)
    except OSError as error:
        raise JobError(job, f"{shlex.join(job.command)} could not be started: {error}") from error
    if result.returncode != 0:
        raise JobError(job, f"{shlex.join(job.command)} exited {result.returncode}\n{result.stderr}")
    if job.stdout_to_output:
        write_text_atomically(job.output, result.stdout)
    return JobResult(job=job, seconds=time.monotonic() - start, stdout=result.stdout)


def pending(jobs, skip_existing=True):
    """The jobs still to run, longest first: all of them, or (skip_existing) those whose output
    file does not exist yet."""
    todo = [j for j in jobs if not (skip_existing and j.output is not None and os.path.exists(j.output))]
    return sorted(todo, key=lambda j: -j.cost)


def run_all(jobs, workers, skip_existing=True):
    """Run the pending jobs `workers` at a time (see pending). Returns the JobResults in the order
    they finished; raises the first JobError after the jobs already running have ended."""
    if workers < 1:
        raise ValueError(f"run_all: workers must be >= 1, got {workers}")
    results = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(run_job, j) for j in pending(jobs, skip_existing)]
        for future in concurrent.futures.as_completed(futures):
            results.append(future.result())
    except JobError:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
    return results

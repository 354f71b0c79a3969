#!/usr/bin/python3
"""Theory against simulation: T_M and the capacity by finite-size scaling of Monte Carlo (issue 6).

Usage: crosscheck.py [--size ci|reduced|publication] [--mc EXE] [--phase-diagram EXE] [--capacity EXE]
                     [--output DIR] [--jobs 2] [--n-boot 1000] [--dry-run]

Runs `mc` (convention B, "distinct", every walker started on the cued pattern, --swap-every 0 so
each ladder slot is an independent walker) and writes into the output folder (default
data/crosscheck; files of an earlier run with the same parameters are kept, so it is resumable):
  mc_<size>/tm_p{P}_a{alpha}_n{N}.h5   temperatures from 0.55 (P = 3) or 0.4 (P = 4) x T_M(RS) up
                                       to T_M, P = 3 at alpha = 0.02, 0.05, P = 4 at 0.005, 0.01
  mc_<size>/cap_p{P}_n{N}_a{alpha}.h5  T = 0.02 on a grid of loads around the capacities, P = 2
                                       (the Hopfield model: the protocol's test against AGS), 3, 4
  theory/          phase-diagram (RS and 1RSB T_M; 1RSB m at T = 0.02 near the capacity) and
                   capacity --json (T = 0 RS and 1RSB capacities)
  crosscheck.h5                        the results (docs/hdf5-schema.md, "Cross-check results"; read
                                       by dhn.readers.load_crosscheck, notebook 06), of the size run last
  crosscheck.md, crosscheck.json       the table (also printed on stdout) and every number behind
                                       it, of the size run last
The experiment (loads, grids, sizes, command lines) is dhn.experiments, the runner dhn.jobs, the
analysis dhn.crosscheck (half points x*(N) of the retrieval probability, bootstrap over disorder
samples, extrapolation in N^-2/3 with the 1/N fit as a check; for the capacity runs also the split
diagnostic, gap fraction and threshold spread, and the mean m below the capacity). Theory: RS T_M and the RS
capacity at T = 0.02 from dhn.reference (NumPy, independent of theory/), 1RSB values from the
phase-diagram and capacity programs. The report (markdown, JSON) is dhn.report.
Sizes: ci (the smallest that runs every step; scripts/figure_data.py makes it for notebook 06),
reduced (default, about 1.5 min on 2 cores) and publication (about 31 min; docs/results.md).
Exit codes: 0 done; 1 a program failed; 2 bad arguments, a missing program, or an existing mc file
whose parameters differ from this version's (remove it or use another --output).
"""
import argparse
import datetime
import os
import shlex
import sys
import time

from dhn import crosscheck, jobs, report, writers
from dhn import experiments as ex

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(ex.SIZES), default="reduced")
    parser.add_argument("--mc", default=os.path.join(ROOT, "build", "bin", "mc"))
    parser.add_argument("--phase-diagram", dest="phase_diagram",
                        default=os.path.join(ROOT, "build", "bin", "phase-diagram"))
    parser.add_argument("--capacity", default=os.path.join(ROOT, "build", "bin", "capacity"))
    parser.add_argument("--output", default=os.path.join(ROOT, "data", "crosscheck"))
    parser.add_argument("--jobs", type=int, default=2, help="programs run at once (each mc run uses 1 thread)")
    parser.add_argument("--n-boot", type=int, help="bootstrap resamples per half point (default: 200 for ci, "
                        "else 1000)")
    parser.add_argument("--dry-run", action="store_true", help="list the runs still to do and their estimated cost")
    args = parser.parse_args(argv)
    size = ex.SIZES[args.size]
    args.n_boot = args.n_boot or size["n_boot"]
    if args.jobs < 1 or args.n_boot < 10:
        parser.exit(2, "crosscheck: --jobs must be >= 1 and --n-boot >= 10\n")
    jobs.require_programs(parser, "crosscheck", args, ("mc", "phase_diagram", "capacity"))
    folder = os.path.abspath(args.output)
    for sub in (f"mc_{args.size}", "theory"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    started = time.monotonic()
    mc = ex.mc_jobs(args.mc, folder, args.size)
    stale = [j.output for j, expect in mc if os.path.exists(j.output) and not ex.matches(j.output, expect)]
    if stale:
        parser.exit(2, f"crosscheck: {len(stale)} files in {folder} were made with other parameters (an older "
                       f"version?), e.g. {stale[0]}; use another --output or remove them\n")
    work = [j for j, _ in mc] + ex.theory_jobs(args.phase_diagram, args.capacity, folder, size["rsb1_low_t"])
    todo = jobs.pending(work)
    estimate = sum(j.cost for j in todo) / args.jobs
    sys.stderr.write(f"crosscheck: {len(todo)} of {len(work)} runs to do, roughly {estimate / 60:.1f} min "
                     f"on {args.jobs} workers\n")
    if args.dry_run:
        for j in todo:
            print(f"{j.cost:8.1f} s  {shlex.join(j.command)}")
        return 0
    try:
        done = jobs.run_all(work, args.jobs)
    except jobs.JobError as error:
        sys.stderr.write(f"crosscheck: {error}")
        return 1
    th = crosscheck.theory_values(folder, size["rsb1_low_t"])
    tm = crosscheck.tm_analysis(folder, args.size, args.n_boot)
    cap, split = crosscheck.capacity_analysis(folder, args.size, args.n_boot)
    branch = crosscheck.branch_analysis(folder, args.size, th, size["rsb1_low_t"])
    wall = time.monotonic() - started
    timings = [(r.label, r.seconds) for r in done]
    meta = dict(command=shlex.join(["python3", "scripts/crosscheck.py", "--size", args.size, "--jobs", str(args.jobs)]),
                wall_s=wall, jobs_run=len(done), jobs_kept=len(work) - len(done),
                created_utc=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                slowest=sorted(timings, key=lambda t: -t[1])[:5])
    text = report.markdown(th, tm, cap, split, branch, args.size, meta)
    print(text)
    writers.write_crosscheck(os.path.join(folder, "crosscheck.h5"), th, tm, cap, split, branch, parameters=dict(
        size=args.size, omega=ex.OMEGA, tm_threshold=ex.TM_THRESHOLD, capacity_T=ex.CAPACITY_T, n_boot=args.n_boot,
        runs=ex.SIZES[args.size]), provenance={k: v for k, v in meta.items() if k != "slowest"})
    jobs.write_text_atomically(os.path.join(folder, "crosscheck.md"), text)
    jobs.write_text_atomically(os.path.join(folder, "crosscheck.json"),
                               report.json_text(th, tm, cap, split, branch, args.size, meta))
    sys.stderr.write(f"crosscheck: {args.size} done in {wall:.0f} s wall; table in {folder}/crosscheck.md\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Theory against simulation at equilibrium: the free-energy profile f(m) for P = 3 and 4 (issue 15).

Usage: profile_crosscheck.py [--size ci|reduced|publication] [--mc EXE] [--landau EXE]
                             [--output DIR] [--jobs 2] [--dry-run]

Runs `mc --windows` (umbrella sampling in m, convention B, distinct variant) at the points of
dhn.profile_experiment, three sizes N each, and `landau` (RS, with the exact finite-N terms at
each N, and at N = infinity), then compares them (dhn.profile_check). Writes into the output
folder (default data/profile_crosscheck; files already there are kept, so it is resumable):
  mc_<size>/<point>_n{N}.h5      the umbrella runs
  theory/<point>_n{N}_rs.h5      landau --n N on the levels m = S/N; <point>_inf_rs.h5 at N = inf
  profile_crosscheck_<size>.h5   the comparison (docs/hdf5-schema.md, "Profile cross-check"),
                                 read by notebook 07
  profile_crosscheck_<size>.md   the table (also printed), docs/results.md
Sizes: ci (one P = 3 point, about 40 s), reduced (all points, small N, minutes), publication (the
table of docs/results.md: 1.6 core-hours of mc, about 50 min on 2 cores; the wall time and the
core-hours per point are printed and stored).
Exit codes: 0 done; 1 a program failed; 2 bad arguments or a missing program.
"""
import argparse
import datetime
import os
import shlex
import sys
import time

import h5py
import numpy as np

from dhn import jobs, profile_check, writers
from dhn import profile_experiment as ex

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def infinite_file(folder, point, level="rs"):
    return os.path.join(folder, "theory", f"{point.key}_inf_{level}.h5")


def infinite_jobs(landau, folder, size):
    """landau at N = infinity: RS on a fine grid, 1RSB (0.15 s a point) on a coarser one."""
    return [jobs.Job(command=[landau, "--p", str(p.P), "--alpha", repr(p.alpha), "--t", repr(p.T),
                              "--m-grid", grid, "--level", level, "--quiet", "--output", infinite_file(folder, p, level)],
                     label=os.path.basename(infinite_file(folder, p, level)), output=infinite_file(folder, p, level),
                     cost=1.0)
            for p in ex.points(size) for level, grid in (("rs", "0:1:0.005"), ("1rsb", "0:1:0.02"))]


def mc_wall_seconds(path):
    with h5py.File(path, "r") as f:
        return float(f["mc/meta"].attrs["wall_seconds"])


def fmt(x, digits=4):
    return "-" if not np.isfinite(x) else f"{x:.{digits}f}"


def pm(x, e, digits=4):
    return "-" if not np.isfinite(x) else f"{x:+.{digits}f} ± {e:.{digits}f}"


def statement(result, level="rs"):
    """The plain statement of a row: the profile on both sides of the barrier, from r_inf."""
    parts = []
    for side, name in (("retrieval", "retrieval side"), ("small", "small-m side")):
        agrees, worst, count = result.agreement(side, level)
        if agrees is None:
            continue
        verdict = "agrees" if agrees else "disagrees"
        parts.append(f"{name} {verdict} (worst {worst:.1f} σ over {count} m)")
    return "; ".join(parts)


def resolved(sizes):
    return " / ".join("-" if not np.isfinite(N) else f"{N:.0f}" for N in sizes)


def markdown(results, size, meta):
    lines = [f"# Equilibrium profiles f(m) against the RS theory ({size})", "",
             f"{meta['command']}, {meta['created_utc']}; wall {meta['wall_s']:.0f} s, "
             f"{meta['core_hours']:.3f} core-hours of mc.", "",
             "Per N: restriction threshold c_N, samples D, round trips, smallest exchange rate, e drift "
             "(σ), share of m = 0 visits with max|m_nu| > c_N / > 0.7; minimum m (mc / theory at N); depth "
             "f(m_min) - f(0) (mc / theory at N).", "",
             "| point | role | N | c_N | D | trips | min exch | drift | cond(0) | m_min mc / th | "
             "depth mc | depth th |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for s in r.sizes:
            lines.append(f"| P={r.P} α={r.alpha:g} T={r.T:g} | {r.role} | {s.N} | {s.threshold:.2f} | {s.samples} | "
                         f"{s.round_trips} | {s.min_exchange_rate:.2f} | {s.drift:.1f} | "
                         f"{s.condensed_at_zero:.2f} / {s.retrieved_at_zero:.2f} | "
                         f"{fmt(s.minimum_mc, 3)} / {fmt(s.minimum_theory, 3)} | {pm(s.depth_mc, s.depth_mc_error)} | "
                         f"{fmt(s.depth_theory)} |")
    lines += ["", "Extrapolated residual r_inf(m) = [f(m) - f(m_ref)]_mc - [..]_RS, N -> infinity "
              "(r_N = r_inf + b/N; ± statistical, [systematic]):", "",
              "| point | m_ref | barrier | r_inf at m = 0 | at m = 0.5 | at m = 1 | statement (RS) | 1RSB - RS | "
              "statement (1RSB) | N resolving min / sign | core-h |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        def at(x):
            j = int(np.argmin(np.abs(profile_check.GRID - x)))
            return f"{pm(r.r_inf[j], r.r_inf_error[j])} [{fmt(r.r_inf_sys[j])}]"
        lines.append(f"| P={r.P} α={r.alpha:g} T={r.T:g} | {r.m_ref:.4f} | {r.m_split:.3f} | {at(0.0)} | {at(0.5)} | "
                     f"{at(1.0)} | {statement(r)} | {r.rsb1_shift:.1e} | {statement(r, '1rsb')} | "
                     f"{resolved(meta['resolving_N'][r.key])} | {meta['core_hours_by_point'][r.key]:.3f} |")
    return "\n".join(lines) + "\n"


def write_results(path, results, size, meta):
    def write(f):
        writers.tag(f, "profile_crosscheck")
        f.attrs.update(size=size, grid_step=1.0 / 16, random_share=profile_check.RANDOM_SHARE,
                       **{k: v for k, v in meta.items() if not isinstance(v, dict)})
        f.create_dataset("m", data=profile_check.GRID)
        for r in results:
            g = writers.tagged_group(f, r.key, "profile_point", P=r.P, alpha=r.alpha, T=r.T, role=r.role,
                                     m_ref=r.m_ref, m_split=r.m_split, statement=statement(r),
                                     core_hours=meta["core_hours_by_point"][r.key], rsb1_shift=r.rsb1_shift,
                                     statement_1rsb=statement(r, "1rsb"),
                                     resolving_minimum_N=meta["resolving_N"][r.key][0],
                                     resolving_sign_N=meta["resolving_N"][r.key][1])
            for name in ("r_inf", "r_inf_error", "r_inf_sys", "slope", "r_inf_1rsb", "r_inf_1rsb_error",
                         "r_inf_1rsb_sys"):
                g.create_dataset(name, data=getattr(r, name))
            th = g.create_group("theory")
            for name, value in r.theory.items():
                th.create_dataset(name, data=value)
            g.create_dataset("N", data=np.array([s.N for s in r.sizes]))
            for name in ("K", "samples", "threshold", "minimum_mc", "minimum_theory", "depth_mc", "depth_mc_error",
                         "depth_theory", "condensed_at_zero", "retrieved_at_zero", "round_trips", "min_exchange_rate",
                         "drift"):
                g.create_dataset(name, data=np.array([getattr(s, name) for s in r.sizes]))
            for name in ("residual", "residual_error", "residual_total", "residual_total_error", "mc_profile",
                         "mc_profile_error", "theory_profile", "residual_1rsb", "residual_1rsb_error",
                         "theory_profile_1rsb"):
                g.create_dataset(name, data=np.array([getattr(s, name) for s in r.sizes]))
    writers.atomic_h5(path, write)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(ex.SIZES), default="reduced")
    parser.add_argument("--mc", default=os.path.join(ROOT, "build", "bin", "mc"))
    parser.add_argument("--landau", default=os.path.join(ROOT, "build", "bin", "landau"))
    parser.add_argument("--output", default=os.path.join(ROOT, "data", "profile_crosscheck"))
    parser.add_argument("--jobs", type=int, default=2, help="programs run at once (each mc run uses 1 thread)")
    parser.add_argument("--dry-run", action="store_true", help="list the runs still to do")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.exit(2, "profile_crosscheck: --jobs must be >= 1\n")
    jobs.require_programs(parser, "profile_crosscheck", args, ("mc", "landau"))
    folder = os.path.abspath(args.output)
    for sub in (f"mc_{args.size}", "theory"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    started = time.monotonic()
    mc = ex.mc_jobs(args.mc, folder, args.size)
    work = (mc + ex.landau_jobs(args.landau, folder, args.size) + infinite_jobs(args.landau, folder, args.size)
            + ex.resolve_jobs(args.landau, folder, args.size))
    todo = jobs.pending(work)
    sys.stderr.write(f"profile_crosscheck: {len(todo)} of {len(work)} runs to do\n")
    if args.dry_run:
        for j in todo:
            print(shlex.join(j.command))
        return 0
    try:
        done = jobs.run_all(work, args.jobs)
    except jobs.JobError as error:
        sys.stderr.write(f"profile_crosscheck: {error}")
        return 1
    results, resolving = [], {}
    for point in ex.points(args.size):
        resolving[point.key] = profile_check.resolving_sizes({N: ex.resolve_file(folder, point, N) for N in ex.RESOLVE_N})
        Ns = ex.SIZES[args.size]["N"][point.P]
        results.append(profile_check.analyse_point(
            point, {N: ex.mc_file(folder, args.size, point, N) for N in Ns},
            {N: ex.landau_file(folder, point, N) for N in Ns}, infinite_file(folder, point),
            {N: ex.landau_file(folder, point, N, "1rsb") for N in Ns}, infinite_file(folder, point, "1rsb")))
    # each mc run uses one thread: its own wall time (kept in the file, also for runs of an
    # earlier invocation) is its core time
    mc_seconds = {j.label: mc_wall_seconds(j.output) for j in mc}
    meta = dict(command=shlex.join(["python3", "scripts/profile_crosscheck.py", "--size", args.size]),
                wall_s=time.monotonic() - started, core_hours=sum(mc_seconds.values()) / 3600.0,
                mc_runs=len(mc), slowest_mc_run_s=max(mc_seconds.values()),
                core_hours_by_point={p.key: sum(mc_seconds[os.path.basename(ex.mc_file(folder, args.size, p, N))]
                                                for N in ex.SIZES[args.size]["N"][p.P]) / 3600.0
                                     for p in ex.points(args.size)},
                resolving_N=resolving,
                created_utc=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    text = markdown(results, args.size, meta)
    print(text)
    write_results(os.path.join(folder, f"profile_crosscheck_{args.size}.h5"), results, args.size, meta)
    jobs.write_text_atomically(os.path.join(folder, f"profile_crosscheck_{args.size}.md"), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

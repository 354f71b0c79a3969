#!/usr/bin/python3
"""Generate the data behind every figure (notebooks/*.ipynb) with the suite's programs.

Usage: figure_data.py [--size reduced|publication] [--bin-dir build/bin] [--output data]
                      [--phase-diagram EXE] [--capacity EXE] [--glassiness EXE] [--landau EXE]
                      [--mc EXE] [--transport EXE] [--threads N]

Writes into the output folder (created if missing; files are replaced atomically):
  phase_diagram_p4.h5   phase-diagram --p 4 --level rs,1rsb (notebook 01)
  phase_diagram_p2.h5   phase-diagram --p 2 at the AGS reference loads (the [paper] tests)
  capacity.h5           capacity --json for P = 2..8, rs and 1rsb, distinct and full (notebook 02)
  glassiness_p{2,3,4,8}.h5  glassiness at one load each, 1RSB for P > 2 (notebook 03)
  phase_diagram_p3.h5   phase-diagram --p 3, RS (notebooks 04, 05; the 1RSB glass lines of P = 3
                        come from glassiness_p3.h5 scaled by sqrt(alpha), physics.md section 6)
  mc/mT_p{3,4}_a{alpha}.h5  mc m(T), e(T) from the cued pattern, no swaps (notebook 04, [paper])
  mc/glass_p3.h5        mc in the glass phase with parallel tempering, P(q) (notebook 04)
  mc/fss_p3_n{N}_a{alpha}.h5  mc at low T from the cued pattern: retrieval probability (notebook 05)
  crosscheck/           scripts/crosscheck.py --size ci: T_M and capacity by finite-size scaling
                        (notebook 06); a table of a larger size already there is kept
  mc/profile_p3_n{N}.h5 mc --windows: umbrella profile f_N(m) at one (alpha, T) (notebook 07)
  mc/profile_p3_a0.05_t0.16_n{N}.h5  mc --windows on the patterns of mc/mT_p3_a0.05.h5 at its slot T = 0.16:
                        the cued run's <m> against the profile's retrieval basin ([paper])
  mc/profile_enumeration_p{3,4}.h5  mc --windows at N = 12, K = 4 with --save-patterns: the [paper]
                        test recomputes these profiles by enumerating all 2^12 states
  landau_p3_n{N}.h5     landau --n N: the RS f(m) with the exact finite-N terms (signal, count of states) (notebook 07)
  transport_p3.h5       transport --p 3: the signal conservation law (characteristics, shock path, m(T, h))
                        and the exact finite-N curves N = 32..1024 (notebook 08)
  transport_load_p3.h5  transport --p 3 --sections load,glauber: the RS transport with load against the RS
                        solver (T_M, T_c against alpha; f, m, q against T) and the Glauber flow's basin
                        m0*(T) and m(t) from cues (notebook 08)
  mc/one_pattern_p3_n{N}.h5  mc at one pattern (K = 1) from random spins with tempering: the exact
                        finite-N curves' Monte Carlo counterpart (notebook 08)
  profile_crosscheck/   scripts/profile_crosscheck.py --size ci: one P = 3 point's profiles at three N against
                        the theory (notebook 07, the [paper] profile test); a larger size already there is kept
The reduced size (default) takes about 1-2 min on 2 cores (the Monte Carlo runs are most of it),
the publication size about 15 min (the N = 128 umbrella profile alone about 6 min, estimated from the
N = 64 reduced run).
Exit codes: 0 done; 2 bad arguments or a missing program; 1 a program failed.
"""
import argparse
import datetime
import json
import math
import os
import shlex
import subprocess
import sys
import time

from dhn import jobs, readers, writers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Grids in convention B. The P = 4 loads reach past the 1RSB spinodal capacity (0.0382).
SIZES = {
    "reduced": dict(pd_alpha="0:0.04:0.001", pd_T="0.001:0.1:0.001", p2_glass_points=None),
    "publication": dict(pd_alpha="0:0.04:0.00025", pd_T="0.0005:0.1:0.0005", p2_glass_points=400),
}
P3_GRID = {"reduced": ("0:0.2:0.004", "0.004:0.32:0.004"), "publication": ("0:0.2:0.001", "0.001:0.32:0.001")}

# Monte Carlo (convention B). m(T): two loads inside the retrieval phase for P = 3 (alpha = 0.02,
# 0.05: RS T_M = 0.281, 0.266) and P = 4 (alpha = 0.005, 0.01: T_M = 0.0794, about 0.077),
# temperatures up to about 0.8 T_M, each slot an independent walker (--swap-every 0) started on
# the cued pattern. Glass: P = 3 at alpha = 0.6, far above both capacities even at these small N
# (1RSB T_s = 0.651 sqrt(2 alpha/3!) = 0.291, T_d = 0.305), with tempering from random states.
# FSS: P = 3 at T = 0.02 from the cued pattern over a grid of loads around the capacities (RS
# spinodal 0.126, 1RSB 0.154) for several N. Seeds are fixed; results do not depend on threads.
MC_MT = {3: {0.02: "0.04,0.08,0.12,0.16,0.2,0.23", 0.05: "0.04,0.08,0.12,0.16,0.2,0.22"},
         4: {0.005: "0.015,0.025,0.035,0.045,0.055,0.065", 0.01: "0.015,0.025,0.035,0.045,0.055,0.06"}}
MC_SIZES = {
    "reduced": dict(mT_N={3: 96, 4: 48}, mT=dict(samples=8, therm=200, sweeps=1000),
                    glass_N=48, glass=dict(samples=8, therm=500, sweeps=1000),
                    fss_N=(24, 32, 48, 64), fss=dict(samples=256, therm=30, sweeps=30)),
    "publication": dict(mT_N={3: 160, 4: 64}, mT=dict(samples=16, therm=1000, sweeps=4000),
                        glass_N=64, glass=dict(samples=16, therm=2000, sweeps=4000),
                        fss_N=(32, 48, 64, 96, 128), fss=dict(samples=256, therm=50, sweeps=50)),
}
FSS_ALPHAS = [round(0.06 + 0.02 * k, 3) for k in range(13)]  # 0.06 .. 0.30
# Umbrella profiles (issue 15): P = 3 at alpha = 0.05, T = 0.2 (RS: retrieval the global minimum,
# m = 0.945, 0.012 below the paramagnet; barrier at m = 0.44), 14 windows over [-0.05, 1].
PROFILE = dict(P=3, alpha=0.05, T="0.2", windows="-0.05:1:14")
CUED_CHECK_T = "0.16"  # a slot of MC_MT[3][0.05] where the retrieval well is N df / T ~ 20 deep at N = 96
PROFILE_SIZES = {"reduced": dict(N=(32, 64), samples=4, therm=500, sweeps=4000),
                 "publication": dict(N=(32, 64, 128), samples=16, therm=2000, sweeps=20000)}
FSS_T = "0.02"
GLASS_ALPHA = 0.6
GLASS_TEMPS = "0.15:0.6:10"  # geometric ladder, 10 slots


def slots(temps):
    """Ladder length of an mc --temps value (Tmin:Tmax:count or a comma list)."""
    return int(temps.split(":")[2]) if ":" in temps else len(temps.split(","))


def mc_jobs(mc, out, size):
    """The mc runs of one size as dhn.jobs.Job (label: the output file name), longest first."""
    c = MC_SIZES[size]
    work = []

    def job(name, P, N, alpha, temps, seed, extra, counts):
        load = [] if alpha is None else ["--alpha", repr(alpha)]
        command = [mc, "--p", str(P), "--n", str(N), *load, "--temps", temps,
                   "--samples", str(counts["samples"]), "--therm", str(counts["therm"]),
                   "--sweeps", str(counts["sweeps"]), "--seed", str(seed), "--threads", "1", "--quiet",
                   "--checkpoint-every", "0", "--output", os.path.join(out, "mc", name)] + extra
        work.append(jobs.Job(command=command, label=f"mc/{name}", output=os.path.join(out, "mc", name)))

    for P, loads in MC_MT.items():
        for alpha, temps in loads.items():
            job(f"mT_p{P}_a{alpha:g}.h5", P, c["mT_N"][P], alpha, temps, 11, ["--swap-every", "0"], c["mT"])
    job("glass_p3.h5", 3, c["glass_N"], GLASS_ALPHA, GLASS_TEMPS, 13, ["--swap-every", "1", "--init", "random"], c["glass"])
    for N in c["fss_N"]:
        for alpha in FSS_ALPHAS:
            job(f"fss_p3_n{N}_a{alpha:g}.h5", 3, N, alpha, FSS_T, 17, ["--swap-every", "0"], c["fss"])
    # exact-enumeration check of the umbrella profile ([paper]): N = 12, K = 4, beta N / P! = 2,
    # the patterns saved so that the test recomputes Z_N(m) over all 2^12 states
    for P in (3, 4):
        job(f"profile_enumeration_p{P}.h5", P, 12, None, repr(12 / (2 * math.factorial(P))), 29,
            ["--k", "4", "--windows", "-1:1:5", "--save-patterns"], dict(samples=16, therm=200, sweeps=8000))
    # one pattern (K = 1): the P-spin Curie-Weiss magnet, whose exact finite-N curves transport_p3.h5
    # holds (notebook 08); tempering from random spins across the transition
    for N in (32, 64):
        job(f"one_pattern_p3_n{N}.h5", 3, N, None, "0.15:0.45:13", 37,
            ["--k", "1", "--swap-every", "1", "--init", "random"], dict(samples=8, therm=200, sweeps=2000))
    u = PROFILE_SIZES[size]
    for N in u["N"]:
        job(f"profile_p3_n{N}.h5", PROFILE["P"], N, PROFILE["alpha"], PROFILE["T"], 19,
            ["--windows", PROFILE["windows"]], u)
    # the profile at one slot of the cued m(T) run mT_p3_a0.05 (same seed, N and K: the same
    # patterns), whose <m> the [paper] test holds against the profile's retrieval basin
    job(f"profile_p3_a0.05_t{CUED_CHECK_T}_n{c['mT_N'][3]}.h5", 3, c["mT_N"][3], 0.05, CUED_CHECK_T, 11,
        ["--windows", PROFILE["windows"]], dict(samples=c["mT"]["samples"], therm=500, sweeps=4000))
    # Longest first, so the two workers finish together (dhn.jobs.run_all orders by cost).
    for j in work:
        cmd = j.command
        load = float(cmd[cmd.index("--alpha") + 1]) if "--alpha" in cmd else 0.01
        j.cost = (int(cmd[cmd.index("--n") + 1]) ** 3 * load
                  * (int(cmd[cmd.index("--therm") + 1]) + int(cmd[cmd.index("--sweeps") + 1]))
                  * slots(cmd[cmd.index("--temps") + 1]))
    return sorted(work, key=lambda j: -j.cost)


def crosscheck_job(exe, out):
    """scripts/crosscheck.py at its smallest size ("ci") into out/crosscheck for notebook 06, unless
    that folder holds the table of a larger size (run by hand; it is kept). A list of at most one
    dhn.jobs.Job, with an infinite cost so that it starts first (it is the longest)."""
    results, table = (os.path.join(out, "crosscheck", name) for name in ("crosscheck.h5", "crosscheck.json"))
    if os.path.exists(results):
        if readers.load_crosscheck(results).size != "ci":
            return []
    elif os.path.exists(table):  # a folder of a version before crosscheck.h5
        with open(table) as f:
            if json.load(f).get("size") != "ci":
                return []
    command = [sys.executable, os.path.join(ROOT, "scripts", "crosscheck.py"), "--size", "ci", "--jobs", "1",
               "--output", os.path.join(out, "crosscheck"), "--mc", exe["mc"],
               "--phase-diagram", exe["phase-diagram"], "--capacity", exe["capacity"]]
    return [jobs.Job(command=command, label="crosscheck (ci)", cost=float("inf"))]


def profile_crosscheck_job(exe, out):
    """scripts/profile_crosscheck.py at its smallest size ("ci") into out/profile_crosscheck for
    notebook 07, unless that folder holds the table of a larger size (run by hand; notebook 07
    reads the largest). A list of at most one dhn.jobs.Job, started first (infinite cost)."""
    folder = os.path.join(out, "profile_crosscheck")
    if any(os.path.exists(os.path.join(folder, f"profile_crosscheck_{size}.h5")) for size in ("reduced", "publication")):
        return []
    command = [sys.executable, os.path.join(ROOT, "scripts", "profile_crosscheck.py"), "--size", "ci", "--jobs", "1",
               "--output", folder, "--mc", exe["mc"], "--landau", exe["landau"]]
    return [jobs.Job(command=command, label="profile_crosscheck (ci)", cost=float("inf"))]


P2_ALPHAS = "0.01,0.05,0.1,0.13"  # the loads of the AGS T_M references (physics.md section 7)
GLASS_LOADS = {2: 0.1, 3: 0.1, 4: 0.01, 8: 1e-5}  # P -> alpha of the glassiness curves
CAPACITY_P = range(2, 9)


def git_describe():
    try:
        return subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty", "--tags"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def hopfield_glass_grid(alpha, points):
    """P = 2 temperature grid over the glassiness program's default range, 0 < T <= 1.5 (1 +
    sqrt(alpha)), with `points` temperatures; no flag (the program's default) when points is None.
    For P > 2 the program's own range (up to 2 T_s) is always used."""
    if points is None:
        return []
    top = 1.5 * (1.0 + alpha ** 0.5)
    step = top / points
    return ["--t-grid", f"{step:.9g}:{top:.9g}:{step:.9g}"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="reduced")
    parser.add_argument("--bin-dir", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--output", default=os.environ.get("DHN_DATA_DIR", os.path.join(ROOT, "data")))
    parser.add_argument("--phase-diagram", dest="phase_diagram")
    parser.add_argument("--capacity")
    parser.add_argument("--glassiness")
    parser.add_argument("--landau")
    parser.add_argument("--mc")
    parser.add_argument("--transport")
    parser.add_argument("--no-mc", action="store_true", help="skip the Monte Carlo runs (theory data only)")
    parser.add_argument("--threads", type=int, default=0, help="OpenMP threads of phase-diagram (0 = all)")
    args = parser.parse_args(argv)
    exe = {name: getattr(args, name.replace("-", "_")) or os.path.join(args.bin_dir, name)
           for name in ("phase-diagram", "capacity", "glassiness", "landau", "mc", "transport")}
    if args.no_mc:
        del exe["mc"]
    for name, path in exe.items():
        if not os.access(path, os.X_OK):
            parser.exit(2, f"figure_data: program {name} not found at {path}; build it "
                           f"(cmake --preset default && cmake --build --preset default) or pass --bin-dir\n")
    os.makedirs(args.output, exist_ok=True)
    out = os.path.abspath(args.output)
    size = SIZES[args.size]
    started = time.monotonic()
    pd_command = [exe["phase-diagram"], "--p", "4", "--level", "rs,1rsb", "--alpha-grid", size["pd_alpha"],
                  "--t-grid", size["pd_T"], "--threads", str(args.threads), "--quiet",
                  "--output", os.path.join(out, "phase_diagram_p4.h5")]
    work = []
    if "mc" in exe:
        os.makedirs(os.path.join(out, "mc"), exist_ok=True)
        work += crosscheck_job(exe, out)
        work += profile_crosscheck_job(exe, out)
        work += mc_jobs(exe["mc"], out, args.size)
    work += [jobs.Job([exe["phase-diagram"], "--p", "3", "--alpha-grid", P3_GRID[args.size][0], "--t-grid",
                       P3_GRID[args.size][1], "--threads", "1", "--quiet",
                       "--output", os.path.join(out, "phase_diagram_p3.h5")], "phase_diagram_p3.h5")]
    work += [jobs.Job([exe["phase-diagram"], "--p", "2", "--alpha-grid", P2_ALPHAS, "--t-grid", "0.01:1.5:0.01",
                       "--threads", "1", "--quiet", "--output", os.path.join(out, "phase_diagram_p2.h5")],
                      "phase_diagram_p2.h5")]
    for P, alpha in GLASS_LOADS.items():
        command = [exe["glassiness"], "--p", str(P), "--alpha", repr(alpha), "--quiet",
                   "--output", os.path.join(out, f"glassiness_p{P}.h5")]
        if P == 2:
            command += hopfield_glass_grid(alpha, size["p2_glass_points"])
        else:
            command += ["--level", "rs,1rsb"]
        work.append(jobs.Job(command, f"glassiness_p{P}.h5"))
    for N in PROFILE_SIZES[args.size]["N"]:
        name = f"landau_p3_n{N}.h5"
        work.append(jobs.Job([exe["landau"], "--p", str(PROFILE["P"]), "--alpha", repr(PROFILE["alpha"]),
                              "--t", PROFILE["T"], "--m-grid", "0:1:0.0078125", "--n", str(N), "--quiet",
                              "--output", os.path.join(out, name)], name))
    work.append(jobs.Job([exe["transport"], "--p", "3", "--t-grid", "0.15:0.45:0.0075", "--h-grid", "-0.12:0.12:0.004",
                          "--quiet", "--output", os.path.join(out, "transport_p3.h5")], "transport_p3.h5"))
    work.append(jobs.Job([exe["transport"], "--p", "3", "--sections", "load,glauber", "--t-grid", "0.005:0.3:0.005",
                          "--alpha-list", ",".join(f"{0.01 * k:g}" for k in range(11)), "--quiet",
                          "--output", os.path.join(out, "transport_load_p3.h5")], "transport_load_p3.h5"))
    capacity_commands = [[exe["capacity"], "--p", str(P), "--level", level, "--variant", variant, "--json"]
                         for P in CAPACITY_P for level in ("rs", "1rsb") for variant in ("distinct", "full")]
    work += [jobs.Job(command, f"capacity {' '.join(command[1:-1])}") for command in capacity_commands]

    # Every file is made anew (skip_existing=False): phase_diagram_p4 alone on all threads first,
    # then the rest two at a time (each with one thread).
    try:
        done = jobs.run_all([jobs.Job(pd_command, "phase_diagram_p4.h5")], 1, skip_existing=False)
        done += jobs.run_all(work, max(1, min(2, os.cpu_count() or 1)), skip_existing=False)
    except jobs.JobError as error:
        sys.stderr.write(f"figure_data: {error}")
        return 1
    timings = [(r.label, r.seconds) for r in done]
    rows = {tuple(r.job.command): readers.parse_capacity_json(r.stdout)[0]
            for r in done if r.label.startswith("capacity")}

    ordered = [rows[tuple(command)] for command in capacity_commands]
    writers.write_capacity_table(os.path.join(out, "capacity.h5"), ordered, provenance=dict(
        generator="scripts/figure_data.py", size=args.size, program=exe["capacity"],
        command_lines="\n".join(shlex.join(c) for c in capacity_commands), git_describe=git_describe(),
        created_utc=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")))

    total = time.monotonic() - started
    slowest = sorted(timings, key=lambda t: -t[1])[:4]
    sys.stderr.write(f"figure_data: {args.size} data in {out} ({total:.1f} s wall; slowest: "
                     + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in slowest) + ")\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

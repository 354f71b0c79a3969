#!/usr/bin/python3
"""Generate the data behind every figure (notebooks/*.ipynb) with the suite's programs.

Usage: figure_data.py [--size reduced|publication] [--bin-dir build/bin] [--output data]
                      [--phase-diagram EXE] [--capacity EXE] [--glassiness EXE] [--threads N]

Writes into the output folder (created if missing; files are replaced atomically):
  phase_diagram_p4.h5   phase-diagram --p 4 --level rs,1rsb (notebook 01)
  phase_diagram_p2.h5   phase-diagram --p 2 at the AGS reference loads (the [paper] tests)
  capacity.h5           capacity --json for P = 2..8, rs and 1rsb, distinct and full (notebook 02)
  glassiness_p{2,3,4,8}.h5  glassiness at one load each, 1RSB for P > 2 (notebook 03)
The reduced size (default) takes 20-35 s on 2 cores, the publication size about 65 s.
Exit codes: 0 done; 2 bad arguments or a missing program; 1 a program failed.
"""
import argparse
import concurrent.futures
import datetime
import os
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "analysis", "python"))

from dhn import readers  # noqa: E402

# Grids in convention B. The P = 4 loads reach past the 1RSB spinodal capacity (0.0382).
SIZES = {
    "reduced": dict(pd_alpha="0:0.04:0.001", pd_T="0.001:0.1:0.001", p2_glass_points=None),
    "publication": dict(pd_alpha="0:0.04:0.00025", pd_T="0.0005:0.1:0.0005", p2_glass_points=400),
}
P2_ALPHAS = "0.01,0.05,0.1,0.13"  # the loads of the AGS T_M references (physics.md section 7)
GLASS_LOADS = {2: 0.1, 3: 0.1, 4: 0.01, 8: 1e-5}  # P -> alpha of the glassiness curves
CAPACITY_P = range(2, 9)


def run(command, label):
    """Run one program; returns (label, seconds, stdout). Raises CalledProcessError on failure."""
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(f"figure_data: {shlex.join(command)} exited {result.returncode}\n{result.stderr}")
        raise subprocess.CalledProcessError(result.returncode, command)
    return label, time.monotonic() - start, result.stdout


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
    parser.add_argument("--threads", type=int, default=0, help="OpenMP threads of phase-diagram (0 = all)")
    args = parser.parse_args(argv)
    exe = {name: getattr(args, name.replace("-", "_")) or os.path.join(args.bin_dir, name)
           for name in ("phase-diagram", "capacity", "glassiness")}
    for name, path in exe.items():
        if not os.access(path, os.X_OK):
            parser.exit(2, f"figure_data: program {name} not found at {path}; build it "
                           f"(cmake --preset default && cmake --build --preset default) or pass --bin-dir\n")
    os.makedirs(args.output, exist_ok=True)
    out = os.path.abspath(args.output)
    size = SIZES[args.size]
    started = time.monotonic()
    timings = []

    pd_command = [exe["phase-diagram"], "--p", "4", "--level", "rs,1rsb", "--alpha-grid", size["pd_alpha"],
                  "--t-grid", size["pd_T"], "--threads", str(args.threads), "--quiet",
                  "--output", os.path.join(out, "phase_diagram_p4.h5")]
    timings.append(run(pd_command, "phase_diagram_p4.h5")[:2])

    jobs = [([exe["phase-diagram"], "--p", "2", "--alpha-grid", P2_ALPHAS, "--t-grid", "0.01:1.5:0.01",
              "--threads", "1", "--quiet", "--output", os.path.join(out, "phase_diagram_p2.h5")],
             "phase_diagram_p2.h5")]
    for P, alpha in GLASS_LOADS.items():
        command = [exe["glassiness"], "--p", str(P), "--alpha", repr(alpha), "--quiet",
                   "--output", os.path.join(out, f"glassiness_p{P}.h5")]
        if P == 2:
            command += hopfield_glass_grid(alpha, size["p2_glass_points"])
        else:
            command += ["--level", "rs,1rsb"]
        jobs.append((command, f"glassiness_p{P}.h5"))
    capacity_commands = [[exe["capacity"], "--p", str(P), "--level", level, "--variant", variant, "--json"]
                         for P in CAPACITY_P for level in ("rs", "1rsb") for variant in ("distinct", "full")]
    jobs += [(command, f"capacity {' '.join(command[1:-1])}") for command in capacity_commands]

    rows = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
        futures = {pool.submit(run, command, label): (command, label) for command, label in jobs}
        for future in concurrent.futures.as_completed(futures):
            command, label = futures[future]
            try:
                label, seconds, stdout = future.result()
            except subprocess.CalledProcessError:
                return 1
            timings.append((label, seconds))
            if label.startswith("capacity"):
                rows[tuple(command)] = readers.parse_capacity_json(stdout)[0]

    ordered = [rows[tuple(command)] for command in capacity_commands]
    readers.write_capacity_table(os.path.join(out, "capacity.h5"), ordered, provenance=dict(
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

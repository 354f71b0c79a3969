"""Fault injection (issue 16, ctest label `faults`): bad values for every option of every program,
and kill -9 at random moments of an mc run followed by --resume.

Usage: fault_injection.py BIN_DIR WORKDIR [--seed S]

1. For each program and each option that takes a value (read from the program's --help), every
   value of BAD_VALUES replaces that option in a small valid command line. Asserted for every
   run: exit 0, 1 or 2 (never a signal, never "terminate called" or a sanitizer report), and
   when the exit is 2 the message names the option; when the exit is not 0 no output file and
   no temporary is left behind.
2. A short mc run is killed with SIGKILL at random moments (several per run, some of them while
   a checkpoint is being written: --checkpoint-every 0.01), resumed each time, and its results
   must equal, dataset by dataset, those of the uninterrupted run (provenance attributes aside).
"""
import glob
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

BAD_VALUES = ["", "nan", "inf", "-inf", "-1", "0", "1e308", "-1e308", "abc", "1e-320", "18446744073709551616"]

# A small valid run of each program; the output option is appended by the harness.
BASE = {
    "phase-diagram": ["--p", "3", "--alpha-grid", "0.01,0.02", "--t-grid", "0.05,0.1", "--quiet"],
    "capacity": ["--p", "3", "--quiet"],
    "landau": ["--p", "3", "--alpha", "0.1", "--t", "0.2", "--m-grid", "0,0.5,0.9", "--quiet"],
    "glassiness": ["--p", "3", "--alpha", "0.1", "--t-grid", "0.2,0.3", "--quiet"],
    "mc": ["--p", "3", "--n", "12", "--k", "3", "--temps", "0.2,0.4", "--sweeps", "20", "--therm", "5",
           "--quiet", "--checkpoint-every", "0"],
    "transport": ["--p", "3", "--sections", "signal,finite_n,load,glauber", "--t-grid", "0.2", "--h-grid", "0",
                  "--n-list", "32", "--dx", "0.016", "--alpha-list", "0.002", "--flow-t", "0.1", "--cues", "0.5",
                  "--sweeps", "2", "--quiet"],
}
# Options whose bad values would not say anything about robustness (or would run for long).
SKIP = {"--help", "--config", "--quiet", "--json", "--resume", "--save-patterns", "--allow-large-memory",
        "--output", "--checkpoint", "--plot", "--backend"}
PROVENANCE = {"command_line", "created_utc", "git_describe", "suite_version", "threads", "wall_seconds",
              "resumes", "checkpoints"}


def options_of(program):
    """The long options of a program that take a value, from its --help."""
    text = subprocess.run([program, "--help"], capture_output=True, text=True).stdout
    found = []
    for line in text.splitlines():
        m = re.match(r"\s+(--[a-z0-9-]+)\s+(\S+)", line)
        if m and m.group(1) not in SKIP and not m.group(2).startswith(("no", "print", "Print", "run", "store",
                                                                            "continue", "write")):
            found.append(m.group(1))
    return found


def with_value(base, option, value):
    """base with option set to value (replacing it if present)."""
    args = list(base)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    return args


def leftovers(folder, stem):
    return [p for p in glob.glob(os.path.join(folder, stem + "*"))]


def bad_values(bin_dir, work, failures):
    runs = 0
    for name, base in BASE.items():
        program = os.path.join(bin_dir, name)
        for option in options_of(program):
            for value in BAD_VALUES:
                stem = f"{name}_{option.strip('-')}_{runs}"
                out = os.path.join(work, stem + ".h5")
                args = [program, *with_value(base, option, value), "--output", out]
                try:
                    r = subprocess.run(args, capture_output=True, text=True, timeout=60)
                except subprocess.TimeoutExpired:
                    failures.append(f"timeout: {' '.join(args)}")
                    continue
                runs += 1
                text = r.stderr
                if r.returncode not in (0, 1, 2):
                    failures.append(f"exit {r.returncode}: {' '.join(args)}\n{text[-500:]}")
                if "terminate called" in text or "runtime error:" in text or "AddressSanitizer" in text:
                    failures.append(f"abnormal end: {' '.join(args)}\n{text[-500:]}")
                if r.returncode == 2 and option not in text and option.strip("-") not in text:
                    failures.append(f"exit 2 without naming {option}: {' '.join(args)}\n{text[-300:]}")
                if r.returncode != 0:
                    left = leftovers(work, stem)
                    if left:
                        failures.append(f"exit {r.returncode} left {left}: {' '.join(args)}")
                for path in leftovers(work, stem):
                    os.remove(path)
    return runs


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()].tobytes()
            for key, value in obj.attrs.items():
                if key not in PROVENANCE:
                    out[f"{name}@{key}"] = np.asarray(value).tobytes()
        f.visititems(visit)
    return out


def kills(bin_dir, work, failures, rng):
    mc = os.path.join(bin_dir, "mc")
    run = ["--p", "3", "--n", "24", "--k", "20", "--temps", "0.1:0.4:6", "--samples", "3", "--sweeps", "30000",
           "--therm", "100", "--seed", "7", "--quiet", "--threads", "1"]
    reference = os.path.join(work, "reference.h5")
    start = time.monotonic()
    subprocess.run([mc, *run, "--output", reference, "--checkpoint-every", "0"], check=True)
    duration = time.monotonic() - start
    out = os.path.join(work, "killed.h5")
    killed = 0
    command = [mc, *run, "--output", out, "--checkpoint-every", "0.01"]
    first = True
    for attempt in range(40):
        p = subprocess.Popen(command + ([] if first else ["--resume"]), stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.1, 0.6) * duration)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed += 1
            first = not os.path.exists(out + ".checkpoint")
            continue
        if p.returncode != 0:
            failures.append(f"a resumed run exited {p.returncode}: {p.stderr.read()[-500:]}")
        break
    else:
        failures.append("the killed run never finished in 40 attempts")
        return killed
    if not os.path.exists(out):
        failures.append("the killed and resumed run left no results")
        return killed
    a, b = datasets(reference), datasets(out)
    differing = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k) and not k.startswith("mc/meta"))
    if differing:
        failures.append(f"after {killed} kills the resumed results differ in {differing[:8]}")
    if glob.glob(out + "*.tmp.*"):
        failures.append(f"temporaries left after the kills: {glob.glob(out + '*.tmp.*')}")
    return killed


def main():
    bin_dir, root = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 16
    work = os.path.join(root, "fault_injection")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures = []
    started = time.monotonic()
    runs = bad_values(bin_dir, work, failures)
    killed = kills(bin_dir, work, failures, random.Random(seed))
    print(f"fault injection: {runs} bad-value runs, {killed} kills, {time.monotonic() - started:.0f} s")
    print("\n".join(failures) if failures else "fault injection passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Execute the notebooks headless (nbclient) on a data folder; each writes its figures.

Usage: run_notebooks.py [--data DIR] [--figures DIR] [--executed DIR] [NOTEBOOK ...]

Default: every notebooks/*.ipynb in name order, DHN_DATA_DIR or data/ as the data folder and
DHN_FIGURE_DIR or figures/ as the figure folder. The notebooks themselves are never modified
(they stay stripped of outputs); --executed DIR saves the executed copies there. A notebook
fails when a cell raises or when it writes no PNG and no PDF into the figure folder.
Exit codes: 0 all ran; 1 a notebook failed; 2 bad arguments.
"""
import argparse
import glob
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def figure_stamps(directory):
    return {p: os.stat(p).st_mtime_ns for p in glob.glob(os.path.join(directory, "*.p[nd][gf]"))}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--data", default=os.environ.get("DHN_DATA_DIR", os.path.join(ROOT, "data")))
    parser.add_argument("--figures", default=os.environ.get("DHN_FIGURE_DIR", os.path.join(ROOT, "figures")))
    parser.add_argument("--executed", default=None, help="folder for the executed copies (default: none)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if not notebooks:
        parser.exit(2, "run_notebooks: no notebooks found\n")
    if not os.path.isdir(args.data):
        parser.exit(2, f"run_notebooks: data folder {args.data} does not exist; run scripts/figure_data.py\n")
    os.makedirs(args.figures, exist_ok=True)
    # The kernel inherits this environment: the data and figure folders (it imports the installed
    # dhn, scripts/install-dhn.sh).
    os.environ["DHN_DATA_DIR"] = os.path.abspath(args.data)
    os.environ["DHN_FIGURE_DIR"] = os.path.abspath(args.figures)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    failures = 0
    for path in notebooks:
        start = time.monotonic()
        before = figure_stamps(args.figures)
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        name = os.path.basename(path)
        try:
            client.execute()
        except CellExecutionError as error:
            print(f"run_notebooks: {name} failed:\n{error}", file=sys.stderr)
            failures += 1
            continue
        finally:
            if args.executed:
                os.makedirs(args.executed, exist_ok=True)
                nbformat.write(nb, os.path.join(args.executed, name))
        after = figure_stamps(args.figures)
        written = sorted(os.path.basename(p) for p, t in after.items() if before.get(p) != t)
        if not any(w.endswith(".png") for w in written) or not any(w.endswith(".pdf") for w in written):
            print(f"run_notebooks: {name} wrote no PNG/PDF pair into {args.figures} (wrote {written})",
                  file=sys.stderr)
            failures += 1
            continue
        print(f"run_notebooks: {name} ran in {time.monotonic() - start:.1f} s, wrote {', '.join(written)}",
              file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Draw a phase diagram PNG from a `phase-diagram` HDF5 file (docs/hdf5-schema.md): the plot CLI.

Usage: python3 -m dhn.plot pd.h5 pd.png [--title TEXT]
Run by `phase-diagram --plot` (apps/common/plot.cpp) with the installed package
(scripts/install-dhn.sh). Exit codes: 0 written; 2 the input is unreadable, not a phase-diagram
file of a known schema version, or lacks a required dataset/attribute.
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from dhn import plots, readers, style  # noqa: E402


def fail(message):
    print(f"dhn.plot: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="phase-diagram HDF5 file")
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("--title", default=None)
    args = parser.parse_args(argv)
    try:
        pd = readers.load_phase_diagram(args.input)
    except OSError as error:
        fail(f"cannot read {args.input}: {error}")
    except readers.FormatError as error:
        fail(str(error))

    style.apply()
    fig, ax = plt.subplots(figsize=(7.5, 5.5), dpi=130)
    level = pd.levels[-1] if pd.levels[-1] in pd.phase else "rs"
    level_text = "regions at 1RSB, RS and 1RSB lines" if level == "1rsb" else "RS phase diagram"
    plots.draw_phase_diagram(ax, pd, level=level,
                             title=args.title or f"Dense Hebbian network, P = {pd.P}, {pd.variant}: {level_text}")
    fig.tight_layout()
    directory = os.path.dirname(os.path.abspath(args.output))
    name, extension = os.path.splitext(os.path.basename(args.output))
    written = style.save(fig, name, directory, formats=(extension.lstrip(".") or "png",))
    if written[0] != os.path.join(directory, os.path.basename(args.output)):
        os.replace(written[0], args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Draw an RS phase diagram PNG from a `phase-diagram` HDF5 file (docs/hdf5-schema.md).

Usage: plot_phase_diagram.py pd.h5 pd.png [--title TEXT]
Exit codes: 0 written; 2 the input is unreadable, not a phase-diagram file of a known schema
version, or lacks a required dataset/attribute.
"""
import argparse
import os
import sys
import tempfile

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import ListedColormap, BoundaryNorm  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

SCHEMA_VERSION = 1
PHASE_COLOURS = ["#f2f2f2", "#c6dbef", "#fdd0a2", "#a1d99b"]  # para, glass, metastable, retrieval
LINES = [  # dataset path, label, style; optional datasets are skipped when absent
    ("rs/lines/T_M", "RS $T_M$ (retrieval spinodal)", dict(color="#d62728", lw=2)),
    ("rs/lines/T_c", "RS $T_c$ (retrieval global minimum)", dict(color="#2ca02c", lw=2)),
    ("rs/lines/T_AT", "RS $T_{AT}$ (retrieval RS-unstable below)", dict(color="#9467bd", lw=1.5, ls="-.")),
    ("rs/lines/T_glass_spinodal", "RS glass spinodal", dict(color="#1f77b4", lw=1.5, ls="--")),
    ("rs/lines/T_glass", "RS glass transition", dict(color="#1f77b4", lw=2)),
    ("rs/lines/T_entropy_zero", "RS paramagnet entropy = 0", dict(color="#7f7f7f", lw=1.5, ls=":")),
    ("rsb1/lines/T_d", "1RSB $T_d$ (dynamical glass)", dict(color="#8c564b", lw=1.5, ls="--")),
    ("rsb1/lines/T_s", "1RSB $T_s$ (static glass)", dict(color="#8c564b", lw=2)),
    ("rsb1/lines/T_c", "$T_c$ against the 1RSB glass", dict(color="#17becf", lw=2)),
]


def fail(message):
    print(f"plot_phase_diagram: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="phase-diagram HDF5 file")
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("--title", default=None)
    args = parser.parse_args(argv)
    try:
        f = h5py.File(args.input, "r")
    except OSError as error:
        fail(f"cannot read {args.input}: {error}")
    with f:
        kind = f.attrs.get("dhn_type")
        version = f.attrs.get("schema_version")
        if kind != "phase_diagram" or version != SCHEMA_VERSION:
            fail(f"{args.input} has dhn_type {kind!r} schema_version {version!r}; "
                 f"expected 'phase_diagram' version {SCHEMA_VERSION}")
        def need(path, attr=None):
            """The dataset/group at path (or its attribute attr); exit 2 naming what is missing."""
            if path not in f or (attr is not None and attr not in f[path].attrs):
                where = f"/{path.strip('/')}" + (f" attribute {attr}" if attr else "")
                fail(f"{args.input} lacks {where} (required by the phase_diagram schema)")
            return f[path] if attr is None else f[path].attrs[attr]

        P, variant, convention = int(need("/", "P")), need("/", "variant"), need("/", "convention")
        alpha, T = need("grid/alpha")[()], need("grid/T")[()]
        # Regions at the highest level present: 1RSB (m = 0 sector frozen below T_s) or RS.
        phase_path = "rsb1/phase" if "rsb1/phase" in f else "rs/phase"
        phase = need(phase_path)[()]
        names = [need(phase_path, f"code_{k}") for k in range(len(PHASE_COLOURS))]
        lines = {n: f[n][()] for n, _, _ in LINES if n in f}
        capacity = dict(f["rs/capacity"].attrs) if "rs/capacity" in f else {}
        if phase.shape != (alpha.size, T.size):
            fail(f"{args.input}: /rs/phase has shape {phase.shape}, "
                 f"expected (n_alpha, n_T) = ({alpha.size}, {T.size})")

    fig, ax = plt.subplots(figsize=(7.5, 5.5), dpi=130)
    cmap = ListedColormap(PHASE_COLOURS)
    norm = BoundaryNorm(np.arange(-0.5, 4.5, 1.0), cmap.N)
    ax.pcolormesh(alpha, T, phase.T, cmap=cmap, norm=norm, shading="nearest")
    handles = [Patch(color=c, label=n.replace("_", " ")) for c, n in zip(PHASE_COLOURS, names)]
    for name, label, style in LINES:
        values = lines.get(name)
        if values is None or np.all(np.isnan(values)):
            continue
        (handle,) = ax.plot(alpha, values, label=label, **style)
        handles.append(handle)
    for key, marker, label in (("alpha_spinodal", "v", r"RS $\alpha_c$ (spinodal, T=0)"),
                               ("alpha_global", "^", r"RS $\alpha$ global minimum (T=0)")):
        value = capacity.get(key)
        if value is not None and np.isfinite(value):
            (handle,) = ax.plot([value], [0.0], marker=marker, ms=9, color="k", ls="none",
                                label=f"{label} = {value:.4g}", clip_on=False)
            handles.append(handle)
    ax.set_xlim(alpha[0], alpha[-1])
    ax.set_ylim(0.0, T[-1])
    ax.set_xlabel(rf"$\alpha$ (convention {convention})")
    ax.set_ylabel(f"T (convention {convention})")
    level_text = "regions at 1RSB, RS and 1RSB lines" if phase_path == "rsb1/phase" else "RS phase diagram"
    ax.set_title(args.title or f"Dense Hebbian network, P = {P}, {variant}: {level_text}")
    ax.legend(handles=handles, fontsize=7, loc="upper right", framealpha=0.9)
    fig.tight_layout()
    directory = os.path.dirname(os.path.abspath(args.output))
    handle, temporary = tempfile.mkstemp(suffix=".png", dir=directory)
    os.close(handle)
    try:
        fig.savefig(temporary, format="png")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; give the usual file mode
        os.replace(temporary, args.output)  # atomic: the PNG appears complete or not at all
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return 0


if __name__ == "__main__":
    sys.exit(main())

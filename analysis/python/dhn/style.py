"""The suite's one plot style: colours and line styles per physical quantity, matplotlib settings,
and atomic saving of each figure as PNG and PDF.

The same quantity has the same colour in every figure: a line's colour names the line (T_M red,
T_c green, glass lines blue/brown), its dash names the kind (spinodal dashed, transition solid), and
the replica level is the panel or the label. Region colours follow the phase codes of
docs/hdf5-schema.md (0 paramagnet, 1 spin glass, 2 retrieval metastable, 3 retrieval).
"""
import os
import tempfile

import matplotlib

#: Region colours by phase code: paramagnet, spin glass, retrieval metastable, retrieval.
PHASE_COLOURS = ("#f2f2f2", "#c6dbef", "#fdd0a2", "#a1d99b")

#: Phase-diagram lines: (level, dataset name) -> label and matplotlib style.
LINE_STYLES = {
    ("rs", "T_M"): dict(label="RS $T_M$ (retrieval spinodal)", color="#d62728", lw=2),
    ("rs", "T_c"): dict(label="RS $T_c$ (retrieval global minimum)", color="#2ca02c", lw=2),
    ("rs", "T_AT"): dict(label="RS $T_{AT}$ (retrieval RS-unstable below)", color="#9467bd", lw=1.5, ls="-."),
    ("rs", "T_glass_spinodal"): dict(label="RS glass spinodal", color="#1f77b4", lw=1.5, ls="--"),
    ("rs", "T_glass"): dict(label="RS glass transition", color="#1f77b4", lw=2),
    ("rs", "T_entropy_zero"): dict(label="RS paramagnet entropy = 0", color="#7f7f7f", lw=1.5, ls=":"),
    ("1rsb", "T_d"): dict(label="1RSB $T_d$ (dynamical glass)", color="#8c564b", lw=1.5, ls="--"),
    ("1rsb", "T_s"): dict(label="1RSB $T_s$ (static glass)", color="#8c564b", lw=2),
    ("1rsb", "T_c"): dict(label="$T_c$ against the 1RSB glass", color="#17becf", lw=2),
    ("1rsb", "T_M"): dict(label="1RSB $T_M$ (RS fold above $T_{AT}$)", color="#d62728", lw=2.5, ls=(0, (1, 1))),
}

#: Short in-plot labels of the lines and where they sit (fraction of the alpha range): spread out
#: so that neighbouring lines (T_s, T_d and the entropy crisis) keep their labels apart.
LINE_TAGS = {
    ("rs", "T_M"): ("$T_M$", 0.55), ("rs", "T_c"): ("$T_c$", 0.35), ("rs", "T_AT"): ("$T_{AT}$", 0.9),
    ("rs", "T_glass_spinodal"): ("RS glass sp.", 0.12), ("rs", "T_glass"): ("RS glass", 0.45),
    ("rs", "T_entropy_zero"): ("$S_{para} = 0$", 0.75),
    ("1rsb", "T_d"): ("$T_d$", 0.15), ("1rsb", "T_s"): ("$T_s$", 0.45), ("1rsb", "T_c"): ("$T_c$", 0.35),
    ("1rsb", "T_M"): ("$T_M$", 0.55),
}

#: Capacity plots: colour per replica level, dash per variant, marker per kind of capacity.
LEVEL_COLOURS = {"rs": "#1f77b4", "1rsb": "#d62728"}
VARIANT_DASHES = {"distinct": "-", "full": "--"}
CAPACITY_MARKERS = {"spinodal": "o", "global": "s"}

#: Glassiness plots: the network and the parts its m = 0 free energy is made of.
PART_COLOURS = {"network": "#000000", "hard": "#1f77b4", "soft": "#ff7f0e", "coupling": "#7f7f7f",
                "rsb1": "#8c564b"}

#: Monte Carlo points (issue 4 data): markers with error bars over theory curves.
MC_STYLE = dict(marker="o", ms=4, ls="none", capsize=2, elinewidth=1, mfc="white")

RC = {
    "font.size": 9,
    "axes.labelsize": 10,
    "axes.titlesize": 10,
    "legend.fontsize": 7.5,
    "legend.framealpha": 0.9,
    "lines.linewidth": 1.6,
    "xtick.direction": "in",
    "ytick.direction": "in",
    "xtick.top": True,
    "ytick.right": True,
    "figure.dpi": 120,
    "savefig.dpi": 200,
    "pdf.fonttype": 42,  # TrueType in PDFs: editable text, accepted by journals
    "ps.fonttype": 42,
    "image.cmap": "viridis",
}


def apply():
    """Set the suite's matplotlib defaults (call once per notebook or script)."""
    matplotlib.rcParams.update(RC)


def save(fig, name, directory, formats=("png", "pdf")):
    """Save fig as directory/name.png and .pdf (by default), each written to a temporary file in
    the same folder and renamed into place with the usual file mode, so a figure appears complete
    or not at all. Returns the paths written."""
    os.makedirs(directory, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    paths = []
    for fmt in formats:
        target = os.path.join(directory, f"{name}.{fmt}")
        handle, temporary = tempfile.mkstemp(suffix=f".{fmt}", dir=directory)
        os.close(handle)
        try:
            fig.savefig(temporary, format=fmt, bbox_inches="tight")
            os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
        paths.append(target)
    return paths

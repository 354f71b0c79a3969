"""Drawing helpers in the suite's style (dhn.style): the (alpha, T) phase diagram from a
PhaseDiagram (regions and lines), used by the plot CLI (dhn.plot) and the notebooks."""
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from .style import LINE_STYLES, LINE_TAGS, PHASE_COLOURS


def draw_regions(ax, pd, level):
    """Shade the phase regions of one level ("rs" or "1rsb") by their codes; returns legend
    patches named after the file's code names."""
    cmap = ListedColormap(PHASE_COLOURS)
    norm = BoundaryNorm(np.arange(-0.5, len(PHASE_COLOURS) + 0.5, 1.0), cmap.N)
    ax.pcolormesh(pd.alpha, pd.T, pd.phase[level].T, cmap=cmap, norm=norm, shading="nearest",
                  rasterized=True)
    names = pd.phase_names[level]
    return [Patch(color=c, label=n.replace("_", " ")) for c, n in zip(PHASE_COLOURS, names)]


def draw_lines(ax, pd, keys=None, labels=True):
    """Draw the lines keys = [(level, name), ...] (default: every line of LINE_STYLES present in
    the file); lines that are absent or all NaN are skipped. Returns the line handles."""
    handles = []
    for level, name in keys if keys is not None else LINE_STYLES:
        values = pd.lines.get(level, {}).get(name)
        if values is None or np.all(np.isnan(values)):
            continue
        style = dict(LINE_STYLES[(level, name)])
        label = style.pop("label")
        (handle,) = ax.plot(pd.alpha, values, label=label if labels else None, **style)
        handles.append(handle)
    return handles


def label_lines(ax, pd, keys):
    """Write each line's short tag (style.LINE_TAGS) on it, in its colour, at its tag position;
    lines absent or NaN there are skipped."""
    span = pd.alpha[-1] - pd.alpha[0]
    for level, name in keys:
        if name not in pd.lines.get(level, {}):
            continue
        text, fraction = LINE_TAGS[(level, name)]
        alpha = pd.alpha[0] + fraction * span
        value = pd.line_at(name, alpha, level)
        if np.isfinite(value):
            ax.annotate(text, (alpha, value), xytext=(0, 3), textcoords="offset points", ha="center",
                        va="bottom", fontsize=8, color=LINE_STYLES[(level, name)]["color"],
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.7))


def draw_capacity_marks(ax, capacities):
    """Black markers on the T = 0 axis: capacities = [(alpha, marker, label), ...]; non-finite
    values are skipped. Returns the handles."""
    handles = []
    for value, marker, label in capacities:
        if value is not None and np.isfinite(value):
            (handle,) = ax.plot([value], [0.0], marker=marker, ms=8, color="k", ls="none",
                                label=f"{label} = {value:.4g}", clip_on=False, zorder=5)
            handles.append(handle)
    return handles


def draw_phase_diagram(ax, pd, level=None, keys=None, capacities=None, legend=True, title=None):
    """Regions of `level` (default: the highest level in the file), the lines `keys` (default all)
    and T = 0 capacity marks (default: the file's RS capacities), with axes in the file's
    convention. Returns the legend handles."""
    level = level or pd.levels[-1]
    handles = draw_regions(ax, pd, level)
    handles += draw_lines(ax, pd, keys)
    if capacities is None:
        capacities = [(pd.capacity.get("alpha_spinodal"), "v", r"RS $\alpha_c$ (spinodal, T=0)"),
                      (pd.capacity.get("alpha_global"), "^", r"RS $\alpha$ global minimum (T=0)")]
    handles += draw_capacity_marks(ax, capacities)
    ax.set_xlim(pd.alpha[0], pd.alpha[-1])
    ax.set_ylim(0.0, pd.T[-1])
    ax.set_xlabel(rf"$\alpha$ (convention {pd.convention})")
    ax.set_ylabel(f"T (convention {pd.convention})")
    if title is not None:
        ax.set_title(title)
    if legend:
        ax.legend(handles=handles, loc="upper right")
    return handles

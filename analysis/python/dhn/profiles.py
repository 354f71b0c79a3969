"""Free-energy profiles f(m) along the cued overlap: the theory's constrained free energy written
by `landau` and the umbrella-sampling profile written by `mc --windows` (docs/hdf5-schema.md,
"Landau files" and "/mc/profile"). Both readers check the format tags like dhn.readers."""
from dataclasses import dataclass

import h5py
import numpy as np

from .readers import _attrs, _ModelAttributes, _need, check_tag


@dataclass
class Landau(_ModelAttributes):
    """A `landau` file: f(m) at one (alpha, T) in the file's convention.

    curves maps m, f, h, q, s, residual (and f_finite_n when written with --n) to arrays over the
    m grid; minima and maxima map m, f, q to arrays over the stationary points."""
    path: str
    attrs: dict
    curves: dict
    minima: dict
    maxima: dict

    @property
    def alpha(self):
        return float(self.attrs["alpha"])

    @property
    def T(self):
        return float(self.attrs["T"])

    def retrieval_minimum(self):
        """(m, f) of the local minimum of largest m above 0.1, or None."""
        m = self.minima["m"]
        k = np.flatnonzero(m > 0.1)
        return (float(m[k[-1]]), float(self.minima["f"][k[-1]])) if k.size else None


def load_landau(path):
    with h5py.File(path, "r") as f:
        schema = "landau"
        check_tag(f, "landau", path)
        for key in ("P", "variant", "convention", "alpha", "T"):
            _need(f, "/", path, schema, key)
        _need(f, "landau", path, schema)
        check_tag(f["landau"], "landau_profile", f"{path}: /landau")
        curves = {name: _need(f, f"landau/{name}", path, schema)
                  for name in ("m", "f", "h", "q", "s", "residual")}
        if "landau/f_finite_n" in f:
            curves["f_finite_n"] = f["landau/f_finite_n"][()]
        extrema = {}
        for kind in ("minima", "maxima"):
            check_tag(f[f"landau/{kind}"], "landau_extrema", f"{path}: /landau/{kind}")
            extrema[kind] = {name: _need(f, f"landau/{kind}/{name}", path, schema) for name in ("m", "f", "q")}
        attrs = _attrs(f)
        attrs["finite_n"] = int(f["landau"].attrs.get("finite_n", 0))
        return Landau(path=str(path), attrs=attrs, curves=curves, minima=extrema["minima"],
                      maxima=extrema["maxima"])


@dataclass
class UmbrellaProfile:
    """/mc/profile of an `mc --windows` file, convention B: m and, for "f" and "f_uncondensed",
    mean, error and per_sample (D, n_m); condensed_fraction (D, n_m); windows the window data."""
    path: str
    N: int
    T: float
    condensed_m: float
    m: np.ndarray
    f: dict
    f_uncondensed: dict
    condensed_fraction: np.ndarray
    windows: dict
    parameters: dict = None       # /mc/parameters attributes (P, K, alpha, samples, sweeps, ...)
    max_other: np.ndarray = None  # (D, N+1, bins) visits by S and max_{nu>=1} |m_nu| bin, or None
    round_trips: int = 0          # between the lowest and the highest window, all walkers
    e_series: dict = None         # /mc/time_series/e: mean, error (L, bins), first/last sweep

    def restricted(self, c):
        """Per-sample f_c(m) (D, n_m) of the states with max_{nu>=1} |m_nu| <= c (c a bin edge
        k / bins of /mc/histograms/max_other, whose bin b holds (b, b+1] / bins): f(m) - (T/N) ln[n_c(m) / n(m)], the visits n
        pooled over the windows (each window samples the same law of the other overlaps at a
        given m). NaN where no visit is left."""
        if self.max_other is None:
            raise ValueError(f"{self.path}: no /mc/histograms/max_other (an mc before the joint histogram)")
        bins = self.max_other.shape[2]
        edge = int(round(c * bins))
        if abs(edge - c * bins) > 1e-9 or not 0 < edge <= bins:
            raise ValueError(f"threshold c = {c} is not a bin edge k/{bins}, 0 < k <= {bins}")
        levels = np.rint((self.m * self.N + self.N) / 2).astype(int)
        counts = self.max_other[:, levels, :].astype(float)
        total, kept = counts.sum(axis=2), counts[:, :, :edge].sum(axis=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(total > 0, kept / total, np.nan)
            return self.f["per_sample"] - self.T / self.N * np.log(np.where(share > 0, share, np.nan))

    def relative(self, name="f", m_ref=None):
        """(mean, error) of f(m) - f(m_ref) sample by sample (the free constant of each sample
        cancels), m_ref the grid point nearest m_ref (default: where the mean is lowest)."""
        per_sample = getattr(self, name)["per_sample"]
        mean = getattr(self, name)["mean"]
        j = int(np.nanargmin(mean)) if m_ref is None else int(np.argmin(np.abs(self.m - m_ref)))
        differences = per_sample - per_sample[:, [j]]
        D = differences.shape[0]
        error = differences.std(axis=0, ddof=1) / np.sqrt(D) if D > 1 else np.full(self.m.shape, np.nan)
        return differences.mean(axis=0), error


def load_profile(path):
    with h5py.File(path, "r") as f:
        schema = "mc (umbrella)"
        check_tag(f, "mc", path)
        _need(f, "mc/profile", path, schema)
        g = f["mc/profile"]
        check_tag(g, "mc_profile", f"{path}: /mc/profile")
        check_tag(g["windows"], "mc_windows", f"{path}: /mc/profile/windows")

        def sampled(name):
            return {"mean": _need(f, f"mc/profile/{name}", path, schema),
                    "error": _need(f, f"mc/profile/{name}_error", path, schema),
                    "per_sample": _need(f, f"mc/profile/{name}_per_sample", path, schema)}

        series = f["mc/time_series"]
        return UmbrellaProfile(
            path=str(path), N=int(f["mc/parameters"].attrs["N"]), T=float(g.attrs["T"]),
            condensed_m=float(g.attrs["condensed_m"]), m=_need(f, "mc/profile/m", path, schema),
            f=sampled("f"), f_uncondensed=sampled("f_uncondensed"),
            condensed_fraction=_need(f, "mc/profile/condensed_fraction", path, schema),
            windows={name: d[()] for name, d in g["windows"].items()},
            parameters=_attrs(f["mc/parameters"]),
            max_other=f["mc/histograms/max_other"][()] if "mc/histograms/max_other" in f else None,
            round_trips=int(g["windows"].attrs["round_trips"]),
            e_series={"mean": series["e/mean"][()], "error": series["e/error"][()],
                      "first_sweep": series["first_sweep"][()], "last_sweep": series["last_sweep"][()]})


@dataclass
class ProfileCrossCheck:
    """A profile_crosscheck_<size>.h5 of scripts/profile_crosscheck.py: the grid m and, by point
    key, a dict of the point's attributes and datasets (docs/hdf5-schema.md, "Profile
    cross-check"; per-N arrays have the sizes N as first axis)."""
    path: str
    size: str
    m: np.ndarray
    points: dict


def load_profile_crosscheck(path):
    with h5py.File(path, "r") as f:
        check_tag(f, "profile_crosscheck", path)
        points = {}
        for key, g in f.items():
            if not isinstance(g, h5py.Group):
                continue
            check_tag(g, "profile_point", f"{path}: /{key}")
            point = _attrs(g)
            point.update({name: d[()] for name, d in g.items() if isinstance(d, h5py.Dataset)})
            point["theory"] = {name: d[()] for name, d in g["theory"].items()}
            points[key] = point
        return ProfileCrossCheck(path=str(path), size=_attrs(f)["size"], m=f["m"][()], points=points)

"""Free-energy profiles f(m) along the cued overlap: the theory's constrained free energy written
by `landau` and the umbrella-sampling profile written by `mc --windows` (docs/hdf5-schema.md,
"Landau files" and "/mc/profile"). Both readers check the format tags like dhn.readers."""
from dataclasses import dataclass

import h5py
import numpy as np

from .readers import _attrs, _need, check_tag


@dataclass
class Landau:
    """A `landau` file: f(m) at one (alpha, T) in the file's convention.

    curves maps m, f, h, q, s, residual (and f_finite_n when written with --n) to arrays over the
    m grid; minima and maxima map m, f, q to arrays over the stationary points."""
    path: str
    attrs: dict
    curves: dict
    minima: dict
    maxima: dict

    @property
    def P(self):
        return int(self.attrs["P"])

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

        return UmbrellaProfile(
            path=str(path), N=int(f["mc/parameters"].attrs["N"]), T=float(g.attrs["T"]),
            condensed_m=float(g.attrs["condensed_m"]), m=_need(f, "mc/profile/m", path, schema),
            f=sampled("f"), f_uncondensed=sampled("f_uncondensed"),
            condensed_fraction=_need(f, "mc/profile/condensed_fraction", path, schema),
            windows={name: d[()] for name, d in g["windows"].items()})

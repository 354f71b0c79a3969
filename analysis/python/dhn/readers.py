"""Readers for the suite's files: phase diagrams, glassiness curves, capacity tables, mc runs
and cross-check results (the Python-written ones are written by dhn.writers).

Layouts are those of docs/hdf5-schema.md (schema_version 1). Every reader checks the `dhn_type`
and `schema_version` of the root and of each group it reads (TRIQS-style format tags) and raises
`FormatError` naming what it found; an unreadable file raises OSError (from h5py). Values keep the
units of the file: convention B unless the root attribute `convention` says "G".
"""
import json
from dataclasses import dataclass, field

import h5py
import numpy as np

from . import SCHEMA_VERSION
from .fss import Extrapolation


class FormatError(ValueError):
    """A file or group that is not the documented layout (wrong tag, version or a missing item)."""


def _text(value):
    """HDF5 string attributes come back as str or bytes depending on how they were written."""
    return value.decode() if isinstance(value, bytes) else value


def _attrs(obj):
    return {key: _text(value) for key, value in obj.attrs.items()}


def check_tag(obj, dhn_type, where):
    """Raise FormatError unless obj carries dhn_type and schema_version = SCHEMA_VERSION."""
    kind, version = _text(obj.attrs.get("dhn_type")), obj.attrs.get("schema_version")
    if kind != dhn_type or version != SCHEMA_VERSION:
        raise FormatError(f"{where} has dhn_type {kind!r} schema_version {version!r}; "
                          f"expected {dhn_type!r} version {SCHEMA_VERSION}")


def _need(f, path, where, schema, attr=None):
    """The dataset's values at path (a group itself; or its attribute attr), or FormatError naming
    what is missing."""
    if path not in f or (attr is not None and attr not in f[path].attrs):
        what = f"/{path.strip('/')}" + (f" attribute {attr}" if attr else "")
        raise FormatError(f"{where} lacks {what} (required by the {schema} schema)")
    if attr is not None:
        return _text(f[path].attrs[attr])
    return f[path] if isinstance(f[path], h5py.Group) else f[path][()]


def _codes(dataset):
    """Names of the integer codes of a phase or status dataset (attributes code_0, code_1, ...)."""
    names, k = [], 0
    while f"code_{k}" in dataset.attrs:
        names.append(_text(dataset.attrs[f"code_{k}"]))
        k += 1
    return names


# ----------------------------------------------------------------------------- phase diagrams

class _ModelAttributes:
    """P and variant of the model a file describes, read from its root attributes (`attrs`);
    shared by the file classes below so the accessors are written once."""

    @property
    def P(self):
        return int(self.attrs["P"])

    @property
    def variant(self):
        return self.attrs["variant"]


#: HDF5 group of each replica level in a phase-diagram file.
LEVEL_GROUPS = {"rs": "rs", "1rsb": "rsb1"}


@dataclass
class PhaseDiagram(_ModelAttributes):
    """A `phase-diagram` file. 2-D arrays have shape (n_alpha, n_T); NaN marks "no solution".

    lines[level][name] are the per-alpha lines (level "rs" or "1rsb"; names as in the file, e.g.
    T_M, T_c, T_AT, T_glass, T_d, T_s), status[level][name] their integer status codes with
    status_names[level][name] the code names; phase[level] the region codes (0 paramagnet,
    1 spin_glass, 2 retrieval_metastable, 3 retrieval; names in phase_names[level]); fields maps
    a dataset path without its leading slash (e.g. "rs/retrieval/m") to its 2-D array; capacity
    holds the attributes of /rs/capacity (T = 0 RS capacities) when present.
    """
    path: str
    attrs: dict
    alpha: np.ndarray
    T: np.ndarray
    levels: tuple
    lines: dict
    status: dict
    status_names: dict
    phase: dict
    phase_names: dict
    fields: dict
    capacity: dict = field(default_factory=dict)

    @property
    def convention(self):
        return self.attrs["convention"]

    def line(self, name, level="rs"):
        """The line `name` of `level` over alpha; KeyError naming the dataset when absent."""
        try:
            return self.lines[level][name]
        except KeyError:
            raise KeyError(f"{self.path} has no /{LEVEL_GROUPS.get(level, level)}/lines/{name}") from None

    def line_at(self, name, alpha, level="rs"):
        """The line interpolated linearly in alpha (exact on grid points); NaN outside the grid
        or next to a NaN of the line."""
        values = self.line(name, level)
        alpha = np.asarray(alpha, dtype=float)
        i = np.clip(np.searchsorted(self.alpha, alpha), 1, self.alpha.size - 1)
        a0, a1 = self.alpha[i - 1], self.alpha[i]
        w = (alpha - a0) / (a1 - a0)
        result = (1.0 - w) * values[i - 1] + w * values[i]
        result = np.where(np.isclose(alpha, a0, rtol=0, atol=1e-14 * max(1.0, abs(a1))), values[i - 1], result)
        result = np.where(np.isclose(alpha, a1, rtol=0, atol=1e-14 * max(1.0, abs(a1))), values[i], result)
        outside = (alpha < self.alpha[0]) | (alpha > self.alpha[-1])
        return np.where(outside, np.nan, result)[()]

    def field(self, path):
        """A 2-D dataset such as "rs/retrieval/m"; KeyError naming it when absent."""
        try:
            return self.fields[path.strip("/")]
        except KeyError:
            raise KeyError(f"{self.path} has no /{path.strip('/')}") from None

    def lines_table(self, level="rs"):
        """The lines of one level as a structured array with one row per alpha (a tidy table)."""
        names = sorted(self.lines[level])
        table = np.zeros(self.alpha.size, dtype=[("alpha", float)] + [(n, float) for n in names])
        table["alpha"] = self.alpha
        for n in names:
            table[n] = self.lines[level][n]
        return table


def load_phase_diagram(path):
    """Read a `phase-diagram` HDF5 file (docs/hdf5-schema.md). Required: the root tag, P,
    variant, convention, /grid/alpha, /grid/T and /rs/phase with its code names; lines,
    solutions, the 1RSB level and the capacity are read when present."""
    with h5py.File(path, "r") as f:
        check_tag(f, "phase_diagram", path)
        schema = "phase_diagram"
        attrs = _attrs(f)
        for key in ("P", "variant", "convention"):
            _need(f, "/", path, schema, key)
        alpha, T = _need(f, "grid/alpha", path, schema), _need(f, "grid/T", path, schema)
        _need(f, "rs/phase", path, schema)
        levels = ("rs", "1rsb") if "rsb1" in f else ("rs",)
        lines, status, status_names, phase, phase_names, fields = {}, {}, {}, {}, {}, {}
        for level in levels:
            group = LEVEL_GROUPS[level]
            if level == "1rsb":
                check_tag(f[group], "rsb1", f"{path}: /{group}")
            lines[level], status[level], status_names[level] = {}, {}, {}
            if f"{group}/lines" in f:
                for name, dataset in f[f"{group}/lines"].items():
                    if name.endswith("status"):
                        status[level][name] = dataset[()]
                        status_names[level][name] = _codes(dataset)
                    else:
                        lines[level][name] = dataset[()]
            if f"{group}/phase" in f:
                phase[level] = f[f"{group}/phase"][()]
                phase_names[level] = _codes(f[f"{group}/phase"])
                if phase[level].shape != (alpha.size, T.size):
                    raise FormatError(f"{path}: /{group}/phase has shape {phase[level].shape}, "
                                      f"expected (n_alpha, n_T) = ({alpha.size}, {T.size})")

            def visit(name, obj, group=group):
                if isinstance(obj, h5py.Dataset) and obj.ndim == 2 and not name.startswith("lines"):
                    fields[f"{group}/{name}"] = obj[()]
            f[group].visititems(visit)
        if not phase_names["rs"]:
            raise FormatError(f"{path} lacks /rs/phase attribute code_0 (required by the {schema} schema)")
        capacity = _attrs(f["rs/capacity"]) if "rs/capacity" in f else {}
        for key in ("dhn_type", "schema_version"):
            capacity.pop(key, None)
    return PhaseDiagram(path=str(path), attrs=attrs, alpha=alpha, T=T, levels=levels, lines=lines,
                        status=status, status_names=status_names, phase=phase,
                        phase_names=phase_names, fields=fields, capacity=capacity)


# ----------------------------------------------------------------------------- glassiness


@dataclass
class Glassiness(_ModelAttributes):
    """A `glassiness` file: the network's m = 0 free energy over T at one load against the hard
    (SK / Ising P-spin) and soft (Gaussian) glasses (docs/hdf5-schema.md, "Glassiness files").

    curves maps dataset names of /glassiness (T, q, f_network, and for P = 2 f_hard, f_soft,
    f_coupling, T_hard, q_hard, f_sk, p, residual; for P > 2 T_ising, q_ising, f_ising) to 1-D
    arrays over T; rsb1 the datasets of /glassiness/rsb1 (P > 2 with levels rs,1rsb) and
    rsb1_attrs its attributes T_s, T_d (network, B) and T_s_ising, T_d_ising.
    """
    path: str
    attrs: dict
    group_attrs: dict
    curves: dict
    rsb1: dict
    rsb1_attrs: dict

    @property
    def alpha(self):
        return float(self.attrs["alpha"])

    @property
    def T(self):
        return self.curves["T"]

    @property
    def scale(self):
        """sqrt(2 alpha/P!) for P > 2: f_network = scale f_ising at T_ising = T/scale."""
        return float(self.group_attrs["scale"])


def load_glassiness(path):
    """Read a `glassiness` HDF5 file; FormatError if a documented dataset for its P is missing."""
    with h5py.File(path, "r") as f:
        check_tag(f, "glassiness", path)
        schema = "glassiness"
        for key in ("P", "alpha", "variant", "convention"):
            _need(f, "/", path, schema, key)
        _need(f, "glassiness", path, schema)
        g = f["glassiness"]
        check_tag(g, "glassiness_curves", f"{path}: /glassiness")
        P = int(f.attrs["P"])
        required = (("T", "q", "f_network", "f_hard", "f_soft", "f_coupling", "T_hard", "q_hard", "f_sk")
                    if P == 2 else ("T", "q", "f_network", "T_ising", "q_ising", "f_ising"))
        for name in required:
            _need(f, f"glassiness/{name}", path, schema)
        curves = {name: d[()] for name, d in g.items() if isinstance(d, h5py.Dataset)}
        n = curves["T"].size
        for name, values in curves.items():
            if values.shape != (n,):
                raise FormatError(f"{path}: /glassiness/{name} has shape {values.shape}, expected ({n},)")
        if P > 2:
            _need(f, "glassiness", path, schema, "scale")
        rsb1, rsb1_attrs = {}, {}
        if "rsb1" in g:
            check_tag(g["rsb1"], "glassiness_rsb1", f"{path}: /glassiness/rsb1")
            rsb1 = {name: d[()] for name, d in g["rsb1"].items()}
            rsb1_attrs = {k: v for k, v in _attrs(g["rsb1"]).items() if k not in ("dhn_type", "schema_version")}
        group_attrs = {k: v for k, v in _attrs(g).items() if k not in ("dhn_type", "schema_version")}
        return Glassiness(path=str(path), attrs=_attrs(f), group_attrs=group_attrs, curves=curves,
                          rsb1=rsb1, rsb1_attrs=rsb1_attrs)


# ----------------------------------------------------------------------------- capacity tables

#: Columns of a capacity table: name, NumPy type, units, description (docs/hdf5-schema.md).
CAPACITY_COLUMNS = (
    ("P", np.int32, "1", "interaction order"),
    ("variant", object, "1", "distinct or full"),
    ("level", object, "1", "replica level: rs or 1rsb"),
    ("convention", object, "1", "units of alpha: B or G"),
    ("alpha_spinodal", np.float64, "convention of the row", "largest alpha with a T = 0 retrieval solution"),
    ("m_spinodal", np.float64, "1", "Mattis overlap at the spinodal"),
    ("alpha_global", np.float64, "convention of the row",
     "alpha below which the T = 0 retrieval energy is below the spin-glass ground state of the same level"),
    ("m_global", np.float64, "1", "Mattis overlap at alpha_global"),
    ("q1", np.float64, "1", "1RSB inter-state overlap at the spinodal; NaN at RS"),
    ("mu", np.float64, "1/energy", "1RSB Parisi parameter over temperature at the spinodal; NaN at RS"),
)


def parse_capacity_json(text):
    """The JSON objects printed by `capacity --json` (one per line, or a JSON list) as dicts."""
    text = text.strip()
    if text.startswith("["):
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def capacity_table(rows):
    """A structured array (one row per capacity run) from `capacity --json` dicts; RS rows get
    NaN for q1 and mu. Missing required keys raise FormatError naming them."""
    dtype = [(name, kind if kind is not object else "U16") for name, kind, _, _ in CAPACITY_COLUMNS]
    table = np.zeros(len(rows), dtype=dtype)
    for i, row in enumerate(rows):
        for name, kind, _, _ in CAPACITY_COLUMNS:
            if name in row:
                table[name][i] = row[name]
            elif name in ("q1", "mu"):
                table[name][i] = np.nan
            else:
                raise FormatError(f"capacity row {i} lacks {name!r}: {row}")
    return table


@dataclass
class CapacityTable:
    """A capacity table: rows (structured array, columns CAPACITY_COLUMNS) and root attributes."""
    path: str
    attrs: dict
    rows: np.ndarray

    def select(self, **where):
        """Rows matching every column=value given, e.g. select(level="rs", variant="full")."""
        mask = np.ones(self.rows.size, dtype=bool)
        for key, value in where.items():
            mask &= self.rows[key] == value
        return np.sort(self.rows[mask], order="P")

    def value(self, column, **where):
        """The single value of column in the one row matching where; KeyError if not exactly one."""
        rows = self.select(**where)
        if rows.size != 1:
            raise KeyError(f"{self.path}: {rows.size} rows match {where}, expected 1")
        return rows[column][0]


def load_capacity_table(path):
    """Read a capacity table written by dhn.writers.write_capacity_table."""
    with h5py.File(path, "r") as f:
        check_tag(f, "capacity_table", path)
        _need(f, "capacity", path, "capacity_table")
        check_tag(f["capacity"], "capacity_rows", f"{path}: /capacity")
        rows = []
        columns = {}
        for name, _, _, _ in CAPACITY_COLUMNS:
            values = _need(f, f"capacity/{name}", path, "capacity_table")
            columns[name] = [_text(v) for v in values] if values.dtype == object else values
        n = len(columns["P"])
        rows = [{name: columns[name][i] for name, _, _, _ in CAPACITY_COLUMNS} for i in range(n)]
        return CapacityTable(path=str(path), attrs=_attrs(f), rows=capacity_table(rows))


# ----------------------------------------------------------------------------- Monte Carlo runs

#: Observables of /mc/observables (docs/hdf5-schema.md, "Monte Carlo files (/mc)").
MC_OBSERVABLES = ("e", "e2", "m", "abs_m", "m2", "m4", "max_m", "q", "abs_q", "q2", "q4")


@dataclass
class MonteCarlo(_ModelAttributes):
    """An `mc` file (docs/hdf5-schema.md, "Monte Carlo files (/mc)"); convention B.

    parameters: the attributes of /mc/parameters (N, K, alpha, replicas, samples, therm, sweeps,
    swap_every, init, seed, ...); T, beta: the ladder (L), slot 0 the coldest.
    observables[name] = {"mean", "error", "bias_corrected"} arrays over the slots (L) (e = H/N,
    m of the cued pattern, max_m = max_mu |m_mu|, q the replica overlap); derived the same for
    binder_q, binder_m; per_sample[name] (D, L) the time average of each disorder sample;
    histograms "q", "m" (D, L, N+1) counts at histograms["value"] (N+1); rates the /mc/rates
    datasets; error_method the jackknife blocks used (attribute of /mc/observables).
    """
    path: str
    attrs: dict
    parameters: dict
    T: np.ndarray
    beta: np.ndarray
    observables: dict
    derived: dict
    per_sample: dict
    histograms: dict
    rates: dict
    error_method: str

    @property
    def N(self):
        return int(self.parameters["N"])

    @property
    def alpha(self):
        """K / N^(P-1), the load actually simulated (convention B)."""
        return float(self.parameters["alpha"])

    @property
    def samples(self):
        return int(self.parameters["samples"])

    def mean(self, name):
        """(mean, error) over the slots of observable `name` (or a derived binder_q/binder_m)."""
        source = self.derived if name in self.derived else self.observables
        if name not in source:
            raise KeyError(f"{self.path} has no /mc/observables/{name}")
        return source[name]["mean"], source[name]["error"]

    def table(self):
        """One row per slot: T and the mean and error of every observable (a tidy table)."""
        names = sorted(self.observables)
        dtype = [("T", float)] + [(f"{n}{s}", float) for n in names for s in ("", "_error")]
        rows = np.zeros(self.T.size, dtype=dtype)
        rows["T"] = self.T
        for n in names:
            rows[n], rows[f"{n}_error"] = self.observables[n]["mean"], self.observables[n]["error"]
        return rows

    def fraction_above(self, name="m", threshold=0.5, slot=0):
        """Fraction of disorder samples whose time average of `name` at `slot` exceeds threshold
        (the retrieval probability for name = m, threshold 0.5) and its binomial standard error
        sqrt(p(1-p)/D); when p is 0 or 1 the error is that of one sample flipping,
        sqrt(p'(1-p')/D) with p' = 1/(D+1) (so a crossing fit never sees a zero error)."""
        values = self.per_sample[name][:, slot]
        D = values.size
        p = float(np.mean(values > threshold))
        q = min(max(p, 1.0 / (D + 1)), D / (D + 1))
        return p, float(np.sqrt(q * (1.0 - q) / D))

    def overlap_distribution(self, slot=0, kind="q"):
        """P(q) (or P(m) for kind = "m") at `slot`: (values, density) with the histogram summed
        over the disorder samples and normalised so sum(density) * (2/N) = 1 (bin width 2/N)."""
        counts = self.histograms[kind][:, slot, :].sum(axis=0).astype(float)
        values = self.histograms["value"]
        width = 2.0 / self.N
        return values, counts / (counts.sum() * width)


def _value_bytes(data):
    """The bytes of a dataset's values. Variable-length strings come back as an object array,
    whose tobytes() would be the addresses of the Python objects: their contents are used
    instead, each with its length in front."""
    data = np.asarray(data)
    if data.dtype != object:
        return data.tobytes()
    items = [v if isinstance(v, bytes) else str(v).encode() for v in data.ravel()]
    return b"".join(len(v).to_bytes(8, "little") + v for v in items)


def dataset_bytes(path):
    """Every dataset of an HDF5 file as name -> (dtype, shape, bytes), for byte-for-byte
    comparisons of results files (thread counts, resumes, backends); attributes, which hold the
    provenance and the bookkeeping of /mc/meta, are left out."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                out[name] = (np.asarray(data).dtype.str, np.shape(data), _value_bytes(data))
        f.visititems(visit)
    return out


def load_mc(path):
    """Read an `mc` HDF5 file (dhn_type "mc"; groups /mc "mc_run", /mc/parameters
    "mc_parameters", /mc/observables "mc_observables"). Required: P, variant, convention, the
    parameters with T and beta and the mean/error of every observable; derived quantities,
    per-sample averages, histograms and rates are read when present."""
    with h5py.File(path, "r") as f:
        schema = "mc"
        check_tag(f, "mc", path)
        for key in ("P", "variant", "convention"):
            _need(f, "/", path, schema, key)
        _need(f, "mc", path, schema)
        check_tag(f["mc"], "mc_run", f"{path}: /mc")
        _need(f, "mc/parameters", path, schema)
        check_tag(f["mc/parameters"], "mc_parameters", f"{path}: /mc/parameters")
        parameters = {k: v for k, v in _attrs(f["mc/parameters"]).items() if k not in ("dhn_type", "schema_version")}
        for key in ("N", "K", "alpha", "samples", "replicas"):
            _need(f, "mc/parameters", path, schema, key)
        T, beta = _need(f, "mc/parameters/T", path, schema), _need(f, "mc/parameters/beta", path, schema)
        _need(f, "mc/observables", path, schema)
        check_tag(f["mc/observables"], "mc_observables", f"{path}: /mc/observables")
        error_method = _text(f["mc/observables"].attrs.get("error_method", ""))
        observables = {}
        for name in MC_OBSERVABLES:
            observables[name] = {k: _need(f, f"mc/observables/{name}/{k}", path, schema)
                                 for k in ("mean", "error")}
            if f"mc/observables/{name}/bias_corrected" in f:
                observables[name]["bias_corrected"] = f[f"mc/observables/{name}/bias_corrected"][()]
            for k, values in observables[name].items():
                if values.shape != T.shape:
                    raise FormatError(f"{path}: /mc/observables/{name}/{k} has shape {values.shape}, "
                                      f"expected (L,) = {T.shape}")
        derived = {}
        if "mc/derived" in f:
            for name, g in f["mc/derived"].items():
                derived[name] = {k: d[()] for k, d in g.items()}
        D, N = int(parameters["samples"]), int(parameters["N"])
        per_sample = {}
        if "mc/per_sample" in f:
            for name, d in f["mc/per_sample"].items():
                if d.shape != (D, T.size):
                    raise FormatError(f"{path}: /mc/per_sample/{name} has shape {d.shape}, expected (D, L) = "
                                      f"({D}, {T.size})")
                per_sample[name] = d[()]
        histograms = {}
        if "mc/histograms" in f:
            histograms = {name: d[()] for name, d in f["mc/histograms"].items()}
            for name in ("q", "m"):
                if name in histograms and histograms[name].shape != (D, T.size, N + 1):
                    raise FormatError(f"{path}: /mc/histograms/{name} has shape {histograms[name].shape}, "
                                      f"expected (D, L, N+1) = ({D}, {T.size}, {N + 1})")
        rates = {name: d[()] for name, d in f["mc/rates"].items()} if "mc/rates" in f else {}
        return MonteCarlo(path=str(path), attrs=_attrs(f), parameters=parameters, T=T, beta=beta,
                          observables=observables, derived=derived, per_sample=per_sample,
                          histograms=histograms, rates=rates, error_method=error_method)


# ----------------------------------------------------------------------------- cross-check results


@dataclass
class HalfPointSeries:
    """One half-point series of a cross-check file: a T_M load (x = T) or a capacity threshold
    (x = alpha). Per size (index s): N[s], samples[s], K[s] (T_M only), the grid x[s] and the
    retrieval probability p[s]; logistic and linear map x, error, found_fraction, chi2_dof to
    arrays over the sizes; fits maps fit (N^-2/3), fit_1n, two_terms and, for the capacity,
    pair_fit (the crossings' 1/N fit) to dhn.fss.Extrapolation (absent: too few sizes); crossings
    (capacity only) maps N1, N2, x, error, found_fraction to arrays over the pairs."""
    attrs: dict
    N: np.ndarray
    samples: np.ndarray
    x: np.ndarray
    p: np.ndarray
    logistic: dict
    linear: dict
    fits: dict
    K: np.ndarray = None
    crossings: dict = None


@dataclass
class CrossCheck:
    """A cross-check results file (scripts/crosscheck.py; docs/hdf5-schema.md, "Cross-check
    results"). attrs: the root attributes (size, omega, tm_threshold, capacity_T, n_boot, runs,
    command, created_utc, wall_s, ...); theory_T_M[(P, alpha)] and theory_capacity[P] dicts of the
    theory's values (NaN where a value is absent), theory_capacity[P]["thresholds"][threshold] =
    {"rs": ..., "rsb1": ...}; tm[(P, alpha)] and capacity[(P, threshold)] HalfPointSeries;
    split[P] and branch[P] dicts of the datasets of /split/p{P} and /branch/p{P} (branch's "fit"
    a dict of arrays over the loads)."""
    path: str
    attrs: dict
    theory_T_M: dict
    theory_capacity: dict
    tm: dict
    capacity: dict
    split: dict
    branch: dict

    @property
    def size(self):
        return self.attrs["size"]


def _datasets(group):
    return {name: d[()] for name, d in group.items() if isinstance(d, h5py.Dataset)}


def _extrapolations(group, where):
    fits = {}
    for name in ("fit", "fit_1n", "two_terms", "pair_fit"):
        if name in group:
            check_tag(group[name], "extrapolation", f"{where}/{name}")
            fits[name] = Extrapolation(**{k: float(v) for k, v in _datasets(group[name]).items()})
    return fits


def _half_point_series(group, where):
    check_tag(group, "crosscheck_half_points", where)
    estimates = {}
    for method in ("logistic", "linear"):
        check_tag(group[method], "half_point_estimates", f"{where}/{method}")
        estimates[method] = _datasets(group[method])
    crossings = None
    if "crossings" in group:
        check_tag(group["crossings"], "size_crossings", f"{where}/crossings")
        crossings = _datasets(group["crossings"])
    return HalfPointSeries(attrs=_attrs(group), N=group["N"][()], samples=group["samples"][()], x=group["x"][()],
                           p=group["p"][()], K=group["K"][()] if "K" in group else None, crossings=crossings,
                           fits=_extrapolations(group, where), **estimates)


def load_crosscheck(path):
    """Read a cross-check results file written by dhn.writers.write_crosscheck, checking the tag
    of every group."""
    with h5py.File(path, "r") as f:
        check_tag(f, "crosscheck", path)
        for name, kind in (("theory", "crosscheck_theory"), ("theory/T_M", "crosscheck_theory_tm"),
                           ("theory/capacity", "crosscheck_theory_capacity"), ("T_M", "crosscheck_tm"),
                           ("capacity", "crosscheck_capacity"), ("split", "crosscheck_split"),
                           ("branch", "crosscheck_branch")):
            _need(f, name, path, "crosscheck")
            check_tag(f[name], kind, f"{path}: /{name}")
        t = _datasets(f["theory/T_M"])
        theory_T_M = {(int(P), float(a)): {k: float(t[k][i]) for k in ("rs", "rs_program", "rsb1", "T_AT")}
                      for i, (P, a) in enumerate(zip(t["P"], t["alpha"]))}
        c = _datasets(f["theory/capacity"])
        theory_capacity = {}
        for i, P in enumerate(c["P"]):
            entry = {k: float(v[i]) for k, v in c.items() if v.ndim == 1 and k not in ("P", "threshold")}
            entry["thresholds"] = {float(th): {"rs": float(c["threshold_rs"][i, j]), "rsb1": float(c["threshold_rsb1"][i, j])}
                                   for j, th in enumerate(c["threshold"])}
            theory_capacity[int(P)] = entry
        tm, capacity = {}, {}
        for name, g in f["T_M"].items():
            series = _half_point_series(g, f"{path}: /T_M/{name}")
            tm[(int(series.attrs["P"]), float(series.attrs["alpha"]))] = series
        for name, g in f["capacity"].items():
            series = _half_point_series(g, f"{path}: /capacity/{name}")
            capacity[(int(series.attrs["P"]), float(series.attrs["threshold"]))] = series
        split, branch = {}, {}
        for name, g in f["split"].items():
            check_tag(g, "split_diagnostic", f"{path}: /split/{name}")
            attrs = {k: v for k, v in _attrs(g).items() if k not in ("dhn_type", "schema_version")}
            split[int(g.attrs["P"])] = {**attrs, **_datasets(g)}
        for name, g in f["branch"].items():
            check_tag(g, "retrieval_branch", f"{path}: /branch/{name}")
            check_tag(g["fit"], "extrapolations", f"{path}: /branch/{name}/fit")
            branch[int(g.attrs["P"])] = {**_datasets(g), "fit": _datasets(g["fit"])}
        return CrossCheck(path=str(path), attrs=_attrs(f), theory_T_M=theory_T_M, theory_capacity=theory_capacity,
                          tm=tm, capacity=capacity, split=split, branch=branch)

"""Python side of the dense Hebbian network suite (docs/hdf5-schema.md, shared/docs/physics.md).

Modules (each imports only NumPy, h5py, matplotlib and the standard library):

- `readers`: load the suite's files (phase diagrams, glassiness curves, capacity tables, mc runs,
  cross-check results) into plain objects of NumPy arrays, checking every group's `dhn_type` and
  `schema_version`; `writers`: write the files the Python side makes (capacity tables, cross-check
  results), tagged and atomically;
- `jobs`: the runner of the suite's programs used by scripts/figure_data.py and
  scripts/crosscheck.py (parallel, resumable, clear errors);
- `fss`: finite-size scaling: crossings of curves y_N(x) for several N with bootstrap errors, and
  extrapolation of the crossings in 1/N;
- `reference`: independent NumPy evaluations of the theory's one-dimensional limits (Curie-Weiss,
  T = 0 RS capacity, the m = 0 glass sector at RS and 1RSB, REM), used as guide curves in the
  notebooks and as references in the [paper] tests; they share no code with theory/;
- `montecarlo`: `mc` runs against the theory (finite-size tolerances, retrieval-probability curves);
- `crosscheck`: half points of the retrieval probability with bootstrap errors over disorder
  samples and their extrapolation in N^-2/3 (T_M and the capacity from Monte Carlo, figure 06),
  applied to the runs of `experiments` (what the cross-check simulates, sizes, command lines);
  `report` writes its markdown table and JSON;
- `style` and `plots`: the one plot style of the suite and the phase-diagram drawing shared by
  the plot CLI `python3 -m dhn.plot` (`plot`, run by `phase-diagram --plot`) and the notebooks.

Every alpha and T is in convention B (physics.md section 1) unless a file's `convention` says G.
"""

__version__ = "0.1.0"
SCHEMA_VERSION = 1

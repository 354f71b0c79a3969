"""The cross-check's report: the markdown table of docs/results.md and the JSON of every number.

Text only, from the results of dhn.crosscheck (theory_values, tm_analysis, capacity_analysis,
branch_analysis); scripts/crosscheck.py prints the markdown and writes both next to the HDF5
results (dhn.writers.write_crosscheck), each atomically (dhn.jobs.write_text_atomically).
Numbers are given to 4 decimals with the chi2-scaled error of each fit (dhn.crosscheck.scaled_error).
"""
import json

import numpy as np

from . import crosscheck
from . import experiments as ex


def fmt(value, error=None, digits=4):
    """value +- error with `digits` decimals (error given to the same place); '-' for None/NaN."""
    if value is None or not np.isfinite(value):
        return "-"
    if error is None:
        return f"{value:.{digits}f}"
    if not np.isfinite(error):
        return f"{value:.{digits}f} +- ?"
    return f"{value:.{digits}f} +- {error:.{digits}f}"


def fit_text(fit, digits=4):
    """(value +- chi2-scaled error, chi2/dof) of an extrapolation, ("-", "-") for None."""
    if fit is None:
        return "-", "-"
    chi2 = "-" if not np.isfinite(fit.chi2_dof) else f"{fit.chi2_dof:.2f}"
    return fmt(fit.x_inf, crosscheck.scaled_error(fit), digits), chi2


def verdict(fit, references):
    """'z = ... (within 2 sigma: yes/no)' against each named reference, with the chi2-scaled
    error of the N^-2/3 fit."""
    if fit is None:
        return "no extrapolation"
    error = crosscheck.scaled_error(fit)
    parts = []
    for name, value in references:
        if value is None:
            continue
        z, ok = crosscheck.agreement(fit.x_inf, error, value)
        parts.append(f"{name}: z = {z:+.1f} ({'yes' if ok else 'no'})")
    return "; ".join(parts)


def systematics(result, digits=4):
    """Two systematics of the N -> infinity value: the largest |logistic - linear| half point
    over the sizes (shape of p(x)) and |N^-2/3 fit - 1/N fit| (form of the correction)."""
    shape = [abs(r["logistic"].x - r["linear"].x) for r in result["rows"]
             if np.isfinite(r["logistic"].x) and np.isfinite(r["linear"].x)]
    fits = result["fit"], result["fit_1n"]
    omega = abs(fits[0].x_inf - fits[1].x_inf) if None not in fits else np.nan
    return f"{fmt(max(shape) if shape else np.nan, None, digits)}; {fmt(omega, None, digits)}"


def per_n_text(rows, digits=4):
    """"N: x* +- error" of the logistic half point of each size."""
    return ", ".join(f"{r['N']}: {fmt(r['logistic'].x, r['logistic'].error, digits)}" for r in rows)


def _main_section(th, tm, cap, size):
    """The title, the table of docs/results.md (T_M and capacity against theory), the runs and the
    theory's sources."""
    lines = [f"# Theory against simulation: T_M and capacity by finite-size scaling ({size} size)", "",
             "Convention B, \"distinct\" variant; `mc` started on the cued pattern, every ladder slot an "
             "independent walker (`--swap-every 0`). x*(N): half point of the retrieval probability "
             "(logistic maximum likelihood, bootstrap over disorder samples); N -> infinity: weighted line "
             "in N^-2/3 (primary; activation over a barrier ~ N (x_c - x)^(3/2) near a fold) and in 1/N "
             "(check). Errors of the fits are scaled by sqrt(chi2/dof) when that exceeds 1; z = (MC - "
             "theory)/error. Systematics (not in the error): shape, the largest difference between the "
             "logistic and the linearly interpolated half point over the sizes; omega, the difference "
             "between the N^-2/3 and 1/N extrapolations.", "",
             "| P | alpha | quantity | theory RS | theory 1RSB | MC x*(N), N: value | MC N -> inf (N^-2/3) | "
             "chi2/dof | MC N -> inf (1/N), chi2/dof | systematics: shape; omega | agreement (2 sigma) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    c = ex.SIZES[size]
    for (P, alpha), result in tm.items():
        t = th["T_M"][(P, alpha)]
        value, chi2 = fit_text(result["fit"])
        value_1n, chi2_1n = fit_text(result["fit_1n"])
        lines.append(f"| {P} | {alpha:g} | T_M | {fmt(t['rs'])} | {fmt(t['rsb1'])} | {per_n_text(result['rows'])} | "
                     f"{value} | {chi2} | {value_1n}, {chi2_1n} | {systematics(result)} | "
                     f"{verdict(result['fit'], [('RS', t['rs'])])} |")
    for (P, threshold), result in cap.items():
        e = th["capacity"][P]
        point = e["thresholds"][threshold]
        value, chi2 = fit_text(result["fit"])
        value_1n, chi2_1n = fit_text(result["fit_1n"])
        if P == 2:
            rs = f"{fmt(e['rs_t0'])} (T=0; AGS {e['rs_t0_reference']:g})"
            rsb1 = f"{fmt(e['rsb1_t0'])} (T=0; Steffan-Kuehn {e['rsb1_t0_reference']:g})"
            refs = [("RS T=0", e["rs_t0"]), ("1RSB T=0", e["rsb1_t0"])]
        else:
            rs = f"{fmt(e['rs_t0'])} (T=0); {fmt(point['rs'])} (T={ex.CAPACITY_T:g}, m>{threshold:g})"
            rsb1 = f"{fmt(e['rsb1_t0'])} (T=0); {fmt(point['rsb1'])} (T={ex.CAPACITY_T:g}, m>{threshold:g})"
            refs = [("RS T=0", e["rs_t0"]), (f"RS T={ex.CAPACITY_T:g}", point["rs"]), ("1RSB T=0", e["rsb1_t0"]),
                    (f"1RSB T={ex.CAPACITY_T:g}", point["rsb1"])]
        lines.append(f"| {P} | - | alpha_c (P(m > {threshold:g}), T = {ex.CAPACITY_T:g}) | {rs} | {rsb1} | "
                     f"{per_n_text(result['rows'])} | {value} | {chi2} | {value_1n}, {chi2_1n} | "
                     f"{systematics(result)} | "
                     f"{verdict(result['fit'], refs)} |")
    lines += ["", "Runs: T_M: " + f"{c['tm']['samples']} samples x 2 walkers, {c['tm']['temps']} temperatures from "
              f"{ex.TM_WINDOW[3][0]:g} (P = 3) or {ex.TM_WINDOW[4][0]:g} (P = 4) to 1.0 x T_M(RS), {c['tm']['therm']} + "
              f"{c['tm']['sweeps']} sweeps, retrieved: time-averaged m > {ex.TM_THRESHOLD:g}. Capacity: "
              f"{c['cap']['samples']} samples x 2 walkers at T = {ex.CAPACITY_T:g}, {c['cap']['therm']} + "
              f"{c['cap']['sweeps']} sweeps, loads " + ", ".join(
                  f"{a[0]:g}..{a[-1]:g} (P = {P}, N = {', '.join(map(str, c['cap']['N'][P]))})"
                  for P, a in ex.CAPACITY_ALPHAS.items()) + ".", "",
              "Theory sources: RS T_M: dhn.reference.rs_retrieval_fold (NumPy); 1RSB T_M: phase-diagram "
              "/rsb1/lines/T_M. Capacity, T = 0: capacity --json (RS and 1RSB spinodals); T = 0.02, RS: "
              "dhn.reference.rs_capacity_at / rs_branch_alpha (the load where the RS retrieval m falls to the "
              "threshold, or the branch ends); T = 0.02, 1RSB: phase-diagram /rsb1/retrieval/m (the T = 0 "
              "spinodal where m stays above the threshold up to the end of the branch).", ""]
    return lines


def _split_section(cap, split):
    """Gap fractions and threshold spreads: does the retrieval state end in a split?"""
    lines = ["## Capacity runs: does the retrieval state end (a split), or does m slide?", "",
              f"Largest fraction of samples (over the loads) whose time-averaged m lies in "
              f"({ex.GAP[0]:g}, {ex.GAP[1]:g}], per size, and the threshold spread alpha*(m > 0.9) - alpha*(m > 0.8) "
              "at each size. A spinodal splits the samples into retrieving ones and ones at the remanent "
              "overlap: the gap stays nearly empty and the half point hardly depends on the threshold.", "",
              "| P | max gap fraction (N: value at alpha) | threshold spread (N: value) |", "|---|---|---|"]
    for P, d in split.items():
        gap = ", ".join(f"{g['N']}: {g['max_gap']:.2f} at {g['alpha']:.3g}" for g in d["per_size"])
        spread = []
        if (P, 0.9) in cap and (P, 0.8) in cap:
            for r9, r8 in zip(cap[(P, 0.9)]["rows"], cap[(P, 0.8)]["rows"]):
                x9, x8 = r9["logistic"], r8["logistic"]
                spread.append(f"{r9['N']}: {fmt(x9.x - x8.x, np.hypot(x9.error, x8.error))}")
        lines.append(f"| {P} | {gap} | {', '.join(spread)} |")
    return lines


def _branch_section(branch):
    """Mean m of the capacity runs below the capacity against the theory's retrieval m."""
    lines = ["", f"## Retrieval branch at T = {ex.CAPACITY_T:g}: mean m of the capacity runs against the theory", "",
              "Sample mean of the time-averaged m (error: spread over samples / sqrt(D)) at the two largest "
              "sizes, its weighted 1/N extrapolation, and the theory's retrieval m at the same load and "
              "temperature (RS: dhn.reference.rs_retrieval; 1RSB: phase-diagram, where its load grid "
              "reaches); z against RS.", "",
              "| P | alpha | theory RS m | theory 1RSB m | MC m (N: value) | MC N -> inf (1/N), chi2/dof | z (RS) |",
              "|---|---|---|---|---|---|---|"]
    for P, rows in branch.items():
        for r in rows:
            per_n = ", ".join(f"{N}: {fmt(v, e)}" for N, v, e in list(zip(r["N"], r["mean"], r["error"]))[-2:])
            fit = r["fit"]
            chi2 = "-" if not np.isfinite(fit.chi2_dof) else f"{fit.chi2_dof:.2f}"
            z = (fit.x_inf - r["rs"]) / crosscheck.scaled_error(fit) if r["rs"] is not None else np.nan
            lines.append(f"| {P} | {r['alpha']:g} | {fmt(r['rs'])} | {fmt(r['rsb1'])} | {per_n} | "
                         f"{fmt(fit.x_inf, crosscheck.scaled_error(fit))}, {chi2} | {z:+.1f} |")
    return lines


def _correction_section(th, tm):
    """The T_M fits side by side and the local exponents of T_M - T*(N)."""
    lines = ["", "## T_M: form of the finite-size correction", "",
              "The N^-2/3 and 1/N fits of the table, the fit with both terms (T_M + c1 N^-2/3 + c2/N; error "
              "scaled by sqrt(chi2/dof) when above 1, as all fits here) and "
              "the local exponents -d ln(T_M - T*(N))/d ln N between consecutive sizes with T_M fixed at the "
              "RS value (2/3: activation over the fold barrier; 1: an O(1/N) shift).", "",
              "| P | alpha | RS T_M | N^-2/3 fit | 1/N fit | two-term fit (chi2/dof) | local exponents |",
              "|---|---|---|---|---|---|---|"]
    for (P, alpha), result in tm.items():
        T_M = th["T_M"][(P, alpha)]["rs"]
        rows = [r for r in result["rows"] if np.isfinite(r["logistic"].x)]
        exponents = crosscheck.local_exponents([r["N"] for r in rows], [r["logistic"].x for r in rows], T_M)
        two_value, two_chi2 = fit_text(result["two_terms"])
        local = ", ".join(f"{x:.2f}" for x in exponents)
        lines.append(f"| {P} | {alpha:g} | {fmt(T_M)} | {fit_text(result['fit'])[0]} | "
                     f"{fit_text(result['fit_1n'])[0]} | {two_value} ({two_chi2}) | {local} |")
    return lines


def _half_points_section(tm, cap):
    """Every half point of every size, both estimators."""
    lines = ["", "## Half points per size", "",
              "| P | alpha or threshold | N | K | x* logistic | chi2/dof of the logistic | x* linear interpolation |",
              "|---|---|---|---|---|---|---|"]
    for (P, alpha), result in tm.items():
        for r in result["rows"]:
            lines.append(f"| {P} | T_M, alpha = {alpha:g} | {r['N']} | {r['K']} | "
                         f"{fmt(r['logistic'].x, r['logistic'].error)} | {r['logistic'].chi2_dof:.2f} | "
                         f"{fmt(r['linear'].x, r['linear'].error)} |")
    for (P, threshold), result in cap.items():
        for r in result["rows"]:
            lines.append(f"| {P} | alpha_c, m > {threshold:g} | {r['N']} | - | "
                         f"{fmt(r['logistic'].x, r['logistic'].error)} | "
                         f"{r['logistic'].chi2_dof:.2f} | {fmt(r['linear'].x, r['linear'].error)} |")
    return lines


def _crossings_section(cap):
    """The capacity crossings of consecutive sizes and their 1/N extrapolation."""
    lines = ["", "## Capacity: crossings of consecutive sizes (notebook 05's method, extrapolated in 1/N)", "",
              "| P | threshold | crossings (N1 x N2: alpha) | 1/N extrapolation | chi2/dof |", "|---|---|---|---|---|"]
    for (P, threshold), result in cap.items():
        crossings = ", ".join(f"{a}x{b}: {fmt(x.x, x.error)}" for a, b, x in result["pairs"])
        value, chi2 = fit_text(result["pair_fit"])
        lines.append(f"| {P} | m > {threshold:g} | {crossings} | {value} | {chi2} |")
    return lines


def markdown(th, tm, cap, split, branch, size, meta):
    """The cross-check report (docs/results.md's table and its supplementary tables) as markdown,
    from dhn.crosscheck's theory_values, tm_analysis, capacity_analysis and branch_analysis; meta:
    command, wall_s, jobs_run, jobs_kept (the last line)."""
    lines = _main_section(th, tm, cap, size)
    lines += _split_section(cap, split)
    lines += _branch_section(branch)
    lines += _correction_section(th, tm)
    lines += _half_points_section(tm, cap)
    lines += _crossings_section(cap)
    lines += ["", f"Command: `{meta['command']}`; wall time {meta['wall_s']:.0f} s "
              f"({meta['jobs_run']} programs run, {meta['jobs_kept']} outputs kept from an earlier run).", ""]
    return "\n".join(lines)


def jsonable(value):
    """Dataclasses, tuples as keys and NumPy values into plain JSON."""
    if isinstance(value, dict):
        return {(k if isinstance(k, str) else "_".join(f"{x:g}" if isinstance(x, float) else str(x) for x in k)
                 if isinstance(k, tuple) else str(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: jsonable(getattr(value, k)) for k in value.__dataclass_fields__ if k != "samples"}
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, (np.floating, float)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def json_text(th, tm, cap, split, branch, size, meta):
    """Every number behind the table as indented JSON (keys (P, alpha) written "3_0.02")."""
    return json.dumps(jsonable(dict(
        size=size, sizes=ex.SIZES[size], omega=ex.OMEGA, tm_threshold=ex.TM_THRESHOLD, capacity_T=ex.CAPACITY_T,
        theory=th, T_M=tm, capacity=cap, split=split, branch=branch, meta=meta)), indent=1)

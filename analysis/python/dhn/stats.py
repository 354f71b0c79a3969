"""Error analysis: binning of correlated time series and the jackknife for functions of means.

Conventions (as in ALPSCore's alea and TRIQS's stat, restated here):
- integrated autocorrelation time tau_int = 1/2 + sum_{t >= 1} rho(t), so that the variance of the
  mean of n correlated samples is 2 tau_int var(x)/n; uncorrelated data have tau_int = 1/2, an
  AR(1) process x_t = phi x_{t-1} + noise has tau_int = (1 + phi)/(2 (1 - phi));
- errors are one standard deviation of the estimate of the mean (or of the derived quantity).
All functions take samples along axis 0; trailing axes are independent observables.
"""
from dataclasses import dataclass

import numpy as np


def bin_means(x, bin_size):
    """Means of consecutive, non-overlapping bins of bin_size samples along axis 0; a trailing
    partial bin is dropped. Shape (n // bin_size, ...)."""
    x = np.asarray(x, dtype=float)
    n_bins = x.shape[0] // bin_size
    if n_bins < 1:
        raise ValueError(f"bin_size {bin_size} exceeds the {x.shape[0]} samples")
    return x[:n_bins * bin_size].reshape((n_bins, bin_size) + x.shape[1:]).mean(axis=1)


@dataclass
class BinningResult:
    """Result of binning_analysis. Arrays indexed by level k have bin size 2^k."""
    mean: np.ndarray            # mean of all samples
    error: np.ndarray           # error of the mean at the chosen level (the plateau estimate)
    tau_int: np.ndarray         # 1/2 (error / naive error)^2, see the module's convention
    bin_size: int               # bin size of the chosen level
    n_bins: int                 # number of bins at the chosen level
    converged: np.ndarray       # the error grew by less than 2 of its own standard errors over the last doubling
    bin_sizes: np.ndarray       # 1, 2, 4, ... for every level with at least min_bins bins
    errors: np.ndarray          # error of the mean at each level, shape (levels, ...)
    error_of_errors: np.ndarray  # statistical uncertainty of errors: errors / sqrt(2 (n_bins - 1))


def binning_analysis(x, min_bins=64):
    """Logarithmic binning of a time series (axis 0): the error of the mean at bin sizes
    1, 2, 4, ... while at least min_bins bins remain. The error estimate is taken at the largest
    such bin size, which is unbiased once the bin size exceeds a few tau_int; `converged` reports
    whether the estimates had reached a plateau there. Cost O(n) time and memory."""
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    if n < 2 * min_bins:
        raise ValueError(f"binning needs at least {2 * min_bins} samples (min_bins = {min_bins}), got {n}")
    sizes, errors, counts = [], [], []
    size = 1
    while n // size >= min_bins:
        bins = bin_means(x, size)
        sizes.append(size)
        counts.append(bins.shape[0])
        errors.append(bins.std(axis=0, ddof=1) / np.sqrt(bins.shape[0]))
        size *= 2
    errors = np.array(errors)
    counts = np.array(counts)
    error_of_errors = errors / np.sqrt(2.0 * (counts - 1)).reshape((-1,) + (1,) * (errors.ndim - 1))
    chosen = len(sizes) - 1
    if chosen >= 1:
        growth = errors[chosen] - errors[chosen - 1]
        converged = growth < 2.0 * np.hypot(error_of_errors[chosen], error_of_errors[chosen - 1])
    else:
        converged = np.zeros(errors.shape[1:], dtype=bool)
    naive = errors[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = 0.5 * (errors[chosen] / naive) ** 2
    return BinningResult(mean=x.mean(axis=0), error=errors[chosen], tau_int=tau,
                         bin_size=sizes[chosen], n_bins=int(counts[chosen]), converged=converged,
                         bin_sizes=np.array(sizes), errors=errors, error_of_errors=error_of_errors)


@dataclass
class JackknifeResult:
    """Result of jackknife, TRIQS-style: the bias-corrected value, its error, the plain jackknife
    mean of the leave-one-out estimates, the direct estimate f(means) and the estimated bias."""
    value: np.ndarray           # n f(all) - (n - 1) mean_i f(without i)  (bias removed to O(1/n^2))
    error: np.ndarray           # sqrt((n - 1)/n sum_i (f_i - mean f_i)^2)
    jackknife_mean: np.ndarray  # mean_i f(without i)
    direct: np.ndarray          # f(mean of all samples)
    bias: np.ndarray            # (n - 1)(jackknife_mean - direct), subtracted in value


def jackknife(samples, func=None):
    """Jackknife estimate of func(<a>, <b>, ...) from n samples of each observable.

    samples: one array of shape (n, ...) or a tuple of such arrays (several observables, e.g.
    <m^2> and <m^4> for a Binder ratio); rows are independent estimates: disorder samples,
    or bins longer than the autocorrelation time (use bin_means first for a time series).
    func: maps the means (one argument per observable) to the derived quantity; default the
    first observable's mean, for which the error equals the naive standard error exactly."""
    arrays = [np.asarray(s, dtype=float) for s in (samples if isinstance(samples, (tuple, list)) else (samples,))]
    n = arrays[0].shape[0]
    if n < 2 or any(a.shape[0] != n for a in arrays):
        raise ValueError("jackknife needs at least 2 samples, the same number for every observable")
    if func is None:
        def func(*means):
            return means[0]
    totals = [a.sum(axis=0) for a in arrays]
    direct = np.asarray(func(*[t / n for t in totals]), dtype=float)
    leave_one_out = np.array([np.asarray(func(*[(t - a[i]) / (n - 1) for t, a in zip(totals, arrays)]), dtype=float)
                              for i in range(n)])
    jk_mean = leave_one_out.mean(axis=0)
    error = np.sqrt((n - 1) / n * ((leave_one_out - jk_mean) ** 2).sum(axis=0))
    bias = (n - 1) * (jk_mean - direct)
    return JackknifeResult(value=direct - bias, error=error, jackknife_mean=jk_mean, direct=direct, bias=bias)


def weighted_mean(values, errors):
    """Inverse-variance weighted mean of independent estimates: (mean, error, chi2 per degree
    of freedom); chi2/dof far above 1 says the error bars do not describe the scatter."""
    values, errors = np.asarray(values, dtype=float), np.asarray(errors, dtype=float)
    w = 1.0 / errors ** 2
    mean = (w * values).sum() / w.sum()
    dof = values.size - 1
    chi2 = (w * (values - mean) ** 2).sum() / dof if dof > 0 else np.nan
    return mean, 1.0 / np.sqrt(w.sum()), chi2

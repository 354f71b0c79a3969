"""dhn.stats: binning on AR(1) series with exactly known variance of the mean and tau_int, and the
jackknife's exact identities and coverage. Fixed seeds; every statistical threshold is stated."""
import numpy as np
import pytest

from dhn import stats


def ar1(phi, n, series, seed):
    """Stationary AR(1) with unit variance: x_t = phi x_{t-1} + sqrt(1 - phi^2) eps_t, shape (n, series)."""
    rng = np.random.default_rng(seed)
    eps = rng.standard_normal((n, series)) * np.sqrt(1.0 - phi ** 2)
    x = np.empty((n, series))
    x[0] = rng.standard_normal(series)
    for t in range(1, n):
        x[t] = phi * x[t - 1] + eps[t]
    return x


def var_block_mean(phi, b):
    """Exact variance of the mean of b consecutive AR(1) samples (unit variance, rho(t) = phi^t)."""
    t = np.arange(1, b)
    return (1.0 + 2.0 * np.sum((1.0 - t / b) * phi ** t)) / b


def test_binning_matches_exact_ar1_variance():
    phi, n, R = 0.8, 2 ** 14, 400
    tau = (1 + phi) / (2 * (1 - phi))  # 4.5
    x = ar1(phi, n, R, seed=1)
    result = stats.binning_analysis(x, min_bins=64)
    assert result.bin_size == 256 and result.n_bins == 64
    # The estimator's exact expectation: E[s^2/M] = (Var(bin mean) - Var(mean of all))/(M - 1).
    M, b = result.n_bins, result.bin_size
    var_mean = var_block_mean(phi, n)
    expected = (var_block_mean(phi, b) - var_block_mean(phi, M * b)) / (M - 1)
    squared = result.error ** 2
    assert abs(squared.mean() - expected) < 3 * squared.std(ddof=1) / np.sqrt(R)  # 3 sigma over 400 series
    # Plateau reached: the mean error is within 5% of the true one (bias O(tau/b) = 1.7% here).
    assert abs(np.sqrt(squared.mean() / var_mean) - 1) < 0.05
    assert abs(result.tau_int.mean() / tau - 1) < 0.05
    assert result.converged.mean() > 0.8
    assert np.allclose(result.mean, x.mean(axis=0))


def test_binning_uncorrelated_and_unconverged():
    white = np.random.default_rng(2).standard_normal((2 ** 14, 200))
    result = stats.binning_analysis(white)
    assert abs(result.tau_int.mean() - 0.5) < 0.03  # tau_int = 1/2 without correlations; 3 sigma ~ 0.02
    # tau_int ~ 2000 against 256-sample bins: the errors still grow and the plateau is not reached.
    slow = ar1(0.9995, 2 ** 14, 50, seed=3)
    assert stats.binning_analysis(slow).converged.mean() < 0.2


def test_binning_rejects_short_series():
    with pytest.raises(ValueError, match="at least 128 samples"):
        stats.binning_analysis(np.zeros(100))


def test_bin_means():
    x = np.arange(10.0)
    assert np.array_equal(stats.bin_means(x, 3), [1.0, 4.0, 7.0])  # trailing partial bin dropped
    with pytest.raises(ValueError):
        stats.bin_means(x, 11)


def test_jackknife_exact_identities():
    x = np.random.default_rng(4).normal(1.5, 2.0, size=37)
    n = x.size
    plain = stats.jackknife(x)
    assert plain.value == pytest.approx(x.mean(), rel=1e-14)
    assert plain.error == pytest.approx(x.std(ddof=1) / np.sqrt(n), rel=1e-12)
    assert plain.bias == pytest.approx(0.0, abs=1e-13)
    # For f = mean^2 the bias-corrected jackknife is exactly the unbiased xbar^2 - s^2/n.
    square = stats.jackknife(x, lambda m: m ** 2)
    assert square.value == pytest.approx(x.mean() ** 2 - x.var(ddof=1) / n, rel=1e-12)
    assert square.direct == pytest.approx(x.mean() ** 2, rel=1e-14)
    # On bins of a time series the jackknife error of the mean is the binning error at that size.
    series = ar1(0.5, 4096, 1, seed=5)[:, 0]
    bins = stats.bin_means(series, 64)
    binned = stats.binning_analysis(series, min_bins=64)
    assert stats.jackknife(bins).error == pytest.approx(binned.error, rel=1e-12)


def test_jackknife_ratio_coverage():
    """A ratio <a>/<b> of per-sample estimates: the +-1 error interval covers the truth in 68.3% of
    1000 experiments, within 3 binomial sigma (0.0147)."""
    rng = np.random.default_rng(6)
    truth, hits, R, n = 2.0 / 5.0, 0, 1000, 50
    for _ in range(R):
        b = rng.normal(5.0, 1.0, n)
        a = 0.4 * b + rng.normal(0.0, 0.5, n)
        result = stats.jackknife((a, b), lambda ma, mb: ma / mb)
        hits += abs(result.value - truth) < result.error
    assert abs(hits / R - 0.683) < 3 * np.sqrt(0.683 * 0.317 / R)


def test_jackknife_shapes_and_errors():
    x = np.random.default_rng(7).standard_normal((20, 3))
    result = stats.jackknife(x)
    assert result.value.shape == (3,) and result.error.shape == (3,)
    with pytest.raises(ValueError):
        stats.jackknife((np.ones(5), np.ones(4)))


def test_weighted_mean():
    mean, error, chi2 = stats.weighted_mean([1.0, 3.0], [1.0, 1.0])
    assert (mean, error, chi2) == pytest.approx((2.0, 1 / np.sqrt(2), 2.0))

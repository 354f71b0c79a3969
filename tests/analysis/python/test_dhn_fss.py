"""dhn.fss: crossings of synthetic finite-size curves with a known crossing point, their bootstrap
errors against the spread over independent noise realisations, and the extrapolation in 1/N."""
import numpy as np
import pytest

from dhn import fss

X_C = 0.1383  # the crossing of every synthetic family below (off the grid on purpose)
GRID = np.arange(0.10, 0.18, 0.004)


def retrieval_probability(x, N, nu=2.0, width=0.5):
    """A finite-size family that crosses exactly at X_C (value 1/2) for every N."""
    return 1.0 / (1.0 + np.exp((x - X_C) * N ** (1.0 / nu) / width))


def test_noiseless_crossing_is_exact_to_interpolation_order():
    y1, y2 = retrieval_probability(GRID, 100), retrieval_probability(GRID, 400)
    cubic = fss.crossing_point(GRID, y1, GRID, y2, order=3)
    linear = fss.crossing_point(GRID, y1, GRID, y2, order=1)
    assert abs(cubic - X_C) < 1e-6
    assert abs(linear - X_C) < 1e-3
    assert abs(cubic - X_C) < abs(linear - X_C)
    # Different grids are merged; the crossing stays.
    other = np.arange(0.101, 0.18, 0.003)
    merged = fss.crossing_point(GRID, y1, other, retrieval_probability(other, 400), order=3)
    assert abs(merged - X_C) < 2e-4


def test_no_crossing_and_bracket():
    y = retrieval_probability(GRID, 100)
    assert np.isnan(fss.crossing_point(GRID, y, GRID, y + 0.1))
    result = fss.crossing(GRID, y, 0.01 + 0 * y, GRID, y + 0.1, 0.01 + 0 * y, n_boot=10)
    assert np.isnan(result.x) and result.found_fraction == 0.0
    y2 = retrieval_probability(GRID, 400)
    assert np.isnan(fss.crossing_point(GRID, y, GRID, y2, bracket=(0.15, 0.18)))
    assert abs(fss.crossing_point(GRID, y, GRID, y2, bracket=(0.13, 0.15)) - X_C) < 1e-6


def test_bootstrap_error_matches_spread_over_realisations():
    """100 noisy realisations (sigma = 0.01 per point): the crossings scatter around X_C with a
    standard deviation that the median bootstrap error reproduces within 25% (the sample standard
    deviation of 100 values alone is uncertain by 7%), and their mean is within 3 standard errors."""
    rng = np.random.default_rng(11)
    sigma = np.full(GRID.shape, 0.01)
    y1, y2 = retrieval_probability(GRID, 100), retrieval_probability(GRID, 400)
    centres, errors = [], []
    for r in range(100):
        result = fss.crossing(GRID, y1 + sigma * rng.standard_normal(GRID.shape), sigma,
                              GRID, y2 + sigma * rng.standard_normal(GRID.shape), sigma,
                              n_boot=200, seed=r, bracket=(0.11, 0.17))
        assert result.found_fraction > 0.99
        centres.append(result.x)
        errors.append(result.error)
    centres = np.array(centres)
    spread = centres.std(ddof=1)
    assert abs(centres.mean() - X_C) < 3 * spread / np.sqrt(centres.size)
    assert 0.8 < np.median(errors) / spread < 1.25


def test_bootstrap_is_reproducible():
    y1, y2 = retrieval_probability(GRID, 100), retrieval_probability(GRID, 400)
    e = np.full(GRID.shape, 0.02)
    a = fss.crossing(GRID, y1, e, GRID, y2, e, n_boot=50, seed=3)
    b = fss.crossing(GRID, y1, e, GRID, y2, e, n_boot=50, seed=3)
    assert np.array_equal(a.samples, b.samples)


def test_pairwise_crossings_sorted_by_size():
    curves = [(N, GRID, retrieval_probability(GRID, N), np.full(GRID.shape, 0.005)) for N in (400, 100, 200)]
    pairs = fss.pairwise_crossings(curves, n_boot=20)
    assert [(a, b) for a, b, _ in pairs] == [(100, 200), (200, 400)]
    assert all(abs(c.x - X_C) < 1e-5 for _, _, c in pairs)


def test_extrapolation_recovers_infinite_size():
    sizes = np.array([50.0, 100.0, 200.0, 400.0, 800.0])
    exact = fss.extrapolate(sizes, X_C + 0.3 / sizes, np.full(5, 1e-3))
    assert exact.x_inf == pytest.approx(X_C, abs=1e-12) and exact.slope == pytest.approx(0.3, rel=1e-10)
    assert exact.chi2_dof == pytest.approx(0.0, abs=1e-12)
    # Noisy drifting crossings: the intercept's error is the spread over 400 realisations (within
    # 10%; the standard deviation of 400 values is itself uncertain by 3.5%).
    rng = np.random.default_rng(12)
    errors = np.array([4e-3, 3e-3, 2e-3, 1.5e-3, 1e-3])
    fits = [fss.extrapolate(sizes, X_C + 0.3 / sizes + errors * rng.standard_normal(5), errors) for _ in range(400)]
    intercepts = np.array([f.x_inf for f in fits])
    assert abs(intercepts.mean() - X_C) < 3 * intercepts.std(ddof=1) / np.sqrt(400)
    assert abs(fits[0].error / intercepts.std(ddof=1) - 1) < 0.1
    with pytest.raises(ValueError):
        fss.extrapolate([100.0], [0.1], [0.01])

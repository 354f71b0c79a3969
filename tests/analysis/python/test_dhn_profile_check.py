"""dhn.profile_check: the random-configuration threshold against brute force, and the N -> infinity
extrapolation of the residuals on synthetic data with a known limit."""
import itertools
import math

import numpy as np
import pytest

from dhn import profile_check


def test_random_max_share_is_the_binomial_law_of_independent_overlaps():
    # brute force over all 2^10 patterns against one fixed configuration (all +1, no loss of
    # generality: flipping s maps patterns onto patterns): P(|S| <= c N) per pattern (c N = 4 a
    # level of S: the edge is kept), then the K - 1 other patterns independent
    N, c = 10, 0.4
    inside = sum(abs(sum(x)) <= c * N for x in itertools.product((-1, 1), repeat=N)) / 2 ** N
    for K in (1, 2, 5):
        assert profile_check.random_max_share(N, K, c) == pytest.approx(inside ** (K - 1), rel=1e-12)


def test_random_threshold_keeps_at_least_the_stated_share_and_is_the_smallest_edge():
    for N, K in ((32, 143), (64, 573), (128, 2294)):
        c = profile_check.random_threshold(N, K, 50)
        assert profile_check.random_max_share(N, K, c) >= profile_check.RANDOM_SHARE
        assert profile_check.random_max_share(N, K, c - 1 / 50) < profile_check.RANDOM_SHARE
    # more patterns need a looser threshold, more spins a tighter one
    assert profile_check.random_threshold(64, 5000, 50) >= profile_check.random_threshold(64, 500, 50)
    assert profile_check.random_threshold(128, 500, 50) <= profile_check.random_threshold(64, 500, 50)


class _Size:
    def __init__(self, N, residual, error):
        self.N, self.residual, self.residual_error = N, residual, error


def test_extrapolation_recovers_a_known_limit_and_reports_its_model_dependence():
    grid = profile_check.GRID
    limit, slope = 0.01 * np.sin(3 * grid), 0.5 * grid
    sizes = [_Size(N, limit + slope / N, np.full(grid.size, 1e-4)) for N in (32, 64, 128)]
    r_inf, error, systematic, b = profile_check._extrapolate(sizes)
    assert np.allclose(r_inf, limit, atol=1e-12) and np.allclose(b, slope, atol=1e-10)
    assert np.all(error > 0)
    # exact 1/N data: the two largest sizes give the same limit, the ln(N)/N model does not
    assert np.all(systematic[grid > 0] > 0)
    pure = [_Size(N, limit.copy(), np.full(grid.size, 1e-4)) for N in (32, 64, 128)]
    assert np.allclose(profile_check._extrapolate(pure)[2], 0.0, atol=1e-12)

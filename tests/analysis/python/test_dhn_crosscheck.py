"""dhn.crosscheck on synthetic data with a known answer: half points of a retrieval probability
drawn from a logistic escape-temperature distribution, their bootstrap errors against the spread
over independent realisations, and the N^-2/3 extrapolation of T*(N) = T_M - c N^-2/3."""
import numpy as np
import pytest

from dhn import crosscheck, fss

T0, WIDTH = 0.2317, 0.006            # known half point and width of the synthetic p(T)
GRID = np.linspace(0.18, 0.28, 16)   # T0 is off the grid points on purpose


def synthetic_hits(rng, D, x=GRID, centre=T0, width=WIDTH):
    """(D, L) outcomes: each disorder sample escapes above its own x_d, drawn from a logistic
    distribution, so P(retrieved at x) = 1/(1 + exp((x - centre)/width)) with half point centre;
    one sample's outcomes are correlated across x, as in one mc file."""
    escape = centre + width * rng.logistic(size=D)
    return x[None, :] < escape[:, None]


def test_logistic_fit_recovers_exact_parameters():
    a, b = 12.0, -60.0
    x = np.linspace(0.1, 0.3, 11)
    n = np.full(x.shape, 1000.0)
    p = 1.0 / (1.0 + np.exp(-(a + b * x)))
    fit = crosscheck.logistic_fit(x, n * p, n)  # expected counts: the likelihood maximum is (a, b)
    assert fit[0] == pytest.approx(a, rel=1e-8) and fit[1] == pytest.approx(b, rel=1e-8)
    assert fit[2] == pytest.approx(0.0, abs=1e-12)


def test_step_and_out_of_grid_give_nan():
    hits = np.zeros((50, GRID.size), dtype=bool)
    hits[:, :7] = True  # p jumps from 1 to 0 between two grid points: the slope is undetermined
    assert np.isnan(crosscheck.half_point_value(GRID, hits, "logistic"))
    assert crosscheck.half_point_value(GRID, hits, "linear") == pytest.approx(0.5 * (GRID[6] + GRID[7]))
    rng = np.random.default_rng(3)
    beyond = synthetic_hits(rng, 400, centre=0.3)  # the half point lies above the grid
    assert np.isnan(crosscheck.half_point_value(GRID, beyond, "logistic"))
    with pytest.raises(ValueError):
        crosscheck.half_point_value(GRID, beyond, "cubic")


@pytest.mark.parametrize("method", ["logistic", "linear"])
def test_half_point_and_bootstrap_error_over_realisations(method):
    """40 realisations of 64 samples: the half points scatter around T0 with a standard deviation
    that the median bootstrap error reproduces within 35 % (the sample standard deviation of 40
    values is itself uncertain by 11 %), and their mean is within 3 standard errors of T0."""
    rng = np.random.default_rng(17)
    values, errors = [], []
    for r in range(40):
        h = crosscheck.half_point(GRID, synthetic_hits(rng, 64), method, n_boot=200, seed=r)
        assert h.found_fraction > 0.95
        values.append(h.x)
        errors.append(h.error)
    values = np.array(values)
    spread = values.std(ddof=1)
    assert abs(values.mean() - T0) < 3 * spread / np.sqrt(values.size)
    assert 0.65 < np.median(errors) / spread < 1.35


def test_extrapolation_in_n_to_the_minus_two_thirds_recovers_t_m():
    """T*(N) = T_M - c N^-2/3 plus Gaussian noise of the stated errors: the N^-2/3 fit recovers
    T_M with pulls of unit spread (200 realisations), while the 1/N fit of the same data misses it
    by many errors (the form of the correction is a systematic, reported beside the fit)."""
    T_M, c = 0.2811, 0.92
    sizes = np.array([48, 64, 96, 128, 192])
    errors = np.full(sizes.shape, 0.0015)
    rng = np.random.default_rng(5)
    pulls, pulls_1n = [], []
    for _ in range(200):
        values = T_M - c * sizes ** (-2.0 / 3.0) + errors * rng.standard_normal(sizes.size)
        points = [crosscheck.HalfPoint(x=v, error=e, method="logistic", found_fraction=1.0, chi2_dof=np.nan)
                  for v, e in zip(values, errors)]
        fit = crosscheck.extrapolate_half_points(sizes, points, 2.0 / 3.0)
        fit_1n = crosscheck.extrapolate_half_points(sizes, points, 1.0)
        pulls.append((fit.x_inf - T_M) / fit.error)
        pulls_1n.append((fit_1n.x_inf - T_M) / fit_1n.error)
    pulls = np.array(pulls)
    assert abs(pulls.mean()) < 3 / np.sqrt(pulls.size)
    assert 0.85 < pulls.std(ddof=1) < 1.15
    assert np.median(np.abs(pulls_1n)) > 5


def test_extrapolation_skips_missing_half_points_and_agreement():
    points = [crosscheck.HalfPoint(x=x, error=e, method="logistic", found_fraction=1.0, chi2_dof=0.0)
              for x, e in ((0.20, 0.002), (np.nan, np.nan), (0.24, 0.002))]
    fit = crosscheck.extrapolate_half_points([32, 48, 64], points, 1.0)
    # Two points: the line through them, evaluated at 1/N = 0.
    slope = (0.24 - 0.20) / (1 / 64 - 1 / 32)
    assert fit.x_inf == pytest.approx(0.24 - slope / 64, rel=1e-12)
    assert crosscheck.extrapolate_half_points([32, 48], points[:2], 1.0) is None
    z, ok = crosscheck.agreement(0.25, 0.01, 0.28)
    assert z == pytest.approx(-3.0) and not ok
    assert crosscheck.agreement(0.27, 0.01, 0.28)[1]
    assert not crosscheck.agreement(0.27, np.nan, 0.28)[1]


def test_scaled_error_inflates_only_above_unit_chi2():
    from dhn.fss import Extrapolation
    assert crosscheck.scaled_error(Extrapolation(0.1, 0.01, 0.0, 0.0, 4.0)) == pytest.approx(0.02)
    assert crosscheck.scaled_error(Extrapolation(0.1, 0.01, 0.0, 0.0, 0.5)) == pytest.approx(0.01)
    assert crosscheck.scaled_error(Extrapolation(0.1, 0.01, 0.0, 0.0, np.nan)) == pytest.approx(0.01)


def test_size_crossings_ignore_saturated_points():
    """Two sizes of a family crossing at X_C with both curves exactly 1 at the low end and exactly
    0 at the high end (where fss.crossing_point alone would report a crossing at the first point):
    the crossing is found at X_C."""
    X_C = 0.1383
    x = np.arange(0.04, 0.30, 0.02)
    curves = []
    for N in (48, 96):
        p = 1.0 / (1.0 + np.exp((x - X_C) * N ** 0.5 / 0.08))
        p = np.where(p > 0.999, 1.0, np.where(p < 0.001, 0.0, p))
        curves.append((N, x, p, np.full(x.shape, 0.005)))
    assert crosscheck.informative(curves[0][2], curves[1][2])[[0, -1]].tolist() == [False, False]
    assert fss.crossing_point(x, curves[0][2], x, curves[1][2], order=1) == x[0]  # the spurious one
    (N1, N2, crossing), = crosscheck.size_crossings(curves, n_boot=100)
    assert (N1, N2) == (48, 96)
    assert crossing.x == pytest.approx(X_C, abs=3e-3)  # linear interpolation on a 0.02 grid


def test_threshold_load():
    alpha = np.array([0.12, 0.13, 0.14, 0.15, 0.16])
    m = np.array([0.92, 0.89, 0.85, 0.78, np.nan])
    assert crosscheck.threshold_load(alpha, m, 0.8, 0.1537) == pytest.approx(0.14 + 0.05 / 0.07 * 0.01)
    assert crosscheck.threshold_load(alpha, m, 0.5, 0.1537) == 0.1537  # m ends above 0.5: the spinodal
    assert crosscheck.threshold_load(alpha, m, 0.95, 0.1537) == 0.12


def test_two_term_extrapolation_and_local_exponents():
    """x*(N) = x_inf - c1 N^-2/3 - c2/N exactly: the two-term fit returns x_inf (the one-term fits
    do not), and the local exponents against x_inf fall from about 0.84 at small N towards 2/3."""
    x_inf, c1, c2 = 0.2811, 0.5, 2.0
    sizes = np.array([48, 64, 96, 128, 192, 100000])
    values = x_inf - c1 * sizes ** (-2 / 3) - c2 / sizes
    points = [crosscheck.HalfPoint(x=v, error=1e-3, method="logistic", found_fraction=1.0, chi2_dof=np.nan)
              for v in values]
    two = crosscheck.extrapolate_two_terms(sizes[:5], points[:5])
    assert two.x_inf == pytest.approx(x_inf, abs=1e-12) and two.slope == pytest.approx(-c1, rel=1e-9)
    assert two.chi2_dof < 1e-12
    assert two.error > crosscheck.extrapolate_half_points(sizes[:5], points[:5], 2 / 3).error
    assert abs(crosscheck.extrapolate_half_points(sizes[:5], points[:5], 2 / 3).x_inf - x_inf) > 1e-3
    assert crosscheck.extrapolate_two_terms(sizes[:2], points[:2]) is None
    exponents = crosscheck.local_exponents(sizes, values, x_inf)
    assert np.all(np.diff(exponents) < 0) and 2 / 3 < exponents[-1] < 0.75 and 0.8 < exponents[0] < 1


def test_gap_fraction_separates_a_split_from_a_sliding_population():
    """Two populations (retrieval m = 0.97, remanent m = 0.3, spread 0.03) leave the gap (0.5, 0.8]
    empty (5.7 and 6.7 standard deviations away: 1e-4 samples expected in it); one Gaussian
    population centred in the gap (m = 0.65, spread 0.1) puts 2 Phi(1.5) - 1 = 0.866 of it there
    (binomial error 0.003 for 20000 samples: tolerance 0.015)."""
    rng = np.random.default_rng(5)
    split = np.concatenate([rng.normal(0.97, 0.03, 10000), rng.normal(0.3, 0.03, 10000)])
    slide = rng.normal(0.65, 0.1, 20000)
    assert crosscheck.gap_fraction(split, 0.5, 0.8) == 0.0
    assert crosscheck.gap_fraction(slide, 0.5, 0.8) == pytest.approx(0.8664, abs=0.015)
    assert crosscheck.gap_fraction([0.5, 0.8, 0.81], 0.5, 0.8) == pytest.approx(1 / 3)  # (low, high]
    with pytest.raises(ValueError, match="no samples"):
        crosscheck.gap_fraction([], 0.5, 0.8)

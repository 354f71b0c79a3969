"""[paper] Figure 01 (P = 4 phase diagram, RS and 1RSB) and the P = 2 lines: the file's numbers
against literature values and against independent NumPy evaluations (dhn.reference, no code shared
with theory/). Tolerances: the C++ lines are converged to ~1e-10 relative (README; continuation with
fold bisection, Brent roots) and the references to below 1e-10 (tests/analysis/python/test_dhn_reference.py),
so 1e-8 relative leaves two orders of margin; closed forms are held to rounding (1e-12)."""
import math

import numpy as np
import pytest

from dhn import reference

pytestmark = pytest.mark.paper

P = 4
LN2 = math.log(2.0)


def index_of(pd, alpha):
    """The grid row nearest alpha (the data script's grids contain the loads used below)."""
    i = int(np.argmin(np.abs(pd.alpha - alpha)))
    assert abs(pd.alpha[i] - alpha) < 1e-12, f"alpha = {alpha} is not on the grid"
    return i


def noise(alpha):
    return reference.Noise(reference.noise_coefficients(P, "distinct"), alpha)


def test_file_is_the_distinct_p4_diagram_with_both_levels(phase_diagram_p4):
    pd = phase_diagram_p4
    assert (pd.P, pd.variant, pd.convention, pd.levels) == (P, "distinct", "B", ("rs", "1rsb"))
    assert pd.alpha[0] == 0.0


def test_alpha_zero_is_the_curie_weiss_magnet(phase_diagram_p4):
    """At alpha = 0 the network is the P-spin Curie-Weiss magnet: T_M = max_m b(m)/atanh(m) and T_c
    where ln cosh(beta b) = beta (P-1) m^P/P!, both computed here independently (1-D closed forms;
    tolerance 1e-10 relative)."""
    T_M, m_M = reference.curie_weiss_spinodal(P)
    T_c, _ = reference.curie_weiss_transition(P)
    assert phase_diagram_p4.line("T_M")[0] == pytest.approx(T_M, rel=1e-10)
    assert phase_diagram_p4.line("m_M")[0] == pytest.approx(m_M, abs=1e-6)  # flat maximum: m to sqrt(1e-12)
    assert phase_diagram_p4.line("T_c")[0] == pytest.approx(T_c, rel=1e-10)


def test_paramagnet_and_its_entropy_crisis(phase_diagram_p4):
    """Paramagnet f = -T ln 2 - alpha/(2 P! T) (physics.md section 3, exact for q = 0) on the whole
    grid, and its entropy crisis at the REM temperature sqrt(alpha/(2 P! ln 2)) (Derrida 1981)."""
    pd = phase_diagram_p4
    alpha, T = np.meshgrid(pd.alpha, pd.T, indexing="ij")
    f = pd.field("rs/paramagnet/f")
    assert np.isfinite(f).all()
    np.testing.assert_allclose(f, -T * LN2 - alpha / (2 * 24 * T), rtol=1e-12)
    positive = pd.alpha > 0
    rem = np.sqrt(pd.alpha[positive] / (2 * 24 * LN2))
    np.testing.assert_allclose(pd.line("T_entropy_zero")[positive], rem, rtol=1e-12)


@pytest.mark.parametrize("alpha", [0.01, 0.02, 0.03])
def test_retrieval_spinodal_and_transition(phase_diagram_p4, alpha):
    """T_M (fold of the RS retrieval branch) and T_c (retrieval against the paramagnet, which is
    the physical m = 0 state there: T_c lies above T_s and the entropy crisis) from independent
    NumPy solutions of the RS equations (dhn.reference); 1e-8 relative. At 1RSB, T_c is the same
    number wherever it lies above T_AT and T_s (the retrieval state is RS there and the m = 0
    state the paramagnet)."""
    pd = phase_diagram_p4
    i = index_of(pd, alpha)
    xihat = noise(pd.alpha[i])
    T_M, m_M = reference.rs_retrieval_fold(P, xihat)
    assert pd.line("T_M")[i] == pytest.approx(T_M, rel=1e-8)
    assert pd.line("m_M")[i] == pytest.approx(m_M, abs=1e-5)  # golden section in m to 1e-6
    T_c = reference.rs_retrieval_transition(P, xihat, 1.01 * reference.rem_temperature(xihat(1.0)), 0.999 * T_M)
    assert pd.line("T_c")[i] == pytest.approx(T_c, rel=1e-8)
    assert T_c > max(pd.line("T_s", "1rsb")[i], pd.line("T_AT")[i])
    assert pd.line("T_c", "1rsb")[i] == pytest.approx(T_c, rel=1e-8)
    assert pd.line("T_M", "1rsb")[i] == pytest.approx(T_M, rel=1e-8)  # the RS fold lies above T_AT


@pytest.mark.parametrize("alpha", [0.02, 0.03])
def test_at_line(phase_diagram_p4, alpha):
    """de Almeida-Thouless line: beta^2 xihat''(q) E sech^4 h = 1 on the RS retrieval state,
    solved independently (1e-8 relative)."""
    pd = phase_diagram_p4
    i = index_of(pd, alpha)
    xihat = noise(pd.alpha[i])
    T_AT = reference.at_temperature(P, xihat, 1e-4, 0.9 * pd.line("T_M")[i])
    assert pd.line("T_AT")[i] == pytest.approx(T_AT, rel=1e-8)


@pytest.mark.parametrize("alpha", [0.01, 0.03])
def test_glass_lines(phase_diagram_p4, alpha):
    """1RSB T_d (fold of the theta = 1 branch) and T_s (its complexity vanishes), and the RS glass
    spinodal and transition, from independent 1-D NumPy solutions of the m = 0 equations
    (dhn.reference; the same solver gives Gardner's Ising 3-spin values). 1e-8 relative."""
    pd = phase_diagram_p4
    i = index_of(pd, alpha)
    T_d, T_s = reference.rsb1_glass_lines(noise(pd.alpha[i]))
    assert pd.line("T_d", "1rsb")[i] == pytest.approx(T_d, rel=1e-8)
    assert pd.line("T_s", "1rsb")[i] == pytest.approx(T_s, rel=1e-8)
    T_sp, T_glass = reference.rs_glass_lines(noise(pd.alpha[i]))
    assert pd.line("T_glass_spinodal")[i] == pytest.approx(T_sp, rel=1e-8)
    assert pd.line("T_glass")[i] == pytest.approx(T_glass, rel=1e-8)


def test_glass_lines_scale_as_sqrt_alpha_above_the_rem_bound(phase_diagram_p4):
    """For P > 2 xihat is linear in alpha, so every glass line is exactly sqrt(alpha) times a
    constant (physics.md section 6; 1e-9 relative over the grid); T_d > T_s > T_REM (a static
    transition above the paramagnet's entropy crisis, REM bound)."""
    pd = phase_diagram_p4
    positive = pd.alpha > 0
    root = np.sqrt(pd.alpha[positive])
    for level, name in (("1rsb", "T_d"), ("1rsb", "T_s"), ("rs", "T_glass_spinodal"), ("rs", "T_glass")):
        ratio = pd.line(name, level)[positive] / root
        assert np.isfinite(ratio).all(), name
        np.testing.assert_allclose(ratio, ratio[0], rtol=1e-9, err_msg=name)
    T_d, T_s = pd.line("T_d", "1rsb")[positive], pd.line("T_s", "1rsb")[positive]
    assert np.all(T_d > T_s) and np.all(T_s > pd.line("T_entropy_zero")[positive])


def test_rs_capacities_marked_on_the_axis(phase_diagram_p4):
    """/rs/capacity against the T = 0 RS closed form computed independently (1e-9 relative)."""
    alpha_c, m_c = reference.rs_t0_spinodal(P)
    alpha_g, m_g = reference.rs_t0_global(P)
    cap = phase_diagram_p4.capacity
    assert cap["alpha_spinodal"] == pytest.approx(alpha_c, rel=1e-9)
    assert cap["m_spinodal"] == pytest.approx(m_c, abs=1e-6)
    assert cap["alpha_global"] == pytest.approx(alpha_g, rel=1e-9)
    assert cap["m_global"] == pytest.approx(m_g, abs=1e-9)


# Hopfield retrieval spinodal T_M(alpha): AGS lines recomputed independently (physics.md section 7),
# quoted to 4 decimals: tolerance half a unit of the last digit plus 1e-6.
AGS_T_M = {0.01: 0.8010, 0.05: 0.5423, 0.10: 0.3154, 0.13: 0.1489}


@pytest.mark.parametrize("alpha", sorted(AGS_T_M))
def test_hopfield_retrieval_spinodal(phase_diagram_p2, alpha):
    i = index_of(phase_diagram_p2, alpha)
    assert phase_diagram_p2.line("T_M")[i] == pytest.approx(AGS_T_M[alpha], abs=5e-5 + 1e-6)


def test_hopfield_glass_line(phase_diagram_p2):
    """AGS 1987: the Hopfield glass sets in continuously at T_g = 1 + sqrt(alpha) (rounding)."""
    pd = phase_diagram_p2
    assert pd.P == 2
    np.testing.assert_allclose(pd.line("T_glass_spinodal"), 1 + np.sqrt(pd.alpha), rtol=1e-12)

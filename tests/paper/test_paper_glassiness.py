"""[paper] Figure 03 (glassiness): the P = 2 hard/soft split and the P > 2 hard-only identity, with
the Hopfield (AGS), SK and Ising P-spin (Gardner, REM) reference values."""
import math

import numpy as np
import pytest

from dhn import reference

pytestmark = pytest.mark.paper

LN2 = math.log(2.0)


def test_hopfield_glass_onset(glassiness):
    """AGS 1987: q > 0 exactly below T_g = 1 + sqrt(alpha), where SK's temperature T_hard = 1."""
    g = glassiness[2]
    T, q, T_hard = g.T, g.curves["q"], g.curves["T_hard"]
    T_g = 1 + math.sqrt(g.alpha)
    below, above = T < T_g * (1 - 1e-9), T > T_g * (1 + 1e-9)
    assert below.sum() > 10 and above.sum() > 10
    assert np.all(q[below] > 0) and np.all(np.abs(q[above]) < 1e-12)
    assert np.all(T_hard[below] < 1) and np.all(T_hard[above] > 1)


def test_hopfield_split_and_paramagnets(glassiness):
    """Above T_g the AGS m = q = 0 free energy is alpha/2 + (alpha T/2) ln(1 - 1/T) - T ln 2
    (physics.md section 5) and SK's paramagnet is -T ln 2 - 1/(4T) (Sherrington-Kirkpatrick 1975,
    E[H H'] = N q^2/2); at every T the parts add up, f_network = f_hard + f_soft + f_coupling
    (Barra, Genovese, Guerra, Tantari 2012). Rounding-level tolerances (1e-12)."""
    g = glassiness[2]
    c, a, T = g.curves, g.alpha, g.T
    hot = T > 1 + math.sqrt(a)
    np.testing.assert_allclose(c["f_network"][hot], a / 2 + a * T[hot] / 2 * np.log(1 - 1 / T[hot]) - T[hot] * LN2,
                               rtol=0, atol=1e-12)
    sk_hot = c["T_hard"] > 1
    np.testing.assert_allclose(c["f_sk"][sk_hot], -c["T_hard"][sk_hot] * LN2 - 1 / (4 * c["T_hard"][sk_hot]),
                               rtol=0, atol=1e-12)
    np.testing.assert_allclose(c["f_hard"] + c["f_soft"] + c["f_coupling"], c["f_network"], rtol=0, atol=1e-12)
    assert np.all(np.abs(c["f_soft"]) > 0.05)  # the soft part is a sizeable share at every T (figure 03c)


@pytest.mark.parametrize("P", [3, 4, 8])
def test_dense_network_is_the_ising_glass(glassiness, P):
    """For P > 2 f_network = scale f_ising with scale = sqrt(2 alpha/P!) (no soft part) at RS and
    1RSB (1e-13 relative), and the Ising paramagnet is -T ln 2 - 1/(4T) where q = 0 (1e-12)."""
    g = glassiness[P]
    assert g.scale == pytest.approx(math.sqrt(2 * g.alpha / math.factorial(P)), rel=1e-14)
    c = g.curves
    finite = np.isfinite(c["f_network"])
    assert finite.sum() > 50
    np.testing.assert_allclose(c["f_network"][finite], g.scale * c["f_ising"][finite], rtol=1e-13)
    np.testing.assert_allclose(g.rsb1["f_network"], g.scale * g.rsb1["f_ising"], rtol=1e-13)
    np.testing.assert_allclose(c["T_ising"], g.T / g.scale, rtol=1e-14)
    para = c["q_ising"] == 0
    T_i = c["T_ising"][para]
    np.testing.assert_allclose(c["f_ising"][para], -T_i * LN2 - 1 / (4 * T_i), rtol=0, atol=1e-12)


def test_ising_three_spin_glass_gardner(glassiness):
    """Gardner, Nucl. Phys. B 257 (1985) 747: the Ising 3-spin glass (E[H H'] = N q^3/2) has
    T_s = 0.651 and T_d = 0.682 (3 digits: tolerance 1e-3). Mapped to the network by the README's
    scaling T = sqrt(2 alpha/3!) T_ising."""
    g = glassiness[3]
    a = g.rsb1_attrs
    assert a["T_s_ising"] == pytest.approx(0.651, abs=1e-3)
    assert a["T_d_ising"] == pytest.approx(0.682, abs=1e-3)
    scale = math.sqrt(2 * g.alpha / 6)
    assert a["T_s"] == pytest.approx(0.651 * scale, abs=1e-3 * scale)
    assert a["T_d"] == pytest.approx(0.682 * scale, abs=1e-3 * scale)


@pytest.mark.parametrize("P", [4, 8])
def test_ising_glass_lines_independent(glassiness, P):
    """T_d and T_s of the Ising P-spin glass against the independent 1-D solution (dhn.reference,
    validated on Gardner's p = 3 values); 1e-8 relative."""
    T_d, T_s = reference.rsb1_glass_lines(reference.Noise({P: 0.5}))
    a = glassiness[P].rsb1_attrs
    assert a["T_d_ising"] == pytest.approx(T_d, rel=1e-8)
    assert a["T_s_ising"] == pytest.approx(T_s, rel=1e-8)


def test_static_transition_approaches_the_rem(glassiness):
    """Random energy model (Derrida 1981): T_s -> sqrt(xihat(1)/(2 ln 2)) = 1/(2 sqrt(ln 2)) in Ising
    units as P grows, from above (the transition precedes the entropy crisis), the gap shrinking
    exponentially in P (Gardner 1985): below 1% at P = 8 and decreasing over P = 3, 4, 8."""
    rem = reference.rem_temperature(0.5)
    gaps = [glassiness[P].rsb1_attrs["T_s_ising"] / rem - 1 for P in (3, 4, 8)]
    assert all(gap > 0 for gap in gaps)
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 0.01

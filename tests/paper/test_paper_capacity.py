"""[paper] Figure 02 (capacity against P): the capacity table against published P = 2 values and
the independently evaluated T = 0 RS closed form for P = 3..8 in both variants. The 1RSB rows for
P >= 3 are the suite's own results (README) with no independent reference here; their table is
checked for completeness and for the 1RSB parameters it must carry."""
import math

import numpy as np
import pytest

from dhn import reference

pytestmark = pytest.mark.paper


def test_table_is_complete(capacity):
    rows = capacity.rows
    assert rows.size == 7 * 2 * 2
    for P in range(2, 9):
        for level in ("rs", "1rsb"):
            for variant in ("distinct", "full"):
                row = capacity.select(P=P, level=level, variant=variant)
                assert row.size == 1, (P, level, variant)
                assert row["convention"][0] == "B"
                assert 0 < row["alpha_global"][0] < row["alpha_spinodal"][0]
                has_parameters = np.isfinite(row["q1"][0]) and np.isfinite(row["mu"][0])
                assert has_parameters == (level == "1rsb")


def test_hopfield_rs_capacity(capacity):
    """Amit, Gutfreund, Sompolinsky 1987 (and Steffan & Kuehn 1994): alpha_c = 0.137905 at
    m = 0.9674; the retrieval state is the global minimum below alpha = 0.0518. Tolerances: one
    unit of the quoted last digit (1e-6, 5e-5, 1e-4)."""
    assert capacity.value("alpha_spinodal", P=2, level="rs", variant="distinct") == pytest.approx(0.137905, abs=1e-6)
    assert capacity.value("m_spinodal", P=2, level="rs", variant="distinct") == pytest.approx(0.9674, abs=5e-5)
    assert capacity.value("alpha_global", P=2, level="rs", variant="distinct") == pytest.approx(0.0518, abs=1e-4)


def test_hopfield_1rsb_capacity(capacity):
    """Steffan & Kuehn, Z. Phys. B 95 (1994) 249: 1RSB alpha_c = 0.138186 (one unit of the last digit)."""
    assert capacity.value("alpha_spinodal", P=2, level="1rsb", variant="distinct") == pytest.approx(0.138186, abs=1e-6)


def test_p2_variants_coincide(capacity):
    """For P = 2 "full" has the same xihat as "distinct" (physics.md section 2: only k = 2)."""
    for level in ("rs", "1rsb"):
        for column in ("alpha_spinodal", "alpha_global"):
            assert capacity.value(column, P=2, level=level, variant="full") == pytest.approx(
                capacity.value(column, P=2, level=level, variant="distinct"), rel=1e-12)


@pytest.mark.parametrize("variant", ["distinct", "full"])
@pytest.mark.parametrize("P", range(3, 9))
def test_rs_capacity_closed_form(capacity, P, variant):
    """T = 0 RS for P >= 3 (physics.md section 3), evaluated here with the standard library's erf:
    alpha_c = max_x b(erf x)^2/(2 g x^2) and alpha_g where -E|b + s z| + (P-1) m^P/P! equals
    -s sqrt(2/pi). Both sides are converged to ~1e-13: alpha to 1e-9 relative, m at the flat
    maximum to 1e-6, m at the root to 1e-9."""
    alpha_c, m_c = reference.rs_t0_spinodal(P, variant)
    alpha_g, m_g = reference.rs_t0_global(P, variant)
    where = dict(P=P, level="rs", variant=variant)
    assert capacity.value("alpha_spinodal", **where) == pytest.approx(alpha_c, rel=1e-9)
    assert capacity.value("m_spinodal", **where) == pytest.approx(m_c, abs=1e-6)
    assert capacity.value("alpha_global", **where) == pytest.approx(alpha_g, rel=1e-9)
    assert capacity.value("m_global", **where) == pytest.approx(m_g, abs=1e-9)


def test_factorial_scaling_and_large_p(capacity):
    """The P! scaling of figure 02(b): (P-1)! alpha_c (= alpha_G/P) of the RS distinct rows equals
    max_x erf(x)^(2P-2)/(2x^2) (1e-9) and decreases with P towards 0 like 1/(2 ln P): the ratio
    to 1/(2 ln P) lies in (0.5, 1) for P = 3..8 (0.554 to 0.581)."""
    rows = capacity.select(level="rs", variant="distinct")
    for P, alpha in zip(rows["P"], rows["alpha_spinodal"]):
        if P < 3:
            continue
        scaled = math.factorial(P - 1) * alpha
        assert scaled == pytest.approx(reference.rs_t0_spinodal_factorial(P), rel=1e-9)
        assert 0.5 < scaled * 2 * math.log(P) < 1.0
    scaled = [math.factorial(P - 1) * a for P, a in zip(rows["P"], rows["alpha_spinodal"]) if P >= 3]
    assert all(np.diff(scaled) < 0)

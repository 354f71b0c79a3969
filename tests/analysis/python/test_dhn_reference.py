"""dhn.reference, the independent NumPy references of the [paper] tests: its quadrature against
closed forms and under step halving, its solutions against their own equations, and its glass
solver against Gardner's Ising 3-spin values."""
import math

import numpy as np
import pytest

from dhn import reference as r
from dhn import reference


def test_gaussian_moments_and_closed_forms():
    assert r.expect(r.Z ** 2) == pytest.approx(1.0, rel=1e-13)
    assert r.expect(r.Z ** 4) == pytest.approx(3.0, rel=1e-13)
    assert r.expect(np.cosh(3.0 * r.Z)) == pytest.approx(math.exp(4.5), rel=1e-12)
    # E|a + y z| enters e_log_cosh in closed form; at y >= 2 the u-grid and a fine z-grid agree.
    z, w = r.gauss_grid(120001)
    for a, y in ((0.0, 3.0), (1.7, 2.5), (9.0, 4.0)):
        assert r.e_log_cosh(a, y) == pytest.approx(w @ r.log_cosh(a + y * z), rel=1e-11)
        assert r.e_tanh(a, y) == pytest.approx(w @ np.tanh(a + y * z), abs=1e-11)
        assert r.e_tanh2(a, y) == pytest.approx(w @ np.tanh(a + y * z) ** 2, abs=1e-11)
        assert r.e_sech4(a, y) == pytest.approx(w @ np.cosh(a + y * z) ** -4.0, abs=1e-11)


def test_noise_coefficients_match_physics_md():
    full4 = r.Noise(r.noise_coefficients(4, "full"), alpha=2.0)
    assert full4(0.7) == pytest.approx(2.0 * (0.7 ** 4 + 3 * 0.7 ** 2) / 24, rel=1e-14)  # physics.md section 2
    full3 = r.Noise(r.noise_coefficients(3, "full"))
    assert full3(0.5) == pytest.approx(0.5 ** 3 / 6 + 0.5 / 4, rel=1e-14)  # a_3 = 1, a_1 = 3
    distinct = r.Noise(r.noise_coefficients(5))
    assert distinct.d1(0.3) == pytest.approx(5 * 0.3 ** 4 / 120, rel=1e-14)
    assert distinct.d2(0.3) == pytest.approx(20 * 0.3 ** 3 / 120, rel=1e-14)


def test_solutions_satisfy_their_equations():
    T, m = r.curie_weiss_transition(4)
    assert m == pytest.approx(math.tanh(r.signal(4, m) / T), abs=1e-13)
    beta = 1 / T
    assert math.log(math.cosh(beta * r.signal(4, m))) == pytest.approx(beta * 3 * m ** 4 / 24, rel=1e-10)
    for P, variant in ((3, "distinct"), (5, "full")):
        g = r.Noise(r.noise_coefficients(P, variant)).d1(1.0)
        for alpha, m in (r.rs_t0_spinodal(P, variant), r.rs_t0_global(P, variant)):
            assert m == pytest.approx(math.erf(r.signal(P, m) / math.sqrt(2 * alpha * g)), abs=1e-12)


def test_glass_solver_reproduces_gardner_and_is_grid_converged(monkeypatch):
    """Ising 3-spin glass, E[H H'] = N q^3/2: Gardner (1985) T_d = 0.682, T_s = 0.651 (3 digits).
    Halving both quadrature steps moves them by less than 1e-10."""
    ising3 = r.Noise({3: 0.5})
    T_d, T_s = r.rsb1_glass_lines(ising3)
    assert T_d == pytest.approx(0.682, abs=1e-3) and T_s == pytest.approx(0.651, abs=1e-3)
    z, w = r.gauss_grid(8001)
    u = np.linspace(-40.0, 40.0, 32001)
    monkeypatch.setattr(r, "Z", z)
    monkeypatch.setattr(r, "W", w)
    monkeypatch.setattr(r, "U", u)
    monkeypatch.setattr(r, "WU", r.simpson_weights(u.size, u[1] - u[0]))
    fine_d, fine_s = r.rsb1_glass_lines(ising3)
    assert abs(fine_d - T_d) < 1e-10 and abs(fine_s - T_s) < 1e-10


def rs_pressure(P, xihat, T, m, q):
    """RS retrieval pressure ln Z/N (physics.md section 3), written out here for the test:
    A = ln 2 + E ln cosh h - beta (P-1) m^P/P! + (beta^2/2)[xihat(1) - xihat(q) - (1-q) xihat'(q)]."""
    beta = 1.0 / T
    a, y = beta * reference.signal(P, m), beta * math.sqrt(xihat.d1(q))
    return (math.log(2.0) + reference.e_log_cosh(a, y) - beta * (P - 1) * m ** P / math.factorial(P)
            + 0.5 * beta ** 2 * (xihat(1.0) - xihat(q) - (1.0 - q) * xihat.d1(q)))


@pytest.mark.parametrize("P, alpha, T", [(3, 0.02, 0.15), (3, 0.08, 0.1), (4, 0.01, 0.05)])
def test_rs_retrieval_energy_is_minus_the_beta_derivative_of_the_pressure(P, alpha, T):
    """u = -dA/dbeta along the stationary solution (central difference, h = 1e-4 beta; the
    stationarity makes the implicit m(beta), q(beta) terms vanish, so agreement to 1e-6)."""
    xihat = reference.Noise(reference.noise_coefficients(P), alpha)
    m, q, ok = reference.rs_retrieval(P, xihat, T)
    assert ok and m > 0.5
    u = reference.rs_retrieval_energy(P, xihat, T, m, q)
    beta, h = 1.0 / T, 1e-4 / T
    pressures = []
    for b in (beta - h, beta + h):
        mb, qb, okb = reference.rs_retrieval(P, xihat, 1.0 / b, m, q)
        assert okb
        pressures.append(rs_pressure(P, xihat, 1.0 / b, mb, qb))
    assert u == pytest.approx(-(pressures[1] - pressures[0]) / (2 * h), abs=1e-6)


def test_rs_retrieval_energy_paramagnet_limit_and_finite_size_term():
    """m = q = 0 gives the paramagnet u = -alpha/(P! T) (physics.md section 7); the 1/N term of
    e_P for P = 3 is m/(2N) (6 e_3 = S^3 - 3NS + 2S, physics.md section 1)."""
    for P, alpha, T in ((3, 0.1, 0.5), (4, 0.02, 0.2)):
        xihat = reference.Noise(reference.noise_coefficients(P), alpha)
        assert reference.rs_retrieval_energy(P, xihat, T, 0.0, 0.0) == pytest.approx(-alpha / (math.factorial(P) * T))
    N, S = 50, 40
    exact = (S ** 3 - 3 * N * S + 2 * S) / 6 / N ** 3  # e_3 / N^(P-1) per spin, exact
    m = S / N
    leading = m ** 3 / 6 - reference.finite_size_signal_shift(3, m, N)
    assert exact == pytest.approx(leading, abs=2.0 / N ** 2)
    assert abs(exact - m ** 3 / 6) > 0.5 * reference.finite_size_signal_shift(3, m, N)


def test_finite_temperature_rs_capacity():
    """rs_capacity_at (the branch at fixed T parametrised by m): a point of it solves the RS
    equations at its load (rs_retrieval iterated there returns the same m), it approaches the
    T = 0 closed form as T -> 0 (the re-entrance is linear in T, slope about 0.3 for P = 3,
    hence the 1e-4 tolerance at T = 1e-4), and at a T on the upper fold it inverts T_M(alpha)
    (rs_retrieval_fold, an independent continuation in beta)."""
    m = 0.9
    alpha, q = r.rs_branch_alpha(3, 0.02, m)
    m_iter, q_iter, ok = r.rs_retrieval(3, r.Noise(r.noise_coefficients(3), alpha), 0.02, m=m, q=q)
    assert ok and m_iter == pytest.approx(m, abs=1e-9) and q_iter == pytest.approx(q, abs=1e-9)
    alpha0, _ = r.rs_t0_spinodal(3)
    alpha_low, _ = r.rs_capacity_at(3, 1e-4)
    assert 0.0 <= alpha_low - alpha0 < 1e-4
    alpha_c, _ = r.rs_capacity_at(3, 0.2)
    T_M, _ = r.rs_retrieval_fold(3, r.Noise(r.noise_coefficients(3), alpha_c))
    assert T_M == pytest.approx(0.2, rel=1e-6)

"""dhn.montecarlo: the finite-size window, the RS energy used against the simulations, and the
retrieval-probability curves read from synthetic mc files with known per-sample overlaps."""
import math

import h5py
import numpy as np
import pytest

from dhn import montecarlo, reference
from test_dhn_readers import write_synthetic_mc


def test_temperature_window_and_rs_m():
    assert montecarlo.temperature_window(3, 96) == pytest.approx(6 / 96)
    m, q, window = montecarlo.rs_m_with_window(3, 0.02, 0.12, 96)
    xihat = reference.Noise(reference.noise_coefficients(3), 0.02)
    m_lo = reference.rs_retrieval(3, xihat, 0.12 * (1 - 6 / 96))[0]
    m_hi = reference.rs_retrieval(3, xihat, 0.12 * (1 + 6 / 96))[0]
    assert m == pytest.approx(reference.rs_retrieval(3, xihat, 0.12)[0], abs=1e-12)
    assert m_hi < m < m_lo  # m(T) decreases
    assert window == pytest.approx(max(m_lo - m, m - m_hi), abs=1e-12)
    # Above T_M (0.281 at alpha = 0.02, RS) there is no retrieval solution.
    assert np.isnan(montecarlo.rs_m_with_window(3, 0.02, 0.32, 96)[0])


def test_rs_energy_adds_the_leading_finite_size_term():
    u = montecarlo.rs_energy(3, 0.02, 0.1)
    uN = montecarlo.rs_energy(3, 0.02, 0.1, N=100)
    xihat = reference.Noise(reference.noise_coefficients(3), 0.02)
    m, q, _ = reference.rs_retrieval(3, xihat, 0.1)
    assert uN - u == pytest.approx(m / 200)
    assert u == pytest.approx(-m ** 3 / 6 - 10 * (xihat(1) - xihat(q)))


def test_retrieval_curves_from_files(tmp_path):
    for N, alpha, shift in ((8, 0.1, 0.0), (8, 0.2, -0.3), (16, 0.1, 0.0)):
        path = tmp_path / f"fss_p3_n{N}_a{alpha:g}.h5"
        write_synthetic_mc(path, N=N)
        with h5py.File(path, "a") as f:
            f["mc/parameters"].attrs["alpha"] = alpha
            f["mc/per_sample/m"][...] = f["mc/per_sample/m"][()] + shift
    (tmp_path / "fss_p4_n8_a0.1.h5").write_bytes(b"")  # another P: ignored
    curves = montecarlo.retrieval_curves(tmp_path, P=3, threshold=0.5)
    assert [c[0] for c in curves] == [8, 16]
    N, alpha, p, err = curves[0]
    assert np.allclose(alpha, [0.1, 0.2])
    # per-sample m at slot 0: 0.25, 0.5, 0.75, 1.0 (then -0.3): 2 and 1 of 4 above 0.5.
    assert np.allclose(p, [0.5, 0.25])
    assert np.allclose(err, [math.sqrt(0.25 / 4), math.sqrt(0.25 * 0.75 / 4)])

"""dhn.profiles: the readers of `landau` files and of the umbrella profile of `mc --windows`
files, on files written by the programs (skipped when they are not built; DHN_BIN_DIR names the
folder), and their tag checks on a file of another type."""
import os
import subprocess

import h5py
import numpy as np
import pytest

from dhn import profiles, readers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def program(name):
    return os.path.join(os.environ.get("DHN_BIN_DIR", os.path.join(ROOT, "build", "bin")), name)


@pytest.mark.skipif(not os.access(program("landau"), os.X_OK), reason="landau not built (set DHN_BIN_DIR)")
def test_landau_file_reads_back(tmp_path):
    path = tmp_path / "l.h5"
    subprocess.run([program("landau"), "--p", "3", "--alpha", "0.14", "--t", "0.155", "--n", "64",
                    "--quiet", "--output", str(path)], check=True)
    l = profiles.load_landau(path)
    assert (l.P, l.alpha, l.T, l.attrs["finite_n"]) == (3, 0.14, 0.155, 64)
    assert l.curves["m"].shape == l.curves["f_finite_n"].shape == (101,)
    m, f = l.retrieval_minimum()
    # the retrieval minimum is where h turns from negative to positive on the grid
    k = np.searchsorted(l.curves["m"], m)
    assert l.curves["h"][k - 1] < 0 <= l.curves["h"][k]
    assert f == pytest.approx(np.interp(m, l.curves["m"], l.curves["f"]), abs=1e-5)


@pytest.mark.skipif(not os.access(program("mc"), os.X_OK), reason="mc not built (set DHN_BIN_DIR)")
def test_umbrella_profile_reads_back(tmp_path):
    path = tmp_path / "u.h5"
    subprocess.run([program("mc"), "--p", "3", "--n", "16", "--k", "8", "--temps", "0.4", "--windows",
                    "-1:1:4", "--samples", "3", "--therm", "20", "--sweeps", "300", "--quiet",
                    "--output", str(path)], check=True)
    u = profiles.load_profile(path)
    assert u.N == 16 and u.T == 0.4 and u.f["per_sample"].shape == (3, u.m.size)
    difference, error = u.relative("f", m_ref=0.5)
    j = int(np.argmin(np.abs(u.m - 0.5)))
    assert difference[j] == 0.0 and error[j] == 0.0  # each sample relative to itself there
    ok = np.all(np.isfinite(u.f["per_sample"]), axis=0)
    expected = (u.f["per_sample"] - u.f["per_sample"][:, [j]]).mean(axis=0)
    assert np.allclose(difference[ok], expected[ok])


@pytest.mark.skipif(not os.access(program("mc"), os.X_OK), reason="mc not built (set DHN_BIN_DIR)")
def test_restricted_profile_is_the_uncondensed_one_at_its_threshold(tmp_path):
    # /mc/histograms/max_other at the bin edge condensed_m = 0.7 (35/50) must give the profile
    # mc itself writes without the condensed states; a tighter threshold only raises f
    path = tmp_path / "u.h5"
    subprocess.run([program("mc"), "--p", "3", "--n", "20", "--k", "12", "--temps", "0.5", "--windows",
                    "-1:1:5", "--samples", "2", "--therm", "20", "--sweeps", "400", "--quiet",
                    "--output", str(path)], check=True)
    u = profiles.load_profile(path)
    assert u.max_other.shape == (2, 21, 50) and u.max_other.sum() == 2 * 2 * 5 * 400
    same = u.restricted(0.7)
    ok = np.isfinite(u.f_uncondensed["per_sample"])
    assert np.array_equal(np.isfinite(same), ok)
    assert np.allclose(same[ok], u.f_uncondensed["per_sample"][ok], rtol=0, atol=1e-12)
    tight = u.restricted(0.4)
    both = ok & np.isfinite(tight)
    assert np.all(tight[both] >= same[both] - 1e-12)
    with pytest.raises(ValueError):
        u.restricted(0.411)  # not a bin edge


def test_readers_refuse_other_files(tmp_path):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f.attrs["dhn_type"] = "phase_diagram"
        f.attrs["schema_version"] = 1
    with pytest.raises(readers.FormatError):
        profiles.load_landau(path)
    with pytest.raises(readers.FormatError):
        profiles.load_profile(path)

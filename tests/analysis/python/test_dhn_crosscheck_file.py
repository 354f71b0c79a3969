"""Cross-check results round-trip: dhn.writers.write_crosscheck then dhn.readers.load_crosscheck
(docs/hdf5-schema.md, "Cross-check results"), on small synthetic results of dhn.crosscheck's form."""
import h5py
import numpy as np
import pytest

from dhn import crosscheck, fss, readers, writers


def synthetic_results():
    rng = np.random.default_rng(1)
    fit = fss.Extrapolation(x_inf=0.28, error=0.01, slope=-0.7, slope_error=0.1, chi2_dof=0.5)
    th = {"T_M": {(3, 0.02): dict(rs=0.281, rs_program=0.281, rsb1=None, T_AT=4e-7)},
          "capacity": {2: dict(rs_t0=0.1379, rs_t0_m=0.967, rsb1_t0=0.1382, rsb1_t0_m=0.967, rs_t0_reference=0.137905,
                               rsb1_t0_reference=0.138186, rs_T=None, rs_T_m=None,
                               thresholds={0.8: dict(rs=0.1379, rsb1=0.1382), 0.9: dict(rs=0.1379, rsb1=0.1382)})}}

    def rows(x_key, grid):
        out = []
        for N in (24, 32, 48):
            hits = rng.random((16, grid.size)) < np.linspace(1, 0, grid.size)
            row = dict(N=N, samples=16, p=hits.mean(axis=0).tolist(),
                       logistic=crosscheck.half_point(grid, hits, "logistic", 20, seed=N),
                       linear=crosscheck.half_point(grid, hits, "linear", 20, seed=N))
            row[x_key] = grid.tolist()
            out.append(row)
        return out

    tm_rows = rows("T", np.linspace(0.15, 0.28, 6))
    for r in tm_rows:
        r["K"] = 11
    tm = {(3, 0.02): dict(rows=tm_rows, fit=fit, fit_1n=fit, two_terms=None)}
    crossing = fss.Crossing(x=0.14, error=0.01, samples=np.zeros(3), found_fraction=1.0)
    cap = {(2, 0.8): dict(rows=rows("alpha", np.linspace(0.1, 0.2, 5)), pairs=[(24, 32, crossing), (32, 48, crossing)],
                          pair_fit=fit, fit=fit, fit_1n=None, two_terms=fit)}
    split = {2: dict(gap=(0.5, 0.8), per_size=[dict(N=24, max_gap=0.1, alpha=0.15, fractions=[0.0, 0.1, 0.0])],
                     histogram_N=24, edges=[0.0, 0.5, 1.0], alpha=[0.1, 0.15, 0.2], counts=[[1, 2], [3, 4], [5, 6]])}
    branch = {3: [dict(alpha=0.04, rs=0.99, rsb1=None, N=[24, 32], mean=[0.98, 0.985], error=[0.01, 0.01], fit=fit)]}
    return th, tm, cap, split, branch


def test_round_trip(tmp_path):
    path = tmp_path / "crosscheck.h5"
    th, tm, cap, split, branch = synthetic_results()
    writers.write_crosscheck(path, th, tm, cap, split, branch,
                             parameters=dict(size="ci", omega=2 / 3, tm_threshold=0.5, capacity_T=0.02, n_boot=20,
                                             runs={"tm": {"samples": 16}}),
                             provenance=dict(command="test", wall_s=1.0))
    assert not list(tmp_path.glob("*.tmp.*"))
    c = readers.load_crosscheck(path)
    assert c.size == "ci" and c.attrs["command"] == "test"
    assert c.theory_T_M[(3, 0.02)]["rs"] == 0.281 and np.isnan(c.theory_T_M[(3, 0.02)]["rsb1"])
    assert c.theory_capacity[2]["thresholds"][0.9]["rsb1"] == 0.1382
    s = c.tm[(3, 0.02)]
    assert list(s.N) == [24, 32, 48] and list(s.K) == [11, 11, 11] and s.x.shape == (3, 6)
    assert s.logistic["x"][1] == tm[(3, 0.02)]["rows"][1]["logistic"].x or np.isnan(s.logistic["x"][1])
    np.testing.assert_array_equal(s.p[2], tm[(3, 0.02)]["rows"][2]["p"])
    assert s.fits["fit"] == tm[(3, 0.02)]["fit"] and "two_terms" not in s.fits and s.crossings is None
    k = c.capacity[(2, 0.8)]
    assert list(k.crossings["N2"]) == [32, 48] and set(k.fits) == {"fit", "two_terms", "pair_fit"}
    assert list(c.split[2]["fractions"][0]) == [0.0, 0.1, 0.0] and c.split[2]["gap_high"] == 0.8
    assert np.isnan(c.branch[3]["rsb1"][0]) and c.branch[3]["mean"].shape == (1, 2)
    assert c.branch[3]["fit"]["x_inf"][0] == 0.28


def test_every_group_is_tagged_and_checked(tmp_path):
    path = tmp_path / "crosscheck.h5"
    th, tm, cap, split, branch = synthetic_results()
    writers.write_crosscheck(path, th, tm, cap, split, branch, parameters=dict(size="ci", omega=2 / 3), provenance={})
    with h5py.File(path, "r") as f:
        groups = [f] + [g for g in (f[n] for n in _names(f)) if isinstance(g, h5py.Group)]
        assert all("dhn_type" in g.attrs and g.attrs["schema_version"] == 1 for g in groups)
    with h5py.File(path, "a") as f:
        f["capacity/p2_m0.8/logistic"].attrs["dhn_type"] = "other"
    with pytest.raises(readers.FormatError, match="other"):
        readers.load_crosscheck(path)


def _names(f):
    names = []
    f.visit(names.append)
    return names

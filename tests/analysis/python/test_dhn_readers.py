"""dhn.readers: HDF5 round trips (written here with h5py in the documented layouts of
docs/hdf5-schema.md, read with the package) and refusal of other files, naming what is wrong."""
import json
import os

import h5py
import numpy as np
import pytest

from dhn import readers, writers
from test_plot import tag, write_synthetic


def add_rsb1(path):
    """Add a 1RSB level to a synthetic phase diagram; returns the lines written."""
    with h5py.File(path, "a") as f:
        na, nt = f["grid/alpha"].size, f["grid/T"].size
        tag(f.create_group("rsb1"), "rsb1")
        tag(f.create_group("rsb1/lines"), "rsb1_lines")
        lines = {"T_d": 0.5 + 0.1 * f["grid/alpha"][()], "T_s": 0.4 + 0.1 * f["grid/alpha"][()]}
        for name, values in lines.items():
            f[f"rsb1/lines/{name}"] = values
        f["rsb1/lines/status"] = np.zeros(na, dtype=np.int32)
        f["rsb1/lines/status"].attrs["code_0"] = "found"
        f["rsb1/phase"] = np.full((na, nt), 1, dtype=np.int32)
        for k, name in enumerate(["paramagnet", "spin_glass", "retrieval_metastable", "retrieval"]):
            f["rsb1/phase"].attrs[f"code_{k}"] = name
        tag(f.create_group("rsb1/glass"), "rsb1_solutions")
        f["rsb1/glass/q2"] = np.full((na, nt), 0.9)
    return lines


def test_phase_diagram_round_trip(tmp_path):
    path = tmp_path / "pd.h5"
    write_synthetic(path)
    pd = readers.load_phase_diagram(path)
    with h5py.File(path, "r") as f:
        assert np.array_equal(pd.alpha, f["grid/alpha"][()]) and np.array_equal(pd.T, f["grid/T"][()])
        assert (pd.P, pd.variant, pd.convention) == (4, "distinct", "G")
        assert pd.levels == ("rs",)
        for name in ("T_M", "m_M", "T_c", "T_glass_spinodal", "T_glass", "T_entropy_zero"):
            assert np.array_equal(pd.line(name), f[f"rs/lines/{name}"][()], equal_nan=True)
        assert np.array_equal(pd.status["rs"]["T_M_status"], f["rs/lines/T_M_status"][()])
        assert pd.status_names["rs"]["T_M_status"] == ["found", "absent", "budget_spent", "step_too_small"]
        assert np.array_equal(pd.phase["rs"], f["rs/phase"][()])
        assert np.array_equal(pd.field("rs/retrieval/m"), f["rs/retrieval/m"][()], equal_nan=True)
        assert pd.attrs["command_line"] == "synthetic"
    assert pd.phase_names["rs"] == ["paramagnet", "spin_glass", "retrieval_metastable", "retrieval"]
    assert pd.capacity == pytest.approx(dict(alpha_spinodal=0.55, m_spinodal=0.97, alpha_global=0.3, m_global=0.99))
    # line_at: exact on grid points, linear in between, NaN outside.
    assert pd.line_at("T_M", pd.alpha[2]) == pd.line("T_M")[2]
    middle = 0.5 * (pd.alpha[1] + pd.alpha[2])
    assert pd.line_at("T_M", middle) == pytest.approx(1.6 - middle)
    assert np.isnan(pd.line_at("T_M", pd.alpha[-1] + 0.1))
    table = pd.lines_table()
    assert np.array_equal(table["alpha"], pd.alpha) and np.array_equal(table["T_c"], pd.line("T_c"))
    with pytest.raises(KeyError, match="rs/lines/T_AT"):
        pd.line("T_AT")
    with pytest.raises(KeyError, match="rsb1/lines/T_s"):
        pd.line("T_s", "1rsb")


def test_phase_diagram_with_1rsb_level(tmp_path):
    path = tmp_path / "pd1.h5"
    write_synthetic(path)
    lines = add_rsb1(path)
    pd = readers.load_phase_diagram(path)
    assert pd.levels == ("rs", "1rsb")
    for name, values in lines.items():
        assert np.array_equal(pd.line(name, "1rsb"), values)
    assert np.all(pd.phase["1rsb"] == 1) and pd.phase_names["1rsb"][1] == "spin_glass"
    assert np.all(pd.field("rsb1/glass/q2") == 0.9)


@pytest.mark.parametrize("kwargs, message", [
    (dict(dhn_type="mc_run"), "dhn_type 'mc_run'"),
    (dict(schema_version=2), "schema_version 2"),
    (dict(skip=("phase",)), "lacks /rs/phase"),
])
def test_phase_diagram_refusals(tmp_path, kwargs, message):
    path = tmp_path / "bad.h5"
    write_synthetic(path, **kwargs)
    with pytest.raises(readers.FormatError, match=message):
        readers.load_phase_diagram(path)


def test_phase_diagram_bad_1rsb_tag(tmp_path):
    path = tmp_path / "bad1.h5"
    write_synthetic(path)
    add_rsb1(path)
    with h5py.File(path, "a") as f:
        f["rsb1"].attrs["dhn_type"] = "rs"
    with pytest.raises(readers.FormatError, match="/rsb1 has dhn_type 'rs'"):
        readers.load_phase_diagram(path)


def test_unreadable_file(tmp_path):
    (tmp_path / "junk.h5").write_text("not hdf5")
    with pytest.raises(OSError):
        readers.load_phase_diagram(tmp_path / "junk.h5")


def write_glassiness(path, P, skip=()):
    """A glassiness file in the documented layout (docs/hdf5-schema.md), 5 temperatures."""
    T = np.linspace(0.2, 1.0, 5)
    names = (("q", "f_network", "f_hard", "f_soft", "f_coupling", "T_hard", "q_hard", "f_sk", "p", "residual")
             if P == 2 else ("q", "f_network", "T_ising", "q_ising", "f_ising"))
    data = {"T": T, **{name: T * (k + 1) for k, name in enumerate(names)}}
    with h5py.File(path, "w") as f:
        tag(f, "glassiness")
        f.attrs.update(P=np.int32(P), variant="distinct", convention="B", levels="rs" if P == 2 else "rs,1rsb",
                       alpha=0.1, suite_version="0.1.0", git_describe="test", command_line="synthetic",
                       created_utc="2026-01-01T00:00:00Z", threads=np.int32(1))
        g = f.create_group("glassiness")
        tag(g, "glassiness_curves")
        g.attrs["alpha"] = 0.1
        if P > 2:
            g.attrs["scale"] = np.sqrt(0.2 / 6)
        for name, values in data.items():
            if name not in skip:
                g[name] = values
                g[name].attrs["units"] = "1"
        if P > 2:
            r = g.create_group("rsb1")
            tag(r, "glassiness_rsb1")
            r.attrs.update(T_s=0.11, T_d=0.12, T_s_ising=0.651, T_d_ising=0.682)
            for name in ("f_network", "f_ising", "q2", "theta"):
                r[name] = -T
                data[f"rsb1/{name}"] = -T
    return data


@pytest.mark.parametrize("P", [2, 3])
def test_glassiness_round_trip(tmp_path, P):
    path = tmp_path / f"g{P}.h5"
    data = write_glassiness(path, P)
    g = readers.load_glassiness(path)
    assert g.P == P and g.alpha == 0.1
    for name, values in data.items():
        got = g.rsb1[name[5:]] if name.startswith("rsb1/") else g.curves[name]
        assert np.array_equal(got, values)
    if P > 2:
        assert g.scale == pytest.approx(np.sqrt(0.2 / 6), rel=1e-15)
        assert g.rsb1_attrs == {"T_s": 0.11, "T_d": 0.12, "T_s_ising": 0.651, "T_d_ising": 0.682}
    else:
        assert g.rsb1 == {}


def test_glassiness_refusals(tmp_path):
    write_glassiness(tmp_path / "a.h5", 2, skip=("f_soft",))
    with pytest.raises(readers.FormatError, match="/glassiness/f_soft"):
        readers.load_glassiness(tmp_path / "a.h5")
    write_synthetic(tmp_path / "pd.h5")
    with pytest.raises(readers.FormatError, match="expected 'glassiness'"):
        readers.load_glassiness(tmp_path / "pd.h5")


CAPACITY_ROWS = [
    {"P": 2, "alpha_global": 0.0518, "alpha_spinodal": 0.1379, "convention": "B", "level": "rs",
     "m_global": 0.99999, "m_spinodal": 0.9674, "variant": "distinct"},
    {"P": 4, "alpha_global": 0.0316, "alpha_spinodal": 0.0382, "convention": "B", "level": "1rsb",
     "m_global": 0.96, "m_spinodal": 0.818, "mu": 24.3, "q1": 0.838, "variant": "full"},
]


def test_capacity_table_round_trip(tmp_path):
    text = "\n".join(json.dumps(r) for r in CAPACITY_ROWS) + "\n"
    rows = readers.parse_capacity_json(text)
    assert rows == CAPACITY_ROWS and readers.parse_capacity_json(json.dumps(CAPACITY_ROWS)) == CAPACITY_ROWS
    path = tmp_path / "capacity.h5"
    writers.write_capacity_table(path, rows, provenance={"generator": "test", "size": "reduced"})
    assert sorted(os.listdir(tmp_path)) == ["capacity.h5"]  # no temporary left behind
    table = readers.load_capacity_table(path)
    assert table.attrs["generator"] == "test" and table.attrs["dhn_type"] == "capacity_table"
    for written, read in zip(rows, table.rows):
        for key, value in written.items():
            assert read[key] == value
    assert np.isnan(table.rows[0]["q1"]) and np.isnan(table.rows[0]["mu"])  # RS rows carry no 1RSB parameters
    assert table.value("alpha_spinodal", P=4, level="1rsb", variant="full") == 0.0382
    assert table.select(level="rs").size == 1
    with pytest.raises(KeyError, match="0 rows match"):
        table.value("alpha_spinodal", P=3)
    with h5py.File(path, "r") as f:
        assert json.loads(f["capacity/json"][1]) == CAPACITY_ROWS[1]
        assert f["capacity/alpha_spinodal"].attrs["units"] == "convention of the row"


def test_capacity_table_refusals(tmp_path):
    path = tmp_path / "capacity.h5"
    incomplete = {k: v for k, v in CAPACITY_ROWS[0].items() if k != "alpha_global"}
    with pytest.raises(readers.FormatError, match="lacks 'alpha_global'"):
        writers.write_capacity_table(path, [incomplete])
    assert not path.exists()
    write_synthetic(tmp_path / "pd.h5")
    with pytest.raises(readers.FormatError, match="expected 'capacity_table'"):
        readers.load_capacity_table(tmp_path / "pd.h5")


# ----------------------------------------------------------------------------- Monte Carlo files


def write_synthetic_mc(path, D=4, L=3, N=8, R=2, sweeps=10):
    """An `mc` file in the layout of docs/hdf5-schema.md ("Monte Carlo files (/mc)") with known
    values: per-sample m of sample d at slot k is (d + 1)/D - 0.1 k; returns the arrays written."""
    rng = np.random.default_rng(5)
    T = np.array([0.1, 0.2, 0.3][:L])
    per_sample_m = np.array([[(d + 1) / D - 0.1 * k for k in range(L)] for d in range(D)])
    hist_q = rng.integers(0, 5, size=(D, L, N + 1))
    with h5py.File(path, "w") as f:
        tag(f, "mc")
        f.attrs.update(P=3, variant="distinct", convention="B", command_line="synthetic")
        tag(f.create_group("mc"), "mc_run")
        p = f.create_group("mc/parameters")
        tag(p, "mc_parameters")
        p.attrs.update(N=N, K=np.int64(5), alpha=5 / N ** 2, samples=D, replicas=R, sweeps=np.int64(sweeps),
                       therm=np.int64(3), swap_every=0, init="pattern", seed=np.uint64(9))
        p["T"], p["beta"] = T, 1 / T
        o = f.create_group("mc/observables")
        tag(o, "mc_observables")
        o.attrs.update(error_method="jackknife over disorder samples", error_blocks=D)
        for name in readers.MC_OBSERVABLES:
            values = per_sample_m if name == "m" else rng.random((D, L))
            f[f"mc/per_sample/{name}"] = values
            o[f"{name}/mean"] = values.mean(axis=0)
            o[f"{name}/error"] = values.std(axis=0, ddof=1) / np.sqrt(D)
            o[f"{name}/bias_corrected"] = values.mean(axis=0)
        for name in ("binder_q", "binder_m"):
            for k in ("mean", "error", "bias_corrected"):
                f[f"mc/derived/{name}/{k}"] = np.full(L, 0.5)
        f["mc/histograms/q"] = hist_q
        f["mc/histograms/m"] = rng.integers(0, 5, size=(D, L, N + 1))
        f["mc/histograms/value"] = (2 * np.arange(N + 1) - N) / N
        f["mc/rates/flip_acceptance"] = np.full(L, 0.25)
    return dict(T=T, per_sample_m=per_sample_m, hist_q=hist_q)


def test_mc_round_trip(tmp_path):
    path = tmp_path / "mc.h5"
    written = write_synthetic_mc(path)
    r = readers.load_mc(path)
    assert (r.P, r.N, r.samples, r.variant) == (3, 8, 4, "distinct")
    assert r.alpha == pytest.approx(5 / 64)
    assert np.array_equal(r.T, written["T"]) and np.array_equal(r.beta, 1 / written["T"])
    assert np.array_equal(r.per_sample["m"], written["per_sample_m"])
    m, dm = r.mean("m")
    assert np.allclose(m, written["per_sample_m"].mean(axis=0))
    assert np.array_equal(r.mean("binder_q")[0], np.full(3, 0.5))
    assert r.error_method.startswith("jackknife")
    table = r.table()
    assert np.array_equal(table["T"], r.T) and np.array_equal(table["m_error"], dm)
    # Samples with m > 0.5 at slot 0: m = 0.25, 0.5, 0.75, 1.0 -> 2 of 4 (strict inequality).
    p, err = r.fraction_above("m", 0.5, slot=0)
    assert p == 0.5 and err == pytest.approx(np.sqrt(0.25 / 4))
    # All samples above: the error is that of one sample flipping, never zero.
    p, err = r.fraction_above("m", 0.1, slot=0)
    assert p == 1.0 and err == pytest.approx(np.sqrt((1 / 5) * (4 / 5) / 4))
    values, density = r.overlap_distribution(1)
    assert np.array_equal(values, (2 * np.arange(9) - 8) / 8)
    assert density.sum() * 2 / 8 == pytest.approx(1.0)
    counts = written["hist_q"][:, 1, :].sum(axis=0)
    assert np.allclose(density / density.max(), counts / counts.max())
    with pytest.raises(KeyError, match="/mc/observables/nonsense"):
        r.mean("nonsense")


def test_mc_refuses_wrong_tags_and_shapes(tmp_path):
    path = tmp_path / "mc.h5"
    write_synthetic_mc(path)
    with h5py.File(path, "a") as f:
        f["mc/parameters"].attrs["dhn_type"] = "mc_checkpoint"
    with pytest.raises(readers.FormatError, match="mc_checkpoint"):
        readers.load_mc(path)
    write_synthetic_mc(path)
    with h5py.File(path, "a") as f:
        f.attrs["schema_version"] = np.int32(2)
    with pytest.raises(readers.FormatError, match="schema_version 2"):
        readers.load_mc(path)
    write_synthetic_mc(path)
    with h5py.File(path, "a") as f:
        del f["mc/per_sample/m"]
        f["mc/per_sample/m"] = np.zeros((3, 3))
    with pytest.raises(readers.FormatError, match="per_sample/m has shape"):
        readers.load_mc(path)
    write_synthetic_mc(path)
    with h5py.File(path, "a") as f:
        del f["mc/observables/e/error"]
    with pytest.raises(readers.FormatError, match="/mc/observables/e/error"):
        readers.load_mc(path)
    with pytest.raises(readers.FormatError, match="dhn_type 'phase_diagram'"):
        write_synthetic(tmp_path / "pd.h5")
        readers.load_mc(tmp_path / "pd.h5")


def mc_program():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    return os.path.join(os.environ.get("DHN_BIN_DIR", os.path.join(root, "build", "bin")), "mc")


@pytest.mark.skipif(not os.access(mc_program(), os.X_OK), reason="mc not built (set DHN_BIN_DIR)")
def test_mc_reads_a_real_run(tmp_path):
    """A small run of the mc program (well under a second): the documented shapes and counts."""
    import subprocess
    path = tmp_path / "run.h5"
    D, R, N, sweeps = 3, 2, 16, 40
    subprocess.run([mc_program(), "--p", "3", "--n", str(N), "--alpha", "0.05", "--temps", "0.1,0.2,0.4",
                    "--samples", str(D), "--replicas", str(R), "--therm", "10", "--sweeps", str(sweeps),
                    "--seed", "3", "--threads", "1", "--quiet", "--checkpoint-every", "0", "--output", str(path)],
                   check=True)
    r = readers.load_mc(path)
    assert (r.P, r.N, r.samples, int(r.parameters["K"])) == (3, N, D, round(0.05 * N ** 2))
    assert r.alpha == pytest.approx(int(r.parameters["K"]) / N ** 2)
    assert np.allclose(r.T, [0.1, 0.2, 0.4])
    assert r.per_sample["m"].shape == (D, 3) and r.histograms["q"].shape == (D, 3, N + 1)
    # m of every replica is counted once per measured sweep, q of every pair once.
    assert np.all(r.histograms["m"].sum(axis=2) == R * sweeps)
    assert np.all(r.histograms["q"].sum(axis=2) == R * (R - 1) // 2 * sweeps)
    m = r.mean("m")[0]
    assert np.all(np.abs(m) <= 1) and np.allclose(m, r.per_sample["m"].mean(axis=0))
    p, _ = r.fraction_above("m", 0.5, slot=0)
    assert p == np.mean(r.per_sample["m"][:, 0] > 0.5)


def test_dataset_bytes_compares_string_contents(tmp_path):
    """Variable-length strings are compared by content (not by the addresses of the Python objects
    h5py returns), numbers by their bytes; attributes are ignored."""
    def write(path, words, attribute):
        with h5py.File(path, "w") as f:
            f.create_dataset("words", data=np.array(words, dtype=object), dtype=h5py.string_dtype())
            f["x"] = np.arange(3.0)
            f.attrs["created_utc"] = attribute
    write(tmp_path / "a.h5", ["rs", "1rsb"], "now")
    write(tmp_path / "b.h5", ["rs", "1rsb"], "later")
    write(tmp_path / "c.h5", ["rs", "1rsc"], "now")
    a = readers.dataset_bytes(tmp_path / "a.h5")
    assert a == readers.dataset_bytes(tmp_path / "a.h5") == readers.dataset_bytes(tmp_path / "b.h5")
    c = readers.dataset_bytes(tmp_path / "c.h5")
    assert c["x"] == a["x"] and c["words"] != a["words"]

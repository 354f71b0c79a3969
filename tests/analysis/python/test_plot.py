"""The plot CLI (python3 -m dhn.plot, the installed package) draws a PNG from a schema-conforming synthetic file (docs/hdf5-schema.md)
and refuses other files with exit code 2, leaving no PNG behind."""
import os
import subprocess
import sys

import h5py
import numpy as np
import pytest

# Debian's interpreter has h5py and matplotlib; the pyenv python3 on PATH has not (toolchain.md 8).
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
PHASES = ["paramagnet", "spin_glass", "retrieval_metastable", "retrieval"]
STATUSES = ["found", "absent", "budget_spent", "step_too_small"]


def tag(obj, dhn_type):
    obj.attrs.update(dhn_type=dhn_type, schema_version=np.int32(1))


def write_synthetic(path, dhn_type="phase_diagram", schema_version=1, skip=()):
    """A 5 x 6 phase diagram in the layout the C++ writer produces (convention G, P = 4)."""
    alpha = np.linspace(0.0, 0.6, 5)
    T = np.linspace(0.2, 2.4, 6)
    na, nt = alpha.size, T.size
    with h5py.File(path, "w") as f:
        f.attrs.update(dhn_type=dhn_type, schema_version=np.int32(schema_version), P=np.int32(4),
                       variant="distinct", convention="G", levels="rs", suite_version="0.1.0",
                       git_describe="test", command_line="synthetic", created_utc="2026-01-01T00:00:00Z",
                       threads=np.int32(1))
        tag(f.create_group("grid"), "grid")
        f["grid/alpha"], f["grid/T"] = alpha, T
        for ds in ("grid/alpha", "grid/T"):
            f[ds].attrs["units"] = "convention G"
        tag(f.create_group("rs"), "rs")
        m = np.where(T[None, :] < 1.2, 0.9, np.nan) * np.ones((na, 1))
        for group, names in (("retrieval", ("m", "q", "f", "residual")), ("glass", ("q", "f")),
                             ("paramagnet", ("f",))):
            tag(f.create_group(f"rs/{group}"), "rs_solutions")
            for name in names:
                f[f"rs/{group}/{name}"] = m
        phase = np.zeros((na, nt), dtype=np.int32)
        phase[:, :2], phase[:, 2], phase[-1, :3] = 3, 2, 1
        if "phase" not in skip:
            f["rs/phase"] = phase
            for k, name in enumerate(PHASES):
                f["rs/phase"].attrs[f"code_{k}"] = name
        tag(f.create_group("rs/lines"), "rs_lines")
        f["rs/lines/T_M"] = 1.6 - alpha
        f["rs/lines/m_M"] = np.full(na, 0.8)
        f["rs/lines/T_c"] = 1.1 - alpha
        f["rs/lines/T_glass_spinodal"] = 0.5 + 0 * alpha
        f["rs/lines/T_glass"] = np.full(na, np.nan)  # all NaN: must be skipped, not drawn
        f["rs/lines/T_entropy_zero"] = np.full(na, 0.3)
        for name in ("T_M_status", "T_c_status", "T_glass_status"):
            f[f"rs/lines/{name}"] = np.zeros(na, dtype=np.int32)
            for k, code in enumerate(STATUSES):
                f[f"rs/lines/{name}"].attrs[f"code_{k}"] = code
        capacity = f.create_group("rs/capacity")
        tag(capacity, "rs_capacity")
        capacity.attrs.update(alpha_spinodal=0.55, m_spinodal=0.97, alpha_global=0.3, m_global=0.99)


def run(*args):
    return subprocess.run([PYTHON, "-m", "dhn.plot", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_plot_writes_png(tmp_path):
    h5, png = tmp_path / "pd.h5", tmp_path / "pd.png"
    write_synthetic(h5)
    result = run(h5, png, "--title", "synthetic diagram")
    assert result.returncode == 0, result.stderr
    data = png.read_bytes()
    assert len(data) > 1000 and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pd.h5", "pd.png"]  # no temporary left
    umask = os.umask(0)
    os.umask(umask)
    assert png.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


@pytest.mark.parametrize("kwargs", [dict(dhn_type="mc_run"), dict(schema_version=2)])
def test_plot_rejects_other_files(tmp_path, kwargs):
    h5, png = tmp_path / "other.h5", tmp_path / "other.png"
    write_synthetic(h5, **kwargs)
    result = run(h5, png)
    assert result.returncode == 2
    assert "phase_diagram" in result.stderr and "schema_version" in result.stderr
    assert not png.exists()


def test_plot_rejects_incomplete_file(tmp_path):
    h5, png = tmp_path / "partial.h5", tmp_path / "partial.png"
    write_synthetic(h5, skip=("phase",))
    result = run(h5, png)
    assert result.returncode == 2
    assert "rs/phase" in result.stderr
    assert not png.exists()


def test_plot_reports_unreadable_input(tmp_path):
    result = run(tmp_path / "missing.h5", tmp_path / "x.png")
    assert result.returncode == 2
    assert "cannot read" in result.stderr

"""The plot script draws a PNG from a schema-conforming file and refuses other files (exit 2)."""
import os
import pathlib
import subprocess
import sys

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "analysis" / "python" / "dhn" / "plot_phase_diagram.py"


def write_synthetic(path, dhn_type="phase_diagram"):
    alpha = np.linspace(0.0, 0.03, 5)
    T = np.linspace(0.01, 0.1, 6)
    with h5py.File(path, "w") as f:
        f.attrs.update(dhn_type=dhn_type, schema_version=1, P=4, variant="distinct", convention="B")
        f["grid/alpha"], f["grid/T"] = alpha, T
        phase = np.zeros((5, 6), dtype=np.int32)
        phase[:, :3] = 3
        f["rs/phase"] = phase
        for k, name in enumerate(["paramagnet", "spin_glass", "retrieval_metastable", "retrieval"]):
            f["rs/phase"].attrs[f"code_{k}"] = name
        f["rs/lines/T_M"] = 0.08 - alpha
        f["rs/lines/T_c"] = 0.06 - alpha
        f["rs/lines/T_glass"] = np.full(5, np.nan)
        f.create_group("rs/capacity").attrs.update(alpha_spinodal=0.033, alpha_global=0.016)


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def test_plot_writes_png(tmp_path):
    h5, png = tmp_path / "pd.h5", tmp_path / "pd.png"
    write_synthetic(h5)
    result = run(h5, png)
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".png"] == ["pd.png"]


def test_plot_rejects_other_files(tmp_path):
    h5, png = tmp_path / "other.h5", tmp_path / "other.png"
    write_synthetic(h5, dhn_type="mc_run")
    result = run(h5, png)
    assert result.returncode == 2
    assert "phase_diagram" in result.stderr
    assert not png.exists()


def test_plot_reports_unreadable_input(tmp_path):
    result = run(tmp_path / "missing.h5", tmp_path / "x.png")
    assert result.returncode == 2
    assert "cannot read" in result.stderr

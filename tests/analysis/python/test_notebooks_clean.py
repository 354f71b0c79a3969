"""The notebooks are stored clean: valid nbformat 4, no outputs or execution counts, the python3
kernel, and they read data only through DHN_DATA_DIR (execution is tested by ctest's "notebooks")."""
import pathlib

import nbformat
import pytest

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parents[3] / "notebooks").glob("*.ipynb"))


def test_the_three_theory_notebooks_exist():
    names = [p.name for p in NOTEBOOKS]
    for expected in ("01_phase_diagram_p4.ipynb", "02_capacity_vs_p.ipynb", "03_glassiness.ipynb"):
        assert expected in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stripped(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
    source = "\n".join(cell.source for cell in code)
    assert 'os.environ.get("DHN_DATA_DIR"' in source and "style.save(" in source
    assert "subprocess" not in source and "build/bin" not in source  # notebooks never run programs

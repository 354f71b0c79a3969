"""[paper] tests read the figure data that scripts/figure_data.py writes (ctest: the fixture test
"paper_data" writes it into the build folder at the reduced size and passes DHN_DATA_DIR)."""
import os
import pathlib

import pytest

from dhn import readers


@pytest.fixture(scope="session")
def data_dir():
    directory = os.environ.get("DHN_DATA_DIR")
    if not directory or not pathlib.Path(directory).is_dir():
        pytest.fail("DHN_DATA_DIR must name the folder written by scripts/figure_data.py "
                    f"(got {directory!r}); run: python3 scripts/figure_data.py --output DIR")
    return pathlib.Path(directory)


@pytest.fixture(scope="session")
def phase_diagram_p4(data_dir):
    return readers.load_phase_diagram(data_dir / "phase_diagram_p4.h5")


@pytest.fixture(scope="session")
def phase_diagram_p2(data_dir):
    return readers.load_phase_diagram(data_dir / "phase_diagram_p2.h5")


@pytest.fixture(scope="session")
def capacity(data_dir):
    return readers.load_capacity_table(data_dir / "capacity.h5")


@pytest.fixture(scope="session")
def glassiness(data_dir):
    return {P: readers.load_glassiness(data_dir / f"glassiness_p{P}.h5") for P in (2, 3, 4, 8)}

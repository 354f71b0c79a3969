"""The dhn that the tests import is the installed package (scripts/install-dhn.sh), not a path into
the source tree, and it is this checkout's code file for file: a stale install, or one from another
clone, fails here instead of being tested in place of the checkout."""
import pathlib

import dhn

SOURCE = pathlib.Path(__file__).resolve().parents[3] / "analysis" / "python" / "dhn"


def test_imported_from_the_installation_not_the_source_tree():
    installed = pathlib.Path(dhn.__file__).resolve().parent
    assert installed != SOURCE.resolve(), f"dhn imported from the source tree {installed}; run scripts/install-dhn.sh"


def test_installation_is_this_checkout():
    installed = pathlib.Path(dhn.__file__).resolve().parent
    source = {p.name: p.read_bytes() for p in SOURCE.glob("*.py")}
    copy = {p.name: p.read_bytes() for p in installed.glob("*.py")}
    differing = sorted(n for n in source.keys() | copy.keys() if source.get(n) != copy.get(n))
    assert not differing, f"installed dhn ({installed}) differs from {SOURCE} in {differing}; run scripts/install-dhn.sh"

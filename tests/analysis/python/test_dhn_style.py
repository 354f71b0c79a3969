"""dhn.style.save writes each figure as PNG and PDF atomically, with the usual file mode."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from dhn import style  # noqa: E402


def test_save_png_and_pdf(tmp_path):
    style.apply()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    paths = style.save(fig, "figure", tmp_path / "figures")
    plt.close(fig)
    assert [os.path.basename(p) for p in paths] == ["figure.png", "figure.pdf"]
    assert open(paths[0], "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert open(paths[1], "rb").read(5) == b"%PDF-"
    assert sorted(os.listdir(tmp_path / "figures")) == ["figure.pdf", "figure.png"]  # no temporaries
    umask = os.umask(0)
    os.umask(umask)
    assert all(os.stat(p).st_mode & 0o777 == 0o666 & ~umask for p in paths)

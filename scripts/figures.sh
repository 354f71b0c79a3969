#!/usr/bin/env bash
# Regenerates every figure: the data behind them with the built programs (scripts/figure_data.py),
# then the notebooks executed headless (scripts/run_notebooks.py), writing figures/*.png and *.pdf.
#
#   bash scripts/figures.sh                 reduced size (about 90 s on 2 cores, data + notebooks)
#   bash scripts/figures.sh --publication   publication size (finer phase-diagram grid; about 75 s)
#
# Environment: DHN_BIN_DIR (programs; default build/bin, built with the default preset if missing),
# DHN_DATA_DIR (data folder; default data/), DHN_FIGURE_DIR (figures; default figures/),
# DHN_PYTHON (interpreter with h5py, matplotlib, nbclient; default /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
size=reduced
for arg in "$@"; do
  case "$arg" in
    --publication) size=publication ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "figures.sh: unknown argument '$arg' (accepted: --publication)" >&2; exit 2 ;;
  esac
done
python=${DHN_PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3
bin=${DHN_BIN_DIR:-build/bin}
if [ ! -x "$bin/phase-diagram" ] || [ ! -x "$bin/capacity" ] || [ ! -x "$bin/glassiness" ] || [ ! -x "$bin/mc" ]; then
  if [ -n "${DHN_BIN_DIR:-}" ]; then
    echo "figures.sh: phase-diagram, capacity, glassiness or mc missing in $bin" >&2
    exit 2
  fi
  cmake --preset default
  cmake --build --preset default --target phase-diagram capacity glassiness mc
fi
data=${DHN_DATA_DIR:-data}
figures=${DHN_FIGURE_DIR:-figures}
start=$(date +%s)
DHN_PYTHON=$python bash scripts/install-dhn.sh  # the scripts and notebooks import this checkout's dhn
"$python" scripts/figure_data.py --size "$size" --bin-dir "$bin" --output "$data"
"$python" scripts/run_notebooks.py --data "$data" --figures "$figures"
echo "figures.sh: $size figures in $figures/ from $data/ ($(( $(date +%s) - start )) s)" >&2

#!/usr/bin/env bash
# The main job from a fresh Debian 12 machine: dependencies, a Release build, then the P = 4
# replica-symmetric phase diagram (default grids) to results/phase_diagram_p4.h5 and a PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default
cmake --build --preset default -j "$(nproc)"
mkdir -p results
./build/bin/phase-diagram --p 4 --output results/phase_diagram_p4.h5 --plot results/phase_diagram_p4.png "$@"
./build/bin/capacity --p 4 --level rs --json

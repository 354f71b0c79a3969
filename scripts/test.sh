#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: dependencies, a Release build with
# warnings as errors (preset "ci"), then every Catch2, CLI and pytest test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"

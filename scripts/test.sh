#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: dependencies, a Release build with
# warnings as errors (preset "ci"), every Catch2, CLI and pytest test through ctest, then the C++
# unit tests under AddressSanitizer + UBSan (scripts/test-sanitizers.sh). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"
bash scripts/test-sanitizers.sh

#!/usr/bin/env bash
# The C++ unit tests under AddressSanitizer and UBSan (preset "asan", a Release build), [slow]
# cases left out: about 8 min of build and 3 min of tests on 2 cores. The last stage of the README's
# test command, scripts/test.sh (which installs the dependencies first). Any report fails the run:
# leaks included, and UBSan does not recover (-fno-sanitize-recover=undefined).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(test_model test_analysis test_theory test_montecarlo)
cmake --preset asan
cmake --build build-asan -j "$(nproc)" --target "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  echo "test-sanitizers: $t"
  "build-asan/bin/$t" "~[slow]"
done
echo "test-sanitizers: all unit tests clean under ASan + UBSan"

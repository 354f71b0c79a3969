#!/usr/bin/env bash
# GPU validation of the CUDA backend, for a machine with an NVIDIA GPU (about 3 minutes):
# configures and builds the suite with CUDA (Release, build-gpu/), runs the GPU tests (identical
# trajectories to the CPU engine, device arithmetic) and the GPU benchmark, and writes a short
# report to ${1:-build-gpu/cuda-report.txt}. Exits non-zero when a test fails or no GPU is seen.
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-build-gpu/cuda-report.txt}
start=$(date +%s)
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DDHN_BUILD_BENCH=ON >/dev/null
cmake --build build-gpu -j "$(nproc)" --target test_cuda_trajectories cuda_smoke bench_cuda_sweep test_montecarlo
mkdir -p "$(dirname "$report")"
{
  echo "CUDA validation, $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git describe --always --dirty 2>/dev/null || echo unknown)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  echo "--- device arithmetic (cuda_smoke)"
  ./build-gpu/bin/cuda_smoke
  echo "--- CPU engine tests the kernels share their arithmetic with (test_montecarlo)"
  ./build-gpu/bin/test_montecarlo | tail -2
  echo "--- identical trajectories, GPU against CPU, 100 sweeps (test_cuda_trajectories)"
  ./build-gpu/bin/test_cuda_trajectories
  echo "--- benchmark (bench_cuda_sweep)"
  ./build-gpu/bin/bench_cuda_sweep 20
  echo "--- elapsed $(( $(date +%s) - start )) s"
} 2>&1 | tee "$report"  # pipefail + errexit: a failing step (77: no GPU) fails the script

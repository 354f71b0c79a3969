#!/usr/bin/env bash
# GPU validation of the CUDA backend, for a machine with an NVIDIA GPU (about 3 minutes):
# configures and builds the suite with CUDA (Release, build-gpu/), runs the GPU tests (identical
# trajectories to the CPU engine, device arithmetic, the tempering driver with device walkers
# against host walkers), times
# `mc --backend cuda` against `--backend cpu` on one small case and compares their results files
# dataset by dataset and attribute by attribute (also for a run stopped on the GPU and resumed on
# the CPU, and for a job array's parts run on either backend and merged), runs the GPU
# benchmark, and writes a short report to ${1:-build-gpu/cuda-report.txt}. Exits non-zero when a
# test fails, the backends' files differ or no GPU is seen.
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-build-gpu/cuda-report.txt}
start=$(date +%s)
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DDHN_BUILD_BENCH=ON >/dev/null
cmake --build build-gpu -j "$(nproc)" --target test_cuda_trajectories test_cuda_tempering cuda_smoke bench_cuda_sweep test_montecarlo mc
bash scripts/install-dhn.sh  # the Python package of this checkout, as the tests use it
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
  echo "--- tempering runs, device walkers against host walkers, byte for byte (test_cuda_tempering)"
  ./build-gpu/bin/test_cuda_tempering
  echo "--- mc --backend cuda against --backend cpu (P = 3, N = 256, K = 2000, 8 x 4 x 2, 600 sweeps)"
  dir=build-gpu/mc-backends && rm -rf "$dir" && mkdir -p "$dir"
  mc_case=(--p 3 --n 256 --k 2000 --temps 0.05:0.3:8 --replicas 4 --samples 2 --therm 100
           --sweeps 500 --swap-every 2 --bins 10 --init random --seed 7 --quiet)
  for backend in cpu cuda; do
    t0=$(date +%s.%N)
    ./build-gpu/bin/mc "${mc_case[@]}" --backend $backend --output "$dir/$backend.h5"
    echo "mc --backend $backend: $(awk "BEGIN { print $(date +%s.%N) - $t0 }") s"
  done
  ./build-gpu/bin/mc "${mc_case[@]}" --backend cuda --stop-at-sweep 250 --output "$dir/mixed.h5" || [ $? -eq 3 ]
  ./build-gpu/bin/mc "${mc_case[@]}" --backend cpu --resume --output "$dir/mixed.h5"
  py=$(sed -n 's/^DHN_PYTHON:FILEPATH=//p' build-gpu/CMakeCache.txt)  # the suite's Python (h5py)
  "${py:-python3}" scripts/compare_mc_files.py "$dir/cpu.h5" "$dir/cuda.h5"
  "${py:-python3}" scripts/compare_mc_files.py "$dir/cpu.h5" "$dir/mixed.h5"
  echo "--- a job array: sample 1 on the GPU, sample 0 on the CPU, merged, against the CPU run"
  ./build-gpu/bin/mc "${mc_case[@]}" --backend cuda --sample-range 1:2 --output "$dir/part1.h5"
  ./build-gpu/bin/mc "${mc_case[@]}" --backend cpu --sample-range 0:1 --output "$dir/part0.h5"
  ./build-gpu/bin/mc merge "$dir/merged.h5" "$dir/part1.h5" "$dir/part0.h5" --quiet
  "${py:-python3}" scripts/compare_mc_files.py "$dir/cpu.h5" "$dir/merged.h5"
  echo "--- benchmark (bench_cuda_sweep)"
  ./build-gpu/bin/bench_cuda_sweep 20
  echo "--- elapsed $(( $(date +%s) - start )) s"
} 2>&1 | tee "$report"  # pipefail + errexit: a failing step (77: no GPU) fails the script

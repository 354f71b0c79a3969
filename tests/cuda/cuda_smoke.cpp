// [gpu] The shared e_P arithmetic gives identical integers on the device and the host (exact
// integer identity). Exits 77 (ctest "skipped") when no CUDA device or driver is present.
#include <cstdio>
#include <vector>

#include "dhn/cuda/device.hpp"
#include "dhn/model/elementary_symmetric.hpp"

int main() {
  if (dhn::cuda::device_count() == 0) {
    std::puts("cuda_smoke: no CUDA device, skipped");
    return 77;
  }
  int failures = 0;
  for (int P = 2; P <= 8; ++P) {
    const std::int64_t N = 256;
    std::vector<std::int64_t> overlaps;
    for (std::int64_t S = -N; S <= N; S += 2) overlaps.push_back(S);
    const std::vector<std::int64_t> device =
        dhn::cuda::elementary_symmetric_on_device(P, overlaps, N);
    for (std::size_t k = 0; k < overlaps.size(); ++k) {
      if (device[k] != dhn::elementary_symmetric(P, overlaps[k], N)) ++failures;
    }
  }
  std::printf("cuda_smoke: %d mismatches\n", failures);
  return failures == 0 ? 0 : 1;
}

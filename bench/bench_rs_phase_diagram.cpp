// Times the P = 4 RS phase diagram (grid of solutions plus all lines and capacities) on an
// n x n (alpha, T) grid for 1 and 2 threads, and prints the throughput with the machine's name.
#include <fmt/core.h>
#include <omp.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "dhn/theory/phase_diagram.hpp"

#include "bench_args.hpp"
#include "cpu_model.hpp"

int main(int argc, char** argv) {
  const char* usage = "[N grid points per axis, default 200] [P, default 4] [1rsb]";
  const int n = static_cast<int>(dhn::bench::number_argument(argc, argv, 1, 200, 2, 5000, usage));
  const int P = static_cast<int>(dhn::bench::number_argument(argc, argv, 2, 4, 2, 12, usage));
  // The default phase-diagram window for P = 4 (convention B): alpha up to 0.035, T up to 0.1.
  std::vector<double> alpha(n), T(n);
  for (int k = 0; k < n; ++k) {
    alpha[k] = 0.035 * k / (n - 1);
    T[k] = 0.1 * (k + 1) / n;
  }
  fmt::print(
      "RS phase diagram benchmark: P = {}, distinct, {} x {} grid + lines, on {} ({} cores)\n", P,
      n, n, dhn::bench::cpu_model(), omp_get_num_procs());
  // The optional third argument "1rsb" adds the 1RSB glass lines (T_d, T_s) per alpha.
  const bool rsb1 = argc > 3 && std::string(argv[3]) == "1rsb";
  if (rsb1) fmt::print("  with the 1RSB glass lines\n");
  for (int threads : {1, 2}) {
    const auto start = std::chrono::steady_clock::now();
    const auto pd = dhn::theory::compute_rs_phase_diagram({P, dhn::Variant::distinct, 0.0}, alpha,
                                                          T, {.threads = threads, .rsb1 = rsb1});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("  threads {}: {:.2f} s, {:.0f} grid points/s (alpha_spinodal = {:.6f})\n", threads,
               seconds, n * n / seconds, pd.capacity.alpha_spinodal);
  }
  return 0;
}

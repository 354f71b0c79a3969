// The jackknife against independent closed forms: for a linear function it is the standard error
// of the mean; for the square of the mean its bias-corrected value is the unbiased estimator
// mean^2 - s^2/n (Efron); a ratio against a plain loop over leave-one-out means.
#include <catch2/catch.hpp>

#include <cmath>
#include <span>
#include <vector>

#include "dhn/montecarlo/jackknife.hpp"
#include "dhn/montecarlo/rng.hpp"

using namespace dhn::montecarlo;

namespace {
std::vector<double> uniforms(int n, std::uint64_t seed) {
  std::vector<double> x(n);
  for (int j = 0; j < n; ++j)
    x[j] = uniform_from_bits(
        random_block(seed, Stream::dynamics, 7, 0, 0, static_cast<std::uint64_t>(j)).word[0]);
  return x;
}
}  // namespace

TEST_CASE("jackknife of the mean is the standard error; of mean^2 it removes the bias",
          "[montecarlo][jackknife]") {
  const int n = 37;
  const std::vector<double> x = uniforms(n, 3);
  const std::vector<double> w(n, 1.0);
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= n;
  double s2 = 0.0;
  for (double v : x) s2 += (v - mean) * (v - mean);
  s2 /= (n - 1);
  const JackknifeResult linear =
      jackknife(x, w, 1, [](std::span<const double> m) { return 3.0 * m[0] - 1.0; });
  CHECK(linear.value == Approx(3.0 * mean - 1.0).epsilon(1e-14));
  CHECK(linear.error == Approx(3.0 * std::sqrt(s2 / n)).epsilon(1e-12));
  CHECK(linear.bias_corrected == Approx(linear.value).epsilon(1e-12));
  CHECK(linear.blocks == std::size_t(n));
  const JackknifeResult square =
      jackknife(x, w, 1, [](std::span<const double> m) { return m[0] * m[0]; });
  CHECK(square.value == Approx(mean * mean).epsilon(1e-14));
  CHECK(square.bias_corrected == Approx(mean * mean - s2 / n).epsilon(1e-12));
}

TEST_CASE("weighted jackknife of a ratio equals a plain leave-one-out loop",
          "[montecarlo][jackknife]") {
  const int n = 20;
  const std::vector<double> a = uniforms(n, 5), b = uniforms(n, 6);
  std::vector<double> sums(2 * n), weights(n);
  for (int j = 0; j < n; ++j) {
    weights[j] = 1.0 + j % 3;  // blocks of 1, 2, 3 measurements
    sums[2 * j] = weights[j] * a[j];
    sums[2 * j + 1] = weights[j] * (1.0 + b[j]);
  }
  auto ratio = [](std::span<const double> m) { return m[0] / m[1]; };
  const JackknifeResult r = jackknife(sums, weights, 2, ratio);
  std::vector<double> estimates;
  for (int j = 0; j < n; ++j) {
    double sa = 0, sb = 0, sw = 0;
    for (int i = 0; i < n; ++i) {
      if (i == j) continue;
      sa += sums[2 * i];
      sb += sums[2 * i + 1];
      sw += weights[i];
    }
    estimates.push_back((sa / sw) / (sb / sw));
  }
  double mean = 0.0;
  for (double e : estimates) mean += e;
  mean /= n;
  double var = 0.0;
  for (double e : estimates) var += (e - mean) * (e - mean);
  CHECK(r.jackknife_mean == Approx(mean).epsilon(1e-14));
  CHECK(r.error == Approx(std::sqrt((n - 1.0) / n * var)).epsilon(1e-12));
  CHECK(r.bias_corrected == Approx(n * r.value - (n - 1) * mean).epsilon(1e-12));
}

TEST_CASE("jackknife with one block has no error; bad shapes are refused",
          "[montecarlo][jackknife]") {
  const std::vector<double> one{2.0}, w{1.0};
  const JackknifeResult r = jackknife(one, w, 1, [](std::span<const double> m) { return m[0]; });
  CHECK(r.value == 2.0);
  CHECK(std::isnan(r.error));
  const std::vector<double> two{1.0, 2.0}, bad_w{1.0, 0.0};
  CHECK_THROWS_AS(jackknife(two, bad_w, 1, [](std::span<const double> m) { return m[0]; }),
                  std::invalid_argument);
  CHECK_THROWS_AS(jackknife(two, w, 1, [](std::span<const double> m) { return m[0]; }),
                  std::invalid_argument);
}

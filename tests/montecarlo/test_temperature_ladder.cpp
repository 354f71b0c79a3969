// Geometric temperature ladders (exact end points, constant ratio) and the rejection of empty,
// non-positive, non-finite and non-increasing ladders.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "dhn/montecarlo/temperature_ladder.hpp"

using namespace dhn::montecarlo;

TEST_CASE("geometric ladder: exact end points and a constant ratio", "[montecarlo][ladder]") {
  const std::vector<double> T = geometric_ladder(0.05, 0.4, 8);
  REQUIRE(T.size() == 8);
  CHECK(T.front() == 0.05);
  CHECK(T.back() == 0.4);
  const double ratio = std::pow(0.4 / 0.05, 1.0 / 7.0);  // 8^(1/7)
  for (std::size_t k = 1; k < T.size(); ++k) CHECK(T[k] / T[k - 1] == Approx(ratio).epsilon(1e-14));
  CHECK(geometric_ladder(0.3, 0.3, 1) == std::vector<double>{0.3});
  CHECK(geometric_ladder(0.1, 0.2, 2) == std::vector<double>{0.1, 0.2});
}

TEST_CASE("ladders that are empty, reversed or not positive are refused", "[montecarlo][ladder]") {
  CHECK_THROWS_AS(geometric_ladder(0.1, 0.4, 0), std::invalid_argument);
  CHECK_THROWS_AS(geometric_ladder(0.4, 0.1, 3), std::invalid_argument);
  CHECK_THROWS_AS(geometric_ladder(0.1, 0.1, 3), std::invalid_argument);
  CHECK_THROWS_AS(geometric_ladder(0.1, 0.2, 1), std::invalid_argument);
  CHECK_THROWS_AS(geometric_ladder(0.0, 0.2, 3), std::invalid_argument);
  CHECK_THROWS_AS(geometric_ladder(-0.1, 0.2, 3), std::invalid_argument);
  CHECK_THROWS_AS(geometric_ladder(0.1, INFINITY, 3), std::invalid_argument);
  CHECK_THROWS_AS(validate_ladder({}), std::invalid_argument);
  CHECK_THROWS_AS(validate_ladder({0.1, 0.1}), std::invalid_argument);
  CHECK_THROWS_AS(validate_ladder({0.2, 0.1}), std::invalid_argument);
  CHECK_THROWS_AS(validate_ladder({std::numeric_limits<double>::quiet_NaN()}),
                  std::invalid_argument);
  CHECK_NOTHROW(validate_ladder({0.1, 0.2, 0.5}));
}

// Bracketing root finder: the root to tolerance, and every named way to fail reported through
// ScalarRoot (no sign change, budget spent, solver failure) rather than an exception.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "dhn/theory/scalar_solvers.hpp"

using namespace dhn::theory;

TEST_CASE("find_root converges to sqrt(2) within the tolerance", "[theory][solve]") {
  const ScalarRoot r = find_root([](double x) { return x * x - 2.0; }, 0.0, 2.0, 1e-13);
  CHECK(r.status == RootStatus::converged);
  CHECK(r.converged);
  CHECK(r.bracketed());
  CHECK(r.iterations > 0);
  CHECK(r.x == Approx(std::sqrt(2.0)).margin(1e-13));
}

TEST_CASE("find_root returns an end point that is an exact root", "[theory][solve]") {
  const ScalarRoot r = find_root([](double x) { return x; }, 0.0, 1.0, 1e-13);
  CHECK(r.status == RootStatus::converged);
  CHECK(r.x == 0.0);
  CHECK(r.iterations == 0);
}

TEST_CASE("find_root without a sign change reports no_sign_change, no exception",
          "[theory][solve]") {
  // x^2 + 1 > 0 everywhere: the expected "no solution" outcome of a bracketing search.
  ScalarRoot r;
  REQUIRE_NOTHROW(r = find_root([](double x) { return x * x + 1.0; }, -1.0, 1.0, 1e-13));
  CHECK(r.status == RootStatus::no_sign_change);
  CHECK_FALSE(r.converged);
  CHECK_FALSE(r.bracketed());
  CHECK(std::isnan(r.x));
  // A NaN end value brackets nothing either.
  const ScalarRoot nan_end =
      find_root([](double x) { return x > 0.5 ? std::numeric_limits<double>::quiet_NaN() : -1.0; },
                0.0, 1.0, 1e-13);
  CHECK(nan_end.status == RootStatus::no_sign_change);
}

TEST_CASE("find_root reports budget_spent when the tolerance cannot be met", "[theory][solve]") {
  // A zero tolerance is never met: all 200 Brent iterations run, and x is still the root.
  const ScalarRoot r = find_root([](double x) { return x * x - 2.0; }, 0.0, 2.0, 0.0);
  CHECK(r.status == RootStatus::budget_spent);
  CHECK_FALSE(r.converged);
  CHECK(r.bracketed());
  CHECK(r.iterations == 200);
  CHECK(r.x == Approx(std::sqrt(2.0)).margin(1e-14));
}

TEST_CASE("find_root reports solver_failed for a non-finite f inside the bracket",
          "[theory][solve]") {
  // Signs differ at the ends, but f is NaN at every interior point Brent tries.
  auto f = [](double x) {
    if (x == 0.0) return -1.0;
    if (x == 1.0) return 1.0;
    return std::numeric_limits<double>::quiet_NaN();
  };
  const ScalarRoot r = find_root(f, 0.0, 1.0, 1e-13);
  CHECK(r.status == RootStatus::solver_failed);
  CHECK(r.bracketed());
  CHECK_FALSE(r.converged);
}

TEST_CASE("find_root rejects an empty or NaN interval as a programmer error", "[theory][solve]") {
  auto f = [](double x) { return x; };
  CHECK_THROWS_AS(find_root(f, 1.0, 1.0, 1e-13), std::invalid_argument);
  CHECK_THROWS_AS(find_root(f, 1.0, -1.0, 1e-13), std::invalid_argument);
  CHECK_THROWS_AS(find_root(f, std::numeric_limits<double>::quiet_NaN(), 1.0, 1e-13),
                  std::invalid_argument);
}

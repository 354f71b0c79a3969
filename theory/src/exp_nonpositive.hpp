// A branch-free e^x for x in [-700, 0] (private to theory/src), scalar and on two lanes (GCC
// vector extensions), for the quadrature node loops: the compiler does not vectorise libm's exp.
#pragma once

#include <bit>
#include <cstdint>

namespace dhn::theory {

using Lanes = double __attribute__((vector_size(16)));
using IntLanes = std::int64_t __attribute__((vector_size(16)));

namespace exp_detail {
constexpr double kLog2e = 1.4426950408889634;
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // fdlibm's split: k * kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kShifter = 0x1.8p52;  // adding it rounds to an integer in the low bits

// x = k ln 2 + r with k rounded by the shifter (returned in `shifted`'s low bits) and
// |r| <= ln 2 / 2 (Cody-Waite, two-part ln 2); returns e^r by its Taylor polynomial of degree 13
// (truncation r^14/14! < 5e-18 relative), by Horner.
template <typename Real>
inline Real reduced_exp(Real x, Real& shifted) {
  shifted = x * kLog2e + kShifter;
  const Real k = shifted - kShifter;
  const Real r = (x - k * kLn2Hi) - k * kLn2Lo;
  Real p = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;  // 1/13!, then down to 1/0!
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return p;
}
}  // namespace exp_detail

// e^x = e^r 2^k, 2^k written into the exponent bits. Relative error ~3e-16 (Horner rounding),
// against libm's ~1e-16.
inline double exp_nonpositive(double x) {
  double shifted;
  const double p = exp_detail::reduced_exp(x, shifted);
  const std::int64_t k =
      std::bit_cast<std::int64_t>(shifted) - std::bit_cast<std::int64_t>(exp_detail::kShifter);
  return p * std::bit_cast<double>((k + 1023) << 52);
}

inline Lanes exp_nonpositive(Lanes x) {
  Lanes shifted;
  const Lanes p = exp_detail::reduced_exp(x, shifted);
  const IntLanes k =
      reinterpret_cast<IntLanes>(shifted) - std::bit_cast<std::int64_t>(exp_detail::kShifter);
  return p * reinterpret_cast<Lanes>((k + 1023) << 52);
}

}  // namespace dhn::theory

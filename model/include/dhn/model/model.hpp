// The one model definition shared by theory, Monte Carlo and CUDA: order P, variant and load.
// Convention B throughout (physics.md section 1); other papers' conventions live in units.hpp.
#pragma once

#include <string>
#include <string_view>

namespace dhn {

// Which index tuples enter the Hamiltonian (physics.md section 1).
enum class Variant {
  distinct,  // H = -(1/N^(P-1)) sum_mu e_P(x^mu): index sets i1 < ... < iP (the default)
  full,      // H = -(N/P!) sum_mu m_mu^P: all N^P tuples, diagonal terms included
};

// Dense Hebbian network, convention B: K = alpha N^(P-1) patterns.
struct Model {
  int P = 4;                            // interaction order, 2 <= P <= kMaxP
  Variant variant = Variant::distinct;  // index-tuple variant
  double alpha = 0.0;                   // load alpha = K / N^(P-1), alpha >= 0 (convention B)
};

inline constexpr int kMaxP = 12;  // factorials and polynomial coefficients stay exact in double

// Throws std::invalid_argument naming the parameter and its accepted range.
void validate(const Model& model);

std::string_view to_string(Variant variant);
// Throws std::invalid_argument for anything but "distinct" or "full".
Variant parse_variant(std::string_view text);

// n! as a double (exact for n <= 18).
double factorial(int n);

}  // namespace dhn

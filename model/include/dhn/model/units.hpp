// Conversions between convention B (the suite's own) and other papers' conventions. This is the
// only place where another convention appears; solvers and simulations see convention B only.
#pragma once

#include <string_view>

namespace dhn {

enum class Convention {
  B,  // this suite: H = -(1/N^(P-1)) sum_mu e_P, K = alpha N^(P-1)   (physics.md section 1)
  G,  // Gardner / Theriault-Tantari: H = -N sum_mu m_mu^P, M = alpha_G N^(P-1)/P! patterns
};

std::string_view to_string(Convention convention);
// Throws std::invalid_argument for anything but "B" or "G".
Convention parse_convention(std::string_view text);

// alpha_G = P! alpha_B and T_G = P! T_B (physics.md section 1); identity for B.
double alpha_from_B(double alpha_B, int P, Convention to);
double alpha_to_B(double alpha, int P, Convention from);
double temperature_from_B(double T_B, int P, Convention to);
double temperature_to_B(double T, int P, Convention from);

}  // namespace dhn

#include "dhn/model/units.hpp"

#include <stdexcept>
#include <string>

#include "dhn/model/model.hpp"
#include "dhn/model/parameter_error.hpp"

namespace dhn {

std::string_view to_string(Convention convention) {
  return convention == Convention::B ? "B" : "G";
}

Convention parse_convention(std::string_view text) {
  if (text == "B" || text == "b") return Convention::B;
  if (text == "G" || text == "g") return Convention::G;
  throw ParameterError("convention", " '" + std::string(text) +
                                         "' is not known: accepted B (this suite) or G (Gardner)");
}

namespace {
double scale(int P, Convention convention) {
  return convention == Convention::B ? 1.0 : factorial(P);
}
}  // namespace

double alpha_from_B(double alpha_B, int P, Convention to) {
  return alpha_B * scale(P, to);
}
double alpha_to_B(double alpha, int P, Convention from) {
  return alpha / scale(P, from);
}
double temperature_from_B(double T_B, int P, Convention to) {
  return T_B * scale(P, to);
}
double temperature_to_B(double T, int P, Convention from) {
  return T / scale(P, from);
}

}  // namespace dhn

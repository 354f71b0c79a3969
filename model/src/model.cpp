#include "dhn/model/model.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "dhn/model/parameter_error.hpp"

namespace dhn {

void validate(const Model& model) {
  if (model.P < 2 || model.P > kMaxP) {
    throw ParameterError("p", " = " + std::to_string(model.P) +
                                  " is out of range: accepted 2 <= P <= " + std::to_string(kMaxP));
  }
  if (!std::isfinite(model.alpha) || model.alpha < 0.0) {
    throw std::invalid_argument("alpha = " + std::to_string(model.alpha) +
                                " is out of range: accepted a finite alpha >= 0 (convention B)");
  }
}

std::string_view to_string(Variant variant) {
  return variant == Variant::distinct ? "distinct" : "full";
}

Variant parse_variant(std::string_view text) {
  if (text == "distinct") return Variant::distinct;
  if (text == "full") return Variant::full;
  throw ParameterError("variant",
                       " '" + std::string(text) + "' is not known: accepted distinct or full");
}

double factorial(int n) {
  double result = 1.0;
  for (int k = 2; k <= n; ++k) result *= k;
  return result;
}

}  // namespace dhn

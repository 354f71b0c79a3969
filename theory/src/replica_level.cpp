#include "dhn/theory/replica_level.hpp"

#include <string>

#include "dhn/model/parameter_error.hpp"

namespace dhn::theory {

std::string_view to_string(ReplicaLevel level) {
  return level == ReplicaLevel::rs ? "rs" : "1rsb";
}

ReplicaLevel parse_replica_level(std::string_view text) {
  if (text == "rs") return ReplicaLevel::rs;
  if (text == "1rsb") return ReplicaLevel::rsb1;
  throw ParameterError("level", " '" + std::string(text) + "' is not known: accepted rs or 1rsb");
}

}  // namespace dhn::theory

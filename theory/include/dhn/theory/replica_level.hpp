// The replica level of a computation (RS or one-step RSB) and its text form, the `level` option
// of the programs.
#pragma once

#include <string_view>

namespace dhn::theory {

enum class ReplicaLevel {
  rs,    // replica symmetric
  rsb1,  // one step of replica symmetry breaking
};

std::string_view to_string(ReplicaLevel level);  // "rs" | "1rsb"
// Throws ParameterError("level", ...) for anything but "rs" or "1rsb".
ReplicaLevel parse_replica_level(std::string_view text);

}  // namespace dhn::theory

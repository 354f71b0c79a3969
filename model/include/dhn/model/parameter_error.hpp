// The error for a bad value of one named run parameter: the library that owns a parameter
// validates it and names it as the programs' options and TOML keys spell it, so the programs
// only add the dashes of a flag (apps/common/run_main.cpp) and never re-check it.
#pragma once

#include <stdexcept>
#include <string>

namespace dhn {

class ParameterError : public std::invalid_argument {
 public:
  // what() = parameter + detail, e.g. ParameterError("n", " = 2 is out of range: accepted
  // 3 = P <= N <= 2^20") reads "n = 2 is out of range: ..." (and "--n = 2 ..." in a program).
  ParameterError(const std::string& parameter, const std::string& detail)
      : std::invalid_argument(parameter + detail), parameter_(parameter) {}
  // The option name without dashes ("n", "temps", "init", ...).
  const std::string& parameter() const { return parameter_; }

 private:
  std::string parameter_;
};

}  // namespace dhn

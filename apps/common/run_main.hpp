// The exit-code policy of every program: 0 success, 2 bad input (a message naming the parameter
// and its accepted range), 1 runtime failure. CLI11's own parse errors are mapped to 2.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace dhn::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitBadInput = 2;

// Parses argv into `app`, then runs `body`. std::invalid_argument from the body is bad input;
// a dhn::ParameterError (model/parameter_error.hpp) is printed as the flag it names ("--n = 2
// ...").
int run_main(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

}  // namespace dhn::cli

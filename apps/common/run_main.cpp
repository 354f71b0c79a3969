#include "run_main.hpp"

#include <fmt/core.h>

#include <exception>
#include <stdexcept>

#include "dhn/model/parameter_error.hpp"

namespace dhn::cli {

int run_main(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and usage hint
    return kExitBadInput;
  }
  try {
    return body();
  } catch (const ParameterError& e) {
    // the library named the parameter as the option is spelt: add the flag's dashes
    fmt::print(stderr, "{}: error: --{}\n", app.get_name(), e.what());
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "{}: error: {}\n", app.get_name(), e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: runtime failure: {}\n", app.get_name(), e.what());
    return kExitRuntime;
  }
}

}  // namespace dhn::cli

#include "run_main.hpp"

#include <fmt/core.h>

#include <H5Cpp.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>

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
  } catch (const H5::Exception& e) {
    // the HDF5 C++ exceptions are not std::exceptions: without this an I/O failure deep in a
    // writer (a full disk) would end in std::terminate; errno holds the failing call's reason
    const int code = errno;
    fmt::print(stderr, "{}: runtime failure: HDF5 {}: {}{}\n", app.get_name(), e.getFuncName(),
               e.getDetailMsg(), code != 0 ? std::string(" (") + std::strerror(code) + ")" : "");
    return kExitRuntime;
  }
}

}  // namespace dhn::cli

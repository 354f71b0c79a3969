#include "plot.hpp"

#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "run_main.hpp"

namespace dhn::cli {

int plot_phase_diagram(const std::string& h5_path, const std::string& png_path, bool quiet) {
  // DHN_PYTHON is fixed at configure time, the module is dhn.plot; the environment may override
  // them.
  const char* python = std::getenv("DHN_PYTHON");
  const char* script = std::getenv("DHN_PLOT_MODULE");
  const std::string interpreter = python ? python : DHN_PYTHON_DEFAULT;
  const std::string plotter = script ? script : "dhn.plot";
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<const char*> args{interpreter.c_str(), "-m",   plotter.c_str(), h5_path.c_str(),
                                  png_path.c_str(),    nullptr};
    execv(interpreter.c_str(), const_cast<char* const*>(args.data()));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "plot failed: {} -m {} {} {} (exit status {})\n", interpreter, plotter,
               h5_path, png_path, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return kExitRuntime;
  }
  if (!quiet) fmt::print(stderr, "plot: wrote {}\n", png_path);
  return kExitOk;
}

}  // namespace dhn::cli

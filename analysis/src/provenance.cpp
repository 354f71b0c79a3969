// Provenance of an output file: build version, git description, shell-quoted command line,
// UTC creation time, threads and MPI ranks, and their root attributes.
#include "dhn/analysis/provenance.hpp"

#include <ctime>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

namespace {
std::string shell_quote(const std::string& word) {
  if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string::npos)
    return word;
  std::string quoted(1, '\'');
  for (char c : word) {
    if (c == '\'') {
      quoted.append("'\\''");
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}
}  // namespace

Provenance make_provenance(int argc, char** argv, int threads, int mpi_ranks) {
  Provenance p;
  p.suite_version = DHN_SUITE_VERSION;
  p.git_describe = DHN_GIT_DESCRIBE;
  for (int k = 0; k < argc; ++k) {
    if (k > 0) p.command_line += ' ';
    p.command_line += shell_quote(argv[k]);
  }
  p.created_utc = utc_now_iso8601();
  p.threads = threads;
  p.mpi_ranks = mpi_ranks;
  return p;
}

void write_provenance(H5::H5Object& root, const Provenance& provenance) {
  write_attribute(root, "suite_version", provenance.suite_version);
  write_attribute(root, "git_describe", provenance.git_describe);
  write_attribute(root, "command_line", provenance.command_line);
  write_attribute(root, "created_utc", provenance.created_utc);
  write_attribute(root, "threads", provenance.threads);
  write_attribute(root, "mpi_ranks", provenance.mpi_ranks);
}

}  // namespace dhn::analysis

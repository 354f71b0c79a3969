// Provenance written into every output file: suite version, git description, command line,
// creation time (UTC) and thread count.
#pragma once

#include <string>

#include <H5Cpp.h>

namespace dhn::analysis {

struct Provenance {
  std::string suite_version;  // project version at build time
  std::string git_describe;   // `git describe --always --dirty --tags` at configure time
  std::string command_line;   // argv joined, shell-quoted where needed
  std::string created_utc;    // ISO 8601, e.g. 2026-11-28T07:19:06Z
  int threads = 0;            // requested OpenMP threads (0 = all)
};

std::string utc_now_iso8601();
Provenance make_provenance(int argc, char** argv, int threads);
// Root attributes suite_version, git_describe, command_line, created_utc, threads.
void write_provenance(H5::H5Object& root, const Provenance& provenance);

}  // namespace dhn::analysis

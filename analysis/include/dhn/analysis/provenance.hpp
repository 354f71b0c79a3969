// Provenance written into every output file: suite version, git description, command line,
// creation time (UTC), thread count and MPI rank count.
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
  int mpi_ranks = 1;          // ranks of the MPI run that wrote the file (1: no MPI run)
};

std::string utc_now_iso8601();
Provenance make_provenance(int argc, char** argv, int threads, int mpi_ranks = 1);
// Root attributes suite_version, git_describe, command_line, created_utc, threads, mpi_ranks.
void write_provenance(H5::H5Object& root, const Provenance& provenance);

}  // namespace dhn::analysis

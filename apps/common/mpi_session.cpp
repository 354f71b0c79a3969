#include "mpi_session.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <thread>
#include <utility>

#if DHN_HAVE_MPI
#include <mpi.h>
#endif

namespace dhn::cli {

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

bool built_with_mpi() {
  return DHN_HAVE_MPI != 0;
}

#if DHN_HAVE_MPI

namespace {

// MPI's error handler on MPI_COMM_WORLD aborts the run on any failed call (MPI_ERRORS_ARE_FATAL,
// the default), so the return codes below need no check.
int count_of(const MPI_Status& status) {
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  return count;
}

MpiMessage receive_matched(MPI_Message& handle, const MPI_Status& probed) {
  MpiMessage m;
  m.source = probed.MPI_SOURCE;
  m.tag = probed.MPI_TAG;
  m.bytes.resize(static_cast<std::size_t>(count_of(probed)));
  MPI_Mrecv(m.bytes.data(), static_cast<int>(m.bytes.size()), MPI_BYTE, &handle, MPI_STATUS_IGNORE);
  return m;
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv, std::string program)
    : program_(std::move(program)) {
  if (!launched_by_mpi()) return;
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_SERIALIZED) {
    // the load balancer answers requests from a thread beside the computing ones
    abort("the MPI library offers thread level " + std::to_string(provided) +
              ", below MPI_THREAD_SERIALIZED which the programs need",
          1);
  }
}

MpiSession::~MpiSession() {
  if (active_) MPI_Finalize();
}

int MpiSession::finish(int exit_code) {
  if (!active_) return exit_code;
  if (exit_code != 0 && size_ > 1) {
    std::fflush(stdout);
    std::fflush(stderr);
    // Bad input fails every rank alike: a short wait lets rank 0's abort come first, so the
    // launcher reports one abort (Open MPI 4.1 garbles its report of simultaneous ones).
    if (rank_ != 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    MPI_Abort(MPI_COMM_WORLD, exit_code);
  }
  active_ = false;
  MPI_Finalize();
  return exit_code;
}

void MpiSession::abort(const std::string& message, int exit_code) const {
  fmt::print(stderr, "{}: rank {} of {}: {}\n", program_, rank_, size_, message);
  std::fflush(stdout);
  std::fflush(stderr);
  if (active_) MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::exit(exit_code);
}

void MpiSession::send(int destination, int tag, std::span<const std::byte> bytes) const {
  require_peers("send");
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("MpiSession::send: a message of " + std::to_string(bytes.size()) +
                            " bytes exceeds MPI's int count");
  }
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, destination, tag,
           MPI_COMM_WORLD);
}

MpiMessage MpiSession::receive(int source, int tag) const {
  require_peers("receive");
  MPI_Message handle;
  MPI_Status status;
  MPI_Mprobe(source, tag, MPI_COMM_WORLD, &handle, &status);
  return receive_matched(handle, status);
}

std::optional<MpiMessage> MpiSession::try_receive() const {
  require_peers("try_receive");
  int found = 0;
  MPI_Message handle;
  MPI_Status status;
  MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &found, &handle, &status);
  if (found == 0) return std::nullopt;
  return receive_matched(handle, status);
}

#else  // built without MPI: always one rank

MpiSession::MpiSession(int&, char**&, std::string program) : program_(std::move(program)) {}

MpiSession::~MpiSession() = default;

int MpiSession::finish(int exit_code) {
  return exit_code;
}

void MpiSession::abort(const std::string& message, int exit_code) const {
  fmt::print(stderr, "{}: rank {} of {}: {}\n", program_, rank_, size_, message);
  std::fflush(stdout);
  std::fflush(stderr);
  std::exit(exit_code);
}

void MpiSession::send(int, int, std::span<const std::byte>) const {
  require_peers("send");
}

MpiMessage MpiSession::receive(int, int) const {
  require_peers("receive");
  return {};
}

std::optional<MpiMessage> MpiSession::try_receive() const {
  require_peers("try_receive");
  return std::nullopt;
}

#endif

void MpiSession::require_peers(const char* call) const {
  if (size_ < 2) {
    throw std::logic_error(std::string("MpiSession::") + call + ": the run has one rank");
  }
}

}  // namespace dhn::cli

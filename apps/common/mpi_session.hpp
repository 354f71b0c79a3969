// The process's place in an MPI run (its rank among the run's ranks) and the few point-to-point
// calls the programs need; without MPI, or when not started by an MPI launcher, one rank alone.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace dhn::cli {

// A message between ranks: who sent it, its tag, its bytes.
struct MpiMessage {
  int source = -1;
  int tag = -1;
  std::vector<std::byte> bytes;
};

// MPI is initialised only when the build has MPI (DHN_WITH_MPI, cmake/Mpi.cmake) and the process
// was started by an MPI launcher (mpirun, mpiexec, srun: see launched_by_mpi()). Otherwise the
// process is rank 0 of 1 and makes no MPI call, so that a plain start neither pays for MPI's
// singleton start-up (a forked daemon, about 0.3 s with Open MPI 4.1) nor depends on it working.
// One session per process, made first thing in main and ended by finish().
class MpiSession {
 public:
  // program names the program in messages. Throws std::runtime_error when MPI cannot give the
  // thread level the programs use (MPI_THREAD_SERIALIZED: any thread may call MPI, one at a time).
  MpiSession(int& argc, char**& argv, std::string program);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  const std::string& program() const { return program_; }

  // The end of main: finalises MPI and returns exit_code. When several ranks run and this one
  // fails (exit_code != 0), it aborts them all with exit_code instead (MPI_Abort), so that no
  // rank waits forever for one that has gone; a rank other than 0 first waits 0.5 s, so that when
  // all fail alike (bad input) rank 0's abort is the one reported.
  int finish(int exit_code);
  // Prints "<program>: rank <r> of <n>: <message>" to stderr and ends every rank of the run with
  // exit_code (MPI_Abort; std::exit when alone).
  [[noreturn]] void abort(const std::string& message, int exit_code) const;

  // Point-to-point messages of bytes in MPI_COMM_WORLD. The caller serialises these calls (no two
  // threads at once); each throws std::logic_error when the run has one rank (there is no peer).
  void send(int destination, int tag, std::span<const std::byte> bytes) const;
  // The next message from source with tag, waiting for it.
  MpiMessage receive(int source, int tag) const;
  // The next message for this rank from any source with any tag, if one has arrived; does not
  // wait.
  std::optional<MpiMessage> try_receive() const;

 private:
  void require_peers(const char* call) const;

  std::string program_;
  int rank_ = 0;
  int size_ = 1;
  bool active_ = false;  // MPI_Init_thread was called and MPI_Finalize not yet
};

// Whether an MPI launcher started this process: one of the variables that Open MPI's mpirun
// (OMPI_COMM_WORLD_SIZE), PMIx launchers (PMIX_RANK: srun --mpi=pmix, prterun) and PMI-1/2
// launchers (PMI_RANK, PMI_SIZE: MPICH and Intel MPI's mpiexec, srun --mpi=pmi2) set.
bool launched_by_mpi();

// Whether this build has MPI (the DHN_WITH_MPI configuration found it).
bool built_with_mpi();

}  // namespace dhn::cli

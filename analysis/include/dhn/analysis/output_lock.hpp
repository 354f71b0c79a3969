// An exclusive lock on an output file for a run's lifetime, so that two runs writing the same
// file cannot silently overwrite each other (issue 16): flock on "<target>.lock" beside the file
// (the target of a symlink), holding the owner's PID. A second writer is refused naming that PID.
// The kernel drops the lock when its process dies, so a lock file left by a kill -9 is reused.
#pragma once

#include <string>

namespace dhn::analysis {

class OutputLock {
 public:
  // Throws std::invalid_argument("... is being written by process <pid> ...") when another
  // process holds the lock, std::runtime_error when the lock file cannot be made.
  explicit OutputLock(const std::string& path);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&&) = delete;

 private:
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace dhn::analysis

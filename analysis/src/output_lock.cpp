#include "dhn/analysis/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {

namespace {

// A writer outside the suite that holds the existing file open (HDF5 1.10 takes an exclusive
// flock on a file it opens for writing, h5py included): a shared flock then fails. Readers take
// shared locks and do not block: the rename leaves them their old file.
void refuse_if_open_for_writing(const std::string& target, const std::string& path) {
  const int fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;  // not there yet (or unreadable: the write itself will say)
  struct stat status {};
  const bool regular = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode);
  const bool held = regular && ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  if (held) {
    throw std::invalid_argument("output file " + path +
                                " is open for writing in another process (an exclusive lock "
                                "on it); accepted: another --output, or close it first");
  }
}

}  // namespace

OutputLock::OutputLock(const std::string& path) {
  const std::string target = AtomicH5File::write_target(path);
  lock_path_ = target + ".lock";
  refuse_if_open_for_writing(target, path);
  // Retried when the lock file was replaced between open and flock (its holder unlinks it on
  // release): the lock must be on the file the path names now.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw std::runtime_error("output file " + path + ": the lock file " + lock_path_ +
                               " cannot be made: " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      char text[32] = {};
      const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
      ::close(fd);
      const std::string holder = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : "?";
      throw std::invalid_argument("output file " + path + " is being written by process " +
                                  holder.substr(0, holder.find_first_of("\n ")) + " (lock " +
                                  lock_path_ +
                                  "; accepted: another --output, or wait for that run)");
    }
    struct stat held {
    }, named{};
    if (::fstat(fd, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 &&
        held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // the PID is only for the message of a refused writer: the lock itself holds
      }
      fd_ = fd;
      return;
    }
    ::close(fd);  // replaced meanwhile: lock the new one
  }
  throw std::runtime_error("output file " + path + ": the lock file " + lock_path_ +
                           " keeps being replaced");
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : lock_path_(std::move(other.lock_path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // before the unlock: a new writer then locks a fresh file
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace dhn::analysis

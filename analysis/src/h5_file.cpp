// HDF5 helpers: atomic output file (temporary + rename), tagged groups, typed attributes and
// datasets, and their readers. Single-threaded by contract (see h5_file.hpp).
#include "dhn/analysis/h5_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <stdexcept>
#include <vector>

namespace dhn::analysis {
namespace fs = std::filesystem;

namespace {
std::string temporary_name(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

H5::DataSpace shape(std::initializer_list<hsize_t> dims) {
  return H5::DataSpace(static_cast<int>(dims.size()), std::data(dims));
}

// The file a write to `path` lands on: symlinks are followed to their final target (which need
// not exist yet), so the temporary is made beside the target and renamed onto it, and the link
// survives. Throws for an empty name, a loop of links, or an existing target that is not a
// regular file (a directory, a device such as /dev/null, a pipe): renaming onto those would
// replace them.
std::string resolve_write_target(const std::string& path) {
  if (path.empty()) throw std::runtime_error("the output file name is empty");
  fs::path target(path);
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    if (hops == 40) throw std::runtime_error("output file " + path + ": too many symbolic links");
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) throw std::runtime_error("output file " + path + ": " + ec.message());
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::is_directory(status))
    throw std::runtime_error("output file " + path + " cannot be written: it is a directory");
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw std::runtime_error("output file " + path +
                             " cannot be written: it is not a regular file (a device, pipe or "
                             "socket), and replacing it is refused");
  }
  return target.string();
}

// errno's text after a failed HDF5 call (HDF5 leaves the failing write's errno in place), e.g.
// "No space left on device"; a generic text when errno is 0.
std::string system_reason() {
  const int code = errno;
  return code != 0 ? std::string(std::strerror(code)) : std::string("the write failed");
}

// fsync of a directory by path; false when it cannot be opened or synced.
bool sync_directory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Removes "<target>.tmp.<pid>[.probe]" left by a process that no longer exists (a kill -9 during
// a write): they would otherwise stay forever. Temporaries of live processes are left alone.
void remove_stale_temporaries_of(const std::string& target) {
  const fs::path folder =
      fs::path(target).parent_path().empty() ? fs::path(".") : fs::path(target).parent_path();
  const std::string prefix = fs::path(target).filename().string() + ".tmp.";
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const std::size_t digits = rest.find_first_not_of("0123456789");
    const std::string pid_text = rest.substr(0, digits);
    if (pid_text.empty() || pid_text.size() > 9) continue;
    if (digits != std::string::npos && rest.substr(digits) != ".probe") continue;
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid()) continue;
    if (::kill(pid, 0) == -1 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
}

std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Creates and removes a probe file beside the target: the directory exists and is writable.
void probe_writable(const std::string& target, const std::string& path) {
  const std::string probe = temporary_name(target) + ".probe";
  errno = 0;
  FILE* f = std::fopen(probe.c_str(), "wb");
  if (f == nullptr) {
    throw std::runtime_error("output file " + path + " cannot be written (directory '" +
                             directory_of(target) + "': " + system_reason() + ")");
  }
  std::fclose(f);
  std::error_code ignored;
  fs::remove(probe, ignored);
}

// Returned as a prvalue so the member is initialised in place (H5File's copy-assignment is
// deprecated). Silences HDF5's own error-stack printing: errors surface as exceptions. The file
// lives in memory (the core driver without a backing store) until commit() writes its image
// with plain POSIX calls: a full disk then fails once, with errno's reason, instead of inside
// the destructors of every dataset, and nothing is allocated on disk before the end.
H5::H5File create_in_memory(const std::string& path) {
  H5::Exception::dontPrint();
  try {
    H5::FileAccPropList access;
    access.setCore(std::size_t{16} << 20, false);
    return H5::H5File(path, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
  } catch (const H5::Exception& e) {
    throw std::runtime_error("output file " + path +
                             " cannot be created in memory: " + e.getDetailMsg());
  }
}

// Writes size bytes to a new file at path and fsyncs it; false (errno set) on any failure.
bool write_durably(const std::string& path, const char* data, std::size_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int code = errno;
      ::close(fd);
      errno = code;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int code = errno;
    ::close(fd);
    errno = code;
    return false;
  }
  return ::close(fd) == 0;
}

void describe(H5::DataSet& ds, const DatasetInfo& info) {
  if (!info.units.empty()) write_attribute(ds, "units", info.units);
  if (!info.description.empty()) write_attribute(ds, "description", info.description);
}
}  // namespace

AtomicH5File::AtomicH5File(std::string path)
    : path_(std::move(path)),
      target_(resolve_write_target(path_)),
      temporary_(temporary_name(target_)),
      file_(create_in_memory(temporary_)) {
  probe_writable(target_, path_);  // fail now, not after the file is built in memory
}

AtomicH5File::~AtomicH5File() {
  if (committed_) return;
  try {
    file_.close();
  } catch (...) {
  }
  std::error_code ignored;
  fs::remove(temporary_, ignored);  // only there when commit() failed half-way
}

void AtomicH5File::commit() {
  // Durable as well as atomic: the image reaches the disk (fsync) before the rename, and the
  // rename (the directory entry) after it, so a power loss leaves the old file or the new one.
  std::vector<char> image;
  try {
    file_.flush(H5F_SCOPE_GLOBAL);
    const ssize_t size = H5Fget_file_image(file_.getId(), nullptr, 0);
    if (size < 0) throw std::runtime_error("the HDF5 file image is not available");
    image.resize(static_cast<std::size_t>(size));
    if (H5Fget_file_image(file_.getId(), image.data(), image.size()) != size)
      throw std::runtime_error("the HDF5 file image could not be copied");
    file_.close();
  } catch (const H5::Exception& e) {
    throw std::runtime_error("output file " + path_ + " cannot be finished: " + e.getDetailMsg());
  }
  errno = 0;
  if (!write_durably(temporary_, image.data(), image.size())) {
    const std::string reason = system_reason();
    std::error_code ignored;
    fs::remove(temporary_, ignored);
    throw std::runtime_error("output file " + path_ + " cannot be written: " + reason +
                             " (the previous file, if any, is left as it was)");
  }
  std::error_code ec;
  fs::rename(temporary_, target_, ec);  // atomic within one directory (POSIX rename)
  if (ec) {
    fs::remove(temporary_, ec);
    throw std::runtime_error("output file " + path_ + " cannot be written: " + ec.message() +
                             " (the previous file is left as it was)");
  }
  committed_ = true;
  sync_directory(directory_of(target_));  // the new entry; a failure here loses nothing written
}

void AtomicH5File::remove_stale_temporaries(const std::string& path) {
  remove_stale_temporaries_of(resolve_write_target(path));
}

std::string AtomicH5File::write_target(const std::string& path) {
  return resolve_write_target(path);
}

void AtomicH5File::check_writable(const std::string& path) {
  probe_writable(resolve_write_target(path), path);
}

void write_root_attributes(H5::Group& root, const std::string& dhn_type, int P, Variant variant,
                           Convention convention) {
  write_attribute(root, "dhn_type", dhn_type);
  write_attribute(root, "schema_version", kSchemaVersion);
  write_attribute(root, "P", P);
  write_attribute(root, "variant", std::string(to_string(variant)));
  write_attribute(root, "convention", std::string(to_string(convention)));
}

H5::Group create_group(H5::Group& parent, const std::string& path, const std::string& dhn_type) {
  // Walks the prefixes "a", "a/b", ... of path, all resolved from parent, so that no H5::Group is
  // ever copy-assigned (deprecated in 1.10.8: -Wdeprecated-copy) and no file id is sliced.
  std::size_t begin = path.find_first_not_of('/');
  if (begin == std::string::npos) throw std::invalid_argument("create_group: empty path");
  for (;;) {
    const std::size_t end = path.find('/', begin);
    const std::string prefix = path.substr(0, end);
    begin = end == std::string::npos ? end : path.find_first_not_of('/', end);
    const bool leaf = begin == std::string::npos;
    if (parent.nameExists(prefix)) {
      if (leaf) throw std::runtime_error("create_group: '" + path + "' already exists");
      continue;
    }
    H5::Group group = parent.createGroup(prefix);
    write_attribute(group, "dhn_type", dhn_type);
    write_attribute(group, "schema_version", kSchemaVersion);
    if (leaf) return group;
  }
}

void check_group_type(const H5::Group& group, const std::string& expected_type) {
  const std::string found =
      group.attrExists("dhn_type") ? read_attribute_string(group, "dhn_type") : "<none>";
  const int version =
      group.attrExists("schema_version") ? read_attribute_int(group, "schema_version") : -1;
  if (found != expected_type || version != kSchemaVersion) {
    throw std::runtime_error("HDF5 group has dhn_type '" + found + "' schema_version " +
                             std::to_string(version) + "; expected '" + expected_type +
                             "' schema_version " + std::to_string(kSchemaVersion));
  }
}

void write_attribute(H5::H5Object& object, const std::string& name, int value) {
  object.createAttribute(name, H5::PredType::NATIVE_INT, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_INT, &value);
}

void write_attribute(H5::H5Object& object, const std::string& name, double value) {
  object.createAttribute(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_DOUBLE, &value);
}

void write_attribute(H5::H5Object& object, const std::string& name, const std::string& value) {
  const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

void write_attribute(H5::H5Object& object, const std::string& name, const char* value) {
  write_attribute(object, name, std::string(value));
}

void write_attribute(H5::H5Object& object, const std::string& name,
                     const std::vector<std::string>& value) {
  const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  std::vector<const char*> pointers;
  pointers.reserve(value.size());
  for (const std::string& v : value) pointers.push_back(v.c_str());
  object.createAttribute(name, type, shape({value.size()})).write(type, pointers.data());
}

namespace {
template <class T>
void write_array(H5::Group& group, const std::string& name, const std::vector<T>& data,
                 std::initializer_list<hsize_t> dims, const H5::PredType& type,
                 const DatasetInfo& info) {
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  if (n != data.size())
    throw std::logic_error("write_dataset: shape does not match data for " + name);
  H5::DataSet ds = group.createDataSet(name, type, shape(dims));
  ds.write(data.data(), type);
  describe(ds, info);
}
}  // namespace

void write_dataset(H5::Group& group, const std::string& name, const std::vector<double>& data,
                   const DatasetInfo& info) {
  write_array(group, name, data, {data.size()}, H5::PredType::NATIVE_DOUBLE, info);
}

void write_dataset(H5::Group& group, const std::string& name, const std::vector<double>& data,
                   std::size_t rows, std::size_t cols, const DatasetInfo& info) {
  write_array(group, name, data, {rows, cols}, H5::PredType::NATIVE_DOUBLE, info);
}

void write_dataset(H5::Group& group, const std::string& name, const std::vector<std::int32_t>& data,
                   std::size_t rows, std::size_t cols, const DatasetInfo& info) {
  write_array(group, name, data, {rows, cols}, H5::PredType::NATIVE_INT32, info);
}

void write_dataset(H5::Group& group, const std::string& name, const std::vector<std::int32_t>& data,
                   const DatasetInfo& info) {
  write_array(group, name, data, {data.size()}, H5::PredType::NATIVE_INT32, info);
}

namespace {
template <class T>
std::vector<T> read_array(const H5::Group& group, const std::string& name, const H5::PredType& type,
                          std::vector<hsize_t>* dims) {
  const H5::DataSet ds = group.openDataSet(name);
  const H5::DataSpace space = ds.getSpace();
  std::vector<hsize_t> d(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(d.data());
  hsize_t n = 1;
  for (hsize_t k : d) n *= k;
  std::vector<T> out(n);
  ds.read(out.data(), type);
  if (dims) *dims = d;
  return out;
}
}  // namespace

std::vector<double> read_dataset_double(const H5::Group& where, const std::string& path,
                                        std::vector<hsize_t>* dims) {
  return read_array<double>(where, path, H5::PredType::NATIVE_DOUBLE, dims);
}

std::vector<std::int32_t> read_dataset_int32(const H5::Group& where, const std::string& path,
                                             std::vector<hsize_t>* dims) {
  return read_array<std::int32_t>(where, path, H5::PredType::NATIVE_INT32, dims);
}

std::string read_attribute_string(const H5::H5Object& object, const std::string& name) {
  const H5::Attribute attr = object.openAttribute(name);
  std::string value;
  attr.read(attr.getStrType(), value);
  return value;
}

std::vector<std::string> read_attribute_strings(const H5::H5Object& object,
                                                const std::string& name) {
  const H5::Attribute attr = object.openAttribute(name);
  const H5::DataSpace space = attr.getSpace();
  const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  std::vector<char*> buffer(static_cast<std::size_t>(space.getSimpleExtentNpoints()), nullptr);
  attr.read(type, buffer.data());
  std::vector<std::string> out;
  out.reserve(buffer.size());
  for (const char* c : buffer) out.emplace_back(c != nullptr ? c : "");
  H5::DataSet::vlenReclaim(buffer.data(), type, space);  // frees what HDF5 allocated
  return out;
}

int read_attribute_int(const H5::H5Object& object, const std::string& name) {
  int value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_INT, &value);
  return value;
}

double read_attribute_double(const H5::H5Object& object, const std::string& name) {
  double value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

}  // namespace dhn::analysis

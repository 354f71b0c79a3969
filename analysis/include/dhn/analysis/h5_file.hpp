// Thin HDF5 (C++ API) helpers: an atomically committed output file, tagged groups, attributes and
// datasets with units. Single-threaded: call from one thread, never inside `omp parallel`.
#pragma once

#include <H5Cpp.h>

#include "dhn/model/model.hpp"
#include "dhn/model/units.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace dhn::analysis {

// Threading: the HDF5 C++ API is unsupported in threadsafe builds and 1.10.8 holds one global lock
// (toolchain.md section 6). Every function here must be called from a single thread, outside
// OpenMP regions; compute in parallel first, then write.

// Version of the layout in docs/hdf5-schema.md; stored as `schema_version` on every tagged group.
inline constexpr int kSchemaVersion = 1;

// Writes into "<target>.tmp.<pid>" beside the target (path, or the final target of a symlink
// path, which then survives); commit() closes it, fsyncs it, renames it onto the target and
// fsyncs the directory, so the file is replaced atomically and durably. Without commit() (an
// exception, a signal handler unwinding) the temporary is removed, so a reader never sees a
// half-written file and an existing file is never clobbered half-way. An empty path or a target
// that is not a regular file (a directory, a device such as /dev/null, a pipe) is refused.
// Failures throw std::runtime_error naming the file and the system's reason (e.g. "No space
// left on device").
class AtomicH5File {
 public:
  explicit AtomicH5File(std::string path);
  ~AtomicH5File();
  AtomicH5File(const AtomicH5File&) = delete;
  AtomicH5File& operator=(const AtomicH5File&) = delete;

  H5::H5File& file() { return file_; }
  void commit();

  // Throws std::runtime_error("... cannot be written ...") when a file cannot be created in the
  // target's directory or the target is refused as above; leaves nothing behind. Lets programs
  // fail before a long computation.
  static void check_writable(const std::string& path);
  // The file a write to path lands on (symlinks followed to their final target, which need not
  // exist); throws std::runtime_error as the constructor for a refused path.
  static std::string write_target(const std::string& path);
  // Removes the temporaries of path's target left by processes that no longer exist (a kill -9
  // mid-write); programs call it at their start, once they hold the output's lock.
  static void remove_stale_temporaries(const std::string& path);

 private:
  std::string path_;
  std::string target_;
  std::string temporary_;
  H5::H5File file_;
  bool committed_ = false;
};

// Creates the group at `path` (relative to parent, "a/b/c" allowed; an H5File is a Group) and
// every missing parent, tagging each group it creates with dhn_type and schema_version. Groups
// that already exist are reused untouched; the leaf itself must not exist yet.
H5::Group create_group(H5::Group& parent, const std::string& path, const std::string& dhn_type);
// Throws std::runtime_error naming the found tag when dhn_type or schema_version differ.
void check_group_type(const H5::Group& group, const std::string& expected_type);
// The root attributes every results file opens with, in this order: dhn_type, schema_version,
// P, variant and convention (the units of the file's alpha, T and energies); the writer then
// adds its own and the provenance (provenance.hpp).
void write_root_attributes(H5::Group& root, const std::string& dhn_type, int P, Variant variant,
                           Convention convention);

void write_attribute(H5::H5Object& object, const std::string& name, int value);
void write_attribute(H5::H5Object& object, const std::string& name, double value);
void write_attribute(H5::H5Object& object, const std::string& name, const std::string& value);
void write_attribute(H5::H5Object& object, const std::string& name, const char* value);
// 1-D array of variable-length strings (h5py reads it as an array of str).
void write_attribute(H5::H5Object& object, const std::string& name,
                     const std::vector<std::string>& value);

struct DatasetInfo {
  std::string units;        // e.g. "convention B", "1" for dimensionless; omitted when empty
  std::string description;  // omitted when empty
};

// 1-D (shape {n}) or row-major 2-D (shape {rows, cols}) datasets.
void write_dataset(H5::Group& group, const std::string& name, const std::vector<double>& data,
                   const DatasetInfo& info = {});
void write_dataset(H5::Group& group, const std::string& name, const std::vector<double>& data,
                   std::size_t rows, std::size_t cols, const DatasetInfo& info = {});
void write_dataset(H5::Group& group, const std::string& name, const std::vector<std::int32_t>& data,
                   std::size_t rows, std::size_t cols, const DatasetInfo& info = {});
void write_dataset(H5::Group& group, const std::string& name, const std::vector<std::int32_t>& data,
                   const DatasetInfo& info = {});

// Readers. `path` is relative to `where` or absolute ("/rs/lines/T_M"); pass the H5File to read
// from the root. `dims` (optional) receives the shape; data come back flat, row-major.
std::vector<double> read_dataset_double(const H5::Group& where, const std::string& path,
                                        std::vector<hsize_t>* dims = nullptr);
std::vector<std::int32_t> read_dataset_int32(const H5::Group& where, const std::string& path,
                                             std::vector<hsize_t>* dims = nullptr);
std::string read_attribute_string(const H5::H5Object& object, const std::string& name);
std::vector<std::string> read_attribute_strings(const H5::H5Object& object,
                                                const std::string& name);
int read_attribute_int(const H5::H5Object& object, const std::string& name);
double read_attribute_double(const H5::H5Object& object, const std::string& name);

}  // namespace dhn::analysis

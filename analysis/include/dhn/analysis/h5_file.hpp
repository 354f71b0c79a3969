// Thin HDF5 (C++ API) helpers: an atomically committed output file, tagged groups, attributes and
// datasets with units. HDF5 is not thread-safe through the C++ API: call these from one thread.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dhn::analysis {

inline constexpr int kSchemaVersion = 1;

// Writes into "<path>.tmp.<pid>" in the same directory; commit() closes it and renames it onto
// <path>. Without commit() (an exception, a signal handler unwinding) the temporary is removed,
// so a reader never sees a half-written file and an existing <path> is never clobbered half-way.
class AtomicH5File {
 public:
  explicit AtomicH5File(std::string path);
  ~AtomicH5File();
  AtomicH5File(const AtomicH5File&) = delete;
  AtomicH5File& operator=(const AtomicH5File&) = delete;

  H5::H5File& file() { return file_; }
  void commit();

  // Throws std::runtime_error("... cannot be written ...") when a file cannot be created in
  // path's directory; leaves nothing behind. Lets programs fail before a long computation.
  static void check_writable(const std::string& path);

 private:
  std::string path_;
  std::string temporary_;
  H5::H5File file_;
  bool committed_ = false;
};

// Creates the group (and missing parents) tagged with dhn_type and schema_version.
H5::Group create_group(H5::Group& parent, const std::string& name, const std::string& dhn_type);
// Throws std::runtime_error naming the found tag when dhn_type or schema_version differ.
void check_group_type(const H5::Group& group, const std::string& expected_type);

void write_attribute(H5::H5Object& object, const std::string& name, int value);
void write_attribute(H5::H5Object& object, const std::string& name, double value);
void write_attribute(H5::H5Object& object, const std::string& name, const std::string& value);
void write_attribute(H5::H5Object& object, const std::string& name, const char* value);

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

std::vector<double> read_doubles(const H5::Group& group, const std::string& name,
                                 std::vector<hsize_t>* dims = nullptr);
std::vector<std::int32_t> read_ints(const H5::Group& group, const std::string& name,
                                    std::vector<hsize_t>* dims = nullptr);
std::string read_string_attribute(const H5::H5Object& object, const std::string& name);
int read_int_attribute(const H5::H5Object& object, const std::string& name);
double read_double_attribute(const H5::H5Object& object, const std::string& name);

}  // namespace dhn::analysis

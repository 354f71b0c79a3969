// N-dimensional typed HDF5 datasets (double, int64, int32, int8) and 64-bit integer attributes,
// next to h5_file.hpp's 1-D and 2-D helpers. Single-threaded, like everything in h5_file.hpp.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {

// Row-major data of shape dims (product of dims = data.size(), else std::logic_error). A zero
// extent is allowed (an empty dataset of that shape).
void write_array(H5::Group& group, const std::string& name, const std::vector<double>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info = {});
void write_array(H5::Group& group, const std::string& name, const std::vector<std::int64_t>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info = {});
void write_array(H5::Group& group, const std::string& name, const std::vector<std::int32_t>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info = {});
void write_array(H5::Group& group, const std::string& name, const std::vector<std::int8_t>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info = {});

// Readers that also check the shape: std::runtime_error naming the dataset, the shape found and
// the shape expected when they differ.
std::vector<double> read_array_double(const H5::Group& where, const std::string& path,
                                      const std::vector<hsize_t>& dims);
std::vector<std::int64_t> read_array_int64(const H5::Group& where, const std::string& path,
                                           const std::vector<hsize_t>& dims);
std::vector<std::int32_t> read_array_int32(const H5::Group& where, const std::string& path,
                                           const std::vector<hsize_t>& dims);
std::vector<std::int8_t> read_array_int8(const H5::Group& where, const std::string& path,
                                         const std::vector<hsize_t>& dims);

void write_attribute_int64(H5::H5Object& object, const std::string& name, std::int64_t value);
void write_attribute_uint64(H5::H5Object& object, const std::string& name, std::uint64_t value);
std::int64_t read_attribute_int64(const H5::H5Object& object, const std::string& name);
std::uint64_t read_attribute_uint64(const H5::H5Object& object, const std::string& name);

}  // namespace dhn::analysis

// N-dimensional typed datasets with shape-checked readers, and 64-bit integer attributes.
#include "dhn/analysis/h5_arrays.hpp"

#include <stdexcept>

namespace dhn::analysis {

namespace {
std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string out = "(";
  for (std::size_t k = 0; k < dims.size(); ++k) {
    if (k > 0) out.append(", ");
    out.append(std::to_string(dims[k]));
  }
  out.push_back(')');
  return out;
}

template <class T>
void write_nd(H5::Group& group, const std::string& name, const std::vector<T>& data,
              const std::vector<hsize_t>& dims, const H5::PredType& type, const DatasetInfo& info) {
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  if (n != data.size()) {
    throw std::logic_error("write_array: shape " + shape_text(dims) + " does not match " +
                           std::to_string(data.size()) + " values for " + name);
  }
  const H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  H5::DataSet ds = group.createDataSet(name, type, space);
  if (n > 0) ds.write(data.data(), type);
  if (!info.units.empty()) write_attribute(ds, "units", info.units);
  if (!info.description.empty()) write_attribute(ds, "description", info.description);
}

template <class T>
std::vector<T> read_nd(const H5::Group& where, const std::string& path, const H5::PredType& type,
                       const std::vector<hsize_t>& expected) {
  const H5::DataSet ds = where.openDataSet(path);
  const H5::DataSpace space = ds.getSpace();
  std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(dims.data());
  if (dims != expected) {
    throw std::runtime_error("dataset " + path + " has shape " + shape_text(dims) + ", expected " +
                             shape_text(expected));
  }
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  std::vector<T> out(n);
  if (n > 0) ds.read(out.data(), type);
  return out;
}
}  // namespace

void write_array(H5::Group& group, const std::string& name, const std::vector<double>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info) {
  write_nd(group, name, data, dims, H5::PredType::NATIVE_DOUBLE, info);
}
void write_array(H5::Group& group, const std::string& name, const std::vector<std::int64_t>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info) {
  write_nd(group, name, data, dims, H5::PredType::NATIVE_INT64, info);
}
void write_array(H5::Group& group, const std::string& name, const std::vector<std::int32_t>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info) {
  write_nd(group, name, data, dims, H5::PredType::NATIVE_INT32, info);
}
void write_array(H5::Group& group, const std::string& name, const std::vector<std::int8_t>& data,
                 const std::vector<hsize_t>& dims, const DatasetInfo& info) {
  write_nd(group, name, data, dims, H5::PredType::NATIVE_INT8, info);
}

std::vector<double> read_array_double(const H5::Group& where, const std::string& path,
                                      const std::vector<hsize_t>& dims) {
  return read_nd<double>(where, path, H5::PredType::NATIVE_DOUBLE, dims);
}
std::vector<std::int64_t> read_array_int64(const H5::Group& where, const std::string& path,
                                           const std::vector<hsize_t>& dims) {
  return read_nd<std::int64_t>(where, path, H5::PredType::NATIVE_INT64, dims);
}
std::vector<std::int32_t> read_array_int32(const H5::Group& where, const std::string& path,
                                           const std::vector<hsize_t>& dims) {
  return read_nd<std::int32_t>(where, path, H5::PredType::NATIVE_INT32, dims);
}
std::vector<std::int8_t> read_array_int8(const H5::Group& where, const std::string& path,
                                         const std::vector<hsize_t>& dims) {
  return read_nd<std::int8_t>(where, path, H5::PredType::NATIVE_INT8, dims);
}

void write_attribute_int64(H5::H5Object& object, const std::string& name, std::int64_t value) {
  object.createAttribute(name, H5::PredType::NATIVE_INT64, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_INT64, &value);
}
void write_attribute_uint64(H5::H5Object& object, const std::string& name, std::uint64_t value) {
  object.createAttribute(name, H5::PredType::NATIVE_UINT64, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_UINT64, &value);
}
std::int64_t read_attribute_int64(const H5::H5Object& object, const std::string& name) {
  std::int64_t value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_INT64, &value);
  return value;
}
std::uint64_t read_attribute_uint64(const H5::H5Object& object, const std::string& name) {
  std::uint64_t value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_UINT64, &value);
  return value;
}

}  // namespace dhn::analysis

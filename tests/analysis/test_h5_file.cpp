// HDF5 helpers: every attribute and dataset type round-trips through one file, atomic commit,
// no leftovers on failure, group tags are checked.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "dhn/analysis/h5_file.hpp"

namespace fs = std::filesystem;
using namespace dhn::analysis;

namespace {
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("dhn_test_h5_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}
bool has_leftovers(const fs::path& path) {
  for (const auto& entry : fs::directory_iterator(path.parent_path())) {
    if (entry.path().filename().string().rfind(path.filename().string() + ".", 0) == 0) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("attributes and datasets round-trip through an atomic HDF5 file", "[analysis]") {
  const fs::path path = scratch("roundtrip.h5");
  const std::vector<double> vector{0.0, -1.5, NAN, 1e-300};
  const std::vector<double> matrix{1, 2, 3, 4, 5, 6};
  const std::vector<std::int32_t> codes{0, 1, 2, 3, 2, 1};
  {
    AtomicH5File out(path.string());
    H5::Group root = out.file().openGroup("/");
    write_attribute(root, "P", 4);
    write_attribute(root, "alpha", 0.0123);
    write_attribute(root, "variant", std::string("distinct"));
    H5::Group g = create_group(root, "grid", "grid");
    write_dataset(g, "vector", vector, {"convention B", "a vector"});
    write_dataset(g, "matrix", matrix, 2, 3);
    write_dataset(g, "codes", codes, 3, 2);
    CHECK_FALSE(fs::exists(path));  // nothing visible before commit
    out.commit();
  }
  REQUIRE(fs::exists(path));
  CHECK_FALSE(has_leftovers(path));
  H5::H5File in(path.string(), H5F_ACC_RDONLY);
  H5::Group root = in.openGroup("/");
  CHECK(read_int_attribute(root, "P") == 4);
  CHECK(read_double_attribute(root, "alpha") == 0.0123);
  CHECK(read_string_attribute(root, "variant") == "distinct");
  H5::Group g = in.openGroup("grid");
  CHECK_NOTHROW(check_group_type(g, "grid"));
  CHECK_THROWS_WITH(check_group_type(g, "rs_lines"), Catch::Contains("'grid'"));
  std::vector<hsize_t> dims;
  const std::vector<double> v = read_doubles(g, "vector", &dims);
  REQUIRE(dims == std::vector<hsize_t>{4});
  CHECK(v[1] == -1.5);
  CHECK(std::isnan(v[2]));
  CHECK(v[3] == 1e-300);
  CHECK(read_string_attribute(g.openDataSet("vector"), "units") == "convention B");
  CHECK(read_doubles(g, "matrix", &dims) == matrix);
  CHECK(dims == std::vector<hsize_t>{2, 3});
  CHECK(read_ints(g, "codes", &dims) == codes);
  CHECK(dims == std::vector<hsize_t>{3, 2});
}

TEST_CASE("a failure before commit leaves neither the file nor a temporary", "[analysis]") {
  const fs::path path = scratch("aborted.h5");
  try {
    AtomicH5File out(path.string());
    H5::Group root = out.file().openGroup("/");
    write_attribute(root, "P", 4);
    throw std::runtime_error("simulated failure");
  } catch (const std::runtime_error&) {
  }
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(has_leftovers(path));
}

TEST_CASE("an existing file survives an aborted rewrite", "[analysis]") {
  const fs::path path = scratch("kept.h5");
  {
    AtomicH5File out(path.string());
    write_attribute(out.file(), "generation", 1);
    out.commit();
  }
  {
    AtomicH5File out(path.string());
    write_attribute(out.file(), "generation", 2);
  }  // no commit
  H5::H5File in(path.string(), H5F_ACC_RDONLY);
  CHECK(read_int_attribute(in, "generation") == 1);
}

TEST_CASE("unwritable locations are reported with the path", "[analysis]") {
  CHECK_THROWS_WITH(AtomicH5File::check_writable("/nonexistent-dir/x.h5"),
                    Catch::Contains("/nonexistent-dir/x.h5"));
  CHECK_THROWS_WITH(AtomicH5File("/nonexistent-dir/x.h5"), Catch::Contains("cannot be written"));
  CHECK_NOTHROW(AtomicH5File::check_writable(scratch("ok.h5").string()));
  CHECK_FALSE(has_leftovers(scratch("ok.h5")));
}

// HDF5 helpers: every attribute and dataset type round-trips through one helper, atomic commit,
// no leftovers on failure, group tags are checked, and the phase-diagram layout reads back.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/phase_diagram_io.hpp"

namespace fs = std::filesystem;
using namespace dhn::analysis;

// HDF5's exceptions do not derive from std::exception; show their text instead of "Unknown".
CATCH_TRANSLATE_EXCEPTION(const H5::Exception& e) {
  return e.getFuncName() + ": " + e.getDetailMsg();
}

namespace {
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("dhn_test_h5_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// True when something named "<file>.<anything>" (a temporary or probe) is left next to path.
bool has_leftovers(const fs::path& path) {
  for (const auto& entry : fs::directory_iterator(path.parent_path())) {
    if (entry.path().filename().string().rfind(path.filename().string() + ".", 0) == 0) return true;
  }
  return false;
}

// Writes through an AtomicH5File, commits, checks the commit left no temporary, reopens read-only.
H5::H5File round_trip(const std::string& name, const std::function<void(H5::H5File&)>& write) {
  const fs::path path = scratch(name);
  {
    AtomicH5File out(path.string());
    write(out.file());
    CHECK_FALSE(fs::exists(path));  // nothing visible before commit
    out.commit();
  }
  REQUIRE(fs::exists(path));
  CHECK_FALSE(has_leftovers(path));
  return H5::H5File(path.string(), H5F_ACC_RDONLY);
}

dhn::theory::GridField field(std::size_t na, std::size_t nt, std::vector<double> values) {
  dhn::theory::GridField g;  // filled member by member from the given values
  g.n_alpha = na;
  g.n_T = nt;
  g.values = std::move(values);
  return g;
}
}  // namespace

TEST_CASE("every attribute type round-trips", "[analysis]") {
  const std::vector<std::string> names{"paramagnet", "", "spin glass"};
  H5::H5File in = round_trip("attributes.h5", [&](H5::H5File& f) {
    write_attribute(f, "P", 4);
    write_attribute(f, "alpha", 0.0123);
    write_attribute(f, "variant", std::string("distinct"));
    write_attribute(f, "levels", "rs");
    write_attribute(f, "names", names);
  });
  CHECK(read_attribute_int(in, "P") == 4);
  CHECK(read_attribute_double(in, "alpha") == 0.0123);
  CHECK(read_attribute_string(in, "variant") == "distinct");
  CHECK(read_attribute_string(in, "levels") == "rs");
  CHECK(read_attribute_strings(in, "names") == names);
}

TEST_CASE("every dataset type and shape round-trips with units and description", "[analysis]") {
  const std::vector<double> vector{0.0, -1.5, NAN, 1e-300};
  const std::vector<double> matrix{1, 2, 3, 4, 5, 6};
  const std::vector<std::int32_t> codes{0, 1, 2, 3, 2, 1};
  const std::vector<std::int32_t> status{3, 0, -7};
  H5::H5File in = round_trip("datasets.h5", [&](H5::H5File& f) {
    H5::Group g = create_group(f, "grid", "grid");
    write_dataset(g, "vector", vector, {"convention B", "a vector"});
    write_dataset(g, "matrix", matrix, 2, 3);
    write_dataset(g, "codes", codes, 3, 2, {"1", ""});
    write_dataset(g, "status", status);
    CHECK_THROWS_AS(write_dataset(g, "bad", matrix, 4, 2), std::logic_error);
  });
  std::vector<hsize_t> dims;
  const std::vector<double> v = read_dataset_double(in, "/grid/vector", &dims);
  REQUIRE(dims == std::vector<hsize_t>{4});
  CHECK(v[1] == -1.5);
  CHECK(std::isnan(v[2]));
  CHECK(v[3] == 1e-300);
  const H5::DataSet ds = in.openDataSet("grid/vector");
  CHECK(read_attribute_string(ds, "units") == "convention B");
  CHECK(read_attribute_string(ds, "description") == "a vector");
  CHECK(read_dataset_double(in, "grid/matrix", &dims) == matrix);
  CHECK(dims == std::vector<hsize_t>{2, 3});
  CHECK_FALSE(in.openDataSet("grid/matrix").attrExists("units"));  // empty info: no attributes
  CHECK(read_dataset_int32(in.openGroup("grid"), "codes", &dims) == codes);
  CHECK(dims == std::vector<hsize_t>{3, 2});
  CHECK(in.openDataSet("grid/codes").attrExists("units"));
  CHECK_FALSE(in.openDataSet("grid/codes").attrExists("description"));
  CHECK(read_dataset_int32(in, "grid/status", &dims) == status);
  CHECK(dims == std::vector<hsize_t>{3});
  CHECK_FALSE(in.nameExists("grid/bad"));
}

TEST_CASE("nested groups are created and tagged, and check_group_type rejects mismatches",
          "[analysis]") {
  H5::H5File in = round_trip("groups.h5", [](H5::H5File& f) {
    create_group(f, "rs/lines", "rs_lines");
    create_group(f, "/rs/capacity", "rs_capacity");  // parent exists: reused, not re-tagged
    H5::Group untagged = f.createGroup("untagged");
    H5::Group old = f.createGroup("old");
    write_attribute(old, "dhn_type", "rs_lines");
    write_attribute(old, "schema_version", kSchemaVersion + 1);
    CHECK_THROWS_WITH(create_group(f, "rs/lines", "rs_lines"), Catch::Contains("already exists"));
  });
  CHECK_NOTHROW(check_group_type(in.openGroup("rs"), "rs_lines"));
  CHECK_NOTHROW(check_group_type(in.openGroup("rs/lines"), "rs_lines"));
  CHECK_NOTHROW(check_group_type(in.openGroup("rs/capacity"), "rs_capacity"));
  CHECK_THROWS_WITH(check_group_type(in.openGroup("rs/lines"), "grid"),
                    Catch::Contains("'rs_lines'") && Catch::Contains("schema_version 1"));
  CHECK_THROWS_WITH(check_group_type(in.openGroup("untagged"), "grid"), Catch::Contains("<none>"));
  CHECK_THROWS_WITH(check_group_type(in.openGroup("old"), "rs_lines"),
                    Catch::Contains("schema_version 2"));
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
  CHECK(read_attribute_int(in, "generation") == 1);
  CHECK_FALSE(has_leftovers(path));
}

TEST_CASE("unwritable locations are reported with the path", "[analysis]") {
  CHECK_THROWS_WITH(
      AtomicH5File::check_writable("/nonexistent-dir/x.h5"),
      Catch::Contains("/nonexistent-dir/x.h5") && Catch::Contains("cannot be written"));
  CHECK_THROWS_WITH(
      AtomicH5File("/nonexistent-dir/x.h5"),
      Catch::Contains("/nonexistent-dir/x.h5") && Catch::Contains("cannot be written"));
  const fs::path dir = scratch("a_directory.h5");
  fs::create_directories(dir);
  CHECK_THROWS_WITH(AtomicH5File::check_writable(dir.string()), Catch::Contains("directory"));
  CHECK_NOTHROW(AtomicH5File::check_writable(scratch("ok.h5").string()));
  CHECK_FALSE(fs::exists(scratch("ok.h5")));
  CHECK_FALSE(has_leftovers(scratch("ok.h5")));
}

TEST_CASE("the RS phase-diagram layout reads back through the generic readers", "[analysis]") {
  const std::size_t na = 2, nt = 3;
  const double nan = NAN;
  dhn::theory::RsPhaseDiagram pd;
  pd.model.P = 3;  // P! = 6: alpha, T and f are multiplied by 6 in convention G
  pd.model.variant = dhn::Variant::full;
  pd.alpha = {0.01, 0.02};
  pd.T = {0.1, 0.2, 0.3};
  auto& g = pd.grid;
  g.retrieval_m = field(na, nt, {0.9, 0.8, nan, 0.7, nan, nan});
  g.retrieval_q = field(na, nt, {0.95, 0.85, nan, 0.75, nan, nan});
  g.retrieval_f = field(na, nt, {-1, -2, nan, -3, nan, nan});
  g.retrieval_residual = field(na, nt, {1e-12, 1e-11, nan, 1e-10, nan, nan});
  g.glass_q = field(na, nt, {0.5, nan, nan, 0.4, 0.3, nan});
  g.glass_f = field(na, nt, {-0.5, nan, nan, -0.4, -0.3, nan});
  g.paramagnet_f = field(na, nt, {-0.1, -0.2, -0.3, -0.4, -0.5, -0.6});
  g.phase = {3, 2, 0, 3, 1, 0};
  auto& l = pd.lines;
  l.T_M = {0.25, nan};
  l.m_M = {0.6, nan};
  l.T_c = {0.15, nan};
  l.T_glass_spinodal = {0.05, 0.06};
  l.T_glass = {nan, nan};
  l.T_entropy_zero = {0.01, 0.02};
  l.T_M_status = {0, 1};
  l.T_c_status = {0, 3};
  l.T_glass_status = {1, 2};
  pd.capacity = {0.03, 0.97, 0.015, 0.99};
  const Provenance prov{"0.1.0", "v0-test", "phase-diagram --p 3", "2026-01-01T00:00:00Z", 4};

  const fs::path path = scratch("pd.h5");
  write_rs_phase_diagram(path.string(), pd, prov, dhn::Convention::G);
  REQUIRE(fs::exists(path));
  CHECK_FALSE(has_leftovers(path));
  H5::H5File in(path.string(), H5F_ACC_RDONLY);
  CHECK_NOTHROW(check_group_type(in, "phase_diagram"));
  CHECK(read_attribute_int(in, "P") == 3);
  CHECK(read_attribute_string(in, "variant") == "full");
  CHECK(read_attribute_string(in, "convention") == "G");
  CHECK(read_attribute_string(in, "levels") == "rs");
  CHECK(read_attribute_string(in, "git_describe") == "v0-test");
  CHECK(read_attribute_string(in, "command_line") == "phase-diagram --p 3");
  CHECK(read_attribute_int(in, "threads") == 4);
  for (const auto& [group, type] :
       std::vector<std::pair<std::string, std::string>>{{"grid", "grid"},
                                                        {"rs/retrieval", "rs_solutions"},
                                                        {"rs/glass", "rs_solutions"},
                                                        {"rs/paramagnet", "rs_solutions"},
                                                        {"rs/lines", "rs_lines"},
                                                        {"rs/capacity", "rs_capacity"}}) {
    INFO(group);
    CHECK_NOTHROW(check_group_type(in.openGroup(group), type));
  }
  std::vector<hsize_t> dims;
  const auto alpha = read_dataset_double(in, "/grid/alpha", &dims);
  CHECK(dims == std::vector<hsize_t>{na});
  CHECK(alpha[1] == Approx(0.12));
  CHECK(read_attribute_string(in.openDataSet("grid/T"), "units") == "convention G");
  const auto T = read_dataset_double(in, "/grid/T");
  CHECK(T[2] == Approx(1.8));
  const auto m = read_dataset_double(in, "/rs/retrieval/m", &dims);
  CHECK(dims == std::vector<hsize_t>{na, nt});
  CHECK(m[1] == 0.8);  // dimensionless: not converted
  CHECK(std::isnan(m[2]));
  CHECK(read_dataset_double(in, "/rs/retrieval/f")[3] == Approx(-18.0));
  CHECK(read_dataset_double(in, "/rs/paramagnet/f")[5] == Approx(-3.6));
  CHECK(read_dataset_double(in, "/rs/glass/q")[4] == 0.3);
  CHECK(read_dataset_int32(in, "/rs/phase", &dims) == g.phase);
  CHECK(dims == std::vector<hsize_t>{na, nt});
  CHECK(read_attribute_string(in.openDataSet("rs/phase"), "code_1") == "spin_glass");
  CHECK(read_attribute_string(in.openDataSet("rs/phase"), "code_3") == "retrieval");
  CHECK(read_dataset_double(in, "/rs/lines/T_M")[0] == Approx(1.5));
  CHECK(read_dataset_double(in, "/rs/lines/m_M")[0] == 0.6);
  CHECK(read_dataset_int32(in, "/rs/lines/T_c_status") == l.T_c_status);
  CHECK(read_attribute_string(in.openDataSet("rs/lines/T_glass_status"), "code_3") ==
        "step_too_small");
  const H5::Group capacity = in.openGroup("rs/capacity");
  CHECK(read_attribute_double(capacity, "alpha_spinodal") == Approx(0.18));
  CHECK(read_attribute_double(capacity, "m_global") == 0.99);
}

TEST_CASE("a phase diagram with inconsistent shapes leaves no file", "[analysis]") {
  dhn::theory::RsPhaseDiagram pd;
  pd.alpha = {0.01, 0.02};
  pd.T = {0.1};
  pd.grid.retrieval_m = field(2, 1, {0.9});  // one value short
  const fs::path path = scratch("broken.h5");
  CHECK_THROWS_AS(write_rs_phase_diagram(path.string(), pd, Provenance{}, dhn::Convention::B),
                  std::logic_error);
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(has_leftovers(path));
}

// Reading the status of a Monte Carlo file (mc_status.hpp) from its attributes alone.
#include "dhn/analysis/mc_status.hpp"

#include <filesystem>
#include <stdexcept>

#include "dhn/analysis/h5_arrays.hpp"
#include "dhn/analysis/h5_file.hpp"

namespace dhn::analysis {

namespace mc = dhn::montecarlo;

namespace {
std::string string_or_empty(const H5::Group& root, const std::string& name) {
  return root.attrExists(name) ? read_attribute_string(root, name) : std::string();
}
}  // namespace

McStatus read_mc_status(const std::string& path) {
  try {
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error("no such file");
    H5::Exception::dontPrint();
    if (!H5::H5File::isHdf5(path)) throw std::runtime_error("it is not an HDF5 file");
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group root = file.openGroup("/");
    const std::string type = string_or_empty(root, "dhn_type");
    McStatus status;
    if (type == "mc_checkpoint") {
      check_group_type(root, "mc_checkpoint");
      const H5::Group parameters = file.openGroup("parameters");
      status.kind = McStatus::Kind::checkpoint;
      status.parameters = read_mc_parameters(parameters);
      status.info = read_mc_info(file.openGroup("meta"), parameters);
      status.sweep = read_attribute_int64(file.openGroup("state"), "sweep");
    } else {
      check_group_type(root, "mc");  // refuses other types, naming the one found
      const H5::Group top = file.openGroup("mc");
      const H5::Group parameters = top.openGroup("parameters");
      status.parameters = read_mc_parameters(parameters);
      status.info = read_mc_info(top.openGroup("meta"), parameters);
      status.info.save_patterns = top.nameExists("patterns");
      status.kind = mc::slice(status.parameters) ? McStatus::Kind::part : McStatus::Kind::results;
      status.sweep = mc::total_sweeps(status.parameters);  // results are written at the end
    }
    mc::validate(status.parameters);
    status.provenance.suite_version = string_or_empty(root, "suite_version");
    status.provenance.git_describe = string_or_empty(root, "git_describe");
    status.provenance.command_line = string_or_empty(root, "command_line");
    status.provenance.created_utc = string_or_empty(root, "created_utc");
    if (root.attrExists("threads")) status.provenance.threads = read_attribute_int(root, "threads");
    return status;
  } catch (const H5::Exception& e) {
    throw std::invalid_argument(
        path + " cannot be read as an mc results file or checkpoint: " + e.getDetailMsg());
  } catch (const std::exception& e) {
    throw std::invalid_argument(path +
                                " cannot be read as an mc results file or checkpoint: " + e.what());
  }
}

}  // namespace dhn::analysis

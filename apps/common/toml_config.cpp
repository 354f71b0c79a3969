#include "toml_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace dhn::cli {
namespace {

std::string scalar_text(const toml::node& node, const std::string& key) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, f->get());
    return std::string(buffer, result.ptr);
  }
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  throw CLI::ConfigError("config key '" + key +
                         "': accepted a string, number, boolean or array of them");
}

}  // namespace

std::vector<CLI::ConfigItem> TomlConfig::from_config(std::istream& input) const {
  std::stringstream buffer;
  buffer << input.rdbuf();
  toml::table table;
  try {
    table = toml::parse(buffer.str());
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << e.source().begin;
    throw CLI::ConfigError("config file is not valid TOML: " + std::string(e.description()) +
                           " at " + where.str());
  }
  std::vector<CLI::ConfigItem> result;
  for (const auto& [key, node] : table) {
    std::string name(key.str());
    std::replace(name.begin(), name.end(), '_', '-');
    if (app_ != nullptr && app_->get_option_no_throw("--" + name) == nullptr) {
      std::string valid, file;
      for (const CLI::Option* option : app_->get_options()) {
        const std::string long_name = option->get_single_name();
        if (option->get_lnames().empty() || long_name == "help" || long_name == "config") continue;
        valid += (valid.empty() ? "" : ", ") + long_name;
      }
      if (const CLI::Option* config = app_->get_option_no_throw("--config");
          config != nullptr && config->count() > 0)
        file = config->as<std::string>() + ": ";
      throw CLI::ConfigError("config file " + file + "unknown key '" + std::string(key.str()) +
                             "' (valid keys: " + valid + ")");
    }
    CLI::ConfigItem item;
    item.name = name;
    if (const auto* array = node.as_array()) {
      std::string joined;
      for (const toml::node& element : *array) {
        if (!joined.empty()) joined.push_back(',');
        joined.append(scalar_text(element, name));
      }
      item.inputs.push_back(joined);
    } else if (node.is_table()) {
      throw CLI::ConfigError("config table [" + name + "]: only top-level keys are accepted");
    } else {
      item.inputs.push_back(scalar_text(node, name));
    }
    result.push_back(std::move(item));
  }
  return result;
}

}  // namespace dhn::cli

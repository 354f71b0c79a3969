// TOML configuration files for CLI11 programs, parsed by toml++: each top-level key names a long
// option (`swap-every = 4` or `swap_every = 4` for --swap-every); command-line flags win over
// the file; unknown keys, tables and malformed TOML are CLI11 ConfigErrors (exit 2).
#pragma once

#include <CLI/CLI.hpp>

#include <istream>
#include <string>
#include <vector>

namespace dhn::cli {

// Values become option text: strings as they are, integers in decimal, floats in their shortest
// round-trip form, booleans as true/false, arrays joined by commas (so `temps = [0.1, 0.2]`
// gives --temps 0.1,0.2). Install with app.config_formatter(std::make_shared<TomlConfig>()).
// With the program's App (which must outlive the formatter), an unknown key is refused naming
// the config file, the key and the valid keys (CLI11 alone says "INI was not able to parse").
class TomlConfig : public CLI::ConfigTOML {
 public:
  TomlConfig() = default;
  explicit TomlConfig(const CLI::App* app) : app_(app) {}
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;

 private:
  const CLI::App* app_ = nullptr;
};

}  // namespace dhn::cli

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
class TomlConfig : public CLI::ConfigTOML {
 public:
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

}  // namespace dhn::cli

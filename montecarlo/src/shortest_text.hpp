// montecarlo/src's name for dhn::shortest_text (model/shortest_text.hpp).
#pragma once

#include "dhn/model/shortest_text.hpp"

namespace dhn::montecarlo {
using dhn::shortest_text;
}  // namespace dhn::montecarlo

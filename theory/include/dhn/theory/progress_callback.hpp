// The progress callback of long theory computations: theory/ prints nothing, so the app's
// callback turns (work done, total) into progress on stderr.
#pragma once

#include <cstddef>
#include <functional>

namespace dhn::theory {

// Progress callback: (work units done, total). Called from one thread at a time.
using ProgressCallback = std::function<void(std::size_t, std::size_t)>;

}  // namespace dhn::theory

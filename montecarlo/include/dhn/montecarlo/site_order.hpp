// The order in which a sweep visits the sites (dynamics.hpp); C++17, shared with the GPU backend.
#pragma once

namespace dhn::montecarlo {

enum class SiteOrder {
  sequential,  // step t of a sweep visits site t
  random,      // step t visits a uniform site drawn from the step's Philox block
};

}  // namespace dhn::montecarlo

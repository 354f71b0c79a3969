// One disorder sample of the dense Hebbian network: the model (P, variant, alpha), N, its K
// patterns and the flip arithmetic. Replicas refer to it; it does not change during a run.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "dhn/model/model.hpp"
#include "dhn/montecarlo/flip_arithmetic.hpp"
#include "dhn/montecarlo/patterns.hpp"
#include "dhn/montecarlo/row_moments.hpp"

namespace dhn::montecarlo {

class Network {
 public:
  // K = round(alpha N^(P-1)) patterns drawn for (seed, sample) (convention B).
  Network(const Model& model, int N, std::uint64_t seed, std::uint64_t sample);
  // K given directly; model().alpha is set to K / N^(P-1).
  Network(int P, Variant variant, int N, std::int64_t K, std::uint64_t seed, std::uint64_t sample);
  // Explicit patterns (e.g. for tests).
  Network(int P, Variant variant, Patterns patterns);

  const Model& model() const { return model_; }
  int N() const { return patterns_.N(); }
  std::int64_t K() const { return patterns_.K(); }
  const Patterns& patterns() const { return patterns_; }
  const FlipArithmetic& arithmetic() const { return arithmetic_; }
  // The row moments of the patterns (row_moments.hpp), for the polynomial kernel's lowest power
  // sum: built on the first call (thread-safe; copies share them), so that the table kernel and
  // the GPU, which never read them, do not pay the O(N^2 K / 64) popcounts and N^2 int64.
  const RowMoments& row_moments() const;
  // H = U / energy_denominator(): N^(P-1) (distinct) or P! N^(P-1) (full), physics.md section 1.
  double energy_denominator() const { return denominator_; }

 private:
  Model model_;
  Patterns patterns_;
  FlipArithmetic arithmetic_;
  struct LazyRowMoments {
    std::once_flag once;
    std::optional<RowMoments> value;
  };
  std::shared_ptr<LazyRowMoments> row_moments_ = std::make_shared<LazyRowMoments>();
  double denominator_;
};

}  // namespace dhn::montecarlo

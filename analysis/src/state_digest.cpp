#include "dhn/analysis/state_digest.hpp"

#include <cstring>
#include <vector>

namespace dhn::analysis {
namespace {

class Fnv1a {
 public:
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash_ ^= p[i];
      hash_ *= 0x100000001b3ULL;
    }
  }
  template <class T>
  void value(const T& x) {
    bytes(&x, sizeof x);
  }
  // the size first, so that moving a boundary between two arrays changes the digest
  template <class T>
  void array(const std::vector<T>& v) {
    value(static_cast<std::uint64_t>(v.size()));
    bytes(v.data(), v.size() * sizeof(T));
  }
  std::uint64_t result() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::uint64_t state_digest(const montecarlo::TemperingState& s, double wall_seconds, int resumes,
                           std::int64_t checkpoints) {
  Fnv1a h;
  h.value(s.sweep);
  h.array(s.spins);
  h.array(s.slot_of_walker);
  h.array(s.trip_label);
  h.array(s.round_trips);
  const montecarlo::Accumulators& a = s.accumulators;
  for (int shape : {a.D, a.L, a.N, a.B, a.W}) h.value(shape);
  h.array(a.bin_sums);
  h.array(a.window_sums);
  h.array(a.q_histogram);
  h.array(a.m_histogram);
  h.array(a.condensed_histogram);
  h.array(a.other_overlap_histogram);
  h.array(a.energy_by_m);
  h.array(a.flips_accepted);
  h.array(a.swaps_attempted);
  h.array(a.swaps_accepted);
  h.value(wall_seconds);
  h.value(resumes);
  h.value(checkpoints);
  return h.result();
}

}  // namespace dhn::analysis

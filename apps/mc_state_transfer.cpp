#include "mc_state_transfer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace dhn::cli {

namespace mc = dhn::montecarlo;

namespace {

class Writer {
 public:
  template <class T>
  void value(const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const std::byte*>(&x);
    bytes_.insert(bytes_.end(), p, p + sizeof x);
  }
  template <class T>
  void array(const std::vector<T>& v) {
    value(static_cast<std::uint64_t>(v.size()));
    const auto* p = reinterpret_cast<const std::byte*>(v.data());
    bytes_.insert(bytes_.end(), p, p + v.size() * sizeof(T));
  }
  std::vector<std::byte> take() { return std::move(bytes_); }

 private:
  std::vector<std::byte> bytes_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  template <class T>
  T value() {
    T x{};
    std::memcpy(&x, take(sizeof x), sizeof x);
    return x;
  }
  template <class T>
  std::vector<T> array() {
    const auto n = value<std::uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(T)) fail();
    std::vector<T> v(static_cast<std::size_t>(n));
    std::memcpy(v.data(), take(v.size() * sizeof(T)), v.size() * sizeof(T));
    return v;
  }
  void finish() const {
    if (at_ != bytes_.size()) fail();
  }

 private:
  const std::byte* take(std::size_t n) {
    if (n > bytes_.size() - at_) fail();
    const std::byte* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  [[noreturn]] void fail() const {
    throw std::runtime_error("a state message of " + std::to_string(bytes_.size()) +
                             " bytes is truncated or too long");
  }
  std::span<const std::byte> bytes_;
  std::size_t at_ = 0;
};

// Calls f(array of s, array of more...) for every array of the states, in one fixed order (all
// by sample first).
template <class F, class State, class... More>
void for_each_array(F&& f, State& s, More&... more) {
  f(s.spins, more.spins...);
  f(s.slot_of_walker, more.slot_of_walker...);
  f(s.trip_label, more.trip_label...);
  f(s.round_trips, more.round_trips...);
  f(s.accumulators.bin_sums, more.accumulators.bin_sums...);
  f(s.accumulators.window_sums, more.accumulators.window_sums...);
  f(s.accumulators.q_histogram, more.accumulators.q_histogram...);
  f(s.accumulators.m_histogram, more.accumulators.m_histogram...);
  f(s.accumulators.condensed_histogram, more.accumulators.condensed_histogram...);
  f(s.accumulators.other_overlap_histogram, more.accumulators.other_overlap_histogram...);
  f(s.accumulators.energy_by_m, more.accumulators.energy_by_m...);
  f(s.accumulators.flips_accepted, more.accumulators.flips_accepted...);
  f(s.accumulators.swaps_attempted, more.accumulators.swaps_attempted...);
  f(s.accumulators.swaps_accepted, more.accumulators.swaps_accepted...);
}

}  // namespace

std::vector<std::byte> state_bytes(const mc::TemperingState& state) {
  Writer w;
  w.value(state.sweep);
  const mc::Accumulators& a = state.accumulators;
  for (int x : {a.D, a.L, a.N, a.B, a.W}) w.value(x);
  for_each_array([&](const auto& v) { w.array(v); }, state);
  return w.take();
}

mc::TemperingState state_from_bytes(std::span<const std::byte> bytes) {
  Reader r(bytes);
  mc::TemperingState s;
  s.sweep = r.value<std::int64_t>();
  mc::Accumulators& a = s.accumulators;
  for (int* x : {&a.D, &a.L, &a.N, &a.B, &a.W}) *x = r.value<int>();
  for_each_array([&](auto& v) { v = r.array<typename std::decay_t<decltype(v)>::value_type>(); },
                 s);
  r.finish();
  return s;
}

mc::TemperingState state_samples(const mc::TemperingState& state, int samples, int first,
                                 int count) {
  if (samples < 1 || first < 0 || count < 0 || first + count > samples)
    throw std::invalid_argument("state_samples: samples " + std::to_string(first) + ".." +
                                std::to_string(first + count - 1) + " of " +
                                std::to_string(samples));
  mc::TemperingState out;
  out.sweep = state.sweep;
  out.accumulators = state.accumulators;  // shape fields, then every array replaced below
  out.accumulators.D = count;
  // each array: its rows of samples first .. first + count - 1
  for_each_array(
      [&](const auto& from, auto& to) {
        const std::size_t per_sample = from.size() / static_cast<std::size_t>(samples);
        to.assign(from.begin() + static_cast<std::ptrdiff_t>(per_sample * first),
                  from.begin() + static_cast<std::ptrdiff_t>(per_sample * (first + count)));
      },
      state, out);
  return out;
}

void append_state_samples(mc::TemperingState& state, const mc::TemperingState& later) {
  if (later.sweep != state.sweep)
    throw std::invalid_argument("append_state_samples: states at sweeps " +
                                std::to_string(state.sweep) + " and " +
                                std::to_string(later.sweep));
  state.accumulators.append_samples(later.accumulators);  // checks the shapes first
  auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(state.spins, later.spins);
  append(state.slot_of_walker, later.slot_of_walker);
  append(state.trip_label, later.trip_label);
  append(state.round_trips, later.round_trips);
}

mc::TemperingState state_chains(const mc::TemperingState& state, int chains, int first, int count) {
  mc::TemperingState out;
  out.sweep = state.sweep;
  out.accumulators.D = 0;
  out.accumulators.L = state.accumulators.L;
  out.accumulators.N = state.accumulators.N;
  out.accumulators.B = state.accumulators.B;
  out.accumulators.W = state.accumulators.W;
  auto size = [&](auto& to, const auto& from) {
    to.resize(from.size() / static_cast<std::size_t>(chains) * static_cast<std::size_t>(count));
  };
  size(out.spins, state.spins);
  size(out.slot_of_walker, state.slot_of_walker);
  size(out.trip_label, state.trip_label);
  size(out.round_trips, state.round_trips);
  copy_state_chains(out, count, 0, state, chains, first, count);
  return out;
}

void copy_state_chains(mc::TemperingState& to, int to_chains, int to_first,
                       const mc::TemperingState& from, int from_chains, int from_first, int count) {
  if (count < 0 || to_first < 0 || from_first < 0 || to_first + count > to_chains ||
      from_first + count > from_chains)
    throw std::invalid_argument("copy_state_chains: chains " + std::to_string(from_first) + ".." +
                                std::to_string(from_first + count - 1) + " of " +
                                std::to_string(from_chains) + " to " + std::to_string(to_first) +
                                ".. of " + std::to_string(to_chains));
  auto copy = [&](auto& into, const auto& out_of) {
    const std::size_t per_chain = out_of.size() / static_cast<std::size_t>(from_chains);
    if (per_chain * static_cast<std::size_t>(from_chains) != out_of.size() ||
        per_chain * static_cast<std::size_t>(to_chains) != into.size())
      throw std::invalid_argument("copy_state_chains: arrays of other chain sizes");
    std::copy_n(out_of.begin() + static_cast<std::ptrdiff_t>(per_chain * from_first),
                per_chain * static_cast<std::size_t>(count),
                into.begin() + static_cast<std::ptrdiff_t>(per_chain * to_first));
  };
  copy(to.spins, from.spins);
  copy(to.slot_of_walker, from.slot_of_walker);
  copy(to.trip_label, from.trip_label);
  copy(to.round_trips, from.round_trips);
}

}  // namespace dhn::cli

#include "dhn/montecarlo/tempering.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/rng.hpp"

namespace dhn::montecarlo {

namespace {
int thread_count(int threads) {
  return threads > 0 ? threads : omp_get_max_threads();
}

std::vector<std::int8_t> initial_spins(const TemperingParameters& p, const Network& network,
                                       const ReplicaKey& key) {
  switch (p.init) {
    case InitialKind::pattern:
      return cued_state(network.patterns());
    case InitialKind::noisy:
      return noisy_cued_state(network.patterns(), p.m0, key);
    case InitialKind::random:
      return random_state(network.N(), key);
  }
  std::abort();
}

// sum_i s^a_i s^b_i, exact.
std::int64_t spin_product(const Replica& a, const Replica& b) {
  const std::int8_t* x = a.spins().data();
  const std::int8_t* y = b.spins().data();
  std::int64_t sum = 0;
  for (int i = 0; i < a.N(); ++i) sum += x[i] * y[i];
  return sum;
}

void check(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("tempering state: " + what);
}
}  // namespace

Tempering::Tempering(TemperingParameters p, int threads)
    : p_(std::move(p)), L_(static_cast<int>(p_.T.size())) {
  validate(p_);
  parallel_ =
      static_cast<double>(p_.samples) * p_.replicas * L_ * p_.N * static_cast<double>(p_.K) >=
      static_cast<double>(kParallelWorkThreshold);
  networks_.reserve(static_cast<std::size_t>(p_.samples));  // replicas point into it: no realloc
  for (int d = 0; d < p_.samples; ++d) {
    networks_.emplace_back(p_.P, p_.variant, p_.N, p_.K, p_.seed, static_cast<std::uint64_t>(d));
  }
  const std::size_t walkers = static_cast<std::size_t>(p_.samples) * p_.replicas * L_;
  walkers_.resize(walkers);
  accepted_.assign(walkers, 0);
  const auto count = static_cast<std::int64_t>(walkers);
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count(threads))
  for (std::int64_t c = 0; c < count; ++c) {
    const int w = static_cast<int>(c % L_);
    const int r = static_cast<int>((c / L_) % p_.replicas);
    const int d = static_cast<int>(c / (std::int64_t{L_} * p_.replicas));
    const Network& network = networks_[static_cast<std::size_t>(d)];
    const ReplicaKey key{p_.seed, static_cast<std::uint64_t>(d),
                         static_cast<std::uint64_t>(r) * L_ + w};
    walkers_[c] = std::make_unique<Replica>(network, initial_spins(p_, network, key), p_.kernel);
  }
  ladder_ = Ladder::identity(p_);
  acc_ = Accumulators::zeros(p_);
}

void Tempering::advance(int threads) {
  if (finished()) return;
  const std::int64_t t = sweep_;
  const auto count = static_cast<std::int64_t>(walkers_.size());
  const int R = p_.replicas;
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count(threads)) if (parallel_)
  for (std::int64_t c = 0; c < count; ++c) {
    const int r = static_cast<int>((c / L_) % R);
    const int d = static_cast<int>(c / (std::int64_t{L_} * R));
    const int slot = ladder_.slot_of_walker[c];
    const SweepParameters sweep_parameters{1.0 / p_.T[slot], p_.rule, p_.order};
    const ReplicaKey key{p_.seed, static_cast<std::uint64_t>(d),
                         static_cast<std::uint64_t>(r) * L_ + slot};
    accepted_[c] = sweep(*walkers_[c], sweep_parameters, key, static_cast<std::uint64_t>(t));
  }
  measure(t, threads);
  if (swaps_after(p_, t)) swap_round(t);
  ++sweep_;
}

void Tempering::measure(std::int64_t t, int threads) {
  const int R = p_.replicas;
  const std::int64_t count = std::int64_t{p_.samples} * L_;
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count(threads)) if (parallel_)
  for (std::int64_t item = 0; item < count; ++item) {
    const int d = static_cast<int>(item / L_);
    const int k = static_cast<int>(item % L_);
    std::vector<WalkerSummary> replicas(static_cast<std::size_t>(R));
    std::vector<std::int64_t> products;
    products.reserve(static_cast<std::size_t>(R) * (R - 1) / 2);
    for (int r = 0; r < R; ++r) {
      const std::size_t c = ladder_.walker(d, r, k);
      const Replica& a = *walkers_[c];
      std::int32_t largest = 0;
      for (std::int32_t S : a.overlaps()) largest = std::max(largest, std::abs(S));
      replicas[static_cast<std::size_t>(r)] = {a.energy_numerator(), a.overlaps()[0], largest,
                                               accepted_[c]};
      for (int b = r + 1; b < R; ++b) {
        products.push_back(spin_product(a, *walkers_[ladder_.walker(d, b, k)]));
      }
    }
    record_slot(p_, networks_[static_cast<std::size_t>(d)].energy_denominator(), t, d, k, replicas,
                products, acc_);
  }
}

void Tempering::swap_round(std::int64_t t) {
  std::vector<std::int64_t> energies(walkers_.size());
  for (std::size_t c = 0; c < walkers_.size(); ++c) energies[c] = walkers_[c]->energy_numerator();
  std::vector<double> denominators;
  denominators.reserve(networks_.size());
  for (const Network& n : networks_) denominators.push_back(n.energy_denominator());
  ladder_.swap_round(p_, t, energies, denominators, acc_);
}

RunStatus Tempering::run(int threads, const std::function<bool(const Tempering&)>& control) {
  while (!finished()) {
    advance(threads);
    if (control && !control(*this) && !finished()) return RunStatus::stopped;
  }
  return RunStatus::finished;
}

TemperingState Tempering::state() const {
  TemperingState s;
  s.sweep = sweep_;
  s.spins.reserve(walkers_.size() * static_cast<std::size_t>(p_.N));
  for (const auto& w : walkers_)
    s.spins.insert(s.spins.end(), w->spins().begin(), w->spins().end());
  s.slot_of_walker = ladder_.slot_of_walker;
  s.trip_label = ladder_.trip_label;
  s.round_trips = ladder_.round_trips;
  s.accumulators = acc_;
  return s;
}

void Tempering::restore(const TemperingState& s, int threads) {
  const std::size_t walkers = walkers_.size();
  check(s.sweep >= 0 && s.sweep <= total_sweeps(p_),
        "sweep " + std::to_string(s.sweep) + " outside 0.." + std::to_string(total_sweeps(p_)));
  check(s.spins.size() == walkers * static_cast<std::size_t>(p_.N), "spins have the wrong size");
  check(s.slot_of_walker.size() == walkers && s.trip_label.size() == walkers &&
            s.round_trips.size() == walkers,
        "ladder arrays have the wrong size");
  for (std::int8_t x : s.spins) check(x == 1 || x == -1, "a spin is not +-1");
  for (std::int8_t x : s.trip_label) check(x >= 0 && x <= 2, "a round-trip label is not 0, 1, 2");
  std::vector<std::int32_t> inverse(walkers, -1);
  for (int d = 0; d < p_.samples; ++d) {
    for (int r = 0; r < p_.replicas; ++r) {
      for (int w = 0; w < L_; ++w) {
        const std::int32_t slot = s.slot_of_walker[index(d, r, w)];
        check(slot >= 0 && slot < L_ && inverse[index(d, r, slot)] < 0,
              "the slots of a chain are not a permutation");
        inverse[index(d, r, slot)] = w;
      }
    }
  }
  const Accumulators& a = s.accumulators;
  const Accumulators expected = Accumulators::zeros(p_);
  check(a.consistent() && a.D == expected.D && a.L == expected.L && a.N == expected.N &&
            a.B == expected.B && a.W == expected.W,
        "accumulator shapes differ from the parameters'");
  const auto count = static_cast<std::int64_t>(walkers);
  const std::size_t N = static_cast<std::size_t>(p_.N);
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count(threads))
  for (std::int64_t c = 0; c < count; ++c) {
    const auto begin = s.spins.begin() + static_cast<std::ptrdiff_t>(c * N);
    walkers_[c]->set_spins(std::vector<std::int8_t>(begin, begin + static_cast<std::ptrdiff_t>(N)));
  }
  sweep_ = s.sweep;
  ladder_.slot_of_walker = s.slot_of_walker;
  ladder_.walker_at_slot = std::move(inverse);
  ladder_.trip_label = s.trip_label;
  ladder_.round_trips = s.round_trips;
  acc_ = s.accumulators;
}

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/tempering.hpp"

#include <omp.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "dhn/montecarlo/observables.hpp"
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
  slot_of_.resize(walkers);
  walker_at_.resize(walkers);
  trip_label_.assign(walkers, static_cast<std::int8_t>(TripLabel::none));
  round_trips_.assign(walkers, 0);
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
    slot_of_[c] = w;
    walker_at_[c] = w;
  }
  for (int d = 0; d < p_.samples; ++d) {
    for (int r = 0; r < p_.replicas; ++r) update_labels(d, r);
  }
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
    const int slot = slot_of_[c];
    const SweepParameters sweep_parameters{1.0 / p_.T[slot], p_.rule, p_.order};
    const ReplicaKey key{p_.seed, static_cast<std::uint64_t>(d),
                         static_cast<std::uint64_t>(r) * L_ + slot};
    accepted_[c] = sweep(*walkers_[c], sweep_parameters, key, static_cast<std::uint64_t>(t));
  }
  measure(t, threads);
  if (p_.swap_every > 0 && L_ > 1 && (t + 1) % p_.swap_every == 0) swap_round(t);
  ++sweep_;
}

void Tempering::measure(std::int64_t t, int threads) {
  const int R = p_.replicas;
  const int N = p_.N;
  const bool measured = t >= p_.therm;
  const std::int64_t count = std::int64_t{p_.samples} * L_;
  const double pairs = 0.5 * R * (R - 1);
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count(threads)) if (parallel_)
  for (std::int64_t item = 0; item < count; ++item) {
    const int d = static_cast<int>(item / L_);
    const int k = static_cast<int>(item % L_);
    ObservableValues v{};
    std::int64_t accepted = 0;
    std::int64_t* m_hist = acc_.m_histogram.data() + item * (N + 1);
    std::int64_t* q_hist = acc_.q_histogram.data() + item * (N + 1);
    for (int r = 0; r < R; ++r) {
      const std::size_t c = index(d, r, walker_at_[index(d, r, k)]);
      const Replica& a = *walkers_[c];
      accepted += accepted_[c];
      const double e = energy_per_spin(a);
      const double m = cued_overlap(a);
      v[int(Observable::e)] += e;
      v[int(Observable::e2)] += e * e;
      v[int(Observable::m)] += m;
      v[int(Observable::abs_m)] += std::abs(m);
      v[int(Observable::m2)] += m * m;
      v[int(Observable::m4)] += m * m * m * m;
      v[int(Observable::max_m)] += max_overlap(a);
      if (measured) ++m_hist[(a.overlaps()[0] + N) / 2];
      for (int b = r + 1; b < R; ++b) {
        const Replica& other = *walkers_[index(d, b, walker_at_[index(d, b, k)])];
        const std::int64_t product = spin_product(a, other);
        const double q = static_cast<double>(product) / N;
        v[int(Observable::q)] += q;
        v[int(Observable::abs_q)] += std::abs(q);
        v[int(Observable::q2)] += q * q;
        v[int(Observable::q4)] += q * q * q * q;
        if (measured) ++q_hist[(product + N) / 2];
      }
    }
    for (Observable o : {Observable::e, Observable::e2, Observable::m, Observable::abs_m,
                         Observable::m2, Observable::m4, Observable::max_m}) {
      v[int(o)] /= R;
    }
    for (Observable o : {Observable::q, Observable::abs_q, Observable::q2, Observable::q4}) {
      v[int(o)] /= pairs;
    }
    acc_.record(p_, t, d, k, v);
    acc_.flips_accepted[static_cast<std::size_t>(item)] += accepted;
  }
}

void Tempering::swap_round(std::int64_t t) {
  for (int d = 0; d < p_.samples; ++d) {
    const double denominator = networks_[static_cast<std::size_t>(d)].energy_denominator();
    for (int r = 0; r < p_.replicas; ++r) {
      for (int k = 0; k + 1 < L_; ++k) {
        const std::size_t lo = index(d, r, k), hi = index(d, r, k + 1);
        const std::size_t a = index(d, r, walker_at_[lo]), b = index(d, r, walker_at_[hi]);
        // (beta_k - beta_(k+1)) (E_k - E_(k+1)), E = U / denominator (exact U, one rounding)
        const double x = (1.0 / p_.T[k] - 1.0 / p_.T[k + 1]) *
                         (static_cast<double>(walkers_[a]->energy_numerator()) -
                          static_cast<double>(walkers_[b]->energy_numerator())) /
                         denominator;
        const RandomBlock block =
            random_block(p_.seed, Stream::tempering, static_cast<std::uint64_t>(d),
                         static_cast<std::uint64_t>(r), static_cast<std::uint64_t>(t),
                         static_cast<std::uint64_t>(k));
        const std::size_t pair = static_cast<std::size_t>(d) * (L_ - 1) + k;
        ++acc_.swaps_attempted[pair];
        if (x >= 0.0 || uniform_from_bits(block.word[0]) < std::exp(x)) {
          ++acc_.swaps_accepted[pair];
          std::swap(walker_at_[lo], walker_at_[hi]);
          slot_of_[index(d, r, walker_at_[lo])] = k;
          slot_of_[index(d, r, walker_at_[hi])] = k + 1;
        }
      }
      update_labels(d, r);
    }
  }
}

void Tempering::update_labels(int d, int r) {
  if (L_ < 2) return;
  const std::size_t coldest = index(d, r, walker_at_[index(d, r, 0)]);
  const std::size_t hottest = index(d, r, walker_at_[index(d, r, L_ - 1)]);
  if (trip_label_[coldest] == static_cast<std::int8_t>(TripLabel::hottest)) ++round_trips_[coldest];
  trip_label_[coldest] = static_cast<std::int8_t>(TripLabel::coldest);
  if (trip_label_[hottest] == static_cast<std::int8_t>(TripLabel::coldest))
    trip_label_[hottest] = static_cast<std::int8_t>(TripLabel::hottest);
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
  s.slot_of_walker = slot_of_;
  s.trip_label = trip_label_;
  s.round_trips = round_trips_;
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
  slot_of_ = s.slot_of_walker;
  walker_at_ = std::move(inverse);
  trip_label_ = s.trip_label;
  round_trips_ = s.round_trips;
  acc_ = s.accumulators;
}

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/tempering_steps.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "dhn/montecarlo/rng.hpp"

namespace dhn::montecarlo {

void record_slot(const TemperingParameters& p, double energy_denominator, std::int64_t t, int d,
                 int k, std::span<const WalkerSummary> replicas,
                 std::span<const std::int64_t> products, Accumulators& acc) {
  const int R = p.replicas;
  const int N = p.N;
  const int L = static_cast<int>(p.T.size());
  const bool measured = t >= p.therm;
  const double pairs = 0.5 * R * (R - 1);
  const std::int64_t item = std::int64_t{d} * L + k;
  ObservableValues v{};
  std::int64_t accepted = 0;
  std::int64_t* m_hist = acc.m_histogram.data() + item * (N + 1);
  std::int64_t* condensed_hist =
      acc.condensed_histogram.empty() ? nullptr : acc.condensed_histogram.data() + item * (N + 1);
  std::int64_t* other_hist =
      acc.other_overlap_histogram.empty()
          ? nullptr
          : acc.other_overlap_histogram.data() + item * (N + 1) * kOtherOverlapBins;
  double* energy_hist = acc.energy_by_m.empty() ? nullptr : acc.energy_by_m.data() + item * (N + 1);
  std::int64_t* q_hist = acc.q_histogram.data() + item * (N + 1);
  std::size_t pair = 0;
  for (int r = 0; r < R; ++r) {
    const WalkerSummary& a = replicas[static_cast<std::size_t>(r)];
    accepted += a.accepted;
    // the operations of observables.hpp: (U / denominator) / N, S_0 / N, max |S_mu| / N
    const double e = static_cast<double>(a.energy_numerator) / energy_denominator / N;
    const double m = static_cast<double>(a.cued) / N;
    v[int(Observable::e)] += e;
    v[int(Observable::e2)] += e * e;
    v[int(Observable::m)] += m;
    v[int(Observable::abs_m)] += std::abs(m);
    v[int(Observable::m2)] += m * m;
    v[int(Observable::m4)] += m * m * m * m;
    v[int(Observable::max_m)] += static_cast<double>(a.max_abs) / N;
    if (measured) ++m_hist[(a.cued + N) / 2];
    if (measured && condensed_hist && a.max_other > p.condensed_m * N)
      ++condensed_hist[(a.cued + N) / 2];
    if (measured && other_hist) {
      // bin b holds b/B < max |m_nu| <= (b+1)/B (bin 0 from 0 on): the states kept by a
      // threshold c = k/B, max |m_nu| <= c, are exactly the bins below k
      const std::int64_t scaled = std::int64_t{a.max_other} * kOtherOverlapBins;
      const std::int64_t bin =
          std::clamp<std::int64_t>((scaled + N - 1) / N - 1, 0, kOtherOverlapBins - 1);
      ++other_hist[std::int64_t{(a.cued + N) / 2} * kOtherOverlapBins + bin];
    }
    if (measured && energy_hist) energy_hist[(a.cued + N) / 2] += e;
    for (int b = r + 1; b < R; ++b) {
      const std::int64_t product = products[pair++];
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
  acc.record(p, t, d, k, v);
  acc.flips_accepted[static_cast<std::size_t>(item)] += accepted;
}

Ladder Ladder::identity(const TemperingParameters& p) {
  Ladder ladder;
  ladder.samples = p.samples;
  ladder.replicas = p.replicas;
  ladder.L = static_cast<int>(p.T.size());
  const std::size_t walkers = static_cast<std::size_t>(p.samples) * p.replicas * ladder.L;
  ladder.slot_of_walker.resize(walkers);
  ladder.walker_at_slot.resize(walkers);
  for (std::size_t c = 0; c < walkers; ++c) {
    ladder.slot_of_walker[c] = static_cast<std::int32_t>(c % ladder.L);
    ladder.walker_at_slot[c] = static_cast<std::int32_t>(c % ladder.L);
  }
  ladder.trip_label.assign(walkers, static_cast<std::int8_t>(TripLabel::none));
  ladder.round_trips.assign(walkers, 0);
  for (int d = 0; d < p.samples; ++d) {
    for (int r = 0; r < p.replicas; ++r) ladder.update_labels(d, r);
  }
  return ladder;
}

void Ladder::update_labels(int d, int r) {
  if (L < 2) return;
  const std::size_t coldest = walker(d, r, 0);
  const std::size_t hottest = walker(d, r, L - 1);
  if (trip_label[coldest] == static_cast<std::int8_t>(TripLabel::hottest)) ++round_trips[coldest];
  trip_label[coldest] = static_cast<std::int8_t>(TripLabel::coldest);
  if (trip_label[hottest] == static_cast<std::int8_t>(TripLabel::coldest))
    trip_label[hottest] = static_cast<std::int8_t>(TripLabel::hottest);
}

void Ladder::swap_chain(const TemperingParameters& p, std::int64_t t, int d, int r,
                        std::span<const std::int64_t> energy_numerators,
                        std::span<const std::int32_t> cued, double energy_denominator,
                        std::span<std::uint8_t> accepted) {
  const bool windows = umbrella(p);
  const std::size_t first = index(d, r, 0);
  for (int k = 0; k + 1 < L; ++k) {
    const std::size_t lo = first + static_cast<std::size_t>(k), hi = lo + 1;
    const std::size_t a = static_cast<std::size_t>(walker_at_slot[lo]);
    const std::size_t b = static_cast<std::size_t>(walker_at_slot[hi]);
    // (beta_k - beta_(k+1)) (E_k - E_(k+1)), E = U / denominator (exact U, one rounding)
    const double x =
        (beta(p, k) - beta(p, k + 1)) *
        (static_cast<double>(energy_numerators[a]) - static_cast<double>(energy_numerators[b])) /
        energy_denominator;
    const RandomBlock block =
        random_block(p.seed, Stream::tempering, static_cast<std::uint64_t>(p.first_sample) + d,
                     static_cast<std::uint64_t>(r), static_cast<std::uint64_t>(t),
                     static_cast<std::uint64_t>(k));
    const bool allowed =
        !windows || (cued[a] >= window_S_min(p, k + 1) && cued[a] <= window_S_max(p, k + 1) &&
                     cued[b] >= window_S_min(p, k) && cued[b] <= window_S_max(p, k));
    const bool accept = allowed && (x >= 0.0 || uniform_from_bits(block.word[0]) < std::exp(x));
    accepted[static_cast<std::size_t>(k)] = accept ? 1 : 0;
    if (accept) {
      std::swap(walker_at_slot[lo], walker_at_slot[hi]);
      slot_of_walker[first + static_cast<std::size_t>(walker_at_slot[lo])] = k;
      slot_of_walker[first + static_cast<std::size_t>(walker_at_slot[hi])] = k + 1;
    }
  }
  update_labels(d, r);
}

void count_swaps(int d, std::span<const std::uint8_t> accepted, Accumulators& acc) {
  const std::size_t first = static_cast<std::size_t>(d) * accepted.size();
  for (std::size_t k = 0; k < accepted.size(); ++k) {
    ++acc.swaps_attempted[first + k];
    acc.swaps_accepted[first + k] += accepted[k];
  }
}

void Ladder::swap_round(const TemperingParameters& p, std::int64_t t,
                        std::span<const std::int64_t> energy_numerators,
                        std::span<const std::int32_t> cued,
                        std::span<const double> energy_denominators, Accumulators& acc) {
  std::vector<std::uint8_t> accepted(static_cast<std::size_t>(L - 1));
  const std::size_t chain_size = static_cast<std::size_t>(L);
  for (int d = 0; d < samples; ++d) {
    for (int r = 0; r < replicas; ++r) {
      const std::size_t first = index(d, r, 0);
      swap_chain(p, t, d, r, energy_numerators.subspan(first, chain_size),
                 cued.subspan(first, chain_size), energy_denominators[static_cast<std::size_t>(d)],
                 accepted);
      count_swaps(d, accepted, acc);
    }
  }
}

}  // namespace dhn::montecarlo

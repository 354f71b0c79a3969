#include "chain_batch.hpp"

#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>

namespace dhn::montecarlo {

namespace {
// sum_i s^a_i s^b_i of two packed spin vectors of N spins: N - 2 (number of differing spins).
std::int64_t spin_product(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b,
                          int N) {
  std::int64_t differing = 0;
  for (std::size_t x = 0; x < a.size(); ++x) differing += std::popcount(a[x] ^ b[x]);
  return N - 2 * differing;
}
}  // namespace

ChainBatch::ChainBatch(const TemperingParameters& p, std::int64_t first_sweep, std::int64_t sweeps)
    : p_(p),
      L_(static_cast<int>(p.T.size())),
      first_(first_sweep),
      sweeps_(sweeps),
      words_(p.replicas >= 2 ? packed_words(p.N) : 0) {
  const std::size_t chains = static_cast<std::size_t>(p.samples) * p.replicas;
  const std::size_t entries = chains * static_cast<std::size_t>(sweeps) * L_;
  summaries_.resize(entries);
  spin_bits_.resize(entries * words_);
  swap_accepted_.resize(chains * static_cast<std::size_t>(sweeps) * (L_ - 1));
}

std::size_t ChainBatch::bytes_per_sweep(const TemperingParameters& p) {
  const std::size_t L = p.T.size();
  const std::size_t words = p.replicas >= 2 ? packed_words(p.N) : 0;
  return static_cast<std::size_t>(p.samples) * p.replicas *
         (L * (sizeof(WalkerSummary) + words * sizeof(std::uint64_t)) + (L - 1));
}

void ChainBatch::sweep_walker(int chain, std::int64_t s, int w, WalkerEnsemble& walkers,
                              const Ladder& ladder) {
  const int d = chain / p_.replicas;
  const int r = chain % p_.replicas;
  const std::size_t c = ladder.index(d, r, w);
  const int slot = ladder.slot_of_walker[c];
  WalkerSweep request{.seed = p_.seed,
                      .first_sample = static_cast<std::uint64_t>(p_.first_sample),
                      .sweep = first_ + s,
                      .rule = p_.rule,
                      .order = p_.order,
                      .beta = beta(p_, slot),
                      .key_replica = static_cast<std::uint64_t>(r) * L_ + slot};
  if (umbrella(p_)) {
    request.windowed = true;
    request.S0_min = window_S_min(p_, slot);
    request.S0_max = window_S_max(p_, slot);
  }
  const std::int64_t accepted = walkers.sweep_walker(c, request);
  const std::size_t at = entry(chain, s, slot);
  summaries_[at] = walkers.summary(c);
  summaries_[at].accepted = accepted;
  if (words_ > 0) walkers.pack_spins(c, {spin_bits_.data() + at * words_, words_});
}

void ChainBatch::swap_after(int chain, std::int64_t s, Ladder& ladder, double energy_denominator) {
  if (!swaps_after(p_, first_ + s)) return;
  std::vector<std::int64_t> energy(static_cast<std::size_t>(L_));
  std::vector<std::int32_t> cued(static_cast<std::size_t>(L_));
  swap_round(chain, s, ladder, energy_denominator, energy, cued);
}

void ChainBatch::swap_round(int chain, std::int64_t s, Ladder& ladder, double energy_denominator,
                            std::span<std::int64_t> energy, std::span<std::int32_t> cued) {
  const int d = chain / p_.replicas;
  const int r = chain % p_.replicas;
  // each walker's energy and cued overlap after sweep s, by walker (recorded by slot)
  for (int w = 0; w < L_; ++w) {
    const WalkerSummary& summary =
        summaries_[entry(chain, s, ladder.slot_of_walker[ladder.index(d, r, w)])];
    energy[static_cast<std::size_t>(w)] = summary.energy_numerator;
    cued[static_cast<std::size_t>(w)] = summary.cued;
  }
  const std::size_t pairs = static_cast<std::size_t>(L_ - 1);
  const std::size_t at = (static_cast<std::size_t>(chain) * static_cast<std::size_t>(sweeps_) +
                          static_cast<std::size_t>(s)) *
                         pairs;
  ladder.swap_chain(p_, first_ + s, d, r, energy, cued, energy_denominator,
                    {swap_accepted_.data() + at, pairs});
}

void ChainBatch::advance_chain(int chain, WalkerEnsemble& walkers, Ladder& ladder,
                               double energy_denominator) {
  std::vector<std::int64_t> energy(static_cast<std::size_t>(L_));  // scratch of the swap rounds
  std::vector<std::int32_t> cued(static_cast<std::size_t>(L_));
  for (std::int64_t s = 0; s < sweeps_; ++s) {
    for (int w = 0; w < L_; ++w) sweep_walker(chain, s, w, walkers, ladder);
    if (swaps_after(p_, first_ + s)) swap_round(chain, s, ladder, energy_denominator, energy, cued);
  }
}

namespace {
// The byte image of elements first .. first + count - 1 of v, appended to out / read from in.
template <class T>
void put(std::vector<std::byte>& out, const std::vector<T>& v, std::size_t first,
         std::size_t count) {
  const auto* p = reinterpret_cast<const std::byte*>(v.data() + first);
  out.insert(out.end(), p, p + count * sizeof(T));
}
template <class T>
void get(std::span<const std::byte>& in, std::vector<T>& v, std::size_t first, std::size_t count) {
  std::memcpy(v.data() + first, in.data(), count * sizeof(T));
  in = in.subspan(count * sizeof(T));
}
}  // namespace

std::size_t ChainBatch::block_size(int count) const {
  const std::size_t per_chain = static_cast<std::size_t>(sweeps_) * static_cast<std::size_t>(L_);
  const std::size_t pairs = static_cast<std::size_t>(sweeps_) * static_cast<std::size_t>(L_ - 1);
  return static_cast<std::size_t>(count) *
         (per_chain * (sizeof(WalkerSummary) + words_ * sizeof(std::uint64_t)) + pairs);
}

std::vector<std::byte> ChainBatch::block_bytes(int first, int count) const {
  const std::size_t per_chain = static_cast<std::size_t>(sweeps_) * static_cast<std::size_t>(L_);
  const std::size_t pairs = static_cast<std::size_t>(sweeps_) * static_cast<std::size_t>(L_ - 1);
  const auto f = static_cast<std::size_t>(first), n = static_cast<std::size_t>(count);
  std::vector<std::byte> out;
  out.reserve(block_size(count));
  put(out, summaries_, f * per_chain, n * per_chain);
  put(out, spin_bits_, f * per_chain * words_, n * per_chain * words_);
  put(out, swap_accepted_, f * pairs, n * pairs);
  return out;
}

void ChainBatch::set_block_bytes(int first, int count, std::span<const std::byte> bytes) {
  if (bytes.size() != block_size(count)) {
    throw std::invalid_argument("chain records of " + std::to_string(bytes.size()) + " bytes for " +
                                std::to_string(count) + " chains, expected " +
                                std::to_string(block_size(count)));
  }
  const std::size_t per_chain = static_cast<std::size_t>(sweeps_) * static_cast<std::size_t>(L_);
  const std::size_t pairs = static_cast<std::size_t>(sweeps_) * static_cast<std::size_t>(L_ - 1);
  const auto f = static_cast<std::size_t>(first), n = static_cast<std::size_t>(count);
  get(bytes, summaries_, f * per_chain, n * per_chain);
  get(bytes, spin_bits_, f * per_chain * words_, n * per_chain * words_);
  get(bytes, swap_accepted_, f * pairs, n * pairs);
}

void ChainBatch::record(std::span<const double> energy_denominators, Accumulators& acc,
                        BlockingPool* pool, int threads) const {
  const int R = p_.replicas;
  const std::int64_t items = std::int64_t{p_.samples} * L_;
  // (sample, slot) items write disjoint parts of acc
  const std::function<void(std::int64_t)> record_item = [&](std::int64_t item) {
    const int d = static_cast<int>(item / L_);
    const int k = static_cast<int>(item % L_);
    std::vector<WalkerSummary> replicas(static_cast<std::size_t>(R));
    std::vector<std::int64_t> products;
    products.reserve(static_cast<std::size_t>(R) * (R - 1) / 2);
    for (std::int64_t s = 0; s < sweeps_; ++s) {
      products.clear();
      for (int a = 0; a < R; ++a) {
        const std::size_t at = entry(d * R + a, s, k);
        replicas[static_cast<std::size_t>(a)] = summaries_[at];
        for (int b = a + 1; b < R; ++b) {
          products.push_back(spin_product(bits(at), bits(entry(d * R + b, s, k)), p_.N));
        }
      }
      record_slot(p_, energy_denominators[static_cast<std::size_t>(d)], first_ + s, d, k, replicas,
                  products, acc);
    }
  };
  if (pool) {
    pool->for_each(items, record_item, threads);
  } else {
    for (std::int64_t item = 0; item < items; ++item) record_item(item);
  }
  const std::size_t pairs = static_cast<std::size_t>(L_ - 1);
  for (std::int64_t s = 0; s < sweeps_; ++s) {
    if (!swaps_after(p_, first_ + s)) continue;
    for (int chain = 0; chain < p_.samples * R; ++chain) {
      const std::size_t at = (static_cast<std::size_t>(chain) * static_cast<std::size_t>(sweeps_) +
                              static_cast<std::size_t>(s)) *
                             pairs;
      count_swaps(chain / R, {swap_accepted_.data() + at, pairs}, acc);
    }
  }
}

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/tempering.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include "chain_batch.hpp"
#include "dhn/montecarlo/host_walkers.hpp"
#include "dhn/montecarlo/initial_state.hpp"
#include "thread_count.hpp"

namespace dhn::montecarlo {

namespace {
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

// The initial spins of every walker, (D, R, L, N): walker w of chain (d, r) from the key
// (seed, first_sample + d, r L + w); in umbrella mode at the centre of its slot's window.
std::vector<std::int8_t> initial_ensemble_spins(const TemperingParameters& p,
                                                const std::vector<Network>& networks, int threads) {
  const int L = static_cast<int>(p.T.size());
  const auto count = static_cast<std::int64_t>(p.samples) * p.replicas * L;
  const std::size_t N = static_cast<std::size_t>(p.N);
  std::vector<std::int8_t> spins(static_cast<std::size_t>(count) * N);
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count(threads))
  for (std::int64_t c = 0; c < count; ++c) {
    const int w = static_cast<int>(c % L);
    const int r = static_cast<int>((c / L) % p.replicas);
    const int d = static_cast<int>(c / (std::int64_t{L} * p.replicas));
    const ReplicaKey key{p.seed, static_cast<std::uint64_t>(p.first_sample) + d,
                         static_cast<std::uint64_t>(r) * L + w};
    const Network& network = networks[static_cast<std::size_t>(d)];
    const std::size_t slot = static_cast<std::size_t>(w);  // walker w starts at slot w
    const std::vector<std::int8_t> s =
        umbrella(p) ? noisy_cued_state(network.patterns(),
                                       0.5 * (p.window_lo[slot] + p.window_hi[slot]), key)
                    : initial_spins(p, network, key);
    std::copy(s.begin(), s.end(), spins.begin() + static_cast<std::ptrdiff_t>(c * N));
  }
  return spins;
}

void check(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("tempering state: " + what);
}
}  // namespace

Tempering::Tempering(TemperingParameters p, int threads)
    : Tempering(std::move(p), threads, host_walkers()) {}

Tempering::Tempering(TemperingParameters p, int threads, const WalkerEnsembleFactory& walkers)
    : p_(std::move(p)), L_(static_cast<int>(p_.T.size())), threads_(thread_count(threads)) {
  validate(p_);
  const std::size_t count = static_cast<std::size_t>(p_.samples) * p_.replicas * L_;
  // recording one (sample, slot) costs about a microsecond: fork for many of them only
  measure_parallel_ = threads_ > 1 && worth_parallel(count, p_.N, p_.K) &&
                      std::int64_t{p_.samples} * L_ >= kMeasureItemsToFork;
  max_batch_ = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(kBatchRecordBytes / ChainBatch::bytes_per_sweep(p_)));
  networks_.reserve(static_cast<std::size_t>(p_.samples));  // walkers refer into it: no realloc
  for (int d = 0; d < p_.samples; ++d) {
    networks_.emplace_back(p_.P, p_.variant, p_.N, p_.K, p_.seed,
                           static_cast<std::uint64_t>(p_.first_sample) + d);
    energy_denominators_.push_back(networks_.back().energy_denominator());
  }
  walkers_ = walkers(p_, networks_, initial_ensemble_spins(p_, networks_, threads), threads);
  if (!walkers_ || walkers_->walkers() != count) {
    throw std::logic_error("Tempering: the walker ensemble does not hold D R L walkers");
  }
  ladder_ = Ladder::identity(p_);
  acc_ = Accumulators::zeros(p_);
  if (threads_ > 1 && walkers_->independent_walkers()) {
    pool_ = std::make_unique<BlockingPool>(threads_);
    governor_ = ThreadGovernor(threads_);
  }
}

bool Tempering::chain_parallel(std::int64_t sweeps) const {
  const std::size_t chains = static_cast<std::size_t>(p_.samples) * p_.replicas;
  return threads_ > 1 && chains > 1 && walkers_->independent_walkers() &&
         worth_parallel(walkers_->walkers() * static_cast<std::size_t>(sweeps), p_.N, p_.K);
}

void Tempering::advance(std::int64_t sweeps) {
  sweeps = std::min(sweeps, total_sweeps(p_) - sweep_);
  // One chain cannot be split between threads: such runs (D R = 1) keep the sweep-by-sweep
  // path, whose threads share each sweep's walkers (faster on a quiet machine; it waits at a
  // barrier every sweep, so a busy machine slows it down). Both paths give the same bytes.
  const bool single_chain = std::int64_t{p_.samples} * p_.replicas == 1;
  const bool by_chains = walkers_->independent_walkers() && !(single_chain && threads_ > 1);
  while (sweeps > 0) {
    if (by_chains) {
      const std::int64_t batch = std::min(sweeps, max_batch_);
      advance_chains(batch);
      sweeps -= batch;
    } else {
      advance_ensemble();
      --sweeps;
    }
  }
}

void Tempering::advance_chains(std::int64_t sweeps) {
  ChainBatch batch(p_, sweep_, sweeps);
  const int chains = p_.samples * p_.replicas;
  const std::function<void(std::int64_t)> advance_chain = [&](std::int64_t chain) {
    batch.advance_chain(static_cast<int>(chain), *walkers_, ladder_,
                        energy_denominators_[static_cast<std::size_t>(chain / p_.replicas)]);
  };
  // one chain per thread at a time, each for the whole batch: no thread waits for another
  // before the end of the batch, and a thread without a chain left sleeps
  for_each_chain(chains, chain_parallel(sweeps), advance_chain);
  record(batch);
  sweep_ += sweeps;
}

std::size_t Tempering::block_record_bytes(std::int64_t sweeps, ChainBlock block) const {
  const auto chains = static_cast<std::size_t>(p_.samples) * static_cast<std::size_t>(p_.replicas);
  return ChainBatch::bytes_per_sweep(p_) / chains * static_cast<std::size_t>(block.count) *
         static_cast<std::size_t>(sweeps);
}

std::vector<std::byte> Tempering::advance_block(std::int64_t sweeps, ChainBlock block) {
  const int chains = p_.samples * p_.replicas;
  if (!walkers_->independent_walkers())
    throw std::logic_error("Tempering::advance_block: the ensemble has no walker-by-walker sweeps");
  if (sweeps < 1 || sweeps > max_batch_ || sweeps > total_sweeps(p_) - sweep_ || block.first < 0 ||
      block.count < 1 || block.first + block.count > chains)
    throw std::invalid_argument("Tempering::advance_block: " + std::to_string(sweeps) +
                                " sweeps of chains " + std::to_string(block.first) + ".." +
                                std::to_string(block.first + block.count - 1) + " of " +
                                std::to_string(chains));
  ChainBatch batch(p_, sweep_, sweeps);
  auto denominator = [&](int chain) {
    return energy_denominators_[static_cast<std::size_t>(chain / p_.replicas)];
  };
  const auto walkers = static_cast<std::size_t>(block.count) * static_cast<std::size_t>(L_);
  if (threads_ > 1 && block.count < threads_ && worth_parallel(walkers, p_.N, p_.K)) {
    // fewer chains than threads (a rank holding one chain): the threads share each sweep's
    // walkers and meet after it, as a single process does with one chain
    const auto items = static_cast<std::int64_t>(walkers);
    for (std::int64_t s = 0; s < sweeps; ++s) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
      for (std::int64_t item = 0; item < items; ++item) {
        batch.sweep_walker(block.first + static_cast<int>(item / L_), s,
                           static_cast<int>(item % L_), *walkers_, ladder_);
      }
      for (int chain = block.first; chain < block.first + block.count; ++chain)
        batch.swap_after(chain, s, ladder_, denominator(chain));
    }
  } else {
    // one chain per thread for the whole batch
    const bool parallel = threads_ > 1 && block.count > 1 &&
                          worth_parallel(walkers * static_cast<std::size_t>(sweeps), p_.N, p_.K);
    const std::function<void(std::int64_t)> advance_chain = [&](std::int64_t x) {
      const int chain = block.first + static_cast<int>(x);
      batch.advance_chain(chain, *walkers_, ladder_, denominator(chain));
    };
    for_each_chain(block.count, parallel, advance_chain);
  }
  sweep_ += sweeps;
  return batch.block_bytes(block.first, block.count);
}

void Tempering::record_blocks(std::int64_t sweeps, std::span<const ChainBlock> blocks,
                              std::span<const std::vector<std::byte>> records) {
  const int chains = p_.samples * p_.replicas;
  if (sweeps < 1 || sweeps > sweep_ || blocks.size() != records.size())
    throw std::invalid_argument("Tempering::record_blocks: " + std::to_string(sweeps) +
                                " sweeps after sweep " + std::to_string(sweep_) + ", " +
                                std::to_string(blocks.size()) + " blocks with " +
                                std::to_string(records.size()) + " records");
  ChainBatch batch(p_, sweep_ - sweeps, sweeps);
  std::vector<int> covered(static_cast<std::size_t>(chains), 0);
  for (std::size_t x = 0; x < blocks.size(); ++x) {
    const ChainBlock b = blocks[x];
    if (b.first < 0 || b.count < 1 || b.first + b.count > chains)
      throw std::invalid_argument("Tempering::record_blocks: a block outside the chains");
    for (int c = b.first; c < b.first + b.count; ++c) ++covered[static_cast<std::size_t>(c)];
    batch.set_block_bytes(b.first, b.count, records[x]);
  }
  for (int n : covered) {
    if (n != 1)
      throw std::invalid_argument(
          "Tempering::record_blocks: the blocks do not cover every chain once");
  }
  record(batch);
}

void Tempering::for_each_chain(int count, bool parallel,
                               const std::function<void(std::int64_t)>& fn) {
  if (parallel) {
    governor_.observe(pool_->for_each(count, fn, governor_.threads_for_next_batch()));
  } else {
    for (int x = 0; x < count; ++x) fn(x);
  }
}

void Tempering::record(const ChainBatch& batch) {
  if (measure_parallel_ && pool_) {
    batch.record(energy_denominators_, acc_, pool_.get(), governor_.threads_in_use());
  } else {
    batch.record(energy_denominators_, acc_, nullptr, 1);
  }
}

void Tempering::advance_ensemble() {
  const std::int64_t t = sweep_;
  const std::size_t count = walkers_->walkers();
  SweepRequest request;
  request.seed = p_.seed;
  request.first_sample = static_cast<std::uint64_t>(p_.first_sample);
  request.first_sweep = t;
  request.sweeps = 1;
  request.rule = p_.rule;
  request.order = p_.order;
  request.beta.resize(count);
  request.key_replica.resize(count);
  if (umbrella(p_)) {
    request.S0_min.resize(count);
    request.S0_max.resize(count);
  }
  for (std::size_t c = 0; c < count; ++c) {
    const int r = static_cast<int>((c / static_cast<std::size_t>(L_)) % p_.replicas);
    const int slot = ladder_.slot_of_walker[c];
    request.beta[c] = beta(p_, slot);
    request.key_replica[c] = static_cast<std::uint64_t>(r) * L_ + slot;
    if (umbrella(p_)) {
      request.S0_min[c] = window_S_min(p_, slot);
      request.S0_max[c] = window_S_max(p_, slot);
    }
  }
  const std::vector<std::int64_t> accepted = walkers_->sweep(request);
  const WalkerSummaries summaries = walkers_->summaries();
  measure(t, accepted, summaries);
  if (swaps_after(p_, t)) {
    ladder_.swap_round(p_, t, summaries.energy, summaries.cued, energy_denominators_, acc_);
  }
  ++sweep_;
}

void Tempering::measure(std::int64_t t, std::span<const std::int64_t> accepted,
                        const WalkerSummaries& summaries) {
  const int R = p_.replicas;
  const std::size_t pairs = static_cast<std::size_t>(R) * (R - 1) / 2;
  // the replica pairs (a < b) of every (d, slot), in record_slot's order
  std::vector<std::int32_t> first, second;
  first.reserve(static_cast<std::size_t>(p_.samples) * L_ * pairs);
  second.reserve(first.capacity());
  for (int d = 0; d < p_.samples; ++d) {
    for (int k = 0; k < L_; ++k) {
      for (int a = 0; a < R; ++a) {
        for (int b = a + 1; b < R; ++b) {
          first.push_back(static_cast<std::int32_t>(ladder_.walker(d, a, k)));
          second.push_back(static_cast<std::int32_t>(ladder_.walker(d, b, k)));
        }
      }
    }
  }
  const std::vector<std::int64_t> products = walkers_->spin_products(first, second);
  const std::int64_t items = std::int64_t{p_.samples} * L_;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_) if (measure_parallel_)
  for (std::int64_t item = 0; item < items; ++item) {
    const int d = static_cast<int>(item / L_);
    const int k = static_cast<int>(item % L_);
    std::vector<WalkerSummary> replicas(static_cast<std::size_t>(R));
    for (int r = 0; r < R; ++r) {
      const std::size_t c = ladder_.walker(d, r, k);
      replicas[static_cast<std::size_t>(r)] = {summaries.energy[c], summaries.cued[c],
                                               summaries.max_abs[c], accepted[c],
                                               summaries.max_other[c]};
    }
    const std::span<const std::int64_t> slot_products(
        products.data() + static_cast<std::size_t>(item) * pairs, pairs);
    record_slot(p_, networks_[static_cast<std::size_t>(d)].energy_denominator(), t, d, k, replicas,
                slot_products, acc_);
  }
}

RunStatus Tempering::run(const std::function<bool(const Tempering&)>& control, RunPacing pacing) {
  using Clock = std::chrono::steady_clock;
  std::int64_t batch = 1;
  while (!finished()) {
    std::int64_t sweeps = total_sweeps(p_) - sweep_;
    if (control) sweeps = std::min(sweeps, batch);
    if (pacing.stop_at_sweep > sweep_) sweeps = std::min(sweeps, pacing.stop_at_sweep - sweep_);
    const auto start = Clock::now();
    advance(sweeps);
    if (control && !control(*this) && !finished()) return RunStatus::stopped;
    if (pacing.batch_seconds > 0.0) {
      // aim at batch_seconds from the last batch's time per sweep; at most doubling, so that
      // one fast batch (a quiet moment, a short first sweep) cannot make the next one long
      const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
      const double aim = pacing.batch_seconds / std::max(seconds, 1e-9) * double(sweeps);
      batch = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::min(aim, 2.0 * sweeps)));
    }
  }
  return RunStatus::finished;
}

TemperingState Tempering::state() const {
  TemperingState s;
  s.sweep = sweep_;
  s.spins = walkers_->spins();
  s.slot_of_walker = ladder_.slot_of_walker;
  s.trip_label = ladder_.trip_label;
  s.round_trips = ladder_.round_trips;
  s.accumulators = acc_;
  return s;
}

void Tempering::restore(const TemperingState& s) {
  const std::size_t walkers = walkers_->walkers();
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
            a.B == expected.B && a.W == expected.W &&
            a.condensed_histogram.size() == expected.condensed_histogram.size() &&
            a.other_overlap_histogram.size() == expected.other_overlap_histogram.size() &&
            a.energy_by_m.size() == expected.energy_by_m.size(),
        "accumulator shapes differ from the parameters'");
  walkers_->set_spins(s.spins);
  sweep_ = s.sweep;
  ladder_.slot_of_walker = s.slot_of_walker;
  ladder_.walker_at_slot = std::move(inverse);
  ladder_.trip_label = s.trip_label;
  ladder_.round_trips = s.round_trips;
  acc_ = s.accumulators;
}

}  // namespace dhn::montecarlo

#include "dhn/montecarlo/host_walkers.hpp"

#include <omp.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "dhn/montecarlo/replica.hpp"
#include "dhn/montecarlo/tempering_parameters.hpp"
#include "thread_count.hpp"

namespace dhn::montecarlo {

namespace {

// max_mu |S_mu| over mu >= first.
std::int32_t largest_overlap(const Replica& replica, std::size_t first) {
  std::int32_t largest = 0;
  const std::vector<std::int32_t>& S = replica.overlaps();
  for (std::size_t mu = first; mu < S.size(); ++mu) largest = std::max(largest, std::abs(S[mu]));
  return largest;
}

class HostWalkers final : public WalkerEnsemble {
 public:
  HostWalkers(const TemperingParameters& p, const std::vector<Network>& networks,
              std::span<const std::int8_t> spins, int threads)
      : networks_(networks),
        N_(p.N),
        kernel_(p.kernel),
        threads_(thread_count(threads)),
        walkers_(spins.size() / static_cast<std::size_t>(p.N)),
        per_sample_(networks.empty() ? 0 : walkers_.size() / networks.size()),
        parallel_(worth_parallel(walkers_.size(), p.N, p.K)) {
    if (networks.empty() || walkers_.empty() || spins.size() % static_cast<std::size_t>(N_) != 0 ||
        walkers_.size() % networks.size() != 0) {
      throw std::invalid_argument("host walkers: spins of W walkers per network expected");
    }
    summaries_.energy.resize(walkers_.size());
    summaries_.cued.resize(walkers_.size());
    summaries_.max_abs.resize(walkers_.size());
    summaries_.max_other.resize(walkers_.size());
    set_spins(spins);
  }

  std::string_view backend() const override { return "cpu"; }
  std::size_t walkers() const override { return walkers_.size(); }

  std::vector<std::int64_t> sweep(const SweepRequest& request) override {
    const auto count = static_cast<std::int64_t>(walkers_.size());
    std::vector<std::int64_t> accepted(walkers_.size(), 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_) if (parallel_)
    for (std::int64_t c = 0; c < count; ++c) {
      WalkerSweep one{.seed = request.seed,
                      .first_sample = request.first_sample,
                      .sweep = request.first_sweep,
                      .rule = request.rule,
                      .order = request.order,
                      .beta = request.beta[c],
                      .key_replica = request.key_replica[c]};
      if (!request.S0_min.empty()) {
        one.windowed = true;
        one.S0_min = request.S0_min[c];
        one.S0_max = request.S0_max[c];
      }
      for (int s = 0; s < request.sweeps; ++s, ++one.sweep) {
        accepted[c] += sweep_walker(static_cast<std::size_t>(c), one);
      }
    }
    return accepted;
  }

  WalkerSummaries summaries() const override {
    return summaries_;
  }

  bool independent_walkers() const override {
    return true;
  }

  std::int64_t sweep_walker(std::size_t c, const WalkerSweep& request) override {
    SweepParameters parameters{request.beta, request.rule, request.order};
    if (request.windowed) {
      parameters.S0_min = request.S0_min;
      parameters.S0_max = request.S0_max;
    }
    const ReplicaKey key{request.seed, request.first_sample + c / per_sample_, request.key_replica};
    const std::int64_t accepted =
        montecarlo::sweep(*walkers_[c], parameters, key, static_cast<std::uint64_t>(request.sweep));
    summarise(static_cast<std::int64_t>(c));
    return accepted;
  }

  WalkerSummary summary(std::size_t c) const override {
    return {summaries_.energy[c], summaries_.cued[c], summaries_.max_abs[c], 0,
            summaries_.max_other[c]};
  }

  void pack_spins(std::size_t c, std::span<std::uint64_t> bits) const override {
    const std::vector<std::int8_t>& s = walkers_[c]->spins();
    std::fill(bits.begin(), bits.end(), std::uint64_t{0});
    for (std::size_t i = 0; i < s.size(); ++i) {
      bits[i / 64] |= static_cast<std::uint64_t>(s[i] > 0) << (i % 64);
    }
  }

  std::vector<std::int64_t> spin_products(std::span<const std::int32_t> first,
                                          std::span<const std::int32_t> second) const override {
    const auto count = static_cast<std::int64_t>(first.size());
    std::vector<std::int64_t> products(first.size());
    // O(N) per pair, K times less than a sweep: fork only when the products alone are worth it
    const bool fork =
        static_cast<double>(count) * N_ >= static_cast<double>(kParallelWorkThreshold);
#pragma omp parallel for schedule(static) num_threads(threads_) if (fork)
    for (std::int64_t x = 0; x < count; ++x) {
      const std::int8_t* a = walkers_[static_cast<std::size_t>(first[x])]->spins().data();
      const std::int8_t* b = walkers_[static_cast<std::size_t>(second[x])]->spins().data();
      std::int64_t sum = 0;
      for (int i = 0; i < N_; ++i) sum += a[i] * b[i];
      products[x] = sum;
    }
    return products;
  }

  std::vector<std::int8_t> spins() const override {
    std::vector<std::int8_t> out;
    out.reserve(walkers_.size() * static_cast<std::size_t>(N_));
    for (const auto& w : walkers_) out.insert(out.end(), w->spins().begin(), w->spins().end());
    return out;
  }

  void set_spins(std::span<const std::int8_t> spins) override {
    const std::size_t N = static_cast<std::size_t>(N_);
    if (spins.size() != walkers_.size() * N) {
      throw std::invalid_argument("host walkers: " + std::to_string(spins.size()) +
                                  " spins given, " + std::to_string(walkers_.size() * N) +
                                  " expected");
    }
    const auto count = static_cast<std::int64_t>(walkers_.size());
    // building a replica is O(N K): always worth the threads (as the initial construction)
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
    for (std::int64_t c = 0; c < count; ++c) {
      const auto begin = spins.begin() + static_cast<std::ptrdiff_t>(c * N);
      std::vector<std::int8_t> s(begin, begin + static_cast<std::ptrdiff_t>(N));
      if (walkers_[c]) {
        walkers_[c]->set_spins(std::move(s));
      } else {
        walkers_[c] = std::make_unique<Replica>(
            networks_[static_cast<std::size_t>(c) / per_sample_], std::move(s), kernel_);
      }
      summarise(c);
    }
  }

 private:
  void summarise(std::int64_t c) {
    const Replica& w = *walkers_[c];
    summaries_.energy[c] = w.energy_numerator();
    summaries_.cued[c] = w.overlaps()[0];
    const std::int32_t other = largest_overlap(w, 1);
    summaries_.max_abs[c] = std::max(other, std::abs(w.overlaps()[0]));
    summaries_.max_other[c] = other;
  }

  const std::vector<Network>& networks_;  // owned by the driver, outlives the ensemble
  int N_;
  FlipKernel kernel_;
  int threads_;
  std::vector<std::unique_ptr<Replica>> walkers_;
  std::size_t per_sample_;
  bool parallel_;
  WalkerSummaries summaries_;  // of the current state, updated with every change
};

}  // namespace

bool worth_parallel(std::size_t walkers, int N, std::int64_t K) {
  return static_cast<double>(walkers) * N * static_cast<double>(K) >=
         static_cast<double>(kParallelWorkThreshold);
}

WalkerEnsembleFactory host_walkers() {
  return [](const TemperingParameters& p, const std::vector<Network>& networks,
            std::span<const std::int8_t> spins, int threads) -> std::unique_ptr<WalkerEnsemble> {
    return std::make_unique<HostWalkers>(p, networks, spins, threads);
  };
}

}  // namespace dhn::montecarlo

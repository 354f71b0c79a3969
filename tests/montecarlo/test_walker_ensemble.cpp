// The driver (Tempering) against the walker-ensemble interface: a reference ensemble written
// independently of host_walkers() (serial loops; summaries and spin products recomputed from
// the spins and patterns from scratch at every call; no walker-by-walker access, so the driver
// runs it one whole-ensemble sweep at a time) must give the default run byte for byte, also when
// a run stopped in one ensemble is restored into the other. This is the path the GPU backend
// takes (its kernels are compared with montecarlo::sweep by the gpu-labelled tests), so it checks
// the driver's keys, temperatures, walker pairs, measurements and swaps for any backend. The host
// ensemble runs each chain on its own thread for a batch of sweeps and replays the measurements
// afterwards: it must equal the sweep-by-sweep reference for any thread count and batch length,
// across stops and restores inside a batch. The host ensemble's summaries are checked against
// the brute-force recomputation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "dhn/montecarlo/dynamics.hpp"
#include "dhn/montecarlo/host_walkers.hpp"
#include "dhn/montecarlo/replica.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "tempering_fixtures.hpp"

using dhn::Variant;
using namespace dhn::montecarlo;
using testing::same_state;
using testing::small_run;

namespace {

class ReferenceWalkers final : public WalkerEnsemble {
 public:
  ReferenceWalkers(const std::vector<Network>& networks, std::span<const std::int8_t> spins)
      : networks_(networks), N_(networks.front().N()) {
    per_sample_ = spins.size() / static_cast<std::size_t>(N_) / networks.size();
    set_spins(spins);
  }
  std::string_view backend() const override { return "reference"; }
  std::size_t walkers() const override { return replicas_.size(); }
  std::vector<std::int64_t> sweep(const SweepRequest& request) override {
    std::vector<std::int64_t> accepted(replicas_.size(), 0);
    for (std::size_t c = 0; c < replicas_.size(); ++c) {
      const ReplicaKey key{request.seed, c / per_sample_, request.key_replica[c]};
      SweepParameters parameters{request.beta[c], request.rule, request.order};
      if (!request.S0_min.empty()) {
        parameters.S0_min = request.S0_min[c];
        parameters.S0_max = request.S0_max[c];
      }
      for (int s = 0; s < request.sweeps; ++s) {
        accepted[c] += dhn::montecarlo::sweep(replicas_[c], parameters, key,
                                              static_cast<std::uint64_t>(request.first_sweep + s));
      }
    }
    return accepted;
  }
  WalkerSummaries summaries() const override {
    WalkerSummaries out;
    for (const Replica& r : replicas_) {
      const std::vector<std::int32_t> S = compute_overlaps(r.network().patterns(), r.spins());
      std::int32_t largest = 0, other = 0;
      for (std::size_t mu = 0; mu < S.size(); ++mu) {
        largest = std::max(largest, std::abs(S[mu]));
        if (mu > 0) other = std::max(other, std::abs(S[mu]));
      }
      out.energy.push_back(compute_energy_numerator(r.network(), S));
      out.cued.push_back(S[0]);
      out.max_abs.push_back(largest);
      out.max_other.push_back(other);
    }
    return out;
  }
  std::vector<std::int64_t> spin_products(std::span<const std::int32_t> first,
                                          std::span<const std::int32_t> second) const override {
    std::vector<std::int64_t> out;
    for (std::size_t x = 0; x < first.size(); ++x) {
      const auto& a = replicas_[static_cast<std::size_t>(first[x])].spins();
      const auto& b = replicas_[static_cast<std::size_t>(second[x])].spins();
      std::int64_t sum = 0;
      for (std::size_t i = 0; i < N_; ++i) sum += a[i] == b[i] ? 1 : -1;
      out.push_back(sum);
    }
    return out;
  }
  std::vector<std::int8_t> spins() const override {
    std::vector<std::int8_t> out;
    for (const Replica& r : replicas_) out.insert(out.end(), r.spins().begin(), r.spins().end());
    return out;
  }
  void set_spins(std::span<const std::int8_t> spins) override {
    replicas_.clear();
    for (std::size_t c = 0; c * N_ < spins.size(); ++c) {
      const auto begin = spins.begin() + static_cast<std::ptrdiff_t>(c * N_);
      replicas_.emplace_back(networks_[c / per_sample_],
                             std::vector<std::int8_t>(begin, begin + N_));
    }
  }

 private:
  const std::vector<Network>& networks_;
  std::size_t N_;
  std::size_t per_sample_ = 1;
  std::vector<Replica> replicas_;
};

WalkerEnsembleFactory reference_walkers() {
  return [](const TemperingParameters&, const std::vector<Network>& networks,
            std::span<const std::int8_t> spins, int) -> std::unique_ptr<WalkerEnsemble> {
    return std::make_unique<ReferenceWalkers>(networks, spins);
  };
}

// Umbrella windows in m at one temperature (the walls and the window swap rule in the path).
TemperingParameters umbrella_case() {
  TemperingParameters p = small_run(3, Variant::distinct, UpdateRule::metropolis, SiteOrder::random,
                                    1, InitialKind::pattern);
  p.window_lo = {-1.0, -0.4, 0.2, 0.5};
  p.window_hi = {-0.2, 0.4, 0.7, 1.0};
  p.T.assign(4, 0.3);
  return p;
}

const std::vector<TemperingParameters>& cases() {
  static const std::vector<TemperingParameters> all{
      small_run(2, Variant::distinct, UpdateRule::metropolis, SiteOrder::sequential, 1,
                InitialKind::pattern),
      small_run(3, Variant::full, UpdateRule::heat_bath, SiteOrder::random, 2, InitialKind::random),
      small_run(4, Variant::distinct, UpdateRule::metropolis, SiteOrder::random, 3,
                InitialKind::noisy),
      small_run(3, Variant::distinct, UpdateRule::heat_bath, SiteOrder::sequential, 0,
                InitialKind::random),
      umbrella_case(),
  };
  return all;
}

}  // namespace

TEST_CASE("a reference walker ensemble reproduces the default run byte for byte",
          "[montecarlo][tempering]") {
  for (const TemperingParameters& p : cases()) {
    Tempering host(p, 2);
    host.run();
    Tempering reference(p, 1, reference_walkers());
    CHECK(reference.walkers().backend() == "reference");
    CHECK(reference.run() == RunStatus::finished);
    CHECK(same_state(host.state(), reference.state()));
    if (p.swap_every > 0) {
      std::int64_t swaps = 0;
      for (std::int64_t s : reference.accumulators().swaps_accepted) swaps += s;
      CHECK(swaps > 0);  // the ladders did move: the comparison covers the swap bookkeeping
    }

    // stopped at sweep 23 in the reference ensemble, continued in the host one and vice versa
    Tempering first(p, 1, reference_walkers());
    CHECK(first.run([](const Tempering& t) { return t.sweeps_done() < 23; }) == RunStatus::stopped);
    CHECK(first.sweeps_done() == 23);
    Tempering second(p, 1);
    second.restore(first.state());
    second.run();
    CHECK(same_state(host.state(), second.state()));
    Tempering third(p, 1, reference_walkers());
    Tempering stopped(p, 2);
    stopped.run([](const Tempering& t) { return t.sweeps_done() < 31; });
    third.restore(stopped.state());
    third.run();
    CHECK(same_state(host.state(), third.state()));

    // a different seed differs: the comparison can fail
    TemperingParameters other = p;
    other.seed += 1;
    Tempering different(other, 1, reference_walkers());
    different.run();
    CHECK_FALSE(same_state(host.state(), different.state()));
  }
}

// The batched host path against the sweep-by-sweep reference: R = 1, 2, 3 chains per sample and
// swaps every 0, 1 and 3 sweeps (and umbrella windows, the cases above), on 1, 2 and 3 threads,
// in batches of 1, 7 and all sweeps (the small runs fork threads from 5 sweeps on: D R L N K =
// 14400 per sweep against kParallelWorkThreshold = 65536).
TEST_CASE("batched host runs equal the sweep-by-sweep run for any threads and batch length",
          "[montecarlo][tempering]") {
  std::vector<TemperingParameters> all;
  for (const TemperingParameters& p : cases()) {
    for (int replicas : {1, 2, 3}) {
      TemperingParameters q = p;
      q.replicas = replicas;
      all.push_back(q);
    }
  }
  for (const TemperingParameters& p : all) {
    INFO("P = " << p.P << ", R = " << p.replicas << ", swap_every = " << p.swap_every
                << (umbrella(p) ? ", umbrella windows" : ""));
    Tempering reference(p, 1, reference_walkers());
    reference.run();
    const TemperingState expected = reference.state();
    for (int threads : {1, 2, 3}) {
      for (std::int64_t batch : {std::int64_t{1}, std::int64_t{7}, total_sweeps(p)}) {
        INFO(threads << " threads, batches of " << batch << " sweeps");
        Tempering host(p, threads);
        CHECK(host.walkers().independent_walkers());
        while (!host.finished()) host.advance(batch);
        CHECK(same_state(host.state(), expected));
      }
    }
  }
}

// run() with pacing: batches double while they are far shorter than batch_seconds (1000 s here:
// any machine), the callback sees every batch's end, and stop_at_sweep cuts the batch that would
// pass it (1, 3, 7, 15, then 23 instead of 31); the state saved there continues bit-identically
// in other batches and thread counts.
TEST_CASE("a paced run stops exactly at stop_at_sweep inside a batch and resumes bit-identically",
          "[montecarlo][tempering][checkpoint]") {
  for (const TemperingParameters& p : cases()) {
    Tempering reference(p, 1, reference_walkers());
    reference.run();
    Tempering first(p, 2);
    std::vector<std::int64_t> seen;
    const RunStatus status = first.run(
        [&](const Tempering& t) {
          seen.push_back(t.sweeps_done());
          return t.sweeps_done() < 23;
        },
        {.batch_seconds = 1000.0, .stop_at_sweep = 23});
    CHECK(status == RunStatus::stopped);
    CHECK(seen == std::vector<std::int64_t>{1, 3, 7, 15, 23});
    for (int threads : {1, 2}) {
      Tempering resumed(p, threads);
      resumed.restore(first.state());
      while (!resumed.finished()) resumed.advance(5);
      CHECK(same_state(resumed.state(), reference.state()));
    }
  }
}

TEST_CASE("the host ensemble's summaries are the brute-force ones", "[montecarlo][tempering]") {
  const TemperingParameters p =
      small_run(4, Variant::full, UpdateRule::metropolis, SiteOrder::random, 1, InitialKind::noisy);
  Tempering run(p, 2);
  run.run([](const Tempering& t) { return t.sweeps_done() < 17; });
  const std::vector<std::int8_t> spins = run.walkers().spins();
  const WalkerSummaries s = run.walkers().summaries();
  REQUIRE(s.energy.size() == run.walkers().walkers());
  const std::size_t N = static_cast<std::size_t>(p.N);
  const std::size_t per_sample = run.walkers().walkers() / static_cast<std::size_t>(p.samples);
  for (std::size_t c = 0; c < run.walkers().walkers(); ++c) {
    const Network& network = run.network(static_cast<int>(c / per_sample));
    const std::vector<std::int8_t> x(spins.begin() + static_cast<std::ptrdiff_t>(c * N),
                                     spins.begin() + static_cast<std::ptrdiff_t>((c + 1) * N));
    const std::vector<std::int32_t> S = compute_overlaps(network.patterns(), x);
    std::int32_t largest = 0;
    for (std::int32_t v : S) largest = std::max(largest, std::abs(v));
    CHECK(s.energy[c] == compute_energy_numerator(network, S));
    CHECK(s.cued[c] == S[0]);
    CHECK(s.max_abs[c] == largest);
    std::int32_t other = 0;
    for (std::size_t mu = 1; mu < S.size(); ++mu) other = std::max(other, std::abs(S[mu]));
    CHECK(s.max_other[c] == other);
    // the packed spins: bit i set exactly for s_i = +1, the padding of the last word zero
    std::vector<std::uint64_t> bits(packed_words(p.N), ~std::uint64_t{0});
    run.walkers().pack_spins(c, bits);
    for (std::size_t i = 0; i < 64 * bits.size(); ++i) {
      CHECK(((bits[i / 64] >> (i % 64)) & 1) == (i < N && x[i] == 1 ? 1u : 0u));
    }
  }
}

TEST_CASE("restore rejects a malformed state in any ensemble", "[montecarlo][tempering]") {
  const TemperingParameters p = small_run(3, Variant::distinct, UpdateRule::metropolis,
                                          SiteOrder::random, 1, InitialKind::pattern);
  for (const WalkerEnsembleFactory& factory : {host_walkers(), reference_walkers()}) {
    Tempering run(p, 1, factory);
    TemperingState s = run.state();
    s.slot_of_walker[1] = s.slot_of_walker[0];
    CHECK_THROWS_AS(run.restore(s), std::invalid_argument);
    s = run.state();
    s.spins.pop_back();
    CHECK_THROWS_AS(run.restore(s), std::invalid_argument);
  }
}

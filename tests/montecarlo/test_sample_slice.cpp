// Issue 18 (job arrays without MPI): a slice of a run's disorder samples (first_sample,
// total_samples; mc --sample-range) computes exactly the whole run's rows of those samples on
// either engine path, the slices' accumulators appended in sample order are the whole run's,
// and the summary of that concatenation is the whole run's to the bit. Out-of-range slices are
// refused naming sample-range.
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "dhn/model/parameter_error.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"

using namespace dhn::montecarlo;

namespace {
TemperingParameters whole_run() {
  TemperingParameters p;
  p.P = 3;
  p.N = 16;
  p.K = 12;
  p.T = {0.08, 0.15, 0.3};
  p.replicas = 2;
  p.samples = 5;
  p.therm = 7;
  p.sweeps = 30;
  p.swap_every = 2;
  p.init = InitialKind::noisy;
  p.m0 = 0.5;
  p.seed = 91;
  p.bins = 4;
  return p;
}

TemperingParameters slice_of(TemperingParameters p, int first, int end) {
  p.total_samples = p.samples;
  p.first_sample = first;
  p.samples = end - first;
  return p;
}

template <class T>
std::vector<T> rows(const std::vector<T>& all, int D, int first, int end) {
  const std::size_t per = all.size() / static_cast<std::size_t>(D);
  return {all.begin() + static_cast<std::ptrdiff_t>(per * first),
          all.begin() + static_cast<std::ptrdiff_t>(per * end)};
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same_bits(const std::vector<Estimate>& a, const std::vector<Estimate>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(Estimate)) == 0;
}
}  // namespace

TEST_CASE("issue 18: slices compute the whole run's samples; their concatenation summarises alike",
          "[montecarlo][tempering][slice]") {
  const TemperingParameters p = whole_run();
  // the chain-batched path, on one thread and on two
  const int threads = GENERATE(1, 2);
  Tempering whole(p, threads);
  whole.run();
  const TemperingState w = whole.state();
  const int cuts[] = {0, 2, 3, 5};
  TemperingState joined;
  for (int j = 0; j < 3; ++j) {
    const TemperingParameters q = slice_of(p, cuts[j], cuts[j + 1]);
    Tempering part(q, threads);
    part.run();
    const TemperingState s = part.state();
    CHECK(s.spins == rows(w.spins, p.samples, cuts[j], cuts[j + 1]));
    CHECK(s.slot_of_walker == rows(w.slot_of_walker, p.samples, cuts[j], cuts[j + 1]));
    CHECK(s.round_trips == rows(w.round_trips, p.samples, cuts[j], cuts[j + 1]));
    CHECK(same_bits(s.accumulators.bin_sums,
                    rows(w.accumulators.bin_sums, p.samples, cuts[j], cuts[j + 1])));
    if (j == 0) {
      joined = s;
    } else {
      joined.round_trips.insert(joined.round_trips.end(), s.round_trips.begin(),
                                s.round_trips.end());
      joined.accumulators.append_samples(s.accumulators);
    }
  }
  REQUIRE(joined.accumulators.consistent());
  const TemperingSummary a = summarize(whole);
  const TemperingSummary b = summarize(p, joined.accumulators, joined.round_trips);
  for (int o = 0; o < kObservables; ++o) {
    CHECK(same_bits(a.observables[o], b.observables[o]));
    CHECK(same_bits(a.window_average[o], b.window_average[o]));
    CHECK(same_bits(a.window_error[o], b.window_error[o]));
  }
  CHECK(same_bits(a.binder_q, b.binder_q));
  CHECK(same_bits(a.flip_acceptance, b.flip_acceptance));
  CHECK(same_bits(a.swap_acceptance, b.swap_acceptance));
  CHECK(a.round_trips == b.round_trips);
}

TEST_CASE("issue 18: a one-chain slice (the sweep-by-sweep path) computes the whole run's sample",
          "[montecarlo][tempering][slice]") {
  TemperingParameters p = whole_run();
  p.replicas = 1;  // a slice of one sample is then one chain: on two threads it runs sweep by sweep
  Tempering whole(p, 1);
  whole.run();
  const TemperingState w = whole.state();
  Tempering part(slice_of(p, 3, 4), 2);
  part.run();
  const TemperingState s = part.state();
  CHECK(s.spins == rows(w.spins, p.samples, 3, 4));
  CHECK(s.slot_of_walker == rows(w.slot_of_walker, p.samples, 3, 4));
  CHECK(same_bits(s.accumulators.bin_sums, rows(w.accumulators.bin_sums, p.samples, 3, 4)));
  CHECK(s.accumulators.swaps_accepted == rows(w.accumulators.swaps_accepted, p.samples, 3, 4));
}

TEST_CASE("issue 18: a slice outside its run is refused naming sample-range",
          "[montecarlo][tempering][slice]") {
  TemperingParameters p = slice_of(whole_run(), 3, 5);
  CHECK_NOTHROW(validate(p));
  p.samples = 3;  // 3:6 of 5
  CHECK_THROWS_WITH(validate(p), Catch::Contains("sample-range = 3:6 is out of range"));
  p = whole_run();
  p.first_sample = 1;  // an offset without a whole run
  CHECK_THROWS_AS(validate(p), dhn::ParameterError);
}

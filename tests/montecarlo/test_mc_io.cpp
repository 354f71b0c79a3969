// Round trips through the Monte Carlo HDF5 files (analysis/mc_io.hpp): a checkpoint read back
// restores a run that then ends bit-identical to an uninterrupted one; unreadable or foreign
// checkpoints are refused with std::invalid_argument; the results file carries its tags, the
// parameters and the summary's numbers unchanged.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "dhn/analysis/h5_arrays.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/mc_io.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"

namespace fs = std::filesystem;
using namespace dhn::montecarlo;
using namespace dhn::analysis;

namespace {
TemperingParameters io_run() {
  TemperingParameters p;
  p.P = 4;
  p.variant = dhn::Variant::full;
  p.N = 20;
  p.K = 90;
  p.T = {0.004, 0.006, 0.009};
  p.replicas = 2;
  p.samples = 2;
  p.therm = 10;
  p.sweeps = 40;
  p.swap_every = 3;
  p.init = InitialKind::noisy;
  p.m0 = 0.6;
  p.seed = 0xfedcba9876543210ull;  // above 2^63: the seed attribute must be unsigned 64-bit
  p.bins = 8;
  return p;
}

struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / ("dhn_mc_io_" + std::to_string(::getpid()))) {
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

Provenance test_provenance() {
  return {"test", "test", "test_montecarlo", utc_now_iso8601(), 1};
}
}  // namespace

TEST_CASE("a checkpoint read back continues bit-identically", "[montecarlo][io][checkpoint]") {
  const TempDir dir;
  const TemperingParameters p = io_run();
  Tempering straight(p, 1);
  straight.run();
  {
    Tempering first(p, 2);
    first.run([](const Tempering& t) { return t.sweeps_done() < 23; });
    write_mc_checkpoint(dir.file("ck.h5"), first, test_provenance(), {1.5, 0, 1, 0.25});
  }
  const McCheckpoint c = read_mc_checkpoint(dir.file("ck.h5"));
  CHECK(describe_mismatch(c.parameters, p).empty());
  CHECK(c.parameters.seed == p.seed);
  CHECK(c.info.wall_seconds == 1.5);
  CHECK(c.info.checkpoints == 1);
  CHECK(c.info.alpha_requested == 0.25);
  CHECK(c.state.sweep == 23);
  Tempering resumed(c.parameters, 1);
  resumed.restore(c.state);
  resumed.run();
  const TemperingState a = resumed.state(), b = straight.state();
  CHECK(a.spins == b.spins);
  CHECK(a.slot_of_walker == b.slot_of_walker);
  CHECK(a.round_trips == b.round_trips);
  CHECK(a.accumulators.bin_sums == b.accumulators.bin_sums);
  CHECK(a.accumulators.window_sums == b.accumulators.window_sums);
  CHECK(a.accumulators.q_histogram == b.accumulators.q_histogram);
  CHECK(a.accumulators.swaps_accepted == b.accumulators.swaps_accepted);
  // a changed parameter is named in the mismatch
  TemperingParameters other = p;
  other.N = 24;
  other.T[1] = 0.0061;
  const std::string why = describe_mismatch(c.parameters, other);
  CHECK(why.find("N: checkpoint 20, requested 24") != std::string::npos);
  CHECK(why.find("temps: checkpoint 0.004,0.006,0.009, requested 0.004,0.0061,0.009") !=
        std::string::npos);
}

TEST_CASE("missing, foreign and truncated checkpoints are refused",
          "[montecarlo][io][checkpoint]") {
  const TempDir dir;
  CHECK_THROWS_AS(read_mc_checkpoint(dir.file("missing.h5")), std::invalid_argument);
  {
    std::ofstream text(dir.file("text.h5"));
    text << "not an HDF5 file\n";
  }
  CHECK_THROWS_WITH(read_mc_checkpoint(dir.file("text.h5")), Catch::Contains("cannot be read"));
  Tempering run(io_run(), 1);
  run.run();
  write_mc_results(dir.file("results.h5"), run, summarize(run), test_provenance(), {});
  CHECK_THROWS_WITH(read_mc_checkpoint(dir.file("results.h5")), Catch::Contains("dhn_type 'mc'"));
  write_mc_checkpoint(dir.file("ck.h5"), run, test_provenance(), {});
  {  // truncate the checkpoint to half its size
    const auto size = fs::file_size(dir.file("ck.h5"));
    fs::resize_file(dir.file("ck.h5"), size / 2);
  }
  CHECK_THROWS_AS(read_mc_checkpoint(dir.file("ck.h5")), std::invalid_argument);
}

TEST_CASE("the results file holds tags, parameters and the summary", "[montecarlo][io]") {
  const TempDir dir;
  const TemperingParameters p = io_run();
  Tempering run(p, 1);
  run.run();
  const TemperingSummary s = summarize(run);
  McRunInfo info;
  info.backend = "cuda";
  write_mc_results(dir.file("out.h5"), run, s, test_provenance(), info);
  CHECK_FALSE(fs::exists(dir.file("out.h5") + ".tmp." + std::to_string(::getpid())));
  const H5::H5File file(dir.file("out.h5"), H5F_ACC_RDONLY);
  const H5::Group root = file.openGroup("/");
  CHECK(read_attribute_string(file.openGroup("/mc/meta"), "backend") == "cuda");
  CHECK_NOTHROW(check_group_type(root, "mc"));
  CHECK(read_attribute_string(root, "convention") == "B");
  CHECK(read_attribute_string(root, "command_line") == "test_montecarlo");
  const H5::Group parameters = file.openGroup("/mc/parameters");
  CHECK_NOTHROW(check_group_type(parameters, "mc_parameters"));
  CHECK(read_attribute_uint64(parameters, "seed") == p.seed);
  CHECK(read_dataset_double(parameters, "T") == p.T);
  const std::vector<double> e = read_dataset_double(root, "/mc/observables/e/mean");
  REQUIRE(e.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) CHECK(e[k] == s.observables[int(Observable::e)][k].mean);
  const std::vector<std::int64_t> q = read_array_int64(root, "/mc/histograms/q", {2, 3, 21});
  std::int64_t total = 0;
  for (std::int64_t n : q) total += n;
  CHECK(total == 2 * 3 * p.sweeps);  // D L sweeps x one pair
  CHECK_THROWS_AS(read_array_int64(root, "/mc/histograms/q", {2, 3, 20}), std::runtime_error);
  const std::vector<double> bins = read_array_double(root, "/mc/bins/m", {2, 3, 8});
  CHECK(bins[0] > 0.0);  // noisy start at m0 = 0.6 stays near the pattern at these T
  const std::vector<std::int8_t> spins =
      read_array_int8(root, "/mc/tempering/final_spins", {2, 2, 3, 20});
  CHECK(spins == [&] {
    const std::vector<std::int8_t> by_walker = run.state().spins;
    std::vector<std::int8_t> x;
    for (int d = 0; d < 2; ++d)
      for (int r = 0; r < 2; ++r)
        for (int k = 0; k < 3; ++k) {
          const auto w =
              by_walker.begin() +
              static_cast<std::ptrdiff_t>(run.walker_index(d, r, run.walker_at(d, r, k)) * 20);
          x.insert(x.end(), w, w + 20);
        }
    return x;
  }());
}

TEST_CASE("an umbrella checkpoint keeps its windows and continues bit-identically",
          "[montecarlo][io][checkpoint][umbrella]") {
  const TempDir dir;
  TemperingParameters p = io_run();
  p.init = InitialKind::pattern;
  p.window_lo = {-1.0, -0.3, 0.2};
  p.window_hi = {-0.1, 0.5, 1.0};
  p.T.assign(3, 0.01);
  Tempering straight(p, 1);
  straight.run();
  {
    Tempering first(p, 2);
    first.run([](const Tempering& t) { return t.sweeps_done() < 17; });
    write_mc_checkpoint(dir.file("umbrella.h5"), first, test_provenance(), {1.0, 0, 1, NAN});
  }
  const McCheckpoint c = read_mc_checkpoint(dir.file("umbrella.h5"));
  CHECK(c.parameters.window_lo == p.window_lo);
  CHECK(c.parameters.window_hi == p.window_hi);
  CHECK(describe_mismatch(c.parameters, p).empty());
  TemperingParameters other = p;
  other.window_hi[1] = 0.6;
  CHECK_FALSE(describe_mismatch(c.parameters, other).empty());  // other windows: refused
  Tempering resumed(c.parameters, 1);
  resumed.restore(c.state);
  resumed.run();
  CHECK(resumed.state().spins == straight.state().spins);
  CHECK(resumed.accumulators().m_histogram == straight.accumulators().m_histogram);
}

TEST_CASE("issue 18: a part's results file keeps its state; a whole run's file is no part",
          "[montecarlo][io][slice]") {
  const TempDir dir;
  TemperingParameters p = io_run();
  p.total_samples = 3;  // the slice 1:3 of 3
  p.first_sample = 1;
  p.samples = 2;
  Tempering run(p, 1);
  run.run();
  const McRunInfo info{2.5, 1, 3, 0.125, "cpu", true};
  write_mc_results(dir.file("part.h5"), run, summarize(run), test_provenance(), info);
  const McPart part = read_mc_part(dir.file("part.h5"));
  CHECK(describe_mismatch(part.parameters, p).empty());
  CHECK(part.parameters.first_sample == 1);
  CHECK(part.parameters.total_samples == 3);
  const TemperingState s = run.state();
  CHECK(part.state.sweep == s.sweep);
  CHECK(part.state.spins == s.spins);
  CHECK(part.state.slot_of_walker == s.slot_of_walker);
  CHECK(part.state.trip_label == s.trip_label);
  CHECK(part.state.round_trips == s.round_trips);
  CHECK(part.state.accumulators.bin_sums == s.accumulators.bin_sums);
  CHECK(part.state.accumulators.window_sums == s.accumulators.window_sums);
  CHECK(part.state.accumulators.q_histogram == s.accumulators.q_histogram);
  CHECK(part.state.accumulators.flips_accepted == s.accumulators.flips_accepted);
  CHECK(part.state.accumulators.swaps_accepted == s.accumulators.swaps_accepted);
  CHECK(part.info.wall_seconds == 2.5);
  CHECK(part.info.resumes == 1);
  CHECK(part.info.checkpoints == 3);
  CHECK(part.info.alpha_requested == 0.125);
  CHECK(part.info.save_patterns);

  Tempering whole(io_run(), 1);
  whole.run();
  write_mc_results(dir.file("whole.h5"), whole, summarize(whole), test_provenance(), {});
  CHECK_THROWS_WITH(read_mc_part(dir.file("whole.h5")), Catch::Contains("not a part"));
  CHECK_THROWS_WITH(read_mc_part(dir.file("absent.h5")), Catch::Contains("no such file"));
}

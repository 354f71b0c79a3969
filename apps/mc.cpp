// mc: parallel-tempering Monte Carlo of the dense Hebbian network (montecarlo/tempering.hpp):
// parse, build the run (or restore it from a checkpoint), run under a stop callback that writes
// checkpoints, then write the results atomically to HDF5 (docs/hdf5-schema.md, "Monte Carlo").
// --backend cuda puts the walkers on the GPU (cuda/device_walkers.hpp) under the same driver,
// with results identical to the CPU's; only the /mc/meta attribute `backend` tells them apart.
// Exit codes: 0 done, 1 runtime failure, 2 bad input, 3 stopped at --stop-at-sweep, 128 + signal
// number after SIGINT / SIGTERM (a checkpoint is written first in both stopped cases).
// Subcommands (mc_subcommands.hpp): mc merge OUT PART... and mc status FILE.
// Under mpirun the samples (with fewer samples than ranks, their chains) are shared out over the
// ranks (mc_on_ranks.hpp); rank 0 alone reads and writes files, which are those of a single
// process (docs/clusters.md, "MPI: mc").
#include <fmt/core.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/common_options.hpp"
#include "common/mpi_session.hpp"
#include "common/option_checks.hpp"
#include "common/progress.hpp"
#include "common/run_main.hpp"
#include "common/sample_range.hpp"
#include "common/toml_config.hpp"
#include "dhn/analysis/h5_file.hpp"
#include "dhn/analysis/mc_io.hpp"
#include "dhn/analysis/provenance.hpp"
#include "dhn/model/parameter_error.hpp"
#include "dhn/model/units.hpp"
#include "dhn/montecarlo/host_walkers.hpp"
#include "dhn/montecarlo/memory_estimate.hpp"
#include "dhn/montecarlo/patterns.hpp"
#include "dhn/montecarlo/temperature_ladder.hpp"
#include "dhn/montecarlo/tempering.hpp"
#include "dhn/montecarlo/tempering_summary.hpp"
#include "mc_on_ranks.hpp"
#include "mc_subcommands.hpp"
#if DHN_HAVE_CUDA
#include "dhn/cuda/device.hpp"
#include "dhn/cuda/device_walkers.hpp"
#endif

namespace {

namespace mc = dhn::montecarlo;
namespace an = dhn::analysis;
using Clock = std::chrono::steady_clock;

inline constexpr int kExitStopped = 3;  // --stop-at-sweep reached, checkpoint written

struct Options {
  dhn::cli::CommonOptions common;       // --p --variant --convention --output --threads --quiet
  int N = 0;                            // spins, N >= P
  double alpha = NAN;                   // load, in --convention units (K = round(alpha N^(P-1)))
  std::int64_t K = 0;                   // patterns, instead of --alpha
  std::string temps;                    // ladder: Tmin:Tmax:count or T1,T2,... (--convention)
  std::string windows;                  // umbrella windows in m: lo:hi:count ("" = none)
  double condensed_m = 0.7;             // umbrella: max other |m_nu| counted as condensed
  int replicas = 2;                     // independent tempering chains per sample
  int samples = 1;                      // disorder samples
  std::string sample_range;             // a:b, run only samples a .. b-1 (a job array's part)
  std::int64_t sweeps = 1024;           // measured sweeps
  std::int64_t therm = 256;             // thermalisation sweeps
  int swap_every = 1;                   // sweeps between swap rounds, 0 = none
  int bins = 64;                        // time bins of the measured sweeps
  std::uint64_t seed = 1;               // user seed
  std::string init = "pattern";         // pattern | noisy:<m0> | random
  std::string dynamics = "metropolis";  // RULE[,ORDER]
  std::string checkpoint;               // checkpoint file, default <output>.checkpoint
  double checkpoint_every = 300.0;      // seconds between checkpoints, 0 = only when stopping
  bool resume = false;                  // continue from the checkpoint
  bool allow_large_memory = false;      // skip the refusal of runs larger than the free memory
  std::int64_t stop_at_sweep = 0;       // checkpoint and exit 3 after this many sweeps
  std::string backend = "cpu";          // cpu | cuda
  bool save_patterns = false;           // store every sample's patterns in the results file
};

// Declarations only: every value is parsed and validated by montecarlo/ (tempering_parameters,
// temperature_ladder, patterns) or model/, whose errors name the option.
void register_options(CLI::App& app, Options& o) {
  app.config_formatter(std::make_shared<dhn::cli::TomlConfig>(&app));
  app.allow_config_extras(CLI::config_extras_mode::error);  // a misspelt key is an error
  app.set_config("--config", "",
                 "TOML file of option = value lines (flags given on the command "
                 "line win; keys are the long option names)");
  dhn::cli::add_common_options(
      app, o.common,
      {.P = 3,
       .output_help = "HDF5 results file (written atomically; always in convention B)",
       .convention_help = "units of --alpha and --temps: B (this suite) or G (alpha_G = P! "
                          "alpha_B, T_G = P! T_B); the results file is in convention B"});
  app.add_option("--n", o.N, "spins N, P <= N <= 2^20")->required();
  CLI::Option* alpha = app.add_option(
      "--alpha", o.alpha, "load alpha > 0 (in --convention units): K = round(alpha_B N^(P-1))");
  CLI::Option* k =
      app.add_option("--k", o.K, "number of patterns, 1 <= K <= 2^40 (instead of --alpha)");
  alpha->excludes(k);
  app.add_option("--temps", o.temps,
                 "temperature ladder (in --convention units): Tmin:Tmax:count (geometric) or "
                 "T1,T2,... strictly increasing")
      ->required();
  app.add_option("--windows", o.windows,
                 "umbrella sampling in m at one temperature (--temps T): lo:hi:count windows, each "
                 "overlapping half of its neighbours; walkers start at the window centres and are "
                 "exchanged between neighbouring windows (CPU backend)");
  app.add_option("--condensed-m", o.condensed_m,
                 "umbrella mode: a configuration with max_{nu>=1} |m_nu| above this counts as "
                 "condensed on another pattern; the profile is given with and without them, (0, 1]")
      ->capture_default_str();
  app.add_option("--replicas", o.replicas,
                 "independent tempering chains per sample (q_ab needs two; with one the overlap "
                 "observables are NaN), 1..4096")
      ->capture_default_str();
  app.add_option("--samples", o.samples, "disorder samples (pattern sets) D, 1..2^20")
      ->capture_default_str();
  app.add_option("--sample-range", o.sample_range,
                 "a:b: run only the disorder samples a .. b-1 (half-open, 0 <= a < b <= "
                 "--samples) of the run, each exactly as the whole run computes it; the output is "
                 "a part, which mc merge joins with the others (docs/clusters.md)");
  app.add_option("--sweeps", o.sweeps, "measured sweeps (N attempted flips each), 1..2^50")
      ->capture_default_str();
  app.add_option("--therm", o.therm, "thermalisation sweeps before measuring, 0..2^50")
      ->capture_default_str();
  app.add_option("--swap-every", o.swap_every,
                 "sweeps between replica-exchange rounds, 0..2^30 (0 = none)")
      ->capture_default_str();
  app.add_option("--bins", o.bins,
                 "time bins of the measured sweeps (errors for one sample), 1..2^20")
      ->capture_default_str();
  app.add_option("--seed", o.seed, "seed of every Philox stream (patterns, states, dynamics)")
      ->check(dhn::cli::unsigned_64_text("seed"))
      ->capture_default_str();
  app.add_option("--init", o.init,
                 "initial state: pattern (the cued pattern), noisy:<m0> (overlap m0 in [-1, 1]) "
                 "or random")
      ->capture_default_str();
  app.add_option("--dynamics", o.dynamics,
                 "RULE[,ORDER]: metropolis or heat-bath, random (default) or sequential order")
      ->capture_default_str();
  app.add_option("--checkpoint", o.checkpoint, "checkpoint file (default <output>.checkpoint)");
  app.add_option("--checkpoint-every", o.checkpoint_every,
                 "seconds between checkpoints (0 = only on SIGINT/SIGTERM/--stop-at-sweep)")
      ->check(dhn::cli::finite_in_range("checkpoint-every", 0.0, 1e9))
      ->capture_default_str();
  app.add_flag("--allow-large-memory", o.allow_large_memory,
               "run even when the estimated memory (printed in the header) exceeds the memory "
               "available now (MemAvailable)");
  app.add_flag("--resume", o.resume,
               "continue the run stored in the checkpoint (its parameters must match)");
  app.add_option("--stop-at-sweep", o.stop_at_sweep,
                 "write a checkpoint and exit 3 once this many sweeps (thermalisation included) "
                 "are done; 0 = run to the end")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 50));
  app.add_flag("--save-patterns", o.save_patterns,
               "store every sample's patterns as /mc/patterns (samples x K x N int8) so that a "
               "small case can be recomputed exactly");
  app.add_option("--backend", o.backend,
                 "where the walkers live: cpu (OpenMP) or cuda (one GPU); results are identical")
      ->check(CLI::IsMember({"cpu", "cuda"}))
      ->capture_default_str();
}

// The run's parameters in convention B, each parsed and validated once by montecarlo/;
// alpha_requested: --alpha in convention B (NaN when --k was given), for the results file.
mc::TemperingParameters parameters_of(const Options& o, const CLI::App& app,
                                      double& alpha_requested) {
  const dhn::Convention convention = o.common.parsed_convention();
  mc::TemperingParameters p;
  p.P = o.common.P;
  p.variant = o.common.parsed_variant();
  p.N = o.N;
  const bool have_alpha = app.count("--alpha") > 0, have_k = app.count("--k") > 0;
  if (have_alpha == have_k) {
    throw std::invalid_argument("give exactly one of --alpha (load) or --k (patterns)");
  }
  alpha_requested = have_alpha ? dhn::alpha_to_B(o.alpha, p.P, convention) : NAN;
  p.K = have_alpha ? mc::pattern_count(dhn::Model{p.P, p.variant, alpha_requested}, o.N) : o.K;
  p.T = mc::parse_ladder(o.temps);
  for (double& T : p.T) T = dhn::temperature_to_B(T, p.P, convention);
  if (!o.windows.empty()) {  // one slot per window, all at the given temperature
    const mc::UmbrellaWindows windows = mc::parse_windows(o.windows);
    p.window_lo = windows.lo;
    p.window_hi = windows.hi;
    p.condensed_m = o.condensed_m;
    if (p.T.size() == 1) p.T.assign(windows.lo.size(), p.T.front());
  }
  p.replicas = o.replicas;
  p.samples = o.samples;
  if (!o.sample_range.empty()) {  // a slice: samples a .. b-1, keyed by their global index
    const dhn::cli::SampleRange range = dhn::cli::parse_sample_range(o.sample_range, o.samples);
    p.first_sample = range.first;
    p.samples = range.end - range.first;
    p.total_samples = o.samples;
  }
  p.therm = o.therm;
  p.sweeps = o.sweeps;
  p.swap_every = o.swap_every;
  p.bins = o.bins;
  p.seed = o.seed;
  const mc::InitialState init = mc::parse_initial_state(o.init);
  p.init = init.kind;
  p.m0 = init.m0;
  const mc::Dynamics dynamics = mc::parse_dynamics(o.dynamics);
  p.rule = dynamics.rule;
  p.order = dynamics.order;
  mc::validate(p);
  return p;
}

// Refuses --backend cuda (exit 2) when the suite was built without CUDA or no GPU is present.
void require_backend(const std::string& backend) {
  if (backend != "cuda") return;
#if DHN_HAVE_CUDA
  if (dhn::cuda::device_count() > 0) return;
  throw std::invalid_argument("--backend cuda: no CUDA device; use --backend cpu");
#else
  throw std::invalid_argument(
      "--backend cuda: this build has no CUDA backend (nvcc was not found), so no CUDA device; "
      "use --backend cpu");
#endif
}

// Where the walkers live: the host (OpenMP) or the GPU (require_backend checked it exists).
mc::WalkerEnsembleFactory walkers_of(const std::string& backend) {
#if DHN_HAVE_CUDA
  if (backend == "cuda") return dhn::cuda::device_walkers();
#endif
  (void)backend;
  return mc::host_walkers();
}

volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_signal(int signal) {
  g_signal = signal;
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void echo(const mc::TemperingParameters& p, const Options& o, const std::string& checkpoint) {
  std::string ladder;
  for (double T : p.T) ladder += fmt::format("{}{:.6g}", ladder.empty() ? "" : ",", T);
  fmt::print(stderr,
             "mc: P = {}, {}, N = {}, K = {} (alpha = {:.6g}, convention B), T = {{{}}}\n"
             "mc: {} samples{} x {} replicas x {} temperatures, {} + {} sweeps, swaps every {}, "
             "{}, {} order, init {}, seed {}, threads {}, backend {}\n"
             "mc: output {}, checkpoint {} every {} s\n",
             p.P, dhn::to_string(p.variant), p.N, p.K,
             static_cast<double>(p.K) / std::pow(double(p.N), p.P - 1), ladder, p.samples,
             mc::slice(p) ? " (" + mc::sample_range_text(p) + ")" : std::string(), p.replicas,
             p.T.size(), p.therm, p.sweeps, p.swap_every, mc::to_string(p.rule),
             mc::to_string(p.order), o.init, p.seed,
             o.common.threads > 0 ? std::to_string(o.common.threads) : std::string("all"),
             o.backend, o.common.output, checkpoint, o.checkpoint_every);
  fmt::print(stderr, "mc: memory about {} (host)\n", mc::estimate_memory(p).describe());
}

void report(const mc::TemperingParameters& p, const mc::TemperingSummary& s) {
  fmt::print(stderr, "mc: {:>9} {:>20} {:>20} {:>20} {:>20} {:>7} {:>7}\n", "T", "e", "m", "max_m",
             "q", "accept", "swap");
  auto est = [](const mc::Estimate& e) {
    return fmt::format("{:>9.5f} +- {:<7.2g}", e.mean, e.error);
  };
  auto o = [&](mc::Observable name, std::size_t k) {
    return est(s.observables[static_cast<int>(name)][k]);
  };
  for (std::size_t k = 0; k < p.T.size(); ++k) {
    fmt::print(stderr, "mc: {:>9.5g} {} {} {} {} {:>7.4f} {:>7.4f}\n", p.T[k],
               o(mc::Observable::e, k), o(mc::Observable::m, k), o(mc::Observable::max_m, k),
               o(mc::Observable::q, k), s.flip_acceptance[k],
               k + 1 < p.T.size() ? s.swap_acceptance[k] : NAN);
  }
  fmt::print(
      stderr, "mc: {} round trips; errors: {} over {} blocks\n", s.round_trips,
      s.blocks == mc::ErrorBlocks::samples ? "jackknife over samples" : "jackknife over time bins",
      s.block_count);
}

// The memory of rank `rank` of `ranks`: its share of the samples; rank 0 of several also holds
// the whole run's state when it gathers it and the whole output image (docs/clusters.md, "MPI:
// mc"). Rank 0's share is the largest, rank 1's the largest of the others.
mc::MemoryEstimate rank_memory(const mc::TemperingParameters& p, int rank, int ranks) {
  const dhn::cli::SampleShare share =
      dhn::cli::work_of_rank(p.samples, p.replicas, rank, ranks).samples;
  if (share.count == 0) return {};
  mc::MemoryEstimate m = mc::estimate_memory(dhn::cli::share_parameters(p, share));
  if (rank == 0 && share.count < p.samples) {
    const mc::MemoryEstimate whole = mc::estimate_memory(p);
    m.accumulators += whole.accumulators;
    m.outputs = whole.outputs;
  }
  return m;
}

void echo_ranks(const dhn::cli::MpiSession& mpi, const mc::TemperingParameters& p) {
  auto ranks_text = [](int first, int last) {
    return first == last ? fmt::format("rank {}", first) : fmt::format("ranks {}..{}", first, last);
  };
  const std::string memory = fmt::format("memory of rank 0 about {}; of each other rank at most {}",
                                         rank_memory(p, 0, mpi.size()).describe(),
                                         rank_memory(p, 1, mpi.size()).describe());
  if (p.samples >= mpi.size()) {
    // share_of_rank: D / R each, one more on the first D mod R ranks
    const int base = p.samples / mpi.size(), extra = p.samples % mpi.size();
    const std::string shares =
        extra == 0 ? fmt::format("{} each", base)
                   : fmt::format("{} on {}, {} on {}", base + 1, ranks_text(0, extra - 1), base,
                                 ranks_text(extra, mpi.size() - 1));
    fmt::print(stderr, "mc: MPI: {} ranks, samples per rank: {}; {}\n", mpi.size(), shares, memory);
    return;
  }
  // fewer samples than ranks: each sample's chains split over a group of ranks (work_of_rank)
  std::vector<std::string> groups, idle;
  for (int r = 0; r < mpi.size(); ++r) {
    const dhn::cli::RankWork w = dhn::cli::work_of_rank(p.samples, p.replicas, r, mpi.size());
    if (w.replicas == 0) idle.push_back(std::to_string(r));
    if (w.measures()) {
      groups.push_back(
          fmt::format("sample {} on {}", w.samples.first, ranks_text(r, r + w.group_members - 1)));
    }
  }
  fmt::print(stderr,
             "mc: MPI: {} ranks for {} sample{}: the {} chains (--replicas) of each sample split "
             "over ranks ({}; the first of each measures); {}\n",
             mpi.size(), p.samples, p.samples == 1 ? "" : "s", p.replicas, fmt::join(groups, ", "),
             memory);
  if (!idle.empty()) {
    fmt::print(stderr,
               "mc: warning: no chain on rank(s) {}, idle (a sample has {} chains; the slots of a "
               "chain are not split over ranks)\n",
               fmt::join(idle, ", "), p.replicas);
  }
}

int run(const dhn::cli::MpiSession& mpi, const Options& o, const CLI::App& app, int argc,
        char** argv) {
  an::McRunInfo info;
  const mc::TemperingParameters p = parameters_of(o, app, info.alpha_requested);
  require_backend(o.backend);
  // refuse before anything is allocated: a run that cannot fit would fail late (bad_alloc, or
  // the OOM killer) after hours of a shared machine's time
  const mc::MemoryEstimate memory = rank_memory(p, mpi.rank(), mpi.size());
  const double available = mc::available_memory_bytes();
  if (!o.allow_large_memory && available > 0 && memory.total() > available) {
    throw std::invalid_argument(
        (mpi.size() > 1 ? fmt::format("rank {} of the run needs about ", mpi.rank())
                        : std::string("the run needs about ")) +
        memory.describe() + ", " + fmt::format("{:.3g} GB", available / 1e9) +
        " are available (accepted: fewer --samples, --replicas or --temps slots, a smaller --n "
        "or --k/--alpha; or --allow-large-memory)");
  }
  if (mc::umbrella(p) && o.backend == "cuda") {
    throw dhn::ParameterError("backend",
                              " cuda: umbrella windows run on the CPU only so far "
                              "(accepted: cpu with --windows)");
  }
  if (mpi.size() > p.samples && o.backend == "cuda") {
    throw dhn::ParameterError("backend",
                              fmt::format(" cuda: with fewer samples ({}) than ranks "
                                          "({}) the chains are split, which runs on the "
                                          "CPU only (accepted: cpu, or at most {} ranks)",
                                          p.samples, mpi.size(), p.samples));
  }
  // rank 0 alone checks, locks, reads and writes the files
  std::optional<an::OutputLock> output_lock, checkpoint_lock;
  const std::string checkpoint =
      o.checkpoint.empty() ? o.common.output + ".checkpoint" : o.checkpoint;
  std::unique_ptr<an::McCheckpoint> stored;
  if (mpi.is_root()) {
    output_lock.emplace(dhn::cli::lock_output(o.common.output, "--output"));
    dhn::cli::require_writable(checkpoint, "--checkpoint");
    // the end of a run removes the checkpoint: it must never be the results file
    if (dhn::cli::same_file(o.common.output, checkpoint)) {
      throw dhn::ParameterError("checkpoint", " " + checkpoint +
                                                  " is the --output file (accepted: another "
                                                  "file; the default is <output>.checkpoint)");
    }
    checkpoint_lock.emplace(dhn::cli::lock_output(checkpoint, "--checkpoint"));
  }
  info.backend = o.backend;
  info.save_patterns = o.save_patterns;
  if (o.resume && mpi.is_root()) {
    try {
      stored = std::make_unique<an::McCheckpoint>(an::read_mc_checkpoint(checkpoint));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--resume: ") + e.what() +
                                  " (accepted: a checkpoint written by mc)");
    }
    const std::string mismatch = mc::describe_mismatch(stored->parameters, p);
    if (!mismatch.empty()) {
      throw std::invalid_argument("--resume: checkpoint " + checkpoint +
                                  " belongs to a run with other parameters:\n" + mismatch +
                                  "(accepted: the checkpoint's parameters; or remove it and start "
                                  "afresh without --resume)");
    }
    info.wall_seconds = stored->info.wall_seconds;
    info.resumes = stored->info.resumes + 1;
    info.checkpoints = stored->info.checkpoints;
  } else if (mpi.is_root() && std::filesystem::exists(checkpoint)) {
    throw std::invalid_argument("--checkpoint: " + checkpoint +
                                " exists (accepted: --resume to continue it, or remove it)");
  }
  const bool quiet = o.common.quiet || !mpi.is_root();
  if (!quiet) {
    echo(p, o, checkpoint);
    if (mpi.size() > 1) echo_ranks(mpi, p);
  }

  const auto start = Clock::now();
  const double wall_before = info.wall_seconds;
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  const an::Provenance provenance = an::make_provenance(argc, argv, o.common.threads, mpi.size());
  auto save = [&](const mc::TemperingState& state) {
    ++info.checkpoints;
    info.wall_seconds = wall_before + elapsed();
    an::write_mc_checkpoint(checkpoint, p, state, provenance, info);
  };
  install_signal_handlers();
  const std::int64_t total = mc::total_sweeps(p);

  mc::RunStatus status = mc::RunStatus::finished;
  int signal = 0;
  std::optional<mc::TemperingState> final_state;  // rank 0's whole state at the end
  if (mpi.size() == 1) {
    mc::Tempering engine(p, o.common.threads, walkers_of(o.backend));
    if (stored) {
      engine.restore(stored->state);
      stored.reset();
      if (!quiet) {
        fmt::print(stderr, "mc: resumed at sweep {} of {} (resume {})\n", engine.sweeps_done(),
                   total, info.resumes);
      }
    }
    const std::int64_t first = engine.sweeps_done();
    dhn::cli::Progress progress("mc", "sweeps", quiet);
    auto last_checkpoint = Clock::now();
    int threads_in_use = engine.threads_in_use();
    // the callback runs between batches of about kProgramBatchSeconds, in which the chains
    // advance without waiting for each other (tempering.hpp): a signal stops the run within about
    // that time, --stop-at-sweep at exactly its sweep
    status = engine.run(
        [&](const mc::Tempering& t) {
          const std::int64_t done = t.sweeps_done();
          progress.update(static_cast<std::size_t>(done - first),
                          static_cast<std::size_t>(total - first));
          if (t.threads_in_use() != threads_in_use && !quiet) {
            // the machine's load changed (thread_governor.hpp); results do not depend on it
            threads_in_use = t.threads_in_use();
            fmt::print(stderr, "\nmc: {} of {} threads in use ({})\n", threads_in_use, t.threads(),
                       threads_in_use < t.threads() ? "the machine is busy: the others would only "
                                                      "take turns on the cores this process gets"
                                                    : "again");
          }
          if (g_signal != 0) return false;
          if (o.stop_at_sweep > 0 && done >= o.stop_at_sweep) return false;
          if (o.checkpoint_every > 0.0 &&
              std::chrono::duration<double>(Clock::now() - last_checkpoint).count() >=
                  o.checkpoint_every) {
            save(t.state());
            last_checkpoint = Clock::now();
          }
          return true;
        },
        {.batch_seconds = mc::kProgramBatchSeconds, .stop_at_sweep = o.stop_at_sweep});
    progress.finish();
    signal = g_signal;
    final_state = engine.state();
  } else {
    if (stored && !quiet) {
      fmt::print(stderr, "mc: resuming at sweep {} of {} (resume {}) on {} ranks\n",
                 stored->state.sweep, total, info.resumes, mpi.size());
    }
    dhn::cli::RanksEnd end;
    try {
      end = dhn::cli::run_on_ranks(mpi, {.whole = p,
                                         .threads = o.common.threads,
                                         .walkers = walkers_of(o.backend),
                                         .resume = o.resume,
                                         .stored = stored ? &stored->state : nullptr,
                                         .checkpoint_every = o.checkpoint_every,
                                         .stop_at_sweep = o.stop_at_sweep,
                                         .quiet = quiet,
                                         .signal = &g_signal,
                                         .checkpoint = save});
    } catch (const std::exception& e) {
      mpi.abort(std::string("runtime failure: ") + e.what(), dhn::cli::kExitRuntime);
    }
    stored.reset();
    if (!quiet) {
      fmt::print(stderr,
                 "mc: MPI: {} rounds of sweeps (a command to and a report from each other rank, "
                 "{} bytes each), {} state gathers ({} bytes from the other ranks at the last)\n",
                 end.traffic.rounds, dhn::cli::kRoundMessageBytes, end.traffic.gathers,
                 end.traffic.last_gather_bytes);
      if (end.traffic.record_batches > 0) {
        fmt::print(stderr,
                   "mc: MPI: split samples: rank 0 took the records of {} batches from its "
                   "group ({} messages, {} bytes)\n",
                   end.traffic.record_batches, end.traffic.record_messages,
                   end.traffic.record_bytes);
      }
    }
    status = end.status;
    signal = end.signal;
    final_state = std::move(end.whole);
  }
  const int stopped_code = signal != 0 ? 128 + signal : kExitStopped;
  if (!mpi.is_root()) return status == mc::RunStatus::stopped ? stopped_code : dhn::cli::kExitOk;

  if (status == mc::RunStatus::stopped) {
    save(*final_state);
    fmt::print(stderr,
               "mc: stopped at sweep {} of {}{}; checkpoint written to {}; continue with "
               "the same options and --resume\n",
               final_state->sweep, total,
               signal == SIGINT    ? " (SIGINT)"
               : signal == SIGTERM ? " (SIGTERM)"
                                   : " (--stop-at-sweep)",
               checkpoint);
    return stopped_code;
  }
  const mc::TemperingSummary summary =
      mc::summarize(p, final_state->accumulators, final_state->round_trips);
  info.wall_seconds = wall_before + elapsed();
  an::write_mc_results(o.common.output, p, *final_state, summary, provenance, info);
  std::error_code ignored;
  std::filesystem::remove(checkpoint, ignored);  // the results hold everything now
  if (!quiet) {
    report(p, summary);
    fmt::print(stderr, "mc: wrote {} ({:.2f} s in this invocation, {:.2f} s in total)\n",
               o.common.output, elapsed(), info.wall_seconds);
  }
  return dhn::cli::kExitOk;
}

// Whether exit_code is a stop that every rank agreed on (--stop-at-sweep, a signal): the ranks
// end normally with it, where a failure must end them all at once (MpiSession::finish).
bool agreed_stop(int exit_code) {
  return exit_code == kExitStopped || exit_code > 128;
}

}  // namespace

int main(int argc, char** argv) {
  // first: MPI may take its own arguments out of argv
  dhn::cli::MpiSession mpi(argc, argv, "mc");
  // the subcommands have options of their own: dispatched before the run's parser
  const std::string first = argc > 1 ? argv[1] : "";
  if ((first == "merge" || first == "status") && mpi.size() > 1) {
    if (mpi.is_root())
      fmt::print(stderr, "mc {}: error: runs as one process (accepted: without mpirun)\n", first);
    return mpi.finish(dhn::cli::kExitBadInput);
  }
  if (first == "merge") return dhn::cli::mc_merge_main(argc - 1, argv + 1, argc, argv);
  if (first == "status") return dhn::cli::mc_status_main(argc - 1, argv + 1);
  CLI::App app{
      "Parallel-tempering Monte Carlo of the dense Hebbian network (convention B).\n"
      "Also: mc merge OUT PART... joins the parts of a job array (--sample-range); "
      "mc status FILE describes a results file, part or checkpoint (each with --help).\n"
      "Under mpirun the samples are shared out over the ranks (with fewer samples than ranks, "
      "each sample's --replicas chains); the files are those of one process (docs/clusters.md)",
      "mc"};
  Options options;
  register_options(app, options);
  const int code =
      dhn::cli::run_main(app, argc, argv, [&] { return run(mpi, options, app, argc, argv); });
  // an agreed stop ends every rank normally (MPI is finalised as mpi goes out of scope)
  if (mpi.size() > 1 && agreed_stop(code)) return code;
  return mpi.finish(code);
}

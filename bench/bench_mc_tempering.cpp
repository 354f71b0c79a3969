// Pattern-spin updates per second (attempted flips x K) of the full parallel-tempering engine
// (montecarlo/tempering.hpp: sweeps, measurements, swaps) on 1 and 2 threads, for the two
// sizes in both variants. 8 walkers: 1 sample x 2 replicas x 4 temperatures. Each case is
// measured on the machine as it is ("quiet") and with one competing CPU-bound process (a child
// that spins until the measurement ends) started in two ways: in a session of its own ("busy,
// other session": a program started elsewhere, which the scheduler's autogroups weigh against
// this benchmark's group of threads as a whole) and in this benchmark's session ("busy, same
// session": three equal threads on the cores). On a busy machine two threads must never be slower
// than one (issue 17). The engine runs as mc runs it (Tempering::run, batches of
// kProgramBatchSeconds unless given).
//
// 1 and 2 threads are measured in REPEATS pairs, back to back, the order alternating between
// pairs, and the median of the pairs' ratios is printed with their range: the machine's noise
// (other virtual machines on the host, the scheduler's placement) moves single measurements by
// several per cent, and a pair sees the same moment. "1T spread" (max / min of the 1-thread
// rates) is that noise with the thread count fixed. "cores" is the process's CPU time per wall
// second (getrusage): what the scheduler gave it. Each machine state builds one engine per
// thread count and runs it 2 s before the pairs, which are then stretches of those engines, as
// in a long run (the thread governor, thread_governor.hpp, has decided by then).
#include <fmt/core.h>
#include <omp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "dhn/montecarlo/temperature_ladder.hpp"
#include "dhn/montecarlo/tempering.hpp"

#include "bench_args.hpp"
#include "cpu_model.hpp"

namespace {

using namespace dhn::montecarlo;
using Clock = std::chrono::steady_clock;
constexpr double kWarmUpSeconds = 2.0;  // of each engine before its measurements

struct Result {
  double updates_per_second = 0.0;
  double acceptance = 0.0;  // accepted / attempted flips over the timed sweeps
  double swap_rate = 0.0;   // accepted / attempted swaps over the timed sweeps
  double cores = 0.0;       // CPU seconds of this process (all its threads) per wall second
  int threads_in_use = 0;   // Tempering::threads_in_use() at the end
};

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

enum class Competitor { none, other_session, same_session };

// A child process spinning on one CPU for as long as the object lives: the "one competing
// CPU-bound process" of a shared machine.
class CompetingProcess {
 public:
  explicit CompetingProcess(Competitor kind) {
    if (kind == Competitor::none) return;
    pid_ = fork();
    if (pid_ == 0) {  // the child: spin (no allocation, no OpenMP) until killed
      // other_session: like a program started elsewhere; with the scheduler's autogroups
      // (Linux's default on desktops and many servers) it competes with this benchmark's group
      // of threads as a whole, not with each thread
      if (kind == Competitor::other_session) setsid();
      volatile std::uint64_t x = 1;
      for (;;) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    }
    if (pid_ < 0) {
      fmt::print(stderr, "bench_mc_tempering: fork failed\n");
      std::exit(1);
    }
  }
  CompetingProcess(const CompetingProcess&) = delete;
  CompetingProcess& operator=(const CompetingProcess&) = delete;
  ~CompetingProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }

 private:
  pid_t pid_ = 0;
};

std::int64_t total(const std::vector<std::int64_t>& v) {
  std::int64_t s = 0;
  for (std::int64_t x : v) s += x;
  return s;
}

// Runs `run` for at least min_seconds more, as mc does (Tempering::run, paced batches).
Result measure(Tempering& run, double min_seconds, double batch_seconds) {
  const TemperingParameters& p = run.parameters();
  const Accumulators& a = run.accumulators();
  const std::int64_t flips0 = total(a.flips_accepted);
  const std::int64_t swaps0 = total(a.swaps_accepted);
  const std::int64_t tries0 = total(a.swaps_attempted);
  const std::int64_t sweeps0 = run.sweeps_done();
  const double cpu0 = cpu_seconds();
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  run.run([&](const Tempering&) { return elapsed() < min_seconds; },
          {.batch_seconds = batch_seconds});
  const double seconds = elapsed();
  const double walkers = double(p.samples) * p.replicas * double(p.T.size());
  const double attempts = walkers * p.N * double(run.sweeps_done() - sweeps0);
  const std::int64_t tries = total(a.swaps_attempted) - tries0;
  return {attempts * double(p.K) / seconds, double(total(a.flips_accepted) - flips0) / attempts,
          tries > 0 ? double(total(a.swaps_accepted) - swaps0) / double(tries) : 0.0,
          (cpu_seconds() - cpu0) / seconds, run.threads_in_use()};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// `repeats` pairs of (1 thread, 2 threads), back to back, 2 threads first in every other pair
// so that a drift of the machine does not favour either. One engine per thread count, each run
// for `warm_up` seconds first, as a long run would be by then: caches and the thread governor
// (thread_governor.hpp: its decision takes two 0.5 s windows) have settled.
struct Pairs {
  std::vector<Result> one, two;

  std::vector<double> of(const std::vector<Result>& v, double Result::*field) const {
    std::vector<double> x;
    for (const Result& r : v) x.push_back(r.*field);
    return x;
  }
  std::vector<double> ratios() const {
    std::vector<double> r;
    for (std::size_t i = 0; i < one.size(); ++i)
      r.push_back(two[i].updates_per_second / one[i].updates_per_second);
    return r;
  }
};
Pairs measure_pairs(int repeats, const TemperingParameters& p, double min_seconds,
                    double batch_seconds, double warm_up) {
  Tempering one(p, 1), two(p, 2);
  measure(one, warm_up, batch_seconds);
  measure(two, warm_up, batch_seconds);
  Pairs pairs;
  for (int i = 0; i < repeats; ++i) {
    const bool two_first = i % 2 == 1;
    for (int threads : two_first ? std::vector{2, 1} : std::vector{1, 2}) {
      (threads == 1 ? pairs.one : pairs.two)
          .push_back(measure(threads == 1 ? one : two, min_seconds, batch_seconds));
    }
  }
  return pairs;
}

std::string used(const std::vector<Result>& runs) {
  std::string s;
  for (const Result& r : runs) s += std::to_string(r.threads_in_use);
  return s;
}

const char* to_string(Competitor kind) {
  switch (kind) {
    case Competitor::none:
      return "quiet";
    case Competitor::other_session:
      return "busy, other session";
    case Competitor::same_session:
      return "busy, same session";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  const char* usage =
      "[SECONDS per measurement, default 2] [REPEATS = pairs of 1 and 2 threads, default 3] "
      "[BATCH seconds, default mc's 1] [P: 3 or 4 for one size, default both]";
  const double min_seconds = dhn::bench::number_argument(argc, argv, 1, 2.0, 1e-3, 3600.0, usage);
  const int repeats =
      static_cast<int>(dhn::bench::number_argument(argc, argv, 2, 3.0, 1.0, 100.0, usage));
  const double batch_seconds =
      dhn::bench::number_argument(argc, argv, 3, kProgramBatchSeconds, 1e-6, 100.0, usage);
  const int only_p =
      static_cast<int>(dhn::bench::number_argument(argc, argv, 4, 0.0, 0.0, 4.0, usage));
  fmt::print(
      "Parallel-tempering benchmark on {} ({} hardware threads); updates = attempted "
      "flips x K; {} pairs of 1 and 2 threads x {} s per case after {} s of each; batches of {} "
      "s\n",
      dhn::bench::cpu_model(), omp_get_num_procs(), repeats, min_seconds, kWarmUpSeconds,
      batch_seconds);
  fmt::print(
      "8 walkers (1 sample x 2 replicas x T = 0.5..2 geometric, 4 slots, convention B), "
      "Metropolis, random order, random start, swaps every sweep, polynomial kernel\n"
      "busy = with one competing CPU-bound process in its own session or in this one; rates and "
      "cores are medians over the pairs, 2T/1T the median of the pairs' ratios [their range]; "
      "used: the 2-thread runs' threads in use at their end (thread_governor.hpp), per pair\n");
  fmt::print("{:>2} {:>4} {:>6} {:>8} {:<20} {:>10} {:>10} {:>18} {:>9} {:>9} {:>6} {:>6} {}\n",
             "P", "N", "K", "variant", "machine", "1T/s", "2T/s", "2T/1T [range]", "1T spread",
             "cores 1/2", "accept", "swap", "used");
  struct Size {
    int P;
    int N;
    std::int64_t K;
  };
  for (Size size : {Size{3, 256, 16384}, Size{4, 64, 8192}}) {
    if (only_p != 0 && size.P != only_p) continue;
    for (dhn::Variant variant : {dhn::Variant::distinct, dhn::Variant::full}) {
      TemperingParameters p;
      p.P = size.P;
      p.variant = variant;
      p.N = size.N;
      p.K = size.K;
      p.T = geometric_ladder(0.5, 2.0, 4);
      p.replicas = 2;
      p.samples = 1;
      p.therm = 0;
      p.sweeps = std::int64_t{1} << 40;
      p.init = InitialKind::random;
      p.seed = 2024;
      p.bins = 1;
      for (Competitor kind :
           {Competitor::none, Competitor::other_session, Competitor::same_session}) {
        Pairs pairs;
        {
          const CompetingProcess competitor(kind);
          pairs = measure_pairs(repeats, p, min_seconds, batch_seconds, kWarmUpSeconds);
        }
        const std::vector<double> ones = pairs.of(pairs.one, &Result::updates_per_second);
        const std::vector<double> ratios = pairs.ratios();
        const std::string range = fmt::format("{:.2f} [{:.2f}-{:.2f}]", median(ratios),
                                              *std::min_element(ratios.begin(), ratios.end()),
                                              *std::max_element(ratios.begin(), ratios.end()));
        fmt::print(
            "{:>2} {:>4} {:>6} {:>8} {:<20} {:>10.3e} {:>10.3e} {:>18} {:>9.3f} {:>4.2f}/{:>4.2f} "
            "{:>6.3f} {:>6.3f} {}\n",
            size.P, size.N, size.K, dhn::to_string(variant), to_string(kind), median(ones),
            median(pairs.of(pairs.two, &Result::updates_per_second)), range,
            *std::max_element(ones.begin(), ones.end()) /
                *std::min_element(ones.begin(), ones.end()),
            median(pairs.of(pairs.one, &Result::cores)),
            median(pairs.of(pairs.two, &Result::cores)), pairs.one.front().acceptance,
            pairs.one.front().swap_rate, used(pairs.two));
        std::fflush(stdout);
      }
    }
  }
  return 0;
}

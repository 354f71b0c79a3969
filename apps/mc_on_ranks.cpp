#include "mc_on_ranks.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <deque>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/progress.hpp"
#include "mc_state_transfer.hpp"

namespace dhn::cli {

namespace mc = dhn::montecarlo;
using Clock = std::chrono::steady_clock;

SampleShare share_of_rank(int samples, int rank, int ranks) {
  const int base = samples / ranks, extra = samples % ranks;
  return {rank * base + std::min(rank, extra), base + (rank < extra ? 1 : 0)};
}

RankWork work_of_rank(int samples, int replicas, int rank, int ranks) {
  RankWork w;
  if (ranks <= samples) {
    w.samples = share_of_rank(samples, rank, ranks);
    w.replicas = replicas;
    w.group_first = rank;
    return w;
  }
  w.split = true;
  int d = 0;  // the sample whose group holds the rank
  SampleShare group = share_of_rank(ranks, 0, samples);
  while (rank >= group.first + group.count) group = share_of_rank(ranks, ++d, samples);
  w.group_first = group.first;
  w.group_members = std::min(group.count, replicas);
  if (rank - group.first < w.group_members) {
    const SampleShare chains = chains_of_member(replicas, rank - group.first, w.group_members);
    w.samples = {d, 1};
    w.first_replica = chains.first;
    w.replicas = chains.count;
  }
  return w;
}

SampleShare chains_of_member(int replicas, int member, int members) {
  const int base = replicas / members, extra = replicas % members, plain = members - extra;
  return {member * base + std::max(0, member - plain), base + (member >= plain ? 1 : 0)};
}

mc::TemperingParameters share_parameters(const mc::TemperingParameters& p, SampleShare share) {
  if (share.first == 0 && share.count == p.samples) return p;
  mc::TemperingParameters s = p;
  s.first_sample = p.first_sample + share.first;
  s.samples = share.count;
  s.total_samples = mc::slice(p) ? p.total_samples : p.samples;
  return s;
}

namespace {

// Tags of mc's messages (distributed_units uses 1801-1803).
constexpr int kCommandTag = 1811;   // 0 -> r: Command
constexpr int kReportTag = 1812;    // r -> 0: Report, after each round
constexpr int kGoTag = 1813;        // 0 -> r, empty: send the state now
constexpr int kStateTag = 1814;     // r -> 0: the rank's state (send_bytes)
constexpr int kRestoreTag = 1815;   // 0 -> r: the rank's share of a checkpoint's state
constexpr int kRecordGoTag = 1816;  // measuring rank -> member, empty: send the batch's records
constexpr int kRecordTag = 1817;    // member -> measuring rank: its records (send_bytes)
constexpr int kAnySource = -1;
constexpr std::size_t kChunkBytes = std::size_t{1} << 30;  // below MPI's int count
// Records go in chunks that MPI sends eagerly (below Open MPI's eager limits: 4 kB shared
// memory, 12-64 kB networks), so a member's send returns at once instead of waiting for the
// measuring rank to take it.
constexpr std::size_t kRecordChunkBytes = 4000;
constexpr auto kMinPoll = std::chrono::microseconds(50);
constexpr auto kMaxPoll = std::chrono::microseconds(1000);

enum class Action : std::int32_t {
  advance,     // advance to target
  checkpoint,  // advance to target, then send the state (rank 0 writes a checkpoint)
  stop,        // advance to target, send the state and end (stopped)
  finish,      // advance to the last sweep, send the state and end (finished)
};

struct Command {  // kRoundMessageBytes
  std::int64_t target = 0;
  Action action = Action::advance;
  std::int32_t signal = 0;  // stop: the signal that caused it, 0 for --stop-at-sweep
};

struct Report {             // kRoundMessageBytes
  std::int64_t sweep = 0;   // the round's target, reached
  std::int32_t signal = 0;  // a signal this rank received, 0 if none
  std::int32_t unused = 0;
};

template <class T>
std::vector<std::byte> bytes_of(const T& x) {
  std::vector<std::byte> b(sizeof x);
  std::memcpy(b.data(), &x, sizeof x);
  return b;
}

template <class T>
T value_of(const MpiMessage& m) {
  if (m.bytes.size() != sizeof(T))
    throw std::runtime_error("a message of " + std::to_string(m.bytes.size()) +
                             " bytes from rank " + std::to_string(m.source) + " (tag " +
                             std::to_string(m.tag) + "), expected " + std::to_string(sizeof(T)));
  T x{};
  std::memcpy(&x, m.bytes.data(), sizeof x);
  return x;
}

// The messages that reached this rank, taken by source and tag in arrival order; waiting polls
// with sleeps instead of a blocking MPI call, which Open MPI answers by spinning a core.
class Inbox {
 public:
  explicit Inbox(const MpiSession& session) : session_(session) {}

  std::optional<MpiMessage> take(int source, int tag) {
    while (std::optional<MpiMessage> m = session_.try_receive()) queue_.push_back(std::move(*m));
    for (auto at = queue_.begin(); at != queue_.end(); ++at) {
      if ((source == kAnySource || at->source == source) && at->tag == tag) {
        MpiMessage m = std::move(*at);
        queue_.erase(at);
        return m;
      }
    }
    return std::nullopt;
  }

  MpiMessage wait(int source, int tag) {
    auto idle = kMinPoll;
    for (;;) {
      if (std::optional<MpiMessage> m = take(source, tag)) return std::move(*m);
      std::this_thread::sleep_for(idle);
      idle = std::min(2 * idle, kMaxPoll);
    }
  }

  // A message already on its way (the rest of one whose first part arrived): a blocking receive,
  // which waits only for the transfer, where wait()'s sleeps would keep the sender in MPI_Send.
  MpiMessage receive_now(int source, int tag) {
    if (std::optional<MpiMessage> m = take(source, tag)) return std::move(*m);
    return session_.receive(source, tag);
  }

 private:
  const MpiSession& session_;
  std::deque<MpiMessage> queue_;
};

// Bytes of any length as a header (the length) and chunks of at most `chunk` bytes (below MPI's
// int count).
void send_bytes(const MpiSession& session, int destination, int tag,
                std::span<const std::byte> bytes, std::size_t chunk = kChunkBytes) {
  session.send(destination, tag, bytes_of(static_cast<std::uint64_t>(bytes.size())));
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    session.send(destination, tag, bytes.subspan(at, std::min(chunk, bytes.size() - at)));
}

std::vector<std::byte> receive_bytes(Inbox& inbox, int source, int tag) {
  const auto size = value_of<std::uint64_t>(inbox.wait(source, tag));
  std::vector<std::byte> bytes;
  bytes.reserve(static_cast<std::size_t>(size));
  while (bytes.size() < size) {  // the sender sends the chunks right after the length
    const MpiMessage chunk = inbox.receive_now(source, tag);
    bytes.insert(bytes.end(), chunk.bytes.begin(), chunk.bytes.end());
  }
  if (bytes.size() != size)
    throw std::runtime_error("rank " + std::to_string(source) + " sent " +
                             std::to_string(bytes.size()) + " bytes of a state announced as " +
                             std::to_string(size));
  return bytes;
}

// This rank's engine (none on an idle rank), restored from the checkpoint's share on resume.
struct Share {
  RankWork work;
  SampleShare samples;
  std::unique_ptr<mc::Tempering> engine;
  std::int64_t sweep() const { return engine ? engine->sweeps_done() : 0; }
  // What this rank sends to a gather: nothing when idle; a member of a split sample that does
  // not measure, its own chains only (the rest of its state is not the run's); else its state.
  std::vector<std::byte> state_bytes() const {
    if (!engine) return {};
    if (work.split && !work.measures()) {
      return dhn::cli::state_bytes(state_chains(engine->state(), engine->parameters().replicas,
                                                work.first_replica, work.replicas));
    }
    return dhn::cli::state_bytes(engine->state());
  }
  // Whole samples: the engine's batches. Split: batch by batch, the block's chains, then the
  // records meet at the measuring rank (a member sends only when told, as in gather).
  void advance_to(std::int64_t target, const MpiSession& session, Inbox& inbox,
                  RanksTraffic& traffic) {
    if (!engine || target <= engine->sweeps_done()) return;
    if (!work.split) {
      engine->advance(target - engine->sweeps_done());
      return;
    }
    const int R = engine->parameters().replicas;
    while (engine->sweeps_done() < target) {
      const std::int64_t sweeps =
          std::min(target - engine->sweeps_done(), engine->max_batch_sweeps());
      std::vector<std::byte> own =
          engine->advance_block(sweeps, {work.first_replica, work.replicas});
      if (!work.measures()) {
        inbox.wait(work.group_first, kRecordGoTag);
        send_bytes(session, work.group_first, kRecordTag, own, kRecordChunkBytes);
        continue;
      }
      std::vector<mc::Tempering::ChainBlock> blocks{{0, work.replicas}};
      std::vector<std::vector<std::byte>> records;
      records.push_back(std::move(own));
      for (int m = 1; m < work.group_members; ++m) {
        const int member = work.group_first + m;
        const SampleShare chains = chains_of_member(R, m, work.group_members);
        session.send(member, kRecordGoTag, {});
        records.push_back(receive_bytes(inbox, member, kRecordTag));
        blocks.push_back({chains.first, chains.count});
        if (session.is_root()) {
          // go, length, chunks
          traffic.record_messages +=
              2 + static_cast<std::int64_t>((records.back().size() + kRecordChunkBytes - 1) /
                                            kRecordChunkBytes);
          traffic.record_bytes += records.back().size();
        }
      }
      if (session.is_root() && work.group_members > 1) ++traffic.record_batches;
      engine->record_blocks(sweeps, blocks, records);
    }
  }
};

Share make_share(const MpiSession& session, const RanksRun& run) {
  Share s;
  s.work = work_of_rank(run.whole.samples, run.whole.replicas, session.rank(), session.size());
  s.samples = s.work.samples;
  if (s.samples.count > 0) {
    s.engine = std::make_unique<mc::Tempering>(share_parameters(run.whole, s.samples), run.threads,
                                               run.walkers);
  }
  return s;
}

// Rank 0 on --resume: each rank's share of the stored state, its own restored here.
void restore_all(const MpiSession& session, const RanksRun& run, Share& own) {
  const mc::TemperingState& whole = *run.stored;
  for (int r = 1; r < session.size(); ++r) {
    const SampleShare share =
        work_of_rank(run.whole.samples, run.whole.replicas, r, session.size()).samples;
    const std::vector<std::byte> bytes =
        share.count > 0
            ? state_bytes(state_samples(whole, run.whole.samples, share.first, share.count))
            : std::vector<std::byte>();
    send_bytes(session, r, kRestoreTag, bytes);
  }
  own.engine->restore(state_samples(whole, run.whole.samples, 0, own.samples.count));
}

// Rank 0: after its own round, waits for every rank's report of `target`, then takes their
// states one rank at a time (a rank sends only when told, so that none waits inside MPI_Send)
// and joins them in sample order; a split sample is its measuring rank's state (accumulators
// included) with each other member's chains copied in from that member's.
mc::TemperingState gather(const MpiSession& session, const RanksRun& run, Inbox& inbox,
                          const Share& own, std::int64_t target,
                          std::vector<std::int64_t>& reported, int& signal, RanksTraffic& traffic) {
  for (int r = 1; r < session.size(); ++r) {
    while (reported[static_cast<std::size_t>(r)] < target) {
      const MpiMessage m = inbox.wait(r, kReportTag);
      const auto report = value_of<Report>(m);
      reported[static_cast<std::size_t>(r)] = report.sweep;
      if (report.signal != 0 && signal == 0) signal = report.signal;
    }
  }
  mc::TemperingState whole = own.engine->state();
  ++traffic.gathers;
  traffic.last_gather_bytes = 0;
  for (int r = 1; r < session.size(); ++r) {
    session.send(r, kGoTag, {});
    const std::vector<std::byte> bytes = receive_bytes(inbox, r, kStateTag);
    traffic.last_gather_bytes += bytes.size();
    if (bytes.empty()) continue;
    const RankWork work = work_of_rank(run.whole.samples, run.whole.replicas, r, session.size());
    if (work.measures()) {
      append_state_samples(whole, state_from_bytes(bytes));
    } else {  // its sample is the last one in whole so far
      const int R = run.whole.replicas;
      copy_state_chains(whole, (work.samples.first + 1) * R,
                        work.samples.first * R + work.first_replica, state_from_bytes(bytes),
                        work.replicas, 0, work.replicas);
    }
  }
  return whole;
}

RanksEnd run_root(const MpiSession& session, const RanksRun& run) {
  Inbox inbox(session);
  Share own = make_share(session, run);
  if (run.resume) restore_all(session, run, own);
  const std::int64_t total = mc::total_sweeps(run.whole);
  const std::int64_t start = own.sweep();
  std::vector<std::int64_t> reported(static_cast<std::size_t>(session.size()), start);
  int reported_signal = 0;
  // split samples count chain sweeps: each rank's chains times its sweeps
  const int R = run.whole.replicas;
  Progress progress("mc", own.work.split ? "chain sweeps" : "sample sweeps", run.quiet);
  auto show_progress = [&] {
    std::size_t done = 0;
    reported[0] = own.sweep();
    for (int r = 0; r < session.size(); ++r) {
      const RankWork work = work_of_rank(run.whole.samples, R, r, session.size());
      done += static_cast<std::size_t>(own.work.split ? work.chains(R) : work.samples.count) *
              static_cast<std::size_t>(reported[static_cast<std::size_t>(r)] - start);
    }
    progress.update(done, static_cast<std::size_t>(run.whole.samples) *
                              static_cast<std::size_t>(own.work.split ? R : 1) *
                              static_cast<std::size_t>(total - start));
  };

  std::int64_t round_sweeps = 1;
  auto last_checkpoint = Clock::now();
  // the next round from sweep `from`, decided now
  auto decide = [&](std::int64_t from) {
    const int signal = *run.signal != 0 ? static_cast<int>(*run.signal) : reported_signal;
    if (signal != 0) return Command{from, Action::stop, signal};
    if (run.stop_at_sweep > 0 && run.stop_at_sweep <= from && from < total)
      return Command{from, Action::stop, 0};
    std::int64_t target = std::min(total, from + round_sweeps);
    if (run.stop_at_sweep > from) target = std::min(target, run.stop_at_sweep);
    if (target == total) return Command{target, Action::finish, 0};
    if (target == run.stop_at_sweep) return Command{target, Action::stop, 0};
    if (run.checkpoint_every > 0.0 &&
        std::chrono::duration<double>(Clock::now() - last_checkpoint).count() >=
            run.checkpoint_every) {
      last_checkpoint = Clock::now();
      return Command{target, Action::checkpoint, 0};
    }
    return Command{target, Action::advance, 0};
  };
  RanksTraffic traffic;
  auto issue = [&](const Command& c) {
    ++traffic.rounds;
    for (int r = 1; r < session.size(); ++r) session.send(r, kCommandTag, bytes_of(c));
  };
  auto drain_reports = [&] {  // every report that has arrived, from any rank
    while (std::optional<MpiMessage> m = inbox.take(kAnySource, kReportTag)) {
      const auto report = value_of<Report>(*m);
      reported[static_cast<std::size_t>(m->source)] = report.sweep;
      if (report.signal != 0 && reported_signal == 0) reported_signal = report.signal;
    }
  };

  Command current = decide(start);
  issue(current);
  for (;;) {
    const bool last = current.action == Action::stop || current.action == Action::finish;
    Command next;
    if (!last) {  // one round ahead: the other ranks go on while rank 0 computes
      next = decide(current.target);
      issue(next);
    }
    const std::int64_t sweeps = current.target - own.sweep();
    const auto round_start = Clock::now();
    own.advance_to(current.target, session, inbox, traffic);
    if (sweeps > 0) {
      // aim at kProgramBatchSeconds, at most doubling (as Tempering::run paces its batches)
      const double seconds = std::chrono::duration<double>(Clock::now() - round_start).count();
      const double aim = mc::kProgramBatchSeconds / std::max(seconds, 1e-9) * double(sweeps);
      round_sweeps =
          std::max<std::int64_t>(1, static_cast<std::int64_t>(std::min(aim, 2.0 * sweeps)));
    }
    drain_reports();
    show_progress();
    if (current.action != Action::advance) {
      mc::TemperingState whole =
          gather(session, run, inbox, own, current.target, reported, reported_signal, traffic);
      show_progress();
      if (last) {
        progress.finish();
        const bool finished = current.action == Action::finish;
        return {finished ? mc::RunStatus::finished : mc::RunStatus::stopped,
                finished ? 0 : current.signal, current.target, std::move(whole), traffic};
      }
      run.checkpoint(whole);
    }
    current = next;
  }
}

RanksEnd run_other(const MpiSession& session, const RanksRun& run) {
  Inbox inbox(session);
  Share own = make_share(session, run);
  if (run.resume) {
    const std::vector<std::byte> bytes = receive_bytes(inbox, 0, kRestoreTag);
    if (own.engine) own.engine->restore(state_from_bytes(bytes));
  }
  for (;;) {
    const auto command = value_of<Command>(inbox.wait(0, kCommandTag));
    RanksTraffic uncounted;
    own.advance_to(command.target, session, inbox, uncounted);
    session.send(0, kReportTag, bytes_of(Report{command.target, static_cast<int>(*run.signal), 0}));
    if (command.action == Action::advance) continue;
    inbox.wait(0, kGoTag);
    send_bytes(session, 0, kStateTag, own.state_bytes());
    if (command.action == Action::finish)
      return {mc::RunStatus::finished, 0, command.target, std::nullopt, {}};
    if (command.action == Action::stop)
      return {mc::RunStatus::stopped, command.signal, command.target, std::nullopt, {}};
  }
}

static_assert(sizeof(Command) == kRoundMessageBytes && sizeof(Report) == kRoundMessageBytes);

}  // namespace

RanksEnd run_on_ranks(const MpiSession& session, const RanksRun& run) {
  if (session.size() < 2) throw std::logic_error("run_on_ranks: the run has one rank");
  return session.is_root() ? run_root(session, run) : run_other(session, run);
}

}  // namespace dhn::cli

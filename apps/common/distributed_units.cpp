#include "distributed_units.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace dhn::cli {

namespace {

constexpr int kRequestTag = 1801;  // rank r -> 0: [int64 finished unit or kNone][its bytes]
constexpr int kReplyTag = 1802;    // 0 -> rank r: int64 next unit, or kNone when none is left
constexpr int kRetireTag = 1803;   // rank r -> 0, empty: every thread of r was told kNone
constexpr std::int64_t kNone = -1;
constexpr auto kMinPoll = std::chrono::microseconds(50);
constexpr auto kMaxPoll = std::chrono::microseconds(1000);

// What the threads of one rank share.
struct Shared {
  std::atomic<std::size_t> next{0};  // the next unit to hand out (rank 0 or a lone rank)
  std::mutex mpi;                    // one MPI call at a time (MPI_THREAD_SERIALIZED)
  std::mutex results;                // rank 0: unpack and progress, one at a time
  std::size_t done = 0;              // rank 0: finished units (under results)
  std::atomic<bool> failed{false};   // a lone rank: stop handing out units
  std::exception_ptr first_error;    // a lone rank: rethrown after the threads end (under results)
};

std::string what_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

std::optional<std::size_t> take_unit(Shared& s, std::size_t units) {
  if (s.failed.load()) return std::nullopt;
  const std::size_t i = s.next.fetch_add(1);
  if (i >= units) return std::nullopt;
  return i;
}

// A failure of unit i (or of the bookkeeping, i = kNone): alone, kept for the caller; with peers,
// the end of the whole run (under the MPI lock, as every MPI call).
void fail(const MpiSession& session, Shared& s, std::int64_t i, const std::exception_ptr& error) {
  if (session.size() > 1) {
    const std::lock_guard<std::mutex> lock(s.mpi);
    session.abort(
        (i == kNone ? std::string() : "unit " + std::to_string(i) + ": ") + what_of(error), 1);
  }
  const std::lock_guard<std::mutex> lock(s.results);
  if (!s.first_error) s.first_error = error;
  s.failed = true;
}

void count_finished(const DistributedUnits& work, Shared& s) {
  ++s.done;
  if (work.progress) work.progress(s.done, work.units);
}

// Rank 0 (or a lone rank): its threads take units straight from the counter.
void compute_here(const MpiSession& session, const DistributedUnits& work, Shared& s, int threads) {
#pragma omp parallel num_threads(threads)
  {
    while (const std::optional<std::size_t> i = take_unit(s, work.units)) {
      try {
        work.compute(*i);
        const std::lock_guard<std::mutex> lock(s.results);
        count_finished(work, s);
      } catch (...) {
        fail(session, s, static_cast<std::int64_t>(*i), std::current_exception());
        break;
      }
    }
  }
}

std::vector<std::byte> as_bytes(std::int64_t value) {
  std::vector<std::byte> bytes(sizeof value);
  std::memcpy(bytes.data(), &value, sizeof value);
  return bytes;
}

std::int64_t leading_index(const MpiMessage& m) {
  if (m.bytes.size() < sizeof(std::int64_t)) {
    throw std::runtime_error("a message of " + std::to_string(m.bytes.size()) +
                             " bytes from rank " + std::to_string(m.source) + " has no unit index");
  }
  std::int64_t value = 0;
  std::memcpy(&value, m.bytes.data(), sizeof value);
  return value;
}

// Rank 0's thread beside the computing ones: stores what the other ranks send and hands each the
// next unit, until every other rank has retired.
void serve_other_ranks(const MpiSession& session, const DistributedUnits& work, Shared& s) {
  int retired = 0;
  auto idle = kMinPoll;
  while (retired < session.size() - 1) {
    std::optional<MpiMessage> m;
    {
      const std::lock_guard<std::mutex> lock(s.mpi);
      m = session.try_receive();
    }
    if (!m) {
      std::this_thread::sleep_for(idle);
      idle = std::min(2 * idle, kMaxPoll);
      continue;
    }
    idle = kMinPoll;
    if (m->tag == kRetireTag) {
      ++retired;
      continue;
    }
    if (m->tag != kRequestTag) {
      throw std::runtime_error("unexpected message tag " + std::to_string(m->tag) + " from rank " +
                               std::to_string(m->source));
    }
    const std::int64_t finished = leading_index(*m);
    if (finished != kNone) {
      if (finished < 0 || static_cast<std::size_t>(finished) >= work.units) {
        throw std::runtime_error("rank " + std::to_string(m->source) + " sent unit " +
                                 std::to_string(finished) + " of " + std::to_string(work.units));
      }
      const std::lock_guard<std::mutex> lock(s.results);
      work.unpack(static_cast<std::size_t>(finished),
                  std::span<const std::byte>(m->bytes).subspan(sizeof(std::int64_t)));
      count_finished(work, s);
    }
    const std::optional<std::size_t> next = take_unit(s, work.units);
    const std::lock_guard<std::mutex> lock(s.mpi);
    session.send(m->source, kReplyTag, as_bytes(next ? static_cast<std::int64_t>(*next) : kNone));
  }
}

// A rank other than 0: each thread sends its last finished unit with the request for the next.
void compute_for_root(const MpiSession& session, const DistributedUnits& work, Shared& s,
                      int threads) {
#pragma omp parallel num_threads(threads)
  {
    std::int64_t current = kNone;
    try {
      std::vector<std::byte> request = as_bytes(kNone);
      for (;;) {
        std::int64_t next = kNone;
        {
          const std::lock_guard<std::mutex> lock(s.mpi);
          session.send(0, kRequestTag, request);
          next = leading_index(session.receive(0, kReplyTag));
        }
        if (next == kNone) break;
        current = next;
        const auto i = static_cast<std::size_t>(next);
        work.compute(i);
        const std::vector<std::byte> result = work.pack(i);
        request = as_bytes(next);
        request.insert(request.end(), result.begin(), result.end());
      }
    } catch (...) {
      fail(session, s, current, std::current_exception());
    }
  }
  const std::lock_guard<std::mutex> lock(s.mpi);
  session.send(0, kRetireTag, {});
}

}  // namespace

void run_distributed(const MpiSession& session, const DistributedUnits& work) {
  Shared s;
  const int threads = work.threads > 0 ? work.threads : omp_get_max_threads();
  if (session.size() == 1) {
    compute_here(session, work, s, threads);
    if (s.first_error) std::rethrow_exception(s.first_error);
    return;
  }
  if (!session.is_root()) {
    compute_for_root(session, work, s, threads);
    return;
  }
  std::thread server([&] {
    try {
      serve_other_ranks(session, work, s);
    } catch (...) {
      fail(session, s, kNone, std::current_exception());
    }
  });
  compute_here(session, work, s, threads);
  server.join();
}

}  // namespace dhn::cli

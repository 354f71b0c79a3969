// The merge of a job array's parts (mc_merge.hpp): read, check they are one run's slices and
// cover it exactly once, concatenate their states in sample order.
#include "dhn/analysis/mc_merge.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace dhn::analysis {

namespace mc = dhn::montecarlo;

namespace {

struct NamedPart {
  std::string path;
  McPart part;
  int first() const { return part.parameters.first_sample; }
  int end() const { return part.parameters.first_sample + part.parameters.samples; }
  std::string describe() const {
    return path + " (samples " + std::to_string(first()) + ":" + std::to_string(end()) + ")";
  }
};

// The run that part p is a slice of, with the slice's own fields cleared: equal for all parts
// of one run.
mc::TemperingParameters run_of(mc::TemperingParameters p) {
  p.samples = p.total_samples;
  p.first_sample = 0;
  p.total_samples = 0;
  return p;
}

std::string number_text(double x) {
  if (std::isnan(x)) return "NaN (--k given)";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

// Refuses a part b that does not belong to the run of the first part a.
void check_same_run(const NamedPart& a, const NamedPart& b) {
  const mc::TemperingParameters& pa = a.part.parameters;
  const mc::TemperingParameters& pb = b.part.parameters;
  const std::string refused = "parts " + a.path + " and " + b.path + " belong to different runs: ";
  if (pa.total_samples != pb.total_samples)
    throw std::invalid_argument(refused + "slices of " + std::to_string(pa.total_samples) +
                                " and of " + std::to_string(pb.total_samples) +
                                " samples (--samples) (accepted: parts of one run)");
  const std::string mismatch = mc::describe_mismatch(run_of(pa), run_of(pb), a.path, b.path);
  if (!mismatch.empty())
    throw std::invalid_argument(refused + "\n" + mismatch + "(accepted: parts of one run)");
  if (!same_bits(a.part.info.alpha_requested, b.part.info.alpha_requested))
    throw std::invalid_argument(refused + "alpha_requested " +
                                number_text(a.part.info.alpha_requested) + " and " +
                                number_text(b.part.info.alpha_requested) +
                                " (accepted: parts run with the same --alpha or --k)");
  if (a.part.info.save_patterns != b.part.info.save_patterns)
    throw std::invalid_argument(refused + "only " + (a.part.info.save_patterns ? a.path : b.path) +
                                " has --save-patterns (accepted: parts of one run)");
}

// Refuses overlaps and gaps among parts sorted by first sample, naming the parts around them.
void check_coverage(const std::vector<NamedPart>& parts) {
  const int total = parts.front().part.parameters.total_samples;
  const std::string accepted =
      " (accepted: parts that hold each sample 0.." + std::to_string(total - 1) + " exactly once)";
  if (parts.front().first() > 0)
    throw std::invalid_argument("no part holds samples 0.." +
                                std::to_string(parts.front().first() - 1) + " (the first part is " +
                                parts.front().describe() + ")" + accepted);
  for (std::size_t j = 1; j < parts.size(); ++j) {
    const NamedPart& before = parts[j - 1];
    const NamedPart& after = parts[j];
    if (after.first() < before.end())
      throw std::invalid_argument("parts " + before.describe() + " and " + after.describe() +
                                  " overlap: both hold samples " + std::to_string(after.first()) +
                                  ".." + std::to_string(std::min(before.end(), after.end()) - 1) +
                                  accepted);
    if (after.first() > before.end())
      throw std::invalid_argument("no part holds samples " + std::to_string(before.end()) + ".." +
                                  std::to_string(after.first() - 1) + " (a gap between " +
                                  before.describe() + " and " + after.describe() + ")" + accepted);
  }
  if (parts.back().end() < total)
    throw std::invalid_argument("no part holds samples " + std::to_string(parts.back().end()) +
                                ".." + std::to_string(total - 1) + " (the last part is " +
                                parts.back().describe() + ")" + accepted);
}

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

McMerged merge_mc_parts(const std::vector<std::string>& paths) {
  if (paths.empty()) throw std::invalid_argument("no parts given (accepted: one or more files)");
  std::vector<NamedPart> parts;
  parts.reserve(paths.size());
  for (const std::string& path : paths) parts.push_back({path, read_mc_part(path)});
  for (std::size_t j = 1; j < parts.size(); ++j) check_same_run(parts.front(), parts[j]);
  std::stable_sort(parts.begin(), parts.end(),
                   [](const NamedPart& a, const NamedPart& b) { return a.first() < b.first(); });
  check_coverage(parts);

  McMerged merged;
  merged.parameters = run_of(parts.front().part.parameters);
  merged.info = parts.front().part.info;
  merged.info.wall_seconds = 0.0;
  merged.info.resumes = 0;
  merged.info.checkpoints = 0;
  merged.info.backend.clear();
  mc::TemperingState& s = merged.state;
  s.sweep = parts.front().part.state.sweep;
  for (std::size_t j = 0; j < parts.size(); ++j) {
    const McPart& part = parts[j].part;
    append(s.spins, part.state.spins);
    append(s.slot_of_walker, part.state.slot_of_walker);
    append(s.trip_label, part.state.trip_label);
    append(s.round_trips, part.state.round_trips);
    if (j == 0) {
      s.accumulators = part.state.accumulators;
    } else {
      s.accumulators.append_samples(part.state.accumulators);
    }
    merged.info.wall_seconds += part.info.wall_seconds;
    merged.info.resumes += part.info.resumes;
    merged.info.checkpoints += part.info.checkpoints;
    const std::string& backend = part.info.backend;
    if (("," + merged.info.backend + ",").find("," + backend + ",") == std::string::npos)
      merged.info.backend += (merged.info.backend.empty() ? "" : ",") + backend;
  }
  if (!s.accumulators.consistent() || s.accumulators.D != merged.parameters.samples)
    throw std::logic_error("merge_mc_parts: the merged accumulators are inconsistent");
  return merged;
}

}  // namespace dhn::analysis

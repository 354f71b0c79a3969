// Parsing of mc's --sample-range a:b: the half-open slice a .. b-1 of the disorder samples that
// one task of a job array runs (docs/clusters.md, "Job arrays without MPI").
#pragma once

#include <string>

namespace dhn::cli {

struct SampleRange {
  int first = 0;  // a, the first sample
  int end = 0;    // b, one past the last sample
};

// "a:b" with decimal integers 0 <= a < b <= samples. Throws dhn::ParameterError("sample-range",
// ...) naming the text and the accepted range.
SampleRange parse_sample_range(const std::string& text, int samples);

}  // namespace dhn::cli

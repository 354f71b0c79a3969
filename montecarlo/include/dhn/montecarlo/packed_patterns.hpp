// Bit-packed patterns for the GPU (and any memory-bound loop): site-major rows of K bits, bit
// (mu mod 32) of word mu / 32 is 1 for xi^mu_i = +1. 32 times smaller than int8 storage, so the
// patterns of a disorder sample stay in cache for all its replicas.
#pragma once

#include <cstdint>
#include <vector>

#include "dhn/model/hd.hpp"

namespace dhn::montecarlo {

// 32-bit words per site row.
DHN_HD inline std::int64_t packed_words_per_site(std::int64_t K) {
  return (K + 31) / 32;
}

// xi^mu_i (+-1) from the packed row of site i.
DHN_HD inline std::int32_t packed_entry(const std::uint32_t* row, std::int64_t mu) {
  return ((row[mu >> 5] >> (mu & 31)) & 1u) != 0u ? 1 : -1;
}

// Packs site-major int8 values (entry (mu, i) at i K + mu) into rows of packed_words_per_site(K)
// words, padding bits zero.
inline std::vector<std::uint32_t> pack_patterns(const std::vector<std::int8_t>& site_major, int N,
                                                std::int64_t K) {
  const std::int64_t words = packed_words_per_site(K);
  std::vector<std::uint32_t> packed(static_cast<std::size_t>(N * words), 0u);
  for (int i = 0; i < N; ++i) {
    for (std::int64_t mu = 0; mu < K; ++mu) {
      if (site_major[static_cast<std::size_t>(i * K + mu)] > 0)
        packed[static_cast<std::size_t>(i * words + (mu >> 5))] |= 1u << (mu & 31);
    }
  }
  return packed;
}

}  // namespace dhn::montecarlo

// Sweep kernels of the CUDA backend: one thread block per walker, its overlaps S_mu in shared
// memory, the packed patterns of its sample read through the cache (shared by the sample's
// walkers). Each attempted flip sums x^P G(x S_mu) over mu across the block (flip_term.hpp),
// reduces exactly in int64, and thread 0 decides with the CPU's rule (acceptance.hpp).
#include <cuda_runtime.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "cuda_check.hpp"
#include "dhn/cuda/device.hpp"
#include "dhn/cuda/ensemble.hpp"
#include "dhn/montecarlo/flip_term.hpp"
#include "dhn/montecarlo/packed_patterns.hpp"
#include "dhn/montecarlo/rng.hpp"

namespace dhn::cuda {

using detail::check;
using detail::DeviceArray;

namespace {

constexpr int kThreads = 256;  // 8 warps per walker
constexpr int kWarps = kThreads / 32;

template <typename Int>
struct KernelArguments {
  const std::uint32_t* patterns;  // (D, N, words)
  std::int8_t* spins;             // (walkers, N)
  std::int32_t* overlaps;         // (walkers, K)
  std::int64_t* energy;           // (walkers)
  std::int64_t* accepted;         // (walkers)
  const double* beta_over_denominator;
  const std::uint64_t* key_replica;
  int walkers_per_sample, N;
  std::int64_t K, words;
  std::uint64_t seed;
  std::uint64_t first_sample;  // key sample of local sample 0 (a slice of a larger run)
  std::int64_t first_sweep;
  int sweeps;
  montecarlo::UpdateRule rule;
  bool random_order;
  Int c[kMaxP];
  montecarlo::FlipScale scale;
};

__device__ std::int64_t block_sum(std::int64_t value, std::int64_t* warp_sums) {
  for (int offset = 16; offset > 0; offset >>= 1)
    value += __shfl_down_sync(0xffffffffu, value, offset);
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  if (lane == 0) warp_sums[warp] = value;
  __syncthreads();
  std::int64_t total = 0;
  if (threadIdx.x == 0)
    for (int w = 0; w < kWarps; ++w) total += warp_sums[w];
  return total;  // meaningful on thread 0 only
}

// Shared memory: S[K] (int32), then per chunk of kThreads steps the sites and uniforms drawn in
// parallel, then the spins (int8).
template <int P, typename Int>
__global__ void __launch_bounds__(kThreads) sweep_kernel(const KernelArguments<Int> a) {
  extern __shared__ unsigned char shared[];
  std::int32_t* S = reinterpret_cast<std::int32_t*>(shared);
  double* uniform = reinterpret_cast<double*>(shared + ((a.K * 4 + 7) / 8) * 8);
  std::int32_t* site = reinterpret_cast<std::int32_t*>(uniform + kThreads);
  std::int8_t* spin = reinterpret_cast<std::int8_t*>(site + kThreads);
  __shared__ std::int64_t warp_sums[kWarps];
  __shared__ int decision;

  const int walker = blockIdx.x;
  const std::uint64_t sample = static_cast<std::uint64_t>(walker / a.walkers_per_sample);
  const std::uint64_t key_sample = a.first_sample + sample;  // the Philox key's sample word
  const std::uint32_t* patterns = a.patterns + sample * a.N * a.words;
  std::int32_t* S_global = a.overlaps + static_cast<std::int64_t>(walker) * a.K;
  std::int8_t* spin_global = a.spins + static_cast<std::int64_t>(walker) * a.N;
  for (std::int64_t mu = threadIdx.x; mu < a.K; mu += kThreads) S[mu] = S_global[mu];
  for (int i = threadIdx.x; i < a.N; i += kThreads) spin[i] = spin_global[i];
  const double bod = a.beta_over_denominator[walker];
  const std::uint64_t key = a.key_replica[walker];
  std::int64_t energy = a.energy[walker], accepted = 0;
  __syncthreads();

  for (int n = 0; n < a.sweeps; ++n) {
    const std::uint64_t sweep_index = static_cast<std::uint64_t>(a.first_sweep + n);
    for (int chunk = 0; chunk < a.N; chunk += kThreads) {
      // The chunk's Philox blocks, one per thread (the CPU draws the same block at step t).
      const int t_own = chunk + threadIdx.x;
      if (t_own < a.N) {
        const montecarlo::RandomBlock block =
            montecarlo::random_block(a.seed, montecarlo::Stream::dynamics, key_sample, key,
                                     sweep_index, static_cast<std::uint64_t>(t_own));
        site[threadIdx.x] = a.random_order
                                ? static_cast<std::int32_t>(montecarlo::bounded_from_bits(
                                      block.word[0], static_cast<std::uint32_t>(a.N)))
                                : t_own;
        uniform[threadIdx.x] = montecarlo::uniform_from_bits(block.word[1]);
      }
      __syncthreads();
      const int steps = min(kThreads, a.N - chunk);
      for (int k = 0; k < steps; ++k) {
        const int i = site[k];
        const Int s = spin[i];
        const std::uint32_t* row = patterns + static_cast<std::int64_t>(i) * a.words;
        std::int64_t partial = 0;
        for (std::int64_t mu = threadIdx.x; mu < a.K; mu += kThreads) {
          const Int x = static_cast<Int>(montecarlo::packed_entry(row, mu)) * s;
          partial += montecarlo::flip_term_polynomial<P, Int>(a.c, x, static_cast<Int>(S[mu]));
        }
        const std::int64_t total = block_sum(partial, warp_sums);
        if (threadIdx.x == 0) {
          const std::int64_t delta = montecarlo::scale_flip_sum(total, a.scale);
          const bool flip = montecarlo::accept_flip(delta, bod, a.rule, uniform[k]);
          decision = flip ? 1 : 0;
          if (flip) {
            energy += delta;
            ++accepted;
            spin[i] = static_cast<std::int8_t>(-s);  // every thread read spin[i] before the sum
          }
        }
        __syncthreads();
        if (decision) {
          for (std::int64_t mu = threadIdx.x; mu < a.K; mu += kThreads)
            S[mu] = montecarlo::flipped_overlap(S[mu], montecarlo::packed_entry(row, mu),
                                                static_cast<std::int32_t>(s));
        }
        __syncthreads();  // S updated (and decision read) before the next step
      }
    }
  }
  for (std::int64_t mu = threadIdx.x; mu < a.K; mu += kThreads) S_global[mu] = S[mu];
  for (int i = threadIdx.x; i < a.N; i += kThreads) spin_global[i] = spin[i];
  if (threadIdx.x == 0) {
    a.energy[walker] = energy;
    a.accepted[walker] = accepted;
  }
}

std::size_t shared_bytes(std::int64_t K, int N) {
  return static_cast<std::size_t>(((K * 4 + 7) / 8) * 8 + kThreads * (8 + 4) + N);
}

template <int P, typename Int>
void launch(const KernelArguments<Int>& arguments, int walkers, std::size_t bytes) {
  check(cudaFuncSetAttribute(sweep_kernel<P, Int>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                             static_cast<int>(bytes)),
        "cudaFuncSetAttribute (shared memory for K overlaps)");
  sweep_kernel<P, Int><<<walkers, kThreads, bytes>>>(arguments);
  check(cudaGetLastError(), "sweep kernel launch");
  check(cudaDeviceSynchronize(), "sweep kernel");
}

// P is a template parameter (Horner unrolled); one instantiation per supported P.
template <typename Int, int P = 2>
void dispatch(int p, const KernelArguments<Int>& arguments, int walkers, std::size_t bytes) {
  if constexpr (P <= kMaxP) {
    if (p == P) return launch<P, Int>(arguments, walkers, bytes);
    return dispatch<Int, P + 1>(p, arguments, walkers, bytes);
  } else {
    throw std::invalid_argument("CUDA sweep: P = " + std::to_string(p) + " outside [2, 12]");
  }
}

// One block per walker: S_0 and max_mu |S_mu| of its overlaps.
__global__ void __launch_bounds__(kThreads)
    summary_kernel(const std::int32_t* overlaps, std::int64_t K, std::int32_t* cued,
                   std::int32_t* max_abs, std::int32_t* max_other) {
  __shared__ std::int32_t warp_max[kWarps], warp_other[kWarps];
  const std::int32_t* S = overlaps + static_cast<std::int64_t>(blockIdx.x) * K;
  std::int32_t m = 0, other = 0;  // max |S_mu| over all mu, and over mu >= 1
  for (std::int64_t mu = threadIdx.x; mu < K; mu += kThreads) {
    m = max(m, abs(S[mu]));
    if (mu > 0) other = max(other, abs(S[mu]));
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    m = max(m, __shfl_down_sync(0xffffffffu, m, offset));
    other = max(other, __shfl_down_sync(0xffffffffu, other, offset));
  }
  if ((threadIdx.x & 31) == 0) {
    warp_max[threadIdx.x >> 5] = m;
    warp_other[threadIdx.x >> 5] = other;
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    for (int w = 1; w < kWarps; ++w) {
      m = max(m, warp_max[w]);
      other = max(other, warp_other[w]);
    }
    max_abs[blockIdx.x] = m;
    max_other[blockIdx.x] = other;
    cued[blockIdx.x] = S[0];
  }
}

// One block per pair: sum_i s^a_i s^b_i.
__global__ void __launch_bounds__(kThreads)
    product_kernel(const std::int8_t* spins, int N, const std::int32_t* first,
                   const std::int32_t* second, std::int32_t* products) {
  __shared__ std::int32_t warp_sum[kWarps];
  const std::int8_t* a = spins + static_cast<std::int64_t>(first[blockIdx.x]) * N;
  const std::int8_t* b = spins + static_cast<std::int64_t>(second[blockIdx.x]) * N;
  std::int32_t sum = 0;
  for (int i = threadIdx.x; i < N; i += kThreads) sum += a[i] * b[i];
  for (int offset = 16; offset > 0; offset >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, offset);
  if ((threadIdx.x & 31) == 0) warp_sum[threadIdx.x >> 5] = sum;
  __syncthreads();
  if (threadIdx.x == 0) {
    for (int w = 1; w < kWarps; ++w) sum += warp_sum[w];
    products[blockIdx.x] = sum;
  }
}

}  // namespace

struct DeviceEnsemble::Buffers {
  DeviceArray<std::uint32_t> patterns;
  DeviceArray<std::int8_t> spins;
  DeviceArray<std::int32_t> overlaps;
  DeviceArray<std::int64_t> energy, accepted;
  DeviceArray<double> beta_over_denominator;
  DeviceArray<std::uint64_t> key_replica;
  mutable DeviceArray<std::int32_t> cued, max_abs, max_other;
};

DeviceEnsemble::DeviceEnsemble(const EnsembleLayout& layout, const FlipPolynomial& polynomial,
                               const std::vector<std::vector<std::int8_t>>& patterns,
                               const std::vector<std::int8_t>& spins,
                               const std::vector<std::int64_t>& energy_numerators,
                               const std::vector<double>& energy_denominator)
    : layout_(layout), polynomial_(polynomial), denominator_(energy_denominator) {
  if (device_count() == 0) throw NoDeviceError("no CUDA device; use --backend cpu");
  const int D = layout.samples, W = walkers();
  const int N = layout.N;
  const std::int64_t K = layout.K;
  if (D < 1 || layout.walkers_per_sample < 1 || N < 1 || K < 1 ||
      patterns.size() != static_cast<std::size_t>(D) ||
      spins.size() != static_cast<std::size_t>(W) * N ||
      energy_numerators.size() != static_cast<std::size_t>(W) ||
      energy_denominator.size() != static_cast<std::size_t>(D))
    throw std::invalid_argument("DeviceEnsemble: inconsistent shapes");
  int device = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  int shared_limit = 0;
  check(cudaDeviceGetAttribute(&shared_limit, cudaDevAttrMaxSharedMemoryPerBlockOptin, device),
        "cudaDeviceGetAttribute");
  if (shared_bytes(K, N) > static_cast<std::size_t>(shared_limit))
    throw std::invalid_argument("DeviceEnsemble: K = " + std::to_string(K) +
                                " overlaps do not fit the block's shared memory (" +
                                std::to_string(shared_limit) + " bytes)");
  const std::int64_t words = montecarlo::packed_words_per_site(K);
  std::vector<std::uint32_t> packed;
  packed.reserve(static_cast<std::size_t>(D * N * words));
  for (const auto& p : patterns) {
    if (p.size() != static_cast<std::size_t>(N * K))
      throw std::invalid_argument("DeviceEnsemble: a pattern set is not N K values");
    const std::vector<std::uint32_t> rows = montecarlo::pack_patterns(p, N, K);
    packed.insert(packed.end(), rows.begin(), rows.end());
  }
  // Overlaps from the spins, exactly as the CPU computes them.
  std::vector<std::int32_t> S(static_cast<std::size_t>(W) * K, 0);
  for (int c = 0; c < W; ++c) {
    const auto& xi = patterns[static_cast<std::size_t>(c / layout.walkers_per_sample)];
    for (int i = 0; i < N; ++i) {
      const std::int32_t s = spins[static_cast<std::size_t>(c) * N + i];
      for (std::int64_t mu = 0; mu < K; ++mu)
        S[static_cast<std::size_t>(c * K + mu)] += xi[static_cast<std::size_t>(i * K + mu)] * s;
    }
  }
  buffers_ = std::make_unique<Buffers>();
  Buffers& b = *buffers_;
  b.patterns = DeviceArray<std::uint32_t>(packed.size());
  b.patterns.upload(packed.data(), packed.size());
  b.spins = DeviceArray<std::int8_t>(spins.size());
  b.spins.upload(spins.data(), spins.size());
  b.overlaps = DeviceArray<std::int32_t>(S.size());
  b.overlaps.upload(S.data(), S.size());
  b.energy = DeviceArray<std::int64_t>(energy_numerators.size());
  b.energy.upload(energy_numerators.data(), energy_numerators.size());
  b.accepted = DeviceArray<std::int64_t>(static_cast<std::size_t>(W));
  b.beta_over_denominator = DeviceArray<double>(static_cast<std::size_t>(W));
  b.key_replica = DeviceArray<std::uint64_t>(static_cast<std::size_t>(W));
  b.cued = DeviceArray<std::int32_t>(static_cast<std::size_t>(W));
  b.max_abs = DeviceArray<std::int32_t>(static_cast<std::size_t>(W));
  b.max_other = DeviceArray<std::int32_t>(static_cast<std::size_t>(W));
}

DeviceEnsemble::~DeviceEnsemble() = default;

std::vector<std::int64_t> DeviceEnsemble::sweep(const montecarlo::SweepRequest& request) {
  const int W = walkers();
  if (request.beta.size() != static_cast<std::size_t>(W) ||
      request.key_replica.size() != static_cast<std::size_t>(W) || request.sweeps < 0)
    throw std::invalid_argument("DeviceEnsemble::sweep: one beta and key per walker expected");
  std::vector<double> bod(static_cast<std::size_t>(W));
  for (int c = 0; c < W; ++c)
    bod[c] =
        request.beta[c] / denominator_[static_cast<std::size_t>(c / layout_.walkers_per_sample)];
  Buffers& b = *buffers_;
  b.beta_over_denominator.upload(bod.data(), bod.size());
  b.key_replica.upload(request.key_replica.data(), request.key_replica.size());
  const std::size_t bytes = shared_bytes(layout_.K, layout_.N);
  auto fill = [&](auto& arguments) {
    arguments.patterns = b.patterns.data;
    arguments.spins = b.spins.data;
    arguments.overlaps = b.overlaps.data;
    arguments.energy = b.energy.data;
    arguments.accepted = b.accepted.data;
    arguments.beta_over_denominator = b.beta_over_denominator.data;
    arguments.key_replica = b.key_replica.data;
    arguments.walkers_per_sample = layout_.walkers_per_sample;
    arguments.N = layout_.N;
    arguments.K = layout_.K;
    arguments.words = montecarlo::packed_words_per_site(layout_.K);
    arguments.seed = request.seed;
    arguments.first_sample = request.first_sample;
    arguments.first_sweep = request.first_sweep;
    arguments.sweeps = request.sweeps;
    arguments.rule = request.rule;
    arguments.random_order = request.order == montecarlo::SiteOrder::random;
    for (int k = 0; k < kMaxP; ++k)
      arguments.c[k] = static_cast<decltype(arguments.c[0] + 0)>(polynomial_.coefficients[k]);
    arguments.scale = {polynomial_.scale_numerator, polynomial_.scale_denominator};
  };
  if (polynomial_.int32_terms) {
    KernelArguments<std::int32_t> arguments{};
    fill(arguments);
    dispatch<std::int32_t>(layout_.P, arguments, W, bytes);
  } else {
    KernelArguments<std::int64_t> arguments{};
    fill(arguments);
    dispatch<std::int64_t>(layout_.P, arguments, W, bytes);
  }
  std::vector<std::int64_t> accepted(static_cast<std::size_t>(W));
  b.accepted.download(accepted.data());
  return accepted;
}

montecarlo::WalkerSummaries DeviceEnsemble::summaries() const {
  const Buffers& b = *buffers_;
  summary_kernel<<<walkers(), kThreads>>>(b.overlaps.data, layout_.K, b.cued.data, b.max_abs.data,
                                          b.max_other.data);
  check(cudaGetLastError(), "summary kernel launch");
  montecarlo::WalkerSummaries out;
  out.energy = energy_numerators();
  out.cued.resize(b.cued.size);
  out.max_abs.resize(b.max_abs.size);
  b.cued.download(out.cued.data());
  b.max_abs.download(out.max_abs.data());
  out.max_other.resize(b.max_other.size);
  b.max_other.download(out.max_other.data());
  return out;
}

std::vector<std::int32_t> DeviceEnsemble::spin_products(
    const std::vector<std::int32_t>& first, const std::vector<std::int32_t>& second) const {
  if (first.size() != second.size())
    throw std::invalid_argument("spin_products: as many first as second walkers expected");
  for (std::size_t k = 0; k < first.size(); ++k) {
    if (first[k] < 0 || first[k] >= walkers() || second[k] < 0 || second[k] >= walkers())
      throw std::invalid_argument("spin_products: walker index out of range");
  }
  std::vector<std::int32_t> out(first.size());
  if (first.empty()) return out;
  DeviceArray<std::int32_t> a(first.size()), c(second.size()), products(first.size());
  a.upload(first.data(), first.size());
  c.upload(second.data(), second.size());
  product_kernel<<<static_cast<unsigned>(first.size()), kThreads>>>(buffers_->spins.data, layout_.N,
                                                                    a.data, c.data, products.data);
  check(cudaGetLastError(), "product kernel launch");
  products.download(out.data());
  return out;
}

std::vector<std::int8_t> DeviceEnsemble::spins() const {
  std::vector<std::int8_t> out(buffers_->spins.size);
  buffers_->spins.download(out.data());
  return out;
}

std::vector<std::int32_t> DeviceEnsemble::overlaps() const {
  std::vector<std::int32_t> out(buffers_->overlaps.size);
  buffers_->overlaps.download(out.data());
  return out;
}

std::vector<std::int64_t> DeviceEnsemble::energy_numerators() const {
  std::vector<std::int64_t> out(buffers_->energy.size);
  buffers_->energy.download(out.data());
  return out;
}

}  // namespace dhn::cuda

// Raw observables of one replica and of a replica pair (physics.md section 1 names): energy per
// spin, Mattis magnetisation m of the cued pattern, the largest |m_mu|, and the overlap q_ab.
#pragma once

#include "dhn/montecarlo/replica.hpp"

namespace dhn::montecarlo {

// H(s) / N, convention B (H = U / N^(P-1) distinct, U / (P! N^(P-1)) full).
double energy_per_spin(const Replica& replica);
// m = S_0 / N, the overlap with the cued pattern mu = 0.
double cued_overlap(const Replica& replica);
// max_mu |S_mu| / N over all K patterns.
double max_overlap(const Replica& replica);
// q_ab = (1/N) sum_i s^a_i s^b_i; both replicas must have the same N (std::invalid_argument).
double replica_overlap(const Replica& a, const Replica& b);

}  // namespace dhn::montecarlo

#include "dhn/theory/rs_system.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace dhn::theory {

RsDense::RsDense(const Model& model) : model_(model), xihat_(model), signal_(model.P) {
  if (model.P < 3) throw std::invalid_argument("RsDense needs P >= 3; use RsHopfield for P = 2");
}

bool RsDense::admissible(double m, double q, double beta) const {
  return m >= -1.0 && m <= 1.0 && q >= 0.0 && q <= 1.0 && beta > 0.0 && std::isfinite(beta);
}

Field RsDense::field(double m, double q, double beta) const {
  const double xi1 = xihat_.derivative(q);
  return {.a = beta * signal_.value(m),
          .v = beta * beta * xi1,
          .da_dm = beta * signal_.derivative(m),
          .da_dbeta = signal_.value(m),
          .dv_dq = beta * beta * xihat_.second_derivative(q),
          .dv_dbeta = 2.0 * beta * xi1};
}

double RsDense::free_energy(double m, double q, double beta, const TanhMoments& moments) const {
  const double pressure =
      M_LN2 + moments.log_cosh - beta * signal_.legendre_term(m) +
      0.5 * beta * beta * (xihat_.value(1.0) - xihat_.value(q) - (1.0 - q) * xihat_.derivative(q));
  return -pressure / beta;
}

// beta f = -[ln 2 + E ln cosh h - beta L(m) + (beta^2/2) C(q)], C = xihat(1) - xihat(q) -
// (1-q) xihat'(q), with a = beta b(m) and v = beta^2 xihat'(q).
double RsDense::energy(double m, double q, double beta, const TanhMoments& moments) const {
  const double xi1 = xihat_.derivative(q);
  const double d_log_cosh = moments.t1 * signal_.value(m) + moments.sech2 * beta * xi1;
  return -(d_log_cosh - signal_.legendre_term(m) +
           beta * (xihat_.value(1.0) - xihat_.value(q) - (1.0 - q) * xi1));
}

double RsDense::onset_slope(double beta) const {
  if (xihat_.has_random_field()) return std::numeric_limits<double>::infinity();
  return beta * beta * xihat_.second_derivative(0.0);
}

double RsDense::replicon_coefficient(double q, double beta) const {
  return beta * beta * xihat_.second_derivative(q);
}

RsHopfield::RsHopfield(const Model& model) : model_(model) {
  validate(model);
  if (model.P != 2) throw std::invalid_argument("RsHopfield needs P = 2");
}

bool RsHopfield::admissible(double m, double q, double beta) const {
  return m >= -1.0 && m <= 1.0 && q >= 0.0 && q <= 1.0 && beta > 0.0 && std::isfinite(beta) &&
         1.0 - beta * (1.0 - q) > 0.0;
}

Field RsHopfield::field(double m, double q, double beta) const {
  const double alpha = model_.alpha;
  const double D = 1.0 - beta * (1.0 - q);
  const double r = q / (D * D);
  const double dr_dq = 1.0 / (D * D) - 2.0 * beta * q / (D * D * D);
  const double dr_dbeta = 2.0 * q * (1.0 - q) / (D * D * D);
  return {.a = beta * m,
          .v = beta * beta * alpha * r,
          .da_dm = beta,
          .da_dbeta = m,
          .dv_dq = beta * beta * alpha * dr_dq,
          .dv_dbeta = alpha * (2.0 * beta * r + beta * beta * dr_dbeta)};
}

double RsHopfield::free_energy(double m, double q, double beta, const TanhMoments& moments) const {
  const double alpha = model_.alpha;
  const double D = 1.0 - beta * (1.0 - q);
  const double r = q / (D * D);
  const double log_2cosh = M_LN2 + moments.log_cosh;
  return 0.5 * alpha + 0.5 * m * m + alpha / (2.0 * beta) * (std::log(D) - beta * q / D) +
         0.5 * alpha * beta * r * (1.0 - q) - log_2cosh / beta;
}

// beta f = beta (alpha + m^2)/2 + (alpha/2)(ln D - beta q/D) + alpha beta^2 r (1-q)/2 - ln 2
// - E ln cosh h with D = 1 - beta (1-q), dD/d beta = -(1-q), r = q/D^2, dr/d beta = 2q(1-q)/D^3.
double RsHopfield::energy(double m, double q, double beta, const TanhMoments& moments) const {
  const double alpha = model_.alpha;
  const double D = 1.0 - beta * (1.0 - q);
  const double r = q / (D * D);
  const double dr_dbeta = 2.0 * q * (1.0 - q) / (D * D * D);
  const double dv_dbeta = alpha * (2.0 * beta * r + beta * beta * dr_dbeta);
  const double d_log_cosh = moments.t1 * m + 0.5 * moments.sech2 * dv_dbeta;
  const double d_log_term = 0.5 * alpha * (-1.0 / D - beta * q * (1.0 - q) / (D * D));
  const double d_r_term = 0.5 * alpha * (1.0 - q) * (2.0 * beta * r + beta * beta * dr_dbeta);
  return 0.5 * alpha + 0.5 * m * m + d_log_term + d_r_term - d_log_cosh;
}

double RsHopfield::onset_slope(double beta) const {
  if (beta >= 1.0) return std::numeric_limits<double>::infinity();
  return beta * beta * model_.alpha / ((1.0 - beta) * (1.0 - beta));
}

double RsHopfield::replicon_coefficient(double q, double beta) const {
  const double D = 1.0 - beta * (1.0 - q);
  return beta * beta * model_.alpha / (D * D);
}

AnyRsSystem make_rs_system(const Model& model) {
  validate(model);
  if (model.P == 2) return RsHopfield(model);
  return RsDense(model);
}

}  // namespace dhn::theory

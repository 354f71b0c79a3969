"""Independent NumPy evaluations of the theory's one-dimensional limits (shared/docs/physics.md).

They share no code with theory/ (C++): each is a few lines of the closed forms or of a single
Gaussian integral, solved by golden section and bisection. They serve as guide curves in the
notebooks and as references in the [paper] tests. Convention B throughout; xihat(q) = alpha *
sum_k c_k q^k with the coefficients of physics.md section 2 for the "distinct" and "full" variants.

Gaussian expectations use a uniform Simpson grid on z in [-12, 12] with 4001 nodes (physics.md
section 9: Gauss-Hermite fails for tanh at large beta); at large y = beta sqrt(xihat') the terms
that decay like exp(-2|u|) are integrated in u = a + y z instead (16001 nodes on [-40, 40]), so
the resolution does not degrade as T -> 0. Halving both steps moves the glass lines by less than
1e-10 (tests/analysis/python/test_dhn_reference.py).
"""
import math

import numpy as np

LN2 = math.log(2.0)


def simpson_weights(n, h):
    """Composite Simpson weights for n (odd) equally spaced nodes of spacing h."""
    if n % 2 == 0:
        raise ValueError("Simpson's rule needs an odd number of nodes")
    w = np.ones(n)
    w[1:-1:2], w[2:-1:2] = 4.0, 2.0
    return w * h / 3.0


def gauss_grid(n=4001, zmax=12.0):
    """Nodes z and weights w with sum(w f(z)) = E f(z), z ~ N(0, 1) (composite Simpson, n odd)."""
    z = np.linspace(-zmax, zmax, n)
    return z, simpson_weights(n, z[1] - z[0]) * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


Z, W = gauss_grid()


def expect(values):
    """E f(z) for values = f(Z) (last axis over the grid)."""
    return values @ W


U = np.linspace(-40.0, 40.0, 16001)  # u = a + y z; the integrands below decay like exp(-2|u|)
WU = simpson_weights(U.size, U[1] - U[0])


def log_cosh(u):
    """ln cosh u without overflow."""
    a = np.abs(u)
    return a + np.log1p(np.exp(-2.0 * a)) - LN2


def expect_decaying(g, a, y):
    """E g(a + y z) for a g that decays like exp(-2|u|) (sech^2, sech^4, ...). For y >= 2 the
    integral is taken in u = a + y z, E g = (1/y) int phi((u - a)/y) g(u) du, so the resolution
    does not degrade as y grows (beta -> infinity); for y < 2 on the z grid."""
    if y < 2.0:
        return expect(g(a + y * Z))
    t = (U - a) / y
    return (np.exp(-0.5 * t * t) / (math.sqrt(2.0 * math.pi) * y) * g(U)) @ WU


def _sech2(u):
    return 1.0 / np.cosh(np.clip(u, -350.0, 350.0)) ** 2


def e_tanh(a, y):
    """E tanh(a + y z); for y >= 2 as erf(a/(y sqrt 2)) - 2 E[sign(u)/(1 + exp(2|u|))], u = a + y z."""
    if y < 2.0:
        return expect(np.tanh(a + y * Z))
    return math.erf(a / (y * math.sqrt(2.0))) - 2.0 * expect_decaying(
        lambda u: np.sign(u) / (1.0 + np.exp(np.clip(2.0 * np.abs(u), None, 700.0))), a, y)


def e_tanh2(a, y):
    """E tanh^2(a + y z) = 1 - E sech^2(a + y z)."""
    return 1.0 - expect_decaying(_sech2, a, y)


def e_sech4(a, y):
    """E sech^4(a + y z)."""
    return expect_decaying(lambda u: _sech2(u) ** 2, a, y)


def e_log_cosh(a, y):
    """E ln cosh(a + y z) = E|a + y z| - ln 2 + E ln(1 + exp(-2|a + y z|)), with
    E|a + y z| = a erf(a/(y sqrt 2)) + y sqrt(2/pi) exp(-a^2/(2 y^2)) (for y >= 2)."""
    if y < 2.0:
        return expect(log_cosh(a + y * Z))
    absolute = a * math.erf(a / (y * math.sqrt(2.0))) + y * math.sqrt(2.0 / math.pi) * math.exp(-a * a / (2.0 * y * y))
    return absolute - LN2 + expect_decaying(lambda u: np.log1p(np.exp(-2.0 * np.abs(u))), a, y)


# ----------------------------------------------------------------------------- model


def noise_coefficients(P, variant="distinct"):
    """{k: c_k} with xihat(q)/alpha = sum_k c_k q^k (physics.md section 2)."""
    if variant == "distinct":
        return {P: 1.0 / math.factorial(P)}
    if variant == "full":
        coefficients = {}
        for k in range(1, P + 1):
            if (P - k) % 2 == 0:
                a_k = math.factorial(P) / (math.factorial(k) * math.factorial((P - k) // 2) * 2 ** ((P - k) // 2))
                coefficients[k] = a_k ** 2 * math.factorial(k) / math.factorial(P) ** 2
        return coefficients
    raise ValueError(f"unknown variant {variant!r}")


class Noise:
    """xihat(q) and its derivatives for a load alpha (or an explicit {k: c_k} polynomial)."""

    def __init__(self, coefficients, alpha=1.0):
        self.c = {k: alpha * c for k, c in coefficients.items()}

    def __call__(self, q):
        return sum(c * q ** k for k, c in self.c.items())

    def d1(self, q):
        return sum(k * c * q ** (k - 1) for k, c in self.c.items())

    def d2(self, q):
        return sum(k * (k - 1) * c * q ** (k - 2) for k, c in self.c.items() if k >= 2)


def signal(P, m):
    """b(m) = m^(P-1)/(P-1)! (physics.md section 2)."""
    return m ** (P - 1) / math.factorial(P - 1)


# ----------------------------------------------------------------------------- 1-D solvers


def golden_max(f, a, b, tol=1e-12, maxiter=200):
    """(x, f(x)) at the maximum of a unimodal f on [a, b] by golden-section search."""
    r = (math.sqrt(5.0) - 1.0) / 2.0
    c, d = b - r * (b - a), a + r * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(maxiter):
        if abs(b - a) < tol * max(1.0, abs(a) + abs(b)):
            break
        if fc > fd:
            b, d, fd = d, c, fc
            c = b - r * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + r * (b - a)
            fd = f(d)
    x = 0.5 * (a + b)
    return x, f(x)


def bisect(f, a, b, tol=1e-15, maxiter=200):
    """Root of f in [a, b] where f(a), f(b) differ in sign; ValueError otherwise."""
    fa, fb = f(a), f(b)
    if np.sign(fa) == np.sign(fb):
        raise ValueError(f"no sign change on [{a}, {b}]: f = {fa}, {fb}")
    for _ in range(maxiter):
        mid = 0.5 * (a + b)
        fm = f(mid)
        if fm == 0.0 or abs(b - a) < tol * max(1.0, abs(mid)):
            return mid
        if np.sign(fm) == np.sign(fa):
            a, fa = mid, fm
        else:
            b = mid
    return 0.5 * (a + b)


def sign_change(f, grid):
    """The first interval [grid[i], grid[i+1]] on which f changes sign (ValueError if none)."""
    values = [f(x) for x in grid]
    for i in range(len(grid) - 1):
        if np.sign(values[i]) != np.sign(values[i + 1]):
            return grid[i], grid[i + 1]
    raise ValueError("no sign change on the grid")


# ----------------------------------------------------------------------------- alpha = 0, REM


def curie_weiss_spinodal(P):
    """alpha = 0 retrieval spinodal of the P-spin Curie-Weiss magnet: m = tanh(beta b(m)) gives
    T(m) = b(m)/atanh(m) along the branch, and T_M = max_m T(m). Returns (T_M, m_M)."""
    m, T = golden_max(lambda m: signal(P, m) / math.atanh(m), 1e-6, 1.0 - 1e-12, tol=1e-13)
    return T, m


def curie_weiss_transition(P):
    """alpha = 0 first-order transition: ln cosh(beta b) = beta (P-1) m^P/P! on the branch, i.e.
    -ln(1 - m^2)/2 = atanh(m) (P-1) m/P, above the fold. Returns (T_c, m_c)."""
    _, m_fold = curie_weiss_spinodal(P)
    m = bisect(lambda m: -0.5 * math.log1p(-m * m) - math.atanh(m) * (P - 1) * m / P, m_fold, 1.0 - 1e-15)
    return signal(P, m) / math.atanh(m), m


def rem_temperature(xihat1):
    """Entropy crisis of the paramagnet, ln 2 = xihat(1)/(2 T^2): the random energy model's
    transition (Derrida 1981), the P -> infinity limit of T_s."""
    return math.sqrt(xihat1 / (2.0 * LN2))


def paramagnet_free_energy(T, xihat1):
    """f = -T ln 2 - xihat(1)/(2T) per spin (annealed, exact for the q = 0 state, P > 2)."""
    return -T * LN2 - xihat1 / (2.0 * T)


# ----------------------------------------------------------------------------- T = 0 RS, P >= 3


def rs_t0_scaled_alpha(x, P, g):
    """alpha on the T = 0 RS retrieval branch at m = erf(x): m = erf(b(m)/sqrt(2 alpha g)), so
    alpha = b(m)^2/(2 g x^2) with g = xihat'(1)/alpha (physics.md section 3). Works in logs so P
    may be large or non-integer (b via the Gamma function)."""
    m = math.erf(x)
    log_b = (P - 1) * math.log(m) - math.lgamma(P)
    return math.exp(2.0 * log_b - math.log(2.0 * g) - 2.0 * math.log(x))


def rs_t0_spinodal(P, variant="distinct"):
    """T = 0 RS spinodal capacity max_m alpha(m) for P >= 3. Returns (alpha_c, m_c)."""
    g = Noise(noise_coefficients(P, variant)).d1(1.0)
    x, alpha = golden_max(lambda x: rs_t0_scaled_alpha(x, P, g), 0.05, 8.0, tol=1e-14)
    return alpha, math.erf(x)


def rs_t0_spinodal_factorial(P):
    """(P-1)! alpha_c = alpha_G/P (distinct) from the same branch, for real P >= 3 (large-P curve);
    it decays like 1/(2 ln P) as P -> infinity."""
    def f(x):
        return math.exp((2 * P - 2) * math.log(math.erf(x)) - math.log(2.0) - 2.0 * math.log(x))
    return golden_max(f, 0.05, 10.0, tol=1e-14)[1]


def rs_t0_global(P, variant="distinct"):
    """T = 0 RS global-minimum capacity for P >= 3: the retrieval energy
    e_RS = -E|b + s z| + (P-1) m^P/P! (s^2 = xihat'(1)) equals the RS glass ground state
    -s sqrt(2/pi), on the branch above the spinodal's m. Returns (alpha, m)."""
    if P < 3:
        raise ValueError("P = 2 has the AGS reaction term; use the Hopfield formulas")
    g = Noise(noise_coefficients(P, variant)).d1(1.0)
    x_c, _ = golden_max(lambda x: rs_t0_scaled_alpha(x, P, g), 0.05, 8.0, tol=1e-14)
    c = math.sqrt(2.0 / math.pi)

    def gap(x):
        m = math.erf(x)
        b = signal(P, m)
        s = b / (math.sqrt(2.0) * x)  # m = erf(b/(sqrt(2) s))
        return -b * m - s * c * math.exp(-x * x) + (P - 1) * m ** P / math.factorial(P) + s * c

    x = bisect(gap, x_c, 12.0)
    return rs_t0_scaled_alpha(x, P, g), math.erf(x)


# ----------------------------------------------------------------------------- m = 0 glass sector


def _invert(G, q, y_max=400.0):
    """y with G(y) = q for an increasing G on [0, y_max]."""
    return bisect(lambda y: G(y) - q, 0.0, y_max, tol=1e-15)


def rs_glass_lines(xihat):
    """RS glass (m = 0) of the noise xihat: q = E tanh^2(y z) with y = beta sqrt(xihat'(q)),
    so T(q) = sqrt(xihat'(q))/y(q) along the branch. Returns (T_spinodal, T_transition): the
    fold max_q T(q) and, on the stable (upper) branch, where the RS glass pressure equals the
    paramagnet's: E ln cosh(y z) = (beta^2/2)[xihat(q) + (1 - q) xihat'(q)] (physics.md 3)."""
    def y_of(q):
        return _invert(lambda y: e_tanh2(0.0, y), q, y_max=1e7)

    def T_of(q):
        return math.sqrt(xihat.d1(q)) / y_of(q)

    q_sp, T_sp = golden_max(T_of, 1e-3, 1.0 - 1e-6, tol=1e-10)

    def gap(q):
        y = y_of(q)
        beta2 = y * y / xihat.d1(q)
        return e_log_cosh(0.0, y) - 0.5 * beta2 * (xihat(q) + (1.0 - q) * xihat.d1(q))

    lo, hi = sign_change(gap, np.linspace(q_sp, 1.0 - 1e-6, 200))
    return T_sp, T_of(bisect(gap, lo, hi, tol=1e-14))


def rsb1_glass_lines(xihat):
    """1RSB glass with q1 = 0 at theta = 1 (physics.md section 4): with y = beta sqrt(xihat'(q2))
    the cosh^theta-weighted averages are plain averages at the shifted field y^2 + y z, so
    q2 = E tanh^2(y^2 + y z) and the theta equation reads
    Sigma = -y^2/2 + E ln cosh(y^2 + y z) - (beta^2/2)(q2 xihat'(q2) - xihat(q2)) = 0.
    Returns (T_d, T_s): the fold max T of the theta = 1 branch, and where Sigma vanishes on its
    upper branch."""
    def y_of(q):
        return _invert(lambda y: e_tanh2(y * y, y), q, y_max=60.0)

    def T_of(q):
        return math.sqrt(xihat.d1(q)) / y_of(q)

    q_d, T_d = golden_max(T_of, 1e-3, 1.0 - 1e-9, tol=1e-10)

    def complexity(q):
        y = y_of(q)
        beta2 = y * y / xihat.d1(q)
        return -0.5 * y * y + e_log_cosh(y * y, y) - 0.5 * beta2 * (q * xihat.d1(q) - xihat(q))

    lo, hi = sign_change(complexity, np.linspace(q_d, 1.0 - 1e-9, 200))
    return T_d, T_of(bisect(complexity, lo, hi, tol=1e-14))


# ----------------------------------------------------------------------------- RS retrieval, P >= 3


def rs_retrieval(P, xihat, T, m=1.0, q=1.0, tol=1e-13, maxiter=20000):
    """The RS retrieval solution (m, q) at temperature T by plain iteration of m = E tanh h,
    q = E tanh^2 h, h = beta b(m) + beta sqrt(xihat'(q)) z, from (m, q). Returns (m, q, converged)."""
    beta = 1.0 / T
    for _ in range(maxiter):
        a, y = beta * signal(P, m), beta * math.sqrt(xihat.d1(q))
        m_new, q_new = e_tanh(a, y), e_tanh2(a, y)
        if abs(m_new - m) < tol and abs(q_new - q) < tol:
            return m_new, q_new, True
        m, q = m_new, q_new
    return m, q, False


def at_eigenvalue(P, xihat, T, m, q):
    """Replicon of the RS retrieval state: beta^2 xihat''(q) E sech^4 h (unstable above 1)."""
    beta = 1.0 / T
    return beta * beta * xihat.d2(q) * e_sech4(beta * signal(P, m), beta * math.sqrt(xihat.d1(q)))


def at_temperature(P, xihat, T_lo, T_hi):
    """T_AT: the replicon crosses 1 between T_lo (unstable) and T_hi (stable, below T_M)."""
    def excess(T):
        m, q, ok = rs_retrieval(P, xihat, T)
        if not ok or m < 1e-3:
            raise ValueError(f"no RS retrieval solution at T = {T}")
        return at_eigenvalue(P, xihat, T, m, q) - 1.0
    return bisect(excess, T_lo, T_hi, tol=1e-12)


def rs_retrieval_fold(P, xihat, m_range=(0.5, 0.999)):
    """T_M: the highest T of the RS retrieval branch. Along the branch parametrised by m, beta is
    the smallest root of E tanh h = m with q = E tanh^2 h (iterated from q = 1), found by a scan
    in beta from the noiseless atanh(m)/b(m) and bisection; T_M = max_m 1/beta (0 where m is not
    on the branch). Returns (T_M, m_M)."""
    def excess(beta, m, b):
        q = 1.0
        for _ in range(10000):
            q_new = e_tanh2(beta * b, beta * math.sqrt(xihat.d1(q)))
            if abs(q_new - q) < 1e-15:
                break
            q = q_new
        return e_tanh(beta * b, beta * math.sqrt(xihat.d1(q))) - m

    def T_of(m):
        b = signal(P, m)
        beta0 = math.atanh(m) / b
        try:
            lo, hi = sign_change(lambda beta: excess(beta, m, b), beta0 * np.geomspace(1.0, 50.0, 40))
        except ValueError:
            return 0.0
        return 1.0 / bisect(lambda beta: excess(beta, m, b), lo, hi, tol=1e-14)

    m, T = golden_max(T_of, *m_range, tol=1e-6)
    return T, m


def rs_branch_alpha(P, T, m, variant="distinct"):
    """The load at which the RS retrieval solution at temperature T has overlap m, and its q.

    At fixed T and m the field's signal a = beta b(m) is known, so m = E tanh(a + y z) fixes
    y = beta sqrt(xihat'(q)) alone (E tanh decreases in y; bisection), q = E tanh^2(a + y z)
    follows, and xihat'(q) = alpha xihat_1'(q) (xihat linear in alpha) gives
    alpha = y^2 / (beta^2 xihat_1'(q)). No fixed-point iteration is needed. Returns (alpha, q),
    (0, 1) where m >= tanh(a) (no noise is small enough)."""
    beta = 1.0 / T
    a = beta * signal(P, m)
    if m >= math.tanh(a):
        return 0.0, 1.0
    y_hi = 1.0
    while e_tanh(a, y_hi) > m:
        y_hi *= 2.0
    y = bisect(lambda y: e_tanh(a, y) - m, 0.0, y_hi, tol=1e-14)
    q = e_tanh2(a, y)
    unit = Noise(noise_coefficients(P, variant), 1.0)
    return y * y / (beta * beta * unit.d1(q)), q


def rs_capacity_at(P, T, variant="distinct", m_range=(0.3, 0.9999)):
    """RS spinodal capacity at temperature T > 0: the largest load with an RS retrieval solution
    at that T, max_m rs_branch_alpha(P, T, m) (golden section on the branch parametrised by m,
    as rs_t0_spinodal does at T = 0, which it approaches as T -> 0). For P > 2 it lies above the
    T = 0 value at low T (the RS retrieval region is re-entrant). Returns (alpha_c, m_c)."""
    m, alpha = golden_max(lambda m: rs_branch_alpha(P, T, m, variant)[0], *m_range, tol=1e-10)
    return alpha, m


def rs_retrieval_transition(P, xihat, T_lo, T_hi):
    """T_c against the q = 0 paramagnet: the RS retrieval pressure
    A = ln 2 + E ln cosh h - beta (P-1) m^P/P! + (beta^2/2)[xihat(1) - xihat(q) - (1-q) xihat'(q)]
    equals ln 2 + beta^2 xihat(1)/2 (physics.md section 3), bracketed by T_lo < T_c < T_hi < T_M.
    Valid where the paramagnet is the physical m = 0 state (above its entropy crisis and T_s)."""
    def gap(T):
        m, q, ok = rs_retrieval(P, xihat, T)
        if not ok or m < 1e-3:
            raise ValueError(f"no RS retrieval solution at T = {T}")
        beta = 1.0 / T
        a, y = beta * signal(P, m), beta * math.sqrt(xihat.d1(q))
        return (e_log_cosh(a, y) - beta * (P - 1) * m ** P / math.factorial(P)
                - 0.5 * beta * beta * (xihat(q) + (1.0 - q) * xihat.d1(q)))
    return bisect(gap, T_lo, T_hi, tol=1e-12)


def rs_retrieval_energy(P, xihat, T, m, q):
    """Energy per spin u = -d(beta f)/d(beta) of the RS retrieval state (m, q) at T, convention B:
    u = -m^P/P! - beta [xihat(1) - xihat(q)] (the beta-derivative of the RS pressure at fixed,
    stationary m and q; m = q = 0 gives the paramagnet -alpha/(P! T), physics.md section 7)."""
    return -m ** P / math.factorial(P) - (xihat(1.0) - xihat(q)) / T


def finite_size_signal_shift(P, m, N):
    """Leading 1/N term of the cued pattern's energy per spin in the "distinct" variant:
    e_P(x)/N^P = m^P/P! - m^(P-2)/(2 (P-2)! N) + O(N^-2) (Newton's identities, physics.md
    section 1: the (P choose 2) diagonal pairs removed), so a finite-N retrieval energy is
    u_RS + m^(P-2)/(2 (P-2)! N). The same removal lowers the field b(m) by a relative
    O(P(P-1)/(2 N m^2)), i.e. a finite-N shift of the effective temperature of that order."""
    return m ** (P - 2) / (2.0 * math.factorial(P - 2) * N)

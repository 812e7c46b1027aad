r"""Every step of the heuristic argument, as a SymPy derivation asserted in code.

Each claim function builds its statement *from the definitions* (the left-hand side is derived,
e.g. by ``sp.diff`` of the cost; only the right-hand side the book claims is typed), asserts it
through one of the shared checkers below, and returns a :class:`Claim` that renders nicely in a
notebook.  Every claim function accepts an optional override of the claimed right-hand side
(``rhs=...`` or similar); it exists so the tests can show that a wrong claim is rejected.
Proofs are cached, so calling a claim twice costs nothing.

Notation (stated once, used everywhere)
---------------------------------------
=========  =================================================================  ================
symbol     meaning                                                            book's name
=========  =================================================================  ================
n          training-set size (it appears in eta*lmbda/n)                      n
m          mini-batch size                                                    m
eta        learning rate                                                      eta
lmbda      regularization parameter; cost C = C0 + (lmbda/2n) * sum w^2        lambda
n_w        total number of weights in the network (biases excluded)           n (in part 3!)
n_in       fan-in of one neuron                                               n_in
a          the per-step decay rate a = eta*lmbda/n                            --
x          eta*lmbda (so a = x/n)                                             --
=========  =================================================================  ================

The clash: the book writes *n* both for the training-set size (in eta*lambda/n) and, in part 3
of the exercise, for the total number of weights.  Here the first is ``n`` and the second
``n_w`` (``N_w`` in formulas).

Shared checkers
---------------
``prove_equal``        lhs - rhs simplifies to exactly 0
``prove_limit``        sp.limit of an expression equals the claimed value
``prove_series``       the truncated series of an expression equals the claimed polynomial
``prove_nonnegative``  an expression is >= 0 (or > 0) on a stated interval: by positivity from
                       the symbols' assumptions after mapping the interval onto [0, oo), or by
                       "value at the left end >= 0 and derivative >= 0" (checked the same way).
                       Sampling numbers is never used as a proof.
All raise :class:`ProofError` (an ``AssertionError``) naming the claim and the residual.

Claims (``ALL_CLAIMS``, one line each)
--------------------------------------
01 l2_update_rule               d/dw of C gives w -> (1-eta*lmbda/n)w - (eta/m) sum dC_x/dw
01 bias_not_decayed             the penalty has no b in it: the bias update has no decay term
01 penalty_step_points_to_zero  the penalty's step is -(eta*lmbda/n)w: opposite in sign to w
01 decay_shrinks_weight         |(1-a)w| < |w| for 0 < a < 1 and w != 0
01 decay_overshoots             for 1 < a < 2 the step flips the sign of w yet still shrinks |w|
01 decay_diverges               for a > 2, |(1-a)^k w| -> oo
02 per_epoch_limit              (1 - eta*lmbda/n)^(n/m) -> exp(-eta*lmbda/m) as n -> oo
02 per_epoch_log_error_series   log((1-x/n)^(n/m)) + x/m = -x^2/(2mn) - x^3/(3mn^2) - ...
02 log_inequalities             -y/(1-y) <= log(1-y) <= -y for 0 <= y < 1
02 per_epoch_bounds             exp(-(x/m)/(1-x/n)) <= (1-x/n)^(n/m) <= exp(-x/m), 0 <= x < n
02 relative_error_form          (1-x/n)^ceil(n/m)/exp(-x/m) - 1 = expm1(ceil(n/m)log1p(-x/n) + x/m)
02 per_epoch_book_examples      exact Rationals: the book's runs lie inside the two-sided bound
02 per_epoch_ceiling            m not dividing n: ceil(n/m) steps, within one step's factor
03 sigmoid_derivative           sigma' = sigma (1 - sigma) = 1/(4 cosh^2(z/2))
03 sigmoid_derivative_symmetric sigma'(-z) = sigma'(z)
03 sigmoid_derivative_max       sigma' <= 1/4, with equality only at z = 0
03 sigmoid_derivative_exp_bound sigma'(z) <= exp(-|z|) for every real z
03 saturation_threshold         sigma'(z) < eps  <=>  |z| > z_eps = 2 acosh(1/(2 sqrt(eps)))
03 saturated_probability        z ~ N(0, s^2): P(sigma'(z) < eps) = erfc(z_eps / (s sqrt 2))
03 weighted_input_variance      Var z = sigma_w^2 sum x_i^2 + sigma_b^2; old vs new init
04 fixed_point                  w* of w <- (1-a)w - g is -g/a, i.e. (lmbda/n) w = -dC0/dw
04 cost_balance                 lmbda N_w w^2/(2n) = C0: w = sqrt(2nC0/(lmbda N_w)) ~ 1/sqrt(N_w)
04 unsaturation_scale           n_in w^2 E[x^2] = 1 gives w = 1/sqrt(n_in E[x^2]) ~ 1/sqrt(n_in)
04 noise_equilibrium            w <- (1-a)w + xi: stationary E[w^2] = s^2/(a(2-a))
06 ridge_eigen_shrink           ridge coordinates along eigen-directions are d_i/(d_i+alpha) x OLS
06 ridge_norm_monotone          d/d alpha ||w(alpha)||^2 <= 0
06 ridge_coefficient_grows      2 features, exact Rationals: a coefficient grows, the norm falls
07 soft_threshold               argmin_u (u-v)^2/2 + t|u| = sign(v) max(|v|-t, 0)
07 subgradient_step_overshoots  w - t sign(w) jumps over 0 if 0 < |w| < t; is 0 only if |w| = t

Numeric twins (vectorized over numpy arrays, built with ``sp.lambdify`` from the same
expressions, inputs validated): ``shrink_factor``, ``decay_trajectory``,
``per_epoch_factor_exact``, ``per_epoch_factor_approx``, ``per_epoch_relative_error``,
``per_epoch_factor_bounds``, ``sigmoid_prime``, ``saturation_threshold_value``,
``saturated_share``, ``weighted_input_std``, ``cost_balance_weight``, ``equilibrium_rms``,
``ridge_path``, ``soft_threshold_value``, ``subgradient_step``, ``book_per_epoch_factors``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import sympy as sp
import sympy.stats as sps
from sympy.codegen.cfunctions import expm1, log1p

__all__ = [
    "ALL_CLAIMS",
    "Claim",
    "ProofError",
    "book_per_epoch_factors",
    "cost_balance_weight",
    "decay_trajectory",
    "equilibrium_rms",
    "per_epoch_factor_approx",
    "per_epoch_factor_bounds",
    "per_epoch_factor_exact",
    "per_epoch_relative_error",
    "prove_equal",
    "prove_limit",
    "prove_nonnegative",
    "prove_series",
    "ridge_path",
    "twin_expression",
    "unsaturation_weight",
    "run_all_claims",
    "saturated_share",
    "saturation_threshold_value",
    "shrink_factor",
    "sigmoid_prime",
    "soft_threshold_value",
    "subgradient_step",
    "weighted_input_std",
]

# --------------------------------------------------------------------------------------------
# Symbols: the one place they are defined, with their assumptions.
# --------------------------------------------------------------------------------------------
eta = sp.Symbol("eta", positive=True)  # learning rate
lmbda = sp.Symbol("lambda", positive=True)  # regularization parameter
n = sp.Symbol("n", positive=True)  # training-set size
m = sp.Symbol("m", positive=True)  # mini-batch size
N_w = sp.Symbol("N_w", positive=True, integer=True)  # total number of weights
n_in = sp.Symbol("n_in", positive=True, integer=True)  # fan-in of one neuron
w = sp.Symbol("w", real=True)  # one weight
b = sp.Symbol("b", real=True)  # one bias
z = sp.Symbol("z", real=True)  # weighted input of a neuron
x = sp.Symbol("x", positive=True)  # eta*lmbda, the combination that matters per epoch
a = sp.Symbol("a", positive=True)  # per-step decay rate eta*lmbda/n
g = sp.Symbol("g", real=True)  # the data-gradient part of one step, eta*dC0/dw
eps = sp.Symbol("epsilon", positive=True)  # saturation threshold on sigma'
s = sp.Symbol("s", positive=True)  # standard deviation of z / of the noise
sigma_w = sp.Symbol("sigma_w", positive=True)
sigma_b = sp.Symbol("sigma_b", nonnegative=True)
C0_value = sp.Symbol("C_0", positive=True)  # the unregularized cost, as a number
alpha = sp.Symbol("alpha", nonnegative=True)  # ridge strength
t = sp.Symbol("t", positive=True)  # threshold (L1: t = eta*lmbda/n)
v = sp.Symbol("v", real=True)  # the point the proximal step starts from
u = sp.Symbol("u", real=True)  # the proximal step's free variable
k = sp.Symbol("k", positive=True, integer=True)  # a step count / summation index

#: the decay rate per step, in the course's notation
A_DECAY = eta * lmbda / n
#: the sigmoid
SIGMA = 1 / (1 + sp.exp(-z))


def sigmoid(arg: sp.Expr) -> sp.Expr:
    """sigma(arg) = 1/(1 + exp(-arg))."""
    return SIGMA.subs(z, arg)


# --------------------------------------------------------------------------------------------
# The claim object and the shared checkers
# --------------------------------------------------------------------------------------------
class ProofError(AssertionError):
    """A claimed statement did not survive the check; the message names it and the residual."""


@dataclass(frozen=True)
class Claim:
    """A proved statement: its name, the SymPy statement, and a note on what was assumed."""

    name: str
    statement: sp.Basic
    note: str = ""

    def _repr_latex_(self) -> str:
        label = self.name.replace("_", r"\_")
        return rf"$\displaystyle \mathrm{{{label}}}:\quad {sp.latex(self.statement)}$"

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's plain-text display
        p.text(f"{self.name}:\n{sp.pretty(self.statement)}")

    def __str__(self) -> str:
        return f"{self.name}: {sp.sstr(self.statement)}"


def _zero(expr: sp.Expr) -> bool:
    """True if ``expr`` is provably 0 (simplify, then a rewrite to exp, then expand)."""
    expr = sp.sympify(expr)
    if expr == 0:
        return True
    for transform in (
        sp.simplify,
        lambda e: sp.simplify(e.rewrite(sp.exp)),
        lambda e: sp.simplify(sp.expand(e.rewrite(sp.exp), force=True)),
    ):
        if transform(expr) == 0:
            return True
    return False


def prove_equal(lhs, rhs, name: str) -> sp.Eq:
    """Assert ``simplify(lhs - rhs) == 0``; return ``Eq(lhs, rhs)`` unevaluated."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        residual = sp.Matrix(lhs - rhs).applyfunc(sp.simplify)
        ok = all(_zero(e) for e in residual)
    else:
        residual = lhs - rhs
        ok = _zero(residual)
    if not ok:
        raise ProofError(f"{name}: lhs - rhs does not simplify to 0; residual = {residual}")
    return sp.Eq(lhs, rhs, evaluate=False)


def prove_limit(expr, var, point, expected, name: str, direction: str = "+") -> sp.Eq:
    """Assert ``limit(expr, var -> point) == expected``; return ``Eq(Limit(...), expected)``."""
    got = sp.limit(expr, var, point, dir=direction)
    expected = sp.sympify(expected)
    same = got == expected if (got.is_infinite or expected.is_infinite) else _zero(got - expected)
    if not same:
        raise ProofError(f"{name}: the limit is {got}, not {expected}")
    return sp.Eq(sp.Limit(expr, var, point, dir=direction), expected, evaluate=False)


def prove_series(expr, var, point, order: int, expected, name: str) -> sp.Eq:
    """Assert the series of ``expr`` in ``var`` about ``point``, up to (excluding)
    ``(var - point)**order``, equals ``expected``; return ``Eq(expr, expected + O(...))``."""
    got = sp.series(expr, var, point, order).removeO()
    if not _zero(sp.expand(got - expected)):
        raise ProofError(f"{name}: the series is {got}, not {expected}")
    return sp.Eq(expr, expected + sp.Order((var - point) ** order, (var, point)), evaluate=False)


def _sign_known(expr: sp.Expr, strict: bool) -> bool:
    """Positivity from the symbols' assumptions, tried on a few normal forms of ``expr``."""
    expr = sp.sympify(expr)
    attr = "is_positive" if strict else "is_nonnegative"
    forms = (
        lambda e: e,
        sp.expand,
        sp.together,
        lambda e: sp.factor(sp.together(e)),
        sp.simplify,
        lambda e: sp.factor(sp.simplify(e)),
    )
    for form in forms:
        try:
            if getattr(form(expr), attr) is True:
                return True
        except (TypeError, ValueError, NotImplementedError):  # pragma: no cover - sympy quirks
            continue
    return False


def _onto_half_line(expr, var, domain: sp.Interval):
    """Rewrite ``expr`` so that ``var`` ranging over ``domain`` becomes a fresh r >= 0 (or r > 0
    for an open left end): [lo, oo) -> lo + r, [lo, hi) -> lo + (hi - lo) r/(1 + r),
    (-oo, hi] -> hi - r.  Returns (new expression, r, the map var = phi(r))."""
    lo, hi = domain.start, domain.end
    r = sp.Dummy("r", positive=True) if domain.left_open or lo is sp.S.NegativeInfinity \
        else sp.Dummy("r", nonnegative=True)
    if lo is sp.S.NegativeInfinity and hi is sp.S.Infinity:
        raise ValueError("prove_nonnegative needs a half-bounded or bounded interval")
    if lo is sp.S.NegativeInfinity:
        r = sp.Dummy("r", positive=True) if domain.right_open else sp.Dummy("r", nonnegative=True)
        phi = hi - r
    elif hi is sp.S.Infinity:
        phi = lo + r
    else:
        phi = lo + (hi - lo) * r / (1 + r)
    return expr.subs(var, phi), r, phi


def prove_nonnegative(expr, name: str, var=None, domain: sp.Interval | None = None,
                      strict: bool = False, _depth: int = 2) -> sp.Rel:
    """Assert ``expr >= 0`` (``> 0`` if ``strict``) for ``var`` in ``domain``.

    Strategies, in order; none samples numbers:

    1. positivity from the symbols' assumptions, after mapping ``domain`` onto a half line
       (so e.g. 0 <= y < 1 becomes y = r/(1+r) with r >= 0), on several normal forms;
    2. monotonicity: the value at the left end of ``domain`` is >= 0 (> 0 if strict) and the
       derivative in ``var`` is >= 0 on the domain (proved recursively by 1. and 2.);
       if the left end is open, the one-sided limit is used.
    """
    expr = sp.sympify(expr)
    rel = sp.StrictGreaterThan(expr, 0) if strict else sp.GreaterThan(expr, 0)
    if var is None:
        if _sign_known(expr, strict):
            return rel
        raise ProofError(f"{name}: cannot show {expr} {'>' if strict else '>='} 0 "
                         "from the assumptions")
    mapped, _, _ = _onto_half_line(expr, var, domain)
    if _sign_known(mapped, strict):
        return rel
    if _depth > 0 and domain.start is not sp.S.NegativeInfinity:
        lo = domain.start
        at_lo = sp.limit(expr, var, lo, dir="+") if domain.left_open else expr.subs(var, lo)
        start_ok = _sign_known(at_lo, strict) or (not strict and _zero(at_lo))
        if start_ok:
            try:
                prove_nonnegative(sp.diff(expr, var), name, var, domain, False, _depth - 1)
                return rel
            except ProofError:
                pass
    raise ProofError(f"{name}: cannot show {expr} {'>' if strict else '>='} 0 "
                     f"for {var} in {domain}")


def _pick(override, default):
    return default if override is None else sp.sympify(override)


# --------------------------------------------------------------------------------------------
# 01  The L2 update rule
# --------------------------------------------------------------------------------------------
C0 = sp.Function("C_0")  # unregularized cost as a function of the weights
C_x = sp.Function("C_x")  # one training example's cost
j = sp.Symbol("j", positive=True, integer=True)  # index within the mini-batch
W_rest = sp.Symbol("W_rest", nonnegative=True)  # sum of the squares of all *other* weights

#: the regularized cost as a function of one weight w (the other weights enter through W_rest)
COST = C0(w, b) + lmbda / (2 * n) * (w**2 + W_rest)


@functools.cache
def l2_update_rule(rhs=None) -> Claim:
    r"""The L2 update rule.

    With :math:`C = C_0 + \frac{\lambda}{2n}\sum w^2`, a gradient step
    :math:`w \to w - \eta\,\partial C/\partial w` in which :math:`\partial C_0/\partial w` is
    estimated by the mini-batch mean :math:`\frac1m\sum_{x}\partial C_x/\partial w` is
    :math:`w \to (1-\frac{\eta\lambda}{n})w - \frac{\eta}{m}\sum_x \partial C_x/\partial w`.
    """
    batch_c0 = sp.Sum(C_x(w, j), (j, 1, m)) / m  # the mini-batch estimate of C0
    batch_cost = COST.subs(C0(w, b), batch_c0)
    lhs = w - eta * sp.diff(batch_cost, w)
    claimed = (1 - eta * lmbda / n) * w - eta / m * sp.Sum(sp.Derivative(C_x(w, j), w), (j, 1, m))
    stmt = prove_equal(lhs, _pick(rhs, claimed), "l2_update_rule")
    return Claim("l2_update_rule", sp.Eq(sp.Symbol("w'"), stmt.rhs),
                 "derived by sp.diff of the mini-batch cost; n = training-set size")


@functools.cache
def bias_not_decayed(rhs=None) -> Claim:
    r"""Biases are not decayed: :math:`\partial C/\partial b = \partial C_0/\partial b`, so the
    bias update :math:`b \to b - \eta\,\partial C/\partial b` has no :math:`(1-\eta\lambda/n)`."""
    lhs = b - eta * sp.diff(COST, b)
    claimed = b - eta * sp.Derivative(C0(w, b), b)
    stmt = prove_equal(lhs, _pick(rhs, claimed), "bias_not_decayed")
    return Claim("bias_not_decayed", sp.Eq(sp.Symbol("b'"), stmt.rhs),
                 "the penalty (lambda/2n) sum w^2 contains no bias")


@functools.cache
def penalty_step_points_to_zero(rhs=None) -> Claim:
    r"""The penalty is *added* to the cost, yet its step :math:`-\eta\,\partial/\partial w` of
    :math:`\frac{\lambda}{2n}w^2` is :math:`-\frac{\eta\lambda}{n}w`: it has the opposite sign to
    :math:`w` (:math:`w\cdot\Delta w = -\frac{\eta\lambda}{n}w^2 < 0` for :math:`w \ne 0`), so it
    pulls every weight towards 0 whatever its sign."""
    step = -eta * sp.diff(lmbda / (2 * n) * w**2, w)
    stmt = prove_equal(step, _pick(rhs, -A_DECAY * w), "penalty_step_points_to_zero")
    wnz = sp.Symbol("w", real=True, nonzero=True)
    prove_nonnegative(-(step * w).subs(w, wnz), "penalty_step_points_to_zero", strict=True)
    return Claim("penalty_step_points_to_zero", sp.Eq(sp.Symbol(r"\Delta w_{decay}"), stmt.rhs),
                 "and w * Delta w_decay < 0 for every w != 0")


@functools.cache
def decay_shrinks_weight(rhs=None) -> Claim:
    r"""For :math:`0 < a < 1` and :math:`w \ne 0`: :math:`|(1-a)w| < |w|`; precisely
    :math:`|w| - |(1-a)w| = a|w|`."""
    wnz = sp.Symbol("w", real=True, nonzero=True)
    gap = sp.Abs(wnz) - sp.Abs((1 - a) * wnz)
    domain = sp.Interval.open(0, 1)
    mapped, r, phi = _onto_half_line(gap, a, domain)
    claimed = _pick(rhs, a * sp.Abs(w)).subs(w, wnz)
    prove_equal(mapped, claimed.subs(a, phi), "decay_shrinks_weight")
    prove_nonnegative(gap, "decay_shrinks_weight", a, domain, strict=True)
    return Claim("decay_shrinks_weight", sp.StrictLessThan(sp.Abs((1 - a) * w), sp.Abs(w)),
                 "for 0 < a < 1, w != 0; a = eta*lambda/n")


@functools.cache
def decay_overshoots(rhs=None) -> Claim:
    r"""For :math:`1 < a < 2`, one decay step flips the sign of :math:`w \ne 0`
    (:math:`w\,(1-a)w < 0`) but still shrinks it: :math:`|w| - |(1-a)w| = (2-a)|w| > 0`;
    at :math:`a = 2` it only flips the sign."""
    wnz = sp.Symbol("w", real=True, nonzero=True)
    domain = sp.Interval.open(1, 2)
    product = wnz * (1 - a) * wnz
    prove_nonnegative(-product, "decay_overshoots (sign flip)", a, domain, strict=True)
    gap = sp.Abs(wnz) - sp.Abs((1 - a) * wnz)
    mapped, _, phi = _onto_half_line(gap, a, domain)
    claimed = _pick(rhs, (2 - a) * sp.Abs(w)).subs(w, wnz)
    prove_equal(mapped, claimed.subs(a, phi), "decay_overshoots")
    prove_nonnegative(gap, "decay_overshoots", a, domain, strict=True)
    prove_equal(sp.Abs((1 - 2) * wnz), sp.Abs(wnz), "decay_overshoots (a = 2)")
    return Claim("decay_overshoots",
                 sp.And(sp.StrictLessThan(w * (1 - a) * w, 0),
                        sp.StrictLessThan(sp.Abs((1 - a) * w), sp.Abs(w)), evaluate=False),
                 "for 1 < a < 2, w != 0")


@functools.cache
def decay_diverges(expected=sp.oo) -> Claim:
    r"""For :math:`a > 2`, :math:`|1-a| > 1`, so :math:`|(1-a)^k w| \to \infty` as
    :math:`k \to \infty` for every :math:`w \ne 0`."""
    excess = sp.Symbol("c", positive=True)  # a = 2 + c
    growth = sp.Abs(1 - (2 + excess))  # |1 - a| = 1 + c
    prove_equal(growth, 1 + excess, "decay_diverges (|1-a| = a-1)")
    kk = sp.Symbol("k", positive=True)
    stmt = prove_limit((1 + excess) ** kk, kk, sp.oo, sp.sympify(expected), "decay_diverges")
    return Claim("decay_diverges", sp.Eq(sp.Limit(sp.Abs((1 - a) ** k * w), k, sp.oo), stmt.rhs),
                 "for a > 2 and w != 0")


# --------------------------------------------------------------------------------------------
# 02  Per-epoch decay
# --------------------------------------------------------------------------------------------
#: the factor of n/m decay steps, written with x = eta*lmbda
PER_EPOCH = (1 - x / n) ** (n / m)
#: the lower bound of per_epoch_bounds
PER_EPOCH_LOWER = sp.exp(-(x / m) / (1 - x / n))
y = sp.Symbol("y", nonnegative=True)  # a generic 0 <= y < 1


@functools.cache
def per_epoch_limit(rhs=None) -> Claim:
    r""":math:`(1-\frac{\eta\lambda}{n})^{n/m} \to e^{-\eta\lambda/m}` as :math:`n \to \infty`
    (with :math:`x = \eta\lambda`, :math:`m` fixed)."""
    stmt = prove_limit(PER_EPOCH, n, sp.oo, _pick(rhs, sp.exp(-x / m)), "per_epoch_limit")
    return Claim("per_epoch_limit", stmt.subs(x, eta * lmbda), "x = eta*lambda, m fixed")


@functools.cache
def per_epoch_log_error_series(rhs=None, order: int = 4) -> Claim:
    r"""The log-error of the approximation, as a series in :math:`1/n`:
    :math:`\log\big((1-\frac xn)^{n/m}\big) + \frac xm
    = -\sum_{i\ge2}\frac{x^i}{i\,m\,n^{i-1}} = -\frac{x^2}{2mn} - \frac{x^3}{3mn^2} - \dots`
    (valid for :math:`0 < x < n`, where :math:`\log(b^p) = p\log b`)."""
    h = sp.Symbol("h", positive=True)  # h = 1/n
    log_factor = sp.expand_log(sp.log(PER_EPOCH), force=True)  # base > 0 for 0 < x < n
    err = (log_factor + x / m).subs(n, 1 / h)
    claimed = _pick(rhs, -sum(x**i / (i * m * n ** (i - 1)) for i in range(2, order + 1)))
    stmt = prove_series(err, h, 0, order, claimed.subs(n, 1 / h), "per_epoch_log_error_series")
    return Claim("per_epoch_log_error_series",
                 sp.Eq(sp.log(PER_EPOCH) + x / m,
                       stmt.rhs.subs(h, 1 / n), evaluate=False),
                 "x = eta*lambda; the O(...) term is in powers of 1/n")


@functools.cache
def log_inequalities(lower=None, upper=None) -> Claim:
    r"""For :math:`0 \le y < 1`: :math:`-\frac{y}{1-y} \le \log(1-y) \le -y`.  Both by
    monotonicity: each difference is 0 at :math:`y=0` and has a derivative
    (:math:`\frac{y}{1-y}` resp. :math:`\frac{y}{(1-y)^2}`) that is :math:`\ge 0` there."""
    lo = _pick(lower, -y / (1 - y))
    hi = _pick(upper, -y)
    domain = sp.Interval.Ropen(0, 1)
    prove_nonnegative(hi - sp.log(1 - y), "log_inequalities (upper)", y, domain)
    prove_nonnegative(sp.log(1 - y) - lo, "log_inequalities (lower)", y, domain)
    stmt = sp.And(sp.LessThan(lo, sp.log(1 - y)), sp.LessThan(sp.log(1 - y), hi), evaluate=False)
    return Claim("log_inequalities", stmt, "for 0 <= y < 1")


@functools.cache
def per_epoch_bounds(lower=None, upper=None) -> Claim:
    r"""For :math:`0 \le \eta\lambda < n`:
    :math:`e^{-\frac{\eta\lambda/m}{1-\eta\lambda/n}} \le (1-\frac{\eta\lambda}{n})^{n/m}
    \le e^{-\eta\lambda/m}`.  Proof: :math:`\log` of each side, multiplied by
    :math:`n/m > 0`, is :func:`log_inequalities` with :math:`y = x/n`; exp is increasing."""
    lo = _pick(lower, PER_EPOCH_LOWER)
    hi = _pick(upper, sp.exp(-x / m))
    xx = sp.Symbol("x", nonnegative=True)
    log_factor = sp.expand_log(sp.log(PER_EPOCH), force=True).subs(x, xx)
    domain = sp.Interval.Ropen(0, n)
    # log(hi) - log(factor) >= 0 and log(factor) - log(lo) >= 0, in x on [0, n)
    log_hi = sp.expand_log(sp.log(hi.subs(x, xx)), force=True)
    log_lo = sp.expand_log(sp.log(lo.subs(x, xx)), force=True)
    prove_nonnegative(log_hi - log_factor, "per_epoch_bounds (upper)", xx, domain)
    prove_nonnegative(log_factor - log_lo, "per_epoch_bounds (lower)", xx, domain)
    stmt = sp.And(sp.LessThan(lo, PER_EPOCH), sp.LessThan(PER_EPOCH, hi), evaluate=False)
    return Claim("per_epoch_bounds", stmt.subs(x, eta * lmbda), "for 0 <= eta*lambda < n")


#: steps per epoch: network2 makes ceil(n/m) steps, the last mini-batch possibly short
STEPS = sp.ceiling(n / m)
#: the exact per-epoch factor of pure decay
PER_EPOCH_EXACT = (1 - eta * lmbda / n) ** STEPS
#: the book's approximation
PER_EPOCH_APPROX = sp.exp(-eta * lmbda / m)
#: the relative error exact/approx - 1, in a form that is accurate in floating point
PER_EPOCH_REL_ERR = expm1(STEPS * log1p(-eta * lmbda / n) + eta * lmbda / m)


@functools.cache
def relative_error_form(rhs=None) -> Claim:
    r"""The relative error of the book's factor:
    :math:`\frac{(1-\eta\lambda/n)^{\lceil n/m\rceil}}{e^{-\eta\lambda/m}} - 1
    = \mathrm{expm1}\big(\lceil n/m\rceil\,\mathrm{log1p}(-\eta\lambda/n) + \eta\lambda/m\big)`
    -- the form the numeric twin evaluates (no cancellation)."""
    lhs = PER_EPOCH_EXACT / PER_EPOCH_APPROX - 1
    claimed = _pick(rhs, PER_EPOCH_REL_ERR)
    cc = sp.Symbol("c", positive=True)  # ceil(n/m), an opaque positive number here
    as_exp = claimed.subs(STEPS, cc).rewrite(sp.exp).rewrite(sp.log)
    lhs_c = sp.expand_power_exp(lhs.subs(STEPS, cc))
    residual = sp.expand(sp.powsimp(sp.expand(as_exp, force=True), force=True)) \
        - sp.expand(sp.powsimp(sp.expand(lhs_c, force=True), force=True))
    # (1-x)^c = exp(c log(1-x)) holds because 1 - eta*lambda/n > 0 on the valid range
    residual = residual.replace(
        lambda e: e.is_Pow and e.exp.has(cc), lambda e: sp.exp(e.exp * sp.log(e.base)))
    prove_equal(sp.expand(residual, force=True), 0, "relative_error_form")
    return Claim("relative_error_form", sp.Eq(lhs, claimed, evaluate=False),
                 "valid for 0 < eta*lambda < n")


BOOK_RUNS = {  # (eta, lmbda, n, m) of the book's weight-initialization runs and a larger eta
    "eta=0.1, lambda=5": (sp.Rational(1, 10), 5, 50_000, 10),
    "eta=0.5, lambda=5": (sp.Rational(1, 2), 5, 50_000, 10),
}


@functools.cache
def per_epoch_book_examples(runs: tuple | None = None, approx=None) -> Claim:
    r"""With exact Rationals, for each book run the exact factor
    :math:`(1-\eta\lambda/n)^{\lceil n/m\rceil}` lies inside the two-sided bound of
    :func:`per_epoch_bounds`, and its log differs from :math:`-\eta\lambda/m` by the series'
    first term :math:`-(\eta\lambda)^2/(2mn)` to within the second term's size.
    ``approx`` (in x = eta*lambda and m) overrides the claimed log-factor -x/m."""
    runs = tuple(BOOK_RUNS.values()) if runs is None else runs
    approx = _pick(approx, -x / m)
    facts = []
    for e_, l_, n_, m_ in runs:
        e_, l_ = sp.nsimplify(e_), sp.nsimplify(l_)
        x_ = e_ * l_
        steps = sp.ceiling(sp.Rational(n_, m_))
        exact_log = steps * sp.log(1 - x_ / n_)  # log of the exact factor, exact
        lo = -(x_ / m_) / (1 - x_ / n_)
        hi = -x_ / m_
        claimed = approx.subs({x: x_, m: m_, n: n_})
        if n_ % m_ == 0:
            if not (lo <= exact_log <= hi):  # sympy decides these with certified evalf
                raise ProofError(f"per_epoch_book_examples: {exact_log} outside [{lo}, {hi}]")
            first = -x_**2 / (2 * m_ * n_)
            second = x_**3 / (3 * m_ * n_**2)
            gap = sp.Abs(exact_log - claimed - first)
            if not gap <= second * (1 + x_ / n_) / (1 - x_ / n_):
                raise ProofError(f"per_epoch_book_examples: log error {gap} > {second}")
        facts.append(sp.Eq(sp.Pow(1 - x_ / n_, steps, evaluate=False),
                           sp.Float(sp.exp(exact_log).evalf(20), 12), evaluate=False))
    return Claim("per_epoch_book_examples", sp.And(*facts, evaluate=False),
                 "exact factors of the book's runs (evaluated from exact Rationals)")


@functools.cache
def per_epoch_ceiling(n_value: int = 50_000, m_value: int = 7,
                      eta_value="1/10", lmbda_value=5, steps_rule=None) -> Claim:
    r"""When :math:`m \nmid n` an epoch has :math:`\lceil n/m\rceil` steps.  Since
    :math:`n/m \le \lceil n/m\rceil < n/m + 1` and :math:`0 < 1-\eta\lambda/n < 1`, the exact
    factor lies in
    :math:`\big((1-\frac{\eta\lambda}n)^{n/m+1},\ (1-\frac{\eta\lambda}n)^{n/m}\big]`:
    the short last batch changes the factor by less than one step's :math:`(1-\eta\lambda/n)`.
    Checked symbolically in general and with exact Rationals for the given example."""
    q = 1 - A_DECAY
    frac = sp.Symbol("f", nonnegative=True)  # ceil(n/m) - n/m, in [0, 1)
    # log(q^(n/m)) - log(q^(n/m + f)) = -f log q >= 0, and log(q^(n/m+f)) - log(q^(n/m+1))
    # = -(1 - f) log q > 0; -log q > 0 because 0 < q < 1, i.e. 0 < eta*lambda/n < 1.
    aa = sp.Symbol("a", positive=True)
    minus_log_q = -sp.log(1 - aa)
    prove_nonnegative(minus_log_q, "per_epoch_ceiling (-log q > 0)", aa,
                      sp.Interval.open(0, 1), strict=True)
    prove_nonnegative(frac * minus_log_q, "per_epoch_ceiling (upper)", aa, sp.Interval.open(0, 1))
    e_, l_ = sp.nsimplify(eta_value), sp.nsimplify(lmbda_value)
    q_ = 1 - e_ * l_ / n_value
    steps = _pick(steps_rule, STEPS).subs({n: n_value, m: m_value})
    exact = q_**steps
    ratio = sp.Rational(n_value, m_value)
    if not (q_ ** (ratio + 1) < exact <= q_**ratio):
        raise ProofError("per_epoch_ceiling: the exact factor is outside its bracket")
    stmt = sp.Eq(sp.Pow(q_, steps, evaluate=False), sp.Float(exact.evalf(20), 12), evaluate=False)
    return Claim("per_epoch_ceiling", stmt,
                 f"n={n_value}, m={m_value}: {int(steps)} steps instead of n/m={float(ratio):.3f};"
                 f" (1-eta*lambda/n)^(n/m) = {float(q_**ratio):.9f}; general: factor q^ceil(n/m)"
                 f" with q = {sp.sstr(q)}")


# --------------------------------------------------------------------------------------------
# 03  Saturation
# --------------------------------------------------------------------------------------------
#: sigma'(z), derived
SIGMA_PRIME = sp.diff(SIGMA, z)
#: the same function written with |z|: it never overflows in floating point
SIGMA_PRIME_STABLE = sp.exp(-sp.Abs(z)) / (1 + sp.exp(-sp.Abs(z))) ** 2


@functools.cache
def sigmoid_derivative(rhs=None) -> Claim:
    r""":math:`\sigma'(z) = \sigma(z)(1-\sigma(z)) = \frac{1}{4\cosh^2(z/2)}`."""
    claimed = _pick(rhs, SIGMA * (1 - SIGMA))
    stmt = prove_equal(SIGMA_PRIME, claimed, "sigmoid_derivative")
    prove_equal(SIGMA_PRIME, 1 / (4 * sp.cosh(z / 2) ** 2), "sigmoid_derivative (cosh form)")
    sig = sp.Function("sigma")(z)
    shown = stmt.rhs.subs(SIGMA, sig) if rhs is None else stmt.rhs
    return Claim("sigmoid_derivative", sp.Eq(sp.Symbol(r"\sigma'(z)"), shown),
                 "also = 1/(4 cosh(z/2)^2)")


@functools.cache
def sigmoid_derivative_symmetric(rhs=None) -> Claim:
    r""":math:`\sigma'(-z) = \sigma'(z)`: the derivative is even."""
    claimed = _pick(rhs, SIGMA_PRIME)
    prove_equal(SIGMA_PRIME.subs(z, -z), claimed, "sigmoid_derivative_symmetric")
    # hence sigma'(z) = sigma'(|z|) = exp(-|z|)/(1+exp(-|z|))^2, the overflow-free form
    for zs in (sp.Symbol("z", nonnegative=True), sp.Symbol("z", nonpositive=True)):
        prove_equal(SIGMA_PRIME_STABLE.subs(z, zs), claimed.subs(z, zs),
                    "sigmoid_derivative_symmetric (|z| form)")
    sp_ = sp.Function("sigma'")
    return Claim("sigmoid_derivative_symmetric", sp.Eq(sp_(-z), sp_(z)),
                 "so sigma'(z) = exp(-|z|)/(1+exp(-|z|))^2")


@functools.cache
def sigmoid_derivative_max(bound="1/4") -> Claim:
    r""":math:`\sigma'(z) \le \frac14`, with equality only at :math:`z=0`:
    :math:`\frac14 - \sigma(1-\sigma) = (\sigma-\frac12)^2`, and :math:`\sigma` is one-to-one."""
    bound = sp.sympify(bound)
    sg = sp.Symbol("sigma", real=True)
    gap = bound - sg * (1 - sg)
    prove_equal(gap, (sg - sp.Rational(1, 2)) ** 2, "sigmoid_derivative_max")
    prove_nonnegative(gap, "sigmoid_derivative_max")
    where = sp.solveset(sp.Eq(SIGMA_PRIME, bound), z, sp.S.Reals)
    if where != sp.FiniteSet(0):
        raise ProofError(f"sigmoid_derivative_max: equality at {where}, not only at z = 0")
    return Claim("sigmoid_derivative_max", sp.LessThan(sp.Symbol(r"\sigma'(z)"), bound),
                 "equality only at z = 0")


@functools.cache
def sigmoid_derivative_exp_bound(rhs=None) -> Claim:
    r""":math:`\sigma'(z) \le e^{-|z|}` for every real :math:`z`: for :math:`z \ge 0`,
    :math:`e^{-z} - \sigma'(z) = e^{-z}\frac{2e^{-z} + e^{-2z}}{(1+e^{-z})^2} \ge 0`;
    for :math:`z < 0` use :math:`\sigma'(-z) = \sigma'(z)`."""
    bound = _pick(rhs, sp.exp(-sp.Abs(z)))
    zp = sp.Symbol("z", nonnegative=True)
    prove_nonnegative(sp.simplify(bound.subs(z, zp)) - SIGMA_PRIME.subs(z, zp),
                      "sigmoid_derivative_exp_bound")
    sigmoid_derivative_symmetric()
    if not _zero(bound.subs(z, -z) - bound):  # the bound must be even too
        raise ProofError("sigmoid_derivative_exp_bound: the bound is not even in z")
    return Claim("sigmoid_derivative_exp_bound",
                 sp.LessThan(sp.Symbol(r"\sigma'(z)"), bound), "for all real z")


z_eps = sp.Symbol("z_epsilon", positive=True)
#: z_eps: sigma'(z) < eps  <=>  |z| > z_eps   (0 < eps < 1/4)
Z_EPS = 2 * sp.acosh(1 / (2 * sp.sqrt(eps)))


@functools.cache
def saturation_threshold(rhs=None) -> Claim:
    r"""For :math:`0 < \varepsilon < \frac14`: :math:`\sigma'(z) < \varepsilon \iff
    |z| > z_\varepsilon = 2\,\mathrm{acosh}\frac{1}{2\sqrt\varepsilon}
    = \log\frac{1-2\varepsilon+\sqrt{1-4\varepsilon}}{2\varepsilon}`.
    Derived by ``sp.solve`` in :math:`q = e^{-z}` (a quadratic), taking the root in
    :math:`(0,1)` (i.e. :math:`z>0`); :math:`\sigma'` is strictly decreasing on :math:`z>0`
    and even, which gives the equivalence."""
    qq = sp.Symbol("q", positive=True)  # q = exp(-z)
    eq = sp.Eq(qq / (1 + qq) ** 2, eps)  # sigma'(z) in terms of q
    prove_equal(SIGMA_PRIME.subs(sp.exp(-z), qq), eq.lhs, "saturation_threshold (q form)")
    roots = sp.solve(eq, qq)
    small = [rt for rt in roots
             if _zero(rt - (1 - 2 * eps - sp.sqrt(1 - 4 * eps)) / (2 * eps))]
    if len(small) != 1:
        raise ProofError(f"saturation_threshold: unexpected roots {roots}")
    # the two roots multiply to 1 and differ by sqrt(1-4 eps)/eps > 0, so small[0] is in (0, 1)
    other = [rt for rt in roots if rt is not small[0]][0]
    prove_equal(small[0] * other, 1, "saturation_threshold (product of roots)")
    z_log = sp.log(other)  # = -log(small root)
    prove_equal(z_log, sp.log((1 - 2 * eps + sp.sqrt(1 - 4 * eps)) / (2 * eps)),
                "saturation_threshold (log form)")
    claimed = _pick(rhs, Z_EPS)
    # the acosh form, checked through cosh(z_eps/2) = 1/(2 sqrt eps) and z_eps > 0:
    # 4 cosh^2(z/2) = 2 + e^z + e^-z must equal 1/eps at z = z_log.
    zlog_cosh = sp.simplify(2 + 1 / small[0] + small[0])
    prove_equal(zlog_cosh, 1 / eps, "saturation_threshold (sigma'(z_eps) = eps)")
    c_half = sp.cosh(claimed / 2)
    prove_equal(sp.simplify(c_half.rewrite(sp.exp)), 1 / (2 * sp.sqrt(eps)),
                "saturation_threshold")
    # strictly decreasing on z > 0: d sigma'/dz = -sinh(z/2)/(4 cosh^3(z/2)) < 0
    zp = sp.Symbol("z", positive=True)
    slope = sp.diff(1 / (4 * sp.cosh(zp / 2) ** 2), zp)
    prove_nonnegative(-slope, "saturation_threshold (monotone)", strict=True)
    return Claim("saturation_threshold",
                 sp.Eq(sp.Symbol(r"z_\varepsilon"), claimed, evaluate=False),
                 "sigma'(z) < eps <=> |z| > z_eps, for 0 < eps < 1/4")


@functools.cache
def saturated_probability(rhs=None) -> Claim:
    r"""For :math:`z \sim N(0, s^2)`:
    :math:`P(\sigma'(z) < \varepsilon) = P(|z| > z_\varepsilon)
    = \mathrm{erfc}\big(\frac{z_\varepsilon}{s\sqrt2}\big)` (derived with ``sympy.stats``)."""
    saturation_threshold()
    c = z_eps
    zz = sps.Normal("Z", 0, s)
    two_tails = 2 * sps.P(zz > c)  # P(|Z| > c), by symmetry of the normal law
    claimed = _pick(rhs, sp.erfc(c / (s * sp.sqrt(2))))
    prove_equal(two_tails, claimed, "saturated_probability")
    return Claim("saturated_probability",
                 sp.Eq(sp.Symbol(r"P(\sigma'(z)<\varepsilon)"), claimed.subs(c, Z_EPS)),
                 "z ~ N(0, s^2), 0 < eps < 1/4")


#: sum_{i=1}^{n_in} x_i^2, the squared norm of a neuron's input
SUM_X2 = sp.Sum(sp.IndexedBase("x")[sp.Symbol("i", integer=True, positive=True)] ** 2,
                (sp.Symbol("i", integer=True, positive=True), 1, n_in))
#: the mean square input E[x^2]
E_X2 = sp.Symbol("E[x^2]", positive=True)


@functools.cache
def weighted_input_variance(rhs=None) -> Claim:
    r"""For :math:`z = \sum_i w_i x_i + b` with independent zero-mean weights of variance
    :math:`\sigma_w^2` and a bias of variance :math:`\sigma_b^2`, independent of each other:
    :math:`\mathrm{Var}\,z = \sigma_w^2\sum_i x_i^2 + \sigma_b^2`.  Derived by expanding
    :math:`E[z^2]` with :math:`E[w_iw_j] = \delta_{ij}\sigma_w^2`, :math:`E[w_ib] = 0`; checked
    again with ``sympy.stats`` for three inputs.  Old init (:math:`\sigma_w=\sigma_b=1`):
    :math:`\|x\|^2 + 1`; new init (:math:`\sigma_w^2 = 1/n_{in}`): :math:`\|x\|^2/n_{in} + 1`."""
    X = sp.IndexedBase("x")
    i, jj = sp.symbols("i j", integer=True, positive=True)
    # E[z^2] = sum_i sum_j x_i x_j E[w_i w_j] + 2 sum_i x_i E[w_i b] + E[b^2]
    inner = sp.Sum(X[i] * X[jj] * sp.KroneckerDelta(i, jj) * sigma_w**2, (jj, 1, n_in)).doit()
    inner = inner.subs(sp.Le(i, n_in), True)  # the outer sum has 1 <= i <= n_in
    e_z2 = sp.Sum(inner, (i, 1, n_in)) + 0 + sigma_b**2
    claimed = _pick(rhs, sigma_w**2 * SUM_X2 + sigma_b**2)
    stmt = prove_equal(e_z2, claimed, "weighted_input_variance")
    # cross-check with sympy.stats on three inputs
    xs = sp.symbols("x1:4", real=True)
    ws = [sps.Normal(f"W{i_}", 0, sigma_w) for i_ in range(3)]
    bb = sps.Normal("B", 0, sp.Symbol("sigma_b", positive=True))
    var3 = sps.variance(sum(wi * xi for wi, xi in zip(ws, xs, strict=True)) + bb)
    expected3 = claimed.subs(n_in, 3).doit().subs({X[1]: xs[0], X[2]: xs[1], X[3]: xs[2]})
    prove_equal(var3, expected3.subs(sigma_b, sp.Symbol("sigma_b", positive=True)),
                "weighted_input_variance (sympy.stats, 3 inputs)")
    norm2 = sp.Symbol(r"\|x\|^2", positive=True)
    old = stmt.rhs.subs(SUM_X2, norm2).subs({sigma_w: 1, sigma_b: 1})
    new = stmt.rhs.subs(SUM_X2, norm2).subs(
        {sigma_w: 1 / sp.sqrt(n_in), sigma_b: 1})
    return Claim("weighted_input_variance", sp.Eq(sp.Symbol(r"\mathrm{Var}\,z"), stmt.rhs),
                 f"old init: {sp.sstr(old)}; new init: {sp.sstr(new)}")


# --------------------------------------------------------------------------------------------
# 04  Where the decay tails off
# --------------------------------------------------------------------------------------------
@functools.cache
def fixed_point(rhs=None) -> Claim:
    r"""The fixed point of :math:`w \leftarrow (1-a)w - g` is :math:`w^* = -g/a`.  With
    :math:`a = \eta\lambda/n` and :math:`g = \eta\,\partial C_0/\partial w` this is
    :math:`\frac{\lambda}{n}w = -\frac{\partial C_0}{\partial w}`, which is exactly
    :math:`\partial C/\partial w = 0`: a fixed point of the update is a stationary point of
    the regularized cost."""
    wstar = sp.solve(sp.Eq(w, (1 - a) * w - g), w)
    if len(wstar) != 1:
        raise ProofError(f"fixed_point: solutions {wstar}")
    stmt = prove_equal(wstar[0], _pick(rhs, -g / a), "fixed_point")
    dC0 = sp.Derivative(C0(w, b), w)
    condition = (w - wstar[0]).subs({a: A_DECAY, g: eta * dC0})  # w - w* in course symbols
    # w - w* = (lambda/n w + dC0/dw) * n/(eta*lambda) * eta / eta ... compare with dC/dw:
    prove_equal(condition * A_DECAY, eta * sp.diff(COST, w), "fixed_point (= stationary C)")
    return Claim("fixed_point", sp.Eq(sp.Symbol("w^*"), stmt.rhs),
                 "with a = eta*lambda/n, g = eta dC0/dw: (lambda/n) w = -dC0/dw <=> dC/dw = 0")


@functools.cache
def cost_balance(rhs=None) -> Claim:
    r"""Cost-balance heuristic: if the penalty :math:`\frac{\lambda}{2n}N_w w^2` (all
    :math:`N_w` weights of typical size :math:`w`) is comparable to :math:`C_0`, then
    :math:`w = \sqrt{2nC_0/(\lambda N_w)}`, so :math:`w\sqrt{N_w}` does not depend on
    :math:`N_w`: :math:`w \propto 1/\sqrt{N_w}` at fixed :math:`n, \lambda, C_0`."""
    wp = sp.Symbol("w", positive=True)
    sol = sp.solve(sp.Eq(lmbda * N_w * wp**2 / (2 * n), C0_value), wp)
    if len(sol) != 1:
        raise ProofError(f"cost_balance: solutions {sol}")
    stmt = prove_equal(sol[0], _pick(rhs, sp.sqrt(2 * n * C0_value / (lmbda * N_w))),
                       "cost_balance")
    nw = sp.Symbol("N_w", positive=True)  # continuous, to differentiate
    prove_equal(sp.diff(sol[0].subs(N_w, nw) * sp.sqrt(nw), nw), 0,
                "cost_balance (w sqrt(N_w) independent of N_w)")
    return Claim("cost_balance", sp.Eq(sp.Symbol("w"), stmt.rhs),
                 "assumes all weights of similar size and C0 fixed; N_w = total weights")


@functools.cache
def unsaturation_scale(rhs=None) -> Claim:
    r"""Unsaturation heuristic: with :math:`n_{in}` inputs of mean square :math:`E[x^2]` and
    independent zero-mean weights of rms :math:`w` (bias neglected),
    :math:`\mathrm{Var}\,z = n_{in} w^2 E[x^2]`; asking for :math:`\mathrm{Var}\,z = 1` gives
    :math:`w = 1/\sqrt{n_{in}E[x^2]}`, i.e. :math:`w \sim 1/\sqrt{n_{in}}` when
    :math:`E[x^2]` is of order 1."""
    wp = sp.Symbol("w", positive=True)
    ex2 = E_X2
    var_z = weighted_input_variance().statement.rhs.subs({sigma_w: wp, sigma_b: 0})
    var_z = var_z.subs(SUM_X2, n_in * ex2)  # sum x_i^2 = n_in E[x^2]
    sol = sp.solve(sp.Eq(var_z, 1), wp)
    if len(sol) != 1:
        raise ProofError(f"unsaturation_scale: solutions {sol}")
    stmt = prove_equal(sol[0], _pick(rhs, 1 / sp.sqrt(n_in * ex2)), "unsaturation_scale")
    return Claim("unsaturation_scale", sp.Eq(sp.Symbol("w"), stmt.rhs),
                 "assumes iid zero-mean weights independent of x, no bias, Var z = 1 wanted")


@functools.cache
def noise_equilibrium(rhs=None) -> Claim:
    r"""For :math:`w_{t+1} = (1-a)w_t + \xi_t`, with :math:`\xi_t` iid, zero mean, variance
    :math:`s^2`, independent of :math:`w_t`: :math:`E[w_{t+1}^2] = (1-a)^2E[w_t^2] + s^2`, so
    a stationary :math:`v = E[w^2]` solves :math:`v = (1-a)^2v + s^2`:
    :math:`v = \frac{s^2}{a(2-a)}` (positive for :math:`0<a<2`), :math:`\approx s^2/(2a)` for
    small :math:`a`."""
    xi, vv, wt = sp.symbols("xi v w_t", real=True)
    square = sp.expand(((1 - a) * wt + xi) ** 2)
    # linearity of E: E[w_t^2] = v, E[w_t xi] = E[w_t] E[xi] = 0, E[xi^2] = s^2
    poly = sp.Poly(square, wt, xi)
    moments = {(2, 0): vv, (1, 1): 0, (0, 2): s**2}
    expected_next = sum(coef * moments[mon] for mon, coef in poly.terms())
    prove_equal(expected_next, (1 - a) ** 2 * vv + s**2, "noise_equilibrium (recursion)")
    sol = sp.solve(sp.Eq(vv, expected_next), vv)
    if len(sol) != 1:
        raise ProofError(f"noise_equilibrium: solutions {sol}")
    stmt = prove_equal(sol[0], _pick(rhs, s**2 / (a * (2 - a))), "noise_equilibrium")
    prove_nonnegative(sol[0], "noise_equilibrium (v > 0)", a, sp.Interval.open(0, 2), strict=True)
    prove_series(sol[0], a, 0, 0, s**2 / (2 * a), "noise_equilibrium (small a)")
    return Claim("noise_equilibrium", sp.Eq(sp.Symbol("E[w^2]"), stmt.rhs),
                 "stationary, 0 < a < 2, a = eta*lambda/n; small a: s^2/(2a)")


# --------------------------------------------------------------------------------------------
# 06  Ridge regression along eigen-directions
# --------------------------------------------------------------------------------------------
d1, d2 = sp.symbols("d_1 d_2", positive=True)  # eigenvalues of X^T X
theta = sp.Symbol("theta", real=True)
r1, r2 = sp.symbols("r_1 r_2", real=True)  # Q^T X^T y


_rd = sp.symbols("r d", real=True)
r, d = _rd
#: one eigen-coordinate of the ridge solution: c = r/(d + alpha), r = (Q^T X^T y)_i
RIDGE_COORD = r / (d + alpha)


@functools.cache
def ridge_eigen_shrink(rhs=None) -> Claim:
    r"""For :math:`L(w) = \frac12\|Xw-y\|^2 + \frac\alpha2\|w\|^2` with
    :math:`X^TX = Q\,\mathrm{diag}(d_i)\,Q^T`, the minimizer's coordinates in the eigenbasis,
    :math:`c = Q^Tw`, are :math:`c_i(\alpha) = \frac{d_i}{d_i+\alpha}\,c_i(0)`
    (Goodfellow, Bengio, Courville, *Deep Learning*, §7.1.1).  Derived for two features with
    a symbolic rotation :math:`Q(\theta)` by solving :math:`\nabla L = 0`."""
    Q = sp.Matrix([[sp.cos(theta), -sp.sin(theta)], [sp.sin(theta), sp.cos(theta)]])
    XtX = Q * sp.diag(d1, d2) * Q.T
    Xty = Q * sp.Matrix([r1, r2])  # any vector, written in the eigenbasis
    wv = sp.Matrix(sp.symbols("w_1 w_2", real=True))
    # L(w) up to the constant y^T y / 2
    loss = (wv.T * XtX * wv / 2 - wv.T * Xty + alpha * wv.T * wv / 2)[0]
    grad = [sp.diff(loss, wi) for wi in wv]
    sol = sp.solve(grad, list(wv), dict=True)[0]
    w_alpha = wv.subs(sol)
    coords = (Q.T * w_alpha).applyfunc(sp.simplify)
    coords0 = coords.subs(alpha, 0)
    claimed = _pick(rhs, sp.Matrix([d1 / (d1 + alpha), d2 / (d2 + alpha)]))
    prove_equal(coords, sp.Matrix([claimed[0] * coords0[0], claimed[1] * coords0[1]]),
                "ridge_eigen_shrink")
    prove_equal(coords, sp.Matrix([RIDGE_COORD.subs({r: r1, d: d1}),
                                   RIDGE_COORD.subs({r: r2, d: d2})]),
                "ridge_eigen_shrink (c_i = r_i/(d_i + alpha))")
    di = sp.Symbol("d_i", positive=True)
    return Claim("ridge_eigen_shrink",
                 sp.Eq(sp.Symbol(r"c_i(\alpha)"),
                       claimed[0].subs(d1, di) * sp.Symbol("c_i(0)"), evaluate=False),
                 "c = Q^T w, X^T X = Q diag(d_i) Q^T")


@functools.cache
def ridge_norm_monotone(rhs=None) -> Claim:
    r""":math:`\|w(\alpha)\|^2 = \sum_i \frac{r_i^2}{(d_i+\alpha)^2}` (with :math:`r = Q^TX^Ty`,
    :math:`Q` orthogonal) is non-increasing in :math:`\alpha \ge 0`: each term's derivative is
    :math:`-\frac{2r_i^2}{(d_i+\alpha)^3} \le 0`; the derivative of the sum is the sum of these,
    for any number of features (:math:`d_i \ge 0`, :math:`d_i + \alpha > 0`)."""
    di = sp.Symbol("d_i", nonnegative=True)
    ri = sp.Symbol("r_i", real=True)
    ap = sp.Symbol("alpha", positive=True)
    term = (ri / (di + ap)) ** 2  # one eigen-coordinate squared: c_i = r_i/(d_i + alpha)
    slope = sp.diff(term, ap)
    claimed = _pick(rhs, -2 * r**2 / (d + alpha) ** 3).subs({r: ri, d: di, alpha: ap})
    prove_equal(slope, claimed, "ridge_norm_monotone")
    prove_nonnegative(-slope, "ridge_norm_monotone (slope <= 0)")
    i = sp.Symbol("i", integer=True, positive=True)
    norm2 = sp.Sum(sp.Indexed("r", i) ** 2 / (sp.Indexed("d", i) + alpha) ** 2, (i, 1, k))
    return Claim("ridge_norm_monotone",
                 sp.LessThan(sp.Derivative(norm2, alpha), 0), "alpha > 0, d_i >= 0")


#: the 2-feature example of ridge_coefficient_grows (exact Rationals)
RIDGE_X = sp.Matrix([[1, sp.Rational(-4, 5)], [0, sp.Rational(3, 5)]])
RIDGE_Y = sp.Matrix([sp.Rational(14, 5), sp.Rational(-3, 5)])


@functools.cache
def ridge_coefficient_grows(X=None, y_vec=None) -> Claim:
    r"""An explicit two-feature example (exact Rationals) in which one ridge coefficient grows
    in magnitude as :math:`\alpha` grows from 0, while :math:`\|w(\alpha)\|^2` falls for every
    :math:`\alpha \ge 0`.  Default: :math:`X = \begin{pmatrix}1&-4/5\\0&3/5\end{pmatrix}`,
    :math:`y = (14/5, -3/5)`: negatively correlated features (:math:`X^TX` has off-diagonal
    :math:`-4/5`), OLS :math:`w = (2, -1)` with opposite signs; :math:`|w_2|` grows on
    :math:`[0, \alpha^*)` with :math:`\alpha^*` computed exactly."""
    X = RIDGE_X if X is None else sp.Matrix(X)
    y_vec = RIDGE_Y if y_vec is None else sp.Matrix(y_vec)
    ap = sp.Symbol("alpha", nonnegative=True)
    w_alpha = ((X.T * X + ap * sp.eye(X.shape[1])).inv() * X.T * y_vec).applyfunc(sp.factor)
    norm2 = sp.factor(sum(wi**2 for wi in w_alpha))
    prove_nonnegative(-sp.diff(norm2, ap), "ridge_coefficient_grows (norm falls)", strict=True)
    grows = [i for i, wi in enumerate(w_alpha)
             if sp.diff(wi**2, ap).subs(ap, 0) > 0]
    if not grows:
        raise ProofError("ridge_coefficient_grows: no coefficient grows at alpha = 0")
    i = grows[0]
    slope = sp.factor(sp.diff(w_alpha[i] ** 2, ap))
    stops = sorted(rt for rt in sp.solveset(sp.numer(slope), ap, sp.S.Reals) if rt > 0)
    alpha_star = stops[0] if stops else sp.oo
    prove_nonnegative(slope, "ridge_coefficient_grows (|w_i| grows)", ap,
                      sp.Interval.Ropen(0, alpha_star), strict=False)
    stmt = sp.And(sp.StrictLessThan(sp.Derivative(sp.Symbol(r"\|w\|^2"), alpha), 0),
                  sp.StrictGreaterThan(sp.Derivative(sp.Symbol(f"w_{i + 1}") ** 2, alpha), 0),
                  evaluate=False)
    return Claim("ridge_coefficient_grows", stmt,
                 f"w(0) = {list(w_alpha.subs(ap, 0))}; |w_{i + 1}| grows for 0 <= alpha < "
                 f"{alpha_star} (~{float(alpha_star):.4f}); w(alpha) = {list(w_alpha)}")


# --------------------------------------------------------------------------------------------
# 07  L1: proximal step against subgradient step
# --------------------------------------------------------------------------------------------
PROX_OBJECTIVE = (u - v) ** 2 / 2 + t * sp.Abs(u)
SOFT_THRESHOLD = sp.sign(v) * sp.Max(sp.Abs(v) - t, 0)


@functools.cache
def soft_threshold(rhs=None) -> Claim:
    r""":math:`\arg\min_u \frac12(u-v)^2 + t|u| = \mathrm{sign}(v)\max(|v|-t, 0)` for
    :math:`t > 0`.  Proved piecewise: for :math:`v \ge t` (and by the symmetry
    :math:`v \to -v, u \to -u` for :math:`v \le -t`) the minimizer is :math:`v - t`; for
    :math:`|v| < t` it is 0.  In each case :math:`f(u) - f(u^*) \ge 0` is shown separately for
    :math:`u \ge 0` and :math:`u \le 0` as a sum of nonnegative terms."""
    claimed = _pick(rhs, SOFT_THRESHOLD)
    p = sp.Symbol("p", nonnegative=True)  # u = +p or u = -p
    q = sp.Symbol("q", nonnegative=True)
    cases = {  # v as a function of q >= 0 covering the case, and the claimed minimizer
        "v >= t": t + q,
        "0 <= v < t": t * q / (1 + q),
    }
    for label, v_of_q in cases.items():
        ustar = claimed.subs(v, v_of_q)
        f_star = PROX_OBJECTIVE.subs({v: v_of_q, u: ustar})
        for u_of_p in (p, -p):
            diff = PROX_OBJECTIVE.subs({v: v_of_q, u: u_of_p}) - f_star
            prove_nonnegative(sp.expand(sp.factor(diff)), f"soft_threshold ({label}, u={u_of_p})")
    # the symmetry that covers v < 0: f_{-v}(-u) = f_v(u), and the formula is odd in v
    prove_equal(PROX_OBJECTIVE.subs({v: -v, u: -u}, simultaneous=True), PROX_OBJECTIVE,
                "soft_threshold (symmetry of f)")
    prove_equal(claimed.subs(v, -v), -claimed, "soft_threshold (odd in v)")
    return Claim("soft_threshold", sp.Eq(sp.Symbol("u^*"), claimed), "t > 0")


@functools.cache
def subgradient_step_overshoots(example="3/10", rhs=None) -> Claim:
    r"""The L1 subgradient step :math:`w \mapsto w - t\,\mathrm{sign}(w)` maps
    :math:`0 < w < t` to :math:`w - t < 0` (it jumps over 0), e.g. :math:`w = \frac{3}{10}t
    \mapsto -\frac{7}{10}t`; and for :math:`w \ne 0` the result is 0 only if :math:`|w| = t`."""
    wp = sp.Symbol("w", positive=True)
    step = wp - t * sp.sign(wp)
    prove_nonnegative(-step, "subgradient_step_overshoots", wp, sp.Interval.open(0, t),
                      strict=True)
    example = sp.sympify(example)
    ex = step.subs(wp, example * t)
    prove_equal(ex, _pick(rhs, (example - 1) * t), "subgradient_step_overshoots (example)")
    zeros_pos = sp.solveset(step, wp, sp.S.Reals)
    if zeros_pos != sp.FiniteSet(t):
        raise ProofError(f"subgradient_step_overshoots: zeros {zeros_pos}")
    # w < 0 mirrors w > 0 (the step is odd in w)
    prove_equal((-wp) - t * sp.sign(-wp), -step, "subgradient_step_overshoots (odd)")
    return Claim("subgradient_step_overshoots",
                 sp.Eq(sp.Subs(w - t * sp.sign(w), w, example * t), ex,
                       evaluate=False),
                 f"w = {example} t; w - t sign(w) = 0 only for |w| = t")


ALL_CLAIMS = {
    f.__name__: f
    for f in (
        l2_update_rule, bias_not_decayed, penalty_step_points_to_zero, decay_shrinks_weight,
        decay_overshoots, decay_diverges,
        per_epoch_limit, per_epoch_log_error_series, log_inequalities, per_epoch_bounds,
        relative_error_form, per_epoch_book_examples, per_epoch_ceiling,
        sigmoid_derivative, sigmoid_derivative_symmetric, sigmoid_derivative_max,
        sigmoid_derivative_exp_bound, saturation_threshold, saturated_probability,
        weighted_input_variance,
        fixed_point, cost_balance, unsaturation_scale, noise_equilibrium,
        ridge_eigen_shrink, ridge_norm_monotone, ridge_coefficient_grows,
        soft_threshold, subgradient_step_overshoots,
    )
}


def run_all_claims() -> dict[str, Claim]:
    """Run every claim (cached) and return them by name."""
    return {name: f() for name, f in ALL_CLAIMS.items()}


# --------------------------------------------------------------------------------------------
# Numeric twins: lambdified from the expressions above, vectorized, inputs validated.
# Parameters read like the math (eta, lmbda, n, m); inside these functions the SymPy symbols
# are reached through ``_SYM`` because the parameters shadow the module-level names.
# --------------------------------------------------------------------------------------------
_SYM = {"eta": eta, "lmbda": lmbda, "n": n, "m": m, "k": k, "w": w, "z": z, "eps": eps,
        "s": s, "sigma_w": sigma_w, "sigma_b": sigma_b, "C0": C0_value, "N_w": N_w,
        "n_in": n_in, "r": r, "d": d, "alpha": alpha, "v": v, "t": t, "a": a}
_NORM = sp.Symbol("norm", nonnegative=True)
_EX2 = E_X2


#: name -> (function building the expression, its argument names)
_TWIN_EXPRS = {
    "shrink": (lambda: 1 - A_DECAY, ("eta", "lmbda", "n")),
    "trajectory": (lambda: (1 - A_DECAY) ** k * w, ("k", "w", "eta", "lmbda", "n")),
    "exact": (lambda: PER_EPOCH_EXACT, ("eta", "lmbda", "n", "m")),
    "approx": (lambda: PER_EPOCH_APPROX, ("eta", "lmbda", "m")),
    "rel_err": (lambda: PER_EPOCH_REL_ERR, ("eta", "lmbda", "n", "m")),
    "lower": (lambda: PER_EPOCH_LOWER.subs(x, eta * lmbda), ("eta", "lmbda", "n", "m")),
    "sigma_prime": (lambda: SIGMA_PRIME_STABLE, ("z",)),
    "z_eps": (lambda: Z_EPS, ("eps",)),
    "share": (lambda: saturated_probability().statement.rhs, ("s", "eps")),
    "z_std": (lambda: sp.sqrt(weighted_input_variance().statement.rhs.subs(SUM_X2,
                                                                          _NORM**2)),
              ("norm", "sigma_w", "sigma_b")),
    "balance": (lambda: cost_balance().statement.rhs, ("n", "C0", "lmbda", "N_w")),
    "unsat": (lambda: unsaturation_scale().statement.rhs, ("n_in", "E[x^2]")),
    "eq_rms": (lambda: sp.sqrt(noise_equilibrium().statement.rhs.subs(a, A_DECAY)),
               ("eta", "lmbda", "n", "s")),
    "ridge": (lambda: RIDGE_COORD, ("r", "d", "alpha")),
    "soft": (lambda: SOFT_THRESHOLD, ("v", "t")),
    "subgrad": (lambda: w - t * sp.sign(w), ("w", "t")),
}


def _erfc(value):
    import math

    return np.vectorize(math.erfc, otypes=[float])(value)


@functools.cache
def _twin(key: str):
    build, names = _TWIN_EXPRS[key]
    syms = {**_SYM, "norm": _NORM, "E[x^2]": _EX2}
    return sp.lambdify([syms[nm] for nm in names], build(), modules=["numpy", {"erfc": _erfc}])


def twin_expression(key: str) -> sp.Expr:
    """The SymPy expression behind a numeric twin (keys: see ``_TWIN_EXPRS``)."""
    return _TWIN_EXPRS[key][0]()


def _check(name: str, value, low=None, high=None, *, low_open=False, high_open=False,
           integer=False) -> np.ndarray:
    """Return ``value`` as a float array, or raise ValueError naming ``name`` and the range."""
    arr = np.asarray(value, dtype=float)
    lo_b = "(" if low_open else "["
    hi_b = ")" if high_open else "]"
    rng = f"{lo_b}{'-inf' if low is None else low}, {'inf' if high is None else high}{hi_b}"
    what = "an integer in " if integer else ""
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= (arr <= low) if low_open else (arr < low)
    if high is not None:
        bad |= (arr >= high) if high_open else (arr > high)
    if integer:
        bad |= np.isfinite(arr) & (arr != np.round(arr))
    if np.any(bad):
        raise ValueError(f"{name} must be {what}{rng}; got {value!r}")
    return arr


def _decay_inputs(eta, lmbda, n):
    return (_check("eta", eta, 0, low_open=True), _check("lmbda", lmbda, 0),
            _check("n", n, 1, integer=True))


def _epoch_inputs(eta, lmbda, n, m):
    e, lam, nn = _decay_inputs(eta, lmbda, n)
    mm = _check("m", m, 1, integer=True)
    if np.any(mm > nn):
        raise ValueError(f"m must be in [1, n] (a mini-batch cannot exceed the training set); "
                         f"got m={m!r}, n={n!r}")
    if np.any(e * lam >= nn):
        raise ValueError(f"eta*lmbda must be in [0, n) so that 1 - eta*lmbda/n > 0; "
                         f"got eta={eta!r}, lmbda={lmbda!r}, n={n!r}")
    return e, lam, nn, mm


def shrink_factor(eta, lmbda, n):
    """The per-step factor 1 - eta*lmbda/n (arrays broadcast).  Any eta*lmbda/n > 0 is
    accepted, so a widget can show the overshooting (1 < a < 2) and diverging (a > 2) regimes."""
    return _twin("shrink")(*_decay_inputs(eta, lmbda, n))


def decay_trajectory(w0, eta, lmbda, n, steps: int):
    """Pure decay w_k = (1 - eta*lmbda/n)^k w0 for k = 0..steps; shape (steps+1,) + shape(w0)."""
    e, lam, nn = _decay_inputs(eta, lmbda, n)
    steps_ = int(_check("steps", steps, 0, integer=True))
    w0_ = _check("w0", w0)
    kk = np.arange(steps_ + 1).reshape((-1,) + (1,) * np.ndim(w0_))
    return _twin("trajectory")(kk, w0_, e, lam, nn)


def per_epoch_factor_exact(eta, lmbda, n, m):
    """One epoch of pure decay as network2 does it: (1 - eta*lmbda/n)^ceil(n/m)."""
    return _twin("exact")(*_epoch_inputs(eta, lmbda, n, m))


def per_epoch_factor_approx(eta, lmbda, m):
    """The book's per-epoch factor exp(-eta*lmbda/m)."""
    return _twin("approx")(_check("eta", eta, 0, low_open=True), _check("lmbda", lmbda, 0),
                           _check("m", m, 1, integer=True))


def per_epoch_relative_error(eta, lmbda, n, m):
    """exact/approx - 1 = expm1(ceil(n/m) log1p(-eta*lmbda/n) + eta*lmbda/m): accurate even at
    ~1e-7 (the identity is the claim :func:`relative_error_form`)."""
    return _twin("rel_err")(*_epoch_inputs(eta, lmbda, n, m))


def per_epoch_factor_bounds(eta, lmbda, n, m):
    """(lower, upper) from :func:`per_epoch_bounds` for (1 - eta*lmbda/n)^(n/m):
    exp(-(eta*lmbda/m)/(1 - eta*lmbda/n)) and exp(-eta*lmbda/m)."""
    e, lam, nn, mm = _epoch_inputs(eta, lmbda, n, m)
    return _twin("lower")(e, lam, nn, mm), _twin("approx")(e, lam, mm)


def book_per_epoch_factors() -> dict[str, dict[str, float]]:
    """Exact and approximate per-epoch factors of the runs in ``BOOK_RUNS`` (n=50,000, m=10)."""
    out = {}
    for label, (e_, l_, n_, m_) in BOOK_RUNS.items():
        e_, l_ = float(e_), float(l_)
        out[label] = {
            "exact": float(per_epoch_factor_exact(e_, l_, n_, m_)),
            "approx": float(per_epoch_factor_approx(e_, l_, m_)),
            "relative_error": float(per_epoch_relative_error(e_, l_, n_, m_)),
        }
    return out


def sigmoid_prime(z):
    """sigma'(z) = exp(-|z|)/(1+exp(-|z|))^2 (equal to sigma(1-sigma); never overflows)."""
    return _twin("sigma_prime")(_check("z", z))


def saturation_threshold_value(eps=0.01):
    """z_eps = 2 acosh(1/(2 sqrt(eps))): sigma'(z) < eps exactly when |z| > z_eps."""
    return _twin("z_eps")(_check("eps", eps, 0, 0.25, low_open=True, high_open=True))


def saturated_share(s, eps=0.01):
    """P(sigma'(z) < eps) for z ~ N(0, s^2): erfc(z_eps/(s sqrt 2))."""
    return _twin("share")(_check("s", s, 0, low_open=True),
                          _check("eps", eps, 0, 0.25, low_open=True, high_open=True))


def weighted_input_std(x_norm, sigma_w=1.0, sigma_b=1.0):
    """sqrt(sigma_w^2 ||x||^2 + sigma_b^2), the std of z = w.x + b.
    Old init: sigma_w = sigma_b = 1; new init: sigma_w = 1/sqrt(n_in)."""
    return _twin("z_std")(_check("x_norm", x_norm, 0),
                          _check("sigma_w", sigma_w, 0, low_open=True),
                          _check("sigma_b", sigma_b, 0))


def cost_balance_weight(n, c0, lmbda, n_w):
    """w = sqrt(2 n C0/(lmbda N_w)): the weight size at which penalty and C0 balance."""
    return _twin("balance")(_check("n", n, 1, integer=True), _check("c0", c0, 0, low_open=True),
                            _check("lmbda", lmbda, 0, low_open=True),
                            _check("n_w", n_w, 1, integer=True))


def unsaturation_weight(n_in, mean_x2=1.0):
    """w = 1/sqrt(n_in E[x^2]): the weight rms that makes Var z = 1."""
    return _twin("unsat")(_check("n_in", n_in, 1, integer=True),
                          _check("mean_x2", mean_x2, 0, low_open=True))


def equilibrium_rms(eta, lmbda, n, noise_std):
    """sqrt(E[w^2]) = s/sqrt(a(2-a)), a = eta*lmbda/n, for w <- (1-a)w + noise of std s."""
    e = _check("eta", eta, 0, low_open=True)
    lam = _check("lmbda", lmbda, 0, low_open=True)
    nn = _check("n", n, 1, integer=True)
    ss = _check("noise_std", noise_std, 0)
    if np.any(e * lam / nn >= 2):
        raise ValueError("eta*lmbda/n must be in (0, 2) for an equilibrium to exist; "
                         f"got eta={eta!r}, lmbda={lmbda!r}, n={n!r}")
    return _twin("eq_rms")(e, lam, nn, ss)


def ridge_path(X, y, alphas):
    """Ridge solutions w(alpha), shape (len(alphas), p), for X of shape (N, p), y of shape (N,):
    in the eigenbasis of X^T X = Q diag(d) Q^T the coordinates are r_i/(d_i + alpha),
    r = Q^T X^T y (the claim :func:`ridge_eigen_shrink`)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must have shape (N, p) and y shape (N,); got {X.shape}, {y.shape}")
    al = np.atleast_1d(_check("alphas", alphas, 0))
    dd, Q = np.linalg.eigh(X.T @ X)
    dd = np.clip(dd, 0.0, None)
    if np.any(al == 0) and np.any(dd <= 1e-12 * max(dd.max(), 1.0)):
        raise ValueError("alphas must be in (0, inf) when X^T X is singular")
    rr = Q.T @ (X.T @ y)
    coords = _twin("ridge")(rr[None, :], dd[None, :], al[:, None])
    return coords @ Q.T


def soft_threshold_value(v, t):
    """The L1 proximal step sign(v) max(|v| - t, 0) (the claim :func:`soft_threshold`)."""
    return _twin("soft")(_check("v", v), _check("t", t, 0, low_open=True))


def subgradient_step(w, t):
    """The L1 subgradient step w - t sign(w)."""
    return _twin("subgrad")(_check("w", w), _check("t", t, 0, low_open=True))

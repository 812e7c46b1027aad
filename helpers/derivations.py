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
from sympy.core.symbol import Str

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
#: the three regimes of the per-step rate a: shrink, overshoot, and where an equilibrium exists
A_SHRINKS = sp.Interval.open(0, 1)
A_OVERSHOOTS = sp.Interval.open(1, 2)
A_STABLE = sp.Interval.open(0, 2)
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
class Condition:
    """One assumption under which a claim holds, written twice: LaTeX for the notebook's rich
    display, plain text for the text display."""

    latex: str
    text: str


def cond(assumption, latex: str | None = None) -> Condition:
    """A :class:`Condition` from a SymPy relation (``sp.Gt(a, 0)``), from a chain of terms
    and operators (``(0, "<", a, "<", 1)`` for 0 < a < 1), or from words (a ``str``; its
    ``latex`` may be given, else it is shown as text)."""
    if isinstance(assumption, str):
        return Condition(latex if latex is not None else rf"\text{{{_tex_text(assumption)}}}",
                         assumption)
    if isinstance(assumption, tuple):
        ops = {"<": ("<", "<"), "<=": (r"\le", "<="), ">": (">", ">"), ">=": (r"\ge", ">="),
               "!=": (r"\ne", "!="), "=": ("=", "=")}
        tex, txt = [], []
        for item in assumption:
            if isinstance(item, str) and item in ops:
                tex.append(ops[item][0])
                txt.append(ops[item][1])
            else:
                tex.append(sp.latex(sp.sympify(item)))
                txt.append(sp.sstr(sp.sympify(item)))
        return Condition(latex or " ".join(tex), " ".join(txt))
    return Condition(latex or sp.latex(assumption), sp.sstr(assumption))


def _tex_text(words: str) -> str:
    """Escape the characters LaTeX's \\text{} does not take literally."""
    for ch in "_%&#$":
        words = words.replace(ch, "\\" + ch)
    return words


def _in(var, domain: sp.Interval) -> Condition:
    """The condition ``var`` in ``domain`` as a chain, e.g. 0 < a < 1 or a > 2."""
    lo_op = "<" if domain.left_open else "<="
    hi_op = "<" if domain.right_open else "<="
    if domain.end is sp.S.Infinity:
        return cond((var, ">" if domain.left_open else ">=", domain.start))
    if domain.start is sp.S.NegativeInfinity:
        return cond((var, hi_op, domain.end))
    return cond((domain.start, lo_op, var, hi_op, domain.end))


def _conditions(items) -> tuple[Condition, ...]:
    return tuple(c if isinstance(c, Condition) else cond(c) for c in items)


@dataclass(frozen=True)
class Claim:
    """A proved statement: its name, the SymPy statement, the conditions under which it was
    proved (shown beside the statement in every display), an optional remark, and an optional
    ``value`` the proof computed (e.g. the exact alpha* of :func:`ridge_coefficient_grows`)."""

    name: str
    statement: sp.Basic
    conditions: tuple[Condition, ...] = ()
    note: str = ""
    value: object = None

    def _repr_latex_(self) -> str:
        label = self.name.replace("_", r"\_")
        out = rf"$\displaystyle \mathrm{{{label}}}:\quad {sp.latex(self.statement)}"
        if self.conditions:
            out += r"\qquad \text{for } " + r",\ ".join(c.latex for c in self.conditions)
        if self.note:
            out += rf"\qquad \text{{({_tex_text(self.note)})}}"
        return out + "$"

    def _text_lines(self, statement: str) -> str:
        lines = [f"{self.name}:", statement]
        if self.conditions:
            lines.append("for " + "; ".join(c.text for c in self.conditions))
        if self.note:
            lines.append(f"({self.note})")
        return "\n".join(lines)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's plain-text display
        p.text(self._text_lines(sp.pretty(self.statement)))

    def __str__(self) -> str:
        return self._text_lines(sp.sstr(self.statement))


_OPS = {"<": ("<", "<", "<"), "<=": (r"\le", "<=", "≤"), ">": (">", ">", ">"),
        ">=": (r"\ge", ">=", "≥"), "=": ("=", "=", "="), "!=": (r"\ne", "!=", "≠")}


class Shown(sp.Symbol):
    """A symbol for display: ``text`` in plain text, ``latex`` in the rich display (SymPy would
    otherwise mangle a LaTeX name's subscripts)."""

    def __new__(cls, text: str, latex: str | None = None, **assumptions):
        obj = super().__new__(cls, text, **assumptions)
        obj._tex = text if latex is None else latex
        return obj

    def _latex(self, printer):
        return self._tex


class Chain(sp.Basic):
    """A displayed chain of relations, ``Chain(a, "<=", b, "<", c)`` for a <= b < c, printed in
    the order written (``sp.And`` would sort its parts).  Only for display: the proofs assert
    each link separately."""

    def __new__(cls, *items):
        terms = [sp.sympify(it) for it in items[::2]]
        ops = list(items[1::2])
        if len(terms) != len(ops) + 1 or any(op not in _OPS for op in ops):
            raise ValueError(f"Chain needs term, op, term, ...; got {items!r}")
        return super().__new__(cls, sp.Tuple(*terms), sp.Tuple(*map(Str, ops)))

    def _join(self, printer, kind: int) -> str:
        terms, ops = self.args
        out = [printer._print(terms[0])]
        for op, term in zip(ops, terms[1:], strict=True):
            out += [_OPS[op.name][kind], printer._print(term)]
        return " ".join(out)

    def _latex(self, printer):
        return self._join(printer, 0)

    def _sympystr(self, printer):
        return self._join(printer, 1)

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(self._join(sp.printing.str.StrPrinter(), 2))


class AllOf(sp.Basic):
    """Several displayed statements, in the order given (``sp.And`` would sort them)."""

    def __new__(cls, *parts):
        return super().__new__(cls, *map(sp.sympify, parts))

    def _latex(self, printer):
        return r",\quad ".join(printer._print(p) for p in self.args)

    def _sympystr(self, printer):
        return "; ".join(printer._print(p) for p in self.args)

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm("\n".join(sp.pretty(p) for p in self.args))


#: conditions several claims share
COST_CONDITION = cond("C = C_0 + (lambda/2n) sum w^2", r"C = C_0 + \frac{\lambda}{2n}\sum w^2")
BATCH_CONDITION = cond("dC_0/dw estimated by the mean of dC_x/dw over a mini-batch of m examples",
                       r"\frac{\partial C_0}{\partial w} \approx \frac1m\sum_{j=1}^{m}"
                       r"\frac{\partial C_{x_j}}{\partial w}")
A_CONDITION = cond("a = eta*lambda/n", r"a = \eta\lambda/n")
X_CONDITION = cond("x = eta*lambda", r"x = \eta\lambda")
Z_REAL = cond("z real", r"z \in \mathbb{R}")


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
                 _conditions([COST_CONDITION, BATCH_CONDITION]),
                 "derived by sp.diff of the mini-batch cost")


@functools.cache
def bias_not_decayed(rhs=None) -> Claim:
    r"""Biases are not decayed: :math:`\partial C/\partial b = \partial C_0/\partial b`, so the
    bias update :math:`b \to b - \eta\,\partial C/\partial b` has no :math:`(1-\eta\lambda/n)`."""
    lhs = b - eta * sp.diff(COST, b)
    claimed = b - eta * sp.Derivative(C0(w, b), b)
    stmt = prove_equal(lhs, _pick(rhs, claimed), "bias_not_decayed")
    return Claim("bias_not_decayed", sp.Eq(sp.Symbol("b'"), stmt.rhs),
                 _conditions([COST_CONDITION, cond("the penalty sums weights only, no biases")]))


@functools.cache
def penalty_step_points_to_zero(rhs=None, allow_zero: bool = False) -> Claim:
    r"""The penalty is *added* to the cost, yet its step :math:`-\eta\,\partial/\partial w` of
    :math:`\frac{\lambda}{2n}w^2` is :math:`-\frac{\eta\lambda}{n}w`: it has the opposite sign to
    :math:`w` (:math:`w\cdot\Delta w = -\frac{\eta\lambda}{n}w^2 < 0` for :math:`w \ne 0`), so it
    pulls every weight towards 0 whatever its sign.  ``allow_zero`` drops the premise
    :math:`w \ne 0` (the tests do, and see the strict sign fail)."""
    step = -eta * sp.diff(lmbda / (2 * n) * w**2, w)
    stmt = prove_equal(step, _pick(rhs, -A_DECAY * w), "penalty_step_points_to_zero")
    wnz = sp.Symbol("w", real=True) if allow_zero else sp.Symbol("w", real=True, nonzero=True)
    prove_nonnegative(-(step * w).subs(w, wnz), "penalty_step_points_to_zero", strict=True)
    return Claim("penalty_step_points_to_zero",
                 AllOf(sp.Eq(sp.Symbol(r"\Delta w_{decay}"), stmt.rhs),
                       Chain(w * sp.Symbol(r"\Delta w_{decay}"), "<", 0)),
                 _conditions([COST_CONDITION] + ([] if allow_zero else [(w, "!=", 0)])))


@functools.cache
def decay_shrinks_weight(rhs=None, domain=A_SHRINKS) -> Claim:
    r"""For :math:`0 < a < 1` and :math:`w \ne 0`: :math:`|(1-a)w| < |w|`; precisely
    :math:`|w| - |(1-a)w| = a|w|`.  ``domain`` is the premise on :math:`a` (the tests widen
    it to (0, 3) and see the proof fail)."""
    wnz = sp.Symbol("w", real=True, nonzero=True)
    gap = sp.Abs(wnz) - sp.Abs((1 - a) * wnz)
    mapped, r, phi = _onto_half_line(gap, a, domain)
    claimed = _pick(rhs, a * sp.Abs(w)).subs(w, wnz)
    prove_equal(mapped, claimed.subs(a, phi), "decay_shrinks_weight")
    prove_nonnegative(gap, "decay_shrinks_weight", a, domain, strict=True)
    return Claim("decay_shrinks_weight", sp.StrictLessThan(sp.Abs((1 - a) * w), sp.Abs(w)),
                 _conditions([_in(a, domain), (w, "!=", 0), A_CONDITION]))


@functools.cache
def decay_overshoots(rhs=None, domain=A_OVERSHOOTS) -> Claim:
    r"""For :math:`1 < a < 2`, one decay step flips the sign of :math:`w \ne 0`
    (:math:`w\,(1-a)w < 0`) but still shrinks it: :math:`|w| - |(1-a)w| = (2-a)|w| > 0`;
    at :math:`a = 2` it only flips the sign.  ``domain`` is the premise on :math:`a`."""
    wnz = sp.Symbol("w", real=True, nonzero=True)
    product = wnz * (1 - a) * wnz
    prove_nonnegative(-product, "decay_overshoots (sign flip)", a, domain, strict=True)
    gap = sp.Abs(wnz) - sp.Abs((1 - a) * wnz)
    mapped, _, phi = _onto_half_line(gap, a, domain)
    claimed = _pick(rhs, (2 - a) * sp.Abs(w)).subs(w, wnz)
    prove_equal(mapped, claimed.subs(a, phi), "decay_overshoots")
    prove_nonnegative(gap, "decay_overshoots", a, domain, strict=True)
    prove_equal(sp.Abs((1 - 2) * wnz), sp.Abs(wnz), "decay_overshoots (a = 2)")
    return Claim("decay_overshoots",
                 AllOf(Chain(w * (1 - a) * w, "<", 0),
                       Chain(sp.Abs((1 - a) * w), "<", sp.Abs(w))),
                 _conditions([_in(a, domain), (w, "!=", 0), A_CONDITION]),
                 "at a = 2 only the sign flips")


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
                 _conditions([(a, ">", 2), (w, "!=", 0), A_CONDITION]))


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
    return Claim("per_epoch_limit", stmt.subs(x, eta * lmbda),
                 _conditions([cond("eta*lambda and m fixed", r"\eta\lambda,\ m\ \text{fixed}")]))


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
                 _conditions([(0, "<", x, "<", n), X_CONDITION]),
                 "O(...) in powers of 1/n")


@functools.cache
def log_inequalities(lower=None, upper=None, domain_end=1) -> Claim:
    r"""For :math:`0 \le y < 1`: :math:`-\frac{y}{1-y} \le \log(1-y) \le -y`.  Both by
    monotonicity: each difference is 0 at :math:`y=0` and has a derivative
    (:math:`\frac{y}{1-y}` resp. :math:`\frac{y}{(1-y)^2}`) that is :math:`\ge 0` there.
    ``domain_end`` is the premise :math:`y < 1` (the tests widen it to 2)."""
    lo = _pick(lower, -y / (1 - y))
    hi = _pick(upper, -y)
    domain = sp.Interval.Ropen(0, domain_end)
    prove_nonnegative(hi - sp.log(1 - y), "log_inequalities (upper)", y, domain)
    prove_nonnegative(sp.log(1 - y) - lo, "log_inequalities (lower)", y, domain)
    stmt = Chain(lo, "<=", sp.log(1 - y), "<=", hi)
    return Claim("log_inequalities", stmt, _conditions([_in(y, domain)]))


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
    stmt = Chain(lo.subs(x, eta * lmbda), "<=", PER_EPOCH.subs(x, eta * lmbda), "<=",
                 hi.subs(x, eta * lmbda))
    return Claim("per_epoch_bounds", stmt,
                 _conditions([(0, "<=", eta * lmbda, "<", n), (m, ">", 0)]))


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
                 _conditions([(0, "<", eta * lmbda, "<", n)]),
                 "avoids exact/approx - 1; its argument still cancels, see the docstring")


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
    return Claim("per_epoch_book_examples", AllOf(*facts),
                 _conditions([cond("the book's runs: n = 50,000, m = 10, lambda = 5, "
                                   "eta = 0.1 and 0.5",
                                   r"\text{the book's runs: } n = 50{,}000,\ m = 10,\ "
                                   r"\lambda = 5,\ \eta \in \{0.1, 0.5\}")
                              if runs == tuple(BOOK_RUNS.values()) else
                              cond("the runs given: " + ", ".join(
                                  f"(eta, lambda, n, m) = {tuple(map(str, run))}"
                                  for run in runs))]),
                 "inside the bounds of per_epoch_bounds; exact Rationals")


@functools.cache
def per_epoch_ceiling(n_value: int = 50_000, m_value: int = 7,
                      eta_value="1/10", lmbda_value=5, steps_rule=None,
                      fraction_below: int = 1) -> Claim:
    r"""When :math:`m \nmid n` an epoch has :math:`S = \lceil n/m\rceil` steps.  By the
    definition of the ceiling :math:`S = n/m + f` with :math:`0 \le f < 1`, and with
    :math:`0 < q = 1-\eta\lambda/n < 1` the exact factor lies in
    :math:`q^{n/m+1} < q^{S} \le q^{n/m}`: the short last batch changes the factor by less
    than one step's :math:`q`.  Both halves are proved in general: the logs of the two gaps are
    :math:`f(-\log q) \ge 0` and :math:`(1-f)(-\log q) > 0`, derived by ``expand_log`` and
    shown nonnegative resp. positive after mapping :math:`0 < \eta\lambda/n < 1` and
    :math:`0 \le f < 1` onto half lines.  The example is checked with exact Rationals.
    ``fraction_below`` is the premise :math:`f < 1` (the tests weaken it to 2 and see the
    lower half fail); ``steps_rule`` overrides :math:`\lceil n/m\rceil` (a wrong claim)."""
    qq = sp.Symbol("q", positive=True)
    pp = sp.Symbol("p", positive=True)  # n/m
    ff = sp.Symbol("f", nonnegative=True)  # S - n/m
    upper_gap = sp.expand_log(sp.log(qq**pp) - sp.log(qq ** (pp + ff)), force=True)
    lower_gap = sp.expand_log(sp.log(qq ** (pp + ff)) - sp.log(qq ** (pp + 1)), force=True)
    # 0 < q < 1: q = 1 - a with a = r/(1 + r), r > 0;  0 <= f < fraction_below: f = b F/(1 + F)
    rr, FF = sp.Symbol("r", positive=True), sp.Symbol("F", nonnegative=True)
    onto = {qq: 1 - rr / (1 + rr), ff: fraction_below * FF / (1 + FF)}
    prove_nonnegative(upper_gap.subs(onto), "per_epoch_ceiling (upper half)")
    prove_nonnegative(lower_gap.subs(onto), "per_epoch_ceiling (lower half)", strict=True)
    e_, l_ = sp.nsimplify(eta_value), sp.nsimplify(lmbda_value)
    q_ = 1 - e_ * l_ / n_value
    steps = _pick(steps_rule, STEPS).subs({n: n_value, m: m_value})
    exact = q_**steps
    ratio = sp.Rational(n_value, m_value)
    if not (q_ ** (ratio + 1) < exact <= q_**ratio):
        raise ProofError("per_epoch_ceiling: the exact factor is outside its bracket")
    q = 1 - A_DECAY
    general = Chain(q ** (n / m + 1), "<", q**STEPS, "<=", q ** (n / m))
    example = sp.Eq(sp.Pow(q_, steps, evaluate=False), sp.Float(exact.evalf(20), 12),
                    evaluate=False)
    return Claim("per_epoch_ceiling", AllOf(general, example),
                 _conditions([(0, "<", eta * lmbda, "<", n),
                              cond("n/m <= ceil(n/m) < n/m + 1 (the ceiling's definition)",
                                   r"\frac nm \le \left\lceil\frac nm\right\rceil < \frac nm + 1"),
                              cond(f"example: n = {n_value}, m = {m_value}, "
                                   f"eta = {e_}, lambda = {l_}",
                                   rf"\text{{example: }} n = {n_value},\ m = {m_value},\ "
                                   rf"\eta = {sp.latex(e_)},\ \lambda = {sp.latex(l_)}")]),
                 f"{int(steps)} steps instead of n/m = {float(ratio):.3f}")


@dataclass(frozen=True)
class PerEpochErrors:
    """The two errors of exp(-eta*lmbda/m) against the exact (1 - eta*lmbda/n)^(n/m) at one
    setting, exact (SymPy numbers; ``float()`` them to print):

    * ``rate_error`` = (exact decay rate)/(heuristic rate) - 1 = -log(1-r)/r - 1, r = eta*lmbda/n;
    * ``log_error`` = log(exact factor) + eta*lmbda/m;
    * ``factor_error`` = exact/approx - 1 = expm1(log_error).
    """

    eta_lmbda: sp.Expr
    n: int
    m: int
    r: sp.Expr
    rate_error: sp.Expr
    log_error: sp.Expr
    factor_error: sp.Expr
    leading_term: sp.Expr  # -(eta*lmbda)^2/(2mn)


#: the counterexample of per_epoch_error_conditions: eta*lmbda/n = 1 %, (eta*lmbda)^2/(mn) = 1
ERROR_COUNTEREXAMPLE = (100, 10_000, 1)


@functools.cache
def per_epoch_error_conditions(counterexample: tuple = ERROR_COUNTEREXAMPLE,
                               rate_upper=None, domain_end=1) -> Claim:
    r"""Which condition controls which error of the book's per-epoch factor
    :math:`e^{-x/m}` against the exact :math:`(1-x/n)^{n/m}` (:math:`x = \eta\lambda`,
    :math:`m \mid n`, :math:`r = x/n`):

    * the **rate error** :math:`\varepsilon_{rate} = \frac{-(n/m)\log(1-r)}{x/m} - 1
      = -\frac{\log(1-r)}{r} - 1` satisfies :math:`\frac r2 \le \varepsilon_{rate} \le
      \frac{r}{2(1-r)}`: it depends on :math:`r` alone and is small exactly when
      :math:`\eta\lambda \ll n`;
    * the **log error** :math:`\varepsilon_{\log} = \log\big((1-r)^{n/m}\big) + \frac xm
      = -\frac xm\,\varepsilon_{rate}` satisfies :math:`\frac{x^2}{2mn} \le -\varepsilon_{\log}
      \le \frac{x^2}{2mn(1-r)}`: it is small exactly when :math:`(\eta\lambda)^2 \ll mn`, and
      the factor's relative error is :math:`e^{\varepsilon_{\log}} - 1`.

    ηλ ≪ n does not imply (ηλ)² ≪ mn: at ``counterexample`` (ηλ, n, m) = (100, 10⁴, 1),
    r = 1 % and the rate error is 0.50 %, yet the log error is −0.503 and the factor is 40 %
    too small; the numbers are computed from exact Rationals (``value``, a
    :class:`PerEpochErrors`).  Proofs: both identities by ``prove_equal``; the bounds by
    ``prove_nonnegative`` on :math:`0 \le r < 1` (after multiplying by :math:`r > 0`: each
    difference is 0 at :math:`r = 0` with a nonnegative derivative).  ``domain_end`` is the
    premise :math:`r < 1` (the tests widen it and see the proof fail); ``rate_upper``
    overrides the claimed upper bound."""
    rp = sp.Symbol("r", positive=True)
    xp, np_, mp = sp.symbols("x n m", positive=True)
    exact_rate = -(np_ / mp) * sp.log(1 - xp / np_)  # -log of (1 - x/n)^(n/m)
    rate_err = sp.expand_log(exact_rate / (xp / mp) - 1, force=True).subs(xp, rp * np_)
    prove_equal(rate_err, -sp.log(1 - rp) / rp - 1, "per_epoch_error_conditions (rate error)")
    log_err = sp.expand_log(sp.log((1 - xp / np_) ** (np_ / mp)), force=True) + xp / mp
    prove_equal(log_err, -(xp / mp) * (exact_rate / (xp / mp) - 1),
                "per_epoch_error_conditions (log error = -(x/m) rate error)")
    lower = rp / 2
    upper = _pick(rate_upper, rp / (2 * (1 - rp))).subs(sp.Symbol("r"), rp)
    core = -sp.log(1 - rp) - rp  # = r * rate error
    domain = sp.Interval.Ropen(0, domain_end)
    prove_nonnegative(core - rp * lower, "per_epoch_error_conditions (rate error >= r/2)", rp,
                      domain)
    prove_nonnegative(sp.expand(rp * upper) - core,
                      "per_epoch_error_conditions (rate error <= r/(2(1-r)))", rp, domain)
    # -log error = (n/m) core, and (n/m) r^2/2 = x^2/(2mn): the same bounds times x/m
    prove_equal(-log_err.subs(xp, rp * np_), (np_ / mp) * core,
                "per_epoch_error_conditions (-log error = (n/m)(-log(1-r) - r))")
    prove_equal((np_ / mp) * rp**2 / 2, (rp * np_) ** 2 / (2 * mp * np_),
                "per_epoch_error_conditions (x^2/(2mn))")
    x_, n_, m_ = (sp.nsimplify(v_) for v_ in counterexample)
    r_ = x_ / n_
    log_e = (n_ / m_) * sp.log(1 - r_) + x_ / m_
    ce = PerEpochErrors(eta_lmbda=x_, n=int(n_), m=int(m_), r=r_,
                        rate_error=-sp.log(1 - r_) / r_ - 1, log_error=log_e,
                        factor_error=sp.exp(log_e) - 1, leading_term=-x_**2 / (2 * m_ * n_))
    if not (r_ / 2 <= ce.rate_error <= r_ / (2 * (1 - r_))):  # certified evalf comparisons
        raise ProofError("per_epoch_error_conditions: the counterexample's rate error is "
                         "outside its bounds")
    if not (x_**2 / (2 * m_ * n_) <= -log_e <= x_**2 / (2 * m_ * n_ * (1 - r_))):
        raise ProofError("per_epoch_error_conditions: the counterexample's log error is "
                         "outside its bounds")
    e_rate, e_log = sp.Symbol(r"\varepsilon_{rate}"), sp.Symbol(r"\varepsilon_{\log}")
    r_sym = sp.Symbol("r")
    two = sp.Integer(2)
    stmt = AllOf(Chain(r_sym / 2, "<=", e_rate, "<=", r_sym / sp.Mul(two, 1 - r_sym,
                                                                     evaluate=False)),
                 Chain((eta * lmbda) ** 2 / (2 * m * n), "<=", -e_log, "<=",
                       (eta * lmbda) ** 2 / sp.Mul(2 * m * n, 1 - r_sym, evaluate=False)))
    return Claim("per_epoch_error_conditions", stmt,
                 _conditions([cond("r = eta*lambda/n", r"r = \eta\lambda/n"),
                              (0, "<", r_sym, "<", domain_end),
                              cond("m divides n", r"m \mid n"),
                              cond("rate error = -log(1-r)/r - 1 (eta*lambda << n makes it "
                                   "small)",
                                   r"\varepsilon_{rate} = -\tfrac{\log(1-r)}{r} - 1\ "
                                   r"(\text{small iff } \eta\lambda \ll n)"),
                              cond("log error = log((1-r)^(n/m)) + eta*lambda/m "
                                   "((eta*lambda)^2 << mn makes it small)",
                                   r"\varepsilon_{\log} = \log(1-r)^{n/m} + \tfrac{\eta\lambda}"
                                   r"{m}\ (\text{small iff } (\eta\lambda)^2 \ll mn)")]),
                 f"eta*lambda = {x_}, n = {n_}, m = {m_}: rate error "
                 f"{float(ce.rate_error):.4%}, log error {float(ce.log_error):.4f}, factor "
                 f"error {float(ce.factor_error):.1%}",
                 value=ce)


#: r = eta*lmbda/n, the per-step rate, in the claims about the rate of one epoch's decay
r_rate = sp.Symbol("r", positive=True)


@functools.cache
def rate_ratio_series(rhs=None, order: int = 3) -> Claim:
    r"""For :math:`m \mid n`, :math:`\log\big((1-r)^{n/m}\big) / \log\big(e^{-rn/m}\big) =
    -\log(1-r)/r = 1 + r/2 + r^2/3 + O(r^3)` with :math:`r = \eta\lambda/n`: the exact decay
    is faster than the heuristic's by a factor that depends on r alone.  Proved with
    :func:`prove_series` after checking symbolically that the quotient of the two logs is
    :math:`-\log(1-r)/r`; ``rhs`` overrides the claimed polynomial (for the tests)."""
    steps = sp.Symbol("S", positive=True)  # n/m steps
    ratio = steps * sp.log(1 - r_rate) / (-steps * r_rate)
    prove_equal(ratio, -sp.log(1 - r_rate) / r_rate, "rate_ratio_series (S cancels)")
    claimed = (sum(r_rate**i / (i + 1) for i in range(order)) if rhs is None
               else sp.sympify(rhs))
    stmt = prove_series(-sp.log(1 - r_rate) / r_rate, r_rate, 0, order, claimed,
                        "rate_ratio_series")
    return Claim("rate_ratio_series", stmt,
                 _conditions([cond("r = eta*lambda/n", r"r = \eta\lambda/n"),
                              (0, "<", r_rate, "<", 1), cond("m divides n", r"m \mid n")]))


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
                 _conditions([Z_REAL]), "also = 1/(4 cosh(z/2)^2)")


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
                 _conditions([Z_REAL]), "so sigma'(z) = exp(-|z|)/(1+exp(-|z|))^2")


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
                 _conditions([Z_REAL]), "equality only at z = 0")


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
                 sp.LessThan(sp.Symbol(r"\sigma'(z)"), bound), _conditions([Z_REAL]))


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
                 _conditions([(0, "<", eps, "<", sp.Rational(1, 4))]),
                 "sigma'(z) < eps <=> |z| > z_eps")


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
                 _conditions([cond("z ~ N(0, s^2)", r"z \sim N(0, s^2)"), (s, ">", 0),
                              (0, "<", eps, "<", sp.Rational(1, 4))]))


#: sum_{i=1}^{n_in} x_i^2, the squared norm of a neuron's input
SUM_X2 = sp.Sum(sp.IndexedBase("x")[sp.Symbol("i", integer=True, positive=True)] ** 2,
                (sp.Symbol("i", integer=True, positive=True), 1, n_in))
#: the mean square input E[x^2]
E_X2 = sp.Symbol("E[x^2]", positive=True)


def _in_range(expr, index, upper):
    """``expr`` with every condition ``1 <= index <= upper`` set to True (``index`` is a
    summation index running over 1..upper); SymPy leaves them in the Piecewise of a
    Kronecker-delta sum."""
    expr = sp.sympify(expr).doit()
    return expr.xreplace({sp.Le(index, upper): True, sp.Ge(upper, index): True,
                          sp.Le(1, index): True, sp.Ge(index, 1): True})


def _independent_moment(u, v):
    """E[u v] for two of the random variables w_i, w_k, b of weighted_input_variance under its
    premises (independent, mean 0): E[w_i w_k] = delta_ik sigma_w^2 (E[w_i]E[w_k] = 0 for
    i != k, Var w_i = sigma_w^2 for i = k), E[w_i b] = E[w_i]E[b] = 0, E[b^2] = sigma_b^2."""
    if u == B_RAND and v == B_RAND:
        return sigma_b**2
    if B_RAND in (u, v):
        return sp.S.Zero
    return sp.KroneckerDelta(u.indices[0], v.indices[0]) * sigma_w**2


def _expectation(expr, moment):
    """E of a polynomial of degree <= 2 in the random w_i, b (each of mean 0), passed through
    sums by linearity; ``moment(u, v)`` gives E[u v]."""
    if isinstance(expr, sp.Add):
        return sp.Add(*(_expectation(t, moment) for t in expr.args))
    if isinstance(expr, sp.Sum):
        return sp.Sum(_expectation(expr.function, moment), *expr.limits)
    coeff, rand = sp.S.One, []
    for factor in sp.Mul.make_args(sp.expand(expr)):
        base, power = factor.as_base_exp()
        if base == B_RAND or (isinstance(base, sp.Indexed) and base.base == W_RAND):
            rand += [base] * int(power)
        else:
            coeff *= factor
    if len(rand) > 2:
        raise ValueError(f"_expectation handles degree <= 2, got {expr}")
    return coeff if not rand else sp.S.Zero if len(rand) == 1 else coeff * moment(*rand)


#: the random weights and bias of weighted_input_variance
W_RAND = sp.IndexedBase("w")
B_RAND = sp.Symbol("b", real=True)


@functools.cache
def weighted_input_variance(rhs=None, moment=None) -> Claim:
    r"""For :math:`z = \sum_{i=1}^{n_{in}} w_i x_i + b` (inputs :math:`x_i` fixed) with
    weights and bias independent, of mean 0, :math:`\mathrm{Var}\,w_i = \sigma_w^2`,
    :math:`\mathrm{Var}\,b = \sigma_b^2`: :math:`\mathrm{Var}\,z = \sigma_w^2\sum_i x_i^2 +
    \sigma_b^2`, for any :math:`n_{in}`.

    Derived: :math:`E[z] = 0` by linearity, so :math:`\mathrm{Var}\,z = E[z^2]`; SymPy expands
    :math:`z^2 = (S + b)^2` with :math:`S = \sum_i w_ix_i`, rewrites :math:`S^2` as the double
    sum :math:`\sum_i\sum_k w_iw_kx_ix_k` (checked equal), takes E through the sums, and
    replaces each pair by its moment.  The moments are what the premises give:
    independence and mean 0 make :math:`E[w_iw_k] = E[w_i]E[w_k] = 0` for :math:`i \ne k`
    and :math:`E[w_ib] = 0`, so :math:`E[w_iw_k] = \delta_{ik}\sigma_w^2`
    (:func:`_independent_moment`); they are checked with ``sympy.stats`` for normal laws, and
    the whole result again for three inputs.  ``moment`` replaces the premise (the tests use
    correlated weights and see the proof fail); ``rhs`` the claimed side.  Old init
    (:math:`\sigma_w=\sigma_b=1`): :math:`\|x\|^2 + 1`; new init (:math:`\sigma_w^2 =
    1/n_{in}`): :math:`\|x\|^2/n_{in} + 1`."""
    moment = _independent_moment if moment is None else moment
    X = sp.IndexedBase("x")
    i, kk = sp.symbols("i k", integer=True, positive=True)
    S = sp.Sum(W_RAND[i] * X[i], (i, 1, n_in))
    zz = S + B_RAND
    mean_z = _expectation(sp.Sum(W_RAND[i] * X[i], (i, 1, n_in)), moment) + _expectation(
        B_RAND, moment)
    if sp.simplify(mean_z.doit()) != 0:
        raise ProofError(f"weighted_input_variance: E[z] = {mean_z}, not 0")
    # z^2 = S^2 + 2 b S + b^2, with S^2 as a double sum and 2 b S as one sum
    double = sp.Sum(sp.Sum(W_RAND[i] * X[i] * W_RAND[kk] * X[kk], (kk, 1, n_in)), (i, 1, n_in))
    S_k = sp.Sum(W_RAND[kk] * X[kk], (kk, 1, n_in))
    factored = sp.Sum(sp.Sum(double.function, (kk, 1, n_in)).simplify(), (i, 1, n_in)).simplify()
    if S_k.xreplace({kk: i}) != S or sp.simplify(factored - S * S_k) != 0:
        raise ProofError("weighted_input_variance: S^2 is not the double sum")
    cross = sp.Sum(2 * B_RAND * W_RAND[i] * X[i], (i, 1, n_in))
    prove_equal(cross, 2 * B_RAND * S, "weighted_input_variance (2bS as one sum)")
    prove_equal(sp.expand(zz**2), S**2 + 2 * B_RAND * S + B_RAND**2,
                "weighted_input_variance (z^2 expanded)")
    e_z2 = _expectation(double, moment) + _expectation(cross, moment) + _expectation(
        B_RAND**2, moment)
    inner = _in_range(e_z2, i, n_in)  # the outer sum has 1 <= i <= n_in
    claimed = _pick(rhs, sigma_w**2 * SUM_X2 + sigma_b**2)
    stmt = prove_equal(inner, claimed, "weighted_input_variance")
    # the moments from the premises, with sympy.stats for independent normal laws
    sb = sp.Symbol("sigma_b", positive=True)
    w1, w2, bb = sps.Normal("W1", 0, sigma_w), sps.Normal("W2", 0, sigma_w), sps.Normal("B", 0, sb)
    for got, want in ((sps.E(w1 * w2), 0), (sps.E(w1**2), sigma_w**2), (sps.E(w1 * bb), 0),
                      (sps.E(bb**2), sb**2)):
        prove_equal(got, want, "weighted_input_variance (moments, sympy.stats)")
    # cross-check with sympy.stats on three inputs
    xs = sp.symbols("x1:4", real=True)
    ws = [sps.Normal(f"W{i_}", 0, sigma_w) for i_ in range(3)]
    var3 = sps.variance(sum(wi * xi for wi, xi in zip(ws, xs, strict=True)) + bb)
    expected3 = claimed.subs(n_in, 3).doit().subs({X[1]: xs[0], X[2]: xs[1], X[3]: xs[2]})
    prove_equal(var3, expected3.subs(sigma_b, sb),
                "weighted_input_variance (sympy.stats, 3 inputs)")
    norm2 = sp.Symbol(r"\|x\|^2", positive=True)
    old = stmt.rhs.subs(SUM_X2, norm2).subs({sigma_w: 1, sigma_b: 1})
    new = stmt.rhs.subs(SUM_X2, norm2).subs({sigma_w: 1 / sp.sqrt(n_in), sigma_b: 1})
    return Claim("weighted_input_variance", sp.Eq(sp.Symbol(r"\mathrm{Var}\,z"), stmt.rhs),
                 _conditions([cond("z = sum_i w_i x_i + b, x fixed",
                                   r"z = \sum_i w_ix_i + b,\ x\ \text{fixed}"),
                              cond("w_1..w_n_in, b independent, mean 0",
                                   r"w_1, \dots, w_{n_{in}}, b\ \text{independent, mean } 0"),
                              cond("Var w_i = sigma_w^2, Var b = sigma_b^2",
                                   r"\mathrm{Var}\,w_i = \sigma_w^2,\ "
                                   r"\mathrm{Var}\,b = \sigma_b^2")]),
                 f"old init: {sp.sstr(old)}; new init: {sp.sstr(new)}")


# --------------------------------------------------------------------------------------------
# 03  Why the decay wins the change of ||w||^2: the radial identity and the step's split
# --------------------------------------------------------------------------------------------
#: the j-th hidden neuron's weights w_{ji}, its input x_i (the layer's input activations), its
#: bias b_j and weighted input z_j; i runs over the n_in inputs
W_J = sp.IndexedBase("w")
X_IN = sp.IndexedBase("x")
b_j = sp.Symbol("b_j", real=True)
z_j = sp.Symbol("z_j", real=True)  # a placeholder for the weighted input in a cost
_i = sp.Symbol("i", integer=True, positive=True)
_jn = sp.Symbol("j", integer=True, positive=True)
#: z_j = sum_i w_ji x_i + b_j
Z_J = sp.Sum(W_J[_jn, _i] * X_IN[_i], (_i, 1, n_in)) + b_j
#: the default cost of radial_identity, C_x(z_j): it depends on w_j only through z_j
C_x_placeholder = sp.Function("C_x")(z_j)


@functools.cache
def radial_identity(cost=None, weighted_input=None, rhs=None) -> Claim:
    r"""The radial identity: for a neuron :math:`j` with weights :math:`w_j \in \mathbb{R}^{n}`
    (any :math:`n = n_{in}`), bias :math:`b_j`, weighted input
    :math:`z_j = \sum_i w_{ji}x_i + b_j`, and a cost :math:`C_x` that depends on
    :math:`w_j, b_j` only through :math:`z_j` (true of every neuron's incoming weights in a
    feedforward network, for any cost), with :math:`\delta_j = \partial C_x/\partial z_j`:

    .. math:: \langle w_j, \partial C_x/\partial w_j\rangle = \sum_i w_{ji}
              \frac{\partial C_x}{\partial w_{ji}} = \delta_j\,(z_j - b_j).

    Derived, not typed: :math:`\partial C_x/\partial w_{ji}` is ``sp.diff`` of
    :math:`C_x(z_j)` by the indexed weight (SymPy returns :math:`\delta_j x_i` through a
    Kronecker-delta sum over a symbolic :math:`n_{in}`), the inner product is summed over
    :math:`i`, and the difference to :math:`\delta_j(z_j - b_j)` simplifies to 0.  The mean
    over a mini-batch follows by linearity:
    :math:`\langle w_j, \partial C_0/\partial w_j\rangle = \frac1m\sum_x\delta_j(x)(z_j(x)-b_j)`.

    The premises can be changed (the tests do): ``cost`` is :math:`C_x` written in the
    placeholder ``z_j`` and the weights ``W_J[j, i]`` (default :math:`C_x(z_j)`; adding
    :math:`\frac c2\sum_i w_{ji}^2` breaks the identity), ``weighted_input`` replaces
    :math:`z_j` (without the bias the right-hand side changes), ``rhs`` the claimed side."""
    c_x = sp.Function("C_x")
    cost = C_x_placeholder if cost is None else sp.sympify(cost)
    z_def = Z_J if weighted_input is None else sp.sympify(weighted_input)
    cost_of_w = cost.subs(z_j, z_def)
    kk = sp.Symbol("k", integer=True, positive=True)  # the weight differentiated by
    grad_k = _in_range(sp.diff(cost_of_w, W_J[_jn, kk]), kk, n_in)
    # <w_j, dC_x/dw_j> = sum_i w_ji dC_x/dw_ji (the index renamed k -> i: grad_k holds i only
    # as the bound index of the sum inside z_j)
    inner = sp.Sum(W_J[_jn, _i] * grad_k.subs(kk, _i), (_i, 1, n_in))
    zz = sp.Symbol("zeta", real=True)
    delta = sp.Subs(sp.Derivative(c_x(zz), zz), zz, z_def)
    claimed = delta * (z_def - b_j) if rhs is None else sp.sympify(rhs).subs(z_j, z_def)
    residual = sp.simplify(inner - claimed)
    if residual != 0 and not _zero(residual):
        raise ProofError(f"radial_identity: lhs - rhs does not simplify to 0; "
                         f"residual = {residual}")
    delta_j = sp.Symbol("delta_j")
    d_w = Shown("dC_x/dw_ji", r"\frac{\partial C_x}{\partial w_{ji}}")
    shown_lhs = sp.Sum(Shown("w_ji", "w_{ji}") * d_w, (_i, 1, n_in))
    shown_rhs = (sp.Mul(delta_j, Shown("(z_j - b_j)", r"\left(z_j - b_j\right)"), evaluate=False)
                 if rhs is None else sp.sympify(rhs))
    return Claim("radial_identity", sp.Eq(shown_lhs, shown_rhs, evaluate=False),
                 _conditions([cond("z_j = sum_i w_ji x_i + b_j over n_in inputs (any n_in)",
                                   r"z_j = \sum_{i=1}^{n_{in}} w_{ji}x_i + b_j\ "
                                   r"(\text{any } n_{in})"),
                              cond("C_x depends on w_j, b_j only through z_j",
                                   r"C_x \text{ depends on } w_j, b_j \text{ only through } z_j"),
                              cond("delta_j = dC_x/dz_j",
                                   r"\delta_j = \partial C_x/\partial z_j")]),
                 "the mean over a mini-batch: (1/m) sum_x delta_j(x)(z_j(x) - b_j)")


@functools.cache
def norm_step_identity(step=None, rhs=None) -> Claim:
    r"""The change of :math:`\|w\|^2` in one L2 step :math:`w' = (1-a)w - g` (:math:`a =
    \eta\lambda/n`, :math:`g = \frac\eta m\sum_x \partial C_x/\partial w` the data part), for
    :math:`w, g \in \mathbb{R}^{N}` of any dimension :math:`N` (one neuron's weights, a
    layer's or the network's):

    .. math:: \|(1-a)w - g\|^2 = (1-a)^2\|w\|^2 - 2(1-a)\langle w, g\rangle + \|g\|^2,

    so :math:`\Delta\|w\|^2 = -a(2-a)\|w\|^2 + \big(-2(1-a)\langle w, g\rangle + \|g\|^2\big)`:
    a decay part, first order in :math:`a`, and a gradient part that enters at first order only
    through :math:`\langle w, g\rangle` (the radial component, :func:`radial_identity`) and
    otherwise at second order, :math:`\|g\|^2`.  This is the split ``History.decay_part`` /
    ``History.gradient_part`` records.  Proved with indexed sums over a symbolic :math:`N`;
    ``step`` replaces the update :math:`w'_i` (written in ``W_STEP[i]``, ``G_STEP[i]``, ``a``;
    the tests use :math:`(1-a)(w_i - g_i)` and see the proof fail), ``rhs`` the claimed side."""
    nn = sp.Symbol("N", integer=True, positive=True)
    aa = sp.Symbol("a", real=True)
    new_w = (1 - aa) * W_STEP[_i] - G_STEP[_i] if step is None else sp.sympify(step)
    norm_w, norm_g = sp.Sum(W_STEP[_i] ** 2, (_i, 1, nn)), sp.Sum(G_STEP[_i] ** 2, (_i, 1, nn))
    dot = sp.Sum(W_STEP[_i] * G_STEP[_i], (_i, 1, nn))
    lhs = sp.Sum(new_w**2, (_i, 1, nn))
    claimed = ((1 - aa) ** 2 * norm_w - 2 * (1 - aa) * dot + norm_g if rhs is None
               else sp.sympify(rhs))
    if sp.simplify(lhs - claimed) != 0:
        raise ProofError(f"norm_step_identity: lhs - rhs does not simplify to 0; "
                         f"residual = {sp.simplify(lhs - claimed)}")
    split = (-aa * (2 - aa) * norm_w) + (-2 * (1 - aa) * dot + norm_g)
    if sp.simplify(lhs - norm_w - split) != 0:
        raise ProofError("norm_step_identity: the decay/gradient split does not add up")
    unevaluated = functools.partial(sp.Mul, evaluate=False)
    shown_rhs = sp.Add(unevaluated((1 - a) ** 2, norm_w), unevaluated(-2, 1 - a, dot), norm_g,
                       evaluate=False)
    shown = AllOf(sp.Eq(lhs.subs(aa, a), shown_rhs if rhs is None else claimed, evaluate=False),
                  sp.Eq(Shown("Delta ||w||^2", r"\Delta\|w\|^2"),
                        sp.Add(unevaluated(-a, 2 - a, norm_w), unevaluated(-2, 1 - a, dot),
                               norm_g, evaluate=False), evaluate=False))
    return Claim("norm_step_identity", shown,
                 _conditions([cond("w, g in R^N (any N)", r"w, g \in \mathbb{R}^N\ "
                                   r"(\text{any } N)"),
                              A_CONDITION,
                              cond("g = (eta/m) sum_x dC_x/dw", r"g = \frac{\eta}{m}\sum_x "
                                   r"\frac{\partial C_x}{\partial w}")]),
                 "decay part -a(2-a)||w||^2; gradient part -2(1-a)<w,g> + ||g||^2")


#: the indexed vectors of norm_step_identity
W_STEP = sp.IndexedBase("w")
G_STEP = sp.IndexedBase("g")


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
                 _conditions([(a, ">", 0), cond("g held fixed", r"g\ \text{held fixed}")]),
                 "a = eta*lambda/n, g = eta dC0/dw: w* is where dC/dw = 0")


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
                 _conditions([cond("all N_w weights of one size w",
                                   r"\text{all } N_w \text{ weights of one size } w"),
                              cond("penalty = C_0",
                                   r"\tfrac{\lambda}{2n} N_w w^2 = C_0"),
                              cond("C_0 held fixed", r"C_0\ \text{held fixed}")]),
                 "a heuristic: the balance is assumed, not derived")


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
                 _conditions([cond("independent zero-mean weights of rms w"),
                              cond("no bias", r"\sigma_b = 0"),
                              cond("sum x_i^2 = n_in E[x^2]", r"\sum_i x_i^2 = n_{in} E[x^2]"),
                              cond("Var z = 1 wanted", r"\mathrm{Var}\,z = 1")]),
                 "a heuristic: Var z = 1 is the target, not derived")


@functools.cache
def noise_equilibrium(rhs=None, domain=A_STABLE) -> Claim:
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
    prove_nonnegative(sol[0], "noise_equilibrium (v > 0)", a, domain, strict=True)
    prove_series(sol[0], a, 0, 0, s**2 / (2 * a), "noise_equilibrium (small a)")
    return Claim("noise_equilibrium", sp.Eq(sp.Symbol("E[w^2]"), stmt.rhs),
                 _conditions([_in(a, domain), A_CONDITION,
                              cond("xi_t iid, mean 0, variance s^2, independent of w_t",
                                   r"\xi_t\ \text{iid, mean 0, variance } s^2"
                                   r"\text{, independent of } w_t"),
                              cond("stationary")]),
                 "small a: s^2/(2a)")


# --------------------------------------------------------------------------------------------
# 06  Why the layers disagree: the output error, and what regularization does to the total
# --------------------------------------------------------------------------------------------
@functools.cache
def output_error_cross_entropy(rhs=None) -> Claim:
    r"""For one sigmoid output :math:`a = \sigma(z)` and the cross-entropy
    :math:`C = -[y\ln a + (1-y)\ln(1-a)]`, :math:`\partial C/\partial z = a - y`: the
    :math:`\sigma'(z)` of the chain rule cancels (Nielsen, ch. 3, "The cross-entropy cost
    function").  For comparison, the quadratic cost :math:`(a-y)^2/2` gives
    :math:`(a-y)\sigma'(z)` (asserted too).  ``rhs`` overrides the claimed right-hand side,
    written in ``a`` (the tests use it to see a wrong claim fail)."""
    zr, yr = sp.Symbol("z", real=True), sp.Symbol("y", real=True)
    act = sigmoid(zr)
    cost = -(yr * sp.log(act) + (1 - yr) * sp.log(1 - act))
    claimed = act - yr if rhs is None else sp.sympify(rhs).subs(sp.Symbol("a"), act)
    prove_equal(sp.diff(cost, zr), claimed, "output_error_cross_entropy")
    quadratic = (act - yr) ** 2 / 2
    prove_equal(sp.diff(quadratic, zr), (act - yr) * act * (1 - act),
                "output_error_cross_entropy (quadratic keeps sigma')")
    return Claim("output_error_cross_entropy",
                 sp.Eq(sp.Derivative(sp.Symbol("C"), sp.Symbol("z^L")),
                       sp.Symbol("a^L") - sp.Symbol("y"), evaluate=False),
                 _conditions([cond("a^L = sigma(z^L)", r"a^L = \sigma(z^L)"),
                              cond("C = -[y ln a + (1-y) ln(1-a)]",
                                   r"C = -[y\ln a^L + (1-y)\ln(1-a^L)]")]),
                 "no sigma'(z^L) factor; the quadratic cost keeps it")


@functools.cache
def regularized_norm_not_larger(rhs=None) -> Claim:
    r"""If :math:`w_\lambda` minimizes :math:`C_0 + \lambda R` and :math:`w_0` minimizes
    :math:`C_0` (:math:`\lambda > 0`), then :math:`R(w_\lambda) \le R(w_0)`.

    Proof: :math:`s_1 = [C_0(w_0) + \lambda R(w_0)] - [C_0(w_\lambda) + \lambda R(w_\lambda)]
    \ge 0` (:math:`w_\lambda` is optimal for the regularized cost) and :math:`s_2 =
    C_0(w_\lambda) - C_0(w_0) \ge 0` (:math:`w_0` is optimal for :math:`C_0`).  Their sum is
    :math:`\lambda(R(w_0) - R(w_\lambda))` -- asserted here -- so :math:`R(w_0) - R(w_\lambda)
    = (s_1 + s_2)/\lambda \ge 0`.  Nothing is said about any single layer or weight: R is the
    *total* penalty.  ``rhs`` overrides the sum."""
    lam = sp.Symbol("lambda", positive=True)
    C0_l, C0_0, R_l, R_0 = sp.symbols("C_0(w_lambda) C_0(w_0) R(w_lambda) R(w_0)", real=True)
    s1 = sp.Symbol("s_1", nonnegative=True)
    s2 = sp.Symbol("s_2", nonnegative=True)
    slack1 = (C0_0 + lam * R_0) - (C0_l + lam * R_l)
    slack2 = C0_l - C0_0
    claimed = lam * (R_0 - R_l) if rhs is None else sp.sympify(rhs)
    prove_equal(slack1 + slack2, claimed, "regularized_norm_not_larger (sum of slacks)")
    prove_nonnegative((s1 + s2) / lam, "regularized_norm_not_larger (difference >= 0)")
    return Claim("regularized_norm_not_larger", sp.LessThan(R_l, R_0),
                 _conditions([cond("w_lambda a global minimizer of C_0 + lambda R",
                                   r"w_\lambda \text{ a global minimizer of } C_0 + \lambda R"),
                              cond("w_0 a global minimizer of C_0",
                                   r"w_0 \text{ a global minimizer of } C_0"),
                              (lam, ">", 0)]),
                 "the total R only, not any one layer")


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
                 _conditions([cond("X^T X = Q diag(d_i) Q^T, c = Q^T w",
                                   r"X^TX = Q\,\mathrm{diag}(d_i)\,Q^T,\ c = Q^Tw"),
                              (sp.Symbol("d_i"), ">", 0), (alpha, ">=", 0)]),
                 "derived for two features with a symbolic rotation")


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
                 sp.LessThan(sp.Derivative(norm2, alpha), 0),
                 _conditions([(alpha, ">", 0), (sp.Symbol("d_i"), ">=", 0)]))


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
    :math:`[0, \alpha^*)` with :math:`\alpha^*` computed exactly: it is the claim's ``value``
    (an exact SymPy number)."""
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
    grows_i = Shown(f"w_{i + 1}^2", f"w_{i + 1}^2")
    stmt = AllOf(Chain(sp.Derivative(Shown("||w||^2", r"\|w\|^2"), alpha), "<", 0),
                 Chain(sp.Derivative(grows_i, alpha), ">", 0))
    return Claim("ridge_coefficient_grows", stmt,
                 _conditions([cond("the norm falls for alpha >= 0",
                                   r"\|w\|^2\text{: } \alpha \ge 0"),
                              cond(f"|w_{i + 1}| grows for 0 <= alpha < alpha* = "
                                   f"{sp.sstr(alpha_star)} = {float(alpha_star):.4f}",
                                   rf"w_{i + 1}^2\text{{: }} 0 \le \alpha < \alpha^* = "
                                   rf"{sp.latex(alpha_star)} \approx {float(alpha_star):.4f}"),
                              cond(f"X = {sp.sstr(X.tolist())}, y = {sp.sstr(list(y_vec))}",
                                   rf"X = {sp.latex(X)},\ y = {sp.latex(y_vec.T)}^T")]),
                 f"w(0) = {sp.sstr(list(w_alpha.subs(ap, 0)))}",
                 value=alpha_star)


# --------------------------------------------------------------------------------------------
# 07  L1: proximal step against subgradient step
# --------------------------------------------------------------------------------------------
PROX_OBJECTIVE = (u - v) ** 2 / 2 + t * sp.Abs(u)
SOFT_THRESHOLD = sp.sign(v) * sp.Max(sp.Abs(v) - t, 0)


@functools.cache
def soft_threshold(rhs=None, threshold=None) -> Claim:
    r""":math:`\arg\min_u \frac12(u-v)^2 + t|u| = \mathrm{sign}(v)\max(|v|-t, 0)` for
    :math:`t > 0`.  Proved piecewise: for :math:`v \ge t` (and by the symmetry
    :math:`v \to -v, u \to -u` for :math:`v \le -t`) the minimizer is :math:`v - t`; for
    :math:`|v| < t` it is 0.  In each case :math:`f(u) - f(u^*) \ge 0` is shown separately for
    :math:`u \ge 0` and :math:`u \le 0` as a sum of nonnegative terms.  ``threshold``
    replaces the symbol :math:`t > 0` (the tests pass a merely real one: the proof fails)."""
    tt = t if threshold is None else threshold
    claimed = _pick(rhs, SOFT_THRESHOLD).subs(t, tt)
    objective = PROX_OBJECTIVE.subs(t, tt)
    p = sp.Symbol("p", nonnegative=True)  # u = +p or u = -p
    q = sp.Symbol("q", nonnegative=True)
    cases = {  # v as a function of q >= 0 covering the case, and the claimed minimizer
        "v >= t": tt + q,
        "0 <= v < t": tt * q / (1 + q),
    }
    for label, v_of_q in cases.items():
        ustar = claimed.subs(v, v_of_q)
        f_star = objective.subs({v: v_of_q, u: ustar})
        for u_of_p in (p, -p):
            diff = objective.subs({v: v_of_q, u: u_of_p}) - f_star
            prove_nonnegative(sp.expand(sp.factor(diff)), f"soft_threshold ({label}, u={u_of_p})")
    # the symmetry that covers v < 0: f_{-v}(-u) = f_v(u), and the formula is odd in v
    prove_equal(objective.subs({v: -v, u: -u}, simultaneous=True), objective,
                "soft_threshold (symmetry of f)")
    prove_equal(claimed.subs(v, -v), -claimed, "soft_threshold (odd in v)")
    return Claim("soft_threshold", sp.Eq(sp.Symbol("u^*"), claimed),
                 _conditions(([(tt, ">", 0)] if threshold is None else [])
                             + [cond("v real", r"v \in \mathbb{R}")]))


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
                 _conditions([(t, ">", 0), (w, "=", example * t)]),
                 "the jump is proved for every 0 < w < t; for w != 0 the step gives 0 only "
                 "if |w| = t")


ALL_CLAIMS = {
    f.__name__: f
    for f in (
        l2_update_rule, bias_not_decayed, penalty_step_points_to_zero, decay_shrinks_weight,
        decay_overshoots, decay_diverges,
        per_epoch_limit, per_epoch_log_error_series, log_inequalities, per_epoch_bounds,
        relative_error_form, per_epoch_book_examples, per_epoch_ceiling,
        sigmoid_derivative, sigmoid_derivative_symmetric, sigmoid_derivative_max,
        sigmoid_derivative_exp_bound, saturation_threshold, saturated_probability,
        weighted_input_variance, radial_identity, norm_step_identity,
        per_epoch_error_conditions, rate_ratio_series,
        fixed_point, cost_balance, unsaturation_scale, noise_equilibrium,
        output_error_cross_entropy, regularized_norm_not_larger,
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

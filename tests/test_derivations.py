"""Tests for helpers.derivations: every claim proves, every wrong claim is rejected, and every
numeric twin agrees with an independent numpy oracle and rejects bad inputs."""

import math
import re
import time

import numpy as np
import pytest
import sympy as sp

from helpers import derivations as D
from helpers.derivations import ProofError

# --------------------------------------------------------------------------------------------
# Every claim proves and returns a Claim with a SymPy statement
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(D.ALL_CLAIMS))
def test_claim_proves(name):
    claim = D.ALL_CLAIMS[name]()
    assert isinstance(claim, D.Claim)
    assert claim.name == name
    assert isinstance(claim.statement, sp.Basic)
    assert claim._repr_latex_().startswith("$")
    assert name in str(claim)


def test_all_claims_fast_and_cached():
    start = time.perf_counter()
    first = D.run_all_claims()
    elapsed_first = time.perf_counter() - start
    start = time.perf_counter()
    second = D.run_all_claims()
    elapsed_second = time.perf_counter() - start
    assert elapsed_first < 30
    assert elapsed_second < 0.1
    assert all(first[k] is second[k] for k in first)


def test_pretty_repr():
    class Printer:
        def __init__(self):
            self.out = ""

        def text(self, s):
            self.out += s

    p = Printer()
    D.l2_update_rule()._repr_pretty_(p, False)
    assert p.out.startswith("l2_update_rule")
    p = Printer()
    D.decay_shrinks_weight()._repr_pretty_(p, False)
    assert "for 0 < a < 1; w ≠ 0" in p.out


#: what the displays must not show: SymPy's mangled names (w^* as w__*), raw LaTeX in the text
#: displays, the line-wrap marker of a cut pretty print, code names instead of the notation
TEXT_LEAKS = ("\\", "↪", "epsilon", "eta", "lambda", "lmbda", "sigma", "Abs(", "Max(",
              "Derivative(", "Eq(", "[i]", "**", "z_eps", "!=", "<=", ">=", "sqrt")



def _math_of(latex: str) -> str:
    """A claim's LaTeX without its \\text{...} parts (words, in which unicode is fine)."""
    return re.sub(r"\\text\{[^{}]*\}", "", latex)


@pytest.mark.parametrize("name", list(D.ALL_CLAIMS))
def test_displays_use_the_course_notation(name):
    """Both text displays of every claim show the course's notation (η, λ, ε, σ′(z), w*,
    E[w²], ‖w‖², x_i), unwrapped; its LaTeX has no unicode outside \\text{} and no broken
    braces (a Symbol "E[w^2]" printed as E[w^{2]})."""
    claim = D.ALL_CLAIMS[name]()
    p = IPythonPrinter()
    claim._repr_pretty_(p, False)
    for shown in (p.out, str(claim)):
        body = shown.split("\n", 1)[1]  # after the claim's own name
        for leak in TEXT_LEAKS:
            assert leak not in body, f"{name}: {leak!r} in its text display:\n{shown}"
        assert not re.search(r"[^\W_]__", body), f"{name}: a mangled name in:\n{shown}"
    math = _math_of(claim._repr_latex_())
    assert math.isascii(), f"{name}: unicode in its LaTeX: {math}"
    assert not re.search(r"\^\{[^{}]*\]\}|operatorname\{sigma", math), math


class IPythonPrinter:
    def __init__(self):
        self.out = ""

    def text(self, s):
        self.out += s


def test_the_l1_threshold_is_the_decay_rate_a():
    """The soft threshold and the subgradient step use a = ηλ/n, the course's per-step decay
    rate, under its name."""
    for claim in (D.soft_threshold(), D.subgradient_step_overshoots()):
        assert D.a in claim.statement.free_symbols
        assert "a = ηλ/n" in str(claim)
    assert not hasattr(D, "t")


def test_the_per_epoch_rate_is_a():
    """The claims about one epoch's rate of decay name the per-step rate ηλ/n a, as the engine,
    helpers.decay and notebook 02 do: no other symbol (once r) stands for it."""
    for claim in (D.per_epoch_error_conditions(), D.rate_ratio_series()):
        assert D.a in claim.statement.free_symbols
        assert not {s.name for s in claim.statement.free_symbols} & {"r", "rho", "q"}
        assert "for a = ηλ/n; 0 < a < 1;" in str(claim)
        rows = claim.latex_rows()
        assert rows[2].endswith(r"a = \eta\lambda/n") and rows[3].endswith("0 < a < 1")
    assert D.per_epoch_error_conditions().value.a == sp.Rational(1, 100)
    assert not hasattr(D, "r_rate")


# --------------------------------------------------------------------------------------------
# Wrong claims are rejected (a wrong sign, exponent or constant in the claimed side)
# --------------------------------------------------------------------------------------------
x, m, n, eta, lmbda, w, a = D.x, D.m, D.n, D.eta, D.lmbda, D.w, D.a
j = D.j
BATCH_SUM = sp.Sum(sp.Derivative(D.C_x(w, j), w), (j, 1, m))
_N, _i = sp.Symbol("N", integer=True, positive=True), D.claims._i
NORM_W = sp.Sum(D.W_STEP[_i] ** 2, (_i, 1, _N))
NORM_G = sp.Sum(D.G_STEP[_i] ** 2, (_i, 1, _N))
DOT_WG = sp.Sum(D.W_STEP[_i] * D.G_STEP[_i], (_i, 1, _N))

WRONG = {
    "l2_update_rule": dict(rhs=(1 + eta * lmbda / n) * w - eta / m * BATCH_SUM),  # sign
    "bias_not_decayed": dict(rhs=(1 - eta * lmbda / n) * D.b
                             - eta * sp.Derivative(D.C0(w, D.b), D.b)),  # decays b
    "penalty_step_points_to_zero": dict(rhs=eta * lmbda / n * w),  # sign
    "decay_shrinks_weight": dict(rhs=a**2 * sp.Abs(w)),  # exponent
    "decay_overshoots": dict(rhs=(a - 2) * sp.Abs(w)),  # sign
    "decay_diverges": dict(expected=0),  # constant
    "per_epoch_limit": dict(rhs=sp.exp(-x / (2 * m))),  # constant
    "per_epoch_log_error_series": dict(rhs=-x**2 / (2 * m * n) + x**3 / (3 * m * n**2)
                                       - x**4 / (4 * m * n**3)),  # sign
    "log_inequalities": dict(upper=-2 * D.y),  # constant
    "per_epoch_bounds": dict(upper=sp.exp(-2 * x / m)),  # constant
    "relative_error_form": dict(rhs=D.expm1(D.STEPS * D.log1p(eta * lmbda / n)
                                            + eta * lmbda / m)),  # sign
    "per_epoch_book_examples": dict(approx=-x / (m + 1)),  # constant
    "per_epoch_ceiling": dict(steps_rule=sp.floor(n / m)),  # floor instead of ceiling
    "sigmoid_derivative": dict(rhs=D.SIGMA * (1 + D.SIGMA)),  # sign
    "sigmoid_derivative_symmetric": dict(rhs=-D.SIGMA_PRIME),  # sign
    "sigmoid_derivative_max": dict(bound=sp.Rational(1, 5)),  # constant
    "sigmoid_derivative_exp_bound": dict(rhs=sp.exp(-2 * sp.Abs(D.z))),  # constant
    "saturation_threshold": dict(rhs=sp.acosh(1 / (2 * sp.sqrt(D.eps)))),  # factor 2 missing
    "saturated_probability": dict(rhs=sp.erfc(D.z_eps / D.s)),  # sqrt 2 missing
    "weighted_input_variance": dict(rhs=D.sigma_w**2 * D.SUM_X2 + D.sigma_b),  # exponent
    "fixed_point": dict(rhs=D.g / a),  # sign
    "cost_balance": dict(rhs=sp.sqrt(n * D.C0_value / (lmbda * D.N_w))),  # constant
    "unsaturation_scale": dict(rhs=1 / sp.sqrt(D.n_in)),  # E[x^2] dropped
    "noise_equilibrium": dict(rhs=D.s**2 / (2 * a)),  # only the small-a limit
    "ridge_eigen_shrink": dict(rhs=sp.ImmutableMatrix([D.alpha / (D.d1 + D.alpha),
                                                       D.d2 / (D.d2 + D.alpha)])),
    "ridge_norm_monotone": dict(rhs=-D.r**2 / (D.d + D.alpha) ** 3),  # constant
    "ridge_coefficient_grows": dict(X=((1, 0), (0, 1)), y_vec=(1, 1)),  # nothing grows
    "radial_identity": dict(rhs=sp.Symbol("delta_j") * D.z_j),  # the bias not subtracted
    "norm_step_identity": dict(rhs=(1 - sp.Symbol("a", real=True)) ** 2 * NORM_W
                               + 2 * (1 - sp.Symbol("a", real=True)) * DOT_WG
                               + NORM_G),  # sign of the cross term
    "per_epoch_error_conditions": dict(rate_upper=a / 3),  # below the lower bound a/2
    "rate_ratio_series": dict(rhs=1 + a / 3 + a**2 / 3),  # constant
    "output_error_cross_entropy": dict(rhs="(a - y)*a*(1 - a)"),  # the quadratic cost's
    "regularized_norm_not_larger": dict(rhs=sp.Symbol("lambda", positive=True)
                                        * (sp.Symbol("R(w_lambda)", real=True)
                                           - sp.Symbol("R(w_0)", real=True))),  # sign
    "soft_threshold": dict(rhs=sp.sign(D.v) * sp.Max(sp.Abs(D.v) - D.a / 2, 0)),  # constant
    "subgradient_step_overshoots": dict(rhs=-sp.Rational(3, 10) * D.a),  # wrong landing
}


def test_every_claim_has_a_wrong_twin():
    assert set(WRONG) == set(D.ALL_CLAIMS)


@pytest.mark.parametrize("name", list(WRONG))
def test_wrong_claim_is_rejected(name):
    # the error must come from this claim's own proof: its message starts with the full name
    with pytest.raises(ProofError, match=rf"^{re.escape(name)}[ :]"):
        D.ALL_CLAIMS[name](**WRONG[name])


# --------------------------------------------------------------------------------------------
# Weakened premises are rejected: the same conclusion, a premise dropped or changed
# --------------------------------------------------------------------------------------------
_c = sp.Symbol("c", positive=True)
_rho = sp.Symbol("rho", positive=True)


def _correlated_weights(u, v):
    """E[w_i w_k] = sigma_w^2 (delta_ik + rho (1 - delta_ik)): weights not independent."""
    if D.B_RAND in (u, v):
        return D.claims._independent_moment(u, v)
    delta = sp.KroneckerDelta(u.indices[0], v.indices[0])
    return D.sigma_w**2 * (delta + _rho * (1 - delta))


WEAKER_PREMISE = {  # name -> (claim kwargs that weaken one premise, what was weakened)
    "decay_shrinks_weight": (dict(domain=sp.Interval.open(0, 3)), "0 < a < 1 widened to (0, 3)"),
    "decay_overshoots": (dict(domain=sp.Interval.open(1, 3)), "1 < a < 2 widened to (1, 3)"),
    "noise_equilibrium": (dict(domain=sp.Interval.open(0, 3)), "0 < a < 2 widened to (0, 3)"),
    "log_inequalities": (dict(domain_end=2), "0 <= y < 1 widened to [0, 2)"),
    "penalty_step_points_to_zero": (dict(allow_zero=True), "w != 0 dropped"),
    "per_epoch_ceiling": (dict(fraction_below=2), "ceil(n/m) - n/m < 1 widened to < 2"),
    "per_epoch_error_conditions": (dict(domain_end=2), "0 < a < 1 widened to (0, 2)"),
    "radial_identity": (dict(cost=D.C_x_placeholder + _c / 2 * sp.Sum(
        D.W_J[D.claims._jn, D.claims._i] ** 2, (D.claims._i, 1, D.n_in))),
        "C_x depends on w_j only through z_j: a weight penalty added"),
    "radial_identity (no bias)": (dict(weighted_input=D.Z_J - D.b_j),
                                  "z_j without its bias b_j"),
    "norm_step_identity": (dict(step=(1 - sp.Symbol("a", real=True))
                                * (D.W_STEP[_i] - D.G_STEP[_i])),
                           "the step (1-a)w - g replaced by (1-a)(w - g)"),
    "weighted_input_variance": (dict(moment=_correlated_weights), "weights correlated"),
    "soft_threshold": (dict(threshold=sp.Symbol("a", real=True)), "a > 0 dropped"),
}


@pytest.mark.parametrize("case", list(WEAKER_PREMISE))
def test_weakened_premise_is_rejected(case):
    name = case.split(" (")[0]
    kwargs, what = WEAKER_PREMISE[case]
    with pytest.raises(ProofError, match=rf"^{re.escape(name)}[ :]"):
        D.ALL_CLAIMS[name](**kwargs)
    D.ALL_CLAIMS[name]()  # and the claim with its premise proves


def test_displayed_claims_show_their_conditions():
    # the conditions are part of every display: rich (LaTeX) and text
    shrink = D.decay_shrinks_weight()
    assert "0 < a < 1" in str(shrink) and "0 < a < 1" in shrink._repr_latex_()
    bounds = D.per_epoch_bounds()
    assert r"0 \le \eta \lambda < n" in bounds._repr_latex_()
    assert "0 < ε < 1/4" in str(D.saturation_threshold())
    assert "only through z_j" in str(D.radial_identity())
    for name, f in D.ALL_CLAIMS.items():
        claim = f()
        assert claim.conditions, f"{name} shows no conditions"
        for c in claim.conditions:
            assert c.text in str(claim) and c.latex in claim._repr_latex_()


def _top_level_rows(latex: str) -> list[str]:
    """The rows of a claim's rich display as a reader sees them: its outer array split at the
    row breaks that are not inside a nested environment (an aligned statement's own rows)."""
    body = latex.removeprefix(r"$\begin{array}{l} ").removesuffix(r" \end{array}$")
    rows, depth, start = [], 0, 0
    for token in re.finditer(r"\\begin\{|\\end\{|" + re.escape(D.kernel.ROW_BREAK), body):
        if token[0] == r"\begin{":
            depth += 1
        elif token[0] == r"\end{":
            depth -= 1
        elif depth == 0:
            rows.append(body[start:token.start()].strip())
            start = token.end()
    return rows + [body[start:].strip()]


@pytest.mark.parametrize("name", list(D.ALL_CLAIMS))
def test_the_statement_comes_first_and_its_conditions_below_it(name):
    """A claim's rich display is a column, not one line that runs off the page: the name, then
    the statement alone on its row, then one condition per row, then the remark. Tested on the
    structure (which row holds what), not on SymPy's LaTeX, which changes between versions."""
    claim = D.ALL_CLAIMS[name]()
    latex = claim._repr_latex_()
    assert latex.startswith(r"$\begin{array}{l} ") and latex.endswith(r" \end{array}$")
    rows = _top_level_rows(latex)
    assert rows == list(claim.latex_rows())
    statement = sp.latex(D.kernel._course_form(claim.statement), order=claim.order)
    assert rows[0] == rf"\mathrm{{{name.replace('_', chr(92) + '_')}}}:"
    assert rows[1].endswith(statement) and rows[1] != statement
    for c in claim.conditions:
        assert c.latex not in rows[1], f"{name}: a condition on the statement's row"
    condition_rows = rows[2:2 + len(claim.conditions)]
    assert [r.endswith(c.latex) for r, c in zip(condition_rows, claim.conditions, strict=True)] \
        == [True] * len(claim.conditions)
    assert "for" in rows[2] and all("phantom" in r for r in rows[3:2 + len(claim.conditions)])
    assert len(rows) == 2 + len(claim.conditions) + bool(claim.note)
    if claim.note:
        assert claim.note.split()[0].replace("%", r"\%") in rows[-1]


def test_several_statements_stand_one_under_the_other():
    """AllOf (two bounds in one claim) puts each statement on its own line of the display."""
    latex = D.per_epoch_error_conditions()._repr_latex_()
    statement_row = _top_level_rows(latex)[1]
    assert statement_row.count(r"\\") == 1 and r"\begin{aligned}" in statement_row


def test_ridge_alpha_star_is_returned():
    a_star = D.ridge_coefficient_grows().value
    assert a_star == (12 * sp.sqrt(3) - 9) / 65  # d(w_2^2)/d alpha = 0, solved by hand
    X = np.array(D.RIDGE_X, dtype=float)
    y_ = np.array(D.RIDGE_Y, dtype=float).ravel()
    a_f = float(a_star)
    w2 = np.abs(D.ridge_path(X, y_, [a_f - 1e-4, a_f, a_f + 1e-4])[:, 1])
    assert w2[1] > w2[0] and w2[1] > w2[2]  # |w_2| peaks at alpha*


def test_per_epoch_error_counterexample():
    ce = D.per_epoch_error_conditions().value
    assert (ce.eta_lmbda, ce.n, ce.m) == (100, 10_000, 1)
    # an independent evaluation with mpmath at 50 digits
    import mpmath

    mpmath.mp.dps = 50
    a_ = mpmath.mpf(100) / 10_000
    rate = -mpmath.log(1 - a_) / a_ - 1
    log_err = 10_000 * mpmath.log(1 - a_) + 100
    assert float(ce.rate_error) == pytest.approx(float(rate), rel=1e-14)
    assert float(ce.log_error) == pytest.approx(float(log_err), rel=1e-14)
    assert float(ce.factor_error) == pytest.approx(float(mpmath.expm1(log_err)), rel=1e-14)
    assert 0.005 < float(ce.rate_error) < 0.0051  # eta*lmbda << n holds: a = 1 %
    assert -0.51 < float(ce.log_error) < -0.50  # (eta*lmbda)^2 = mn: the log error is not small
    assert float(ce.leading_term) == -0.5


def test_ridge_norm_override_in_module_symbols_is_accepted():
    # the override mechanism itself works: the right rhs written by hand proves
    D.ridge_norm_monotone(rhs=-2 * D.r**2 / (D.d + D.alpha) ** 3)
    D.decay_shrinks_weight(rhs=a * sp.Abs(w))


def test_checkers_directly():
    assert D.prove_equal(sp.sin(w) ** 2 + sp.cos(w) ** 2, 1, "trig") == sp.Eq(
        sp.sin(w) ** 2 + sp.cos(w) ** 2, 1, evaluate=False)
    with pytest.raises(ProofError, match="residual"):
        D.prove_equal(w**2, w, "bad")
    D.prove_limit(sp.sin(w) / w, w, 0, 1, "sinc")
    with pytest.raises(ProofError):
        D.prove_limit(sp.sin(w) / w, w, 0, 2, "sinc")
    D.prove_series(sp.exp(w), w, 0, 3, 1 + w + w**2 / 2, "exp")
    with pytest.raises(ProofError):
        D.prove_series(sp.exp(w), w, 0, 3, 1 + w + w**2, "exp")
    yy = sp.Symbol("y", nonnegative=True)
    D.prove_nonnegative(yy - sp.log(1 + yy), "log1p", yy, sp.Interval(0, sp.oo))
    with pytest.raises(ProofError):
        D.prove_nonnegative(sp.log(1 + yy) - yy, "log1p", yy, sp.Interval(0, sp.oo))
    with pytest.raises(ProofError):  # true on [0, 1) only at 0; strict fails
        D.prove_nonnegative(yy * (1 - yy), "strict", yy, sp.Interval.Ropen(0, 1), strict=True)
    assert issubclass(ProofError, AssertionError)


# --------------------------------------------------------------------------------------------
# Numeric twins against independent oracles
# --------------------------------------------------------------------------------------------


def test_per_epoch_factors_against_direct_formula():
    etas = np.array([0.01, 0.1, 0.5, 1.0, 3.0])
    lmbdas = np.array([0.1, 5.0, 5.0, 2.0, 10.0])
    ns = np.array([1000, 50_000, 50_000, 7, 60_000])
    ms = np.array([10, 10, 7, 3, 64])
    oracle = (1 - etas * lmbdas / ns) ** np.ceil(ns / ms)
    np.testing.assert_allclose(D.per_epoch_factor_exact(etas, lmbdas, ns, ms), oracle,
                               rtol=1e-12)
    np.testing.assert_allclose(D.per_epoch_factor_approx(etas, lmbdas, ms),
                               np.exp(-etas * lmbdas / ms), rtol=1e-14)
    np.testing.assert_allclose(D.per_epoch_relative_error(etas, lmbdas, ns, ms),
                               oracle / np.exp(-etas * lmbdas / ms) - 1, rtol=1e-6, atol=1e-13)


def test_relative_error_accuracy_is_what_the_docstring_says():
    # against mpmath at 40 digits (an independent oracle): the expm1 argument's two terms cancel,
    # so the docstring promises a relative accuracy of about eps*n/(eta*lmbda), not full digits
    import mpmath

    mpmath.mp.dps = 40
    rng = np.random.default_rng(11)
    eps = np.finfo(float).eps
    worst = 0.0
    for _ in range(300):
        n_ = int(rng.integers(100, 100_000))
        m_ = int(rng.integers(1, min(n_, 200)))
        x_ = float(10 ** rng.uniform(-4, math.log10(0.9 * n_)))
        ref = float(mpmath.expm1(math.ceil(n_ / m_) * mpmath.log1p(-mpmath.mpf(x_) / n_)
                                 + mpmath.mpf(x_) / m_))
        got = float(D.per_epoch_relative_error(1.0, x_, n_, m_))
        worst = max(worst, abs(got - ref) / abs(ref) / (eps * n_ / x_))
    assert worst < 4
    # where exact/approx - 1 loses most digits, the twin does better
    ref = float(mpmath.expm1(6000 * mpmath.log1p(-mpmath.mpf("0.001") / 60_000)
                             + mpmath.mpf("0.001") / 10))
    naive = (1 - 0.001 / 60_000) ** 6000 / math.exp(-0.001 / 10) - 1
    got = float(D.per_epoch_relative_error(0.01, 0.1, 60_000, 10))
    assert abs(got - ref) < abs(naive - ref) / 100
    got = float(D.per_epoch_relative_error(0.1, 5, 50_000, 10))
    # and it matches the series' first term -(eta*lmbda)^2/(2 m n) to leading order
    assert got == pytest.approx(-(0.5**2) / (2 * 10 * 50_000), rel=1e-4)


def test_book_numbers():
    f = D.book_per_epoch_factors()
    small, big = f["eta=0.1, lambda=5"], f["eta=0.5, lambda=5"]
    assert round(small["exact"], 6) == 0.951229
    assert round(small["approx"], 6) == 0.951229
    assert round(big["exact"], 6) == 0.778796  # the number quoted in the course text
    assert round(big["approx"], 6) == 0.778801  # exp(-0.25)
    assert small["exact"] == pytest.approx((1 - 1e-5) ** 5000, rel=1e-13)
    assert big["exact"] == pytest.approx((1 - 5e-5) ** 5000, rel=1e-13)


def test_bounds_bracket_the_factor():
    n_, m_ = np.array([100, 1000, 50_000]), np.array([10, 10, 10])
    e_, l_ = np.array([0.5, 1.0, 0.1]), np.array([5.0, 50.0, 5.0])
    lo, hi = D.per_epoch_factor_bounds(e_, l_, n_, m_)
    factor = (1 - e_ * l_ / n_) ** (n_ / m_)
    assert np.all(lo <= factor) and np.all(factor <= hi)


def test_shrink_and_trajectory():
    np.testing.assert_allclose(D.shrink_factor(0.1, 5, 50_000), 1 - 1e-5)
    traj = D.decay_trajectory(np.array([1.0, -2.0]), 0.5, 3, 1, 4)  # a = 1.5: flips and shrinks
    assert traj.shape == (5, 2)
    np.testing.assert_allclose(traj[:, 1], -2.0 * (-0.5) ** np.arange(5))
    assert np.all(np.diff(np.sign(traj[:, 0])) != 0)


def test_sigmoid_prime_against_sigma():
    zz = np.linspace(-30, 30, 601)
    sig, one_minus_sig = 1 / (1 + np.exp(-zz)), 1 / (1 + np.exp(zz))  # no cancellation
    np.testing.assert_allclose(D.sigmoid_prime(zz), sig * one_minus_sig, rtol=1e-12)
    assert np.all(D.sigmoid_prime(zz) <= np.exp(-np.abs(zz)))
    assert np.all(D.sigmoid_prime(zz) <= 0.25)
    assert D.sigmoid_prime(np.array([-1e4, 1e4])).tolist() == [0.0, 0.0]  # no overflow


def test_saturation_threshold_value():
    ze = D.saturation_threshold_value(0.01)
    assert ze == pytest.approx(2 * math.acosh(5))
    assert D.sigmoid_prime(ze) == pytest.approx(0.01, rel=1e-12)


def test_saturated_share_monte_carlo():
    rng = np.random.default_rng(20240501)
    s_ = float(D.weighted_input_std(9.39))  # old init, sigma_w = sigma_b = 1
    assert s_ == pytest.approx(math.sqrt(9.39**2 + 1))
    share = float(D.saturated_share(s_))
    assert share == pytest.approx(0.6273, abs=1e-4)
    zs = rng.normal(0.0, s_, size=200_000)
    sig = 1 / (1 + np.exp(-np.clip(zs, -500, 500)))
    mc = np.mean(sig * (1 - sig) < 0.01)
    assert abs(mc - share) < 4 * math.sqrt(share * (1 - share) / zs.size)


def test_weighted_input_std_monte_carlo():
    rng = np.random.default_rng(7)
    n_in_, trials = 784, 20_000
    xin = rng.uniform(0, 1, n_in_) * (rng.uniform(size=n_in_) < 0.2)
    for sigma_w in (1.0, 1 / math.sqrt(n_in_)):
        ws = rng.normal(0, sigma_w, size=(trials, n_in_))
        bs = rng.normal(0, 1.0, size=trials)
        zs = ws @ xin + bs
        want = float(D.weighted_input_std(np.linalg.norm(xin), sigma_w, 1.0))
        assert np.std(zs) == pytest.approx(want, rel=0.03)


def test_equilibrium_rms_simulation():
    rng = np.random.default_rng(3)
    eta_, lmbda_, n_, noise = 0.5, 5.0, 50.0, 0.1  # a = 0.05
    a_ = eta_ * lmbda_ / n_
    walkers, steps = 4000, 400
    wt = np.zeros(walkers)
    for _ in range(steps):
        wt = (1 - a_) * wt + rng.normal(0, noise, walkers)
    want = float(D.equilibrium_rms(eta_, lmbda_, n_, noise))
    assert want == pytest.approx(noise / math.sqrt(a_ * (2 - a_)))
    assert np.sqrt(np.mean(wt**2)) == pytest.approx(want, rel=0.05)


def test_cost_balance_and_unsaturation_weights():
    assert D.cost_balance_weight(50_000, 0.5, 5.0, 23_820) == pytest.approx(
        math.sqrt(2 * 50_000 * 0.5 / (5.0 * 23_820)))
    np.testing.assert_allclose(D.unsaturation_weight(np.array([784, 30])),
                               1 / np.sqrt([784, 30]))


def test_ridge_path_against_solve():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3))
    y_ = rng.normal(size=20)
    alphas = np.array([0.0, 0.3, 5.0])
    got = D.ridge_path(X, y_, alphas)
    want = np.array([np.linalg.solve(X.T @ X + al * np.eye(3), X.T @ y_) for al in alphas])
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    norms = np.linalg.norm(D.ridge_path(X, y_, np.linspace(0, 10, 50)), axis=1)
    assert np.all(np.diff(norms) <= 1e-12)


def test_ridge_example_numbers():
    X = np.array(D.RIDGE_X, dtype=float)
    y_ = np.array(D.RIDGE_Y, dtype=float).ravel()
    path = D.ridge_path(X, y_, [0.0, 0.1, 0.18, 0.5])
    np.testing.assert_allclose(path[0], [2.0, -1.0], atol=1e-12)
    assert abs(path[1, 1]) > 1 and abs(path[2, 1]) > abs(path[1, 1])  # |w_2| grows
    assert np.all(np.diff(np.linalg.norm(path, axis=1)) < 0)  # the norm falls


def test_l1_steps():
    vs = np.array([-3.0, -1.0, -0.2, 0.0, 0.4, 1.0, 2.5])
    np.testing.assert_allclose(D.soft_threshold_value(vs, 1.0),
                               np.sign(vs) * np.maximum(np.abs(vs) - 1.0, 0.0))
    # brute-force argmin on a grid as an oracle
    grid = np.linspace(-4, 4, 80_001)
    for v_ in vs:
        obj = 0.5 * (grid - v_) ** 2 + 1.0 * np.abs(grid)
        assert D.soft_threshold_value(v_, 1.0) == pytest.approx(grid[np.argmin(obj)], abs=1e-4)
    np.testing.assert_allclose(D.subgradient_step(np.array([0.3, -0.3, 1.0, 2.0]), 1.0),
                               [-0.7, 0.7, 0.0, 1.0])


# --------------------------------------------------------------------------------------------
# Bad inputs to numeric twins
# --------------------------------------------------------------------------------------------
BAD = [
    (D.per_epoch_factor_exact, (0.1, -5, 50_000, 10), "lmbda"),
    (D.per_epoch_factor_exact, (0.0, 5, 50_000, 10), "eta"),
    (D.per_epoch_factor_exact, (-0.1, 5, 50_000, 10), "eta"),
    (D.per_epoch_factor_exact, (0.1, 5, 100, 200), "m must be in"),
    (D.per_epoch_factor_exact, (0.1, 5, 100, 0), "m"),
    (D.per_epoch_factor_exact, (0.1, 5, 100.5, 10), "n"),
    (D.per_epoch_factor_exact, (30.0, 5, 100, 10), "eta\\*lmbda"),
    (D.per_epoch_factor_exact, (np.array([0.1, np.nan]), 5, 100, 10), "eta"),
    (D.per_epoch_factor_approx, (0.1, 5, 0.5), "m"),
    (D.per_epoch_relative_error, (0.1, 5, 100, 1000), "m"),
    (D.per_epoch_factor_bounds, (0.1, -1, 100, 10), "lmbda"),
    (D.shrink_factor, (0.1, -1, 100), "lmbda"),
    (D.decay_trajectory, (1.0, 0.1, 5, 100, -1), "steps"),
    (D.saturated_share, (0.0,), "s"),
    (D.saturated_share, (9.4, 0.3), "eps"),
    (D.saturation_threshold_value, (0.0,), "eps"),
    (D.weighted_input_std, (-1.0,), "x_norm"),
    (D.equilibrium_rms, (1.0, 300.0, 100, 0.1), "eta\\*lmbda/n"),
    (D.equilibrium_rms, (0.1, 5.0, 100, -0.1), "noise_std"),
    (D.cost_balance_weight, (100, 0.1, 5.0, 0), "n_w"),
    (D.unsaturation_weight, (0,), "n_in"),
    (D.ridge_path, (np.ones((3, 2)), np.ones(3), [-1.0]), "alphas"),
    (D.ridge_path, (np.ones((3, 2)), np.ones(3), [0.0]), "singular"),
    (D.ridge_path, (np.ones((3, 2)), np.ones(2), [1.0]), "shape"),
    (D.soft_threshold_value, (1.0, 0.0), "a"),
    (D.subgradient_step, (1.0, -1.0), "a"),
]


@pytest.mark.parametrize(("func", "args", "needle"), BAD,
                         ids=[f"{f.__name__}-{i}" for i, (f, _, _) in enumerate(BAD)])
def test_bad_inputs_raise(func, args, needle):
    with pytest.raises(ValueError, match=needle):
        func(*args)


def test_error_message_names_range():
    with pytest.raises(ValueError, match=r"lmbda must be \[0, inf\]"):
        D.per_epoch_factor_exact(0.1, -5, 50_000, 10)


def test_twin_expression_is_the_proved_one():
    assert D.twin_expression("exact") == D.PER_EPOCH_EXACT
    assert D.twin_expression("share") == D.saturated_probability().statement.rhs


@pytest.mark.parametrize("name", list(D.ALL_CLAIMS))
def test_a_remark_has_only_text_inside_text(name):
    """What LaTeX's \\text{} cannot hold stays out of it: a superscript (``z^L``: KaTeX, which
    Colab and many viewers use, stops with a parse error) and the relations ≠ ≤ ≥ (no glyph
    in KaTeX's text fonts). Checked once with KaTeX itself: all 35 displays render."""
    claim = D.ALL_CLAIMS[name]()
    for text in re.findall(r"\\text\{([^{}]*)\}", claim._repr_latex_()):
        assert "^" not in text and not set(text) & set("≠≤≥"), f"{name}: \\text{{{text}}}"


def test_a_remark_keeps_its_superscripts_and_relations_in_math():
    assert D.kernel._tex_text("no σ′(z^L); w ≠ 0, 5%") == \
        r"no σ′(z}^{L}\text{); w }\ne\text{ 0, 5\%"

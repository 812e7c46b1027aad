"""Checks for the exercises of notebook 02 (decay per epoch)."""

from __future__ import annotations

import math

import sympy as sp

from helpers import decay, derivations
from helpers.exercises import Case, Mistake, Verdict, check_function, check_number


def check_exact_factor(answer) -> Verdict:
    """Exercise 1: (1 - eta*lmbda/n)^ceil(n/m) for eta = 0.5, lmbda = 5, n = 4,000, m = 10."""
    expected = float(derivations.per_epoch_factor_exact(0.5, 5.0, 4_000, 10))
    return check_number(
        answer, expected, rtol=2e-6, figures=6,
        mistakes=((math.exp(-0.25), "that is exp(−ηλ/m) = exp(−0.25), the approximation; the "
                                    "exact factor is the per-step factor to the power of the "
                                    "number of steps."),
                  (1 - 0.5 * 5.0 / 4_000, "that is one step's factor; an epoch makes n/m "
                                          "steps.")),
        why="400 steps of 1 − 6.25e-4 give 0.7787399, slightly below exp(−0.25) = 0.7788008: "
            "the exact decay is always a little stronger than the approximation "
            "(relative error ≈ −(ηλ)²/(2mn) = −7.8e-5).",
        hint="Raise the per-step factor 1 − ηλ/n to the number of steps, n/m; exp(−ηλ/m) "
             "is only the approximation.")


def check_steps(answer, n: int = 50_000, m: int = 7) -> Verdict:
    """Exercise 2: the number of decay steps in one epoch, ceil(n/m), for n = 50,000, m = 7."""
    steps = int(derivations.STEPS.subs({derivations.n: n, derivations.m: m}))
    return check_number(
        answer, steps, rtol=0,
        why=f"⌈{n:,}/{m}⌉ = {steps:,}: {n // m:,} full mini-batches and a last one of "
            f"{n - (n // m) * m} examples. Every step decays by the full 1 − ηλ/n, however "
            "short its batch.",
        hint="An epoch visits every example once, in consecutive batches of m; a partial last "
             "batch is still a step. Give a whole number.")


def leading_term(eta: float, lmbda: float, m: int, n: int) -> float:
    """The first term of ``derivations.per_epoch_log_error_series``, evaluated: the coefficient
    of 1/n in the series (x = eta*lmbda), i.e. -(eta*lmbda)^2/(2mn)."""
    series = derivations.per_epoch_log_error_series().statement.rhs.removeO()
    x, mm, nn = derivations.x, derivations.m, derivations.n
    first = sp.limit(series * nn, nn, sp.oo) / nn  # the 1/n term
    return float(first.subs({x: eta * lmbda, mm: m, nn: n}))


def check_leading_term(answer) -> Verdict:
    """Exercise 3: the leading term -(eta*lmbda)^2/(2mn) for eta=0.5, lmbda=5, m=10, n=50,000."""
    return check_number(
        answer, leading_term(0.5, 5.0, 10, 50_000), rtol=1e-3,
        why="−(ηλ)²/(2mn) = −6.25/10⁶ = −6.25e-6; the exact relative error, "
            f"{float(derivations.per_epoch_relative_error(0.5, 5.0, 50_000, 10)):.5e}, differs "
            "from it by about the next term, −(ηλ)³/(3mn²) ≈ −2e-10.",
        hint="The series' first term is quadratic in ηλ and has m and n in its denominator; "
             "mind its sign (the exact decay is stronger).")


def rate_ratio_root(target: float = 1.1) -> float:
    """The a in (0, 1) with -log(1 - a)/a = target (bisection; the ratio increases with a)."""
    if not target > 1:
        raise ValueError(f"target must be > 1; got {target!r}")
    lo, hi = 1e-12, 1 - 1e-12
    for _ in range(200):
        mid = (lo + hi) / 2
        if decay.rate_ratio(mid) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _quadratic_guess() -> float:
    """The positive root of a/2 + a^2/3 = 0.1 (the rate-ratio series cut after a^2)."""
    return (-0.5 + math.sqrt(0.25 + 4 / 3 * 0.1)) / (2 / 3)


def check_rate_ten_percent(answer) -> Verdict:
    """Exercise 4: the a = eta*lmbda/n at which the true decay rate is 1.1 times the
    heuristic's."""
    a = rate_ratio_root(1.1)
    return check_number(
        answer, a, rtol=3e-3,
        why=f"a ≈ {a:.4f}: −log(1 − a)/a = 1.1 there. The first-order estimate a/2 = 0.1 "
            f"gives 0.2, the series to a², a/2 + a²/3 = 0.1, gives {_quadratic_guess():.3f}: "
            "higher terms add up quickly as a grows. The book's a is 1e-5.",
        hint="Solve −log(1 − a)/a = 1.1 for a in (0, 1), e.g. by bisection (the left side "
             "grows with a); 1 + a/2 + a²/3 gives a first guess.")


def _factor_cases():
    return (
        Case("the book's η = 0.1, λ = 5, n = 50,000, m = 10", (0.1, 5.0, 50_000, 10)),
        Case("m does not divide n: η = 0.5, λ = 5, n = 1,000, m = 7", (0.5, 5.0, 1_000, 7)),
        Case("one example per batch: η = 0.5, λ = 5, n = 1,000, m = 1",
             (0.5, 5.0, 1_000, 1)),
        Case("a large rate: η = 3, λ = 100, n = 1,000, m = 10", (3.0, 100.0, 1_000, 10)),
    )


def check_exact_factor_function(fn) -> Verdict:
    """Exercise 5: the learner's ``exact_factor(eta, lmbda, n, m)`` against
    ``derivations.per_epoch_factor_exact`` on cases that tell the usual slips apart."""
    return check_function(
        fn, lambda eta, lmbda, n, m: float(derivations.per_epoch_factor_exact(eta, lmbda, n, m)),
        _factor_cases(), rtol=1e-12, atol=0.0,
        why="(1 − ηλ/n)^⌈n/m⌉: one factor per step, ⌈n/m⌉ steps per epoch (the short last "
            "batch is a step too).",
        hint="Count the steps, ⌈n/m⌉ (-(-n // m) in integers), and raise 1 − ηλ/n to that "
             "power.",
        mistakes=(
            Mistake("your exponent is n/m; an epoch makes ⌈n/m⌉ steps when m does not divide n "
                    "(the last batch is short but decays by the full factor).",
                    lambda eta, lmbda, n, m: (1 - eta * lmbda / n) ** (n / m)),
            Mistake("your exponent is ⌊n/m⌋: the short last batch is a step too.",
                    lambda eta, lmbda, n, m: (1 - eta * lmbda / n) ** (n // m)),
            Mistake("that is exp(−ηλ/m), the approximation, not the exact factor.",
                    lambda eta, lmbda, n, m: math.exp(-eta * lmbda / m)),
        ))

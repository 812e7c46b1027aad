"""Checks for the exercises of notebook 01 (the L2 update rule)."""

from __future__ import annotations

from helpers import derivations, update_rule
from helpers.exercises import Verdict, as_number, check_choice, check_number

#: the settings of exercises 1 and 2: the course's offline data, the book's eta = 0.5 run
ETA, LMBDA, N = 0.5, 5.0, 4_000


def check_shrink_factor(answer) -> Verdict:
    """Exercise 1: the per-step factor 1 - eta*lmbda/n for eta = 0.5, lmbda = 5, n = 4,000."""
    expected = float(derivations.shrink_factor(ETA, LMBDA, N))
    a = as_number(answer)
    if a is not None and a != expected and abs(a - expected) <= 1e-4 * expected:
        return Verdict(False, f"{a:.6g} is close: the factor is exact, give all six "
                              "significant figures (1 − ηλ/n, with n the training-set size).")
    return check_number(
        answer, expected, rtol=1e-7,
        why="1 − ηλ/n = 1 − 2.5/4,000 = 0.999375: each step keeps 99.94% of every weight. "
            "Small per step — but an epoch has 400 steps (notebook 02).",
        hint="The factor is 1 minus the decay rate a = ηλ/n, with n the training-set size "
             "(not the mini-batch size). Give all six significant figures (it is exact).")


def check_penalty_step(answer, w: float = -0.8) -> Verdict:
    """Exercise 2: the penalty's part of the step, -(eta*lmbda/n)*w, for w = -0.8."""
    expected = float(-(1 - derivations.shrink_factor(ETA, LMBDA, N)) * w)
    a = as_number(answer)
    if a is not None and expected != 0 and abs(a + expected) <= 1e-6 * abs(expected):
        return Verdict(False, "The size is right, the sign is not: the step moves the weight "
                              "toward 0. Which direction is 0 from a negative weight?")
    return check_number(
        answer, expected, rtol=1e-6,
        why="Δw_decay = −(ηλ/n)·w = −6.25e-4 · (−0.8) = +5e-4: positive, so the negative "
            "weight moves up toward 0. The penalty always pulls toward 0, whatever w's sign.",
        hint="Differentiate (λ/2n)w², multiply by −η, and put in w = −0.8.")


def check_regime(answer, eta: float = 1.0, lmbda: float = 30.0, n: int = 20) -> Verdict:
    """Exercise 3: the regime of a pure decay step for eta = 1, lmbda = 30, n = 20."""
    a = eta * lmbda / n
    return check_choice(
        answer, update_rule.decay_regime(a), ("shrink", "overshoot", "diverge"),
        why=f"a = ηλ/n = {a:g} lies between 1 and 2: 1 − a = {1 - a:g}, so each step flips "
            "the sign of w and halves |w|. It still converges to 0, by zig-zagging.",
        hint="Compute a = ηλ/n and look at the factor 1 − a: its sign decides whether w keeps "
             "its sign, its absolute value whether |w| shrinks.")


def check_regularized_minimum(answer, lmbda: float = 5.0, n: int = 20) -> Verdict:
    """Exercise 4: the minimum of C(w) = (w - 2)^2/2 + (lmbda/2n) w^2 for lmbda = 5, n = 20."""
    return check_number(
        answer, float(update_rule.regularized_minimum(lmbda, n)), rtol=1e-6,
        why="C′(w) = (w − 2) + (λ/n)w = 0 at w* = 2/(1 + λ/n) = 1.6: the penalty moves the "
            "minimum toward 0, but not to 0 — the data cost still has its say.",
        hint="Set the derivative of the whole cost to zero: the data part and the penalty "
             "part both depend on w.")


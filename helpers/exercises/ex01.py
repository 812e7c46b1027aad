"""Checks for the exercises of notebook 01 (the L2 update rule)."""

from __future__ import annotations

import numpy as np

from helpers import derivations, update_rule
from helpers.exercises import (
    Case,
    Mistake,
    Verdict,
    as_number,
    check_choice,
    check_function,
    check_number,
)

#: the settings of exercises 1 and 2: the course's offline data, the book's eta = 0.5 run
ETA, LMBDA, N = 0.5, 5.0, 4_000


def check_shrink_factor(answer) -> Verdict:
    """Exercise 1: the per-step factor 1 - eta*lmbda/n for eta = 0.5, lmbda = 5, n = 4,000.
    The factor is exact (0.999375): six significant figures are asked for; more digits, a
    float32 or a computed float64 within 1e-9 all pass."""
    m_wrong = float(derivations.shrink_factor(ETA, LMBDA, 10))
    return check_number(
        answer, float(derivations.shrink_factor(ETA, LMBDA, N)), rtol=1e-9, figures=6,
        why="1 − ηλ/n = 1 − 2.5/4,000 = 0.999375: each step keeps 99.94% of every weight. "
            "Small per step — but an epoch has 400 steps (notebook 02).",
        hint="The factor is 1 minus the decay rate a = ηλ/n, with n the training-set size "
             "(not the mini-batch size). Give all six significant figures (it is exact).",
        mistakes=((m_wrong, "that is 1 − ηλ/m with the mini-batch size m = 10; the penalty "
                            "(λ/2n)Σw² has the training-set size n = 4,000."),
                  (1 + ETA * LMBDA / N, "that is 1 + ηλ/n: the step goes *down* the cost, "
                                        "so the penalty's derivative enters with a minus.")))


def check_penalty_step(answer, w: float = -0.8) -> Verdict:
    """Exercise 2: the penalty's part of the step, -(eta*lmbda/n)*w, for w = -0.8."""
    expected = float(-(1 - derivations.shrink_factor(ETA, LMBDA, N)) * w)
    a = as_number(answer)
    if a is not None and expected != 0 and abs(a + expected) <= 1e-3 * abs(expected):
        return Verdict(False, "The size is right, the sign is not: the step moves the weight "
                              "toward 0. Which direction is 0 from a negative weight?")
    return check_number(
        answer, expected, rtol=1e-6, figures=1,
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



def _l2_cases():
    rng = np.random.default_rng(1)
    return (
        Case("one weight, m = 1", (np.array([0.7]), np.array([[0.2]]), 0.5, 5.0, 4_000)),
        Case("a (3, 4) weight matrix, m = 10, the book's η = 0.5, λ = 5, n = 50,000",
             (rng.standard_normal((3, 4)), rng.standard_normal((10, 3, 4)), 0.5, 5.0, 50_000)),
        Case("a toy setting with a large decay, η = 1, λ = 30, n = 100, m = 4",
             (rng.standard_normal(6), rng.standard_normal((4, 6)), 1.0, 30.0, 100)),
    )


def check_l2_step(fn) -> Verdict:
    """Exercise 5: the learner's ``l2_step(w, grads, eta, lmbda, n)`` against
    ``update_rule.l2_step`` on random inputs (``grads`` of shape (m, *w.shape))."""
    def m_for_n(w, grads, eta, lmbda, n):
        return (1 - eta * lmbda / len(grads)) * w - eta * np.mean(grads, axis=0)

    def summed(w, grads, eta, lmbda, n):
        return (1 - eta * lmbda / n) * w - eta * np.sum(grads, axis=0)

    def decay_after(w, grads, eta, lmbda, n):
        return (1 - eta * lmbda / n) * (w - eta * np.mean(grads, axis=0))

    def plus(w, grads, eta, lmbda, n):
        return (1 + eta * lmbda / n) * w - eta * np.mean(grads, axis=0)

    return check_function(
        fn, update_rule.l2_step, _l2_cases(), rtol=1e-10, atol=1e-12,
        why="w → (1 − ηλ/n)·w − (η/m)·Σ_x ∂C_x/∂w: the decay uses the training-set size n, "
            "the gradient the batch mean.",
        hint="Shrink w by the factor 1 − ηλ/n (n the training-set size, an argument), then "
             "subtract η times the *mean* of the per-example gradients over the batch axis 0; "
             "the result has the shape of w.",
        mistakes=(
            Mistake("your decay uses the batch size m = len(grads) in 1 − ηλ/m; the penalty "
                    "(λ/2n)Σw² has the training-set size n.", m_for_n),
            Mistake("you subtract η times the *sum* of the gradients; the rule averages them "
                    "over the batch, (η/m)Σ.", summed),
            Mistake("you shrink after subtracting the gradient, (1 − ηλ/n)(w − ηḡ); the book's "
                    "rule shrinks w only: (1 − ηλ/n)w − ηḡ (they differ by ηλ/n · ηḡ).",
                    decay_after),
            Mistake("your factor is 1 + ηλ/n: the step goes down the cost, so the penalty's "
                    "derivative (λ/n)w enters with a minus.", plus),
        ))

"""Checks for the exercises of notebook 07 (L1 against L2)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from helpers import sparsity
from helpers.exercises import Verdict, as_number, check_number


def check_uniform_band_rms(answer, eta: float = 0.5, lmbda: float = 10.0,
                           n: int = 1000) -> Verdict:
    """Exercise 1: the rms a/√3 of a uniform distribution on (−a, a), a = eta*lmbda/n."""
    a = eta * lmbda / n
    return check_number(
        answer, a / math.sqrt(3), rtol=1e-3,
        why=f"E[w²] = (1/2a)∫₋ₐᵃ w² dw = a²/3, so the rms is a/√3 = {a:g}/√3 ≈ "
            f"{a / math.sqrt(3):.3g}. The proximal rule's printed rms at λ = 10 is over all "
            "weights, the output layer's non-zero ones only (its hidden weights are all 0): a "
            "coincidence, not the same quantity.",
        hint="Compute a = ηλ/n first; then E[w²] for w uniform on (−a, a) is an integral of w² "
             "against the density 1/(2a).",
        mistakes=((a, "that is a itself, the band's half-width, not the rms of the weights in "
                      "it."),
                  (a / 2, "a/2 is the mean of |w|, not the root of the mean of w²."),
                  (a / math.sqrt(12), "a/√12 is the rms of a uniform of width a; the band "
                                      "−a < w < a is 2a wide."),
                  (2 * a / math.sqrt(3), "2a/√3 uses the band's full width where the formula "
                                         "needs the half-width a."),
                  (a / math.sqrt(2), "a/√2 would be the rms of weights sitting at ±a; a "
                                     "uniform spread has a smaller mean square.")))


def check_prox_steps(answer, w0: float = 0.03, a: float = 0.0025) -> Verdict:
    """Exercise 2: the first step at which the proximal rule gives exactly 0."""
    # exact arithmetic: in floating point 12 subtractions of 0.0025 from 0.03 leave ~3e-18
    expected = math.ceil(Fraction(str(w0)) / Fraction(str(a)))
    path = sparsity.trajectory("l1-prox", w0, a, expected + 5)
    in_floats = int(np.argmax(path == 0.0))  # the first exact zero in floating point
    given = as_number(answer)
    if in_floats != expected and given == in_floats:
        return Verdict(True, f"That is what floating point gives: {expected} subtractions of "
                             f"{a:g} from {w0:g} leave a rounding remainder of about "
                             f"{path[expected]:.0e}, and step {in_floats} zeroes it. In exact "
                             f"arithmetic, which the question asks for, it takes ⌈w₀/a⌉ = "
                             f"{expected} steps.")
    return check_number(
        answer, expected, rtol=0, atol=0,
        why=f"Each step removes a = {a:g}; the step that would cross zero lands on 0, so it "
            f"takes ⌈w₀/a⌉ = {expected} steps.",
        hint="Count how many times a fits into w₀, and what the step that would overshoot does.")


def check_chatter_value(answer, w0: float = 0.001, a: float = 0.0025, steps: int = 101) -> Verdict:
    """Exercise 3: |w| after ``steps`` subgradient steps with zero data gradient."""
    expected = abs(float(sparsity.trajectory("l1", w0, a, steps)[-1]))
    return check_number(
        answer, expected, rtol=1e-6, atol=1e-9,
        why="The weight alternates between w₀ − a = −0.0015 and w₀ = +0.001; after an odd "
            "number of steps |w| = 0.0015. It never reaches 0.",
        hint="Write out the first three steps of w ← w − a·sign(w) and look for a pattern.")


def _three_rules(w: float, g: float, a: float) -> list[float]:
    return [float(sparsity.RULES[rule](w, g, a)) for rule in ("l2", "l1", "l1-prox")]


def check_three_rules(answer, w: float = 0.003, g: float = 0.0012, a: float = 0.0025) -> Verdict:
    """Exercise 4: one step of each rule, ``[L2, L1 subgradient, L1 proximal]``, for the weight
    ``w`` with data step ``g``; only the proximal rule lands on exactly 0."""
    why = ("L2 gives (1 − a)w − g, the subgradient rule w − a·sign(w) − g (it jumps over zero), "
           "the proximal rule soft_threshold(w − g, a) = 0 because |w − g| ≤ a. Only the "
           "proximal rule lands on zero while the data still pushes, and for a whole interval "
           "of inputs.")
    hint = ("Apply each rule's formula to (w, g, a) in the order it is written: for the "
            "proximal rule subtract g first, then soft-threshold by a.")
    if answer is None:
        return Verdict(False, "Replace `None` with your list [l2, l1, l1_prox]. " + hint)
    try:
        given = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Verdict(False, f"{answer!r} is not a list of three numbers. {hint}")
    if given.shape != (3,):
        return Verdict(False, f"Give three numbers, [L2, L1 subgradient, L1 proximal]; yours has "
                              f"shape {given.shape}. {hint}")
    right = np.asarray(_three_rules(w, g, a))
    close = np.isclose(given, right, rtol=1e-6, atol=1e-9)
    if close.all():
        return Verdict(True, why)
    threshold_first = float(sparsity.l1_prox_step(w, 0.0, a)) - g
    names = ("L2", "L1 subgradient", "L1 proximal")
    if close[:2].all() and math.isclose(given[2], threshold_first, abs_tol=1e-9):
        return Verdict(False, "The L1 proximal entry soft-thresholds w first and subtracts g "
                              "afterwards; the rule thresholds v = w − g, the point after the "
                              "data step. " + hint)
    if not close[1] and given[1] == 0.0:
        return Verdict(False, "The L1 subgradient entry is not 0: w − a·sign(w) − g subtracts a "
                              "fixed amount and does not stop at zero; it jumps over it. " + hint)
    if not close[0] and math.isclose(given[0], (1 - a) * (w - g), abs_tol=1e-9):
        return Verdict(False, "The L2 entry decays w − g; the rule decays w and then subtracts "
                              "g: (1 − a)w − g. " + hint)
    wrong = ", ".join(n for n, ok in zip(names, close, strict=True) if not ok)
    return Verdict(False, f"Not right yet: {wrong}. {hint}")

"""Checks for the exercises of notebook 07 (L1 against L2)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from helpers import sparsity
from helpers.exercises import Verdict, as_number, check_choice, check_number


def check_band_width(answer, eta: float = 0.5, lmbda: float = 5.0, n: int = 1000) -> Verdict:
    """Exercise 1: the width 2a = 2*eta*lmbda/n of the chatter band."""
    return check_number(
        answer, 2 * eta * lmbda / n, rtol=1e-3,
        why="a = ηλ/n = 0.0025, and a zero-gradient weight under w ← w − a·sign(w) ends up "
            "flipping inside −a < w < a: width 2a = 0.005.",
        hint="Find the per-step L1 decay a first; the band reaches from −a to +a.")


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


def check_which_rule(answer) -> Verdict:
    """Exercise 4: which rule produces exact zeros."""
    return check_choice(
        answer, "l1-prox", ("l2", "l1", "l1-prox"),
        why="The soft threshold returns exactly 0 whenever |w − g| ≤ a. L2 only multiplies by "
            "(1 − a); the subgradient rule subtracts a fixed amount and jumps over zero.",
        hint="Ask, for each rule, which outputs it can produce when its input is already "
             "smaller than a in size.")

"""Checks for the exercises of notebook 08 (the equilibrium-norm literature)."""

from __future__ import annotations

import math

from helpers.exercises import Case, Mistake, Verdict, check_function, check_number


def check_relax_epochs(answer, eta: float = 0.1, lmbda: float = 5.0, n: int = 50_000,
                       m: int = 10) -> Verdict:
    """Exercise 1: the papers' settling time 1/(2ηλ′) steps, λ′ = λ/n, in epochs of n/m steps:
    m/(2ηλ) (10 for the book's full-data run)."""
    steps = 1 / (2 * eta * lmbda / n)
    epochs = steps / (n / m)
    return check_number(
        answer, epochs, rtol=1e-3,
        why=f"λ′ = λ/n = {lmbda / n:g}, so 1/(2ηλ′) = {steps:,.0f} steps; an epoch makes n/m = "
            f"{n // m:,} steps, so it is {epochs:g} epochs = m/(2ηλ), well inside the book's 30.",
        hint="Convert the papers' λ′ into the book's terms first (match the decay factors), then "
             "count steps per epoch.",
        mistakes=((steps, "that is the number of steps; an epoch makes n/m of them."),
                  (2 * epochs, "that is 1/(ηλ′); the squared norm settles in 1/(2ηλ′)."),
                  (1 / (2 * eta * lmbda) / (n / m), "that uses the book's λ where the papers' "
                                                    "λ′ = λ/n belongs."),
                  (1 / (2 * eta * lmbda), "that uses the book's λ for the papers' λ′ (λ′ = λ/n), "
                                          "and counts steps, not epochs.")))


def _exact_angle(a):
    return math.acos(1.0 - a)


ANGLE_CASES = tuple(Case(f"a = {a:g}", (a,)) for a in (6.25e-4, 0.01, 0.1, 0.5))


def check_equilibrium_angle(fn) -> Verdict:
    """Exercise 2: ``fn(a)``, the exact angle per step of a norm-preserving step
    ``w' = (1 - a) w - g`` with ``g`` orthogonal to ``w``: ``arccos(1 - a)`` (about √(2a))."""
    return check_function(
        fn, _exact_angle, ANGLE_CASES, rtol=1e-9, atol=1e-12,
        why="With g ⟂ w, ‖w′‖² = (1 − a)²‖w‖² + ‖g‖², so ‖w′‖ = ‖w‖ needs "
            "‖g‖² = (1 − (1 − a)²)‖w‖², and cos θ = ⟨w, w′⟩/(‖w‖‖w′‖) = (1 − a)‖w‖²/‖w‖² = 1 − a: "
            "θ = arccos(1 − a) exactly, ≈ √(2a) for small a.",
        hint="Write ‖w′‖² with g ⟂ w, require ‖w′‖ = ‖w‖, then compute cos θ = ⟨w, w′⟩/(‖w‖ ‖w′‖).",
        mistakes=(
            Mistake("√(2a) is the small-a approximation of the exact angle, not the angle "
                    "itself; derive cos θ first.", function=lambda a: math.sqrt(2 * a)),
            Mistake("That is ‖g‖/‖w‖ = √(2a − a²), the sine of the angle, not the angle.",
                    function=lambda a: math.sqrt(2 * a - a * a)),
        ))


def _balanced_total(sq_hidden, sq_output):
    return 2 * math.sqrt(sq_hidden * sq_output)


BALANCE_CASES = tuple(Case(f"Σw² = ({a:g}, {b:g})", (a, b))
                      for a, b in ((23_520.0, 300.0), (1.0, 1.0), (2.0, 8.0), (297.0, 304.0),
                                   (1e-3, 50.0)))


def check_balanced_penalty(fn) -> Verdict:
    """Exercise 3: ``fn(sq_hidden, sq_output)``, the smallest c²·A + B/c² over c > 0: 2√(AB)."""
    return check_function(
        fn, _balanced_total, BALANCE_CASES, rtol=1e-9, atol=1e-12,
        why="With u = c², u·A + B/u is smallest where A = B/u², i.e. u = √(B/A); there both terms "
            "equal √(AB), so the minimum is 2√(AB) and the two layers hold equal Σw². For the old "
            "initialization's 23,520 and 300 that is about 5,313 of 23,820: balancing alone "
            "would remove about 78% without changing a homogeneous network's function.",
        hint="Write the total as a function of u = c², set its derivative to zero, and put the "
             "optimal u back in (or use A·u + B/u ≥ 2√(AB)).",
        mistakes=(
            Mistake("That is the total without rescaling, A + B (c = 1); the minimum over c is "
                    "smaller unless A = B.", function=lambda a, b: a + b),
            Mistake("√(AB) is what each layer holds at the optimum; the total is twice that.",
                    function=lambda a, b: math.sqrt(a * b)),
            Mistake("That is 2·min(A, B): rescaling moves the two terms together (their product "
                    "stays AB), so neither can keep its value while the other shrinks.",
                    function=lambda a, b: 2 * min(a, b)),
        ))

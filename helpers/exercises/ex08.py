"""Checks for the exercises of notebook 08 (the equilibrium-norm literature)."""

from __future__ import annotations

import math

from helpers.exercises import Case, Mistake, Verdict, check_choice, check_function, check_number


def check_papers_lambda(answer) -> Verdict:
    """Exercise 1: the papers' decay coefficient for the book's η = 0.5, λ = 5, n = 50,000."""
    return check_number(
        answer, 5.0 / 50_000, rtol=1e-3,
        why="The papers write w ← (1 − ηλ′)w − η∇L; the book's step is w ← (1 − ηλ/n)w − …, so "
            "λ′ = λ/n = 5/50,000 = 1e-4. A paper's '1/(ηλ′) steps' is n/(ηλ) steps here.",
        hint="Match the two decay factors (1 − ηλ′) and (1 − ηλ/n): η is the same in both.",
        mistakes=((5.0, "That is the book's λ; the papers' coefficient carries the 1/n."),))


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


def check_holding_term(answer, radial_share=None) -> Verdict:
    """Exercise 3: which term of the norm identity holds the output layer's norm up against the
    decay: "radial" or "jitter"? ``radial_share``: the measured radial / |decay| (optional)."""
    detail = "" if radial_share is None else f" (radial share {radial_share:.3f} of the decay)"
    return check_choice(
        answer, "radial", ("radial", "jitter"),
        why="The radial term −2(1 − a)⟨w, g⟩: the data gradient points outwards on average for "
            f"the output weights{detail}. A noise-dominated equilibrium, the assumption of the "
            "random-walk models, would need the jitter ‖g‖² instead.",
        hint="Compare the two shares in the budget table: which one is close to 1?")

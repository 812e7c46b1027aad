"""Checks for the exercises of notebook 08 (the equilibrium-norm literature)."""

from __future__ import annotations

import math

from helpers.exercises import Verdict, check_choice, check_number


def check_papers_lambda(answer) -> Verdict:
    """Exercise 1: the papers' decay coefficient for the book's η = 0.5, λ = 5, n = 50,000."""
    return check_number(
        answer, 5.0 / 50_000, rtol=1e-3,
        why="The papers write w ← (1 − ηλ′)w − η∇L; the book's step is w ← (1 − ηλ/n)w − …, so "
            "λ′ = λ/n = 5/50,000 = 1e-4. A paper's '1/(ηλ′) steps' is n/(ηλ) steps here.",
        hint="Match the two decay factors (1 − ηλ′) and (1 − ηλ/n): η is the same in both.",
        mistakes=((5.0, "That is the book's λ; the papers' coefficient carries the 1/n."),))


def check_equilibrium_angle(answer) -> Verdict:
    """Exercise 2: the scale-invariant equilibrium angle per step √(2ηλ/n) at η = 0.5, λ = 5,
    n = 4,000 (no momentum)."""
    return check_number(
        answer, math.sqrt(2 * 0.5 * 5.0 / 4_000), rtol=1e-3,
        why="√(2a) with a = ηλ/n = 6.25e-4: about 0.0354 rad per step. The sigmoid network "
            "turns by less (the printed ratios), because most of its norm is held up by the "
            "radial term, which turns nothing.",
        hint="At equilibrium with g ⟂ w, ‖g‖² = 2a‖w‖², and the angle is ‖g‖/‖w‖.",
        mistakes=((2 * 0.5 * 5.0 / 4_000, "That is 2a itself; the angle is its square root."),))


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

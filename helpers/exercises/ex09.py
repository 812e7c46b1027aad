"""Checks for the exercises of notebook 09 (the model answer): reading the answer back."""

from __future__ import annotations

from helpers.exercises import Verdict, check_choice, check_number
from helpers.network import SIZES, n_weights

#: the two conditions of exercise 1, in the course's notation, and the ASCII spellings accepted
CONDITIONS = ("ηλ ≪ n", "(ηλ)² ≪ mn")
CONDITION_ASCII = {"eta*lmbda << n": CONDITIONS[0], "ηλ << n": CONDITIONS[0],
                   "(eta*lmbda)^2 << m*n": CONDITIONS[1], "(eta*lmbda)**2 << m*n": CONDITIONS[1],
                   "(ηλ)^2 << mn": CONDITIONS[1], "(ηλ)² << mn": CONDITIONS[1]}


def check_which_condition(answer) -> Verdict:
    """Exercise 1: which condition keeps the per-epoch *factor* exp(-eta*lmbda/m) accurate:
    "ηλ ≪ n" or "(ηλ)² ≪ mn" (ASCII spellings such as "(eta*lmbda)^2 << m*n" accepted)."""
    return check_choice(
        answer, CONDITIONS[1], CONDITIONS, aliases=CONDITION_ASCII,
        why=
"The log of the exact factor differs from −ηλ/m by about −(ηλ)²/(2mn), so the "
            "factor needs (ηλ)² ≪ mn; ηλ ≪ n makes the decay *rate* right (notebook 02).",
        hint="Look at the leading term of the log-error series, −(ηλ)²/(2mn): what must be "
             "small for it to be small?")


def check_book_start(answer) -> Verdict:
    """Exercise 2: the book's seeded initial sum of squared weights, three figures."""
    from helpers.book_init import book_initial_sum_w2

    return check_number(
        answer, book_initial_sum_w2(), rtol=2e-3, figures=3,
        mistakes=((n_weights(SIZES), "23,820 is N_w, the *expected* Σw² under the old "
                                     "initialization; the book's seeded draw is known exactly "
                                     "(helpers.book_init)."),),
        why="The book's script seeds numpy with 12345678, so its starting weights can be "
            "replayed: Σw²₀ = 23,518.9, 1.38 standard deviations below the mean N_w = 23,820.",
        hint="Call helpers.book_init.book_initial_sum_w2() — or replay the draws yourself "
             "with np.random.RandomState(12345678) in network2's order.")


def check_part_in_part(answer) -> Verdict:
    """Exercise 3: which part of the exercise holds only in part for all weights."""
    from helpers.verdict import PARTS, verdict

    partial = [p for p in PARTS[:3] if verdict(p, "all").holds == "in part"]
    expected = partial[0] if partial else "none"
    return check_choice(
        answer, expected, ("1", "2", "3", "none"),
        why="Part (3): the decay does tail off and the level scales roughly like 1/√N_w, but "
            "it sits many times above 1/√N_w (notebook 04).",
        hint="Read the verdict table above: the column 'holds', row 'all' of each part.")

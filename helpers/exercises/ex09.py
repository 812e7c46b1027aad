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


def check_factor_error(answer) -> Verdict:
    """Exercise 1 (rewritten): the leading term of ln[(1 − ηλ/n)^(n/m)] − (−ηλ/m) for the
    book's graphed runs, η = 0.1, λ = 5, m = 10, n = 50,000: −(ηλ)²/(2mn)."""
    eta, lmbda, m, n = 0.1, 5.0, 10, 50_000
    expected = -((eta * lmbda) ** 2) / (2 * m * n)
    return check_number(
        answer, expected, rtol=1e-3, figures=2,
        mistakes=((-((eta * lmbda) ** 2) / (2 * n), "you left out m: the epoch has n/m steps, "
                                                   "each with a second-order error (ηλ/n)²/2, "
                                                   "so the sum is (n/m)(ηλ/n)²/2."),
                  (-eta * lmbda / n, "that is the per-step rate a = ηλ/n, not the error of "
                                     "the per-epoch factor."),
                  (-((eta * lmbda) ** 2) / (m * n), "the factor 1/2 of ln(1 − a) = −a − a²/2 "
                                                    "− … is missing.")),
        why="ln(1 − a) = −a − a²/2 − …, times n/m steps: −ηλ/m − (ηλ)²/(2mn) − …; here "
            "(0.5)²/(2·10·50,000) = 2.5e-7. That is (ηλ/m)·(ηλ/n)/2: with ηλ/m of order one, "
            "ηλ ≪ n is all part (2) needs, and (ηλ)² ≪ mn is the general form.",
        hint="Expand ln(1 − a) to second order in a = ηλ/n and multiply by the number of "
             "steps per epoch, n/m; the first term is −ηλ/m, keep the second.")


def check_start_z(answer) -> Verdict:
    """Exercise 2 (rewritten): how many standard deviations the book's seeded initial Σw²
    lies from its expectation N_w under the old init (Σw² of N_w standard normals has mean N_w
    and variance 2N_w)."""
    from helpers.book_init import book_initial_sum_w2

    n_w = n_weights(SIZES)
    s0 = book_initial_sum_w2()
    expected = (s0 - n_w) / (2 * n_w) ** 0.5
    return check_number(
        answer, expected, rtol=5e-3, figures=2,
        mistakes=(((s0 - n_w) / n_w ** 0.5, "the standard deviation of Σw² is √(2N_w), not "
                                            "√N_w: each w² of a standard normal has variance "
                                            "E[w⁴] − 1 = 2."),
                  ((s0 - n_w) / (2 * n_w), "divide by the standard deviation √(2N_w), not by "
                                           "the variance 2N_w.")),
        why=f"Σw² of N_w = {n_w:,} standard normals has mean N_w and variance 2N_w, so the "
            f"book's {s0:,.1f} lies {expected:.2f} standard deviations from the mean: an "
            "ordinary draw, but a known one, so the book's log can be read against an exact "
            "start.",
        hint="Each w ~ N(0, 1) has E[w²] = 1 and Var(w²) = E[w⁴] − 1 = 2; add N_w of them; "
             "then (Σw²₀ − mean) / standard deviation.")


def check_book_multiple(answer) -> Verdict:
    """Exercise 3 (rewritten): by what factor the book's λ = 5 run sits above 1/√N_w, given
    its backed-out tail-off Σw² (the back-out, epochs 21-30): RMS·√N_w = √Σw²."""
    from helpers.verdict import book_check

    s = book_check()["sum_w2"]
    n_w = n_weights(SIZES)
    expected = s ** 0.5
    return check_number(
        answer, expected, rtol=5e-3, figures=2,
        mistakes=((s / n_w, "that is the mean square weight Σw²/N_w, not a factor over "
                            "1/√N_w."),
                  ((s / n_w) ** 0.5, "that is the RMS itself; divide it by 1/√N_w."),
                  (s / n_w ** 0.5, "a square root is missing: RMS = √(Σw²/N_w).")),
        why="RMS / (1/√N_w) = √(Σw²/N_w)·√N_w = √Σw²: the factor is the root of the total, and "
            "since the total hardly depends on the width, so does the factor. 1/√N_w is right "
            "only if Σw² = 1.",
        hint="Write the RMS as √(Σw²/N_w) and divide by 1/√N_w; N_w cancels.")


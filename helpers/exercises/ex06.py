"""Checks for the exercises of notebook 06 (why layers disagree)."""

from __future__ import annotations

import math

import numpy as np

from helpers import layers
from helpers.exercises import Verdict, check_choice, check_number
from helpers.network import SIZES, n_weights


def check_sum_std(answer, count: int = n_weights(SIZES[:2])) -> Verdict:
    """Exercise 1: the standard deviation of the sum of ``count`` N(0, 1) weights (by default
    the hidden layer's 784·30 of the network [784, 30, 10])."""
    return check_number(
        answer, math.sqrt(count), rtol=5e-3,
        why=f"Var Σw = {count:,} · 1, so the sum has standard deviation √{count:,} ≈ "
            f"{math.sqrt(count):.1f}: for weights of random sign, a sum of tens or a hundred "
            f"is noise.",
        hint="Variances of independent terms add; the standard deviation is the square root "
             "of the variance.")


def check_matrix_one_norm(answer) -> Verdict:
    """Exercise 2: ``np.linalg.norm([[1, -2], [3, 4]], ord=1)``."""
    W = np.array([[1.0, -2.0], [3.0, 4.0]])
    return check_number(
        answer, float(np.linalg.norm(W, ord=1)), rtol=1e-9,
        why="For a matrix, ord=1 is the largest column sum of |w| (here 2 + 4 = 6), not the "
            "entrywise Σ|w| (10). The learner's '|W|' measured one column.",
        hint="Look up what ord=1 means for a 2-D array in numpy.linalg.norm; it is not the "
             "sum of all |w|.")


def check_shrink_factor(answer, alpha: float = 0.3) -> Verdict:
    """Exercise 3: the ridge shrink factor of the small eigen-direction of the example."""
    d_small = float(np.linalg.eigvalsh(layers.RIDGE_X.T @ layers.RIDGE_X)[0])
    return check_number(
        answer, d_small / (d_small + alpha), rtol=1e-3,
        why="d/(d + α) = 0.2/0.5 = 0.4: a direction the data determines weakly (small d) "
            "shrinks most.",
        hint="Along an eigen-direction with eigenvalue d, ridge multiplies the unregularized "
             "coordinate by a factor built from d and α only.")


def check_no_sigma_prime(answer) -> Verdict:
    """Exercise 4: which layer's error has no sigma' under the cross-entropy cost."""
    layers.output_error_cross_entropy()  # the proof behind the expected answer
    return check_choice(
        answer, "output", ("hidden", "output", "both"),
        why="δ^L = a^L − y for sigmoid outputs with cross-entropy: the σ′ cancels. Hidden "
            "errors are (Wᵀδ) ⊙ σ′(z), so saturated hidden neurons learn slowly.",
        hint="Differentiate −[y ln σ(z) + (1 − y) ln(1 − σ(z))] with respect to z, and compare "
             "with the back-propagation rule for a hidden layer.")

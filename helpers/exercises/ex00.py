"""Checks for the exercises of notebook 00 (the exercise and its notation)."""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises import Case, Mistake, Verdict, check_choice, check_function, check_number
from helpers.network import SIZES, n_weights  # N_w, the engine's count: the checks' reference


def check_n_weights(answer) -> Verdict:
    """Exercise 1: N_w for the network [784, 100, 10]."""
    return check_number(
        answer, n_weights([784, 100, 10]), rtol=0,
        why="N_w = 784·100 + 100·10 = 79,400: one weight per pair of neurons in adjacent "
            "layers. The 110 biases are not weights in the book's sense and are never decayed.",
        hint="Count one weight for every (input neuron, output neuron) pair of each layer, and "
             "leave the biases out.")


def check_which_n(answer) -> Verdict:
    """Exercise 2: which n appears in the shrink factor 1 - eta*lmbda/n."""
    return check_choice(
        answer, "training-set size", ("training-set size", "number of weights", "fan-in"),
        why="The cost is C0 + (λ/2n)Σw² with n the number of training examples, so the "
            "per-step factor 1 − ηλ/n has the training-set size in it. Part (3) of the exercise "
            "uses n for the number of weights instead; this course writes N_w there.",
        hint="Look at where the factor comes from: the penalty (λ/2n)Σw² is averaged like the "
             "data cost C0.")


def check_per_epoch_factor(answer) -> Verdict:
    """Exercise 3: the heuristic per-epoch factor exp(-eta*lmbda/m) for eta=0.1, lmbda=5, m=10."""
    return check_number(
        answer, math.exp(-0.1 * 5.0 / 10), rtol=5e-4,
        why="exp(−ηλ/m) = exp(−0.05) ≈ 0.9512: about 5% of every weight's size is lost per "
            "epoch to decay alone. Notebook 02 shows how close the exact factor is.",
        hint="The factor depends on η, λ and the mini-batch size m only — not on n.")


def _n_weights_cases():
    rng = np.random.default_rng(0)
    deep = [int(v) for v in rng.integers(2, 60, 4)]
    return (
        Case(f"sizes = {list(SIZES)}", (list(SIZES),)),
        Case("sizes = [784, 100, 10]", ([784, 100, 10],)),
        Case("sizes = [2, 3, 1]", ([2, 3, 1],)),
        Case(f"a deeper network, sizes = {deep}", (deep,)),
        Case("a tuple, sizes = (5, 4)", ((5, 4),)),
    )


def check_n_weights_function(fn) -> Verdict:
    """Exercise 4: the learner's ``n_weights(sizes)``, tried on several networks."""
    return check_function(
        fn, n_weights, _n_weights_cases(), rtol=0, atol=0,
        why="N_w sums, over each pair of adjacent layers, the product of their widths: one "
            "weight per connection.",
        hint="Pair each layer with the next (zip(sizes[:-1], sizes[1:])), multiply the two "
             "widths, and add the products into one number; leave the biases out.",
        mistakes=(
            Mistake("your count includes the biases (one per neuron after the input layer); "
                    "N_w counts weights only.",
                    lambda sizes: n_weights(sizes) + sum(list(sizes)[1:])),
            Mistake("you counted only the first layer of weights; add every pair of adjacent "
                    "layers.", lambda sizes: list(sizes)[0] * list(sizes)[1]),
            Mistake("you multiplied all the widths together; a weight connects two adjacent "
                    "layers only.", lambda sizes: math.prod(sizes)),
        ))

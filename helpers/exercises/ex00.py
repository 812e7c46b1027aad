"""Checks for the exercises of notebook 00 (the exercise and its notation)."""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises import Case, Mistake, Verdict, check_function, check_number
from helpers.network import SIZES, n_weights  # N_w, the engine's count: the checks' reference


def check_n_weights(answer) -> Verdict:
    """Exercise 1: N_w for the network [784, 100, 10]."""
    return check_number(
        answer, n_weights([784, 100, 10]), rtol=0,
        why="N_w = 784·100 + 100·10 = 79,400: one weight per pair of neurons in adjacent "
            "layers. The 110 biases are not weights in the book's sense and are never decayed.",
        hint="Count one weight for every (input neuron, output neuron) pair of each layer, and "
             "leave the biases out.")


def check_target_ratio(answer) -> Verdict:
    """Exercise 2: by what factor the book's 1/sqrt(N_w) is below the new init's 1/sqrt(n_in)
    for the hidden layer of [784, 30, 10]: sqrt(N_w / n_in) = sqrt(23,820/784)."""
    n_w, n_in = n_weights(list(SIZES)), SIZES[0]
    return check_number(
        answer, math.sqrt(n_w / n_in), rtol=5e-4,
        why="(1/√784)/(1/√23,820) = √(23,820/784) ≈ 5.51: read literally, part (3) puts the "
            "hidden weights 5.5 times below the new initialization's own scale. The course "
            "measures where they really stop (notebook 04).",
        hint="Divide 1/√n_in by 1/√N_w, with N_w = 784·30 + 30·10 and n_in = 784: a ratio of "
             "square roots is the square root of the ratio.",
        mistakes=((n_w / n_in, "that is N_w/n_in; the scales are 1 over square roots, so take "
                               "the square root of the ratio."),
                  (math.sqrt(n_in / n_w), "that is the ratio upside down: 1/√N_w is the "
                                          "smaller scale, so the factor is above 1."),
                  (math.sqrt((n_w + 40) / n_in), "your N_w counts the 40 biases; N_w counts "
                                                 "weights only.")))


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

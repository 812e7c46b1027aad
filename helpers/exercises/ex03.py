"""Checks for the exercises of notebook 03 (neuron saturation and part 1)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from helpers import derivations
from helpers.exercises import (
    Case,
    Mistake,
    Verdict,
    check_choice,
    check_expression,
    check_function,
    check_number,
)

#: the symbols of exercise 3: the error delta = dC_x/dz of a hidden neuron, its weighted
#: input z and its bias b
delta, z, b = sp.symbols("delta z b", real=True)


def check_z_std(answer) -> Verdict:
    """Exercise 1: std of z under the old init for an input with ||x|| = 5."""
    return check_number(
        answer, float(derivations.weighted_input_std(5.0, 1.0, 1.0)), rtol=1e-3, figures=3,
        mistakes=((5.0, "that is σ_w‖x‖ = 5, the weights' share alone; the bias adds its own "
                        "variance σ_b² = 1 to Var z."),
                  (26.0, "26 is the variance; the question asks for the standard deviation.")),
        why="Var z = σ_w²‖x‖² + σ_b² = 25 + 1 = 26, so the std is √26 ≈ 5.10: the bias adds "
            "only a little once ‖x‖ is of order 5 or more.",
        hint="Add the variance the weights contribute (σ_w² times ‖x‖²) to the bias's variance, "
             "then take the square root.")


def check_share(answer) -> Verdict:
    """Exercise 2: the saturated share (sigma' < 0.01) for z ~ N(0, 2^2)."""
    right = float(derivations.saturated_share(2.0, 0.01))
    return check_number(
        answer, right, rtol=1e-2,
        mistakes=((right / 2, "that counts one tail only: σ′(z) < 0.01 on both sides, "
                              "z < −z_ε as well as z > z_ε."),
                  (float(derivations.saturated_share(math.sqrt(2.0), 0.01)),
                   "that takes 2 as the variance: N(0, 2²) has standard deviation 2.")),
        why="z_ε ≈ 4.585 for ε = 0.01, and P(|z| > 4.585) for a std of 2 is erfc(4.585/(2√2)) "
            "≈ 0.0219: about 2% of pairs saturated — a scale between the old and the new init.",
        hint="First find the |z| beyond which σ′(z) < 0.01 (saturation_threshold), then the "
             "probability of a normal variable of std 2 to lie beyond it on either side.")


def bigger_part(X, y, init="default", eta: float = 0.5, lmbda: float = 5.0, m: int = 10) -> str:
    """Which part of epoch 1's change of the hidden ||w||^2 is larger in size,
    ``"decay part"`` or ``"gradient part"``, from a fresh network (seed 1, shuffle seed 2)."""
    from helpers.saturation import first_epoch_split

    h = first_epoch_split(X, y, init=init, lmbda=lmbda, eta=eta, m=m)
    return ("gradient part" if abs(h.gradient_part[0, 0]) > abs(h.decay_part[0, 0])
            else "decay part")


def check_bigger_step(answer, X=None, y=None) -> Verdict:
    """Exercise 3: under the *new* initialization, epoch 1 (η = 0.5, λ = 5, m = 10): is the
    hidden layer's decay part or gradient part of Δ‖w‖² larger in size? Measured on the data."""
    from helpers.data import load_mnist

    if X is None or y is None:
        X, y = load_mnist(source="subset", verbose=False).train
    return check_choice(
        answer, bigger_part(X, y, "default"), ("decay part", "gradient part"),
        why="Under the new initialization ‖w_j‖‖x‖ is about 1 × 9.4, not 28 × 9.4, and no "
            "pair is saturated: an unsaturated pair's gradient is then far from orthogonal to "
            "w_j (its cosine is (z − b)/(‖w_j‖‖x‖)), and ‖w‖² is small, so the decay part is "
            "small too. Decay dominates the norm only while the weights are large.",
        hint="Train one epoch from Network(sizes, init=\"default\", seed=1) (or use "
             "saturation.first_epoch_split(X, y, init=\"default\")) and compare the sizes of "
             "History.decay_part and History.gradient_part of the hidden layer.")


def check_crossover(answer, sweep=None) -> Verdict:
    """Exercise 4: from the first point of a λ sweep (``saturation.lambda_sweep``), the λ
    where |decay part| = |gradient part| of the hidden layer if the decay part is proportional
    to λ and the gradient part does not depend on it."""
    if sweep is None:
        return Verdict(False, "Pass the sweep too: check_crossover(answer, sweep).")
    lam0 = float(sweep["lmbda"][0])
    decay_per_lmbda = float(sweep["decay_part"][0, 0]) / lam0
    gradient_part = float(sweep["gradient_part"][0, 0])
    expected = abs(gradient_part) / abs(decay_per_lmbda)
    return check_number(
        answer, expected, rtol=5e-3, figures=3,
        mistakes=((abs(decay_per_lmbda) / abs(gradient_part),
                   "that is the inverse: |decay part per unit λ| / |gradient part|."),
                  (lam0 * abs(gradient_part) / abs(float(sweep["decay_part"][0, 0])) / lam0,
                   "divide by the decay part *per unit λ* (the decay part at the smallest λ "
                   "divided by that λ).")),
        why="The decay part grows in proportion to λ (for ηλ/m ≪ 1 it is ≈ −2(ηλ/m)‖w‖² per "
            "epoch) while the gradient part barely moves, so the two meet at "
            "|gradient part| / |decay part per unit λ|.",
        hint="Read the first row of the sweep (λ = sweep['lmbda'][0]), divide its hidden decay "
             "part by that λ, and set (that number) × λ equal in size to the gradient part.")


def _split_cases():
    rng = np.random.default_rng(3)
    w, g = rng.standard_normal((30, 784)), 0.1 * rng.standard_normal((30, 784))
    return (
        Case("a (30, 784) hidden layer, a = 6.25e-4", (w, g, 6.25e-4)),
        Case("a vector and a gradient along it, a = 0.1", (np.array([3.0, 4.0]),
                                                            np.array([0.6, 0.8]), 0.1)),
        Case("a (10, 30) layer with a large rate a = 0.5",
             (rng.standard_normal((10, 30)), rng.standard_normal((10, 30)), 0.5)),
    )


def check_norm_split(fn) -> Verdict:
    """Exercise 5: the learner's ``norm_change_split(w, g, a)`` -> (decay part, gradient part)
    of one step w' = (1 - a) w - g, against ``saturation.norm_change_split``."""
    from helpers.saturation import norm_change_split

    def no_factor(w, g, a):
        return np.array([((1 - a) ** 2 - 1) * np.vdot(w, w), np.vdot(g, g) - 2 * np.vdot(w, g)])

    def first_order(w, g, a):
        return np.array([((1 - a) ** 2 - 1) * np.vdot(w, w), -2 * (1 - a) * np.vdot(w, g)])

    def linear_decay(w, g, a):
        return np.array([-2 * a * np.vdot(w, w), np.vdot(g, g) - 2 * (1 - a) * np.vdot(w, g)])

    return check_function(
        fn, norm_change_split, _split_cases(), rtol=1e-10, atol=1e-10,
        why="‖(1 − a)w − g‖² − ‖w‖² = ((1 − a)² − 1)‖w‖² + (‖g‖² − 2(1 − a)⟨w, g⟩): the "
            "first bracket is the decay part, the second the gradient part; their sum is the "
            "exact change.",
        hint="Expand ‖(1 − a)w − g‖² with ⟨·,·⟩ (np.vdot) and subtract ‖w‖²; put the terms "
             "without g in the decay part and return the two numbers as a pair.",
        mistakes=(
            Mistake("your gradient part misses the factor (1 − a) in −2(1 − a)⟨w, g⟩: the "
                    "gradient is subtracted from the *decayed* weights (1 − a)w.", no_factor),
            Mistake("your gradient part is only the first-order term −2(1 − a)⟨w, g⟩; "
                    "‖g‖² belongs to it too.", first_order),
            Mistake("your decay part is the first-order −2a‖w‖²; the exact one is "
                    "((1 − a)² − 1)‖w‖² = (a² − 2a)‖w‖².", linear_decay),
        ))


def check_radial_identity(answer) -> Verdict:
    """Exercise 6 (symbolic): <w_j, dC_x/dw_j> in terms of delta_j, z_j and b_j, proved equal
    to delta*(z - b) by SymPy."""
    return check_expression(
        answer, delta * (z - b), symbols={"delta": delta, "z": z, "b": b},
        why="∂C_x/∂w_j = δ_j x, so ⟨w_j, ∂C_x/∂w_j⟩ = δ_j (w_j · x) = δ_j (z_j − b_j). A "
            "saturated pair has a tiny δ_j; an unsaturated one has |z_j| < z_ε, so its radial "
            "part is small against ‖w_j‖‖x‖ when the weights are large.",
        hint="Write ∂C_x/∂w_j with the chain rule through z_j = w_j · x + b_j, take the inner "
             "product with w_j, and express w_j · x with z_j and b_j.",
        mistakes=(
            Mistake("δ·z counts the bias: w_j · x is z_j minus the bias b_j.",
                    expression=delta * z),
            Mistake("the error δ_j is missing: ∂C_x/∂w_j = δ_j x.", expression=z - b),
            Mistake("mind the sign of the bias: z_j = w_j · x + b_j.",
                    expression=delta * (z + b)),
        ))

"""Checks for the exercises of notebook 03 (neuron saturation and part 1)."""

from __future__ import annotations

from helpers import derivations
from helpers.exercises import Verdict, check_choice, check_number


def check_z_std(answer) -> Verdict:
    """Exercise 1: std of z under the old init for an input with ||x|| = 5."""
    return check_number(
        answer, float(derivations.weighted_input_std(5.0, 1.0, 1.0)), rtol=1e-3,
        why="Var z = σ_w²‖x‖² + σ_b² = 25 + 1 = 26, so the std is √26 ≈ 5.10: the bias adds "
            "only a little once ‖x‖ is of order 5 or more.",
        hint="Add the variance the weights contribute (σ_w² times ‖x‖²) to the bias's variance, "
             "then take the square root.")


def check_share(answer) -> Verdict:
    """Exercise 2: the saturated share (sigma' < 0.01) for z ~ N(0, 2^2)."""
    return check_number(
        answer, float(derivations.saturated_share(2.0, 0.01)), rtol=1e-2,
        why="z_ε ≈ 4.585 for ε = 0.01, and P(|z| > 4.585) for a std of 2 is erfc(4.585/(2√2)) "
            "≈ 0.0219: about 2% of pairs saturated — a scale between the old and the new init.",
        hint="First find the |z| beyond which σ'(z) < 0.01 (saturation_threshold), then the "
             "probability of a normal variable of std 2 to lie beyond it on either side.")


def check_bigger_step(answer, X=None, y=None) -> Verdict:
    """Exercise 3: in epoch 1 (old init, η=0.5, λ=5, m=10), which step of the hidden layer is
    larger on average: the decay step or the gradient step? Measured on the subset."""
    from helpers.data import load_mnist
    from helpers.saturation import first_epoch_split

    if X is None or y is None:
        X, y = load_mnist(source="subset", verbose=False).train
    h = first_epoch_split(X, y, init="large", lmbda=5.0, eta=0.5, m=10)
    bigger = ("gradient step" if h.gradient_step_norm[0, 0] > h.decay_step_norm[0, 0]
              else "decay step")
    return check_choice(
        answer, bigger, ("decay step", "gradient step"),
        why=f"Per step the gradient step is about "
            f"{h.gradient_step_norm[0, 0] / h.decay_step_norm[0, 0]:.1f}× longer than the "
            "decay step, yet over the epoch decay causes nearly all of the change of ‖w‖²: "
            "each gradient step is almost orthogonal to w (|cos| ≈ 0.001), so its first-order "
            "effect on ‖w‖², −2⟨w, g⟩, is tiny, and ‖g‖² is second order; every decay step "
            "points straight at 0. (The gradient steps also partly cancel over the epoch, but "
            "that does not enter the exact split of Δ‖w‖².)",
        hint="Compare History.decay_step_norm and History.gradient_step_norm for the hidden "
             "layer, not the decay and gradient parts.")


def check_crossover(answer, decay_per_lmbda=None, gradient_part=None) -> Verdict:
    """Exercise 4: the λ where |decay part| = |gradient part| when the decay part is
    ``decay_per_lmbda * λ`` and the gradient part does not depend on λ."""
    if decay_per_lmbda is None or gradient_part is None:
        return Verdict(False, "Pass the two measured numbers too: "
                              "check_crossover(answer, decay_per_lmbda, gradient_part).")
    expected = abs(gradient_part) / abs(decay_per_lmbda)
    return check_number(
        answer, expected, rtol=5e-3,
        why="The decay part grows in proportion to λ (for ηλ/m ≪ 1 it is ≈ −2(ηλ/m)‖w‖² per "
            "epoch) while the gradient part barely moves, so the two meet at "
            "|gradient part| / |decay part per unit λ|.",
        hint="Write |decay part| as (a number) × λ and set it equal to |gradient part|.")

"""Checks for the exercises of notebook 04 (where the decay tails off)."""

from __future__ import annotations

import math

from helpers import derivations
from helpers.exercises import Verdict, check_choice, check_number
from helpers.network import SIZES, n_weights


def check_balance_weight(answer) -> Verdict:
    """Exercise 1: the cost-balance weight for n = 50,000, C0 = 0.4, λ = 5, N_w = 23,820."""
    return check_number(
        answer, float(derivations.cost_balance_weight(50_000, 0.4, 5.0, n_weights(SIZES))),
        rtol=1e-3,
        why="w = √(2nC₀/(λN_w)) = √(40,000/119,100) ≈ 0.58: the penalty equals C₀ only at "
            "weights of this size — n in the numerator is the training-set size, which is why "
            "the 'w ∝ 1/√N_w' reading hides a factor √(2nC₀/λ) far from 1.",
        hint="Set (λ/2n)·N_w·w² equal to C₀ and solve for w; keep the two different n's apart.")


def check_noise_rms(answer) -> Verdict:
    """Exercise 2: the noise-equilibrium RMS for η=0.5, λ=5, n=4,000 and noise s = 0.002."""
    return check_number(
        answer, float(derivations.equilibrium_rms(0.5, 5.0, 4_000, 0.002)), rtol=1e-3,
        why="a = ηλ/n = 6.25e-4 and E[w²] = s²/(a(2−a)), so the RMS is s/√(a(2−a)) ≈ 0.057: "
            "small steps of noise, added 400 times per epoch, hold the weights far above s.",
        hint="Compute the per-step decay rate a first, then use the stationary E[w²] of "
             "w ← (1−a)w + noise.")


def check_closer_target(answer, rms_hidden=None, n_in: int = SIZES[0],
                        n_w: int = n_weights(SIZES)) -> Verdict:
    """Exercise 3: is the measured hidden equilibrium RMS closer (on a log scale) to
    1/√n_in or to 1/√N_w?"""
    if rms_hidden is None:
        return Verdict(False, "Pass the measured RMS too: check_closer_target(answer, rms).")
    d_in = abs(math.log(rms_hidden * math.sqrt(n_in)))
    d_w = abs(math.log(rms_hidden * math.sqrt(n_w)))
    expected = "1/sqrt(n_in)" if d_in < d_w else "1/sqrt(N_w)"
    return check_choice(
        answer, expected, ("1/sqrt(n_in)", "1/sqrt(N_w)"),
        why=f"The ratios are {rms_hidden * math.sqrt(n_in):.1f} and "
            f"{rms_hidden * math.sqrt(n_w):.1f}: the equilibrium is a few times 1/√n_in and "
            "more than ten times 1/√N_w. The unsaturation scale is the better order of "
            "magnitude; neither is the actual level, which depends on λ.",
        hint="Divide the measured RMS by each candidate and compare how far each ratio is "
             "from 1, as factors (log scale).")


def check_cost_ratio(answer, margin=None, rho=None) -> Verdict:
    """Exercise 3: the penalty-to-data-cost ratio r = (λ/2n)Σw²/C₀ predicted from the radial
    balance of the output layer, pull = ρ·push, its push ≈ C₀ × margin, and an even split of
    Σw² between the two layers: (λ/2n)Σw² = (λ/2n)·2‖w_out‖² = pull_out, so r = ρ·margin."""
    if margin is None or rho is None:
        return Verdict(False, "Pass the measured margin and ratio too: "
                              "check_cost_ratio(answer, margin, rho).")
    expected = float(margin) * float(rho)
    return check_number(  # 1.5%: the learner multiplies the two-decimal printed values
        answer, expected, rtol=0.015, figures=2,
        mistakes=((expected / 2, "half of it: with an even split the penalty (λ/2n)Σw² is "
                                 "(λ/2n)·2‖w_out‖², a whole pull (λ/n)‖w_out‖², not half "
                                 "of one."),
                  (2 * expected, "twice it: the penalty carries λ/2n, the pull λ/n; two "
                                 "layers' pulls make 2·pull_out, and half of that is the "
                                 "penalty."),
                  (float(margin), "that is the push alone: the pull exceeds the push by the "
                                  "radial balance ratio ρ (the jitter's share)."),
                  (float(rho), "that is ρ alone: the push is about C₀ × margin, so the margin "
                               "enters too.")),
        why=f"r = ρ·margin = {float(rho):.2f} × {float(margin):.2f} ≈ {expected:.2f}: the "
            "penalty equals the output layer's pull, which is ρ times its push, about C₀ × "
            "margin. The measured r is a little larger because the output push is a little "
            "more than C₀ × margin. So r is not an assumption: it is the margin of the "
            "classifier, corrected for the jitter.",
        hint="Write the penalty (λ/2n)Σw² with Σw² = 2‖w_out‖² (even split); replace "
             "(λ/n)‖w_out‖² by ρ × push and the push by C₀ × margin; divide by C₀.")


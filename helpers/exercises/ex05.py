"""Checks for the exercises of notebook 05 (the book's own examples).

Each answer is computed here from the book's settings and logs (:mod:`helpers.book_logs`,
:mod:`helpers.examples`), never typed in; the named mistakes are the same computation with one
slip each.
"""

from __future__ import annotations

import math

from helpers import book_logs, derivations, examples
from helpers.exercises import Verdict, check_number
from helpers.network import SATURATION_THRESHOLD

#: The graphed runs' settings (fig/weight_initialization_*.json).
_GRAPHED = book_logs.RUNS["weight_init_30_large"]


def _lambda_for(target_rms: float, epochs: int, eta: float, run=_GRAPHED) -> float:
    """The λ with (1 − ηλ/n)^(n/m·epochs) = target_rms: pure decay from RMS 1 reaches
    ``target_rms`` after exactly ``epochs`` epochs."""
    steps = math.ceil(run.n / run.m) * epochs
    return run.n / eta * (1 - target_rms ** (1 / steps))


def check_lambda_for_n_in(answer) -> Verdict:
    """Exercise 1: the λ at which pure decay at η = 0.1, m = 10, n = 50,000 takes RMS 1 to
    1/√784 in exactly the 30 graphed epochs."""
    run = _GRAPHED
    target = 1 / math.sqrt(run.sizes[0])
    value = _lambda_for(target, run.epochs, run.eta)
    return check_number(
        answer, value, rtol=2e-3, figures=3,
        mistakes=((_lambda_for(1 / math.sqrt(run.n_weights), run.epochs, run.eta),
                   "that brings the weights to 1/√N_w, the book's part (3) level; the "
                   "question asks for the new initialization's 1/√784."),
                  (_lambda_for(target ** 2, run.epochs, run.eta),
                   "that takes the RMS to 1/784, not 1/√784: the per-epoch factor multiplies "
                   "each weight, so its 30th power must equal 1/√784 = 1/28."),
                  (_lambda_for(target, run.epochs, run.eta) / 2,
                   "that is half the answer: f² is the factor of Σw², but the question is "
                   "about the weights' RMS, whose factor is f."),
                  (_lambda_for(target, run.epochs, 0.5),
                   "that uses η = 0.5 of the book's full-data run; the graphed runs have "
                   "η = 0.1.")),
        why=f"f³⁰ = 1/28 with f ≈ exp(−ηλ/m) gives λ = m·ln 28/(30η) ≈ {value:.2f}. The "
            "graphed runs use λ = 5, less than half of it: pure decay alone cannot reach the "
            "new initialization's scale within the graphs.",
        hint="Write the per-epoch factor f of these settings as a function of λ, set "
             "f^30 = 1/√784, take logarithms and solve for λ.")


def check_sum_w2_last_epoch(answer) -> Verdict:
    """Exercise 2: Σw² after epoch 30 of fig/regularized_full.json, backed out of its costs."""
    run = book_logs.RUNS["regularized_full"]
    value = float(book_logs.regularized_full_sum_w2()[-1])
    E = book_logs.REGULARIZED_FULL_COSTS["eval_cost"][-1]
    T = book_logs.REGULARIZED_FULL_COSTS["train_cost"][-1]
    return check_number(
        answer, value, rtol=2e-3,
        mistakes=((float(book_logs.sum_w2_upper_bound([E], run.lmbda, run.n_eval)[0]),
                   "that is the bound from the test cost alone (its data cost taken as 0); "
                   "use the difference of the test and the training cost."),
                  ((E - T) / (run.lmbda / 2 / run.n_eval),
                   "the training cost carries the penalty too: divide by "
                   "(λ/2)(1/10,000 − 1/50,000), not by (λ/2)/10,000."),
                  ((E - T) / (run.lmbda * (1 / run.n_eval - 1 / run.n)),
                   "the penalty is (λ/2n)Σw²: the factor ½ is missing.")),
        why=f"(E − T)/((λ/2)(1/10,000 − 1/50,000)) = (0.976829 − 0.39226)/0.0002 ≈ {value:,.0f}, "
            "an RMS of about 0.35 over the 23,820 weights — on the plateau, not near 1/√N_w.",
        hint="Both costs carry (λ/2)·Σw² divided by the size of the set they score; subtract "
             "the training cost from the test cost and divide by the difference of the two "
             "coefficients. Use epoch 30's entries of REGULARIZED_FULL_COSTS.")


def _erfcinv(y: float) -> float:
    """x with erfc(x) = y for 0 < y < 1, by bisection (erfc falls monotonically)."""
    lo, hi = 0.0, 10.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if math.erfc(mid) > y else (lo, mid)
    return (lo + hi) / 2


def _epoch_below(share: float, one_sided: bool = False, bias_var: float = 1.0,
                 factor_power: int = 1) -> float:
    """The (real) epoch k at which pure decay f^k from RMS 1 brings the closed-form saturated
    share down to ``share``, at the graphed runs' f and ‖x‖ = examples.X_NORM."""
    z_eps = float(derivations.saturation_threshold_value(SATURATION_THRESHOLD))
    tail = 2 * share if one_sided else share
    s = z_eps / (math.sqrt(2) * _erfcinv(tail))
    rms = math.sqrt(s * s - bias_var) / examples.X_NORM
    f = examples.decay_row("weight_init_30_large")["exact"] ** factor_power
    return math.log(rms) / math.log(f)


def check_quarter_saturated(answer) -> Verdict:
    """Exercise 3: the first whole epoch after which, under pure decay at the graphed runs'
    factor, fewer than a quarter of the (digit, neuron) pairs are saturated (closed form)."""
    k = _epoch_below(0.25)
    value = math.ceil(k)
    return check_number(
        answer, value, rtol=0, atol=0,
        mistakes=((k, "that is the real-valued k; the share falls below a quarter after the "
                      "first whole epoch at or beyond it."),
                  (math.floor(k), "at that epoch the share is still above a quarter: round "
                                  "up, not down."),
                  (math.ceil(_epoch_below(0.25, one_sided=True)),
                   "that counts one tail only: saturated means |z| > z_ε, on both sides, so "
                   "the share is erfc(z_ε/(s√2)), not half of it."),
                  (math.ceil(_epoch_below(0.25, factor_power=2)),
                   "f² is the factor of Σw²; the weights' RMS shrinks by f per epoch.")),
        why=f"The share is a quarter at s = z_ε/(√2·erfcinv(0.25)) ≈ 3.99, a weight RMS of "
            f"√(s² − 1)/9.39 ≈ 0.41, which 0.951^k reaches at k ≈ {k:.1f}: epoch {value}, a "
            "few epochs before the accuracy gaps close (20 and 22–26). Desaturation comes "
            "first; the weights are still about eleven times 1/√784.",
        hint="Invert the closed form: find the z spread s at which erfc(z_ε/(s√2)) = 0.25 "
             "(scipy.special.erfcinv, or bisection on math.erfc), then the weight RMS with "
             "s² = RMS²·‖x‖² + 1, then the epochs k with f^k = RMS; the answer is a whole "
             "epoch.")


def _level_rms() -> float:
    """The back-out's tail-off RMS over all weights of fig/regularized_full.json."""
    run = book_logs.RUNS["regularized_full"]
    return math.sqrt(examples.plateau_sum_w2(book_logs.regularized_full_sum_w2())
                     / run.n_weights)


def check_epochs_to_level(answer) -> Verdict:
    """Exercise 4: epochs of pure decay at the graphed runs' factor from RMS 1 to the back-out's
    tail-off RMS."""
    level = _level_rms()
    graphed = examples.decay_row("weight_init_30_large")["exact"]
    full = examples.decay_row("regularized_full")["exact"]
    value = examples.epochs_to_reach(graphed, level)
    return check_number(
        answer, value, rtol=5e-3, figures=3,
        mistakes=((examples.epochs_to_reach(graphed ** 2, level),
                   "that uses f², the factor of Σw²; the RMS shrinks by f per epoch."),
                  (examples.epochs_to_reach(full, level),
                   "that is the λ = 5 run's own factor (η = 0.5); the question asks for the "
                   "graphed runs' η = 0.1."),
                  (examples.epochs_to_reach(graphed, level ** 2),
                   "that takes the RMS to 2,881/23,820, not to its square root.")),
        why=f"ln({level:.3f})/ln({graphed:.3f}) ≈ {value:.1f} epochs: within the 30 graphed, in "
            "their last third. The narrow graphed network's decay can tail off before the "
            "graph ends; its accuracy gap closes at about the same time.",
        hint="Take the tail-off RMS of all weights, √(2,881/23,820), and solve f^k = RMS for k "
             "with the graphed runs' per-epoch factor f.")

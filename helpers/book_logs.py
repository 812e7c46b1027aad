"""Figures from the book's own training logs, as a small cited table, and what follows from them.

Source: the JSON logs written by the scripts in the ``fig/`` folder of the book's repository
(Michael Nielsen, *Neural Networks and Deep Learning*, mnielsen/neural-networks-and-deep-learning,
MIT licence). Each log holds, per epoch, the lists ``[evaluation cost, evaluation accuracy
(count), training cost, training accuracy (count)]`` that ``network2.SGD`` returns. Only the
figures the course uses are transcribed here, each with its file; ``tests/test_book_logs.py``
compares every one with the logs when they are available.

Backing Σw² out of the costs
----------------------------
``network2.total_cost(data, lmbda)`` adds ``0.5 * (lmbda / len(data)) * Σw²`` to the mean
cross-entropy of ``data``: the L2 term is divided by the size of the set being scored. In one
run the training cost T (n_train = 50,000 images) and the evaluation cost E (n_eval = 10,000)
are computed from the same weights, so

    E − T = (C0_eval − C0_train) + (λ/2)·(1/n_eval − 1/n_train)·Σw².

Neglecting the difference of the two data costs gives an estimate of Σw²; the neglected term is
the generalization gap of the cross-entropy, usually ≥ 0, in which case the estimate is an
over-estimate. Independently, C0_eval ≥ 0 gives the rigorous bound Σw² ≤ 2·n_eval·E/λ.

A pessimistic size for the neglected gap: the λ = 0 run on the same data (fig/overfitting_full.json)
logs E and T without any L2 term, so its E − T *is* its generalization gap; without weight decay
it over-fits more than the λ = 5 run, so subtracting its gap (in Σw² units) gives a pessimistic
lower estimate of Σw² (:func:`regularized_full_sum_w2_low`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.network import n_weights

REPOSITORY = "mnielsen/neural-networks-and-deep-learning"


@dataclass(frozen=True)
class Run:
    """One chapter-3 run whose log the book ships: its settings and the file it is logged in."""

    name: str
    file: str
    sizes: tuple[int, ...]
    init: str  # "large": N(0, 1) weights (old); "default": N(0, 1/n_in) (new)
    eta: float
    lmbda: float
    m: int
    n: int
    epochs: int
    evaluated_on: str
    n_eval: int

    @property
    def n_weights(self) -> int:
        """N_w of the run's network (:func:`helpers.network.n_weights`)."""
        return n_weights(self.sizes)


#: Every chapter-3 run with L2 or the weight-initialization comparison whose log the book ships.
RUNS = {
    "overfitting": Run("overfitting", "fig/overfitting.json", (784, 30, 10), "large",
                       0.5, 0.0, 10, 1_000, 400, "test", 10_000),
    "regularized": Run("regularized", "fig/regularized.json", (784, 30, 10), "large",
                       0.5, 0.1, 10, 1_000, 400, "test", 10_000),
    "overfitting_full": Run("overfitting_full", "fig/overfitting_full.json", (784, 30, 10),
                            "large", 0.5, 0.0, 10, 50_000, 30, "test", 10_000),
    "regularized_full": Run("regularized_full", "fig/regularized_full.json", (784, 30, 10),
                            "large", 0.5, 5.0, 10, 50_000, 30, "test", 10_000),
    "weight_init_30_large": Run("weight_init_30_large", "fig/weight_initialization_30.json",
                                (784, 30, 10), "large", 0.1, 5.0, 10, 50_000, 30,
                                "validation", 10_000),
    "weight_init_30_default": Run("weight_init_30_default", "fig/weight_initialization_30.json",
                                  (784, 30, 10), "default", 0.1, 5.0, 10, 50_000, 30,
                                  "validation", 10_000),
    "weight_init_100_large": Run("weight_init_100_large", "fig/weight_initialization_100.json",
                                 (784, 100, 10), "large", 0.1, 5.0, 10, 50_000, 30,
                                 "validation", 10_000),
    "weight_init_100_default": Run("weight_init_100_default",
                                   "fig/weight_initialization_100.json", (784, 100, 10),
                                   "default", 0.1, 5.0, 10, 50_000, 30, "validation", 10_000),
}

#: Correct classifications (out of ``n_eval``) per epoch, epochs 1..30, from the
#: weight-initialization logs (key "large_weight_initialization" / "default_...", list 1).
ACCURACY_COUNTS = {
    "weight_init_30_large": (
        8643, 9044, 9141, 9231, 9299, 9327, 9385, 9416, 9433, 9449, 9476, 9489, 9500, 9535, 9521,
        9548, 9564, 9573, 9585, 9592, 9596, 9615, 9607, 9605, 9606, 9622, 9637, 9648, 9635, 9637),
    "weight_init_30_default": (
        9270, 9414, 9470, 9504, 9537, 9550, 9587, 9594, 9596, 9594, 9616, 9595, 9622, 9630, 9636,
        9641, 9625, 9652, 9637, 9634, 9642, 9639, 9649, 9646, 9646, 9653, 9646, 9653, 9640, 9650),
    "weight_init_100_large": (
        8994, 9181, 9260, 9364, 9427, 9449, 9497, 9512, 9560, 9578, 9603, 9616, 9626, 9629, 9644,
        9671, 9674, 9679, 9700, 9708, 9707, 9717, 9729, 9720, 9719, 9745, 9751, 9754, 9755, 9742),
    "weight_init_100_default": (
        9295, 9481, 9547, 9592, 9664, 9673, 9702, 9719, 9726, 9726, 9732, 9732, 9730, 9734, 9745,
        9751, 9757, 9761, 9764, 9766, 9758, 9767, 9756, 9752, 9777, 9775, 9770, 9770, 9771, 9781),
    # fig/regularized_full.json, list 1 (test accuracy)
    "regularized_full": (
        9212, 9341, 9375, 9424, 9532, 9537, 9504, 9541, 9578, 9538, 9579, 9530, 9590, 9543, 9607,
        9597, 9576, 9546, 9600, 9634, 9544, 9606, 9614, 9607, 9621, 9637, 9620, 9511, 9649, 9561),
}

#: Training accuracy counts (of n = 50,000), epochs 1..30, of the two full-data runs (list 3 of
#: fig/regularized_full.json and fig/overfitting_full.json), and the λ = 0 run's test accuracy
#: (list 1 of fig/overfitting_full.json): with ``ACCURACY_COUNTS["regularized_full"]`` they give
#: each run's accuracy gap between training and test set per epoch (:func:`accuracy_gap`).
TRAIN_ACCURACY_COUNTS = {
    "regularized_full": (
        45919, 46835, 47204, 47434, 47989, 47930, 47839, 48157, 48218, 48105, 48313, 48089,
        48282, 48111, 48463, 48362, 48243, 48123, 48416, 48533, 48123, 48483, 48435, 48548,
        48434, 48524, 48417, 47797, 48561, 48235),
    "overfitting_full": (
        45708, 46605, 46797, 47190, 47543, 47570, 47638, 47838, 48061, 47825, 48160, 48195,
        48265, 48156, 48439, 48449, 48267, 48433, 48598, 48697, 48380, 48648, 48500, 48669,
        48734, 48796, 48802, 48837, 48810, 48932),
}
OVERFITTING_FULL_TEST_COUNTS = (
    9136, 9275, 9307, 9377, 9450, 9429, 9468, 9488, 9494, 9424, 9483, 9483, 9505, 9499, 9508,
    9508, 9445, 9524, 9524, 9524, 9494, 9527, 9518, 9505, 9533, 9529, 9512, 9530, 9532, 9531)

#: Final-epoch test accuracy counts of the runs whose full lists the course does not need
#: (fig/overfitting.json and fig/regularized.json: epoch 400; fig/overfitting_full.json: epoch 30).
FINAL_ACCURACY_COUNTS = {"overfitting": 8223, "regularized": 8695, "overfitting_full": 9531}

#: fig/regularized_full.json: per-epoch costs (epochs 1..30), rounded to 6 decimals.
#: ``eval_cost`` is list 0 (test set, 10,000 images), ``train_cost`` list 2 (50,000 images).
REGULARIZED_FULL_COSTS = {
    "eval_cost": (
        4.307279, 2.93313, 2.134807, 1.65883, 1.33089, 1.196322, 1.117077, 1.017075, 0.991109,
        1.007118, 0.962801, 0.992266, 0.96024, 0.972538, 0.939665, 0.953306, 0.963785, 0.973673,
        0.94436, 0.946229, 0.98392, 0.94091, 0.949655, 0.94715, 0.950267, 0.929159, 0.958311,
        1.015399, 0.929403, 0.976829),
    "train_cost": (
        1.292541, 0.924795, 0.726113, 0.616189, 0.491424, 0.465526, 0.460748, 0.407751, 0.396718,
        0.420316, 0.380571, 0.40768, 0.389521, 0.405859, 0.360031, 0.377, 0.393, 0.407746,
        0.371942, 0.366242, 0.407223, 0.36477, 0.369885, 0.361126, 0.380711, 0.35701, 0.377247,
        0.449917, 0.358203, 0.39226),
}


#: fig/overfitting_full.json (λ = 0, same network, η, m, n as regularized_full): per-epoch costs
#: (epochs 1..30), rounded to 6 decimals; list 0 (test set, 10,000 images) and list 2 (50,000).
#: With λ = 0 they are pure cross-entropies, so ``eval_cost − train_cost`` is the run's
#: generalization gap C0_test − C0_train.
OVERFITTING_FULL_COSTS = {
    "eval_cost": (
        0.561356, 0.478069, 0.457511, 0.425049, 0.394496, 0.398104, 0.370171, 0.37404, 0.362903,
        0.400687, 0.368175, 0.372993, 0.36872, 0.371466, 0.357046, 0.358215, 0.386221, 0.370109,
        0.365398, 0.355115, 0.382809, 0.3616, 0.370287, 0.376052, 0.366343, 0.36129, 0.375319,
        0.364152, 0.357079, 0.36632),
    "train_cost": (
        0.559946, 0.446649, 0.424553, 0.385783, 0.339923, 0.331625, 0.313748, 0.30029, 0.273539,
        0.302369, 0.26487, 0.266171, 0.247343, 0.263556, 0.230885, 0.226184, 0.251375, 0.230856,
        0.214179, 0.200496, 0.237131, 0.203277, 0.219539, 0.202644, 0.196439, 0.18468, 0.187886,
        0.185359, 0.184668, 0.172183),
}


def accuracy(name: str) -> np.ndarray:
    """Accuracy in [0, 1] per epoch (epochs 1..E) of a logged run, shape (E,)."""
    if name not in ACCURACY_COUNTS:
        raise ValueError(f"name must be one of {', '.join(ACCURACY_COUNTS)}; got {name!r}")
    return np.asarray(ACCURACY_COUNTS[name], dtype=float) / RUNS[name].n_eval


def sum_w2_from_costs(train_cost, eval_cost, lmbda: float, n_train: int, n_eval: int):
    """Estimate Σw² per epoch from logged training and evaluation costs of one run.

    Σw² ≈ (E − T) / ((λ/2)·(1/n_eval − 1/n_train)), neglecting C0_eval − C0_train (see the
    module docstring). ``train_cost`` and ``eval_cost`` have shape (E,); returns shape (E,).
    """
    T, E = np.asarray(train_cost, dtype=float), np.asarray(eval_cost, dtype=float)
    if T.shape != E.shape or T.ndim != 1:
        raise ValueError(f"train_cost and eval_cost must be 1-D of equal length; got shapes "
                         f"{T.shape} and {E.shape}")
    if not lmbda > 0:
        raise ValueError(f"lmbda must be > 0 to back Σw² out of the costs; got {lmbda}")
    if not 0 < n_eval < n_train:
        raise ValueError(f"need 0 < n_eval < n_train (the L2 term must weigh differently); "
                         f"got n_eval={n_eval}, n_train={n_train}")
    return (E - T) / (0.5 * lmbda * (1 / n_eval - 1 / n_train))


def sum_w2_upper_bound(eval_cost, lmbda: float, n_eval: int):
    """The rigorous bound Σw² ≤ 2·n_eval·E/λ, from C0_eval ≥ 0. Shape as ``eval_cost``."""
    if not lmbda > 0:
        raise ValueError(f"lmbda must be > 0; got {lmbda}")
    return 2 * n_eval * np.asarray(eval_cost, dtype=float) / lmbda


def regularized_full_sum_w2() -> np.ndarray:
    """Σw² per epoch (epochs 1..30) of fig/regularized_full.json, shape (30,)."""
    run = RUNS["regularized_full"]
    return sum_w2_from_costs(REGULARIZED_FULL_COSTS["train_cost"],
                             REGULARIZED_FULL_COSTS["eval_cost"], run.lmbda, run.n, run.n_eval)


def back_out_coefficient(lmbda: float, n_train: int, n_eval: int) -> float:
    """(λ/2)·(1/n_eval − 1/n_train): a data-cost gap ΔC0 shifts the back-out by ΔC0 / this."""
    return 0.5 * lmbda * (1 / n_eval - 1 / n_train)


def overfitting_full_gap() -> np.ndarray:
    """C0_test − C0_train per epoch (epochs 1..30) of fig/overfitting_full.json (λ = 0)."""
    return (np.asarray(OVERFITTING_FULL_COSTS["eval_cost"])
            - np.asarray(OVERFITTING_FULL_COSTS["train_cost"]))


def regularized_full_sum_w2_low() -> np.ndarray:
    """A pessimistic lower estimate of regularized_full's Σw² per epoch (epochs 1..30): the
    back-out minus the λ = 0 run's generalization gap of the same epoch, in Σw² units."""
    run = RUNS["regularized_full"]
    coef = back_out_coefficient(run.lmbda, run.n, run.n_eval)
    return regularized_full_sum_w2() - overfitting_full_gap() / coef


def accuracy_gap(name: str) -> np.ndarray:
    """Training minus test accuracy, in [0, 1], per epoch (epochs 1..30) of a full-data run,
    ``"regularized_full"`` (λ = 5) or ``"overfitting_full"`` (λ = 0)."""
    if name not in TRAIN_ACCURACY_COUNTS:
        raise ValueError(f"name must be one of {', '.join(TRAIN_ACCURACY_COUNTS)}; got {name!r}")
    run = RUNS[name]
    test = (ACCURACY_COUNTS["regularized_full"] if name == "regularized_full"
            else OVERFITTING_FULL_TEST_COUNTS)
    return (np.asarray(TRAIN_ACCURACY_COUNTS[name]) / run.n
            - np.asarray(test) / run.n_eval)


def tail_drift(series) -> float:
    """ln(last / first) of a least-squares line through ln(series) over the tail window (the
    last third of the epochs, :func:`helpers.tailoff.tail_window`): how much a level still
    moves where it should stand still (0 for a flat series)."""
    from helpers import tailoff

    s = np.asarray(series, dtype=float)
    # tailoff.tail_drift, the course's one drift test, reads (E + 1, L) with row 0 before
    # training; row 0 never falls in the tail window, so the first epoch stands in for it
    return float(tailoff.tail_drift(np.r_[s[:1], s][:, None]).across[0])


def gap_per_accuracy_gap() -> float:
    """The λ = 0 run's data-cost gap per unit of its accuracy gap: the least-squares slope α
    through the origin of C0_test − C0_train against training − test accuracy over its 30
    epochs (fig/overfitting_full.json)."""
    gap, acc = overfitting_full_gap(), accuracy_gap("overfitting_full")
    return float(np.dot(gap, acc) / np.dot(acc, acc))


def regularized_full_sum_w2_matched() -> np.ndarray:
    """A middle estimate of regularized_full's Σw² per epoch (epochs 1..30): the back-out minus
    a data-cost gap of α × the λ = 5 run's own accuracy gap (α from :func:`gap_per_accuracy_gap`,
    the λ = 0 run's ratio), in Σw² units. A model, not a measurement: it assumes the two runs
    turn an accuracy gap into a cost gap alike."""
    run = RUNS["regularized_full"]
    coef = back_out_coefficient(run.lmbda, run.n, run.n_eval)
    return (regularized_full_sum_w2()
            - gap_per_accuracy_gap() * accuracy_gap("regularized_full") / coef)

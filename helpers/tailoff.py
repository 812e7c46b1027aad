"""Notebook 04: where the decay stops, measured against the heuristics of part (3).

A cached grid of training runs (:func:`run_grid`): for each λ, the network [784, 30, 10] is
trained from the old (``"large"``) and the new (``"default"``) initialization with the same
seeds, η, m and epochs. The *equilibrium RMS* of a layer (:func:`equilibrium`) is the mean of
its weight RMS over the last ``tail`` epochs; it counts as reached when the two inits agree to
``MEET_TOLERANCE`` (relative). Everything the widget prints comes from :func:`grid_figures`.

Shapes: ``History.rms`` is (E + 1, L); per-λ tables are (len(lambdas), L).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations
from helpers.network import Network
from helpers.widgets import print_figures, progress

__all__ = [
    "MEET_TOLERANCE",
    "SIZES",
    "accuracy_sweep",
    "collapse_lambda",
    "draw_tailoff",
    "equilibrium",
    "grid_figures",
    "loglog_slope",
    "nearest",
    "noise_prediction",
    "norm_balance",
    "run_grid",
    "stationarity",
]

SIZES = (784, 30, 10)
#: old and new init "have met" when their equilibrium RMS differ by less than this (relative)
MEET_TOLERANCE = 0.05
INITS = ("large", "default")


def run_grid(X, y, lambdas, eta: float = 0.5, m: int = 10, epochs: int = 30, seed: int = 1,
             shuffle_seed: int = 2, evaluation=None, sizes=SIZES,
             networks: dict | None = None) -> dict:
    """Train from both inits for every λ; returns ``{(lmbda, init): History}``. If a dict is
    passed as ``networks``, the trained :class:`Network` objects are stored in it, same keys."""
    grid = {}
    for lm, init in progress([(lm, init) for lm in lambdas for init in INITS], "λ grid"):
        net = Network(sizes, init=init, seed=seed)
        grid[float(lm), init] = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta,
                                          lmbda=float(lm), seed=shuffle_seed,
                                          evaluation=evaluation)
        if networks is not None:
            networks[float(lm), init] = net
    return grid


def equilibrium(grid: dict, lmbda: float, tail: int = 5) -> dict:
    """Per layer (arrays of shape (L,)): ``old`` and ``new`` = mean RMS over the last ``tail``
    epochs of each init, ``mean`` of the two, ``met`` = |old − new| / mean < MEET_TOLERANCE."""
    old = grid[lmbda, "large"].rms[-tail:].mean(axis=0)
    new = grid[lmbda, "default"].rms[-tail:].mean(axis=0)
    mean = (old + new) / 2
    return {"old": old, "new": new, "mean": mean, "met": np.abs(old - new) / mean < MEET_TOLERANCE}


def loglog_slope(x, y) -> float:
    """Least-squares slope of log y against log x."""
    return float(np.polyfit(np.log(np.asarray(x, float)), np.log(np.asarray(y, float)), 1)[0])


def stationarity(net: Network, X, y, lmbda: float) -> list[dict]:
    """Compare (λ/n)·w with −∂C0/∂w (the full-training-set gradient, ``net.gradient``), per
    layer: ``corr`` (Pearson correlation over the weights), ``ratio`` = ‖−∂C0/∂w‖ / ‖(λ/n)w‖
    and ``residual`` = ‖(λ/n)w + ∂C0/∂w‖ / ‖(λ/n)w‖ (0 at an exact stationary point)."""
    n = len(X)
    dW, _ = net.gradient(X, y)
    out = []
    for w, g in zip(net.weights, dW, strict=True):
        pull, push = (lmbda / n) * w, -g
        out.append({
            "corr": float(np.corrcoef(pull.ravel(), push.ravel())[0, 1]),
            "ratio": float(np.linalg.norm(push) / np.linalg.norm(pull)),
            "residual": float(np.linalg.norm(pull - push) / np.linalg.norm(pull)),
        })
    return out


def noise_prediction(history, tail: int = 5) -> np.ndarray:
    """The noise-equilibrium RMS per layer, shape (L,): ``equilibrium_rms(eta, lmbda, n, s)``
    with s = (mean gradient-step norm over the last ``tail`` epochs) / sqrt(weights in layer),
    i.e. treating each step's gradient as independent zero-mean noise of that size per weight."""
    sizes = history.sizes
    per_layer = np.array([a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True)])
    s = history.gradient_step_norm[-tail:].mean(axis=0) / np.sqrt(per_layer)
    return np.asarray(derivations.equilibrium_rms(history.eta, history.lmbda, history.n, s))


def norm_balance(history, epochs) -> dict:
    """The two parts of the change of ‖w‖² (``History.decay_part`` and ``gradient_part``) in
    the given 1-based ``epochs``: arrays ``decay``, ``gradient`` and ``change`` (their sum,
    = Δ‖w‖² of the epoch), each of shape (len(epochs), L), plus ``epochs`` itself. Raises
    ``ValueError`` for an uninstrumented run (its parts are NaN)."""
    rows = np.asarray(epochs, int) - 1
    if rows.size and (rows.min() < 0 or rows.max() >= history.epochs):
        raise ValueError(f"epochs must lie in 1..{history.epochs}")
    decay, grad = history.decay_part[rows], history.gradient_part[rows]
    if np.isnan(decay).any() or np.isnan(grad).any():
        raise ValueError("the run was not instrumented: train(..., instrument=True)")
    return {"epochs": rows + 1, "decay": decay, "gradient": grad, "change": decay + grad}


def accuracy_sweep(X, y, lambdas, evaluation, eta: float = 0.5, m: int = 10, epochs: int = 10,
                   init="default", seed: int = 1, shuffle_seed: int = 2) -> dict:
    """Final validation accuracy and hidden RMS for each λ (new init, short runs)."""
    acc, rms = [], []
    for lm in lambdas:
        h = Network(SIZES, init=init, seed=seed).train(
            X, y, epochs=epochs, mini_batch_size=m, eta=eta, lmbda=float(lm), seed=shuffle_seed,
            evaluation=evaluation)
        acc.append(h.accuracy[-1])
        rms.append(h.rms[-1])
    return {"lmbda": np.asarray(lambdas, float), "accuracy": np.array(acc), "rms": np.array(rms)}


def collapse_lambda(sweep: dict, level: float = 0.2) -> float:
    """Smallest λ of the sweep whose final accuracy is at most ``level`` (nan if none)."""
    hit = np.flatnonzero(sweep["accuracy"] <= level)
    return float(sweep["lmbda"][hit[0]]) if hit.size else float("nan")


def nearest(grid: dict, lmbda: float) -> float:
    """The grid's λ nearest to ``lmbda`` on a log scale."""
    lams = np.array(sorted({k[0] for k in grid}))
    return float(lams[np.argmin(np.abs(np.log(lams) - math.log(lmbda)))])


def grid_figures(grid: dict, lmbda: float, tail: int = 5) -> dict:
    """What the widget prints for the grid point nearest ``lmbda``: floats ``lmbda_grid``,
    ``rms_hidden_old``, ``rms_hidden_new``, ``rms_output_old``, ``rms_output_new`` (mean over
    the last ``tail`` epochs), ``hidden_over_1_sqrt_n_in`` and ``hidden_over_1_sqrt_N_w``
    (the new-init hidden RMS divided by 1/√784 and by 1/√N_w), and ``accuracy_new``."""
    lam = nearest(grid, lmbda)
    eq = equilibrium(grid, lam, tail)
    h = grid[lam, "default"]
    n_w = sum(a * b for a, b in zip(h.sizes[:-1], h.sizes[1:], strict=True))
    return {
        "lmbda_grid": lam,
        "rms_hidden_old": float(eq["old"][0]), "rms_hidden_new": float(eq["new"][0]),
        "rms_output_old": float(eq["old"][1]), "rms_output_new": float(eq["new"][1]),
        "hidden_over_1_sqrt_n_in": float(eq["new"][0] * math.sqrt(h.sizes[0])),
        "hidden_over_1_sqrt_N_w": float(eq["new"][0] * math.sqrt(n_w)),
        "accuracy_new": float(h.accuracy[-1]) if h.accuracy.size else float("nan"),
    }


def draw_tailoff(lmbda: float, *, grid: dict) -> dict:
    """Hidden-layer weight RMS per epoch, old and new init, at the grid λ nearest ``lmbda``,
    against 1/√n_in and 1/√N_w. Prints ``name = value`` lines, every one computed by
    :func:`grid_figures` (same grid and λ). Returns that dict."""
    f = grid_figures(grid, lmbda)
    lam = f["lmbda_grid"]
    old, new = grid[lam, "large"], grid[lam, "default"]
    n_w = sum(a * b for a, b in zip(old.sizes[:-1], old.sizes[1:], strict=True))
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.semilogy(old.epoch, old.rms[:, 0], "o-", ms=3, label="old init N(0, 1)")
    ax.semilogy(new.epoch, new.rms[:, 0], "s-", ms=3, label="new init N(0, 1/n_in)")
    ax.semilogy(old.epoch, old.rms[0, 0] * np.exp(-old.eta * lam / old.m * old.epoch), "k:",
                label="pure decay from the old init")
    ax.axhline(1 / math.sqrt(old.sizes[0]), color="C2", ls="--", label="1/√n_in = 1/√784")
    ax.axhline(1 / math.sqrt(n_w), color="C3", ls="--", label="1/√N_w")
    ax.set_ylim(3e-3, 1.5)
    ax.set_xlabel("epoch")
    ax.set_ylabel("RMS of hidden-layer weights")
    ax.set_title(f"λ = {lam:g}, η = {old.eta:g}, m = {old.m}: the two inits settle at "
                 f"{f['rms_hidden_new']:.3f} ({f['hidden_over_1_sqrt_n_in']:.1f}/√n_in)",
                 fontsize=9)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    print_figures(f)
    return f

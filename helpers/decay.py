"""Notebook 02: one epoch of weight decay, exact against exp(-eta*lmbda/m), and measured.

Notation: ``a = eta*lmbda/n`` is the per-step decay rate (the course's name, as in
``helpers.network`` and ``helpers.derivations``), ``steps = ceil(n/m)`` the number of updates in
an epoch. One epoch of pure decay multiplies every weight by ``exact = (1 - a)^steps``; the
book's heuristic says ``approx = exp(-eta*lmbda/m)``.

Two ways to measure the heuristic's error:

* the relative error of the factor, ``exact/approx - 1`` (``derivations.per_epoch_relative_error``),
  whose leading term is ``-(eta*lmbda)^2/(2mn)``: it depends on a *and* on eta*lmbda/m;
* the ratio of decay *rates*, ``log(exact)/log(approx)``, which for m | n is
  ``-log(1 - a)/a = 1 + a/2 + a^2/3 + ...`` (``derivations.rate_ratio_series``): it depends
  on a only, and says by how much the true decay is faster than the heuristic's.

Everything the widget prints comes from :func:`epoch_numbers`.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations
from helpers.network import SIZES, Network
from helpers.widgets import print_numbers

__all__ = [
    "draw_error_growth",
    "draw_per_epoch",
    "early_epoch_ratios",
    "epoch_numbers",
    "error_rows",
    "pure_decay_deviation",
    "rate_ratio",
    "rate_ratio_series",
]

#: the claim lives in the registry (``helpers.derivations``); this name is kept for notebook 02
rate_ratio_series = derivations.rate_ratio_series


def rate_ratio(a):
    """-log(1 - a)/a, the exact per-epoch decay rate over the heuristic's (m | n), for
    0 < a < 1; arrays broadcast. Between 1 and 1/(1 - a) by ``derivations.per_epoch_bounds``."""
    a = np.asarray(a, dtype=float)
    if np.any((a <= 0) | (a >= 1)):
        raise ValueError(f"a = eta*lmbda/n must be in (0, 1); got {a!r}")
    return -np.log1p(-a) / a


def epoch_numbers(eta: float, lmbda: float, m: int, n: int) -> dict:
    """What the widget of notebook 02 prints, as floats:

    * ``a`` = eta*lmbda/n and ``steps`` = ceil(n/m);
    * ``exact`` = (1 - a)^ceil(n/m) (``derivations.per_epoch_factor_exact``);
    * ``approx`` = exp(-eta*lmbda/m) (``derivations.per_epoch_factor_approx``);
    * ``relative_error`` = exact/approx - 1 (``derivations.per_epoch_relative_error``);
    * ``first_term`` = -(eta*lmbda)^2/(2mn), the series' leading term
      (``derivations.per_epoch_log_error_series``);
    * ``rate_ratio`` = -log(1 - a)/a (:func:`rate_ratio`).
    """
    a = eta * lmbda / n
    return {
        "a": float(a),
        "steps": float(-(-n // m)),
        "exact": float(derivations.per_epoch_factor_exact(eta, lmbda, n, m)),
        "approx": float(derivations.per_epoch_factor_approx(eta, lmbda, m)),
        "relative_error": float(derivations.per_epoch_relative_error(eta, lmbda, n, m)),
        "first_term": float(-(eta * lmbda) ** 2 / (2 * m * n)),
        "rate_ratio": float(rate_ratio(a)),
    }


def error_rows(eta_lmbdas, n: int, m: int) -> list[dict]:
    """:func:`epoch_numbers` for each eta*lmbda in ``eta_lmbdas`` (eta = 1, lmbda = value)."""
    return [{"eta_lmbda": float(x), **epoch_numbers(1.0, float(x), m, n)} for x in eta_lmbdas]


def draw_per_epoch(eta: float, lmbda: float, m: int, n: int, epochs: int = 10) -> dict:
    """Left: the weight multiplier after e epochs of pure decay, exact (1 - a)^(e ceil(n/m))
    against the heuristic exp(-e eta lmbda/m). Right: |relative error| of one epoch's factor
    against a = eta*lmbda/n (eta*lmbda varied, n and m fixed), with its leading term
    (eta lmbda)^2/(2mn) and the current settings marked. Prints ``name = value`` lines, every
    value computed by :func:`epoch_numbers` (same eta, lmbda, m, n). Returns the dict."""
    f = epoch_numbers(eta, lmbda, m, n)
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    e = np.arange(epochs + 1)
    with np.errstate(under="ignore"):
        ax.semilogy(e, f["exact"] ** e, "o-", ms=4, label="exact (1 − ηλ/n)^(e·⌈n/m⌉)")
        ax.semilogy(e, f["approx"] ** e, "k--", label="heuristic exp(−e·ηλ/m)")
    ax.set_xlabel("epoch e")
    ax.set_ylabel("weight multiplier (pure decay)")
    ax.set_title(f"η = {eta:g}, λ = {lmbda:g}, m = {m}, n = {n:,}: one epoch "
                 f"{f['exact']:.6g} vs {f['approx']:.6g}", fontsize=9)
    ax.legend(fontsize=8)

    a = np.logspace(-7, math.log10(0.99), 200)
    x = a * n
    rel = np.abs(derivations.per_epoch_relative_error(1.0, x, n, m))
    bx.loglog(a, rel, color="C0", label=f"|exact/approx − 1|, n = {n:,}, m = {m}")
    bx.loglog(a, x**2 / (2 * m * n), "C1:", label="leading term (ηλ)²/(2mn)")
    bx.loglog([f["a"]], [max(abs(f["relative_error"]), 1e-18)], "o", color="C3", ms=8,
              label="these settings")
    bx.set_ylim(1e-12, 3)
    bx.set_xlabel("a = ηλ/n")
    bx.set_ylabel("relative error of one epoch's factor")
    bx.set_title(f"relative error {f['relative_error']:.3g}; true decay rate = heuristic × "
                 f"{f['rate_ratio']:.6f}", fontsize=9)
    bx.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    print_numbers(f, 6)
    return f


def draw_error_growth(steps_per_epoch=(10, 100, 5000), m: int = 10) -> None:
    """When eta*lmbda << n fails. Left: |relative error| of one epoch's factor against
    a = eta*lmbda/n for several ceil(n/m) (n = steps*m), with the leading term steps*a^2/2.
    Right: the rate ratio -log(1 - a)/a against a, between its bounds 1 and 1/(1 - a)."""
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    a = np.logspace(-6, math.log10(0.95), 200)
    for i, s in enumerate(steps_per_epoch):
        n = s * m
        rel = np.abs(derivations.per_epoch_relative_error(1.0, a * n, n, m))
        ax.loglog(a, rel, color=f"C{i}", label=f"{s:,} steps per epoch (n = {n:,}, m = {m})")
        ax.loglog(a, s * a**2 / 2, ":", color=f"C{i}")
    ax.set_ylim(1e-10, 3)
    ax.axhline(1, color="k", lw=0.8)
    ax.set_xlabel("a = ηλ/n")
    ax.set_ylabel("|exact/approx − 1| per epoch")
    ax.set_title("dotted: leading term (n/m)·a²/2 = (ηλ)²/(2mn)", fontsize=9)
    ax.legend(fontsize=8, loc="lower right")
    bx.semilogx(a, rate_ratio(a), color="C3", label="−log(1 − a)/a")
    bx.semilogx(a, 1 / (1 - a), "k:", label="upper bound 1/(1 − a)")
    bx.semilogx(a, 1 + a / 2, "C1--", label="1 + a/2")
    bx.set_ylim(0.95, 3.2)
    bx.set_xlabel("a = ηλ/n")
    bx.set_ylabel("exact decay rate / heuristic rate")
    bx.set_title("how much faster the true decay is (m | n)", fontsize=9)
    bx.legend(fontsize=8, loc="upper left")
    fig.tight_layout()


def pure_decay_deviation(X, y, eta: float, lmbda: float, m: int, epochs: int = 3,
                         seed: int = 1, sizes=SIZES) -> dict:
    """Train with the data gradient switched off from the old init and compare each weight's
    per-epoch ratio w_e / w_{e-1} with (1 - eta*lmbda/n)^ceil(n/m). Returns ``factor``
    (the twin's), ``steps``, ``max_rel_dev`` (max over epochs, layers and weights of
    |ratio/factor - 1|) and ``rms`` (the History's (epochs + 1, L) RMS)."""
    net = Network(sizes, init="large", seed=seed)
    h = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta, lmbda=lmbda,
                  data_gradient=False, snapshots=True, instrument=False, seed=seed + 1)
    factor = float(derivations.per_epoch_factor_exact(eta, lmbda, h.n, m))
    dev = 0.0
    for before, after in zip(h.snapshots[:-1], h.snapshots[1:], strict=True):
        for w0, w1 in zip(before, after, strict=True):
            dev = max(dev, float(np.max(np.abs(w1 / w0 / factor - 1))))
    return {"factor": factor, "steps": h.steps_per_epoch, "max_rel_dev": dev, "rms": h.rms}


def early_epoch_ratios(history) -> dict:
    """Per-epoch ratios of the hidden layer's weight RMS, ``rms[e]/rms[e-1]`` (shape (E,)),
    against the exact pure-decay factor and exp(-eta*lmbda/m) of the run's settings."""
    rms = history.rms[:, 0]
    return {
        "ratio": rms[1:] / rms[:-1],
        "exact": float(derivations.per_epoch_factor_exact(history.eta, history.lmbda,
                                                          history.n, history.m)),
        "approx": float(derivations.per_epoch_factor_approx(history.eta, history.lmbda,
                                                            history.m)),
    }

"""Notebook 01: the L2 update rule on a one-weight toy cost, and the engine's gradient checked.

The toy (one weight ``w``, a quadratic data cost with its minimum at ``w_data``)::

    C0(w) = (curvature / 2) (w - w_data)^2
    C(w)  = C0(w) + (lmbda / 2n) w^2                       (the course's L2 convention)
    step:  w <- w - eta C'(w) = (1 - a) w - eta curvature (w - w_data),   a = eta lmbda / n

The penalty's own part of each step is ``-a w`` (``derivations.penalty_step_points_to_zero``):
opposite in sign to ``w``, whatever that sign. The minimum of ``C`` is
``w* = curvature w_data / (curvature + lmbda / n)``, between 0 and ``w_data``.

Everything a widget prints comes from :func:`update_numbers`; :func:`draw_update_rule` only
draws and prints it. Finite differences for the engine's gradient: :func:`central_difference`.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations
from helpers.widgets import print_numbers

__all__ = [
    "CURVATURE",
    "STEPS",
    "W_DATA",
    "W_START",
    "CHECKED_WEIGHTS",
    "StepDifference",
    "central_difference",
    "decay_regime",
    "decay_step_difference",
    "draw_update_rule",
    "l2_step",
    "quadratic_trajectory",
    "regularized_minimum",
    "update_numbers",
]

#: the toy data cost C0(w) = (CURVATURE / 2) (w - W_DATA)^2
CURVATURE = 1.0
W_DATA = 2.0
#: the (layer, (row, column)) of the [784, 30, 10] weights whose gradient appendix A1 checks
#: against finite differences: three hidden weights on pixels near the image's centre, two
#: output weights
CHECKED_WEIGHTS = ((0, (0, 350)), (0, (7, 378)), (0, (21, 406)), (1, (3, 0)), (1, (9, 17)))
#: where the toy trajectories start, and how many steps they take
W_START = 3.0
STEPS = 20


def decay_regime(a: float) -> str:
    """What one pure decay step w -> (1 - a) w does, for a = eta*lmbda/n > 0:
    ``"shrink"`` (0 < a < 1, ``decay_shrinks_weight``), ``"zero in one step"`` (a = 1),
    ``"overshoot"`` (1 < a < 2: the sign flips and |w| still shrinks, ``decay_overshoots``),
    ``"flip"`` (a = 2: only the sign changes), ``"diverge"`` (a > 2, ``decay_diverges``)."""
    a = float(a)
    if not a > 0:
        raise ValueError(f"a = eta*lmbda/n must be > 0; got {a!r}")
    if a < 1:
        return "shrink"
    if a == 1:
        return "zero in one step"
    if a < 2:
        return "overshoot"
    if a == 2:
        return "flip"
    return "diverge"


def regularized_minimum(lmbda, n, curvature: float = CURVATURE, w_data: float = W_DATA):
    """w* = curvature w_data / (curvature + lmbda/n): where C'(w) = curvature (w - w_data)
    + (lmbda/n) w vanishes. Arrays broadcast."""
    return curvature * w_data / (curvature + np.asarray(lmbda, float) / np.asarray(n, float))


def quadratic_trajectory(w_start, eta, lmbda, n, steps: int = STEPS,
                         curvature: float = CURVATURE, w_data: float = W_DATA,
                         data_gradient: bool = True) -> np.ndarray:
    """Gradient descent on the toy C(w): w_{k+1} = (1 - a) w_k - eta curvature (w_k - w_data),
    a = eta lmbda/n; ``data_gradient=False`` keeps only the decay, w_{k+1} = (1 - a) w_k.
    Returns shape (steps + 1,), w_0 = w_start first. Overflow to inf is allowed (divergence)."""
    a = eta * lmbda / n
    w = np.empty(steps + 1)
    w[0] = w_start
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            data_step = eta * curvature * (w[k] - w_data) if data_gradient else 0.0
            w[k + 1] = (1 - a) * w[k] - data_step
    return w


def update_numbers(eta: float, lmbda: float, n: int, w_start: float = W_START,
                   steps: int = STEPS) -> dict:
    """What the widget of notebook 01 prints, as floats:

    * ``a`` = eta*lmbda/n and ``shrink_factor`` = 1 - a (``derivations.shrink_factor``);
    * ``penalty_step_at_plus_1`` and ``penalty_step_at_minus_1``: the penalty's step -a*w at
      w = +1 and w = -1 (opposite signs: both point to 0);
    * ``decay_only_after_steps``: |w| after ``steps`` pure decay steps from |w| = 1,
      ``|1 - a|^steps`` (``derivations.decay_trajectory``);
    * ``w_star``: the minimum of the regularized toy cost (:func:`regularized_minimum`);
    * ``w_after_steps``: the toy's gradient descent from ``w_start`` after ``steps`` steps
      (:func:`quadratic_trajectory`).
    """
    a = eta * lmbda / n
    return {
        "a": float(a),
        "shrink_factor": float(derivations.shrink_factor(eta, lmbda, n)),
        "penalty_step_at_plus_1": float(-a * 1.0),
        "penalty_step_at_minus_1": float(-a * -1.0),
        "decay_only_after_steps": float(abs(derivations.decay_trajectory(1.0, eta, lmbda, n,
                                                                         steps)[-1])),
        "w_star": float(regularized_minimum(lmbda, n)),
        "w_after_steps": float(quadratic_trajectory(w_start, eta, lmbda, n, steps)[-1]),
    }


def draw_update_rule(eta: float, lmbda: float, n: int) -> dict:
    """Left: the toy costs C0, (lmbda/2n) w^2 and C, the penalty's step -(eta lmbda/n) w as
    arrows at several w of both signs, and gradient descent on C from w = 3. Right: pure decay
    w_k = (1 - a)^k w_0 from w_0 = +1 and -1. Prints ``name = value`` lines, every value
    computed by :func:`update_numbers` (same eta, lmbda, n); also the regime
    (:func:`decay_regime`) as a line without ``=``. Returns the dict."""
    f = update_numbers(eta, lmbda, n)
    a = f["a"]
    regime = decay_regime(a)
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))

    grid = np.linspace(-3.5, 3.5, 301)
    c0 = CURVATURE / 2 * (grid - W_DATA) ** 2
    pen = lmbda / (2 * n) * grid**2
    ax.plot(grid, c0, color="C0", label="data cost C₀(w)")
    ax.plot(grid, pen, color="C1", label="penalty (λ/2n)w²")
    ax.plot(grid, c0 + pen, color="k", lw=2, label="C = C₀ + (λ/2n)w²")
    ax.set_ylim(-2.6, 12.0)
    ws = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])
    steps = -a * ws  # the penalty's step at each w; drawn scaled so the longest is 0.8
    for w0, step in zip(ws, 0.8 * steps / np.abs(steps).max(), strict=True):
        ax.annotate("", xy=(w0 + step, -1.2), xytext=(w0, -1.2),
                    arrowprops={"arrowstyle": "-|>", "color": "C1", "lw": 1.8})
    ax.text(0, -2.3, "penalty's step −(ηλ/n)·w (arrows scaled): always toward 0",
            ha="center", fontsize=8, color="C1")
    traj = quadratic_trajectory(W_START, eta, lmbda, n, STEPS)
    shown = traj[np.abs(traj) < 3.5]
    ax.plot(shown, CURVATURE / 2 * (shown - W_DATA) ** 2 + lmbda / (2 * n) * shown**2, "o",
            color="C3", ms=4, label=f"gradient descent on C, {STEPS} steps from w = {W_START:g}")
    ax.axvline(f["w_star"], color="k", ls=":", lw=1)
    ax.axvline(W_DATA, color="C0", ls=":", lw=1)
    ax.set_xlabel("w")
    ax.set_ylabel("cost")
    ax.set_title(f"minimum of C₀ at {W_DATA:g}, of C at w* = {f['w_star']:.3f}", fontsize=9)
    ax.legend(fontsize=7, loc="upper right")

    k = np.arange(STEPS + 1)
    for w0, color in ((1.0, "C2"), (-1.0, "C4")):
        path = derivations.decay_trajectory(w0, eta, lmbda, n, STEPS)
        bx.plot(k, path, "o-", ms=3, color=color, label=f"pure decay from w = {w0:+g}")
    bx.axhline(0, color="k", lw=0.8)
    bx.set_ylim(-2, 2)
    bx.set_xlabel("step k")
    bx.set_ylabel("w after k pure decay steps")
    bx.set_title(f"a = ηλ/n = {a:.3g}, factor 1 − a = {f['shrink_factor']:.3g}: {regime}",
                 fontsize=9)
    bx.legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    print(f"regime: {regime}")
    print_numbers(f, 6)
    return f


def central_difference(net, X, y, layer: int, index: tuple, h: float = 1e-6,
                       lmbda: float = 0.0, n: int | None = None, bias: bool = False) -> float:
    """(C(p + h) - C(p - h)) / 2h for one weight (or, with ``bias``, one bias) ``p`` of ``net``
    at ``weights[layer][index]``, C = ``net.cost(X, y, lmbda, n)``. The parameter is restored."""
    arr = net.biases[layer] if bias else net.weights[layer]
    old = arr[index]
    try:
        arr[index] = old + h
        c_plus = net.cost(X, y, lmbda=lmbda, n=n)
        arr[index] = old - h
        c_minus = net.cost(X, y, lmbda=lmbda, n=n)
    finally:
        arr[index] = old
    return (c_plus - c_minus) / (2 * h)


def l2_step(w, grads, eta: float, lmbda: float, n: int):
    """One mini-batch step of the book's rule for one weight array.

    ``w`` any shape S; ``grads`` shape (m, *S): the per-example gradients dC_x/dw of the batch.
    Returns ``(1 - eta*lmbda/n) w - (eta/m) sum_x dC_x/dw``, shape S.
    """
    w = np.asarray(w, dtype=float)
    grads = np.asarray(grads, dtype=float)
    if grads.shape[1:] != w.shape or grads.shape[0] < 1:
        raise ValueError(f"grads must have shape (m, *w.shape) = (m, {w.shape}); got "
                         f"{grads.shape}")
    m = grads.shape[0]
    return (1 - eta * lmbda / n) * w - (eta / m) * grads.sum(axis=0)


@dataclass(frozen=True)
class StepDifference:
    """One engine step with λ against one with λ = 0 from the same state
    (:func:`decay_step_difference`): the rate ``a`` and, per layer, whether the biases are bit
    for bit equal, ``max |(w_λ − w_0) + a·w|`` and ``max |a·w|``."""

    a: float
    biases_identical: tuple[bool, ...]
    max_deviation: tuple[float, ...]
    largest_decay: tuple[float, ...]


def decay_step_difference(net, X, y, eta: float, lmbda: float) -> StepDifference:
    """One full-batch step of the engine with ``lmbda`` and one with 0, from copies of ``net``
    in the same state (``net`` is not changed). The data gradient is taken at the weights before
    the step, so the two differ only by the decay: biases bit for bit equal, weights by exactly
    ``-a w``, a = eta*lmbda/n, n = len(X)."""
    n = len(X)
    a = eta * lmbda / n
    decayed, plain = net.copy(), net.copy()
    decayed.train(X, y, epochs=1, mini_batch_size=n, eta=eta, lmbda=lmbda, shuffle=False,
                  instrument=False)
    plain.train(X, y, epochs=1, mini_batch_size=n, eta=eta, lmbda=0.0, shuffle=False,
                instrument=False)
    layers = list(zip(net.weights, decayed.weights, plain.weights, decayed.biases, plain.biases,
                      strict=True))
    return StepDifference(
        a=a,
        biases_identical=tuple(bool(np.array_equal(bd, bp)) for *_, bd, bp in layers),
        max_deviation=tuple(float(np.max(np.abs((wd - wp) + a * w)))
                            for w, wd, wp, *_ in layers),
        largest_decay=tuple(float(np.max(np.abs(a * w))) for w, *_ in layers))

"""Notebook 06: why the layers of one network disagree under L2 regularization.

Three kinds of content, each used by the notebook and tested in ``tests/test_layers.py``:

* two SymPy claims of the registry, re-exported here under the names notebook 06 uses:
  ``output_error_cross_entropy`` (the output error of the sigmoid + cross-entropy pair is
  ``a - y``: no sigma') and ``regularized_norm_not_larger`` (a minimizer of C0 + λR has
  R no larger than a minimizer of C0);
* the learner's table from the Cross Validated question (:func:`weight_table`): sum, entrywise
  L1, the matrix 1-norm that ``np.linalg.norm(W, ord=1)`` actually returns, ‖W‖² and
  variance, per layer;
* a cached λ grid (:func:`run_grid`, one ``train_grid`` pass) with :func:`norms_at` and the
  widget's draw functions :func:`draw_layer_norms` and :func:`draw_ridge_path`.

Shapes: ``History.sq_norm`` is (E + 1, L); a weight matrix of layer l is (sizes[l+1], sizes[l]).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations
from helpers.network import SIZES, Network, n_weights, nearest, train_grid
from helpers.widgets import epoch_progress, print_numbers

__all__ = [
    "LAYER_NAMES",
    "RIDGE_X",
    "RIDGE_Y",
    "SIZES",
    "balance_numbers",
    "draw_layer_balance",
    "draw_layer_norms",
    "draw_ridge_path",
    "epoch_split",
    "nearest",
    "norms_at",
    "output_drift",
    "output_error_cross_entropy",
    "regularized_norm_not_larger",
    "ridge_at",
    "ridge_growth_end",
    "run_grid",
    "weight_table",
]

LAYER_NAMES = ("hidden", "output")
#: the exact two-feature ridge example of ``derivations.ridge_coefficient_grows``, as floats
RIDGE_X = np.array(derivations.RIDGE_X.tolist(), dtype=float)
RIDGE_Y = np.array(derivations.RIDGE_Y.tolist(), dtype=float).ravel()


# --------------------------------------------------------------------------------------------
# claims: they live in the registry (``helpers.derivations``); the names are kept for notebook 06
output_error_cross_entropy = derivations.output_error_cross_entropy
regularized_norm_not_larger = derivations.regularized_norm_not_larger


# --------------------------------------------------------------------------------------------
# the learner's table


def weight_table(weights) -> list[dict]:
    """Per layer (list of (n_out, n_in) arrays): ``count``, ``sum`` Σw, ``l1`` Σ|w| (entrywise),
    ``matrix_1_norm`` = ``np.linalg.norm(W, ord=1)`` (max over columns of Σ|w| in the column —
    what the question's code printed as "|W|"), ``sq_norm`` Σw², ``variance`` and ``rms``, and
    ``sum_noise`` = rms·√count, the typical size of Σw for random signs."""
    out = []
    for w in weights:
        w = np.asarray(w, dtype=float)
        rms = float(np.sqrt(np.mean(w**2)))
        out.append({
            "count": int(w.size),
            "sum": float(w.sum()),
            "l1": float(np.abs(w).sum()),
            "matrix_1_norm": float(np.linalg.norm(w, ord=1)),
            "sq_norm": float(np.vdot(w, w)),
            "variance": float(np.var(w)),
            "rms": rms,
            "sum_noise": rms * math.sqrt(w.size),
        })
    return out


def output_drift(net, X, y) -> dict:
    """Why the output layer's Σw drifts negative, measured on the set (X, y) for ``net``:
    ``sum_gradient`` Σ_jk ∂C0/∂w_jk of the output layer (positive: a gradient step lowers Σw),
    ``mean_hidden`` (mean hidden activation, > 0 for sigmoids), ``mean_output`` (mean output
    activation) against ``mean_target`` (0.1 for one-hot digits), ``negative_share`` of the
    output weights and ``negative_rows``, the number of output neurons with a negative row sum."""
    dW, _ = net.gradient(X, y)
    hidden = net._forward(np.asarray(X, float))[0][-1]
    W = net.weights[-1]
    k = W.shape[0]
    return {"sum_gradient": float(dW[-1].sum()), "mean_hidden": float(hidden.mean()),
            "mean_output": float(net.feedforward(X).mean()), "mean_target": 1.0 / k,
            "negative_share": float(np.mean(W < 0)),
            "negative_rows": int(np.sum(W.sum(axis=1) < 0))}


def epoch_split(history, epochs=(1, 2, 5, 30)) -> dict:
    """Per listed epoch e (1-based) and layer: the decay part and the gradient part of that
    epoch's change of ‖w‖², and the mean step norms ``a‖w‖`` and ‖g‖; also the hidden layer's
    saturated share at the start of the epoch. ``{e: {"decay": (L,), "gradient": (L,),
    "decay_step": (L,), "gradient_step": (L,), "saturated": float}}``."""
    out = {}
    for e in epochs:
        if not 1 <= e <= history.epochs:
            continue
        out[e] = {
            "decay": history.decay_part[e - 1],
            "gradient": history.gradient_part[e - 1],
            "decay_step": history.decay_step_norm[e - 1],
            "gradient_step": history.gradient_step_norm[e - 1],
            "saturated": float(history.saturated_share[e - 1, 0]),
        }
    return out


def balance_numbers(history) -> dict:
    """How far the two layers are from holding equal Σw², before and after training:
    ``hidden_share_start`` / ``hidden_share_end`` (the hidden layer's share of the total Σw²),
    ``imbalance_start`` / ``imbalance_end`` (hidden Σw² − output Σw²) and
    ``imbalance_pure_decay``: the start's imbalance after E epochs of decay alone,
    ``imbalance_start · (1 − a)^(2·⌈n/m⌉·E)`` — what it would be if, as in a homogeneous
    network (Du, Hu & Lee 2018), the data gradient moved Σw² between the layers without changing
    their difference."""
    sq = np.asarray(history.sq_norm, dtype=float)
    steps = history.steps_per_epoch * history.epochs
    d0, d1 = float(sq[0, 0] - sq[0, 1]), float(sq[-1, 0] - sq[-1, 1])
    return {"hidden_share_start": float(sq[0, 0] / sq[0].sum()),
            "hidden_share_end": float(sq[-1, 0] / sq[-1].sum()),
            "imbalance_start": d0, "imbalance_end": d1,
            "imbalance_pure_decay": d0 * (1.0 - history.a) ** (2 * steps)}


def draw_layer_balance(history) -> dict:
    """The argument of notebook 06 in one figure. Left: Σw² of each layer per epoch (log
    scale) and the hidden layer's start under decay alone, (1 − a)^(2k) after k steps. Right:
    the hidden layer's share of the total Σw², with the balanced 50%. Returns
    :func:`balance_numbers`."""
    f = balance_numbers(history)
    sq = np.asarray(history.sq_norm, dtype=float)
    e = history.epoch
    pure = sq[0, 0] * (1.0 - history.a) ** (2 * history.steps_per_epoch * e)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.6))
    for l, name in enumerate(LAYER_NAMES):
        ax1.semilogy(e, sq[:, l], "os"[l] + "-", ms=3, color=f"C{l}",
                     label=f"{name} ({n_weights(history.sizes[l:l + 2]):,} weights)")
    ax1.semilogy(e, pure, "k:", label="hidden start, decay alone")
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("Σw² of the layer")
    ax1.legend(fontsize=8)
    ax2.plot(e, sq[:, 0] / sq.sum(axis=1), "o-", ms=3, color="C0")
    ax2.axhline(0.5, color="grey", ls="--", lw=1, label="balanced layers")
    ax2.set_ylim(0, 1.02)
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("hidden share of Σw²")
    ax2.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return f


# --------------------------------------------------------------------------------------------
# the λ grid and its widget


def run_grid(X, y, lambdas, eta: float = 0.1, m: int = 10, epochs: int = 30, seed: int = 1,
             shuffle_seed: int = 2, init="large", evaluation=None, sizes=SIZES) -> dict:
    """One network per λ, all trained at once (``train_grid``) on the lean path
    (``instrument=False``: same weights bit for bit, only ``sq_norm``, ``rms`` and ``accuracy``
    recorded), from the same initialization and mini-batch order; returns ``{lmbda: History}``.
    """
    lambdas = [float(lm) for lm in lambdas]
    nets = [Network(sizes, init=init, seed=seed) for _ in lambdas]
    hists = train_grid(nets, X, y, epochs, m, eta, lmbda=lambdas, seed=shuffle_seed,
                       evaluation=evaluation, instrument=False,
                       progress=epoch_progress("λ grid"))
    return dict(zip(lambdas, hists, strict=True))


def norms_at(grid: dict, lmbda: float) -> dict:
    """Floats for the grid point nearest ``lmbda``: ``lmbda_grid``, ``sq_norm_hidden_start``,
    ``sq_norm_hidden_end``, ``sq_norm_output_start``, ``sq_norm_output_end``,
    ``sq_norm_total_end``, ``output_change`` (end/start of the output layer's ‖w‖²) and
    ``accuracy``."""
    lam = nearest(grid, lmbda)  # linear distance: the grid includes λ = 0
    h = grid[lam]
    sq = h.sq_norm
    return {
        "lmbda_grid": lam,
        "sq_norm_hidden_start": float(sq[0, 0]), "sq_norm_hidden_end": float(sq[-1, 0]),
        "sq_norm_output_start": float(sq[0, 1]), "sq_norm_output_end": float(sq[-1, 1]),
        "sq_norm_total_end": float(sq[-1].sum()),
        "output_change": float(sq[-1, 1] / sq[0, 1]),
        "accuracy": float(h.accuracy[-1]) if h.accuracy.size else float("nan"),
    }


def draw_layer_norms(lmbda: float, *, grid: dict) -> dict:
    """Left: ‖w‖² per layer and epoch at the grid λ nearest ``lmbda`` (log scale). Right: the
    final ‖w‖² of each layer against λ over the whole grid, the chosen λ marked. Prints the
    :func:`norms_at` as ``name = value`` lines and returns them."""
    f = norms_at(grid, lmbda)
    lam = f["lmbda_grid"]
    h = grid[lam]
    lams = sorted(grid)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.8))
    for l, name in enumerate(LAYER_NAMES):
        ax1.semilogy(h.epoch, h.sq_norm[:, l], "o-" if l == 0 else "s-", ms=3, color=f"C{l}",
                     label=f"{name} ({n_weights(h.sizes[l:l + 2]):,} weights)")
        ax2.semilogy(lams, [grid[x].sq_norm[-1, l] for x in lams], "o-" if l == 0 else "s-",
                     ms=4, color=f"C{l}", label=f"{name}, after {h.epochs} epochs")
        ax2.axhline(h.sq_norm[0, l], color=f"C{l}", ls=":", lw=1)
    ax2.axvline(lam, color="k", lw=0.8)
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("‖w‖² of the layer")
    ax1.set_title(f"λ = {lam:g}: output ‖w‖² × {f['output_change']:.2f}, "
                  f"accuracy {f['accuracy']:.1%}", fontsize=9)
    ax1.legend(fontsize=8)
    ax2.set_xlabel("λ")
    ax2.set_ylabel("‖w‖² after training")
    ax2.set_title("dotted: at initialization", fontsize=9)
    ax2.legend(fontsize=8)
    fig.tight_layout()
    print_numbers(f)
    return f


def ridge_growth_end() -> float:
    """α* of the ridge example: |w₂(α)| grows for 0 ≤ α < α*, the exact root of
    d(w₂²)/dα = 0 that ``derivations.ridge_coefficient_grows`` returns as its ``value``, as a
    float."""
    return float(derivations.ridge_coefficient_grows().value)


def ridge_at(alpha: float) -> dict:
    """Floats of the ridge example at ``alpha``: ``w1``, ``w2``, ``sq_norm``, the eigenvalues
    ``d_small`` ≤ ``d_large`` of XᵀX and their shrink factors ``shrink_small``,
    ``shrink_large`` = d/(d + α)."""
    w1, w2 = derivations.ridge_path(RIDGE_X, RIDGE_Y, [alpha])[0]
    d_small, d_large = np.linalg.eigvalsh(RIDGE_X.T @ RIDGE_X)
    return {"alpha": float(alpha), "w1": float(w1), "w2": float(w2),
            "sq_norm": float(w1**2 + w2**2),
            "d_small": float(d_small), "d_large": float(d_large),
            "shrink_small": float(d_small / (d_small + alpha)),
            "shrink_large": float(d_large / (d_large + alpha))}


def draw_ridge_path(alpha: float, alpha_max: float = 1.0) -> dict:
    """The ridge path of the two-feature example: w₁(α), |w₂(α)| and ‖w(α)‖ against α, the
    chosen α marked and the α* where |w₂| stops growing shaded. Prints :func:`ridge_at`."""
    f = ridge_at(alpha)
    alphas = np.linspace(0.0, alpha_max, 201)
    path = derivations.ridge_path(RIDGE_X, RIDGE_Y, alphas)
    a_star = ridge_growth_end()
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.plot(alphas, np.hypot(path[:, 0], path[:, 1]), "k-", lw=2, label="‖w(α)‖ (never rises)")
    ax.plot(alphas, path[:, 0], "C0-", label="w₁(α)")
    ax.plot(alphas, np.abs(path[:, 1]), "C1-", label="|w₂(α)|")
    ax.axvspan(0, a_star, color="C1", alpha=0.12, label=f"|w₂| grows: α < {a_star:.4f}")
    ax.axvline(alpha, color="k", lw=0.8)
    ax.set_xlabel("α (ridge strength)")
    ax.set_ylabel("coefficient")
    ax.set_title(f"α = {alpha:g}: w = ({f['w1']:.3f}, {f['w2']:.3f}), shrink factors "
                 f"{f['shrink_small']:.3f} and {f['shrink_large']:.3f}", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    print_numbers(f)
    return f

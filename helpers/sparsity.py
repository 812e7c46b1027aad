"""Notebook 07: L1 against L2 — the three update rules, chatter, exact zeros and sparsity.

The rules, for one weight, with the per-step decay rate ``a = eta * lmbda / n`` and the data
step ``g = (eta / len(B)) * sum dC_x/dw`` (the engine's ``penalty=`` names in brackets):

* L2 [``"l2"``]:            ``w <- (1 - a) w - g``
* L1 subgradient [``"l1"``]: ``w <- w - a sign(w) - g``      (the book's rule, ch. 3)
* L1 proximal [``"l1-prox"``]: ``w <- soft_threshold(w - g, a)``

The penalty is ``(lmbda / 2n) sum w^2`` for L2 and ``(lmbda / n) sum |w|`` for L1, as in the
book. :func:`run_grid` trains every (penalty, λ) at once (``train_grid``, the engine's lean
path) and keeps the final weights; :func:`sparsity_at` and the draw functions only look them
up.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from helpers.network import SIZES, Network, nearest, train_grid
from helpers.widgets import epoch_progress, print_numbers

__all__ = [
    "PENALTY_LABELS",
    "RULES",
    "SIZES",
    "draw_accuracy_vs_zeros",
    "CHAOTIC_LAMBDAS",
    "ENSEMBLE_KEYS",
    "ENSEMBLE_SEEDS",
    "draw_sparsity",
    "ensemble_step",
    "ensemble_text",
    "excess_kurtosis",
    "l1_prox_step",
    "l1_subgradient_step",
    "l2_step",
    "nearest",
    "rounding_margin",
    "ulp_spread",
    "run_grid",
    "seed_ensemble",
    "sparsity",
    "sparsity_at",
    "trajectory",
    "zeros_on_blank_pixels",
]

PENALTY_LABELS = {"l2": "L2", "l1": "L1 subgradient", "l1-prox": "L1 proximal"}


def l2_step(w, g, a):
    """w <- (1 - a) w - g."""
    return (1.0 - a) * np.asarray(w, float) - g


def l1_subgradient_step(w, g, a):
    """w <- w - a sign(w) - g (sign(0) = 0)."""
    w = np.asarray(w, float)
    return w - a * np.sign(w) - g


def l1_prox_step(w, g, a):
    """w <- sign(v) max(|v| - a, 0) with v = w - g."""
    v = np.asarray(w, float) - g
    return np.sign(v) * np.maximum(np.abs(v) - a, 0.0)


RULES = {"l2": l2_step, "l1": l1_subgradient_step, "l1-prox": l1_prox_step}


def trajectory(rule: str, w0: float, a: float, steps: int, g=0.0) -> np.ndarray:
    """The weight after 0..steps applications of ``RULES[rule]`` with a constant (or per-step
    array) data step ``g``; shape (steps + 1,)."""
    gs = np.broadcast_to(np.asarray(g, float), (steps,))
    out = np.empty(steps + 1)
    out[0] = w = float(w0)
    for k in range(steps):
        w = float(RULES[rule](w, gs[k], a))
        out[k + 1] = w
    return out


def sparsity(weights, a: float) -> dict:
    """Shares over all weights (list of arrays): ``zero`` (exactly 0.0), ``band`` (|w| < a),
    ``band2`` (|w| < 2a), and per layer ``zero_hidden``, ``zero_output``, ``band_hidden``,
    ``band_output``; also ``rms``."""
    flat = np.concatenate([np.ravel(w) for w in weights])
    out = {"zero": float(np.mean(flat == 0.0)), "band": float(np.mean(np.abs(flat) < a)),
           "band2": float(np.mean(np.abs(flat) < 2 * a)),
           "rms": float(np.sqrt(np.mean(flat**2)))}
    for name, w in zip(("hidden", "output"), weights, strict=False):
        out[f"zero_{name}"] = float(np.mean(w == 0.0))
        out[f"band_{name}"] = float(np.mean(np.abs(w) < a))
    return out


def zeros_on_blank_pixels(w_hidden, X) -> dict:
    """Where the exact zeros of the hidden layer (shape (n_hidden, 784)) sit: ``blank_pixels``
    (pixels that are 0 in every row of X), ``blank_weights`` (hidden weights fed by them),
    ``zeros`` (hidden weights exactly 0), ``zeros_on_blank`` (of those, fed by a blank pixel)
    and ``share_on_blank`` = zeros_on_blank / zeros (NaN without zeros). Counts are ints."""
    w = np.asarray(w_hidden, float)
    blank = np.all(np.asarray(X, float) == 0.0, axis=0)
    is_zero = w == 0.0
    zeros = int(is_zero.sum())
    on_blank = int(is_zero[:, blank].sum())
    return {"blank_pixels": int(blank.sum()), "blank_weights": int(blank.sum()) * w.shape[0],
            "zeros": zeros, "zeros_on_blank": on_blank,
            "share_on_blank": on_blank / zeros if zeros else float("nan")}


def excess_kurtosis(x) -> float:
    """E[(x - mean)^4] / Var^2 - 3: 0 for a normal, -1.2 for a uniform, large for a spike;
    NaN when every value is the same."""
    x = np.ravel(np.asarray(x, float))
    c = x - x.mean()
    var = float(np.mean(c**2))
    return float(np.mean(c**4) / var**2 - 3.0) if var > 0 else float("nan")


def run_grid(X, y, lambdas, penalties=("l2", "l1", "l1-prox"), eta: float = 0.5, m: int = 10,
             epochs: int = 10, init="default", seed: int = 1, shuffle_seed: int = 2,
             evaluation=None, sizes=SIZES) -> dict:
    """One network per (penalty, λ), all trained at once (``train_grid``) on the lean path from
    the same initialization and mini-batch order; returns ``{(penalty, lmbda): dict}`` with
    ``weights`` (the final weight arrays), ``accuracy`` (final, on ``evaluation``) and
    ``history`` (its ``a`` is eta*lmbda/n)."""
    keys = [(pen, float(lm)) for pen in penalties for lm in lambdas]
    nets = [Network(sizes, init=init, seed=seed) for _ in keys]
    hists = train_grid(nets, X, y, epochs, m, eta, lmbda=[lm for _, lm in keys],
                       penalty=[pen for pen, _ in keys], seed=shuffle_seed,
                       evaluation=evaluation, instrument=False,
                       progress=epoch_progress("λ grid"))
    return {key: {"weights": net.weights, "history": h,
                  "accuracy": float(h.accuracy[-1]) if h.accuracy.size else float("nan")}
            for key, net, h in zip(keys, nets, hists, strict=True)}


def sparsity_at(grid: dict, lmbda: float, penalty: str) -> dict:
    """Floats for the grid point (penalty, nearest λ): ``lmbda_grid``, ``a``, the shares of
    :func:`sparsity` (``zero``, ``band``, ``zero_hidden``, ``zero_output``, ``band_hidden``),
    ``nonzero_per_1000`` (non-zero weights per 1,000), ``rms``, ``excess_kurtosis_hidden`` and
    ``accuracy``."""
    lam = nearest([k[1] for k in grid], lmbda, scale="log")
    cell = grid[penalty, lam]
    a = cell["history"].a
    s = sparsity(cell["weights"], a)
    return {
        "lmbda_grid": lam, "a": a,
        "zero": s["zero"], "band": s["band"], "zero_hidden": s["zero_hidden"],
        "zero_output": s["zero_output"], "band_hidden": s["band_hidden"],
        "nonzero_per_1000": 1000 * (1 - s["zero"]), "rms": s["rms"],
        "excess_kurtosis_hidden": excess_kurtosis(cell["weights"][0]),
        "accuracy": cell["accuracy"],
    }


#: The statistics of :func:`sparsity_at` whose spread :func:`ulp_spread` measures.
SPREAD_KEYS = ("band", "band_hidden", "rms", "excess_kurtosis_hidden", "accuracy")


def ulp_spread(X, y, lambdas, penalty: str = "l1", copies: int = 4, eta: float = 0.5,
               m: int = 10, epochs: int = 10, init="default", seed: int = 1,
               shuffle_seed: int = 2, evaluation=None, sizes=SIZES) -> dict:
    """How far each statistic moves when the start moves by rounding alone.

    For each λ, ``copies`` networks start from the same initialization with every weight moved
    by 0, 1, ..., copies - 1 ulps (towards zero) — the size of difference another CPU's
    rounding makes — and train exactly like :func:`run_grid`. Returns ``{lmbda: {key: max -
    min over the copies}}`` for ``SPREAD_KEYS``. The L1 subgradient rule's chatter inside the
    band makes its statistics chaotic: printed digits must stay above this spread.
    """
    if not isinstance(copies, int) or copies < 2:
        raise ValueError(f"copies must be an integer >= 2, got {copies!r}")
    keys = [(float(lm), k) for lm in lambdas for k in range(copies)]
    nets = []
    for _, k in keys:
        net = Network(sizes, init=init, seed=seed)
        for w in net.weights:
            for _ in range(k):
                np.copyto(w, np.nextafter(w, 0.0))
        nets.append(net)
    hists = train_grid(nets, X, y, epochs, m, eta, lmbda=[lm for lm, _ in keys],
                       penalty=penalty, seed=shuffle_seed, evaluation=evaluation,
                       instrument=False, progress=epoch_progress("ulp copies"))
    stats = _statistics_by_lambda(keys, nets, hists, penalty, SPREAD_KEYS)
    return {lm: {key: float(np.ptp(v)) for key, v in d.items()} for lm, d in stats.items()}


def _statistics_by_lambda(keys, nets, hists, penalty, names) -> dict:
    """``{lmbda: {name: list over runs}}`` of :func:`sparsity_at`'s ``names`` for trained runs
    ``nets`` / ``hists`` keyed ``(lmbda, anything)``, in the order of ``keys``."""
    out: dict = {}
    for (lm, _), net, h in zip(keys, nets, hists, strict=True):
        cell = {"weights": net.weights, "history": h,
                "accuracy": float(h.accuracy[-1]) if h.accuracy.size else float("nan")}
        f = sparsity_at({(penalty, lm): cell}, lm, penalty)
        for key in names:
            out.setdefault(lm, {}).setdefault(key, []).append(f[key])
    return out


#: The λ of notebook 07's grid at which the subgradient rule's chatter is chaotic: starts one ulp
#: apart end with different statistics there (``tests/test_sparsity.py`` measures it with
#: :func:`ulp_spread`), and another BLAS kernel prints other digits for a single run.
CHAOTIC_LAMBDAS = (5.0, 10.0)
#: The seeds of the ensemble that replaces a single chaotic run: run s starts from the
#: initialization drawn with seed s and shuffles with seed s + 1, so seed 1 is the grid's own run.
ENSEMBLE_SEEDS = tuple(range(1, 9))
#: The statistics of :func:`sparsity_at` that :func:`seed_ensemble` collects.
ENSEMBLE_KEYS = ("zero", "band", "rms", "excess_kurtosis_hidden", "accuracy")


def seed_ensemble(X, y, lambdas, seeds=ENSEMBLE_SEEDS, penalty: str = "l1", eta: float = 0.5,
                  m: int = 10, epochs: int = 10, init="default", evaluation=None,
                  sizes=SIZES) -> dict:
    """The same training as :func:`run_grid` repeated over ``seeds`` (initialization seed s,
    shuffling seed s + 1), all at once. Returns ``{lmbda: {key: array over seeds}}`` for
    ``ENSEMBLE_KEYS``. A chaotic statistic is reported as the ensemble's mean and standard
    deviation (:func:`ensemble_text`): another CPU moves each run a little, the mean of eight
    runs far less than its printed step."""
    seeds = [int(s) for s in seeds]
    if len(seeds) < 2:
        raise ValueError(f"seeds must hold at least two seeds, got {seeds!r}")
    keys = [(float(lm), s) for lm in lambdas for s in seeds]
    nets = [Network(sizes, init=init, seed=s) for _, s in keys]
    hists = train_grid(nets, X, y, epochs, m, eta, lmbda=[lm for lm, _ in keys],
                       penalty=penalty, seed=[s + 1 for _, s in keys], evaluation=evaluation,
                       instrument=False, progress=epoch_progress("seed ensemble"))
    out = _statistics_by_lambda(keys, nets, hists, penalty, ENSEMBLE_KEYS)
    return {lm: {key: np.asarray(v) for key, v in d.items()} for lm, d in out.items()}


def ensemble_step(values) -> float:
    """The printed step of an ensemble's mean: its second significant figure,
    ``10**(floor(log10|mean|) - 1)`` (0.1 for a mean of exactly 0)."""
    mean = float(np.mean(values))
    return 10.0 ** (np.floor(np.log10(abs(mean))) - 1) if mean != 0 else 0.1


def ensemble_text(values, percent: bool = False) -> str:
    """``"mean ± sd"`` of an ensemble (sd with ddof=1), both rounded to :func:`ensemble_step`
    (the mean's second significant figure); ``percent`` prints shares as ``"85 ± 2%"``.
    The digits shown must survive another CPU: ``tests/test_sparsity.py`` asserts that each
    printed value lies more than three times its one-ulp shift from a rounding boundary."""
    v = np.asarray(values, float)
    scale = 100.0 if percent else 1.0
    step = ensemble_step(v * scale)
    decimals = max(0, int(-np.floor(np.log10(step) + 1e-9)))
    mean, sd = (round(float(x) * scale / step) * step for x in (v.mean(), v.std(ddof=1)))
    text = f"{mean:.{decimals}f} ± {abs(sd):.{decimals}f}"
    return text + "%" if percent else text


def rounding_margin(value: float, step: float) -> float:
    """How far ``value`` may move before its rounding to a multiple of ``step`` changes: the
    distance to the nearest half-step boundary, ``|value/step - floor(value/step) - 1/2| *
    step``, in [0, step/2]. A printed chaotic statistic survives another CPU's rounding when
    this exceeds the statistic's spread over starts one ulp apart (:func:`ulp_spread`)."""
    q = float(value) / step
    return abs(q - np.floor(q) - 0.5) * step


def draw_sparsity(lmbda: float, penalty: str, *, grid: dict, digits: int = 4,
                  numbers: bool = True) -> dict:
    """Histogram of the hidden layer's final weights at (penalty, nearest λ), log counts, the
    band ±a shaded and exact zeros drawn as their own bar. Prints :func:`sparsity_at` to
    ``digits`` significant digits unless ``numbers`` is False (a chaotic run's digits depend on
    the CPU: see :func:`seed_ensemble`)."""
    f = sparsity_at(grid, lmbda, penalty)
    lam, a = f["lmbda_grid"], f["a"]
    w = grid[penalty, lam]["weights"][0].ravel()
    fig, ax = plt.subplots(figsize=(7, 3.8))
    lim = max(float(np.abs(w).max()), 4 * a, 1e-3)
    bins = np.linspace(-lim, lim, 121)
    nonzero = w[w != 0.0]
    ax.hist(nonzero, bins=bins, color="C0", label="non-zero weights")
    zeros = int(np.sum(w == 0.0))
    if zeros:
        ax.bar(0.0, zeros, width=(bins[1] - bins[0]) * 0.6, color="C3",
               label=f"exactly 0: {zeros:,}")
    ax.axvspan(-a, a, color="C1", alpha=0.25, label=f"|w| < a = ηλ/n = {a:.2g}")
    ax.set_yscale("log")
    ax.set_xlabel("hidden-layer weight")
    ax.set_ylabel("count (log)")
    ax.set_title(f"{PENALTY_LABELS[penalty]}, λ = {lam:g}: {f['zero']:.1%} exact zeros, "
                 f"{f['band']:.1%} in the band, accuracy {f['accuracy']:.1%}", fontsize=9)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    if numbers:
        print_numbers(f, digits=digits)
    return f


def draw_accuracy_vs_zeros(grid: dict) -> dict:
    """Validation accuracy against the share of zero weights (L1 proximal) and against the
    share with |w| < a (L1 subgradient, L2), one point per λ. Returns ``{penalty: (shares,
    accuracies)}``."""
    fig, ax = plt.subplots(figsize=(7, 3.8))
    out = {}
    for i, pen in enumerate(("l1-prox", "l1", "l2")):
        lams = sorted(k[1] for k in grid if k[0] == pen)
        if not lams:
            continue
        key = "zero" if pen == "l1-prox" else "band"
        shares = [sparsity_at(grid, lm, pen)[key] for lm in lams]
        accs = [grid[pen, lm]["accuracy"] for lm in lams]
        out[pen] = (shares, accs)
        label = PENALTY_LABELS[pen] + (": exact zeros" if key == "zero" else ": |w| < a")
        ax.plot(shares, accs, "os^"[i] + "-", ms=5, color=f"C{i}", label=label)
        for s, acc, lm in zip(shares, accs, lams, strict=True):
            if pen == "l1-prox":
                ax.annotate(f"λ={lm:g}", (s, acc), textcoords="offset points", xytext=(4, -10),
                            fontsize=7)
    ax.set_xlabel("share of weights")
    ax.set_ylabel("validation accuracy")
    ax.set_title("accuracy against sparsity, one point per λ", fontsize=9)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return out

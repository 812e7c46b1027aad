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
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations
from helpers.network import Network, cross_entropy
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


# --------------------------------------------------------------------------------------------
# the tail-off level: one definition for the whole course

#: The tail-off level is measured over the last third of a run (``E // 3`` epochs, at least 1):
#: epochs 21-30 of a 30-epoch run, 81-120 of a 120-epoch run. The same rule is applied to the
#: book's backed-out Σw² (:func:`tail_window`).
TAIL_FRACTION = 3


def tail_window(epochs: int) -> tuple[int, int]:
    """First and last epoch (1-based, inclusive) of the tail window of a run of ``epochs``:
    ``(epochs - epochs // 3 + 1, epochs)``. ``epochs`` must be >= 1."""
    epochs = int(epochs)
    if epochs < 1:
        raise ValueError(f"epochs must be >= 1, got {epochs}")
    k = max(1, epochs // TAIL_FRACTION)
    return epochs - k + 1, epochs


def tail_off_level(sq_norm, layer_sizes) -> np.ndarray:
    """THE tail-off level of the course: per layer and over all weights, shape (L + 1,).

    ``sq_norm`` is the per-epoch Σw² of each layer, shape (E + 1, L) with row 0 the state before
    training (as ``History.sq_norm``), or shape (E,) for one series of epochs 1..E (a book's
    log: then ``layer_sizes`` is one number, the weights it covers). The level of a layer is
    ``sqrt(mean over the tail window of Σw² / its number of weights)``: the root of the mean
    square weight over the last third of the run; the last entry is the same over all weights.
    """
    s = np.asarray(sq_norm, dtype=float)
    if s.ndim == 1:  # epochs 1..E of one series
        first, last = tail_window(len(s))
        return np.array([math.sqrt(float(np.mean(s[first - 1:last])) / float(layer_sizes))])
    first, last = tail_window(len(s) - 1)
    mean = s[first:last + 1].mean(axis=0)
    counts = np.asarray(layer_sizes, dtype=float)
    return np.sqrt(np.r_[mean / counts, mean.sum() / counts.sum()])


# --------------------------------------------------------------------------------------------
# training with the per-step norm budget


@dataclass
class Budget:
    """One training run with the exact per-step budget of ``||w||^2``, summed per epoch.

    Each step, per layer, with ``a = eta*lmbda/n`` and ``g = (eta/len(B)) sum dC_x/dw``:
    ``||w'||^2 - ||w||^2 = ((1-a)^2 - 1)||w||^2 - 2(1-a)<w, g> + ||g||^2`` =
    decay + radial + jitter (``derivations.norm_step_identity``). Arrays of shape (E, L) hold
    epoch e + 1 in row e; ``sq_norm`` is (E + 1, L) with row 0 before training. ``angle``: mean
    over the epoch's steps of the angle (radians) between w and w'. ``c0``: training-set
    cross-entropy after each epoch of the tail window (NaN elsewhere), shape (E + 1,).
    ``mean_in_sq``: E[x^2] of each layer's inputs over the training set at the end, (L,).
    ``stat_ratio``, ``stat_corr``: ||dC0/dw|| / ||(lmbda/n) w|| and the correlation of
    (lmbda/n) w with -dC0/dw over the weights, at the end, (L,). ``sq_every``: with
    ``record_every = k``, Σw² per layer after every k-th step, (steps // k + 1, L).
    """

    sizes: tuple
    init: object
    seed: int
    shuffle_seed: int
    eta: float
    lmbda: float
    m: int
    n: int
    epochs: int
    sq_norm: np.ndarray
    decay: np.ndarray
    radial: np.ndarray
    jitter: np.ndarray
    angle: np.ndarray
    c0: np.ndarray
    accuracy: float
    mean_in_sq: np.ndarray
    stat_ratio: np.ndarray
    stat_corr: np.ndarray
    sq_every: np.ndarray | None = None
    record_every: int | None = None
    weights: list | None = None
    biases: list | None = None

    @property
    def a(self) -> float:
        return self.eta * self.lmbda / self.n

    @property
    def steps_per_epoch(self) -> int:
        return -(-self.n // self.m)

    @property
    def layer_sizes(self) -> np.ndarray:
        return np.array([a * b for a, b in zip(self.sizes[:-1], self.sizes[1:], strict=True)])

    @property
    def level(self) -> np.ndarray:
        """:func:`tail_off_level` of this run: (L + 1,), the last entry over all weights."""
        return tail_off_level(self.sq_norm, self.layer_sizes)


def _sigmoid_array(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def _forward_all(X, ws, bs):
    acts = [X]
    for w, b in zip(ws, bs, strict=True):
        acts.append(_sigmoid_array(acts[-1] @ w.T + b))
    return acts


def train_budget(X, y, sizes, *, init="default", seed=1, shuffle_seed=101, epochs=30, m=10,
                 eta=0.5, lmbda=5.0, evaluation=None, start=None, record_every=None,
                 keep=False) -> Budget:
    """Train like :meth:`Network.train` (the same initial draws, shuffles and updates, weight for
    weight) and record the per-step budget of ``||w||^2`` (see :class:`Budget`).

    ``start`` = (weights, biases) replaces the initial draws (biases of shape (n_out,) or
    (n_out, 1)); ``keep`` stores the final parameters in the Budget. ``X`` (N, sizes[0]) in
    [0, 1], ``y`` (N,) labels; ``evaluation`` = (X_eval, y_eval) for the final accuracy.
    """
    sizes = tuple(int(s) for s in sizes)
    if np.shape(X) != (len(y), sizes[0]):
        raise ValueError(f"X must have shape (len(y), sizes[0]) = ({len(y)}, {sizes[0]}), "
                         f"got {np.shape(X)}")
    n = len(X)
    if not 1 <= m <= n:
        raise ValueError(f"m must be between 1 and n = {n}, got {m}")
    if not (eta > 0 and lmbda >= 0 and eta * lmbda < n):
        raise ValueError(f"need eta > 0, lmbda >= 0 and eta*lmbda < n = {n}; got eta = {eta}, "
                         f"lmbda = {lmbda}")
    if start is None:
        net = Network(sizes, init=init, seed=seed)
        ws = [np.array(w, dtype=float) for w in net.weights]
        bs = [np.array(b, dtype=float).reshape(-1) for b in net.biases]
    else:
        ws = [np.array(w, dtype=float) for w in start[0]]
        bs = [np.array(b, dtype=float).reshape(-1) for b in start[1]]
    L, a = len(ws), eta * lmbda / n
    oma = 1.0 - a
    Y = np.zeros((n, sizes[-1]))
    Y[np.arange(n), np.asarray(y, dtype=np.intp)] = 1.0
    rng = np.random.default_rng(shuffle_seed)
    E = int(epochs)
    sq = np.empty((E + 1, L))
    decay, radial, jitter, angle = (np.zeros((E, L)) for _ in range(4))
    c0 = np.full(E + 1, np.nan)
    first, _ = tail_window(E)
    sq[0] = [np.vdot(w, w) for w in ws]
    steps = [(k, min(k + m, n)) for k in range(0, n, m)]
    every = [] if record_every else None
    if every is not None:
        every.append(sq[0].copy())
    step_no = 0
    for e in range(E):
        order = rng.permutation(n)
        Ye = Y[order]
        acc = np.zeros((4, L))
        for lo, hi in steps:
            xb, yb, coef = X[order[lo:hi]], Ye[lo:hi], eta / (hi - lo)
            acts, zls = [xb], []
            for w, b in zip(ws, bs, strict=True):
                zl = acts[-1] @ w.T
                zls.append(zl)
                acts.append(_sigmoid_array(zl + b))
            dc = (acts[-1] - yb) * coef
            for l in range(L - 1, -1, -1):
                w, a_in = ws[l], acts[l]
                g = dc.T @ a_in
                gb = dc.sum(axis=0)
                if l > 0:
                    dprev = (dc @ w) * (a_in * (1.0 - a_in))
                ww = float(np.vdot(w, w))
                wg = float(np.vdot(dc, zls[l]))  # <w, g> without a pass over w
                gg = float(np.vdot(g, g))
                acc[0, l] += (oma * oma - 1.0) * ww
                acc[1, l] -= 2.0 * oma * wg
                acc[2, l] += gg
                norm = math.sqrt(ww)
                acc[3, l] += math.atan2(math.sqrt(max(gg - wg * wg / ww, 0.0)),
                                        oma * norm - wg / norm)
                w *= oma
                w -= g
                bs[l] -= gb
                if l > 0:
                    dc = dprev
            step_no += 1
            if every is not None and step_no % record_every == 0:
                every.append([float(np.vdot(w, w)) for w in ws])
        decay[e], radial[e], jitter[e] = acc[0], acc[1], acc[2]
        angle[e] = acc[3] / len(steps)
        sq[e + 1] = [np.vdot(w, w) for w in ws]
        if not np.all(np.isfinite(sq[e + 1])):
            raise ValueError(f"training diverged in epoch {e + 1} (eta = {eta}, lmbda = {lmbda})")
        if e + 1 >= first:
            z = _forward_all(X, ws[:-1], bs[:-1])[-1] @ ws[-1].T + bs[-1]
            c0[e + 1] = float(np.mean(cross_entropy(z, Y)))
    acts = _forward_all(X, ws, bs)
    mean_in_sq = np.array([float(np.mean(act * act)) for act in acts[:-1]])
    nabla, _ = _full_gradient(acts, Y, ws)
    ratio, corr = np.empty(L), np.empty(L)
    for l, (w, gw) in enumerate(zip(ws, nabla, strict=True)):
        pull = (lmbda / n) * w
        ratio[l] = np.linalg.norm(gw) / np.linalg.norm(pull)
        corr[l] = np.corrcoef(pull.ravel(), -gw.ravel())[0, 1]
    accuracy = float("nan")
    if evaluation is not None:
        Xe, ye = evaluation
        accuracy = float(np.mean(np.argmax(_forward_all(Xe, ws, bs)[-1], axis=1) == ye))
    return Budget(sizes, init, seed, shuffle_seed, float(eta), float(lmbda), int(m), n, E, sq,
                  decay, radial, jitter, angle, c0, accuracy, mean_in_sq, ratio, corr,
                  None if every is None else np.array(every), record_every,
                  ws if keep else None, bs if keep else None)


def _full_gradient(acts, Y, ws):
    """dC0/dW per layer (mean over the N rows) from a forward pass ``acts``."""
    delta = acts[-1] - Y
    out = [None] * len(ws)
    for l in range(len(ws) - 1, -1, -1):
        out[l] = delta.T @ acts[l] / len(Y)
        if l > 0:
            delta = (delta @ ws[l]) * (acts[l] * (1.0 - acts[l]))
    return out, None


def pooled(X, k: int):
    """k×k mean-pooled 28×28 digits: (N, 784) -> (N, (28/k)^2), values stay in [0, 1]."""
    if k not in (1, 2, 4, 7):
        raise ValueError(f"k must divide 28 (1, 2, 4 or 7), got {k}")
    if k == 1:
        return np.asarray(X, dtype=float)
    X = np.asarray(X, dtype=float).reshape(len(X), 28 // k, k, 28 // k, k)
    return X.mean(axis=(2, 4)).reshape(len(X), -1)


def relaxation_time(sq_every, record_every, steps_per_epoch, equilibrium) -> np.ndarray:
    """Epochs until the excess Σw² − equilibrium of each layer first falls to 1/e of its
    starting value (linear interpolation between records), shape (L,); NaN if never."""
    s = np.asarray(sq_every, dtype=float)
    excess = (s - equilibrium) / (s[0] - equilibrium)
    t = np.arange(len(s)) * record_every / steps_per_epoch
    out = np.full(s.shape[1], np.nan)
    for l in range(s.shape[1]):
        below = np.flatnonzero(excess[:, l] <= 1 / math.e)
        if below.size:
            k = below[0]
            x0, x1 = excess[k - 1, l], excess[k, l]
            out[l] = t[k - 1] + (x0 - 1 / math.e) / (x0 - x1) * (t[k] - t[k - 1])
    return out

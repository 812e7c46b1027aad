"""Notebooks 04 and 08: where the decay stops, measured against the heuristics of part (3).

* The tail-off level, one definition for the course (:func:`tail_off_level`, the RMS over the
  last third of a run, :func:`tail_window`).
* :func:`train_budget` / :func:`train_budgets`: runs of the engine (``train_grid``) with the
  per-step budget of ``||w||^2`` (decay, radial, jitter) it records, and the stationarity
  figures of the final network.
* The stored sweeps (``data/sweeps/*.json``, written by ``tools/sweep_tailoff.py``):
  :func:`load_sweep`, their levels, log-log slopes and the heuristics fed with each run's
  measured inputs (:func:`run_heuristics`); old and new init "have met" when their levels
  agree to ``MEET_TOLERANCE`` (relative).
* The explorers of notebook 04 over the stored grid and width sweep: what they print comes from
  :func:`sweep_point_numbers` and :func:`width_point_numbers`.

Weight counts come from :func:`helpers.network.n_weights` (:func:`layer_weights` per layer).
Shapes: ``History.rms`` is (E + 1, L); per-λ tables are (len(lambdas), L).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from helpers.mechanism import RunMechanism
from helpers.mechanism import measure as measure_mechanism
from helpers.network import SIZES, Network, n_weights, train_grid
from helpers.widgets import print_numbers

__all__ = [
    "Budget",
    "DRIFT_TOLERANCE",
    "Drift",
    "HEURISTICS",
    "HEURISTIC_NAMES",
    "LABEL_WIDTH",
    "LAYER_NAMES",
    "LAYERS",
    "MEET_TOLERANCE",
    "init_gap",
    "SIZES",
    "SWEEP_NAMES",
    "Slope",
    "Sweep",
    "TAIL_FRACTION",
    "accuracy_sweep",
    "collapse_lambda",
    "combined_levels",
    "draw_sweep_point",
    "draw_width_point",
    "heuristic_label",
    "layer_weights",
    "levels",
    "load_sweep",
    "met",
    "pooled",
    "relaxation_time",
    "run_heuristics",
    "run_level",
    "slope",
    "sweep_heuristics",
    "tail_drift",
    "tail_off_level",
    "tail_window",
    "train_budget",
    "train_budgets",
]

#: old and new init "have met" when their equilibrium RMS differ by less than this (relative)
MEET_TOLERANCE = 0.05


def layer_weights(sizes) -> np.ndarray:
    """The number of weights of each layer, ``n_weights((n_in, n_out))`` per pair of adjacent
    widths, shape (L,) (integers); they add up to ``n_weights(sizes)`` = N_w."""
    sizes = tuple(sizes)
    return np.array([n_weights(pair) for pair in zip(sizes[:-1], sizes[1:], strict=True)])


def accuracy_sweep(X, y, lambdas, evaluation, eta: float = 0.5, m: int = 10, epochs: int = 10,
                   init="default", seed: int = 1, shuffle_seed: int = 2) -> dict:
    """Final validation accuracy and RMS per layer for each λ (new init, short runs), all λ
    trained at once (``train_grid``, lean path)."""
    nets = [Network(SIZES, init=init, seed=seed) for _ in lambdas]
    hists = train_grid(nets, X, y, epochs, m, eta, lmbda=[float(lm) for lm in lambdas],
                       seed=shuffle_seed, evaluation=evaluation, instrument=False)
    return {"lmbda": np.asarray(lambdas, float),
            "accuracy": np.array([h.accuracy[-1] for h in hists]),
            "rms": np.array([h.rms[-1] for h in hists])}


def collapse_lambda(sweep: dict, level: float = 0.2) -> float:
    """Smallest λ of the sweep whose final accuracy is at most ``level`` (nan if none)."""
    hit = np.flatnonzero(sweep["accuracy"] <= level)
    return float(sweep["lmbda"][hit[0]]) if hit.size else float("nan")


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


#: a run has settled when ln Σw² of every layer and of all weights changes by less than this
#: across its tail window (the fitted slope times the window's span, :func:`tail_drift`)
DRIFT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Drift:
    """The drift of ln Σw² across a run's tail window, per layer and over all weights (L + 1,):
    ``per_epoch`` the least-squares slope of ln Σw² against the epoch over the window,
    ``across`` = slope × (last − first), the fitted change of ln Σw² from the window's first to
    its last epoch (0.01 ≈ 1%). ``window`` = (first, last) epochs."""

    per_epoch: np.ndarray
    across: np.ndarray
    window: tuple

    @property
    def settled(self) -> bool:
        """|across| < DRIFT_TOLERANCE for every layer and for all weights."""
        return bool(np.all(np.abs(self.across) < DRIFT_TOLERANCE))


def tail_drift(sq_norm) -> Drift:
    """:class:`Drift` of a run's per-epoch Σw² ``sq_norm``, shape (E + 1, L) with row 0 before
    training (as ``History.sq_norm`` and the stored runs): the slope of ln Σw²_ℓ (and of
    ln Σ_ℓ Σw²_ℓ) against the epoch, fitted over the tail window (:func:`tail_window`)."""
    s = np.asarray(sq_norm, dtype=float)
    if s.ndim != 2 or len(s) < 3:
        raise ValueError(f"sq_norm must have shape (E + 1, L) with E >= 2, got {s.shape}")
    first, last = tail_window(len(s) - 1)
    if last - first < 1:
        first = last - 1  # at least two epochs to fit a slope
    y = np.log(np.c_[s, s.sum(axis=1)][first:last + 1])
    t = np.arange(first, last + 1, dtype=float)
    slope = np.polyfit(t, y, 1)[0]
    return Drift(slope, slope * (last - first), (first, last))


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
    ``mechanism``: :func:`helpers.mechanism.measure` of the final network on the training set
    (α*_ℓ, the push s_ℓ and pull (λ/n)‖w_ℓ‖², C₀, the margin, the hidden pre-activations'
    spread).
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
    mechanism: RunMechanism | None = None

    @property
    def a(self) -> float:
        return self.eta * self.lmbda / self.n

    @property
    def steps_per_epoch(self) -> int:
        return -(-self.n // self.m)

    @property
    def layer_sizes(self) -> np.ndarray:
        return layer_weights(self.sizes)

    @property
    def level(self) -> np.ndarray:
        """:func:`tail_off_level` of this run: (L + 1,), the last entry over all weights."""
        return tail_off_level(self.sq_norm, self.layer_sizes)


def train_budget(X, y, sizes, *, init="default", seed=1, shuffle_seed=101, epochs=30, m=10,
                 eta=0.5, lmbda=5.0, evaluation=None, start=None, record_every=None,
                 keep=False) -> Budget:
    """One run of :meth:`Network.train` (initial draws ``seed``, shuffles ``shuffle_seed``) with
    its per-step budget of ``||w||^2`` (see :class:`Budget`): :func:`train_budgets` of one run.

    ``start`` = (weights, biases) replaces the initial draws (biases of shape (n_out,) or
    (n_out, 1)); ``keep`` stores the final parameters in the Budget. ``X`` (N, sizes[0]) in
    [0, 1], ``y`` (N,) labels; ``evaluation`` = (X_eval, y_eval) for the final accuracy.
    """
    return train_budgets(X, y, sizes, [(init, seed, shuffle_seed)], epochs=epochs, m=m, eta=eta,
                         lmbda=lmbda, evaluation=evaluation,
                         starts=None if start is None else [start], record_every=record_every,
                         keep=keep)[0]


def train_budgets(X, y, sizes, runs, *, epochs=30, m=10, eta=0.5, lmbda=5.0, evaluation=None,
                  starts=None, record_every=None, keep=False) -> list[Budget]:
    """Several runs of one setting, trained at once (:func:`helpers.network.train_grid`, the
    instrumented path), each the same as alone: ``runs`` is a list of ``(init, seed,
    shuffle_seed)``; ``starts`` (optional) one ``(weights, biases)`` per run. The budget is
    the engine's own per-step split (``History.decay_part``, ``radial_part``, ``jitter_part``,
    ``turning_angle``); the stationarity figures are computed from each final network."""
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
    nets = [Network(sizes, init=init, seed=seed) for init, seed, _ in runs]
    if starts is not None and len(starts) != len(runs):
        raise ValueError(f"starts must give one (weights, biases) per run: {len(runs)} runs, "
                         f"got {len(starts)}")
    for net, start in zip(nets, starts or (), strict=False):
        net.weights = [np.array(w, dtype=float) for w in start[0]]
        net.biases = [np.array(b, dtype=float).reshape(-1, 1) for b in start[1]]
    hists = train_grid(nets, X, y, int(epochs), m, eta, float(lmbda),
                       seed=[shuffle for _, _, shuffle in runs], evaluation=evaluation,
                       record_every=record_every)
    first, _ = tail_window(int(epochs))
    out = []
    for net, h, (init, seed, shuffle) in zip(nets, hists, runs, strict=True):
        c0 = np.full(h.epochs + 1, np.nan)
        c0[first:] = h.data_cost[first:]
        dW, _ = net.gradient(X, y)
        ws = [np.array(w) for w in net.weights]
        pulls = [(lmbda / n) * w for w in ws]
        out.append(Budget(
            sizes, init, seed, shuffle, float(eta), float(lmbda), int(m), n, h.epochs,
            h.sq_norm, h.decay_part, h.radial_part, h.jitter_part, h.turning_angle, c0,
            float(h.accuracy[-1]) if evaluation is not None else float("nan"),
            np.array([float(np.mean(a * a)) for a in [X, *net._forward(X)[0]]]),
            np.array([np.linalg.norm(g) / np.linalg.norm(p) for g, p in zip(dW, pulls,
                                                                              strict=True)]),
            np.array([np.corrcoef(p.ravel(), -g.ravel())[0, 1] for g, p in zip(dW, pulls,
                                                                               strict=True)]),
            h.sq_norm_steps if record_every else None, record_every,
            ws if keep else None,
            [np.array(b).reshape(-1) for b in net.biases] if keep else None,
            measure_mechanism(net, X, y, lmbda, n)))
    return out


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


# --------------------------------------------------------------------------------------------
# the stored sweeps (tools/sweep_tailoff.py): loading and the law

SWEEP_DIR = Path(__file__).resolve().parents[1] / "data" / "sweeps"
SWEEP_NAMES = ("width", "n_in", "lmbda", "eta", "n_fixed_lmbda", "n_fixed_ratio")
LAYERS = ("hidden", "output", "all")


@dataclass(frozen=True)
class Sweep:
    """A stored sweep: ``variable`` takes ``values``; ``runs`` are the stored run records (dicts
    with the arrays of a :class:`Budget` as lists, plus ``point``, ``init``, ``seed``, ``value``).
    ``meta``: everything else of the file (settings of the base point, seeds, versions)."""

    name: str
    variable: str
    values: tuple
    seeds: tuple
    inits: tuple
    runs: tuple
    meta: dict

    def run(self, value, init, seed) -> dict:
        for r in self.runs:
            if r["value"] == value and r["init"] == init and r["seed"] == seed:
                return r
        raise KeyError(f"no run with {self.variable} = {value}, init = {init}, seed = {seed}")


def load_sweep(name: str, directory=None) -> Sweep:
    """Read ``data/sweeps/<name>.json`` (written by ``tools/sweep_tailoff.py``). Read once per
    process while the file is unchanged (its size and modification time): the verdict alone
    asks for a sweep dozens of times. The records are shared, so read them, never change them."""
    path = Path(directory or SWEEP_DIR) / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run .venv/bin/python "
                                f"tools/sweep_tailoff.py {name}")
    stat = path.stat()
    return _read_sweep(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read_sweep(path: Path, mtime_ns: int, size: int) -> Sweep:
    d = json.loads(path.read_text())
    meta = {k: v for k, v in d.items() if k not in ("runs", "values", "seeds", "inits")}
    return Sweep(d["name"], d["variable"], tuple(d["values"]), tuple(d["seeds"]),
                 tuple(d.get("inits", ("default",))), tuple(d["runs"]), meta)


def run_level(r: dict) -> np.ndarray:
    """:func:`tail_off_level` of a stored run: (hidden, output, all)."""
    return tail_off_level(r["sq_norm"], layer_weights(r["sizes"]))


def levels(sweep: Sweep, init: str) -> np.ndarray:
    """Tail-off levels, shape (len(values), len(seeds), 3): hidden, output, all weights."""
    return np.array([[run_level(sweep.run(v, init, s)) for s in sweep.seeds]
                     for v in sweep.values])


def met(sweep: Sweep) -> np.ndarray:
    """(len(values), 3) bool: the seed-mean levels of the two inits agree within
    MEET_TOLERANCE (relative to their mean), per layer."""
    return init_gap(sweep) < MEET_TOLERANCE


def init_gap(sweep: Sweep) -> np.ndarray:
    """(len(values), 3): how far apart the two inits end, |old − new| / mean of the seed-mean
    levels, per point and layer (hidden, output, all); :func:`met` compares it with
    MEET_TOLERANCE. Needs both inits."""
    if "large" not in sweep.inits:
        raise ValueError(f"sweep {sweep.name!r} has the new init only: init_gap needs both")
    old, new = levels(sweep, "large").mean(axis=1), levels(sweep, "default").mean(axis=1)
    return np.abs(old - new) / ((old + new) / 2)


def combine_inits(sweep: Sweep, new, old=None) -> np.ndarray:
    """The course's one value of a per-run quantity (levels, or a heuristic's prediction),
    shape (len(values), len(seeds), 3): per seed, the mean of the two inits' values where their
    levels met (:func:`met`), the new init's value elsewhere (and when ``old`` is None)."""
    new = np.asarray(new, dtype=float)
    if old is None or "large" not in sweep.inits:
        return new
    return np.where(met(sweep)[:, None, :], (np.asarray(old, dtype=float) + new) / 2, new)


def combined_levels(sweep: Sweep) -> np.ndarray:
    """(len(values), len(seeds), 3): :func:`combine_inits` of the two inits' levels."""
    old = levels(sweep, "large") if "large" in sweep.inits else None
    return combine_inits(sweep, levels(sweep, "default"), old)


@dataclass(frozen=True)
class Slope:
    """The log-log slope of the tail-off level against a sweep's variable, per layer (hidden,
    output, all): ``mean`` over seeds of each seed's least-squares slope, its standard error
    ``se`` (std over seeds / sqrt(seeds)), and the seeds' ``low`` and ``high``. Shapes (3,)."""

    mean: np.ndarray
    se: np.ndarray
    low: np.ndarray
    high: np.ndarray
    per_seed: np.ndarray


def seed_slopes(x, values) -> np.ndarray:
    """Each seed's least-squares slope of log ``values`` (shape (len(x), seeds)) against
    log ``x``, shape (seeds,)."""
    logx = np.log(np.asarray(x, dtype=float))
    v = np.asarray(values, dtype=float)
    return np.array([np.polyfit(logx, np.log(v[:, s]), 1)[0] for s in range(v.shape[1])])


def slope(sweep: Sweep, lv=None, x=None) -> Slope:
    """:class:`Slope` of ``lv`` (default :func:`combined_levels`) against ``x`` (default the
    sweep's values; for the width sweep pass N_w)."""
    lv = combined_levels(sweep) if lv is None else np.asarray(lv)
    x = np.asarray(sweep.values if x is None else x, dtype=float)
    per_seed = np.array([seed_slopes(x, lv[:, :, k]) for k in range(3)]).T
    se = per_seed.std(axis=0, ddof=1) / math.sqrt(len(per_seed))
    return Slope(per_seed.mean(axis=0), se, per_seed.min(axis=0), per_seed.max(axis=0),
                 per_seed)


def run_heuristics(r: dict) -> dict:
    """Every heuristic of part (3) fed with the run's measured inputs, against its measured
    tail-off level. Returns arrays (hidden, output, all); NaN where a heuristic says nothing.

    * ``cost_balance``: all-weights RMS √(2nC₀/(λN_w)) with C₀ the mean training cross-entropy
      over the tail window; ``penalty_over_c0`` = (λ/2n)Σw² / C₀ there;
    * ``unsaturation``: 1/√(n_in E[x²]) per layer, E[x²] of the layer's measured inputs;
    * ``stationary``: the RMS at which (λ/n)‖w‖ would equal the measured ‖∂C₀/∂w‖;
    * ``noise``: √(s²/(a(2−a))) with s² = the measured mean ‖g‖² per step and weight (tail);
    and the tail-window budget per step: ``decay``, ``radial``, ``jitter`` (per layer), the
    mean ``angle`` per step and the scale-invariant prediction √(2a).
    """
    p, sizes = r["point"], r["sizes"]
    n, lmbda, eta, m = p["n"], p["lmbda"], p["eta"], p["m"]
    counts = layer_weights(sizes).astype(float)
    n_w = n_weights(sizes)
    a = eta * lmbda / n
    E = len(r["sq_norm"]) - 1
    first, _ = tail_window(E)
    sq = np.asarray(r["sq_norm"])[first:].mean(axis=0)
    level = run_level(r)
    c0 = float(np.nanmean(np.asarray(r["c0"], dtype=float)[first:]))
    penalty = lmbda / (2 * n) * sq.sum()
    steps = -(-n // m) * (E - first + 1)
    tail = slice(first - 1, E)
    per_step = {k: np.asarray(r[k])[tail].sum(axis=0) / steps for k in ("decay", "radial",
                                                                        "jitter")}
    noise = np.sqrt(per_step["jitter"] / counts / (a * (2 - a)))
    noise_all = math.sqrt(per_step["jitter"].sum() / n_w / (a * (2 - a)))
    n_in = np.array(sizes[:-1], float)
    unsat = 1 / np.sqrt(n_in * np.asarray(r["mean_in_sq"]))
    stat = level[:2] * np.asarray(r["stat_ratio"])
    return {
        "level": level,
        "c0": c0, "penalty": penalty, "penalty_over_c0": penalty / c0,
        "cost_balance": np.array([np.nan, np.nan, math.sqrt(2 * n * c0 / (lmbda * n_w))]),
        "unsaturation": np.r_[unsat, np.nan],
        "stationary": np.r_[stat, math.sqrt((stat**2 * counts).sum() / n_w)],
        "noise": np.r_[noise, noise_all],
        "stat_corr": np.asarray(r["stat_corr"]),
        "decay": per_step["decay"], "radial": per_step["radial"], "jitter": per_step["jitter"],
        "angle": np.asarray(r["angle"])[tail].mean(axis=0),
        "angle_predicted": math.sqrt(2 * a),
        "relax_predicted": m / (2 * eta * lmbda),
    }


HEURISTICS = ("cost_balance", "unsaturation", "stationary", "noise")


def sweep_heuristics(sweep: Sweep, init: str = "default") -> dict:
    """:func:`run_heuristics` for every run of ``init``, stacked: each entry has shape
    (len(values), len(seeds), ...)."""
    rows = [[run_heuristics(sweep.run(v, init, s)) for s in sweep.seeds] for v in sweep.values]
    return {k: np.array([[np.asarray(h[k]) for h in row] for row in rows]) for k in rows[0][0]}


# --------------------------------------------------------------------------------------------
# tables and the explorer (notebook 04)

LAYER_NAMES = {"hidden": "hidden layer", "output": "output layer", "all": "all weights"}

#: how a table names a sweep's variable: the course's symbols, not the code's names
VARIABLE_SYMBOLS = {"lmbda": "λ", "eta": "η", "n_in": "n_in", "n": "n"}


def variable_symbol(sweep: Sweep) -> str:
    """The name of a sweep's x in a table header: N_w for the width sweep, else the symbol of
    its variable (λ, η, n_in, n)."""
    return "N_w" if sweep.name == "width" else VARIABLE_SYMBOLS.get(sweep.variable,
                                                                    sweep.variable)


def width_n_w(sweep: Sweep, width) -> int:
    """N_w of the width sweep's network of hidden width ``width`` (``n_weights`` of its stored
    sizes, [784, width, 10])."""
    return n_weights(next(r["sizes"] for r in sweep.runs if r["value"] == width))


def sweep_x(sweep: Sweep) -> np.ndarray:
    """The x of a sweep's log-log fit: N_w (:func:`width_n_w`) for the width sweep, else its
    values."""
    if sweep.name == "width":
        return np.array([width_n_w(sweep, w) for w in sweep.values], dtype=float)
    return np.asarray(sweep.values, dtype=float)


def width_line(sweep: Sweep | None = None) -> str:
    """The width result as one line: ``slope of the tail-off RMS against N_w: all weights S,
    hidden layer H, output layer O`` (seed-mean slopes, two decimals)."""
    sweep = load_sweep("width") if sweep is None else sweep
    s = slope(sweep, x=sweep_x(sweep))
    return (f"slope of the tail-off RMS against N_w: all weights {s.mean[2]:+.2f}, "
            f"hidden layer {s.mean[0]:+.2f}, output layer {s.mean[1]:+.2f}")


def level_table(sweep: Sweep) -> str:
    """Per value of the sweep: the tail-off level per layer (mean over seeds ± their standard
    deviation, old and new init combined where they met) and whether the inits met; below, the
    log-log slope ± its standard error (over seeds) and the seeds' range."""
    lv = combined_levels(sweep)
    mt = met(sweep)
    x = sweep_x(sweep)
    head = f"{variable_symbol(sweep):>8} | " + " | ".join(
        f"{LAYER_NAMES[k]:>17}" for k in LAYERS) + " | inits met"
    lines = [head]
    for i, xv in enumerate(x):
        cells = [f"{lv[i, :, k].mean():8.4f} ± {lv[i, :, k].std(ddof=1):.4f}" for k in range(3)]
        lines.append(f"{xv:8g} | " + " | ".join(cells) + f" | {'yes' if mt[i].all() else 'no'}")
    s = slope(sweep, x=x)
    lines.append("slope    | " + " | ".join(f"{s.mean[k]:+8.3f} ± {s.se[k]:.3f}" for k in range(3))
                 + " | (± s.e. over seeds)")
    lines.append("seeds    | " + " | ".join(f"{s.low[k]:+.3f} .. {s.high[k]:+.3f}"
                                             for k in range(3)))
    return "\n".join(lines)


@dataclass(frozen=True)
class HeuristicFit:
    """One heuristic on one sweep and layer, both inits (:func:`combine_inits`):
    ``factor_low``..``factor_high`` = measured level / predicted level over the sweep's values
    (seed means), the log-log ``slope`` of the prediction (mean of the seeds' slopes) and
    ``measured_slope``, the law's slope (:func:`slope`, the one the sweep tables print)."""

    sweep: str
    heuristic: str
    layer: str
    factor_low: float
    factor_high: float
    slope: float
    measured_slope: float


def heuristic_fits(sweep: Sweep) -> list[HeuristicFit]:
    """:class:`HeuristicFit` of every heuristic and layer it speaks for, both inits: each
    run's prediction (:func:`run_heuristics`) combined over the inits as the levels are
    (:func:`combine_inits`), against the combined levels and the law's slope."""
    hs = {init: sweep_heuristics(sweep, init) for init in sweep.inits}
    x = sweep_x(sweep)
    meas = combined_levels(sweep)  # (values, seeds, 3)
    measured = slope(sweep, meas, x=x)
    out = []
    for name in HEURISTICS:
        pred = combine_inits(sweep, hs["default"][name], hs["large"][name] if "large" in hs
                             else None)
        for k, layer in enumerate(LAYERS):
            if np.isnan(pred[:, :, k]).any():
                continue
            f = meas[:, :, k].mean(axis=1) / pred[:, :, k].mean(axis=1)
            out.append(HeuristicFit(sweep.name, name, layer, float(f.min()), float(f.max()),
                                    float(seed_slopes(x, pred[:, :, k]).mean()),
                                    float(measured.mean[k])))
    return out


def budget_table(sweep: Sweep) -> str:
    """Per value: the tail-window budget of ‖w‖² per step and layer, as shares of the decay:
    radial / |decay| and jitter / |decay| (they add up to about 1 when the norm is stationary),
    mean over seeds, new init (the header says so)."""
    h = sweep_heuristics(sweep)
    d, r, j = (h[k].mean(axis=1) for k in ("decay", "radial", "jitter"))
    lines = [f"{variable_symbol(sweep):>8} | hidden: radial jitter"
             f" | output: radial jitter | (new init)"]
    for i, xv in enumerate(sweep_x(sweep)):
        lines.append(f"{xv:8g} |         {r[i, 0] / -d[i, 0]:6.3f} {j[i, 0] / -d[i, 0]:6.3f}"
                     f" |         {r[i, 1] / -d[i, 1]:6.3f} {j[i, 1] / -d[i, 1]:6.3f}")
    return "\n".join(lines)


def relax_summary(sweep: Sweep | None = None) -> dict:
    """From the stored ``relax`` sweep: per λ, the predicted relaxation time m/(2ηλ) epochs and
    the measured one per layer (mean and standard deviation over seeds and both kicks)."""
    sweep = load_sweep("relax") if sweep is None else sweep
    out = {}
    for lm in sweep.values:
        taus = np.array([r["tau"] for r in sweep.runs if r["point"]["lmbda"] == lm])
        pred = next(r["predicted_tau"] for r in sweep.runs if r["point"]["lmbda"] == lm)
        out[lm] = {"predicted": pred, "mean": taus.mean(axis=0), "sd": taus.std(axis=0, ddof=1)}
    return out


def grid_point(grid: Sweep, lmbda: float, eta: float) -> tuple[float, float]:
    """The grid's (λ, η) nearest to (lmbda, eta) on log scales."""
    pts = np.array(grid.values, dtype=float)
    d = np.abs(np.log(pts[:, 0] / lmbda)) + np.abs(np.log(pts[:, 1] / eta))
    lm, e = pts[int(np.argmin(d))]
    return float(lm), float(e)


def sweep_point_numbers(grid: Sweep, lmbda: float, eta: float) -> dict:
    """What the explorer prints for the grid point nearest (lmbda, eta), seed 1: floats
    ``lmbda_grid``, ``eta_grid``, ``epochs``, the tail-off levels ``hidden_old``,
    ``hidden_new``, ``output_old``, ``output_new``, ``all_new``, ``penalty_over_c0`` (new init)
    and the new init's tail-window budget shares ``hidden_jitter_share``,
    ``output_jitter_share`` (jitter / |decay|)."""
    lm, e = grid_point(grid, lmbda, eta)
    seed = grid.seeds[0]
    old, new = grid.run([lm, e], "large", seed), grid.run([lm, e], "default", seed)
    lo, ln = run_level(old), run_level(new)
    h = run_heuristics(new)
    share = h["jitter"] / -h["decay"]
    return {"lmbda_grid": lm, "eta_grid": e, "epochs": float(len(new["sq_norm"]) - 1),
            "hidden_old": float(lo[0]), "hidden_new": float(ln[0]),
            "output_old": float(lo[1]), "output_new": float(ln[1]), "all_new": float(ln[2]),
            "penalty_over_c0": float(h["penalty_over_c0"]),
            "hidden_jitter_share": float(share[0]), "output_jitter_share": float(share[1])}


def draw_sweep_point(lmbda: float, eta: float, *, grid: Sweep) -> dict:
    """Weight RMS per epoch of both layers, old and new init, at the stored grid point nearest
    (lmbda, eta), with the tail window shaded and 1/√n_in, 1/√N_w drawn. Prints the
    :func:`sweep_point_numbers` as ``name = value`` lines and returns them."""
    f = sweep_point_numbers(grid, lmbda, eta)
    lm, e = f["lmbda_grid"], f["eta_grid"]
    seed = grid.seeds[0]
    _draw_pair(grid.run([lm, e], "large", seed), grid.run([lm, e], "default", seed), f,
               f"[784, 30, 10], λ = {lm:g}, η = {e:g}, m = 10, n = 4,000, "
               f"{int(f['epochs'])} epochs", int(f["epochs"]))
    return f


def width_point_numbers(sweep: Sweep, width: int) -> dict:
    """What the width explorer prints, seed 1 of the stored width sweep at the stored width
    nearest ``width``: ``width_grid``, ``n_w``, the levels ``hidden_old`` ... ``all_new``, and
    ``all_new_times_sqrt_n_w`` (the all-weights level in units of 1/√N_w)."""
    widths = np.array(sweep.values, dtype=float)
    w = int(widths[np.argmin(np.abs(np.log(widths / width)))])
    seed = sweep.seeds[0]
    lo = run_level(sweep.run(w, "large", seed))
    ln = run_level(sweep.run(w, "default", seed))
    n_w = width_n_w(sweep, w)
    return {"width_grid": float(w), "n_w": float(n_w), "hidden_old": float(lo[0]),
            "hidden_new": float(ln[0]), "output_old": float(lo[1]), "output_new": float(ln[1]),
            "all_new": float(ln[2]), "all_new_times_sqrt_n_w": float(ln[2] * math.sqrt(n_w))}


def draw_width_point(width: int, *, sweep: Sweep) -> dict:
    """:func:`draw_sweep_point` for the width sweep: both layers, both inits, seed 1."""
    f = width_point_numbers(sweep, width)
    w = int(f["width_grid"])
    seed = sweep.seeds[0]
    new = sweep.run(w, "default", seed)
    _draw_pair(sweep.run(w, "large", seed), new, f,
               f"[784, {w}, 10] (N_w = {int(f['n_w']):,}), λ = 5, η = 0.5, m = 10, n = 4,000",
               len(new["sq_norm"]) - 1)
    return f


def _draw_pair(old: dict, new: dict, f: dict, title: str, epochs: int) -> None:
    """Both layers' weight RMS per epoch of two stored runs; prints ``f``."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharex=True)
    for r, style, label in ((old, "o-", "old init"), (new, "s-", "new init")):
        sizes = r["sizes"]
        rms = np.sqrt(np.asarray(r["sq_norm"]) / layer_weights(sizes))
        epoch = np.arange(len(rms))
        for k, ax in enumerate(axes):
            ax.semilogy(epoch, rms[:, k], style, ms=2, label=label)
    first, last = tail_window(epochs)
    n_w = n_weights(sizes)
    for k, (ax, name) in enumerate(zip(axes, ("hidden", "output"), strict=True)):
        ax.axvspan(first, last, color="0.9", label="tail window")
        ax.axhline(1 / math.sqrt(sizes[k]), color="C2", ls="--", label=f"1/√n_in = 1/√{sizes[k]}")
        ax.axhline(1 / math.sqrt(n_w), color="C3", ls="--", label="1/√N_w")
        ax.set_xlabel("epoch")
        ax.set_title(f"{name} layer: level {f[name + '_new']:.3f} (new), "
                     f"{f[name + '_old']:.3f} (old)", fontsize=9)
        ax.legend(fontsize=7, loc="upper right")  # each panel's own 1/√n_in
    axes[0].set_ylabel("weight RMS")
    axes[0].set_ylim(1e-3, 3)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    print_numbers(f)


#: a heuristic "predicts the slope" of a sweep when its slope is within this of the measured one
SLOPE_TOLERANCE = 0.1


#: a sweep's short name in a column header
SWEEP_SHORT = {"width": "N_w", "n_in": "n_in", "lmbda": "λ", "eta": "η",
               "n_fixed_lmbda": "n, fixed λ", "n_fixed_ratio": "n, fixed λ/n"}

#: The heuristics and layers as a learner reads them in the tables (not the code's names).
HEURISTIC_NAMES = {"cost_balance": "cost balance", "unsaturation": "unsaturation",
                   "stationary": "stationary point", "noise": "noise equilibrium"}
LAYER_NAMES = {"hidden": "hidden", "output": "output", "all": "all weights"}
#: Width of the row label of :func:`heuristic_summary` and ``verdict.heuristic_slopes``.
LABEL_WIDTH = 31


def heuristic_label(name: str, layer: str) -> str:
    """A table's row label: ``"cost balance, all weights"`` for ``("cost_balance", "all")``."""
    return f"{HEURISTIC_NAMES[name]}, {LAYER_NAMES[layer]}"


def heuristic_summary(sweeps) -> str:
    """One row per heuristic and layer, one column per sweep, both inits (:func:`heuristic_fits`):
    the range of measured / predicted level over the sweep, and "s" when the prediction's
    log-log slope is within SLOPE_TOLERANCE of the law's slope ("-" otherwise; the header
    says both)."""
    sweeps = list(sweeps)
    fits = {(f.heuristic, f.layer, f.sweep): f for sw in sweeps for f in heuristic_fits(sw)}
    lines = [f"measured / predicted level, old and new init combined as in the sweep tables; "
             f"s: its slope within {SLOPE_TOLERANCE:g} of the measured slope, -: not",
             f"{'heuristic, layer':{LABEL_WIDTH}s}" + "".join(f"{SWEEP_SHORT[sw.name]:>14s}"
                                                             for sw in sweeps)]
    for name in HEURISTICS:
        for layer in LAYERS:
            row = [fits.get((name, layer, sw.name)) for sw in sweeps]
            if not any(row):
                continue
            cells = [f"{f.factor_low:4.2f}-{f.factor_high:4.2f} "
                     f"{'s' if abs(f.slope - f.measured_slope) <= SLOPE_TOLERANCE else '-'}"
                     for f in row]
            lines.append(f"{heuristic_label(name, layer):{LABEL_WIDTH}s}"
                         + "".join(f"{c:>14s}" for c in cells))
    return "\n".join(lines)


def angle_table(sweep: Sweep) -> str:
    """Per value: the mean angle (radians) the weights turn per step in the tail window, per
    layer, against √(2a) (the scale-invariant equilibrium, a = ηλ/n), and against
    √(2a · jitter share) (the same with only the jitter holding the norm up); new init (the
    header says so)."""
    h = sweep_heuristics(sweep)
    ang = h["angle"].mean(axis=1)
    pred = h["angle_predicted"].mean(axis=1)
    share = (h["jitter"] / -h["decay"]).mean(axis=1)
    lines = [f"{variable_symbol(sweep):>8} | {'√(2a)':>8} | " + " | ".join(
        f"{layer + ' angle':>13} {'/√(2a)':>8} {'/√(2a·share)':>13}" for layer in ("hidden",
                                                                               "output"))
             + " | (new init)"]
    for i, xv in enumerate(sweep_x(sweep)):
        cells = [f"{ang[i, k]:13.4f} {ang[i, k] / pred[i]:8.2f} "
                 f"{ang[i, k] / (pred[i] * math.sqrt(share[i, k])):13.2f}" for k in range(2)]
        lines.append(f"{xv:8g} | {pred[i]:8.4f} | " + " | ".join(cells))
    return "\n".join(lines)


#: the layer each heuristic is a statement about
MAIN_LAYER = {"cost_balance": "all", "unsaturation": "hidden", "stationary": "all",
              "noise": "all"}


# --------------------------------------------------------------------------------------------
# figures of the law and the budget (notebook 04; appendices A5, A6)


def _base_sum_w2(sweep: Sweep) -> float:
    """Σw² of all weights at the base width 30 of the width sweep (tail window, both inits
    combined, seed mean)."""
    i = list(sweep.values).index(30)
    lv = combined_levels(sweep)[i].mean(axis=0)
    return float(lv[2] ** 2 * width_n_w(sweep, 30))


def draw_levels_vs_n_w(sweep: Sweep | None = None, ax=None):
    """The tail-off level of the hidden layer, the output layer and all weights against N_w
    (log-log, the width sweep: both inits combined, seed mean; bars span old and new init),
    with 1/√N_w and the law's lines: a Σw² = S that does not depend on the width, split
    evenly, RMS_all = √(S/N_w) and RMS_ℓ = √(S/(2N_ℓ)) (S = Σw² at width 30)."""
    sweep = load_sweep("width") if sweep is None else sweep
    ax = plt.subplots(figsize=(6.4, 4.2))[1] if ax is None else ax
    x = sweep_x(sweep)
    lv = combined_levels(sweep).mean(axis=1)
    per_init = np.array([levels(sweep, init).mean(axis=1) for init in sweep.inits])
    s = _base_sum_w2(sweep)
    grid = np.geomspace(x.min() / 1.3, x.max() * 1.3, 50)
    widths = grid / 794
    counts = {0: 784 * widths, 1: 10 * widths}
    for k, (name, marker) in enumerate((("hidden", "o"), ("output", "s"), ("all weights", "D"))):
        err = np.abs(per_init[:, :, k] - lv[:, k]).max(axis=0)
        ax.errorbar(x, lv[:, k], yerr=err, fmt=marker, color=f"C{k}", ms=5, capsize=2,
                    label=f"{name} (measured)")
        law = np.sqrt(s / grid) if k == 2 else np.sqrt(s / (2 * counts[k]))
        ax.loglog(grid, law, "-", color=f"C{k}", lw=1, alpha=0.7)
    ax.loglog(grid, 1 / np.sqrt(grid), "k--", lw=1.2, label="1/√N_w (the book)")
    ax.plot([], [], "-", color="0.4", lw=1, label=f"law: Σw² = {s:.0f} at every width, "
                                                   f"split evenly")
    ax.set_xlabel("N_w (hidden widths 10, 30, 100, 300)")
    ax.set_ylabel("tail-off level (weight RMS)")
    base = lv[list(sweep.values).index(30), 2] * math.sqrt(width_n_w(sweep, 30))
    ax.set_title(f"λ = 5, η = 0.5, n = 4,000: the level scales as 1/√N_w, {base:.0f}× above it",
                 fontsize=9)
    ax.legend(fontsize=7, loc="lower left")
    return ax


def draw_levels_vs_settings(sweeps: dict | None = None):
    """Three log-log panels of the tail-off level (both inits combined, seed mean): against
    λ (hidden, output, all weights), against η (epochs ∝ 1/η), and against n at fixed λ and at
    fixed λ/n (all weights). Guides through the middle point: slope −1/2 against λ (the cost
    balance at a fixed C₀), +1/2 against η (a level held up by mini-batch noise)."""
    names = ("lmbda", "eta", "n_fixed_lmbda", "n_fixed_ratio")
    sweeps = {k: load_sweep(k) for k in names} if sweeps is None else sweeps
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
    for ax, name, xlabel, guide, guide_label in (
            (axes[0], "lmbda", "λ (n = 4,000)", -0.5, "slope −1/2: cost balance, C₀ fixed"),
            (axes[1], "eta", "η (λ = 5)", 0.5, "slope +1/2: held up by noise")):
        sw = sweeps[name]
        x = sweep_x(sw)
        lv = combined_levels(sw).mean(axis=1)
        for k, label in enumerate(("hidden", "output", "all weights")):
            ax.loglog(x, lv[:, k], "osD"[k] + "-", color=f"C{k}", ms=4, label=label)
        mid = len(x) // 2
        ax.loglog(x, lv[mid, 2] * (x / x[mid]) ** guide, "k:", lw=1, label=guide_label)
        ax.set_xlabel(xlabel)
    ax = axes[2]
    # colours C3/C4: C0-C2 mean hidden/output/all weights in the other panels
    for name, style, colour, label in (("n_fixed_lmbda", "o-", "C3", "λ = 5 fixed"),
                                       ("n_fixed_ratio", "s-", "C4", "λ/n = 1.25·10⁻³ fixed")):
        sw = sweeps[name]
        x = sweep_x(sw)
        ax.loglog(x, combined_levels(sw).mean(axis=1)[:, 2], style, color=colour, ms=4,
                  label=label)
    ax.set_xlabel("training-set size n")
    ax.set_ylabel("RMS, all weights")
    axes[0].set_ylabel("tail-off level (weight RMS)")
    plain = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}")
    for ax, name in zip(axes, ("lmbda", "eta", "n_fixed_ratio"), strict=True):
        ax.legend(fontsize=7)
        ax.set_xticks(sweep_x(sweeps[name]))
        ax.xaxis.set_major_formatter(plain)
        ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(matplotlib.ticker.FuncFormatter(
            lambda v, _: f"{v:g}" if f"{v:.0e}"[0] in "235" else ""))
        ax.tick_params(axis="y", which="minor", labelsize=7)
    axes[2].set_ylim(0.08, 0.3)
    fig.suptitle("The level follows λ/n (not n), hardly η", fontsize=10)
    fig.tight_layout()
    return fig


def draw_budget_bars(run: dict, epochs: int | None = None):
    """The budget of ‖w‖² per epoch of one stored run as stacked bars, each term as a share of
    that epoch's |decay term|: decay (−1, down), radial and jitter (up); a dot marks the net
    change / |decay|. Where the bars above reach 1 the norm stands still. Two panels: hidden
    and output layer."""
    d = np.asarray(run["decay"], dtype=float)
    r = np.asarray(run["radial"], dtype=float)
    j = np.asarray(run["jitter"], dtype=float)
    E = len(d) if epochs is None else min(int(epochs), len(d))
    ep = np.arange(1, E + 1)
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6), sharey=True)
    for k, (ax, name) in enumerate(zip(axes, ("hidden", "output"), strict=True)):
        scale = -d[:E, k]
        ax.bar(ep, d[:E, k] / scale, color="C3", label="decay −a(2 − a)‖w‖²")
        ax.bar(ep, r[:E, k] / scale, color="C0", label="radial −2(1 − a)⟨w, g⟩")
        ax.bar(ep, j[:E, k] / scale, bottom=np.maximum(r[:E, k], 0) / scale, color="C1",
               label="jitter ‖g‖²")
        ax.plot(ep, (d[:E, k] + r[:E, k] + j[:E, k]) / scale, "k.", ms=4,
                label="net change of ‖w‖²")
        ax.axhline(0, color="k", lw=0.6)
        ax.set_title(f"{name} layer", fontsize=9)
        ax.set_xlabel("epoch")
    axes[0].set_ylabel("per epoch, in units of |decay term|")
    axes[0].set_ylim(-1.3, 1.6)
    axes[1].legend(fontsize=7, loc="upper right")
    init = "old init N(0, 1)" if run["init"] == "large" else "new init"
    p = run["point"]
    fig.suptitle(f"{init}, λ = {p['lmbda']:g}, η = {p['eta']:g}, n = {p['n']:,}: decay alone "
                 f"at first, then radial + jitter balance it", fontsize=10)
    fig.tight_layout()
    return fig


def draw_heuristic_factors(sweeps):
    """Measured / predicted level of each heuristic (its rows of :func:`heuristic_summary`) on
    each sweep, as a chart: one row per heuristic and layer, one marker per sweep spanning the
    range over the sweep's values (log scale); the band is a factor of two either way, the
    verdict's criterion (``helpers.verdict.FACTOR``)."""
    sweeps = list(sweeps)
    fits = {(f.heuristic, f.layer, f.sweep): f for sw in sweeps for f in heuristic_fits(sw)}
    rows = [(h, layer) for h in HEURISTICS for layer in LAYERS
            if any((h, layer, sw.name) in fits for sw in sweeps)]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.2))
    ax.axvspan(0.5, 2.0, color="0.92", label="within a factor of 2")
    ax.axvline(1.0, color="0.5", lw=0.8)
    for j, sw in enumerate(sweeps):
        dy = (j - (len(sweeps) - 1) / 2) * 0.11
        for i, key in enumerate(rows):
            f = fits.get((*key, sw.name))
            if f is None:
                continue
            ax.plot([f.factor_low, f.factor_high], [i + dy] * 2, "-", color=f"C{j}", lw=3,
                    label=SWEEP_SHORT[sw.name] if i == 0 or (*rows[0], sw.name) not in fits
                    else None)
    ax.set_xscale("log")
    ax.set_yticks(range(len(rows)), [heuristic_label(*k) for k in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("measured level / predicted level (range over the sweep's values)")
    handles, labels = ax.get_legend_handles_labels()
    seen = dict(zip(labels, handles, strict=True))
    ax.legend(seen.values(), seen.keys(), fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    return fig

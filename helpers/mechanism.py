r"""Why the decay stops: the radial balance, measured on a trained network (notebook 04, A4).

Usage (notebook 04's figure and λ slider; the base-point network trained once, then only the
penalty moves with λ)::

    from helpers import mechanism
    net = ...                                            # a trained Network, e.g. the base point
    lines = mechanism.LineCosts(net, X, y)               # caches each layer's a^{l-1} w_l^T once
    mechanism.draw_lines(5.0, lines=lines)               # the static figure (prints its numbers)
    explore(mechanism.draw_lines, {"lmbda": log_slider("λ", 5.0, -1, 2)},
            fixed={"lines": lines})                      # the slider: each redraw ~ 0.1 s
    mechanism.line_numbers(lines, 5.0)                   # the numbers it prints, as a dict
    mechanism.line_profile(net, X, y, lmbda=5.0, n=4000, layer=0)   # one layer, as data

The mechanism (stated once here)
--------------------------------
Scale one layer's weights by α, everything else fixed (the other layers and *all* biases):
w_ℓ → α·w_ℓ. Along that line through the layer's own direction the regularized cost is ::

    f_ℓ(α) = C₀(α·w_ℓ) + (λ/2n)·α²·‖w_ℓ‖²     (+ the other layers' penalty, constant in α)

(the penalty drawn and minimized is the layer's own; the whole network's differs by a constant,
so the minimizer α*_ℓ is the same). Its slope at α = 1 is ::

    f_ℓ'(1) = ⟨w_ℓ, ∇_ℓC₀⟩ + (λ/n)‖w_ℓ‖² = −s_ℓ + (λ/n)‖w_ℓ‖²,

with the *scale derivative* s_ℓ = −d/dα C₀(α·w_ℓ)|_{α=1} = −⟨w_ℓ, ∇_ℓC₀⟩ (the data's outward
push along w_ℓ). The *radial balance ratio* ρ_ℓ = (λ/n)‖w_ℓ‖² / s_ℓ is 1 exactly when the
weights sit at the bottom of f_ℓ (α*_ℓ = 1); ρ_ℓ > 1 means the decay outweighs the push
(α*_ℓ < 1).

Why SGD stops there (:func:`balance_identity`): with a = ηλ/n and g the gradient step, each
step obeys ‖w′‖² = (1 − a)²‖w‖² − 2(1 − a)⟨w, g⟩ + ‖g‖². Averaged over the steps of an epoch
in which ‖w‖² stands still, with E⟨w, g⟩ = −η·R (R the mean push) and J = E‖g‖² (the jitter) ::

    (2a − a²)‖w‖² = 2(1 − a)·η·R + J
    ⇔ (λ/n)‖w‖² − R − J/(2η) = a·((λ/n)‖w‖²/2 − R)          (exact),

so (λ/n)‖w‖² = R + J/(2η) + O(a): the decay balances the push plus a jitter term that vanishes
as η → 0 (J ∝ η²). At finite η, ρ_ℓ ≈ 1 + J/(2ηR) > 1.

Shapes: ``X`` (N, sizes[0]) in [0, 1], ``y`` (N,) integer labels; weights ``w_ℓ`` of shape
(sizes[ℓ+1], sizes[ℓ]) as in :class:`helpers.network.Network`; per-layer results (L,).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize_scalar

from helpers.engine.sgd import cross_entropy, sigmoid
from helpers.network import SATURATION_THRESHOLD
from helpers.widgets import print_numbers

__all__ = [
    "PointSummary",
    "STORED_SWEEPS",
    "stored_points",
    "summarize",
    "summarize_run",
    "StabilityBound",
    "balance_identity",
    "decay_epochs",
    "input_label_correlation",
    "lmbda_window_top",
    "ratio_from_budget",
    "ratio_from_jitter",
    "stability_bound",
    "ALPHA_BOUNDS",
    "ALPHAS",
    "LayerSplit",
    "LineCosts",
    "LineProfile",
    "RadialBalance",
    "RunMechanism",
    "Spread",
    "Z_LINEAR",
    "Z_SATURATED",
    "alpha_star",
    "book_ratio_levels",
    "draw_lines",
    "line_numbers",
    "layer_split",
    "line_profile",
    "loss_weighted_margin",
    "measure",
    "pre_activations",
    "radial_balance",
    "scale_derivative",
    "spread",
]

#: α grid of the figure: the line from 0 (layer switched off) to twice the trained weights
ALPHAS = np.linspace(0.0, 2.0, 81)
#: α*_ℓ is searched in this interval (scipy's bounded Brent method, tolerance 1e-7)
ALPHA_BOUNDS = (1e-3, 4.0)
ALPHA_TOL = 1e-7


# --------------------------------------------------------------------------------------------
# input checks: a clear error naming the parameter


def _check_lmbda(lmbda):
    if isinstance(lmbda, bool) or not isinstance(lmbda, numbers.Real) or not lmbda >= 0 \
            or not math.isfinite(lmbda):
        raise ValueError(f"lmbda must be a finite number >= 0, got {lmbda!r}")
    return float(lmbda)


def _check_n(n, default):
    if n is None:
        return int(default)
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be an integer >= 1 (the training-set size), got {n!r}")
    return int(n)


def _check_layer(layer, L):
    if isinstance(layer, bool) or not isinstance(layer, numbers.Integral) or not 0 <= layer < L:
        raise ValueError(f"layer must be an integer 0 .. {L - 1} (0 = first weight layer), "
                         f"got {layer!r}")
    return int(layer)


def _check_alphas(alphas):
    a = np.asarray(ALPHAS if alphas is None else alphas, dtype=float)
    if a.ndim != 1 or a.size == 0 or not np.all(np.isfinite(a)) or np.any(a < 0):
        raise ValueError(f"alphas must be a non-empty 1-D array of finite numbers >= 0, "
                         f"got {alphas!r}")
    return a


def _params(net):
    """(weights, biases) of a Network or of a pair (weights, biases); biases as (n_out,)."""
    ws, bs = (net.weights, net.biases) if hasattr(net, "weights") else net
    ws = [np.asarray(w, dtype=float) for w in ws]
    bs = [np.asarray(b, dtype=float).reshape(-1) for b in bs]
    if len(ws) != len(bs) or not ws:
        raise ValueError("net must be a Network or a pair (weights, biases) of equal-length "
                         "lists")
    for l, (w, b) in enumerate(zip(ws, bs, strict=True)):
        if w.ndim != 2 or b.shape != (w.shape[0],):
            raise ValueError(f"net: weights[{l}] must be (n_out, n_in) and biases[{l}] (n_out,),"
                             f" got {w.shape} and {b.shape}")
        if l and w.shape[1] != ws[l - 1].shape[0]:
            raise ValueError(f"net: weights[{l}] has {w.shape[1]} inputs, the layer below "
                             f"{ws[l - 1].shape[0]} outputs")
    return ws, bs


def _check_data(X, y, ws):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    d, k = ws[0].shape[1], ws[-1].shape[0]
    if X.ndim != 2 or X.shape[1] != d or X.shape[0] == 0:
        raise ValueError(f"X must have shape (N, {d}) with N >= 1, got {X.shape}")
    if y.shape != (len(X),) or not np.issubdtype(y.dtype, np.integer) or y.min() < 0 \
            or y.max() >= k:
        raise ValueError(f"y must hold len(X) = {len(X)} integer labels 0 .. {k - 1}, "
                         f"got shape {y.shape}, dtype {y.dtype}")
    return X, y


def _one_hot(y, k):
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), y] = 1.0
    return Y


# --------------------------------------------------------------------------------------------
# the data cost along the line through one layer's weights


class LineCosts:
    """C₀(α·w_ℓ) for every layer ℓ of one trained network, cheap to evaluate for any α.

    The network's parameters are read once. For layer ℓ the activations below it, a^{ℓ−1}, and
    the product u_ℓ = a^{ℓ−1} w_ℓᵀ (N, sizes[ℓ+1]) are computed once; then
    C₀(α·w_ℓ) = mean_x C_x(forward from z_ℓ = α·u_ℓ + b_ℓ) needs only the layers above ℓ.
    ``n`` is the training-set size of the penalty (default len(X)).
    """

    def __init__(self, net, X, y, n=None):
        self.weights, self.biases = _params(net)
        self.X, self.y = _check_data(X, y, self.weights)
        self.n = _check_n(n, len(self.X))
        self.Y = _one_hot(self.y, self.weights[-1].shape[0])
        self.sq_norm = np.array([float(np.vdot(w, w)) for w in self.weights])
        acts = [self.X]
        for w, b in zip(self.weights[:-1], self.biases[:-1], strict=True):
            acts.append(sigmoid(acts[-1] @ w.T + b))
        self.inputs = acts  # a^{ℓ-1} of each layer ℓ
        self.products = [a @ w.T for a, w in zip(acts, self.weights, strict=True)]
        self._grid = {}
        self._alpha_star = {}

    @property
    def L(self) -> int:
        return len(self.weights)

    def data_cost(self, alpha: float, layer: int) -> float:
        """C₀(α·w_ℓ), the mean cross-entropy over the N rows of X."""
        z = alpha * self.products[layer] + self.biases[layer]
        for w, b in zip(self.weights[layer + 1:], self.biases[layer + 1:], strict=True):
            z = sigmoid(z) @ w.T + b
        return float(np.mean(cross_entropy(z, self.Y)))

    def data_costs(self, layer: int, alphas=None) -> np.ndarray:
        """C₀(α·w_ℓ) for each α of ``alphas`` (default :data:`ALPHAS`, cached)."""
        layer = _check_layer(layer, self.L)
        if alphas is None:
            if layer not in self._grid:
                self._grid[layer] = np.array([self.data_cost(a, layer) for a in ALPHAS])
            return self._grid[layer]
        return np.array([self.data_cost(a, layer) for a in _check_alphas(alphas)])

    def alpha_star(self, lmbda: float, layer: int) -> float:
        """α*_ℓ = argmin_α C₀(α·w_ℓ) + (λ/2n)α²‖w_ℓ‖² on :data:`ALPHA_BOUNDS` (bounded Brent,
        ``xatol`` = :data:`ALPHA_TOL`)."""
        lmbda, layer = _check_lmbda(lmbda), _check_layer(layer, self.L)
        if (lmbda, layer) not in self._alpha_star:
            c = lmbda / (2 * self.n) * self.sq_norm[layer]
            res = minimize_scalar(lambda a: self.data_cost(a, layer) + c * a * a,
                                  bounds=ALPHA_BOUNDS, method="bounded",
                                  options={"xatol": ALPHA_TOL})
            self._alpha_star[lmbda, layer] = float(res.x)
        return self._alpha_star[lmbda, layer]


@dataclass(frozen=True)
class LineProfile:
    """The regularized cost along the line α·w_ℓ of one layer (see the module docstring).

    ``alphas`` (A,); ``data_cost`` C₀(α·w_ℓ), ``penalty`` (λ/2n)α²‖w_ℓ‖² (the layer's own), each
    (A,); ``alpha_star`` their sum's minimizer; ``scale_derivative`` s_ℓ = −⟨w_ℓ, ∇_ℓC₀⟩;
    ``pull`` (λ/n)‖w_ℓ‖²; ``radial_balance`` = pull / s_ℓ."""

    layer: int
    lmbda: float
    n: int
    sq_norm: float
    alphas: np.ndarray
    data_cost: np.ndarray
    penalty: np.ndarray
    alpha_star: float
    scale_derivative: float

    @property
    def total(self) -> np.ndarray:
        return self.data_cost + self.penalty

    @property
    def pull(self) -> float:
        return self.lmbda / self.n * self.sq_norm

    @property
    def radial_balance(self) -> float:
        return self.pull / self.scale_derivative


def line_profile(net, X, y, lmbda, n=None, layer=0, alphas=None, *, lines=None) -> LineProfile:
    """C₀(α·w_ℓ), (λ/2n)α²‖w_ℓ‖², their sum, α*_ℓ, s_ℓ and the radial balance of layer
    ``layer`` of ``net`` (a Network or (weights, biases)) on the data (X, y), the biases and the
    other layers fixed. ``n`` defaults to len(X); ``alphas`` to :data:`ALPHAS`; ``lines`` (a
    :class:`LineCosts` of the same net and data) reuses its cached products."""
    lmbda = _check_lmbda(lmbda)
    lines = LineCosts(net, X, y, n) if lines is None else lines
    layer = _check_layer(layer, lines.L)
    a = ALPHAS if alphas is None else _check_alphas(alphas)
    sq = float(lines.sq_norm[layer])
    return LineProfile(layer, lmbda, lines.n, sq, a, lines.data_costs(layer, alphas),
                       lmbda / (2 * lines.n) * a * a * sq, lines.alpha_star(lmbda, layer),
                       float(scale_derivative(lines)[layer]))


def alpha_star(net, X, y, lmbda, n=None, layer=0) -> float:
    """α*_ℓ of :func:`line_profile` alone."""
    return LineCosts(net, X, y, n).alpha_star(lmbda, layer)


# --------------------------------------------------------------------------------------------
# the scale derivative and the radial balance


def _gradients(lines: LineCosts) -> list[np.ndarray]:
    """∇_ℓC₀ of the mean cross-entropy (backpropagation: δ^L = a^L − y,
    δ^ℓ = (δ^{ℓ+1} w_{ℓ+1}) ⊙ σ′(z^ℓ), ∇_ℓC₀ = δ^ℓᵀ a^{ℓ−1} / N)."""
    acts = lines.inputs
    z = lines.products[-1] + lines.biases[-1]
    d = sigmoid(z) - lines.Y
    grads = [None] * lines.L
    for l in range(lines.L - 1, -1, -1):
        grads[l] = d.T @ acts[l] / len(lines.X)
        if l:
            d = (d @ lines.weights[l]) * acts[l] * (1.0 - acts[l])
    return grads


def scale_derivative(net, X=None, y=None) -> np.ndarray:
    """s_ℓ = −d/dα C₀(α·w_ℓ) at α = 1 = −⟨w_ℓ, ∇_ℓC₀⟩ for each layer, shape (L,): the data's
    outward push along each layer's own direction. ``net`` is a Network (with X, y) or a
    :class:`LineCosts`."""
    lines = net if isinstance(net, LineCosts) else LineCosts(net, X, y)
    return np.array([-float(np.vdot(w, g)) for w, g in zip(lines.weights, _gradients(lines),
                                                            strict=True)])


@dataclass(frozen=True)
class RadialBalance:
    """Per layer (L,): ``pull`` (λ/n)‖w_ℓ‖², ``push`` s_ℓ = −⟨w_ℓ, ∇_ℓC₀⟩, ``ratio`` =
    pull / push (1 at the bottom of the line), ``alpha_star`` α*_ℓ; ``c0`` the data cost C₀."""

    lmbda: float
    n: int
    pull: np.ndarray
    push: np.ndarray
    alpha_star: np.ndarray
    c0: float

    @property
    def ratio(self) -> np.ndarray:
        return self.pull / self.push


def radial_balance(net, X, y, lmbda, n=None, *, lines=None) -> RadialBalance:
    """:class:`RadialBalance` of every layer of ``net`` on (X, y) at λ = ``lmbda``."""
    lmbda = _check_lmbda(lmbda)
    lines = LineCosts(net, X, y, n) if lines is None else lines
    return RadialBalance(lmbda, lines.n, lmbda / lines.n * lines.sq_norm,
                         scale_derivative(lines),
                         np.array([lines.alpha_star(lmbda, l) for l in range(lines.L)]),
                         lines.data_cost(1.0, 0))


# --------------------------------------------------------------------------------------------
# the figure and the slider


def _layer_name(l, L):
    return "output layer" if l == L - 1 else ("hidden layer" if L == 2 else f"hidden layer {l + 1}")


def line_numbers(lines: LineCosts, lmbda: float) -> dict:
    """What :func:`draw_lines` prints: per layer ``alpha_star_<name>`` and
    ``radial_balance_<name>`` ((λ/n)‖w_ℓ‖² / s_ℓ), names ``hidden``, ``output`` (``hidden1``,
    ``hidden2``, ... in a deeper network)."""
    lmbda = _check_lmbda(lmbda)
    s = scale_derivative(lines)
    out = {}
    for l in range(lines.L):
        name = "output" if l == lines.L - 1 else ("hidden" if lines.L == 2 else f"hidden{l + 1}")
        out[f"alpha_star_{name}"] = lines.alpha_star(lmbda, l)
        out[f"radial_balance_{name}"] = float(lmbda / lines.n * lines.sq_norm[l] / s[l])
    return out


def draw_lines(lmbda: float, *, lines: LineCosts, numbers: bool = True) -> dict:
    """One panel per layer: C₀(α·w_ℓ), the penalty (λ/2n)α²‖w_ℓ‖² and their sum against α, with
    α*_ℓ marked and α = 1 (the trained weights) dotted. The network stays fixed; λ moves only
    the penalty and α*. Returns :func:`line_numbers` and prints them unless ``numbers`` is
    False (a static figure beside a cell that prints them its own way)."""
    f = line_numbers(lines, lmbda)
    fig, axes = plt.subplots(1, lines.L, figsize=(4.6 * lines.L, 3.6), squeeze=False)
    for l, ax in enumerate(axes[0]):
        p = line_profile(None, None, None, lmbda, layer=l, lines=lines)
        ax.plot(p.alphas, p.data_cost, "C0", label="data cost C₀(α·w)")
        ax.plot(p.alphas, p.penalty, "C1", label="penalty (λ/2n)α²‖w‖²")
        ax.plot(p.alphas, p.total, "k", lw=2, label="sum")
        ax.axvline(1.0, color="0.5", ls=":", label="α = 1 (trained)")
        ax.axvline(p.alpha_star, color="C3", ls="--", label=f"α* = {p.alpha_star:.3f}")
        top = max(p.total[np.searchsorted(p.alphas, 1.0)] * 2.5, 4 * p.penalty.max() / 10)
        ax.set_ylim(0, min(top, float(np.max(p.total))))
        ax.set_xlabel("α (the layer's weights scaled by α)")
        ax.set_title(f"{_layer_name(l, lines.L)}, λ = {lmbda:g}", fontsize=9)
        ax.legend(fontsize=7)
    axes[0][0].set_ylabel("cost")
    fig.tight_layout()
    if numbers:
        print_numbers(f)
    return f


# --------------------------------------------------------------------------------------------
# the hidden pre-activations: the premise of the layer split


def pre_activations(net, X, layer=0) -> np.ndarray:
    """z = a^{ℓ−1} w_ℓᵀ + b_ℓ of weight layer ``layer`` on every row of X, shape
    (N, sizes[layer+1]) (the trained network's actual pre-activations)."""
    ws, bs = _params(net)
    layer = _check_layer(layer, len(ws))
    a = np.asarray(X, dtype=float)
    for w, b in zip(ws[:layer], bs[:layer], strict=True):
        a = sigmoid(a @ w.T + b)
    return a @ ws[layer].T + bs[layer]


@dataclass(frozen=True)
class LayerSplit:
    """How the layers share Σw²: ``sq_norm`` (L,) per layer, ``n_weights`` (L,) their counts."""

    sq_norm: np.ndarray
    n_weights: np.ndarray

    @property
    def total(self) -> float:
        return float(self.sq_norm.sum())

    @property
    def share(self) -> np.ndarray:
        """Σw²_ℓ / Σw², (L,)."""
        return self.sq_norm / self.total

    def predicted_rms(self, total=None, share=None) -> np.ndarray:
        """RMS_ℓ = √(total · share_ℓ / N_ℓ): each layer's level from a total and a split
        (default: the measured total and the *equal* split 1/L, the balanced-layers premise)."""
        total = self.total if total is None else float(total)
        share = np.full(len(self.sq_norm), 1 / len(self.sq_norm)) if share is None else share
        return np.sqrt(total * np.asarray(share, dtype=float) / self.n_weights)

    @property
    def rms(self) -> np.ndarray:
        """The measured RMS_ℓ = √(Σw²_ℓ / N_ℓ)."""
        return np.sqrt(self.sq_norm / self.n_weights)


def layer_split(sq_norm, sizes) -> LayerSplit:
    """:class:`LayerSplit` of per-layer Σw² ``sq_norm`` (L,) of a network of widths ``sizes``."""
    sizes = tuple(int(s) for s in sizes)
    sq = np.asarray(sq_norm, dtype=float)
    if sq.shape != (len(sizes) - 1,):
        raise ValueError(f"sq_norm must have one entry per weight layer ({len(sizes) - 1}), "
                         f"got shape {sq.shape}")
    return LayerSplit(sq, np.array([a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True)]))


#: |z| above which a sigmoid unit counts as saturated, σ′(z) < SATURATION_THRESHOLD (0.01):
#: σ′(z) = 1/(4 cosh²(z/2)), so z_ε = 2 arccosh(1/(2√0.01)) = 2 arccosh 5 ≈ 4.585
Z_SATURATED = 2 * math.acosh(1 / (2 * math.sqrt(SATURATION_THRESHOLD)))
#: |z| below which a unit counts as near-linear (σ′ ≥ 0.197, within 21% of its top ¼)
Z_LINEAR = 1.0


@dataclass(frozen=True)
class Spread:
    """The spread of one hidden layer's actual pre-activations z = a w_ℓᵀ + b_ℓ over the data:
    ``std`` over all (example, neuron) pairs, ``std_neuron`` √(mean over neurons of each
    neuron's variance over the examples), ``saturated`` share of pairs with |z| > Z_SATURATED,
    ``linear`` share with |z| < Z_LINEAR."""

    std: float
    std_neuron: float
    saturated: float
    linear: float


def spread(z) -> Spread:
    """:class:`Spread` of pre-activations ``z`` (N, units)."""
    z = np.asarray(z, dtype=float)
    if z.ndim != 2:
        raise ValueError(f"z must have shape (N, units), got {z.shape}")
    return Spread(float(z.std()), float(np.sqrt(z.var(axis=0).mean())),
                  float(np.mean(np.abs(z) > Z_SATURATED)), float(np.mean(np.abs(z) < Z_LINEAR)))


def loss_weighted_margin(z, y) -> float:
    """Σ u·ℓ(u) / Σ ℓ(u) over every (example, output) pair, with the signed margin
    u = (2y_j − 1)·z_j of output j and its loss ℓ(u) = ln(1 + e^{−u}) (the cross-entropy is
    Σ_j ℓ(u_j)). For a logistic loss −dℓ/d ln u = u·σ(−u) ≈ u·ℓ(u) once u ≫ 1, so the scale
    derivative of C₀ is about C₀ times this margin."""
    z = np.asarray(z, dtype=float)
    u = (2 * _one_hot(np.asarray(y), z.shape[1]) - 1) * z
    loss = np.logaddexp(0.0, -u)
    return float(np.sum(u * loss) / np.sum(loss))


@dataclass(frozen=True)
class RunMechanism:
    """What the mechanism needs of one trained network, stored at every sweep point (not the
    weights). Per layer (L,): ``sq_norm`` Σw²_ℓ, ``alpha_star`` α*_ℓ, ``push`` s_ℓ =
    −⟨w_ℓ, ∇_ℓC₀⟩, ``pull`` (λ/n)‖w_ℓ‖²; ``c0`` the training data cost; ``margin`` the
    :func:`loss_weighted_margin` of the output; per hidden layer (L − 1,): the
    :class:`Spread` fields ``z_std``, ``z_std_neuron``, ``z_saturated``, ``z_linear``.
    Derived: ``ratio`` = pull / push (the radial balance), ``push_over_c0`` = s_ℓ / C₀."""

    lmbda: float
    n: int
    sq_norm: np.ndarray
    alpha_star: np.ndarray
    push: np.ndarray
    pull: np.ndarray
    c0: float
    margin: float
    z_std: np.ndarray
    z_std_neuron: np.ndarray
    z_saturated: np.ndarray
    z_linear: np.ndarray

    @property
    def ratio(self) -> np.ndarray:
        return self.pull / self.push

    @property
    def push_over_c0(self) -> np.ndarray:
        return self.push / self.c0

    def to_json(self) -> dict:
        return {k: (v.tolist() if isinstance(v, np.ndarray) else v)
                for k, v in self.__dict__.items()}

    @classmethod
    def from_json(cls, d: dict) -> RunMechanism:
        return cls(**{k: (np.asarray(v, dtype=float) if isinstance(v, list) else v)
                      for k, v in d.items()})


def measure(net, X, y, lmbda, n=None) -> RunMechanism:
    """:class:`RunMechanism` of a trained ``net`` (Network or (weights, biases)) on its
    training data (X, y), λ = ``lmbda``, n = ``n`` (default len(X))."""
    lines = LineCosts(net, X, y, n)
    rb = radial_balance(None, None, None, lmbda, lines=lines)
    z_out = lines.products[-1] + lines.biases[-1]
    spreads = [spread(lines.products[l] + lines.biases[l]) for l in range(lines.L - 1)]
    return RunMechanism(
        rb.lmbda, lines.n, lines.sq_norm.copy(), rb.alpha_star, rb.push, rb.pull, rb.c0,
        loss_weighted_margin(z_out, lines.y),
        *(np.array([getattr(s, k) for s in spreads]) for k in ("std", "std_neuron",
                                                               "saturated", "linear")))


# --------------------------------------------------------------------------------------------
# the epoch-averaged balance, exactly (SymPy)


def balance_identity(rhs=None):
    r"""The exact epoch-averaged balance, derived from the per-step identity and asserted.

    Per step, with a = ηλ/n and the gradient step g: ‖(1 − a)w − g‖² = (1 − a)²‖w‖² −
    2(1 − a)⟨w, g⟩ + ‖g‖² (checked component by component). If ‖w‖² = W stands still on average,
    with E⟨w, g⟩ = −η·R (R: the mean push −⟨w, ∇C_B⟩ of a batch) and E‖g‖² = J:

        (2a − a²)·W = 2(1 − a)·η·R + J,

    which, divided by 2η, is exactly

        (λ/n)·W − R − J/(2η) = a·((λ/n)·W/2 − R):

    the decay (λ/n)W balances the push R plus the jitter J/(2η), up to a correction of order a.
    Returns the SymPy equation ``Eq(lhs, rhs)`` of the last line (asserted equivalent to the
    stationarity condition). ``rhs``: a claimed right-hand side in place of a·((λ/n)W/2 − R),
    as a function of the symbols (a, lam_n, W, R), so a test can show a wrong one fails
    (AssertionError)."""
    import sympy as sp

    eta, lam, n, W, R, J, w, g = sp.symbols("eta lambda n W R J w g", positive=True)
    a = eta * lam / n
    step = sp.expand(((1 - a) * w - g) ** 2)
    assert sp.simplify(step - ((1 - a) ** 2 * w**2 - 2 * (1 - a) * w * g + g**2)) == 0
    stationary = (2 * a - a**2) * W - (2 * (1 - a) * eta * R + J)
    lhs = lam / n * W - R - J / (2 * eta)
    rhs = a * (lam / n * W / 2 - R) if rhs is None else rhs(a, lam / n, W, R)
    assert sp.simplify(stationary / (2 * eta) - (lhs - rhs)) == 0, "not the stationary balance"
    return sp.Eq(lhs, rhs)


def ratio_from_budget(decay, radial, a) -> np.ndarray:
    """The epoch-averaged radial balance (λ/n)·W̄ / R̄ from an epoch's budget: the decay part
    Σ((1 − a)² − 1)‖w‖² = −(2a − a²)·steps·W̄ and the radial part −2(1 − a)Σ⟨w, g⟩ =
    2(1 − a)·η·steps·R̄ give (λ/n)W̄/R̄ = −decay·2(1 − a) / ((2 − a)·radial). Arrays broadcast."""
    return -np.asarray(decay) * 2 * (1 - a) / ((2 - a) * np.asarray(radial))


def ratio_from_jitter(a, jitter_over_radial) -> np.ndarray:
    """The radial balance the exact identity gives when the jitter is ``jitter_over_radial``
    times the radial part: (λ/n)W/R = (1 − a + (1 − a)·j) / (1 − a/2), since J/(2ηR) =
    (1 − a)·jitter/radial. Tends to 1 as η → 0 (a → 0 and j ∝ η → 0)."""
    j = np.asarray(jitter_over_radial, dtype=float)
    return (1 - a) * (1 + j) / (1 - a / 2)


# --------------------------------------------------------------------------------------------
# the λ window


def decay_epochs(m, eta, lmbda, initial, level):
    """Epochs pure decay needs to take a weight RMS from ``initial`` to ``level``: one epoch
    multiplies every weight by exp(−ηλ/m) (notebook 02), so E = (m/ηλ)·ln(initial/level).
    Arrays broadcast; ``initial`` and ``level`` > 0."""
    for name, v in (("m", m), ("eta", eta), ("lmbda", lmbda), ("initial", initial),
                    ("level", level)):
        if np.any(np.asarray(v, dtype=float) <= 0):
            raise ValueError(f"{name} must be > 0, got {v!r}")
    return m / (np.asarray(eta) * np.asarray(lmbda)) * np.log(np.asarray(initial)
                                                              / np.asarray(level))


def input_label_correlation(X, y, k=10) -> np.ndarray:
    """M = E[(y − ȳ) xᵀ] over the rows of X with one-hot labels y: shape (k, d)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (N, d) and y (N,), got {X.shape} and {y.shape}")
    Y = _one_hot(y, k)
    return (Y - Y.mean(axis=0)).T @ X / len(X)


def stability_bound():
    r"""Linear stability of w = 0 in a two-layer sigmoid network, derived and asserted (SymPy).

    At W₁ = W₂ = 0 every hidden unit outputs σ(b₁), the output bias fits the class frequencies
    (σ(b₂) = ȳ), and the gradients vanish: w = 0 is a stationary point of C₀ + (λ/2n)Σw². Near
    it, h ≈ σ(b₁) + D·W₁x with D = diag σ′(b₁) ≤ ¼, and to first order in the weights
    −∇_{W₁}C₀ = D W₂ᵀ M, −∇_{W₂}C₀ = M W₁ᵀ D with M = E[(y − ȳ)xᵀ] (the mean shifts are
    absorbed by the undecayed biases). Along the leading singular pair of M (M v = s u),
    W₁ = p·e vᵀ, W₂ = q·u eᵀ, D = d·I, gradient flow (or SGD on average, per step ×η) gives

        d/dt (p, q) = [[−λ/n, d·s], [d·s, −λ/n]] (p, q),

    with eigenvalues −λ/n ± d·s: the product mode grows iff d·s > λ/n. As d = σ′ ≤ ¼ the
    network can leave w = 0 only if λ/n < s_max/4 (an upper bound on the λ/n at which it still
    learns). Returns (the eigenvalues, the condition) as SymPy objects, asserted."""
    import sympy as sp

    lam_n, d, s = sp.symbols("lambda_n d s", positive=True)
    A = sp.Matrix([[-lam_n, d * s], [d * s, -lam_n]])
    eig = sorted(A.eigenvals(), key=sp.default_sort_key)
    assert {sp.simplify(e) for e in eig} == {sp.simplify(-lam_n + d * s),
                                             sp.simplify(-lam_n - d * s)}
    edge = sp.solve(sp.Eq(max(eig, key=lambda e: e.subs({d: 1, s: 1, lam_n: 0})), 0), lam_n)
    assert edge == [d * s]  # the growing mode's rate −λ/n + d·s vanishes at λ/n = d·s
    return eig, sp.Lt(lam_n, edge[0].subs(d, sp.Rational(1, 4)))


@dataclass(frozen=True)
class StabilityBound:
    """``s_max`` the leading singular value of M = E[(y − ȳ)xᵀ]; ``ratio_max`` = s_max/4, the
    largest λ/n at which w = 0 is unstable (the network can still learn); ``lmbda_max`` =
    n·s_max/4 for the training-set size ``n``."""

    s_max: float
    n: int

    @property
    def ratio_max(self) -> float:
        return self.s_max / 4

    @property
    def lmbda_max(self) -> float:
        return self.n * self.s_max / 4


def lmbda_window_top(X, y, k=10) -> StabilityBound:
    """:class:`StabilityBound` of the training data (X, y): n = len(X)."""
    s = np.linalg.svd(input_label_correlation(X, y, k), compute_uv=False)
    return StabilityBound(float(s[0]), len(X))


# --------------------------------------------------------------------------------------------
# the stored sweeps: the mechanism at every point (appendix A4)

#: every stored sweep whose runs carry the mechanism (tools/sweep_tailoff.py)
STORED_SWEEPS = ("width", "n_in", "lmbda", "eta", "n_fixed_lmbda", "n_fixed_ratio", "grid",
                 "book_ratio", "small_ratio", "deep", "digits", "longer")


@dataclass(frozen=True)
class PointSummary:
    """One stored point and init, seed means (``seeds`` runs). Per layer (L,): ``alpha_star``,
    ``ratio`` (pull / push of the final network), ``ratio_budget`` (the tail window's
    epoch-averaged balance, :func:`ratio_from_budget`), ``jitter_share`` (jitter / radial over
    the tail window), ``share`` (Σw²_ℓ / Σw² over the tail window), ``push_over_c0`` (s_ℓ/C₀),
    ``stat_corr`` (correlation of (λ/n)w with −∇C₀ over the weights: the whole gradient);
    ``level`` (L + 1,) the tail-off RMS; ``sq_total`` Σw² over the tail window; per hidden layer
    (L − 1,) the pre-activations' ``z_std``, ``z_std_neuron``, ``z_saturated``, ``z_linear``;
    ``c0`` and ``margin`` of the final network; ``r`` = (λ/2n)Σw²/C₀ at the end; ``drift``
    (L + 1,) the change of ln Σw² across the tail window; ``settled`` the share of seeds with
    |drift| < 1% everywhere."""

    sweep: str
    value: object
    init: str
    sizes: tuple
    lmbda: float
    eta: float
    n: int
    epochs: int
    seeds: int
    alpha_star: np.ndarray
    ratio: np.ndarray
    ratio_budget: np.ndarray
    jitter_share: np.ndarray
    share: np.ndarray
    push_over_c0: np.ndarray
    stat_corr: np.ndarray
    level: np.ndarray
    sq_total: float
    z_std: np.ndarray
    z_std_neuron: np.ndarray
    z_saturated: np.ndarray
    z_linear: np.ndarray
    c0: float
    margin: float
    r: float
    drift: np.ndarray
    settled: float

    @property
    def a(self) -> float:
        return self.eta * self.lmbda / self.n

    @property
    def split(self) -> LayerSplit:
        """The tail window's split as a :class:`LayerSplit` (Σw²_ℓ = share_ℓ · Σw²)."""
        return layer_split(self.share * self.sq_total, self.sizes)


def summarize_run(r: dict):
    """The per-run quantities of :class:`PointSummary` of one stored run record (a dict)."""
    from helpers.tailoff import tail_off_level, tail_window

    p, mech = r["point"], RunMechanism.from_json(r["mechanism"])
    sq = np.asarray(r["sq_norm"], dtype=float)
    epochs = len(sq) - 1
    first, _ = tail_window(epochs)
    a = p["eta"] * p["lmbda"] / p["n"]
    tail = slice(first - 1, None)  # rows of the (E, L) budget arrays: epochs first..E
    decay, radial, jitter = (np.asarray(r[k], dtype=float)[tail].sum(axis=0)
                             for k in ("decay", "radial", "jitter"))
    sq_tail = sq[first:].mean(axis=0)
    sizes = tuple(r["sizes"])
    counts = np.array([x * y for x, y in zip(sizes[:-1], sizes[1:], strict=True)])
    return {
        "alpha_star": mech.alpha_star, "ratio": mech.ratio,
        "ratio_budget": ratio_from_budget(decay, radial, a), "jitter_share": jitter / radial,
        "share": sq_tail / sq_tail.sum(), "push_over_c0": mech.push_over_c0,
        "stat_corr": np.asarray(r["stat_corr"], dtype=float),
        "level": tail_off_level(sq, counts), "sq_total": float(sq_tail.sum()),
        "z_std": mech.z_std, "z_std_neuron": mech.z_std_neuron,
        "z_saturated": mech.z_saturated, "z_linear": mech.z_linear, "c0": mech.c0,
        "margin": mech.margin,
        "r": float(p["lmbda"] / (2 * p["n"]) * mech.sq_norm.sum() / mech.c0),
        "drift": np.asarray(r["drift"], dtype=float), "settled": float(r["settled"]),
    }


def summarize(sweep) -> list[PointSummary]:
    """:class:`PointSummary` of every (value, init) of a stored sweep (a ``tailoff.Sweep``),
    means over its seeds."""
    out = []
    for value in sweep.values:
        for init in sweep.inits:
            runs = [sweep.run(value, init, s) for s in sweep.seeds]
            per = [summarize_run(r) for r in runs]
            mean = {k: (np.mean([q[k] for q in per], axis=0) if np.ndim(per[0][k])
                        else float(np.mean([q[k] for q in per]))) for k in per[0]}
            p = runs[0]["point"]
            out.append(PointSummary(sweep.name, value, init, tuple(runs[0]["sizes"]),
                                    float(p["lmbda"]), float(p["eta"]), int(p["n"]),
                                    len(runs[0]["sq_norm"]) - 1, len(runs), **mean))
    return out


def stored_points(names=STORED_SWEEPS) -> list[PointSummary]:
    """:func:`summarize` of every stored sweep in ``names`` (``tailoff.load_sweep``)."""
    from helpers.tailoff import load_sweep

    return [s for name in names for s in summarize(load_sweep(name))]


def book_ratio_levels(name: str = "book_ratio") -> dict:
    """The stored direct measurement at the book's λ/n = 10⁻⁴ on the subset (λ = 0.4,
    n = 4,000; ``name="small_ratio"`` for λ = 0.2): per init, a :class:`PointSummary` (seed
    means) — ``.sq_total`` the tail window's Σw², ``.drift[-1]`` the change of ln Σw² of all
    weights across the tail window, ``.settled`` the share of seeds settled, ``.epochs``."""
    from helpers.tailoff import load_sweep

    return {p.init: p for p in summarize(load_sweep(name))}

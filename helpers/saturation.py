"""Notebook 03: saturated hidden neurons, and the two parts of the change of ||w||^2.

Weighted inputs at initialization
---------------------------------
For the hidden layer ``z = x @ W.T + b`` with ``W`` of shape ``(n_hidden, 784)``. With weights
~ N(0, scale^2) and biases ~ N(0, 1) the claim ``derivations.weighted_input_variance`` gives
``Var z = scale^2 ||x||^2 + 1``; :func:`init_saturation` measures the std of ``z`` and the share
of (probe example, hidden neuron) pairs with ``sigma'(z) < SATURATION_THRESHOLD`` and puts them
beside the closed forms (``derivations.weighted_input_std`` and ``derivations.saturated_share``).

One epoch, step by step
-----------------------
:func:`epoch_steps` repeats one epoch of ``Network.train`` by hand (the same shuffle, the same
update ``w <- (1 - a) w - g`` with ``a = eta*lmbda/n`` and ``g = eta * dC0/dw`` on the batch),
and records per step and layer the decay step ``-a w`` and the gradient step ``-g``. Summed over
the epoch, the decay steps point almost the same way (toward 0) while the gradient steps largely
cancel; :func:`coherence` measures that as ``||sum of steps|| / sum of ||step||`` (1 when all
steps are parallel, about ``1/sqrt(steps)`` for a random walk).

The radial part of the gradient, by saturation class
----------------------------------------------------
For hidden neuron j with weight row ``w_j`` and bias ``b_j``, the per-example gradient is
``dC_x/dw_j = delta_j(x) x`` with ``delta_j = dC_x/dz_j``, so its component along ``w_j`` is
``<w_j, dC_x/dw_j> = delta_j(x) (w_j . x) = delta_j(x) (z_j(x) - b_j)`` (the radial identity).
:func:`radial_split` sums, per (example, neuron) pair class (saturated: ``sigma'(z) < eps``, or
not), that radial term, its absolute value, and the largest value it could have,
``|delta_j| ||x|| ||w_j||`` (the pair's gradient length times ``||w_j||``). Their ratio is the
pairs' gradient-weighted mean ``|cos(w_j, x)| = |z_j - b_j| / (||w_j|| ||x||)``: an unsaturated
pair has ``|z_j| < z_eps``, so where ``||w_j|| ||x||`` is large its gradient is nearly
orthogonal to ``w_j``; a saturated pair has ``|delta_j|`` below ``eps`` times the error reaching j.
:func:`epoch_steps` accumulates the same sums over every step of an epoch (``radial``).

Shapes: ``X`` (n, 784) in [0, 1], ``y`` (n,) integer labels; per-step arrays (steps, L).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations
from helpers.network import SATURATION_THRESHOLD, SIZES, Network, sigmoid_prime, train_grid
from helpers.widgets import print_numbers

__all__ = [
    "SIZES",
    "BookEpoch1",
    "EpochSteps",
    "RadialSplit",
    "coherence",
    "book_epoch1",
    "closed_share",
    "crossover_lambda",
    "draw_init_and_split",
    "draw_step_sketch",
    "epoch_steps",
    "first_epoch_split",
    "hidden_z",
    "init_saturation",
    "lambda_sweep",
    "norm_change_split",
    "plot_crossover",
    "radial_split",
    "split_numbers",
    "z_threshold",
]


def hidden_z(net: Network, probe: np.ndarray) -> np.ndarray:
    """Weighted inputs of the first hidden layer, ``probe @ W.T + b.T``: shape (N, n_hidden)."""
    return np.asarray(probe) @ net.weights[0].T + net.biases[0].T


def init_saturation(probe: np.ndarray, init=1.0, seed: int = 1, sizes=SIZES,
                    eps: float = SATURATION_THRESHOLD) -> dict:
    """Measured and closed-form spread of z and saturated share at initialization.

    ``init`` is passed to :class:`Network` (``"large"``, ``"default"`` or a weight std).
    Returns a dict of floats: ``x_rms`` (root mean square of ||x|| over the probe),
    ``sigma_w`` (the weight std used), ``z_std`` (measured over all probe/neuron pairs),
    ``z_std_closed`` (``weighted_input_std(x_rms, sigma_w, 1)``), ``share`` (measured share
    with ``sigma'(z) < eps``), ``share_closed`` (``saturated_share(z_std_closed, eps)``) and
    ``share_mixture`` (the closed form averaged over each probe input's own ||x||).
    """
    net = Network(sizes, init=init, seed=seed)
    z = hidden_z(net, probe)
    norms = np.sqrt(np.sum(np.asarray(probe) ** 2, axis=1))
    sigma_w = {"large": 1.0, "default": 1 / math.sqrt(sizes[0])}.get(init, init)
    x_rms = float(np.sqrt(np.mean(norms**2)))
    z_closed = math.sqrt(sigma_w**2 * x_rms**2 + 1.0)
    return {
        "x_rms": x_rms,
        "sigma_w": float(sigma_w),
        "z_std": float(np.sqrt(np.mean(z**2))),
        "z_std_closed": z_closed,
        "share": float(np.mean(sigmoid_prime(z) < eps)),
        "share_closed": float(closed_share(z_closed, eps)),
        "share_mixture": float(np.mean(closed_share(np.sqrt(sigma_w**2 * norms**2 + 1.0),
                                                    eps))),
    }


def z_threshold(eps: float = SATURATION_THRESHOLD) -> float:
    """z_ε = 2·acosh(1/(2√ε)): σ′(z) < ε exactly when |z| > z_ε."""
    return 2 * math.acosh(1 / (2 * math.sqrt(eps)))


def closed_share(z_std, eps: float = SATURATION_THRESHOLD):
    """The share erfc(z_ε/(s√2)) of normal z with std ``s`` = ``z_std`` beyond ±z_ε.

    The closed forms of ``derivations.weighted_input_std`` / ``saturated_share`` written out
    here (their twins compile the SymPy proofs on first use, seconds a lesson need not wait;
    ``tests/test_saturation.py`` compares them)."""
    z_std = np.asarray(z_std, dtype=float)
    return np.vectorize(math.erfc)(z_threshold(eps) / (z_std * math.sqrt(2)))


def norm_change_split(w, g, a: float) -> np.ndarray:
    """The exact split of one step's change of ||w||^2, for ``w' = (1 - a) w - g``.

    ``w`` and ``g`` arrays of one shape, ``a = eta*lmbda/n``. Returns the array
    ``[decay part, gradient part]`` of shape (2,): ``((1 - a)^2 - 1) ||w||^2`` and
    ``||g||^2 - 2 (1 - a) <w, g>``; their sum is ``||w'||^2 - ||w||^2``.
    """
    w, g = np.asarray(w, dtype=float), np.asarray(g, dtype=float)
    if w.shape != g.shape:
        raise ValueError(f"w and g must have the same shape; got {w.shape} and {g.shape}")
    ww, wg, gg = np.vdot(w, w), np.vdot(w, g), np.vdot(g, g)
    return np.array([((1 - a) ** 2 - 1) * ww, gg - 2 * (1 - a) * wg])


@dataclass
class RadialSplit:
    """Sums over the (example, hidden neuron) pairs of one or more batches, per class.

    Each field is an array of shape (2,): index 0 the saturated pairs (``sigma'(z) < eps``),
    index 1 the unsaturated ones. ``pairs``: how many; ``radial``: sum of
    ``delta_j (z_j - b_j)`` (= sum of ``<w_j, dC_x/dw_j>``); ``radial_abs``: sum of its absolute
    value; ``reach``: sum of ``|delta_j| ||x|| ||w_j||``, the radial term each pair would have if
    its gradient pointed along ``w_j``; ``length``: sum of ``|delta_j| ||x||``, the pairs'
    gradient lengths.
    """

    pairs: np.ndarray
    radial: np.ndarray
    radial_abs: np.ndarray
    reach: np.ndarray
    length: np.ndarray

    CLASSES = ("saturated", "unsaturated")

    def __add__(self, other: RadialSplit) -> RadialSplit:
        return RadialSplit(*(getattr(self, f) + getattr(other, f) for f in _RADIAL_FIELDS))

    def scaled(self, c: float) -> RadialSplit:
        """The sums times ``c`` (``pairs`` unchanged): ``c = eta/m`` turns them into step units."""
        return RadialSplit(self.pairs, c * self.radial, c * self.radial_abs, c * self.reach,
                           c * self.length)

    @property
    def mean_cos(self) -> np.ndarray:
        """Per class, ``radial_abs / reach``: the gradient-weighted mean |cos(w_j, x)|, (2,)."""
        with np.errstate(invalid="ignore", divide="ignore"):  # an empty class gives nan
            return self.radial_abs / self.reach

    def share(self, field: str) -> np.ndarray:
        """Per class, the class's share of ``field`` (``"pairs"``, ``"length"``, ...), (2,)."""
        v = getattr(self, field)
        return np.abs(v) / np.abs(v).sum() if field == "radial" else v / v.sum()


_RADIAL_FIELDS = ("pairs", "radial", "radial_abs", "reach", "length")


def radial_split(net: Network, X, y, eps: float = SATURATION_THRESHOLD,
                 check: bool = True) -> RadialSplit:
    """The radial terms ``delta_j(x) (z_j(x) - b_j)`` of the hidden layer on a batch, by class.

    ``X`` (N, 784), ``y`` (N,): the batch; the network's current weights. ``delta`` is
    backpropagated here from the output error ``sigma(z^L) - onehot(y)`` (cross-entropy); with
    ``check`` the sum of the radial terms is asserted equal to ``N <w, dC0/dw>`` computed from
    ``net.gradient`` (rtol 1e-9), i.e. the radial identity, summed, on real numbers.
    Requires a network with one hidden layer.
    """
    if len(net.weights) != 2:
        raise ValueError(f"radial_split needs one hidden layer; got sizes {net.sizes}")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    W1, W2 = net.weights
    b1 = net.biases[0][:, 0]
    z1 = X @ W1.T + b1  # (N, hidden)
    with np.errstate(over="ignore"):
        a1 = 1 / (1 + np.exp(-z1))
        out = 1 / (1 + np.exp(-(a1 @ W2.T + net.biases[1][:, 0])))
    out[np.arange(len(y)), y] -= 1.0  # delta^L = a^L - onehot(y)
    sigma_prime = a1 * (1 - a1)  # sigma'(z1)
    delta = (out @ W2) * sigma_prime  # (N, hidden)
    radial = delta * (z1 - b1)
    x_norm = np.sqrt(np.sum(X * X, axis=1))[:, None]
    w_norm = np.sqrt(np.sum(W1 * W1, axis=1))[None, :]
    length = np.abs(delta) * x_norm
    saturated = sigmoid_prime(z1) < eps
    classes = (saturated, ~saturated)
    split = RadialSplit(
        np.array([c.sum() for c in classes], dtype=float),
        np.array([radial[c].sum() for c in classes]),
        np.array([np.abs(radial[c]).sum() for c in classes]),
        np.array([(length * w_norm)[c].sum() for c in classes]),
        np.array([length[c].sum() for c in classes]),
    )
    if check:
        dW, _ = net.gradient(X, y)
        np.testing.assert_allclose(split.radial.sum(), len(X) * np.vdot(W1, dW[0]),
                                   rtol=1e-9, atol=1e-12)
    return split


@dataclass
class EpochSteps:
    """Per-step records of one epoch (``steps`` = ceil(n/m) rows, one column per layer).

    ``sq_norm`` ||w||^2 before the step; ``wg`` <w, g>; ``gg`` ||g||^2; ``decay_sum`` and
    ``gradient_sum``: lists of arrays, the sum over the epoch of the decay steps ``-a w`` and of
    the gradient steps ``-g`` of each layer (shapes of the weights). ``a``: eta*lmbda/n.
    ``radial``: for one hidden layer, its :class:`RadialSplit` summed over the steps, each
    step's sums scaled by ``eta / len(batch)``, so that ``radial.radial.sum()`` is the sum over
    the steps of ``<w, g>`` for the hidden layer (None for other depths).
    """

    a: float
    sq_norm: np.ndarray
    wg: np.ndarray
    gg: np.ndarray
    decay_sum: list
    gradient_sum: list
    radial: RadialSplit | None = None

    @property
    def decay_part(self) -> np.ndarray:
        """Per layer, sum over steps of ((1-a)^2 - 1) ||w||^2: shape (L,)."""
        return (((1 - self.a) ** 2 - 1) * self.sq_norm).sum(axis=0)

    @property
    def gradient_part(self) -> np.ndarray:
        """Per layer, sum over steps of ||g||^2 - 2 (1-a) <w, g>: shape (L,)."""
        return (self.gg - 2 * (1 - self.a) * self.wg).sum(axis=0)

    @property
    def decay_step_norm(self) -> np.ndarray:
        """Mean over steps of ||a w||, shape (L,)."""
        return (self.a * np.sqrt(self.sq_norm)).mean(axis=0)

    @property
    def gradient_step_norm(self) -> np.ndarray:
        """Mean over steps of ||g||, shape (L,)."""
        return np.sqrt(self.gg).mean(axis=0)

    @property
    def cosine(self) -> np.ndarray:
        """Per step, cos of the angle between the gradient step -g and -w (shrinking
        direction): <w, g> / (||w|| ||g||), shape (steps, L)."""
        return self.wg / np.sqrt(self.sq_norm * self.gg)


def epoch_steps(net: Network, X, y, eta: float, lmbda: float, m: int, seed) -> EpochSteps:
    """One epoch of the book's update, by hand, on ``net`` (updated in place).

    Visits the examples in the order ``np.random.default_rng(seed).permutation(n)`` in batches
    of ``m``, like ``Network.train(..., epochs=1, seed=seed)``; per step
    ``w <- (1 - a) w - eta * dC0/dw|_B``, ``b <- b - eta * dC0/db|_B`` (``net.gradient``).
    """
    n = len(X)
    a = eta * lmbda / n
    order = np.random.default_rng(seed).permutation(n)
    L = len(net.weights)
    rows = []
    decay_sum = [np.zeros_like(w) for w in net.weights]
    gradient_sum = [np.zeros_like(w) for w in net.weights]
    radial = None
    for start in range(0, n, m):
        batch = order[start:start + m]
        if L == 2:
            part = radial_split(net, X[batch], y[batch], check=False).scaled(eta / len(batch))
            radial = part if radial is None else radial + part
        dW, dB = net.gradient(X[batch], y[batch])
        row = np.empty((3, L))
        for l in range(L):
            w, g = net.weights[l], eta * dW[l]
            wf, gf = w.ravel(), g.ravel()  # np.dot of flat views: np.vdot is far slower here
            row[:, l] = wf @ wf, wf @ gf, gf @ gf
            decay_sum[l] -= a * w
            gradient_sum[l] -= g
            net.weights[l] = (1 - a) * w - g
            net.biases[l] = net.biases[l] - eta * dB[l]
        rows.append(row)
    rows = np.array(rows)
    return EpochSteps(a, rows[:, 0], rows[:, 1], rows[:, 2], decay_sum, gradient_sum, radial)


def coherence(steps: EpochSteps) -> dict:
    """How much the steps of one epoch add up, per layer (arrays of shape (L,)).

    ``decay``: ||sum of decay steps|| / sum of ||decay step||; ``gradient``: the same for the
    gradient steps; ``random_walk``: 1/sqrt(steps), what independent random directions give.
    """
    k = steps.sq_norm.shape[0]
    dec = np.array([np.linalg.norm(s) for s in steps.decay_sum]) / (
        steps.a * np.sqrt(steps.sq_norm)).sum(axis=0)
    grad = np.array([np.linalg.norm(s) for s in steps.gradient_sum]) / np.sqrt(
        steps.gg).sum(axis=0)
    return {"decay": dec, "gradient": grad, "random_walk": 1 / math.sqrt(k)}


def first_epoch_split(X, y, init=1.0, lmbda: float = 5.0, eta: float = 0.5, m: int = 10,
                      seed: int = 1, shuffle_seed: int = 2, probe=None, sizes=SIZES):
    """Train one epoch from a fresh ``Network(sizes, init, seed)``; return its History."""
    net = Network(sizes, init=init, seed=seed)
    return net.train(X, y, epochs=1, mini_batch_size=m, eta=eta, lmbda=lmbda,
                     seed=shuffle_seed, probe=probe)


def lambda_sweep(X, y, lambdas, eta: float = 0.5, m: int = 10, init="large", seed: int = 1,
                 shuffle_seed: int = 2) -> dict:
    """Epoch-1 decay and gradient parts for each λ: arrays of shape (len(lambdas), L).

    Each λ is one epoch of ``first_epoch_split(X, y, init, λ, eta, m, seed, shuffle_seed)``;
    the runs are trained together by :func:`helpers.network.train_grid` (the same Histories,
    bit for bit, only faster)."""
    lambdas = np.asarray(lambdas, dtype=float)
    if lambdas.ndim != 1 or not len(lambdas) or np.any(lambdas < 0):
        raise ValueError(f"lambdas must be a non-empty 1-D sequence of values >= 0; got "
                         f"{lambdas!r}")
    nets = [Network(SIZES, init=init, seed=seed) for _ in lambdas]
    hs = train_grid(nets, X, y, 1, m, eta=eta, lmbda=list(lambdas), seed=shuffle_seed)
    return {"lmbda": lambdas,
            "decay_part": np.array([h.decay_part[0] for h in hs]),
            "gradient_part": np.array([h.gradient_part[0] for h in hs])}


def crossover_lambda(sweep: dict, layer: int = 0) -> float:
    """The λ where |decay part| = |gradient part| in epoch 1, by log-log interpolation of
    the ratio |decay|/|gradient| between the two grid points that bracket 1 (nan if none)."""
    lam = sweep["lmbda"]
    ratio = np.abs(sweep["decay_part"][:, layer]) / np.abs(sweep["gradient_part"][:, layer])
    above = np.flatnonzero((ratio[:-1] < 1) & (ratio[1:] >= 1))
    if not above.size:
        return float("nan")
    i = above[0]
    t = -np.log(ratio[i]) / (np.log(ratio[i + 1]) - np.log(ratio[i]))
    return float(np.exp(np.log(lam[i]) + t * (np.log(lam[i + 1]) - np.log(lam[i]))))


def split_numbers(X, y, probe, init_scale: float, lmbda: float, eta: float = 0.5,
                  m: int = 10) -> dict:
    """The numbers the widget prints, for weights ~ N(0, init_scale^2), one epoch of training.

    Returns floats: ``z_std``, ``z_std_closed``, ``share``, ``share_closed`` (at init, see
    :func:`init_saturation`), and for epoch 1 of the hidden layer ``decay_part``,
    ``gradient_part``, ``decay_step``, ``gradient_step`` (mean norms per step) and
    ``decay_fraction`` = |decay| / (|decay| + |gradient|).
    """
    init = init_saturation(probe, init_scale)
    h = first_epoch_split(X, y, init_scale, lmbda, eta, m, probe=probe)
    d, g = float(h.decay_part[0, 0]), float(h.gradient_part[0, 0])
    return {
        "z_std": init["z_std"], "z_std_closed": init["z_std_closed"],
        "share": init["share"], "share_closed": init["share_closed"],
        "decay_part": d, "gradient_part": g,
        "decay_step": float(h.decay_step_norm[0, 0]),
        "gradient_step": float(h.gradient_step_norm[0, 0]),
        "decay_fraction": abs(d) / (abs(d) + abs(g)),
    }


def draw_init_and_split(init_scale: float, lmbda: float, *, X, y, probe, eta: float = 0.5,
                        m: int = 10) -> dict:
    """Two panels: the hidden z at init for weight std ``init_scale`` against the saturation
    band |z| > z_eps, and epoch 1's change of the hidden ||w||^2 split into its two parts.

    Prints ``name = value`` lines, all computed by :func:`split_numbers` (same arguments):
    z_std, z_std_closed, share, share_closed, decay_part, gradient_part, decay_step,
    gradient_step, decay_fraction. Returns that dict.
    """
    f = split_numbers(X, y, probe, init_scale, lmbda, eta, m)
    z = hidden_z(Network(SIZES, init=init_scale, seed=1), probe).ravel()
    z_eps = z_threshold()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    lim = max(4 * f["z_std_closed"], 2 * z_eps)
    ax1.hist(z, bins=80, range=(-lim, lim), density=True, color="C0", alpha=0.7,
             label="measured z (probe × hidden neurons)")
    grid = np.linspace(-lim, lim, 400)
    s = f["z_std_closed"]
    ax1.plot(grid, np.exp(-grid**2 / (2 * s * s)) / (s * math.sqrt(2 * math.pi)), "k-",
             lw=1, label=f"N(0, {s:.2f}²) closed form")
    for sign in (-1, 1):
        ax1.axvspan(sign * z_eps, sign * lim, color="C3", alpha=0.12)
    ax1.set_xlim(-lim, lim)
    ax1.set_xlabel("weighted input z of a hidden neuron")
    ax1.set_title(f"weights ~ N(0, {init_scale:.3g}²): saturated {f['share']:.1%} "
                  f"(closed form {f['share_closed']:.1%})", fontsize=9)
    ax1.legend(fontsize=7, loc="upper left")
    parts = [f["decay_part"], f["gradient_part"]]
    ax2.bar(["decay part", "gradient part"], parts, color=["C3", "C0"])
    ax2.axhline(0, color="k", lw=0.8)
    ax2.set_ylabel("change of hidden-layer ‖w‖² in epoch 1")
    ax2.set_title(f"λ = {lmbda:.3g}, η = {eta:g}, m = {m}: decay's share "
                  f"{f['decay_fraction']:.1%}", fontsize=9)
    for i, v in enumerate(parts):
        ax2.annotate(f"{v:,.1f}", (i, v), ha="center",
                     va="bottom" if v >= 0 else "top", fontsize=8)
    fig.tight_layout()
    print_numbers(f)
    return f


# --------------------------------------------------------------------------------------------
# the book's own epoch 1, and two figures of notebook 03


@dataclass(frozen=True)
class BookEpoch1:
    """Epoch 1 of the book's λ = 5 run (fig/regularized_full.json, η = 0.5, m = 10,
    n = 50,000), all weights together.

    ``s0``: the book's seeded initial Σw² (:func:`helpers.book_init.book_initial_sum_w2`),
    ``s0_layers`` (hidden, output); ``n_w``: N_w; ``pure``: Σw² after one epoch of pure decay,
    ``s0·f²``. The dicts ``after``, ``decay_part``, ``gradient_part``, ``ratio`` are keyed by
    the estimate of Σw² after epoch 1 (``"back-out"``, ``"pessimistic"``,
    :mod:`helpers.book_logs`): the decay part is taken along the pure-decay path,
    ``s0·(f² − 1)``, the gradient part is the rest, ``after − pure``, and ``ratio`` is
    |decay part| / |gradient part|.
    """

    s0: float
    s0_layers: tuple
    n_w: int
    pure: float
    after: dict
    decay_part: dict
    gradient_part: dict
    ratio: dict

    @property
    def start_in_std(self) -> float:
        """How far the seeded start lies from the mean N_w of a sum of N_w squared N(0, 1)
        draws, in its standard deviations √(2N_w)."""
        return (self.s0 - self.n_w) / math.sqrt(2 * self.n_w)


def book_epoch1() -> BookEpoch1:
    """The decay and gradient parts of epoch 1 of the book's λ = 5 run (:class:`BookEpoch1`)."""
    from helpers import book_logs
    from helpers.book_init import book_initial_sum_w2

    run = book_logs.RUNS["regularized_full"]
    layers = book_initial_sum_w2(run.sizes, script="overfitting", per_layer=True)
    s0 = float(sum(layers))
    f = float(derivations.per_epoch_factor_exact(run.eta, run.lmbda, run.n, run.m))
    pure = s0 * f * f
    after = {"back-out": float(book_logs.regularized_full_sum_w2()[0]),
             "pessimistic": float(book_logs.regularized_full_sum_w2_low()[0])}
    decay = {k: pure - s0 for k in after}
    grad = {k: v - pure for k, v in after.items()}
    return BookEpoch1(s0, tuple(layers), run.n_weights, pure, after, decay, grad,
                      {k: abs(decay[k] / grad[k]) for k in after})


def draw_step_sketch(ax, step_ratio: float, radial_share: float = 0.0):
    """A sketch of one step at the tip of w: the decay step −a·w (length 1, straight toward 0)
    and the gradient step −g, ``step_ratio`` times longer, at right angles to w but for the
    cosine ``radial_share``, against the circle ‖w‖ = const through the tip.

    Not to scale in ‖w‖ (the circle's radius is drawn 3 gradient-step lengths, so that its
    curvature shows): the point is that the long sideways step ends near the circle (its
    effect on ‖w‖² is second order, ‖g‖²) while the short decay step ends well inside it.
    """
    if not step_ratio > 0:
        raise ValueError(f"step_ratio must be > 0; got {step_ratio}")
    if not -1 <= radial_share <= 1:
        raise ValueError(f"radial_share must be a cosine in [-1, 1]; got {radial_share}")
    d, g = 1.0, float(step_ratio)
    R = 2.5 * g
    tip = np.array([R, 0.0])
    angle = math.acos(-radial_share)  # measured from +w; -g points across w, slightly inward
    g_vec = g * np.array([math.cos(angle), math.sin(angle)])
    theta = np.linspace(-0.15, 0.5, 200)
    ax.plot(R * np.cos(theta), R * np.sin(theta), color="0.6", ls="--", lw=1)
    ax.annotate("", tip, (0, 0), arrowprops=dict(arrowstyle="-|>", color="k", lw=1.5))
    ax.annotate("", tip - [d, 0], tip, arrowprops=dict(arrowstyle="-|>", color="C3", lw=2,
                                                      shrinkA=0, shrinkB=0))
    ax.annotate("", tip + g_vec, tip, arrowprops=dict(arrowstyle="-|>", color="C0", lw=2,
                                                      shrinkA=0, shrinkB=0))
    ax.text(R / 2, -0.12 * g, "w", ha="center", va="top", fontsize=11)
    ax.text(R - d, -0.12 * g, "decay step −a·w:\nshort, straight at 0", color="C3",
            ha="right", va="top", fontsize=9)
    ax.text(R + 0.12 * g, 0.55 * g, f"gradient step −g:\n{g:.1f}× as long,\n"
            "at right angles to w", color="C0", fontsize=9, va="center")
    ax.text(R * math.cos(0.45) - 0.1 * g, R * math.sin(0.45), "‖w‖ unchanged", color="0.4",
            fontsize=8, ha="right", va="center")
    ax.plot(0, 0, "ko", ms=3)
    ax.set_aspect("equal")
    ax.set_xlim(-0.1 * g, R + 1.3 * g)
    ax.set_ylim(-0.45 * g, 1.25 * g)
    ax.axis("off")


def plot_crossover(ax, sweep: dict, book: BookEpoch1 | None = None, lmbda_book: float = 5.0):
    """|decay part| / |gradient part| of epoch 1 against λ (a :func:`lambda_sweep`): the hidden
    layer and all weights, with the line ratio = 1 (the crossover); with ``book``, the book's
    all-weights ratio at ``lmbda_book`` and its line ∝ λ (the decay part grows with λ, the
    gradient part hardly moves)."""
    lam = sweep["lmbda"]
    d, g = np.abs(sweep["decay_part"]), np.abs(sweep["gradient_part"])
    ax.loglog(lam, d[:, 0] / g[:, 0], "o-", ms=4, color="C0",
              label="our 4,000 digits, hidden layer")
    ax.loglog(lam, d.sum(axis=1) / np.abs(sweep["gradient_part"].sum(axis=1)), "s--", ms=4,
              color="C1", label="our 4,000 digits, all weights")
    if book is not None:
        r = book.ratio["back-out"]
        ax.loglog([lmbda_book], [r], "k*", ms=12,
                  label=f"the book's run (50,000 digits), all weights: {r:.1f}")
        line = lam[lam >= lmbda_book / r / 3]
        ax.loglog(line, r * line / lmbda_book, "k:", lw=1, label="… and ∝ λ through it")
    ax.axhline(1, color="C3", lw=1, label="decay part = gradient part (crossover)")
    ax.set_xlabel("λ")
    ax.set_ylabel("epoch 1: |decay part| / |gradient part|")
    ax.legend(fontsize=8, loc="upper left")

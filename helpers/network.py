"""The book's ``network2``, vectorized over each mini-batch and over a grid of networks.

:class:`Network` performs exactly the updates of Nielsen's ``network2.py`` (sigmoid layers,
cross-entropy cost, weight decay applied once per mini-batch), with matrix products instead of
a Python loop over examples. :func:`train_grid` trains R networks of the same shape at once,
their weights stacked on a leading axis, each with its own eta, lmbda, penalty and mini-batch
order; ``Network.train`` is its R = 1 case, so a run in a grid gives bit for bit the weights and
the :class:`History` of the same run trained alone. ``tests/oracle.py`` holds a per-example
implementation in the book's style; the tests assert that both give the same weights to 1e-12.

The whole algorithm is :func:`helpers.engine.sgd.sgd_step` (one forward pass, one
backpropagation, one update per layer); what is measured along the way is the concern of
:class:`helpers.engine.tally.Tally`, progress bars are the caller's (``progress=`` and
``on_epoch=`` take any callable; ``helpers.widgets.epoch_progress`` makes a bar for a live
notebook).

Conventions (stated once here, used everywhere in the course)
--------------------------------------------------------------
* Data: ``X`` has shape ``(N, d)``, one example per *row*, values in ``[0, 1]``; labels ``y``
  are integers ``0 .. sizes[-1] - 1`` with shape ``(N,)`` (one-hot encoding happens inside).
  Activations are likewise ``(N, units)``. (The book uses column vectors; the math is the same.)
* Parameters: ``weights[l]`` has shape ``(sizes[l+1], sizes[l])`` and ``biases[l]`` has shape
  ``(sizes[l+1], 1)``, float64, plain lists a user may read and assign. In a grid they are
  stacked: ``(R, sizes[l+1], sizes[l])`` and ``(R, sizes[l+1], 1)``.
* ``n`` is the training-set size ``len(X)``, ``m`` the mini-batch size, ``eta`` and ``lmbda``
  the learning rate and regularization parameter, ``n_w`` the number of weights (biases
  excluded, :func:`n_weights`), ``n_in`` the fan-in of a neuron. The regularized cost is
  ``C = C0 + (lmbda / 2n) * sum(w**2)`` with ``C0`` the mean cross-entropy.
* One epoch visits the ``n`` examples in consecutive mini-batches of ``m`` (the last one is
  short when ``m`` does not divide ``n``), so it takes ``ceil(n / m)`` steps. The per-step
  decay rate is ``a = eta * lmbda / n`` (the one name for it in the course); with a batch ``B``
  each step is ::

      w <- (1 - a) * w - (eta / len(B)) * sum_{x in B} dC_x/dw        (L2, the book's rule)
      b <- b - (eta / len(B)) * sum_{x in B} dC_x/db                  (biases: never decayed)

* Random numbers come from ``np.random.default_rng(seed)`` only. Initialization draws, layer by
  layer, first the weights ``standard_normal((sizes[l+1], sizes[l]))``, then the biases
  ``standard_normal((sizes[l+1], 1))`` (not the book's order, which draws all biases first), and
  scales the weights, so ``init="large"`` and ``init="default"`` with the same seed are the same
  normal draws, scaled differently. Training shuffles with its own ``default_rng(seed)``: each
  epoch visits the examples in the order ``rng.permutation(n)``.
* A hidden neuron is *saturated* on an input when ``sigma'(z) < SATURATION_THRESHOLD`` (0.01).
* Numerics: the sigmoid is the book's ``1 / (1 + exp(-z))`` with the harmless overflow of
  ``exp(-z)`` to inf silenced (it yields the correctly rounded 0), and the cross-entropy is
  evaluated from ``z`` as ``sum_j [log(1 + exp(z_j)) - y_j z_j]`` (``np.logaddexp``), so even
  ``|z|`` of order 1e4 gives no warning and no ``log(0)``.
* Speed: with SciPy the L2 update ``w <- (1 - a) w - g`` and the product giving ``g`` are one
  BLAS ``dgemm`` call per network (the same arithmetic as NumPy's ``w *= 1 - a; w -= g``, bit
  for bit), on either path: the tally takes ``<w, g>`` and ``||g||^2`` from the batch
  (``<d, a w^T>``, ``<d d^T, a a^T>``) and never forms ``g``. ``instrument=False`` is the lean
  path for live widgets: the same updates without the per-step tally and the per-epoch pass
  over the training set; one network on it is stepped unstacked (2-D arrays, the same BLAS
  calls). ``benchmarks/bench_engine.py`` times both paths, and grids, against the oracle.
"""

from __future__ import annotations

import copy
import math
import numbers
import time
from dataclasses import dataclass, field, fields

import numpy as np

from helpers.course import perturbed, product_perturbation
from helpers.engine.sgd import (
    _backprop,
    _feedforward,
    _sigmoid,
    cross_entropy,
    sgd_step,
    sigmoid,
    sigmoid_prime,
)
from helpers.engine.tally import Tally

__all__ = [
    "History",
    "INITS",
    "Network",
    "PENALTIES",
    "SATURATION_THRESHOLD",
    "SIZES",
    "TrainingDiverged",
    "cross_entropy",
    "n_weights",
    "nearest",
    "sgd_step",
    "sigmoid",
    "sigmoid_prime",
    "train_grid",
]

SIZES = (784, 30, 10)
"""The book's network for MNIST: 784 input pixels, 30 hidden neurons, 10 output neurons."""

SATURATION_THRESHOLD = 0.01
"""A neuron counts as saturated when ``sigma'(z) < SATURATION_THRESHOLD``; ``sigma' <= 1/4``."""

INITS = ("large", "default")
PENALTIES = ("l2", "l1", "l1-prox")


class TrainingDiverged(ValueError):
    """Raised when the weights become NaN or infinite during training (eta or lmbda too large)."""


def n_weights(sizes) -> int:
    """``n_w = sum_l sizes[l] * sizes[l+1]``: the number of weights, biases excluded."""
    sizes = _check_sizes(sizes)
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


# --------------------------------------------------------------------------------------------
# validation


def _check_sizes(sizes):
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise ValueError(f"sizes must be a sequence of layer widths, got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least two layers (input and output), got {sizes!r}")
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or s < 1:
            raise ValueError(f"sizes must hold integers >= 1, got {sizes!r}")
    return tuple(int(s) for s in sizes)


def _check_X(X, d, name="X"):
    """Return ``X`` as a C-contiguous float64 array of shape (N, d) with values in [0, 1]."""
    X = np.ascontiguousarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D with shape (N, {d}), got shape {X.shape}")
    if X.shape[1] != d:
        raise ValueError(f"{name} must have sizes[0] = {d} columns, got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one example (row)")
    lo, hi = X.min(), X.max()  # NaN propagates, so a NaN fails the range test too
    if not (lo >= 0.0 and hi <= 1.0):
        if not np.isfinite(X).all():
            raise ValueError(f"{name} contains NaN or inf")
        raise ValueError(
            f"{name} values must lie in [0, 1], got range [{lo:g}, {hi:g}]: "
            "scale pixels to [0,1] (divide 0-255 values by 255)"
        )
    return X


def _check_y(y, k, N, name="y"):
    """Return integer labels ``y`` of shape (N,) with values in 0 .. k-1."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D integer class labels, got shape {y.shape}")
    if len(y) != N:
        raise ValueError(f"len({name}) = {len(y)} must equal len(X) = {N}")
    if y.dtype == bool or not (
        np.issubdtype(y.dtype, np.integer)
        or (np.issubdtype(y.dtype, np.floating) and np.all(np.mod(y, 1) == 0))
    ):
        raise ValueError(f"{name} must hold integer class labels 0..{k - 1}")
    if len(y) and (y.min() < 0 or y.max() > k - 1):
        raise ValueError(
            f"{name} labels must lie in 0..{k - 1} (sizes[-1] = {k} classes), "
            f"got range {y.min()}..{y.max()}"
        )
    return y.astype(np.intp)


def _check_number(value, name, low, low_inclusive, allowed):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number {allowed}, got {value!r}")
    if value < low or (value == low and not low_inclusive):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return float(value)


def _check_int(value, name, low, high, allowed):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer {allowed}, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return int(value)


def _one_hot(y, k):
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), y] = 1.0
    return Y


# --------------------------------------------------------------------------------------------
# history


@dataclass
class History:
    """What :meth:`Network.train` (or a run of :func:`train_grid`) measured; ``E`` = epochs,
    ``L`` = number of weight layers.

    Row 0 of every ``(E + 1, ...)`` array is the state before training, row ``e`` the state after
    epoch ``e``. Arrays of shape ``(E, ...)`` describe epoch ``e + 1`` in row ``e``.

    Per-step split of the change of ``||w||^2`` of one layer (summed over an epoch's steps).
    With ``a = eta * lmbda / n`` and ``g = (eta / len(B)) * sum dC_x/dw`` the gradient step:

    * ``"l2"``: ``w' = (1 - a) w - g``; decay part ``((1 - a)^2 - 1) ||w||^2``, gradient part
      ``-2 (1 - a) <w, g> + ||g||^2``; the decay step is ``-a w`` with norm ``a ||w||``.
    * ``"l1"``: ``w' = w + d - g`` with the decay step ``d = -a sign(w)``, applied first:
      decay part ``||w + d||^2 - ||w||^2``, gradient part ``||w'||^2 - ||w + d||^2``.
    * ``"l1-prox"``: ``w' = v + d`` with ``v = w - g`` and ``d = soft_threshold(v, a) - v``,
      the gradient step applied first: gradient part ``||v||^2 - ||w||^2`` (computed as
      ``-2 <w, g> + ||g||^2``), decay part ``||w'||^2 - ||v||^2``.

    In every case decay part + gradient part = ``||w'||^2 - ||w||^2`` up to rounding, so
    ``decay_part + gradient_part == np.diff(sq_norm, axis=0)``.

    Fields
    ------
    sizes, init, eta, lmbda, m, n, penalty, epochs, data_gradient : the run's settings.
    sq_norm : (E + 1, L) ``sum(w**2)`` per layer.
    rms : (E + 1, L) root mean square weight per layer, ``sqrt(sq_norm / n_w_layer)``.
    decay_part, gradient_part : (E, L) the two parts of the epoch's change of ``sq_norm``.
    decay_step_norm, gradient_step_norm : (E, L) mean over the epoch's steps of ``||d||`` and
        ``||g||`` (Frobenius norms of one layer's decay step and gradient step).
    radial_part, jitter_part : (E, L) the gradient part split in two, summed over the epoch's
        steps: ``jitter_part`` = sum of ``||g||^2``, ``radial_part`` = the rest (for ``"l2"``
        ``-2 (1 - a) <w, g>``, the part along ``w``), so that per step
        ``||w'||^2 - ||w||^2`` = decay + radial + jitter (``derivations.norm_step_identity``).
    turning_angle : (E, L) mean over the epoch's steps of the angle (radians) between ``w``
        and ``w'``; ``"l2"`` only (NaN for the L1 rules).
    saturated_share : (E + 1, L - 1) share of (probe example, hidden neuron) pairs with
        ``sigma'(z) < SATURATION_THRESHOLD``, per hidden layer.
    cost : (E + 1,) training cost ``C0 + penalty`` on all ``n`` training examples, the penalty
        being ``(lmbda / 2n) sum w^2`` for ``"l2"`` and ``(lmbda / n) sum |w|`` for the L1 rules.
    data_cost : (E + 1,) ``C0`` alone, the mean cross-entropy part of ``cost``.
    accuracy : (E + 1,) accuracy in [0, 1] on ``evaluation``; shape ``(0,)`` without one.
    sq_norm_steps : with ``record_every=k``, ``sum(w**2)`` per layer before training and after
        every k-th step, ``(1 + total steps // k, L)``; shape ``(0, L)`` without.
    snapshots : ``None``, or with ``snapshots=True`` a list of E + 1 lists of weight arrays.
    seconds : wall-clock time ``{"updates": ..., "measurements": ...}`` spent in the mini-batch
        updates (with their per-step tally) and in the per-epoch measurements over whole sets;
        in a grid of R runs, the grid's time divided by R. The only field that differs between
        two runs with the same seeds.
    instrumented : ``True`` (the default ``train(..., instrument=True)``): every field above was
        recorded. ``False`` (the lean path ``instrument=False``): only ``sq_norm``, ``rms``,
        ``accuracy``, ``sq_norm_steps`` and ``snapshots`` were recorded; the per-step parts,
        step norms and angles, ``saturated_share``, ``cost`` and ``data_cost`` keep
        their shapes but are filled with NaN ("not measured"), so plotting them shows nothing
        rather than something wrong.
    """

    sizes: tuple
    init: object
    eta: float
    lmbda: float
    m: int
    n: int
    penalty: str
    epochs: int
    data_gradient: bool
    sq_norm: np.ndarray
    rms: np.ndarray
    decay_part: np.ndarray
    gradient_part: np.ndarray
    decay_step_norm: np.ndarray
    gradient_step_norm: np.ndarray
    radial_part: np.ndarray
    jitter_part: np.ndarray
    turning_angle: np.ndarray
    saturated_share: np.ndarray
    cost: np.ndarray
    data_cost: np.ndarray
    accuracy: np.ndarray
    sq_norm_steps: np.ndarray
    snapshots: list | None = None
    seconds: dict = field(default_factory=dict)
    instrumented: bool = True

    @property
    def a(self):
        """The per-step decay rate ``a = eta * lmbda / n``."""
        return self.eta * self.lmbda / self.n

    @property
    def steps_per_epoch(self):
        """``ceil(n / m)``: the number of updates (and decay steps) in one epoch."""
        return -(-self.n // self.m)

    @property
    def epoch(self):
        """``[0, 1, ..., E]``: the x-axis for the ``(E + 1, ...)`` arrays."""
        return np.arange(self.epochs + 1)

    @property
    def array_fields(self):
        """Names of the numpy-array fields (handy for comparing two histories)."""
        return [f.name for f in fields(self) if isinstance(getattr(self, f.name), np.ndarray)]


# --------------------------------------------------------------------------------------------
# the network


class Network:
    """Fully connected sigmoid network with cross-entropy cost, trained like the book's network2.

    Parameters
    ----------
    sizes : sequence of int, at least two entries >= 1, e.g. ``[784, 30, 10]``.
    init : ``"large"`` (the book's old init: every weight and bias ~ N(0, 1)), ``"default"``
        (the book's new init: weights ~ N(0, 1/n_in), biases ~ N(0, 1)), or a number
        ``s > 0``: weights ~ N(0, s^2) (``s`` is the weight *standard deviation* itself, not
        divided by sqrt(n_in); ``s = 1`` equals ``"large"``), biases ~ N(0, 1).
    seed : seed of ``np.random.default_rng`` for the initial draws (order: see module doc).
    """

    def __init__(self, sizes, init="large", seed=0):
        self._sizes = _check_sizes(sizes)
        if isinstance(init, str):
            if init not in INITS:
                raise ValueError(f"init must be 'large', 'default' or a number > 0, got {init!r}")
        else:
            init = _check_number(init, "init", 0.0, False, "> 0 (the weight standard deviation)")
        self.init = init
        self.seed = seed
        rng = np.random.default_rng(seed)
        self.weights, self.biases = [], []
        for n_in, n_out in zip(self._sizes[:-1], self._sizes[1:], strict=True):
            w = rng.standard_normal((n_out, n_in))
            b = rng.standard_normal((n_out, 1))
            if init == "default":
                w /= np.sqrt(n_in)
            elif init != "large":
                w *= init
            self.weights.append(perturbed(w))
            self.biases.append(b)

    # -- basic properties ---------------------------------------------------------------------
    @property
    def sizes(self):
        """Layer widths as a tuple, e.g. ``(784, 30, 10)``."""
        return self._sizes

    @property
    def n_weights(self):
        """``n_w``: the total number of weights, biases excluded (:func:`n_weights`)."""
        return n_weights(self._sizes)

    def __repr__(self):
        return f"Network(sizes={list(self._sizes)}, init={self.init!r}, seed={self.seed!r})"

    def copy(self):
        """An independent network with copies of the current weights and biases."""
        net = copy.copy(self)
        net.weights = [np.array(w, dtype=np.float64) for w in self.weights]
        net.biases = [np.array(b, dtype=np.float64) for b in self.biases]
        return net

    def _checked_params(self):
        """Float64 C-contiguous copies of the (possibly user-assigned) parameters, shape-checked."""
        L = len(self._sizes) - 1
        if len(self.weights) != L or len(self.biases) != L:
            raise ValueError(f"weights and biases must be lists of {L} arrays")
        ws, bs = [], []
        for l, (n_in, n_out) in enumerate(zip(self._sizes[:-1], self._sizes[1:], strict=True)):
            w = np.array(self.weights[l], dtype=np.float64, order="C")
            b = np.array(self.biases[l], dtype=np.float64, order="C")
            if w.shape != (n_out, n_in):
                raise ValueError(f"weights[{l}] must have shape {(n_out, n_in)}, got {w.shape}")
            if b.shape != (n_out, 1):
                raise ValueError(f"biases[{l}] must have shape {(n_out, 1)}, got {b.shape}")
            ws.append(w)
            bs.append(b)
        return ws, bs

    # -- forward ----------------------------------------------------------------------------
    def _forward(self, X, weights=None, biases=None):
        """Hidden activations (list of (N, sizes[l]) for l = 1..L-1) and output z (N, sizes[-1])."""
        weights = self.weights if weights is None else weights
        biases = self.biases if biases is None else biases
        a, hidden = X, []
        nudge = product_perturbation()  # None but under the perturbation check
        with np.errstate(over="ignore"):  # exp(-z) = inf for z << 0 gives sigma = 0 exactly
            for w, b in zip(weights[:-1], biases[:-1], strict=True):
                # (w a^T)^T, not a w^T: the same sums, faster in BLAS for a long, thin product
                lin = (w @ a.T).T
                a = _sigmoid(np.add(lin if nudge is None else nudge(lin), b.T))
                hidden.append(a)
            lin = a @ weights[-1].T
        return hidden, (lin if nudge is None else nudge(lin)) + biases[-1].T

    def feedforward(self, X):
        """Output activations ``sigma(z^L)``, shape (N, sizes[-1]), for inputs X of shape (N, d)."""
        X = _check_X(X, self._sizes[0])
        return sigmoid(self._forward(X)[1])

    def predict(self, X):
        """Predicted class ``argmax_j a_j``, shape (N,)."""
        X = _check_X(X, self._sizes[0])
        return np.argmax(self._forward(X)[1], axis=1)  # sigma is monotone: argmax of z

    def accuracy(self, X, y):
        """Fraction of rows of X whose predicted class equals y, in [0, 1]."""
        X = _check_X(X, self._sizes[0])
        y = _check_y(y, self._sizes[-1], len(X))
        return float(np.mean(self.predict(X) == y))

    def cost(self, X, y, lmbda=0.0, n=None, penalty="l2"):
        """Regularized cost ``C0 + (lmbda / 2n) sum w^2`` on the set (X, y).

        ``C0`` is the mean cross-entropy over the N rows of X. ``n`` defaults to ``N = len(X)``:
        like the book's ``total_cost``, the L2 term is divided by the size of the set being
        scored (so training and test costs carry different multiples of ``sum w^2``); pass
        ``n`` to use the training-set size instead. ``penalty="l1"`` or ``"l1-prox"`` uses
        ``(lmbda / n) sum |w|``.
        """
        X = _check_X(X, self._sizes[0])
        y = _check_y(y, self._sizes[-1], len(X))
        lmbda = _check_number(lmbda, "lmbda", 0.0, True, ">= 0")
        n = len(X) if n is None else _check_int(n, "n", 1, np.inf, ">= 1")
        _check_penalty(penalty)
        c0 = float(np.mean(cross_entropy(self._forward(X)[1], _one_hot(y, self._sizes[-1]))))
        return c0 + _penalty_value(self.weights, lmbda, n, penalty)

    def gradient(self, X, y):
        """Gradient of the *unregularized* mean cost ``C0 = (1/N) sum_x C_x`` over the rows of X.

        Returns ``(dW, dB)``: lists with ``dW[l]`` of shape ``(sizes[l+1], sizes[l])`` and
        ``dB[l]`` of shape ``(sizes[l+1], 1)``. Backpropagation: ``delta^L = a^L - y`` (the
        cross-entropy cancels ``sigma'``), ``delta^l = (delta^{l+1} W^{l+1}) * sigma'(z^l)``,
        ``dC0/dW^l = delta^l.T a^{l-1} / N``, ``dC0/db^l = sum_x delta^l / N``.
        """
        X = _check_X(X, self._sizes[0])
        y = _check_y(y, self._sizes[-1], len(X))
        ws, bs = self._checked_params()
        W, B = [w[None] for w in ws], [b[None] for b in bs]
        with np.errstate(over="ignore"):
            acts, _ = _feedforward(W, B, X[None])
        deltas = _backprop(W, acts, _one_hot(y, self._sizes[-1])[None], 1.0)
        N = len(X)
        return ([d[0].T @ a[0] / N for d, a in zip(deltas, acts, strict=False)],
                [np.add.reduce(d[0], axis=0)[:, None] / N for d in deltas])

    # -- training ---------------------------------------------------------------------------
    def train(self, X, y, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2", shuffle=True,
              seed=None, evaluation=None, probe=None, snapshots=False, data_gradient=True,
              progress=None, instrument=True, on_epoch=None, record_every=None):
        """Mini-batch SGD exactly as the book's network2, recording a :class:`History`.

        Parameters
        ----------
        X : (n, sizes[0]) inputs in [0, 1]; y : (n,) integer labels 0..sizes[-1]-1.
        epochs : int >= 1. mini_batch_size : ``m``, 1 <= m <= n.
        eta : learning rate > 0. lmbda : regularization parameter >= 0, with ``eta*lmbda < n``
            (otherwise ``1 - a <= 0`` and the "decay" would flip the weights' signs).
        penalty : ``"l2"`` (``w <- (1 - a) w - g``), ``"l1"`` (the book's L1 rule, a subgradient
            step: ``w <- w - a sign(w) - g``), or ``"l1-prox"`` (proximal step:
            ``w <- soft_threshold(w - g, a)``, which produces exact zeros). Here
            ``a = eta * lmbda / n`` and ``g = (eta / len(B)) sum_{x in B} dC_x/dw``.
        shuffle, seed : shuffle each epoch with ``np.random.default_rng(seed).permutation(n)``;
            ``shuffle=False`` keeps the given order.
        evaluation : optional ``(X_eval, y_eval)`` for ``History.accuracy``.
        probe : inputs for ``History.saturated_share``; default the first ``min(1000, n)`` rows
            of X (in the given order).
        snapshots : store copies of the weights after every epoch.
        data_gradient : ``False`` drops ``g`` from the weight update (pure decay; biases still
            take their gradient steps), so an L2 epoch multiplies every weight by
            ``(1 - a) ** ceil(n / m)`` exactly.
        progress, on_epoch : None, or callables ``f(epoch, epochs)`` called after each epoch
            (``progress`` for a bar such as ``helpers.widgets.epoch_progress()``, ``on_epoch``
            for anything else; during the call ``self.weights`` hold the weights of that epoch).
        instrument : True (default) records everything in :class:`History`. False is the lean
            path for a live widget: the same updates, giving bit for bit the same weights, but
            without the per-step split of ``||w||^2`` and step norms and without the per-epoch
            pass over the training set (cost, saturation); ``sq_norm``, ``rms``, ``accuracy``
            (on ``evaluation``) and ``snapshots`` are still recorded, the other arrays are NaN
            and ``History.instrumented`` is False. Divergence is then detected at the end of
            the epoch in which it happens (NaN or inf weights stay non-finite).
        record_every : None, or k >= 1: also record ``sum(w**2)`` per layer after every k-th
            step (``History.sq_norm_steps``), on either path.

        Raises ``ValueError`` on bad input, and :class:`TrainingDiverged` (a ValueError) as soon
        as a weight becomes NaN or infinite (lean path: at the end of that epoch). The network's
        weights and biases are replaced by the trained ones (new arrays; arrays obtained before
        the call are not modified). This is :func:`train_grid` with one network.
        """
        return train_grid([self], X, y, epochs, mini_batch_size, eta, lmbda, penalty, shuffle,
                          seed, evaluation, probe, snapshots, data_gradient, progress,
                          instrument, on_epoch, record_every)[0]


# --------------------------------------------------------------------------------------------
# training a grid of networks


def train_grid(networks, X, y, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
               shuffle=True, seed=None, evaluation=None, probe=None, snapshots=False,
               data_gradient=True, progress=None, instrument=True, on_epoch=None,
               record_every=None):
    """Train R networks of the same ``sizes`` at once; returns their R :class:`History` objects.

    Each run r is exactly ``networks[r].train(X, y, epochs, mini_batch_size, eta[r], lmbda[r],
    penalty[r], seed=seed[r], ...)``: the same weights and the same History, bit for bit
    (``tests/test_grid.py``), only faster, because each mini-batch step of all R networks is
    one :func:`sgd_step` on weights stacked as (R, n_out, n_in) (batched matrix products).

    ``eta``, ``lmbda``, ``penalty`` and ``seed`` (the shuffling seed) are each one value for
    every run or a sequence of R values; the initialization (``init`` and its seed) is the
    networks' own, so build them as ``[Network(SIZES, init=i, seed=s) for ...]``. The data
    (X, y, evaluation, probe), ``epochs``, ``mini_batch_size``, ``shuffle``, ``snapshots``,
    ``data_gradient`` and ``instrument`` are shared; see :meth:`Network.train` for each of them.
    ``progress(epoch, epochs)`` and ``on_epoch(epoch, epochs)`` are called once per epoch for
    the whole grid. Runs with equal seeds visit the examples in the same order and share the
    gathering of each batch. Each network's weights and biases become views into the stacks,
    updated in place while training (so ``on_epoch`` sees the current weights). A run that
    diverges stops the grid with :class:`TrainingDiverged` naming the run.

    Wide networks are trained in chunks of runs (:func:`_chunks`: at most ``CHUNK_BYTES`` of
    stacked weights each), one chunk after another within each epoch, so that a chunk's weights
    stay in cache through the epoch's steps: a grid is never slower per run than its runs alone.

    Example: the λ grid of one initialization, and the per-run results::

        nets = [Network(SIZES, init="large", seed=1) for _ in lambdas]
        hists = train_grid(nets, X, y, 30, 10, eta=0.5, lmbda=lambdas, seed=2)
        final = {lm: h.sq_norm[-1] for lm, h in zip(lambdas, hists)}
    """
    networks = _checked_networks(networks)
    shared = _Shared.checked(networks[0].sizes, X, y, epochs, mini_batch_size, shuffle,
                             evaluation, probe, snapshots, data_gradient, instrument,
                             record_every)
    runs = _checked_runs(len(networks), shared.n, eta, lmbda, penalty, seed)
    hooks = _checked_hooks(progress, on_epoch)
    grids = [_Grid(networks[s], runs[s], shared, offset=s.start, R=len(networks))
             for s in _chunks(networks)]
    with np.errstate(over="ignore", invalid="ignore"):  # exp(-z) -> inf is fine in sigma
        for grid in grids:
            grid.measure(0)
        for e in range(shared.epochs):
            for grid in grids:  # a chunk's weights stay in cache through its epoch
                grid.train_epoch(e)
            for hook in hooks:
                hook(e + 1, shared.epochs)
    return [h for grid in grids for h in grid.histories()]


#: The most stacked weights (bytes) trained as one chunk of a grid: about what a core's cache
#: holds. A grid of ten [784, 300, 10] networks (1.9 MB each) was 29% slower per run than its
#: runs alone (lean path); in chunks of one it is as fast (CONTRIBUTING: engine speed).
CHUNK_BYTES = 2 * 2**20


def _chunks(networks) -> list[slice]:
    """Consecutive slices of runs, each with at most ``CHUNK_BYTES`` of weights (at least one
    run each): ``[slice(0, R)]`` for the course's [784, 30, 10] grids of up to 11 runs."""
    per_run = 8 * n_weights(networks[0].sizes)
    size = max(1, CHUNK_BYTES // per_run)
    return [slice(k, min(k + size, len(networks))) for k in range(0, len(networks), size)]


def _checked_networks(networks) -> list:
    networks = list(networks)
    if not networks or not all(isinstance(net, Network) for net in networks):
        raise ValueError("networks must be a non-empty sequence of Network objects")
    sizes = networks[0].sizes
    if any(net.sizes != sizes for net in networks):
        raise ValueError(f"all networks of a grid must have the same sizes, got "
                         f"{sorted({net.sizes for net in networks})}")
    return networks


@dataclass
class _Run:
    """What one run of a grid has of its own: eta, lmbda, penalty, shuffling seed."""

    eta: float
    lmbda: float
    penalty: str
    seed: object


def _checked_runs(R, n, eta, lmbda, penalty, seed) -> list:
    """The R runs' own settings from one value or R values each, checked."""
    etas = [_check_number(v, name, 0.0, False, "> 0") for v, name in _per_run(eta, "eta", R)]
    lmbdas = [_check_number(v, name, 0.0, True, ">= 0")
              for v, name in _per_run(lmbda, "lmbda", R)]
    penalties = [_check_penalty(v, name) for v, name in _per_run(penalty, "penalty", R)]
    seeds = [v for v, _ in _per_run(seed, "seed", R)]
    for eta_r, lmbda_r in zip(etas, lmbdas, strict=True):
        if eta_r * lmbda_r / n >= 1.0:
            raise ValueError(
                f"eta*lmbda must be < n = {n} (got eta = {eta_r:g}, lmbda = {lmbda_r:g}, "
                f"eta*lmbda/n = {eta_r * lmbda_r / n:g}): with 1 - eta*lmbda/n <= 0 each step "
                "would flip signs")
    return [_Run(*r) for r in zip(etas, lmbdas, penalties, seeds, strict=True)]


def _checked_hooks(progress, on_epoch) -> list:
    for name, h in (("progress", progress), ("on_epoch", on_epoch)):
        if h is not None and h is not False and not callable(h):
            raise ValueError(f"{name} must be None or a callable f(epoch, epochs), got {h!r} "
                             "(a progress bar: progress=helpers.widgets.epoch_progress())")
    return [h for h in (progress, on_epoch) if h is not None and h is not False]


@dataclass
class _Shared:
    """What every run of a grid shares: the data and the schedule, checked."""

    sizes: tuple
    X: np.ndarray
    y: np.ndarray
    Y: np.ndarray  # one-hot labels
    n: int
    m: int
    epochs: int
    shuffle: bool
    evaluation: tuple | None
    probe: np.ndarray | None
    snapshots: bool
    data_gradient: bool
    instrument: bool
    record_every: int | None

    @classmethod
    def checked(cls, sizes, X, y, epochs, m, shuffle, evaluation, probe, snapshots,
                data_gradient, instrument, record_every):
        X = _check_X(X, sizes[0])
        n = len(X)
        y = _check_y(y, sizes[-1], n)
        epochs = _check_int(epochs, "epochs", 1, np.inf, ">= 1")
        m = _check_int(m, "mini_batch_size", 1, n, f"between 1 and n = {n}")
        if evaluation is not None:
            try:
                X_eval, y_eval = evaluation
            except (TypeError, ValueError):
                raise ValueError("evaluation must be a pair (X_eval, y_eval)") from None
            X_eval = _check_X(X_eval, sizes[0], "evaluation X")
            evaluation = X_eval, _check_y(y_eval, sizes[-1], len(X_eval), "evaluation y")
        if probe is not None:
            probe = _check_X(probe, sizes[0], "probe")
        if record_every is not None:
            record_every = _check_int(record_every, "record_every", 1, np.inf, "None or >= 1")
        return cls(sizes, X, y, _one_hot(y, sizes[-1]), n, m, epochs, shuffle, evaluation,
                   probe, snapshots, data_gradient, bool(instrument), record_every)

    @property
    def steps(self):
        """``[(start, stop)]`` of an epoch's mini-batches (the last may be short)."""
        return [(k, min(k + self.m, self.n)) for k in range(0, self.n, self.m)]


class _Grid:
    """Runs trained together: their weights stacked, one :func:`sgd_step` per mini-batch for
    all of them. Each network's weights and biases become views into the stacks."""

    def __init__(self, networks, runs, shared, offset=0, R=None):
        self.networks, self.runs, self.shared = networks, runs, shared
        self.offset, self.R = offset, R or len(networks)  # for messages: run k of R
        L = len(shared.sizes) - 1
        params = [net._checked_params() for net in networks]
        self.W = [np.stack([ws[l] for ws, _ in params]) for l in range(L)]
        self.B = [np.stack([bs[l] for _, bs in params]) for l in range(L)]
        for r, net in enumerate(networks):
            net.weights, net.biases = [w[r] for w in self.W], [b[r] for b in self.B]
        etas = np.array([run.eta for run in runs]).reshape(-1, 1, 1)
        self.a = etas * np.array([run.lmbda for run in runs]).reshape(-1, 1, 1) / shared.n
        last = shared.steps[-1]
        self.eta_m, self.eta_m_last = etas / shared.m, etas / (last[1] - last[0])
        self.segments = _segments([run.penalty for run in runs])
        self.tally = Tally(self.a, L) if shared.instrument else None
        self.orders = _Orders([run.seed for run in runs], shared.n, shared.shuffle)
        self.records = [_Record(net, shared.epochs, L, shared.evaluation is not None,
                                shared.snapshots, shared.instrument) for net in networks]
        self.every = [[] for _ in networks]  # sum(w**2) after every record_every-th step
        self.step, self.t_updates, self.t_measure = 0, 0.0, 0.0
        # one network on the lean path: sgd_step's unstacked form (the same weights, bit for bit)
        self.unstacked = len(networks) == 1 and self.tally is None
        self.W_one, self.B_one = [w[0] for w in self.W], [b[0] for b in self.B]

    def train_epoch(self, e):
        """Epoch e + 1: every mini-batch step of every run, then the epoch's measurements."""
        t0 = time.perf_counter()
        shared, W, B, tally = self.shared, self.W, self.B, self.tally
        batches = self.orders.epoch(shared.X, shared.Y, stacked=not self.unstacked)
        if tally is not None:
            tally.start_epoch(W)
        for start, stop in shared.steps:
            xb, yb = batches(start, stop)
            eta_m = self.eta_m if stop - start == shared.m else self.eta_m_last
            if self.unstacked:
                sgd_step(self.W_one, self.B_one, xb, yb, float(eta_m[0, 0, 0]),
                         float(self.a[0, 0, 0]), self.runs[0].penalty, shared.data_gradient)
            else:
                sgd_step(W, B, xb, yb, eta_m, self.a, self.segments, shared.data_gradient, tally)
            self.step += 1
            if shared.record_every is not None and self.step % shared.record_every == 0:
                self.record_steps()
            if tally is not None and (bad := tally.diverged()) is not None:
                raise TrainingDiverged(self.diverged(bad, e + 1))
        if tally is not None:
            self.record_tally(e, len(shared.steps))
        self.t_updates += time.perf_counter() - t0
        self.measure(e + 1)  # on the lean path this is where divergence is detected

    def record_tally(self, e, steps):
        for rec, parts in zip(self.records, self.tally.parts, strict=True):
            rec.decay_part[e], rec.gradient_part[e] = parts[0], parts[1]
            rec.decay_step_norm[e] = np.divide(parts[2], steps)
            rec.gradient_step_norm[e] = np.divide(parts[3], steps)
            rec.radial_part[e], rec.jitter_part[e] = parts[4], parts[5]
            rec.turning_angle[e] = np.divide(parts[6], steps)

    def record_steps(self):
        for r, net in enumerate(self.networks):
            self.every[r].append([float(np.vdot(w, w)) for w in net.weights])

    def measure(self, e):
        """Row e of each run's History: ||w||^2 per layer, and (instrumented) the cost and
        the saturated share, the accuracy on ``evaluation``, a snapshot."""
        t0 = time.perf_counter()
        shared = self.shared
        if e == 0 and shared.record_every is not None:
            self.record_steps()
        for r, (net, rec) in enumerate(zip(self.networks, self.records, strict=True)):
            sq = [float(np.vdot(w, w)) for w in net.weights]
            rec.sq_norm[e] = sq
            if not np.all(np.isfinite(sq)):
                raise TrainingDiverged(self.diverged(r, e))
            if shared.instrument:
                hidden, z = net._forward(shared.X)
                rec.data_cost[e] = c0 = np.mean(cross_entropy(z, shared.Y))
                run = self.runs[r]
                rec.cost[e] = c0 + _penalty_value(net.weights, run.lmbda, shared.n,
                                                  run.penalty, sq)
                hidden = (net._forward(shared.probe)[0] if shared.probe is not None
                          else [h[:min(1000, shared.n)] for h in hidden])
                rec.saturated[e] = [np.mean(h * (1.0 - h) < SATURATION_THRESHOLD)
                                    for h in hidden]
            if shared.evaluation is not None:
                X_eval, y_eval = shared.evaluation
                rec.accuracy[e] = np.mean(np.argmax(net._forward(X_eval)[1], axis=1) == y_eval)
            if shared.snapshots:
                rec.snapshots.append([w.copy() for w in net.weights])
        self.t_measure += time.perf_counter() - t0

    def diverged(self, r, epoch):
        run = self.runs[r]
        return _diverged_message(run.eta, run.lmbda, epoch, self.offset + r, self.R)

    def histories(self):
        shared, R = self.shared, len(self.networks)
        seconds = {"updates": self.t_updates / R, "measurements": self.t_measure / R}
        L = len(shared.sizes) - 1
        for rec, steps_r in zip(self.records, self.every, strict=True):
            rec.sq_norm_steps = np.array(steps_r, dtype=float).reshape(-1, L)
        return [rec.history(run.eta, run.lmbda, shared.m, shared.n, run.penalty,
                            shared.data_gradient, seconds)
                for rec, run in zip(self.records, self.runs, strict=True)]


def _per_run(value, name, R):
    """``[(value_r, name_r)]`` for R runs from one value or a sequence of R values."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        return [(value, name)] * R
    if len(value) != R:
        raise ValueError(f"{name} must be one value or {R} values (one per network), "
                         f"got {len(value)}")
    return [(v, name if R == 1 else f"{name}[{r}]") for r, v in enumerate(value)]


def _segments(penalties):
    """``[(rule, slice)]``: maximal stretches of consecutive runs with the same rule."""
    out, start = [], 0
    for r in range(1, len(penalties) + 1):
        if r == len(penalties) or penalties[r] != penalties[start]:
            out.append((penalties[start], slice(start, r)))
            start = r
    return out


class _Orders:
    """Each run's visiting order, from its own ``default_rng(seed)``; runs with one seed (or
    ``shuffle=False``) share one order, and the gathering of each batch."""

    def __init__(self, seeds, n, shuffle):
        self.n, self.shuffle, self.R = n, shuffle, len(seeds)
        keys = [("same",) if not shuffle else ("seed", s) if s is not None else ("fresh", r)
                for r, s in enumerate(seeds)]
        self.keys = list(dict.fromkeys(keys))
        self.index = np.array([self.keys.index(k) for k in keys])
        self.rngs = [np.random.default_rng(seeds[keys.index(k)]) for k in self.keys]

    def epoch(self, X, Y, stacked=True):
        """A function ``(start, stop) -> (xb, yb)``: each run's batch, of shape
        (R, stop - start, ...), or (1, stop - start, ...) when all runs share one order, or
        with ``stacked=False`` (one order) the batch itself, (stop - start, ...)."""
        if not self.shuffle:
            order = np.arange(self.n)[None]
        else:
            order = np.stack([rng.permutation(self.n) for rng in self.rngs])  # (U, n)
        Y_epoch = Y[order]  # small: gathered once; X is gathered per batch
        if len(self.keys) > 1:
            order, Y_epoch = order[self.index], Y_epoch[self.index]
            return lambda start, stop: (X[order[:, start:stop]], Y_epoch[:, start:stop])
        order, Y_epoch = order[0], Y_epoch[0]
        if not stacked:
            return lambda start, stop: (X[order[start:stop]], Y_epoch[start:stop])
        return lambda start, stop: (X[order[start:stop]][None], Y_epoch[None, start:stop])


class _Record:
    """The arrays of one run's :class:`History`, filled epoch by epoch."""

    def __init__(self, net, epochs, L, evaluation, snapshots, instrument):
        self.net, self.epochs, self.instrument = net, epochs, instrument
        nan_or_zero = np.zeros if instrument else lambda shape: np.full(shape, np.nan)
        self.sq_norm = np.empty((epochs + 1, L))
        self.decay_part, self.gradient_part = nan_or_zero((epochs, L)), nan_or_zero((epochs, L))
        self.decay_step_norm = nan_or_zero((epochs, L))
        self.gradient_step_norm = nan_or_zero((epochs, L))
        self.radial_part, self.jitter_part = nan_or_zero((epochs, L)), nan_or_zero((epochs, L))
        self.turning_angle = nan_or_zero((epochs, L))
        self.saturated = nan_or_zero((epochs + 1, L - 1))
        self.cost, self.data_cost = nan_or_zero(epochs + 1), nan_or_zero(epochs + 1)
        self.sq_norm_steps = np.empty((0, L))
        self.accuracy = np.empty(epochs + 1 if evaluation else 0)
        self.snapshots = [] if snapshots else None

    def history(self, eta, lmbda, m, n, penalty, data_gradient, seconds):
        net = self.net
        return History(
            sizes=net.sizes, init=net.init, eta=eta, lmbda=lmbda, m=m, n=n, penalty=penalty,
            epochs=self.epochs, data_gradient=bool(data_gradient), sq_norm=self.sq_norm,
            rms=np.sqrt(self.sq_norm / [w.size for w in net.weights]),
            decay_part=self.decay_part, gradient_part=self.gradient_part,
            decay_step_norm=self.decay_step_norm, gradient_step_norm=self.gradient_step_norm,
            radial_part=self.radial_part, jitter_part=self.jitter_part,
            turning_angle=self.turning_angle, saturated_share=self.saturated, cost=self.cost,
            data_cost=self.data_cost, accuracy=self.accuracy, sq_norm_steps=self.sq_norm_steps,
            snapshots=self.snapshots, seconds=dict(seconds), instrumented=self.instrument)


def nearest(values, value, scale="linear"):
    """The element of ``values`` nearest to ``value``, on a ``"linear"`` or ``"log"`` scale
    (how a slider's position maps onto the λ of a cached grid)."""
    vals = np.array(sorted(set(values)), dtype=float)
    if scale == "log":
        return float(vals[np.argmin(np.abs(np.log(vals) - math.log(value)))])
    return float(vals[np.argmin(np.abs(vals - value))])


def _check_penalty(penalty, name="penalty"):
    if not isinstance(penalty, str) or penalty not in PENALTIES:
        raise ValueError(f"{name} must be one of {PENALTIES}, got {penalty!r}")
    return penalty


def _penalty_value(weights, lmbda, n, penalty, sq=None):
    """``(lmbda/2n) sum w^2`` for "l2", ``(lmbda/n) sum |w|`` for the L1 rules."""
    if lmbda == 0.0:
        return 0.0
    if penalty == "l2":
        sq = [float(np.vdot(w, w)) for w in weights] if sq is None else sq
        return lmbda / (2 * n) * float(np.sum(sq))
    return lmbda / n * float(sum(np.abs(w).sum() for w in weights))


def _diverged_message(eta, lmbda, epoch, run=0, R=1):
    which = "" if R == 1 else f" (run {run} of the grid)"
    return (
        f"training diverged in epoch {epoch}{which}: the weights became NaN or infinite; "
        f"the learning rate eta = {eta:g} (or lmbda = {lmbda:g}) is too large"
    )

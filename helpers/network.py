"""The book's ``network2``, vectorized over each mini-batch and instrumented.

:class:`Network` performs exactly the updates of Nielsen's ``network2.py`` (sigmoid layers,
cross-entropy cost, L2 weight decay applied once per mini-batch), but computes each mini-batch
with matrix products instead of a Python loop over examples, and records per epoch what the
course needs: the squared weight norm per layer, how much of its change weight decay and the
data gradient each caused, the share of saturated hidden neurons, the cost and the accuracy.
``tests/oracle.py`` holds a per-example implementation in the book's style; the tests assert
that both give the same weights to 1e-12.

Speed: a training step allocates no arrays (every intermediate has a preallocated buffer) and,
with SciPy (installed with mlxtend), the update ``w <- (1 - a) w - g`` and the product giving
``g`` are one BLAS ``dgemm`` call (NumPy-only fallback without SciPy). ``train(...,
instrument=False)`` is the lean path for live widgets: the same updates, bit for bit, without
the per-step instrumentation and the per-epoch pass over the training set
(``benchmarks/bench_engine.py`` times both paths against the oracle).

Conventions (stated once here, used everywhere in the course)
--------------------------------------------------------------
* Data: ``X`` has shape ``(N, d)``, one example per *row*, values in ``[0, 1]``; labels ``y``
  are integers ``0 .. sizes[-1] - 1`` with shape ``(N,)`` (one-hot encoding happens inside).
  Activations are likewise ``(N, units)``. (The book uses column vectors; the math is the same.)
* Parameters: ``weights[l]`` has shape ``(sizes[l+1], sizes[l])`` and ``biases[l]`` has shape
  ``(sizes[l+1], 1)``, float64, plain lists a user may read and assign.
* ``n`` is the training-set size ``len(X)``, ``m`` the mini-batch size, ``eta`` and ``lmbda``
  the learning rate and regularization parameter, ``n_w`` the number of weights (biases
  excluded), ``n_in`` the fan-in of a neuron. The regularized cost is
  ``C = C0 + (lmbda / 2n) * sum(w**2)`` with ``C0`` the mean cross-entropy.
* One epoch visits the ``n`` examples in consecutive mini-batches of ``m`` (the last one is
  short when ``m`` does not divide ``n``), so it takes ``ceil(n / m)`` steps. With
  ``a = eta * lmbda / n`` and a batch ``B`` each step is ::

      w <- (1 - a) * w - (eta / len(B)) * sum_{x in B} dC_x/dw        (L2, the book's rule)
      b <- b - (eta / len(B)) * sum_{x in B} dC_x/db                  (biases: never decayed)

* Random numbers come from ``np.random.default_rng(seed)`` only. Initialization draws, layer by
  layer, first the weights ``standard_normal((sizes[l+1], sizes[l]))``, then the biases
  ``standard_normal((sizes[l+1], 1))`` (not the book's order, which draws all biases first), and
  scales the weights, so ``init="large"`` and ``init="default"`` with the same seed are the same
  normal draws, scaled differently. ``train`` shuffles with its own ``default_rng(seed)``: each
  epoch visits the examples in the order ``rng.permutation(n)``.
* A hidden neuron is *saturated* on an input when ``sigma'(z) < SATURATION_THRESHOLD`` (0.01).
* Numerics: the sigmoid is the book's ``1 / (1 + exp(-z))`` with the harmless overflow of
  ``exp(-z)`` to inf silenced (it yields the correctly rounded 0), and the cross-entropy is
  evaluated from ``z`` as ``sum_j [log(1 + exp(z_j)) - y_j z_j]`` (``np.logaddexp``), so even
  ``|z|`` of order 1e4 gives no warning and no ``log(0)``.
"""

from __future__ import annotations

import math
import numbers
import time
from dataclasses import dataclass, field, fields

import numpy as np

from helpers.course import perturbed

__all__ = [
    "History",
    "INITS",
    "Network",
    "PENALTIES",
    "SATURATION_THRESHOLD",
    "TrainingDiverged",
    "cross_entropy",
    "sigmoid",
    "sigmoid_prime",
]

SATURATION_THRESHOLD = 0.01
"""A neuron counts as saturated when ``sigma'(z) < SATURATION_THRESHOLD``; ``sigma' <= 1/4``."""

INITS = ("large", "default")
PENALTIES = ("l2", "l1", "l1-prox")
_PROGRESS_MIN_SECONDS = 2.0  # show a progress bar only for runs expected to take longer


class TrainingDiverged(ValueError):
    """Raised when the weights become NaN or infinite during training (eta or lmbda too large)."""


# --------------------------------------------------------------------------------------------
# elementwise functions


def sigmoid(z):
    """sigma(z) = 1 / (1 + exp(-z)), the book's formula, for scalars or arrays.

    For z < -709, exp(-z) overflows to inf and 1 / inf = 0 is the correctly rounded result; the
    overflow flag is silenced, so no warning is raised for any z.
    """
    z = np.array(z, dtype=np.float64)  # a copy: _sigmoid works in place
    with np.errstate(over="ignore"):
        return _sigmoid(z)


def sigmoid_prime(z):
    """sigma'(z) = sigma(z) * (1 - sigma(z)); at most 1/4, and about exp(-|z|) for large |z|."""
    s = sigmoid(z)
    return s * (1.0 - s)


def cross_entropy(z, y_onehot):
    """Cross-entropy of the output ``a = sigma(z)`` against one-hot targets, one value per row.

    C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] = sum_j [ln(1 + e^{z_j}) - y_j z_j],
    the right-hand form needing no ``log(0)`` however saturated the output. Shapes: ``z`` and
    ``y_onehot`` are ``(N, k)``; the result is ``(N,)``.
    """
    return np.sum(np.logaddexp(0.0, z) - y_onehot * z, axis=1)


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
    """What :meth:`Network.train` measured. ``E`` = epochs, ``L`` = number of weight layers.

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
    saturated_share : (E + 1, L - 1) share of (probe example, hidden neuron) pairs with
        ``sigma'(z) < SATURATION_THRESHOLD``, per hidden layer.
    cost : (E + 1,) training cost ``C0 + penalty`` on all ``n`` training examples, the penalty
        being ``(lmbda / 2n) sum w^2`` for ``"l2"`` and ``(lmbda / n) sum |w|`` for the L1 rules.
    accuracy : (E + 1,) accuracy in [0, 1] on ``evaluation``; shape ``(0,)`` without one.
    snapshots : ``None``, or with ``snapshots=True`` a list of E + 1 lists of weight arrays.
    seconds : wall-clock time ``{"updates": ..., "measurements": ...}`` spent in the mini-batch
        updates (with their per-step instrumentation) and in the per-epoch measurements over
        whole sets. The only field that differs between two runs with the same seeds.
    instrumented : ``True`` (the default ``train(..., instrument=True)``): every field above was
        recorded. ``False`` (the lean path ``instrument=False``): only ``sq_norm``, ``rms``,
        ``accuracy`` and ``snapshots`` were recorded; ``decay_part``, ``gradient_part``,
        ``decay_step_norm``, ``gradient_step_norm``, ``saturated_share`` and ``cost`` keep
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
    saturated_share: np.ndarray
    cost: np.ndarray
    accuracy: np.ndarray
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
# progress


class _WidgetProgress:
    """``progress=True``: an ipywidgets bar, shown only when the run will take > ~2 s."""

    def __init__(self):
        self.t0 = time.perf_counter()
        self.bar = None

    def __call__(self, epoch, epochs):
        if epoch == 1 and epoch < epochs:
            expected = (time.perf_counter() - self.t0) * epochs
            if expected > _PROGRESS_MIN_SECONDS:
                self.bar = _make_bar(epochs)
        if self.bar is not None:
            self.bar.value = epoch

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _make_bar(epochs):
    """An IntProgress bar displayed in the running IPython kernel, or None outside one."""
    from helpers.widgets import progress_enabled

    if not progress_enabled():  # outside a live kernel, or COURSE_PROGRESS=0 (builds, tests)
        return None
    try:
        import ipywidgets
        from IPython.display import display
    except ImportError:
        return None
    bar = ipywidgets.IntProgress(value=1, min=0, max=epochs, description="epochs")
    display(bar)
    return bar


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
        """``n_w``: the total number of weights, biases excluded."""
        return sum(a * b for a, b in zip(self._sizes[:-1], self._sizes[1:], strict=True))

    def __repr__(self):
        return f"Network(sizes={list(self._sizes)}, init={self.init!r}, seed={self.seed!r})"

    def copy(self):
        """An independent network with copies of the current weights and biases."""
        net = object.__new__(Network)
        net._sizes, net.init, net.seed = self._sizes, self.init, self.seed
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
        with np.errstate(over="ignore"):  # exp(-z) = inf for z << 0 gives sigma = 0 exactly
            for w, b in zip(weights[:-1], biases[:-1], strict=True):
                a = _sigmoid(a @ w.T + b.T)
                hidden.append(a)
        return hidden, a @ weights[-1].T + biases[-1].T

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
        nabla_w, nabla_b = _backprop(X, _one_hot(y, self._sizes[-1]), ws, bs)
        N = len(X)
        return [nw / N for nw in nabla_w], [nb[:, None] / N for nb in nabla_b]

    # -- training ---------------------------------------------------------------------------
    def train(
        self,
        X,
        y,
        epochs,
        mini_batch_size,
        eta,
        lmbda=0.0,
        penalty="l2",
        shuffle=True,
        seed=None,
        evaluation=None,
        probe=None,
        snapshots=False,
        data_gradient=True,
        progress=None,
        instrument=True,
    ):
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
        progress : None/False (silent), True (an ipywidgets bar inside IPython when the run is
            expected to take more than ~2 s), or a callable ``progress(epoch, epochs)`` called
            after each epoch.
        instrument : True (default) records everything in :class:`History`. False is the lean
            path for a live widget: the same updates, giving bit for bit the same weights, but
            without the per-step split of ``||w||^2`` and step norms and without the per-epoch
            pass over the training set (cost, saturation); ``sq_norm``, ``rms``, ``accuracy``
            (on ``evaluation``) and ``snapshots`` are still recorded, the other arrays are NaN
            and ``History.instrumented`` is False. Divergence is then detected at the end of
            the epoch in which it happens (NaN or inf weights stay non-finite).

        Raises ``ValueError`` on bad input, and :class:`TrainingDiverged` (a ValueError) as soon
        as a weight becomes NaN or infinite (lean path: at the end of that epoch). The network's
        weights and biases are replaced by the trained ones (new arrays; arrays obtained before
        the call are not modified).
        """
        sizes = self._sizes
        L = len(sizes) - 1
        X = _check_X(X, sizes[0])
        n = len(X)
        y = _check_y(y, sizes[-1], n)
        epochs = _check_int(epochs, "epochs", 1, np.inf, ">= 1")
        m = _check_int(mini_batch_size, "mini_batch_size", 1, n, f"between 1 and n = {n}")
        eta = _check_number(eta, "eta", 0.0, False, "> 0")
        lmbda = _check_number(lmbda, "lmbda", 0.0, True, ">= 0")
        _check_penalty(penalty)
        instrument = bool(instrument)
        a = eta * lmbda / n
        if a >= 1.0:
            raise ValueError(
                f"eta*lmbda must be < n = {n} (got eta = {eta:g}, lmbda = {lmbda:g}, "
                f"eta*lmbda/n = {a:g}): with 1 - eta*lmbda/n <= 0 each step would flip signs"
            )
        if evaluation is not None:
            try:
                X_eval, y_eval = evaluation
            except (TypeError, ValueError):
                raise ValueError("evaluation must be a pair (X_eval, y_eval)") from None
            X_eval = _check_X(X_eval, sizes[0], "evaluation X")
            y_eval = _check_y(y_eval, sizes[-1], len(X_eval), "evaluation y")
        if probe is not None:
            probe = _check_X(probe, sizes[0], "probe")
        n_probe = min(1000, n)
        ws, bs = self._checked_params()
        self.weights, self.biases = ws, bs  # fresh arrays, updated in place below
        Y = _one_hot(y, sizes[-1])
        rng = np.random.default_rng(seed)
        hook = _WidgetProgress() if progress is True else (progress or None)
        if hook is not None and not callable(hook):
            raise ValueError(f"progress must be None, True, False or a callable, got {progress!r}")

        # -- measurements -------------------------------------------------------------------
        sq_norm = np.empty((epochs + 1, L))
        decay_part = np.zeros((epochs, L))
        gradient_part = np.zeros((epochs, L))
        decay_step_norm = np.zeros((epochs, L))
        gradient_step_norm = np.zeros((epochs, L))
        saturated = np.empty((epochs + 1, L - 1))
        cost = np.empty(epochs + 1)
        accuracy = np.empty(epochs + 1 if evaluation is not None else 0)
        snaps = [] if snapshots else None

        seconds = {"updates": 0.0, "measurements": 0.0}

        if not instrument:  # not recorded on the lean path: see History.instrumented
            for arr in (decay_part, gradient_part, decay_step_norm, gradient_step_norm,
                        saturated, cost):
                arr.fill(np.nan)

        def measure(e):
            t0 = time.perf_counter()
            sq = [float(np.vdot(w, w)) for w in ws]
            sq_norm[e] = sq
            if not np.all(np.isfinite(sq)):
                raise TrainingDiverged(_diverged_message(eta, lmbda, e))
            if instrument:
                _measure_training_set(e)
            if evaluation is not None:
                pred = np.argmax(self._forward(X_eval, ws, bs)[1], axis=1)
                accuracy[e] = np.mean(pred == y_eval)
            if snaps is not None:
                snaps.append([w.copy() for w in ws])
            seconds["measurements"] += time.perf_counter() - t0

        def _measure_training_set(e):
            hidden, z = self._forward(X, ws, bs)
            c0 = np.mean(cross_entropy(z, Y))
            cost[e] = c0 + _penalty_value(ws, lmbda, n, penalty, sq_norm[e])
            if probe is not None:
                hidden = self._forward(probe, ws, bs)[0]
            else:
                hidden = [h[:n_probe] for h in hidden]
            saturated[e] = [np.mean(h * (1.0 - h) < SATURATION_THRESHOLD) for h in hidden]

        # -- the loop -----------------------------------------------------------------------
        steps = [(k, min(k + m, n)) for k in range(0, n, m)]
        coefs = [eta / (stop - start) for start, stop in steps]  # eta / len(B)
        stepper = _Stepper(ws, bs, m, penalty, a, data_gradient, instrument)
        ww = parts = None
        t_start = time.perf_counter()
        with np.errstate(over="ignore", invalid="ignore"):  # exp(-z) -> inf is fine in sigma
            measure(0)
            try:
                for e in range(epochs):
                    if shuffle:
                        order = rng.permutation(n)
                        Y_epoch = Y[order]  # small: gathered once; X is gathered per batch
                    else:
                        order, Y_epoch = None, Y
                    if instrument:
                        parts = [[0.0] * L for _ in range(4)]  # decay, gradient, ||d||, ||g||
                        ww = [float(np.vdot(w, w)) for w in ws]
                    for (start, stop), coef in zip(steps, coefs, strict=True):
                        xb = X[start:stop] if order is None else X[order[start:stop]]
                        stepper(xb, Y_epoch[start:stop], coef, ww, parts)
                        if instrument and not math.isfinite(sum(ww)):
                            raise TrainingDiverged(_diverged_message(eta, lmbda, e + 1))
                    if instrument:
                        decay_part[e], gradient_part[e] = parts[0], parts[1]
                        decay_step_norm[e] = np.divide(parts[2], len(steps))
                        gradient_step_norm[e] = np.divide(parts[3], len(steps))
                    measure(e + 1)  # on the lean path this is where divergence is detected
                    if hook is not None:
                        hook(e + 1, epochs)
            finally:
                if isinstance(hook, _WidgetProgress):
                    hook.close()
        seconds["updates"] = time.perf_counter() - t_start - seconds["measurements"]

        return History(
            sizes=sizes,
            init=self.init,
            eta=eta,
            lmbda=lmbda,
            m=m,
            n=n,
            penalty=penalty,
            epochs=epochs,
            data_gradient=bool(data_gradient),
            sq_norm=sq_norm,
            rms=np.sqrt(sq_norm / [w.size for w in ws]),
            decay_part=decay_part,
            gradient_part=gradient_part,
            decay_step_norm=decay_step_norm,
            gradient_step_norm=gradient_step_norm,
            saturated_share=saturated,
            cost=cost,
            accuracy=accuracy,
            snapshots=snaps,
            seconds=seconds,
            instrumented=instrument,
        )


# --------------------------------------------------------------------------------------------
# internals of training


def _sigmoid(z):
    """sigma(z) = 1 / (1 + exp(-z)), overwriting the temporary z; call under np.errstate(over=...).

    The book's formula: for z << 0, exp(-z) overflows to inf and 1 / inf = 0 is the correctly
    rounded result, so only the (suppressed) overflow flag differs from an exact evaluation.
    """
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.reciprocal(z, out=z)


_DGEMM = "not loaded"


def _blas_dgemm():
    """SciPy's BLAS ``dgemm`` (C <- alpha A B + beta C in place), or None without SciPy.

    It fuses the weight update ``w <- (1 - a) w - g`` and the product giving ``g`` into one call.
    Imported on first use (SciPy comes with mlxtend); ``None`` selects a NumPy-only fallback.
    """
    global _DGEMM
    if isinstance(_DGEMM, str):
        try:
            from scipy.linalg.blas import dgemm
        except ImportError:  # pragma: no cover - SciPy is installed with mlxtend
            dgemm = None
        _DGEMM = dgemm
    return _DGEMM


class _Stepper:
    """Mini-batch updates of all layers in place, with preallocated work arrays.

    Built once per :meth:`Network.train` call for the parameter arrays ``ws`` and ``bs`` it
    updates. Each call ``stepper(xb, yb, coef)`` does one update of the batch ``xb``
    (len(B), sizes[0]), ``yb`` (len(B), sizes[-1]) with ``coef = eta / len(B)``. Forward and
    backward use the weights before the update, as in the book (all gradients first, then all
    updates). Every intermediate lands in a buffer allocated here (views of the first len(B)
    rows for a short last batch), so a step makes no array allocations: at the course's sizes
    the cost of a step is dominated by the two large matrix products of the first layer.

    With ``instrument`` true each call also advances ``ww[l] = ||w_l||^2`` by the exact
    recursion ``||w'||^2 = ||w||^2 + decay part + gradient part`` and accumulates into
    ``parts`` (4 lists of L floats) the decay part, the gradient part, ``||decay step||`` and
    ``||g||``. The weights it produces do not depend on ``instrument``.
    """

    def __init__(self, ws, bs, m, penalty, a, data_gradient, instrument):
        self.ws, self.L = ws, len(ws)
        self.penalty, self.a, self.data_gradient = penalty, a, data_gradient
        self.instrument = instrument
        self.l2_fast = penalty == "l2" and data_gradient
        widths = [w.shape[0] for w in ws]
        # acts[l]: output of layer l; zlins[l]: its input times w_l.T (instrumented only);
        # dcs[l]: coef * delta of layer l; sps[l]: sigma' of hidden layer l
        self._bufs = (
            [np.empty((m, k)) for k in widths],
            [np.empty((m, k)) for k in widths] if instrument else None,
            [np.empty((m, k)) for k in widths],
            [np.empty((m, k)) for k in widths[:-1]],
        )
        self._views = {}
        self.gs = [np.empty_like(w) for w in ws]  # the gradient step g of each layer
        self.gbs = [np.empty(k) for k in widths]  # the bias step of each layer
        self.bTs = [b.T for b in bs]  # (1, n_out) views: updating them updates bs
        self.b_flat = [b.reshape(-1) for b in bs]  # (n_out,) views of the same memory
        self.wTs = [w.T for w in ws]  # (n_in, n_out) Fortran-ordered views for BLAS
        self.dgemm = _blas_dgemm()

    def views(self, r):
        """The work arrays for a batch of r rows (the first r rows of each buffer)."""
        v = self._views.get(r)
        if v is None:
            v = self._views[r] = tuple(
                None if bufs is None else [buf[:r] for buf in bufs] for bufs in self._bufs
            )
        return v

    def __call__(self, xb, yb, coef, ww=None, parts=None):
        acts, zlins, dcs, sps = self.views(len(xb))
        ws, wTs, bTs, gs, gbs = self.ws, self.wTs, self.bTs, self.gs, self.gbs
        L, instrument, dgemm = self.L, self.instrument, self.dgemm
        act = xb
        for l in range(L):
            out = acts[l]
            if instrument:
                zlin = zlins[l]
                np.matmul(act, wTs[l], out=zlin)
                np.add(zlin, bTs[l], out=out)
            else:
                np.matmul(act, wTs[l], out=out)
                np.add(out, bTs[l], out=out)
            _sigmoid(out)
            act = out
        dc = dcs[L - 1]
        np.subtract(act, yb, out=dc)  # output error of the cross-entropy cost: sigma' cancels
        np.multiply(dc, coef, out=dc)  # (eta/len(B)) * delta, so g = dc.T @ (layer input)
        a = self.a
        one_minus_a = 1.0 - a
        for l in range(L - 1, -1, -1):
            w, g, gb = ws[l], gs[l], gbs[l]
            a_in = acts[l - 1] if l > 0 else xb
            np.add.reduce(dc, axis=0, out=gb)
            if l > 0:  # back-propagate with the weights before their update
                dprev, sp = dcs[l - 1], sps[l - 1]
                np.matmul(dc, w, out=dprev)
                np.subtract(1.0, a_in, out=sp)
                np.multiply(sp, a_in, out=sp)
                np.multiply(dprev, sp, out=dprev)
            if self.l2_fast:
                if instrument:
                    np.matmul(dc.T, a_in, out=g)
                    # <w, g> = sum_x sum_j dc[x, j] (w_j . a_x) = <dc, zlin>: no pass over w
                    wg = float(np.vdot(dc, zlins[l]))
                    gg = float(np.vdot(g, g))
                    d_part = (one_minus_a * one_minus_a - 1.0) * ww[l]
                    g_part = gg - 2.0 * one_minus_a * wg
                    d_norm, g_norm = a * math.sqrt(ww[l]), math.sqrt(gg)
                if dgemm is not None:
                    # w.T <- (1 - a) w.T - a_in.T @ dc in one BLAS call: no array g
                    wT = wTs[l]
                    res = dgemm(-1.0, a_in.T, dc.T, one_minus_a, wT, 0, 1, 1)
                    if res is not wT:  # never expected: f2py copied instead of overwriting
                        wT[...] = res
                else:
                    if not instrument:
                        np.matmul(dc.T, a_in, out=g)
                    if a != 0.0:
                        np.multiply(w, one_minus_a, out=w)  # w' = (1 - a) w - g
                    np.subtract(w, g, out=w)
            else:
                np.matmul(dc.T, a_in, out=g)
                d_part, g_part, d_norm, g_norm = _penalty_step(
                    w, g, self.penalty, a, self.data_gradient
                )
            if instrument:
                ww[l] += d_part + g_part
                parts[0][l] += d_part
                parts[1][l] += g_part
                parts[2][l] += d_norm
                parts[3][l] += g_norm
            bf = self.b_flat[l]
            np.subtract(bf, gb, out=bf)
            if l > 0:
                dc = dprev


def _penalty_step(w, g, penalty, a, data_gradient):
    """The general update of one layer in place; returns the split as in :class:`History`.

    Returns ``(decay_part, gradient_part, ||decay step||, ||g||)``. With ``data_gradient``
    false the gradient step ``g`` is zero.
    """
    ww = float(np.vdot(w, w))
    if not data_gradient:
        g = None
    if penalty == "l2":  # only reached without the data gradient: w' = (1 - a) w
        w *= 1.0 - a
        return ((1.0 - a) ** 2 - 1.0) * ww, 0.0, a * math.sqrt(ww), 0.0
    gg = 0.0 if g is None else float(np.vdot(g, g))
    if penalty == "l1":  # w' = (w - a sign(w)) - g: the decay step d = -a sign(w) first
        d = np.sign(w)
        d *= -a
        d_norm = math.sqrt(float(np.vdot(d, d)))
        w += d
        uu = float(np.vdot(w, w))
        if g is None:
            return uu - ww, 0.0, d_norm, 0.0
        ug = float(np.vdot(w, g))
        w -= g
        return uu - ww, gg - 2.0 * ug, d_norm, math.sqrt(gg)
    # "l1-prox": v = w - g first, then w' = soft_threshold(v, a) = v - clip(v, -a, a)
    g_part = 0.0
    if g is not None:
        g_part = gg - 2.0 * float(np.vdot(w, g))
        w -= g
    vv = float(np.vdot(w, w))
    d = np.clip(w, -a, a)
    d_norm = math.sqrt(float(np.vdot(d, d)))
    w -= d
    return float(np.vdot(w, w)) - vv, g_part, d_norm, math.sqrt(gg)


def _backprop(X, Y, weights, biases):
    """Summed gradients over the rows of X: lists of (n_out, n_in) and (n_out,) arrays."""
    acts = [X]
    for w, b in zip(weights, biases, strict=True):
        acts.append(sigmoid(acts[-1] @ w.T + b.T))
    delta = acts[-1] - Y
    L = len(weights)
    nabla_w, nabla_b = [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        nabla_w[l] = delta.T @ acts[l]
        nabla_b[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ weights[l]) * (acts[l] * (1.0 - acts[l]))
    return nabla_w, nabla_b


def _check_penalty(penalty):
    if penalty not in PENALTIES:
        raise ValueError(f"penalty must be one of {PENALTIES}, got {penalty!r}")


def _penalty_value(weights, lmbda, n, penalty, sq=None):
    """``(lmbda/2n) sum w^2`` for "l2", ``(lmbda/n) sum |w|`` for the L1 rules."""
    if lmbda == 0.0:
        return 0.0
    if penalty == "l2":
        sq = [float(np.vdot(w, w)) for w in weights] if sq is None else sq
        return lmbda / (2 * n) * float(np.sum(sq))
    return lmbda / n * float(sum(np.abs(w).sum() for w in weights))


def _diverged_message(eta, lmbda, epoch):
    return (
        f"training diverged in epoch {epoch}: the weights became NaN or infinite; "
        f"the learning rate eta = {eta:g} (or lmbda = {lmbda:g}) is too large"
    )

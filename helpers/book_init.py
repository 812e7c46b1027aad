"""The book's own seeded starting weights, reproduced.

The chapter-3 scripts of Nielsen's repository (mnielsen/neural-networks-and-deep-learning) seed
both generators before building the network: ``random.seed(12345678)`` and
``np.random.seed(12345678)``. Then

* ``fig/overfitting.py`` (the version that wrote ``fig/regularized_full.json``, commit 98b85bb,
  2014-05-16) builds ``network2.Network([784, 30, 10], ...)``, whose constructor runs the
  *default* initializer, and at once calls ``net.large_weight_initializer()``;
* ``fig/weight_initialization.py`` (commit b5ee3ad, 2014-05-17, which wrote
  ``weight_initialization_30.json`` and ``_100.json``) builds ``Network([784, n, 10], ...)``
  with ``n = 30`` or ``100``, trains that default-initialized network for 30 epochs, then calls
  ``large_weight_initializer()`` on it and trains again.

Both initializers draw from numpy's global legacy generator, in this order::

    biases  = [randn(y, 1) for y in sizes[1:]]                       # default init
    weights = [randn(y, x) / sqrt(x) for x, y in zip(sizes[:-1], sizes[1:])]
    biases  = [randn(y, 1) for y in sizes[1:]]                       # large init
    weights = [randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]

Training shuffles with Python's ``random`` (``random.shuffle``) and draws nothing from numpy, so
numpy's stream between the two initializers is untouched in both scripts. numpy's legacy
``np.random.RandomState`` (Mersenne Twister, polar Gaussian with its cached second value) still
reproduces those draws bit for bit, so the book's initial weights are known exactly. (Its
mini-batch order is not: Python 2's ``random.shuffle`` differs from Python 3's.)

For ``[784, 30, 10]`` both scripts make the very same draws, so their large-init starting
weights coincide. Shapes follow :class:`helpers.network.Network`: ``weights[l]`` is
``(sizes[l+1], sizes[l])``, ``biases[l]`` is ``(sizes[l+1], 1)``, float64.
"""

from __future__ import annotations

import numpy as np

from helpers.course import perturbed
from helpers.network import INITS, SIZES

__all__ = ["BOOK_SEED", "SCRIPTS", "book_initial_params", "book_initial_sum_w2"]

BOOK_SEED = 12345678
"""The seed of ``np.random.seed`` in the book's chapter-3 scripts."""

SCRIPTS = ("overfitting", "weight_initialization")
"""The book's scripts whose seeded draws are reproduced (same draw order in both)."""

def _check(sizes, script, init):
    if script not in SCRIPTS:
        raise ValueError(f"script must be one of {SCRIPTS}, got {script!r}")
    if init not in INITS:
        raise ValueError(f"init must be 'large' or 'default', got {init!r}")
    try:
        sizes = tuple(int(s) for s in sizes)
    except (TypeError, ValueError):
        raise ValueError(f"sizes must be a sequence of ints, got {sizes!r}") from None
    if len(sizes) != 3 or sizes[0] != 784 or sizes[2] != 10 or sizes[1] < 1:
        raise ValueError(f"sizes must be (784, n_hidden, 10) with n_hidden >= 1, got {sizes}")
    if script == "overfitting" and sizes != (784, 30, 10):
        raise ValueError(f"fig/overfitting.py builds (784, 30, 10) only, got sizes={sizes}")
    return sizes


def book_initial_params(sizes=SIZES, script="overfitting", init="large"):
    """The book's seeded starting ``(weights, biases)`` for ``sizes`` in ``script``.

    ``init="large"`` (the default) gives the old initialization the exercise is about (every
    weight and bias ~ N(0, 1)), drawn by ``large_weight_initializer()`` after the default one;
    ``init="default"`` gives the default-init draws (weights ~ N(0, 1/n_in)), which
    ``weight_initialization.py`` trains first. Both come from one
    ``np.random.RandomState(12345678)`` replayed in network2's call order (module doc).

    Returns lists as in :class:`helpers.network.Network`: ``weights[l]`` of shape
    ``(sizes[l+1], sizes[l])`` and ``biases[l]`` of shape ``(sizes[l+1], 1)``. Weights pass
    through :func:`helpers.course.perturbed` (one ulp under the perturbation check only).
    """
    sizes = _check(sizes, script, init)
    rs = np.random.RandomState(BOOK_SEED)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    default_b = [rs.randn(y, 1) for y in sizes[1:]]
    default_w = [rs.randn(y, x) / np.sqrt(x) for x, y in pairs]
    if init == "default":
        return [perturbed(w) for w in default_w], default_b
    large_b = [rs.randn(y, 1) for y in sizes[1:]]
    large_w = [rs.randn(y, x) for x, y in pairs]
    return [perturbed(w) for w in large_w], large_b


def book_initial_sum_w2(sizes=SIZES, script="overfitting", init="large", per_layer=False):
    """The book's initial sum of squared weights ``sum_l sum_jk (w^l_jk)^2`` (biases excluded).

    A float, or with ``per_layer=True`` a tuple of floats, one per weight matrix (hidden first).
    Same arguments as :func:`book_initial_params`.
    """
    weights, _ = book_initial_params(sizes, script, init)
    layers = tuple(float(np.sum(w * w)) for w in weights)
    return layers if per_layer else float(sum(layers))

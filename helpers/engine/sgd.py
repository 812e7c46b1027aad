"""One mini-batch step of R stacked networks: the whole of the book's algorithm.

:func:`sgd_step` is Nielsen's ``update_mini_batch`` of ``network2.py`` for R networks at once
(weights stacked on a leading axis, batched matrix products): one forward pass, one
backpropagation, one update per layer, in the notation of the course (``a = eta * lmbda / n``,
``g = (eta / m) sum_x dC_x/dw``). It measures nothing itself; a tally
(:class:`helpers.engine.tally.Tally`) may be handed in to observe each update.
``helpers.network`` builds training, validation and the per-epoch measurements around it.
"""

from __future__ import annotations

import numpy as np

from helpers.course import product_perturbation

try:  # SciPy comes with mlxtend; without it the NumPy update below is used
    from scipy.linalg.blas import dgemm as _DGEMM
except ImportError:  # pragma: no cover
    _DGEMM = None

__all__ = ["cross_entropy", "sgd_step", "sigmoid", "sigmoid_prime"]


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


def _sigmoid(z):
    """sigma(z) in place of the temporary z; call under ``np.errstate(over="ignore")``."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.reciprocal(z, out=z)


def cross_entropy(z, y_onehot):
    """Cross-entropy of the output ``a = sigma(z)`` against one-hot targets, one value per row.

    C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] = sum_j [ln(1 + e^{z_j}) - y_j z_j],
    the right-hand form needing no ``log(0)`` however saturated the output. Shapes: ``z`` and
    ``y_onehot`` are ``(N, k)``; the result is ``(N,)``.
    """
    return np.sum(np.logaddexp(0.0, z) - y_onehot * z, axis=1)


# --------------------------------------------------------------------------------------------
# one mini-batch: the whole algorithm


def sgd_step(W, B, xb, yb, eta_m, a, penalty="l2", data_gradient=True, tally=None):
    """One mini-batch update of R networks at once, in place, as in the book's network2::

        w <- (1 - a) w - (eta/m) sum_x dC_x/dw              "l2"
        w <- w - a sign(w) - (eta/m) sum_x dC_x/dw          "l1" (subgradient, sign(0) = 0)
        w <- soft_threshold(w - (eta/m) sum_x dC_x/dw, a)   "l1-prox"
        b <- b - (eta/m) sum_x dC_x/db                      (biases are never decayed)

    ``W[l]`` (R, n_out, n_in) and ``B[l]`` (R, n_out, 1) are the stacked parameters of layer l;
    ``xb`` (R, m, sizes[0]) and ``yb`` (R, m, sizes[-1]) each network's batch (inputs, one-hot
    targets); ``eta_m = eta / m`` and ``a = eta * lmbda / n`` have shape (R, 1, 1). ``penalty``
    is one rule for every run, or a list of ``(rule, slice of runs)``. ``data_gradient=False``
    drops the ``(eta/m) sum dC_x/dw`` term (pure decay). All gradients come from the weights
    before the step (one forward pass, one backpropagation, then the updates); ``tally``, a
    :class:`helpers.engine.tally.Tally` or None, records the split of ``||w||^2`` on the way.

    One network may also be passed unstacked (``W[l]`` (n_out, n_in), ``B[l]`` (n_out, 1),
    ``xb`` (m, sizes[0]), ``yb`` (m, sizes[-1]), ``eta_m`` and ``a`` floats, one rule, no
    tally): the same BLAS calls and the same weights bit for bit, with less overhead per call.
    """
    acts, lins = _feedforward(W, B, xb, keep_linear=tally is not None)
    deltas = _backprop(W, acts, yb, eta_m)  # deltas[l] = (eta/m) delta^{l+1}, (R, m, n_out)
    unstacked = W[0].ndim == 2  # one network
    rules = [(penalty, slice(None))] if isinstance(penalty, str) else penalty
    for l, (w, b, a_in, d) in enumerate(zip(W, B, acts, deltas, strict=False)):
        if unstacked:
            _update_weights(penalty, w, a_in, d, a, data_gradient)
        else:
            for rule, s in rules:  # runs s share the rule
                observer = None if tally is None else tally.layer(l, s, d[s], lins[l][s])
                a_s = a_in if len(a_in) == 1 else a_in[s]  # len 1: one batch shared by all runs
                _update_weights(rule, w[s], a_s, d[s], a[s], data_gradient, observer)
        b[..., 0] -= np.add.reduce(d, axis=-2)  # b <- b - (eta/m) sum_x delta_x


def _feedforward(W, B, xb, keep_linear=False):
    """Activations ``[x, a^1, ..., a^L]``, each (R, m, sizes[l]); with ``keep_linear`` also each
    layer's ``a^{l-1} w^T`` before the bias is added (the tally needs it), else ``[]``."""
    acts, lins = [xb], []
    nudge = product_perturbation()  # None but under the perturbation check
    for w, b in zip(W, B, strict=True):
        lin = np.matmul(acts[-1], w.mT)
        if nudge is not None:
            nudge(lin)
        if keep_linear:
            lins.append(lin)
            z = lin + b.mT
        else:
            z = np.add(lin, b.mT, out=lin)
        acts.append(_sigmoid(z))
    return acts, lins


def _backprop(W, acts, yb, eta_m):
    """``(eta/m) delta^l`` for l = 1..L from ``delta^L = a^L - y`` (the cross-entropy cancels
    sigma') and ``delta^l = (delta^{l+1} w^{l+1}) * sigma'(z^l)``, ``sigma' = (1 - a^l) a^l``."""
    d = np.subtract(acts[-1], yb)
    d *= eta_m
    deltas = [d]
    nudge = product_perturbation()  # None but under the perturbation check
    for l in range(len(W) - 1, 0, -1):
        sigma_prime = np.subtract(1.0, acts[l])
        sigma_prime *= acts[l]
        d = np.matmul(d, W[l])
        if nudge is not None:
            nudge(d)
        d *= sigma_prime
        deltas.append(d)
    return deltas[::-1]


def _update_weights(rule, w, a_in, d, a, data_gradient, tally=None):
    """``rule`` on the weights ``w`` (R, n_out, n_in) of one layer, in place, with the gradient
    step ``g = d^T a_in = (eta/m) sum_x dC_x/dw`` and ``a`` (R, 1, 1): see :func:`sgd_step`."""
    if rule == "l2":  # w <- (1 - a) w - g
        if tally is not None:
            tally.l2(d if data_gradient else None, a_in)  # from d and a_in: g is never formed
        if not data_gradient:
            w *= 1.0 - a
        elif _DGEMM is not None:
            _l2_dgemm(w, a_in, d, a)
        else:  # without SciPy: the same arithmetic in two passes
            w *= 1.0 - a
            w -= np.matmul(d.mT, a_in)
        return
    g = np.matmul(d.mT, a_in) if data_gradient else None
    if tally is not None:
        tally.state(w)  # ||w||^2 before the two steps of an L1 rule
    if rule == "l1":  # w <- (w - a sign(w)) - g: the decay step first
        step = np.sign(w)
        step *= -a
        w += step
        if tally is not None:
            tally.state(w)
        if g is not None:
            w -= g
    else:  # "l1-prox": v = w - g, then w <- soft_threshold(v, a) = v - clip(v, -a, a)
        if g is not None:
            w -= g
        if tally is not None:
            tally.state(w)
        step = np.clip(w, -a, a)
        w -= step
    if tally is not None:
        tally.l1(rule, w, step, g)


def _l2_dgemm(w, a_in, d, a):
    """``w^T <- (1 - a) w^T - a_in^T d`` for each run: one BLAS call, no array g, and the same
    arithmetic as ``w *= 1 - a; w -= d^T a_in`` (BLAS scales C by beta before adding)."""
    if w.ndim == 2:  # one network, unstacked: a is a float
        _DGEMM(-1.0, a_in.T, d.T, 1.0 - a, w.T, 0, 1, 1)
        return
    shared = len(a_in) == 1  # one input batch for all runs
    for r in range(len(w)):
        _DGEMM(-1.0, a_in[0 if shared else r].T, d[r].T, 1.0 - a[r, 0, 0], w[r].T, 0, 1, 1)

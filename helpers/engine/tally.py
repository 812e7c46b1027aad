"""Instrumentation of training, kept out of the update rule.

:class:`Tally` observes each update of :func:`helpers.engine.sgd.sgd_step` and sums, per
epoch, run and layer, how much of the change of ``||w||^2`` weight decay and the data gradient
each caused, and the mean length of both steps (the definitions: ``helpers.network.History``).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Tally"]


def _sq(x):
    """``||x[r]||^2`` for each run r of a stack, as a list of floats (one BLAS dot per run)."""
    return [float(np.vdot(v, v)) for v in x]


def _turning_angle(ww, wg, gg, one_minus_a):
    """The angle between ``w`` and ``w' = (1 - a) w - g`` from ``||w||^2``, ``<w, g>`` and
    ``||g||^2``: ``w'`` has ``(1 - a) ||w|| - <w, g> / ||w||`` along ``w`` and
    ``sqrt(||g||^2 - <w, g>^2 / ||w||^2)`` across it. NaN when ``w = 0``."""
    if not ww > 0.0:
        return math.nan
    norm = math.sqrt(ww)
    return math.atan2(math.sqrt(max(gg - wg * wg / ww, 0.0)), one_minus_a * norm - wg / norm)


class Tally:
    """Per epoch and run, the split of each step's change of ``||w||^2`` (see :class:`History`).

    ``parts[r][k][l]`` sums over the epoch's steps the decay part (k = 0), the gradient part
    (1), ``||decay step||`` (2), ``||g||`` (3), the gradient part's radial term (4: the
    gradient part minus ``||g||^2``, for L2 ``-2 (1 - a) <w, g>``), ``||g||^2`` (5, the
    jitter) and the angle between ``w`` and ``w'`` (6, radians; L2 only, NaN for L1 rules) of
    layer l of run r; ``ww[r][l]`` follows
    ``||w||^2`` from step to step by the exact recursion ``||w'||^2 = ||w||^2 + decay part +
    gradient part``. Plain floats: a step adds a handful of numbers per run and layer.
    """

    def __init__(self, a, L):
        self.a, self.L = [float(x) for x in np.ravel(a)], L

    def start_epoch(self, W):
        R, L = len(self.a), self.L
        self.parts = [[[0.0] * L for _ in range(7)] for _ in range(R)]
        self.ww = [[float(np.vdot(w[r], w[r])) for w in W] for r in range(R)]

    def layer(self, l, s, d, lin):
        """Select layer l, the runs ``s`` (a slice) and their ``d`` and ``a^{l-1} w^T``."""
        self.l, self.runs, self.d, self.lin = l, range(len(self.a))[s], d, lin
        self.states = []
        return self

    def l2(self, d, a_in):
        """``w' = (1 - a) w - g`` with ``g = d^T a_in`` (``d`` None: pure decay). Decay part
        ``((1 - a)^2 - 1) ||w||^2``, gradient part ``||g||^2 - 2 (1 - a) <w, g>``, both from
        the batch alone: ``<w, g> = <d, a_in w^T>`` and ``||g||^2 = <d d^T, a_in a_in^T>``
        (m x m Gram matrices), so neither ``g`` nor a pass over ``w`` is needed."""
        if d is not None:
            gram_in = np.matmul(a_in, a_in.mT)  # (R or 1, m, m): one per input batch
            gram_d = np.matmul(d, d.mT)
        for i, r in enumerate(self.runs):
            ww, a = self.ww[r][self.l], self.a[r]
            one_minus_a = 1.0 - a
            gg = wg = 0.0
            if d is not None:
                gg = max(float(np.vdot(gram_d[i], gram_in[i if len(gram_in) > 1 else 0])), 0.0)
                wg = float(np.vdot(self.d[i], self.lin[i]))
            radial = -2.0 * one_minus_a * wg
            self._add(r, (one_minus_a * one_minus_a - 1.0) * ww, gg + radial, a * math.sqrt(ww),
                      math.sqrt(gg), radial, gg, _turning_angle(ww, wg, gg, one_minus_a))

    def state(self, w):
        """Note ``||w||^2`` of the selected runs between the steps of an L1 rule."""
        self.states.append(_sq(w))

    def l1(self, rule, w, step, g):
        """An L1 rule's two steps from ``||w||^2`` before, between and after them: the decay
        step ``step`` first (``"l1"``) or second (``"l1-prox"``), and the gradient step ``g``."""
        (before, middle), after = self.states, _sq(w)
        self.states = []
        step_sq, gg = _sq(step), None if g is None else _sq(g)
        for i, r in enumerate(self.runs):
            first, second = middle[i] - before[i], after[i] - middle[i]
            decay, grad = (first, second) if rule == "l1" else (second, first)
            jitter = 0.0 if gg is None else gg[i]
            if gg is None:
                grad = 0.0
            self._add(r, decay, grad, math.sqrt(step_sq[i]), math.sqrt(jitter), grad - jitter,
                      jitter, math.nan)

    def _add(self, r, decay, grad, *more):
        """One step of layer ``self.l`` of run r: the decay and gradient parts, then the
        ``parts[r][2:]`` terms in their order (see the class doc)."""
        parts, l = self.parts[r], self.l
        for k, value in enumerate((decay, grad, *more)):
            parts[k][l] += value
        self.ww[r][l] += decay + grad

    def diverged(self):
        """Index of the first run whose ``||w||^2`` is no longer finite, or None."""
        for r, ww in enumerate(self.ww):
            if not math.isfinite(sum(ww)):
                return r
        return None

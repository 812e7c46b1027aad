"""Exercise checks: tell a learner whether an answer is right, and why.

Each notebook has a module ``helpers.exercises.exNN`` with one ``check_*`` function per
exercise. Every check computes the right answer itself (from ``helpers.derivations`` or the
engine), compares, and returns a :class:`Verdict` that prints as one readable paragraph.
A wrong answer gets a hint that says what the answer depends on, never the answer itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Verdict", "as_number", "check_number", "check_array", "check_choice"]


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: ``ok`` and a message for the learner."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return ("Correct. " if self.ok else "Not yet. ") + self.message

    def _repr_pretty_(self, p, cycle):  # IPython shows the message, not the dataclass
        p.text(str(self))

    def __repr__(self) -> str:
        return str(self)


def as_number(value) -> float | None:
    """The answer as a float, accepting strings such as "79,400" or "2.5e-7"; None if not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("_", "").replace(" ", "")
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def _normal(text) -> str:
    return " ".join(str(text).lower().replace("-", " ").replace("_", " ").split())


def check_number(answer, expected: float, *, rtol: float = 1e-3, atol: float = 0.0,
                 why: str, hint: str) -> Verdict:
    """Compare a numeric ``answer`` with ``expected``.

    ``why`` explains the right answer (shown when correct); ``hint`` nudges without giving
    the value away (shown when wrong).
    """
    if answer is None:
        return Verdict(False, "Replace `None` with your answer. " + hint)
    a = as_number(answer)
    if a is None:
        return Verdict(False, f"{answer!r} is not a finite number. {hint}")
    if math.isclose(a, expected, rel_tol=rtol, abs_tol=atol):
        return Verdict(True, why)
    if math.isclose(a, expected, rel_tol=20 * rtol, abs_tol=20 * atol):
        return Verdict(False, f"{a:.6g} is close: give more significant figures "
                              f"(relative tolerance {rtol:g}).")
    direction = "too large" if a > expected else "too small"
    return Verdict(False, f"{a:.6g} is {direction}. {hint}")


def check_array(answer, expected, *, rtol: float = 1e-6, atol: float = 1e-12, why: str,
                hint: str) -> Verdict:
    """Compare an array ``answer`` with ``expected`` (shape first, then values)."""
    if answer is None:
        return Verdict(False, "Replace `None` with your answer. " + hint)
    a, e = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        return Verdict(False, f"Your array has shape {a.shape}; expected {e.shape}. {hint}")
    if not np.all(np.isfinite(a)):
        return Verdict(False, f"Your array contains NaN or inf. {hint}")
    if np.allclose(a, e, rtol=rtol, atol=atol):
        return Verdict(True, why)
    worst = int(np.argmax(np.abs(a - e).ravel()))
    return Verdict(False, f"Entry {worst} (flat index) differs most: "
                          f"{a.ravel()[worst]:.6g} vs the right value. {hint}")


def check_choice(answer, expected, options, *, why: str, hint: str) -> Verdict:
    """Check a multiple-choice answer given as one of ``options``."""
    listed = ", ".join(map(repr, options))
    if answer is None:
        return Verdict(False, f"Replace `None` with one of {listed}.")
    chosen = [o for o in options if _normal(o) == _normal(answer)]
    if not chosen:
        return Verdict(False, f"{answer!r} is not one of the options; pick one of {listed}.")
    return Verdict(True, why) if chosen[0] == expected else Verdict(False, hint)

"""Exercise checks: tell a learner whether an answer is right, and why.

Each notebook has a module ``helpers.exercises.exNN`` with one ``check_*`` function per
exercise. Every check computes the right answer itself (from ``helpers.derivations`` or the
engine), compares, and returns a :class:`Verdict` that prints as one readable paragraph.
A wrong answer gets a hint that says what the answer depends on, never the answer itself.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "Case",
    "Mistake",
    "Verdict",
    "as_number",
    "check_array",
    "check_choice",
    "check_expression",
    "check_function",
    "check_number",
    "significant_figures",
]


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


def significant_figures(value) -> int | None:
    """How many significant figures ``value`` was given with: counted in the text of a string
    ("0.057" -> 2, "7.94e4" -> 3), in the shortest round-trip form of a float (0.057 -> 2,
    5.0 -> 2, a computed 0.30000000000000004 -> 17) and of a float32 at float32 precision
    (``np.float32(0.999375)`` -> 6); an int counts all its digits. None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "").replace(" ", "")
    elif isinstance(value, np.floating):
        text = np.format_float_scientific(value, unique=True)
    elif isinstance(value, (int, np.integer)):
        text = str(int(value))
    else:
        try:
            text = repr(float(value))
        except (TypeError, ValueError):
            return None
    mantissa = text.lower().split("e")[0].lstrip("+-")
    digits = mantissa.replace(".", "").lstrip("0")
    if not digits.isdigit():  # zero, or not a number at all
        return None if as_number(value) is None else 1
    return len(digits)


def _shown(answer) -> str:
    """The answer as the learner gave it (a string as typed, a float32 at its precision)."""
    if isinstance(answer, str):
        return answer.strip()
    if isinstance(answer, np.floating):
        return np.format_float_positional(answer, unique=True)
    if isinstance(answer, (int, np.integer)):
        return str(int(answer))
    return repr(float(answer))


def _half_unit(a: float, figures: int) -> float:
    """Half a unit in the last of ``figures`` significant figures of ``a``."""
    if a == 0:
        return 0.5 * 10.0 ** (-figures)
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(a))) - figures + 1)


def _rounds_to(a: float, figures: int, value: float) -> bool:
    """Is ``a`` what ``value`` gives rounded to ``figures`` significant figures (with room
    for the last bits of a computed float)?"""
    slack = max(_half_unit(a, figures) * (1 + 1e-9), 1e-12 * abs(value))
    return abs(a - value) <= slack


def check_number(answer, expected: float, *, rtol: float = 1e-3, atol: float = 0.0,
                 why: str, hint: str, figures: int | None = None,
                 mistakes: tuple = ()) -> Verdict:
    """Compare a numeric ``answer`` with ``expected``, at the precision the answer was given.

    Right: within ``rtol``/``atol`` of ``expected``, or ``expected`` rounded to the answer's own
    significant figures when it has at least ``figures`` of them (default: what ``rtol``
    resolves, ``ceil(-log10(2 rtol))``; 0.057 passes for 0.0566 when ``figures <= 2``). An
    answer that is a correct rounding but has fewer figures than the exercise needs is
    "right so far" and asked for more digits. Anything else is a method error, not rounding:
    a known mistake in ``mistakes`` — pairs ``(value, message)``, matched at the answer's
    precision — is named; a flipped sign is pointed out; otherwise "too large/too small" and
    the ``hint``. ``why`` explains the right answer (shown when correct).
    """
    if answer is None:
        return Verdict(False, "Replace `None` with your answer. " + hint)
    a = as_number(answer)
    if a is None:
        return Verdict(False, f"{answer!r} is not a finite number. {hint}")
    if figures is None:
        figures = max(1, math.ceil(-math.log10(2 * rtol))) if rtol > 0 else 17
    tol = rtol * abs(expected) + atol
    if abs(a - expected) <= tol:
        return Verdict(True, why)
    given = significant_figures(answer) or 17
    shown = _shown(answer)
    if rtol > 0 and _rounds_to(a, given, expected):
        if given >= figures:
            return Verdict(True, why)
        return Verdict(False, f"{shown} is right so far: it is the right value rounded "
                              f"to {given} significant figure{'s' * (given > 1)}. This exercise "
                              f"needs at least {figures}; give more digits.")
    for value, message in mistakes:
        if _rounds_to(a, given, float(value)) or math.isclose(a, float(value), rel_tol=rtol):
            return Verdict(False, f"{shown} is not a rounding of the right value: {message}")
    if expected != 0 and (abs(a + expected) <= tol or (rtol > 0 and _rounds_to(a, given,
                                                                            -expected))):
        return Verdict(False, f"{shown} has the right size but the wrong sign. {hint}")
    direction = "too large" if a > expected else "too small"
    near = ("close, but " if math.isclose(a, expected, rel_tol=20 * rtol, abs_tol=20 * atol)
            else "")
    return Verdict(False, f"{shown} is {near}{direction}, and not a rounding of the right "
                          f"value (a method error, not a matter of digits). {hint}")


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


def check_choice(answer, expected, options, *, why: str, hint: str,
                 aliases: dict | None = None) -> Verdict:
    """Check a multiple-choice answer given as one of ``options``.  ``aliases`` maps other
    accepted spellings to an option (an option in the course's notation, "ηλ ≪ n", can then be
    typed in ASCII, "eta*lmbda << n"); the feedback lists the options only."""
    listed = ", ".join(map(repr, options))
    if answer is None:
        return Verdict(False, f"Replace `None` with one of {listed}.")
    spellings = {_normal(o): o for o in options}
    for alias, option in (aliases or {}).items():
        if option not in options:
            raise ValueError(f"alias {alias!r} maps to {option!r}, which is not an option")
        spellings.setdefault(_normal(alias), option)
    chosen = spellings.get(_normal(answer))
    if chosen is None:
        return Verdict(False, f"{answer!r} is not one of the options; pick one of {listed}.")
    return Verdict(True, why) if chosen == expected else Verdict(False, hint)



# ---------------------------------------------------------------------------------------------
# exercises where the learner writes code or a symbolic step


@dataclass(frozen=True)
class Case:
    """One input a function check tries: a name the feedback can quote, and the arguments."""

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A known wrong variant: ``function`` (same signature as the right one) or ``expression``,
    and the ``message`` shown when the learner's answer behaves like it."""

    message: str
    function: object = None
    expression: object = None


def _call(fn, case: Case):
    return fn(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))


def _as_array(value):
    try:
        out = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return out


def check_function(fn, reference, cases, *, rtol: float = 1e-9, atol: float = 1e-12,
                   why: str, hint: str, mistakes: tuple = ()) -> Verdict:
    """Call the learner's function ``fn`` on every :class:`Case` and compare with ``reference``.

    The first case that fails is named in the feedback, with what went wrong: an exception, a
    result that is not numbers, the wrong shape, NaN/inf, or wrong values — and when the wrong
    values are those of a known :class:`Mistake`, its message. Arguments are deep-copied, so a
    function that modifies its inputs cannot spoil the comparison.
    """
    if fn is None:
        return Verdict(False, "Replace `None` with your function (its name, without calling "
                              "it). " + hint)
    if not callable(fn):
        return Verdict(False, f"{fn!r} is not a function: pass the function itself, e.g. "
                              f"`check(my_function)`, not its result. {hint}")
    for case in cases:
        expected = np.asarray(_call(reference, case), dtype=float)
        try:
            got = _call(fn, case)
        except Exception as exc:  # the learner's code: report, never raise
            return Verdict(False, f"On the case {case.name}, your function raised "
                                  f"{type(exc).__name__}: {exc}. {hint}")
        if got is None:
            return Verdict(False, f"On the case {case.name}, your function returned None: "
                                  f"complete it, and end it with `return ...`. {hint}")
        arr = _as_array(got)
        if arr is None:
            return Verdict(False, f"On the case {case.name}, your function returned "
                                  f"{type(got).__name__} {got!r:.60}, not numbers. {hint}")
        if arr.shape != expected.shape:
            return Verdict(False, f"On the case {case.name}, your function returned shape "
                                  f"{arr.shape}; the right result has shape {expected.shape}. "
                                  f"{hint}")
        if not np.all(np.isfinite(arr)):
            return Verdict(False, f"On the case {case.name}, your result contains NaN or inf. "
                                  f"{hint}")
        if np.allclose(arr, expected, rtol=rtol, atol=atol):
            continue
        for mistake in mistakes:
            wrong = _as_array(_call(mistake.function, case))
            if wrong is not None and wrong.shape == arr.shape and np.allclose(
                    arr, wrong, rtol=rtol, atol=atol):
                return Verdict(False, f"On the case {case.name}: {mistake.message}")
        rel = np.max(np.abs(arr - expected) / np.maximum(np.abs(expected), 1e-300))
        return Verdict(False, f"On the case {case.name}, your values differ from the right "
                              f"ones (largest relative difference {rel:.1e}). {hint}")
    names = "; ".join(c.name for c in cases)
    return Verdict(True, f"{why} (Checked on {len(cases)} cases: {names}.)")


def check_expression(answer, expected, *, symbols: dict, why: str, hint: str,
                     mistakes: tuple = ()) -> Verdict:
    """Check a SymPy expression (or a string SymPy can parse) by proving it equal to
    ``expected``: ``simplify(answer - expected) == 0``. ``symbols`` maps the names a learner
    may use to the SymPy symbols; other names are reported. Known :class:`Mistake` expressions
    are recognised the same way (proved equal) and named."""
    import sympy as sp

    if answer is None:
        return Verdict(False, "Replace `None` with a SymPy expression. " + hint)
    expr = answer
    if isinstance(answer, str):
        try:
            expr = sp.sympify(answer, locals=dict(symbols))
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            return Verdict(False, f"SymPy cannot read {answer!r}: {exc}. {hint}")
    if not isinstance(expr, sp.Basic):
        return Verdict(False, f"{answer!r} is not a SymPy expression; build it from the "
                              f"symbols {', '.join(symbols)}. {hint}")
    unknown = expr.free_symbols - set(symbols.values())
    if unknown:
        return Verdict(False, f"Your expression uses {', '.join(sorted(map(str, unknown)))}, "
                              f"which the identity does not have; use only "
                              f"{', '.join(symbols)}. {hint}")
    if sp.simplify(expr - expected) == 0:
        return Verdict(True, why)
    for mistake in mistakes:
        if sp.simplify(expr - mistake.expression) == 0:
            return Verdict(False, mistake.message)
    return Verdict(False, f"SymPy finds your expression minus the right one to be "
                          f"{sp.simplify(expr - expected)}, not 0. {hint}")

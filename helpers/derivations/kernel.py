r"""The proof kernel: the :class:`Claim` a proof returns, its :class:`Condition` s, the shared
checkers every claim asserts through, and :class:`ProofError`.

Checkers
--------
``prove_equal``        lhs - rhs simplifies to exactly 0
``prove_limit``        sp.limit of an expression equals the claimed value
``prove_series``       the truncated series of an expression equals the claimed polynomial
``prove_nonnegative``  an expression is >= 0 (or > 0) on a stated interval: by positivity from
                       the symbols' assumptions after mapping the interval onto [0, oo), or by
                       "value at the left end >= 0 and derivative >= 0" (checked the same way).
                       Sampling numbers is never used as a proof.
All raise :class:`ProofError` (an ``AssertionError``) whose message starts with the claim's name
and gives the residual.

Display
-------
A :class:`Claim` shows its statement *with its conditions* (and a short remark, if any) in the
notebook's rich display (``_repr_latex_``), in IPython's text display (``_repr_pretty_``) and in
``str``: the name, then the statement on its own line, then the conditions below it (in the rich
display one per line, :meth:`Claim.latex_rows`), then the remark.  :class:`Chain` (a <= b < c),
:class:`AllOf` (several statements, one under the other) and :class:`Shown` (a symbol with a
hand-written LaTeX name) keep a statement in the order it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp
from sympy.core.symbol import Str
from sympy.printing.pretty.pretty_symbology import pretty_symbol
from sympy.printing.pretty.stringpict import prettyForm
from sympy.printing.str import StrPrinter

__all__ = [
    "AllOf",
    "Chain",
    "Claim",
    "Condition",
    "ProofError",
    "Shown",
    "cond",
    "prove_equal",
    "prove_limit",
    "prove_nonnegative",
    "prove_series",
    "text",
]


# --------------------------------------------------------------------------------------------
# The claim object, its conditions, and display helpers
# --------------------------------------------------------------------------------------------
class ProofError(AssertionError):
    """A claimed statement did not survive the check; the message names it and the residual."""


@dataclass(frozen=True)
class Condition:
    """One assumption under which a claim holds, written twice: LaTeX for the notebook's rich
    display, plain text for the text display."""

    latex: str
    text: str


def cond(assumption, latex: str | None = None) -> Condition:
    """A :class:`Condition` from a SymPy relation (``sp.Gt(a, 0)``), from a chain of terms
    and operators (``(0, "<", a, "<", 1)`` for 0 < a < 1), or from words (a ``str``; its
    ``latex`` may be given, else it is shown as text)."""
    if isinstance(assumption, str):
        return Condition(latex if latex is not None else rf"\text{{{_tex_text(assumption)}}}",
                         assumption)
    if isinstance(assumption, tuple):
        ops = {"<": ("<", "<"), "<=": (r"\le", "≤"), ">": (">", ">"), ">=": (r"\ge", "≥"),
               "!=": (r"\ne", "≠"), "=": ("=", "=")}
        tex, txt = [], []
        for item in assumption:
            if isinstance(item, str) and item in ops:
                tex.append(ops[item][0])
                txt.append(ops[item][1])
            else:
                tex.append(sp.latex(sp.sympify(item)))
                txt.append(text(sp.sympify(item)))
        return Condition(latex or " ".join(tex), " ".join(txt))
    return Condition(latex or sp.latex(assumption), text(assumption))


class _TextPrinter(StrPrinter):
    """SymPy's one-line printer in the course's notation: a Symbol ``eta`` prints as η,
    ``lambda`` as λ, ``sigma_w`` as σ_w (SymPy's own unicode names), not as its code name;
    a product as η·λ, a power as x^2, a square root as √x, |v| for Abs, ≤ ≥ ≠ for the
    relations, a = b for Eq."""

    _RELATIONS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}

    def _print_Symbol(self, expr):
        return pretty_symbol(expr.name)

    _print_Dummy = _print_Symbol

    def _print_Mul(self, expr):
        return super()._print_Mul(expr).replace("**", "^").replace("*", "·")

    def _print_Pow(self, expr, rational=False):
        if not rational and expr.exp in (sp.S.Half, -sp.S.Half):  # √x, 1/√x, not sqrt(x)
            base = self._print(expr.base)
            root = f"√{base}" if expr.base.is_Atom else f"√({base})"
            return root if expr.exp is sp.S.Half else f"1/{root}"
        return super()._print_Pow(expr, rational).replace("**", "^")


    def _print_Function(self, expr):  # sigma(z) as σ(z), C_0(w, b) as C₀(w, b)
        if isinstance(expr.func, sp.core.function.UndefinedFunction):
            return (f"{pretty_symbol(expr.func.__name__)}("
                    f"{', '.join(self._print(arg) for arg in expr.args)})")
        return super()._print_Function(expr)

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Relational(self, expr):
        op = self._RELATIONS.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    _print_Equality = _print_Relational
    _print_Unequality = _print_Relational

    def _print_Derivative(self, expr):
        wrt = "".join(f"d{self._print(v)}" for v in expr.variables)
        return f"d/{wrt} {self._print(expr.expr)}"

    def _print_Sum(self, expr):
        limits = ", ".join(f"{self._print(i)} = {self._print(lo)}..{self._print(hi)}"
                           for i, lo, hi in expr.limits)
        return f"Σ_({limits}) {self.parenthesize(expr.function, 50)}"


def text(expr, order: str | None = None) -> str:
    """``expr`` on one line in the course's notation (η, λ, ε, σ_w, ...): the plain-text form
    of a condition or of a whole claim.  ``order="none"`` keeps the terms in the order built."""
    settings = {} if order is None else {"order": order}
    return _TextPrinter(settings).doprint(sp.sympify(expr))


#: relations written as Unicode in a remark, and their math-mode commands: inside \\text{}
#: KaTeX (Colab, many viewers) cannot draw ≠ and MathJax only by font fallback
_TEX_RELATIONS = {"≠": r"\ne", "≤": r"\le", "≥": r"\ge"}


def _tex_text(words: str) -> str:
    """A remark for the inside of LaTeX's ``\\text{}``: the characters \\text{} does not take
    literally escaped, and what only math mode draws taken out of the text: a superscript
    ``z^L`` (an error in KaTeX's text mode) as ``z`` then ``^{L}`` in math, and ≠, ≤, ≥ as
    math relations (``}\\ne\\text{``). The caller wraps the result in ``\\text{...}``."""
    for ch in "_%&#$":
        words = words.replace(ch, "\\" + ch)
    words = re.sub(r"\^(\w+|\{[^{}]*\})",
                   lambda m: "}^{" + m.group(1).strip("{}") + r"}\text{", words)
    for ch, command in _TEX_RELATIONS.items():
        words = words.replace(ch, rf"}}{command}\text{{")
    return words


def _in(var, domain: sp.Interval) -> Condition:
    """The condition ``var`` in ``domain`` as a chain, e.g. 0 < a < 1 or a > 2."""
    lo_op = "<" if domain.left_open else "<="
    hi_op = "<" if domain.right_open else "<="
    if domain.end is sp.S.Infinity:
        return cond((var, ">" if domain.left_open else ">=", domain.start))
    if domain.start is sp.S.NegativeInfinity:
        return cond((var, hi_op, domain.end))
    return cond((domain.start, lo_op, var, hi_op, domain.end))


def _conditions(items) -> tuple[Condition, ...]:
    return tuple(c if isinstance(c, Condition) else cond(c) for c in items)


@dataclass(frozen=True)
class Claim:
    """A proved statement: its name, the SymPy statement, the conditions under which it was
    proved (shown below the statement in every display), an optional remark, and an optional
    ``value`` the proof computed (e.g. the exact alpha* of :func:`ridge_coefficient_grows`)."""

    name: str
    statement: sp.Basic
    conditions: tuple[Condition, ...] = ()
    note: str = ""
    value: object = None
    #: the printers' term order: None (SymPy's), or "none" (as built, for a statement whose
    #: terms are written in the order the course writes them)
    order: str | None = None

    def __post_init__(self):
        if not all(isinstance(c, Condition) for c in self.conditions):
            raise TypeError(f"{self.name}: conditions must be Condition objects (see cond); "
                            f"got {self.conditions!r}")

    def latex_rows(self) -> tuple[str, ...]:
        """The rich display, row by row, top to bottom: the claim's name; its statement; its
        conditions, one per row (the first after "for"); its remark.  Each row is one line on
        the page, so a long statement no longer drags its conditions off the right edge."""
        label = self.name.replace("_", r"\_")
        statement = sp.latex(_course_form(self.statement), order=self.order)
        rows = [rf"\mathrm{{{label}}}:", rf"\quad \displaystyle {statement}"]
        for i, c in enumerate(self.conditions):
            lead = r"\text{for }" if i == 0 else r"\phantom{\text{for }}"
            rows.append(rf"\quad {lead}{c.latex}")
        if self.note:
            rows.append(rf"\quad \text{{({_tex_text(self.note)})}}")
        return tuple(rows)

    def _repr_latex_(self) -> str:
        return (r"$\begin{array}{l} " + f" {ROW_BREAK} ".join(self.latex_rows())
                + r" \end{array}$")

    def _text_lines(self, statement: str) -> str:
        lines = [f"{self.name}:", statement]
        if self.conditions:
            lines.append("for " + "; ".join(c.text for c in self.conditions))
        if self.note:
            lines.append(f"({self.note})")
        return "\n".join(lines)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's plain-text display
        # never wrapped: SymPy would cut a wide statement at 80 columns and mark it with ↪
        p.text(self._text_lines(sp.pretty(_course_form(self.statement), use_unicode=True,
                                          wrap_line=False, order=self.order)))

    def __str__(self) -> str:
        return self._text_lines(text(_course_form(self.statement), self.order))


def _course_form(expr):
    """``expr`` as the course writes it, for the displays only (the statement itself stays the
    SymPy expression that was proved): every indexed symbol x[i] as x_i, and max(u, 0) written
    so, positive terms first (SymPy's text printers show Max(0, -a + Abs(v))), after the
    other factors of a product."""
    forms = {e: Shown(pretty_symbol(f"{e.base}_{''.join(map(str, e.indices))}"), sp.latex(e))
             for e in expr.atoms(sp.Indexed)}
    for e in expr.atoms(sp.Max):
        if len(e.args) == 2 and 0 in e.args:
            arg = next(x for x in e.args if x != 0)
            if isinstance(arg, sp.Add):
                arg = sp.Add(*sorted(arg.args, key=lambda t: t.could_extract_minus_sign()),
                             evaluate=False)
            forms[e] = Shown(f"max({text(arg, 'none')}, 0)",
                             rf"\max\left({sp.latex(arg, order='none')}, 0\right)")
    for e in expr.atoms(sp.Mul):
        if any(isinstance(f, sp.Max) and f in forms for f in e.args):
            forms[e] = sp.Mul(*[forms.get(f, f) for f in e.args if f not in forms],
                              *[forms[f] for f in e.args if f in forms], evaluate=False)
    return expr.xreplace(forms)


#: what separates the rows of a claim's rich display (:meth:`Claim.latex_rows`)
ROW_BREAK = r"\\[2pt]"

_OPS = {"<": ("<", "<", "<"), "<=": (r"\le", "<=", "≤"), ">": (">", ">", ">"),
        ">=": (r"\ge", ">=", "≥"), "=": ("=", "=", "="), "!=": (r"\ne", "!=", "≠")}


class Shown(sp.Symbol):
    """A symbol for display in the course's notation: ``text`` verbatim in both plain-text
    displays (``E[w²]``, ``σ′(z)``, ``‖w‖²``), ``latex`` in the rich display.  A plain Symbol
    would not do: SymPy's printers read ``^`` and ``_`` in a name as super- and subscripts
    (``w^*`` prints as ``w__*``, ``E[w^2]`` as ``E[w^{2]}``) and print a LaTeX name raw in
    plain text."""

    def __new__(cls, text: str, latex: str | None = None, **assumptions):
        obj = super().__new__(cls, text, **assumptions)
        obj._tex = text if latex is None else latex
        return obj

    def _latex(self, printer):
        return self._tex

    def _sympystr(self, printer):
        return self.name

    def _pretty(self, printer):
        return prettyForm(self.name)


class Chain(sp.Basic):
    """A displayed chain of relations, ``Chain(a, "<=", b, "<", c)`` for a <= b < c, printed in
    the order written (``sp.And`` would sort its parts).  Only for display: the proofs assert
    each link separately."""

    def __new__(cls, *items):
        if len(items) == 2 and all(isinstance(it, sp.Tuple) for it in items):  # a rebuild
            return super().__new__(cls, *items)
        terms = [sp.sympify(it) for it in items[::2]]
        ops = list(items[1::2])
        if len(terms) != len(ops) + 1 or any(op not in _OPS for op in ops):
            raise ValueError(f"Chain needs term, op, term, ...; got {items!r}")
        return super().__new__(cls, sp.Tuple(*terms), sp.Tuple(*map(Str, ops)))

    def _join(self, printer, kind: int) -> str:
        terms, ops = self.args
        out = [printer._print(terms[0])]
        for op, term in zip(ops, terms[1:], strict=True):
            out += [_OPS[op.name][kind], printer._print(term)]
        return " ".join(out)

    def _latex(self, printer):
        return self._join(printer, 0)

    def _sympystr(self, printer):
        return self._join(printer, 2)

    def _pretty(self, printer):
        terms, ops = self.args
        out = printer._print(terms[0])
        for op, term in zip(ops, terms[1:], strict=True):
            out = prettyForm(*out.right(f" {_OPS[op.name][2]} ", printer._print(term)))
        return out


class AllOf(sp.Basic):
    """Several displayed statements, in the order given (``sp.And`` would sort them)."""

    def __new__(cls, *parts):
        return super().__new__(cls, *map(sp.sympify, parts))

    def _latex(self, printer):  # one statement under the other, flush left
        return (r"\begin{aligned} " + r" \\ ".join("&" + printer._print(p) for p in self.args)
                + r" \end{aligned}")

    def _sympystr(self, printer):
        return "; ".join(printer._print(p) for p in self.args)

    def _pretty(self, printer):  # one statement under the other, flush left
        forms = [printer._print(p) for p in self.args]
        width = max(f.width() for f in forms)
        return prettyForm("\n".join(line.ljust(width) for f in forms for line in f.picture))


# --------------------------------------------------------------------------------------------
# The shared checkers
# --------------------------------------------------------------------------------------------
def _zero(expr: sp.Expr) -> bool:
    """True if ``expr`` is provably 0 (simplify, then a rewrite to exp, then expand)."""
    expr = sp.sympify(expr)
    if expr == 0:
        return True
    for transform in (
        sp.simplify,
        lambda e: sp.simplify(e.rewrite(sp.exp)),
        lambda e: sp.simplify(sp.expand(e.rewrite(sp.exp), force=True)),
    ):
        if transform(expr) == 0:
            return True
    return False


def prove_equal(lhs, rhs, name: str) -> sp.Eq:
    """Assert ``simplify(lhs - rhs) == 0``; return ``Eq(lhs, rhs)`` unevaluated."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        residual = sp.Matrix(lhs - rhs).applyfunc(sp.simplify)
        ok = all(_zero(e) for e in residual)
    else:
        residual = lhs - rhs
        ok = _zero(residual)
    if not ok:
        raise ProofError(f"{name}: lhs - rhs does not simplify to 0; residual = {residual}")
    return sp.Eq(lhs, rhs, evaluate=False)


def prove_limit(expr, var, point, expected, name: str, direction: str = "+") -> sp.Eq:
    """Assert ``limit(expr, var -> point) == expected``; return ``Eq(Limit(...), expected)``."""
    got = sp.limit(expr, var, point, dir=direction)
    expected = sp.sympify(expected)
    same = got == expected if (got.is_infinite or expected.is_infinite) else _zero(got - expected)
    if not same:
        raise ProofError(f"{name}: the limit is {got}, not {expected}")
    return sp.Eq(sp.Limit(expr, var, point, dir=direction), expected, evaluate=False)


def prove_series(expr, var, point, order: int, expected, name: str) -> sp.Eq:
    """Assert the series of ``expr`` in ``var`` about ``point``, up to (excluding)
    ``(var - point)**order``, equals ``expected``; return ``Eq(expr, expected + O(...))``."""
    got = sp.series(expr, var, point, order).removeO()
    if not _zero(sp.expand(got - expected)):
        raise ProofError(f"{name}: the series is {got}, not {expected}")
    return sp.Eq(expr, expected + sp.Order((var - point) ** order, (var, point)), evaluate=False)


def _sign_known(expr: sp.Expr, strict: bool) -> bool:
    """Positivity from the symbols' assumptions, tried on a few normal forms of ``expr``."""
    expr = sp.sympify(expr)
    attr = "is_positive" if strict else "is_nonnegative"
    forms = (  # cheap forms first: one that shows the sign spares the rest (expand of a
        lambda e: e,  # rational function can take longer than factoring it)
        sp.together,
        lambda e: sp.factor(sp.together(e)),
        sp.expand,
        sp.simplify,
        lambda e: sp.factor(sp.simplify(e)),
    )
    for form in forms:
        try:
            if getattr(form(expr), attr) is True:
                return True
        except (TypeError, ValueError, NotImplementedError):  # pragma: no cover - sympy quirks
            continue
    return False


def _onto_half_line(expr, var, domain: sp.Interval):
    """Rewrite ``expr`` so that ``var`` ranging over ``domain`` becomes a fresh r >= 0 (or r > 0
    for an open left end): [lo, oo) -> lo + r, [lo, hi) -> lo + (hi - lo) r/(1 + r),
    (-oo, hi] -> hi - r.  Returns (new expression, r, the map var = phi(r))."""
    lo, hi = domain.start, domain.end
    if lo is sp.S.NegativeInfinity and hi is sp.S.Infinity:
        raise ValueError("prove_nonnegative needs a half-bounded or bounded interval")
    open_end = domain.right_open if lo is sp.S.NegativeInfinity else domain.left_open
    r = sp.Dummy("r", positive=True) if open_end else sp.Dummy("r", nonnegative=True)
    if lo is sp.S.NegativeInfinity:
        phi = hi - r
    elif hi is sp.S.Infinity:
        phi = lo + r
    else:
        phi = lo + (hi - lo) * r / (1 + r)
    return expr.subs(var, phi), r, phi


def prove_nonnegative(expr, name: str, var=None, domain: sp.Interval | None = None,
                      strict: bool = False, _depth: int = 2) -> sp.Rel:
    """Assert ``expr >= 0`` (``> 0`` if ``strict``) for ``var`` in ``domain``.

    Strategies, in order; none samples numbers:

    1. positivity from the symbols' assumptions, after mapping ``domain`` onto a half line
       (so e.g. 0 <= y < 1 becomes y = r/(1+r) with r >= 0), on several normal forms;
    2. monotonicity: the value at the left end of ``domain`` is >= 0 (> 0 if strict) and the
       derivative in ``var`` is >= 0 on the domain (proved recursively by 1. and 2.);
       if the left end is open, the one-sided limit is used.
    """
    expr = sp.sympify(expr)
    rel = sp.StrictGreaterThan(expr, 0) if strict else sp.GreaterThan(expr, 0)
    if var is None:
        if _sign_known(expr, strict):
            return rel
        raise ProofError(f"{name}: cannot show {expr} {'>' if strict else '>='} 0 "
                         "from the assumptions")
    mapped, _, _ = _onto_half_line(expr, var, domain)
    if _sign_known(mapped, strict):
        return rel
    if _depth > 0 and domain.start is not sp.S.NegativeInfinity:
        lo = domain.start
        at_lo = sp.limit(expr, var, lo, dir="+") if domain.left_open else expr.subs(var, lo)
        start_ok = _sign_known(at_lo, strict) or (not strict and _zero(at_lo))
        if start_ok:
            try:
                prove_nonnegative(sp.diff(expr, var), name, var, domain, False, _depth - 1)
                return rel
            except ProofError:
                pass
    raise ProofError(f"{name}: cannot show {expr} {'>' if strict else '>='} 0 "
                     f"for {var} in {domain}")


def _pick(override, default):
    return default if override is None else sp.sympify(override)

"""Prose cannot drift from outputs: every number a markdown cell quotes is shown by an output.

Each number in a lesson's markdown is a claim about what that notebook measures, so it must be
printed by one of the notebook's own outputs, at the rounding the text quotes ("0.11" is
covered by a printed 0.112, "61%" by 61.3% or by 0.613; "0.112" is not covered by 0.11).
Numbers that are not measured here (parameters, citations of the book's logs, papers or the
seed questions, exact constants) are declared in the same cell, visibly in its source::

    <!-- given: 0.5 5 30 2017 -->

listing each such number as the cell writes it. Needing no declaration: integers 0-12 (counts,
exponents, the parts of the exercise), the two-digit notebook numbers "00"-"09", and
``COURSE_GIVEN`` (the architecture and the data sizes, the same in every notebook). Code spans,
code blocks, links' targets and the generated badge and navigation cells are not prose.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import notebooks as nbtools  # noqa: E402

#: Numbers that are the course's fixed settings everywhere: the book's architecture and its
#: weight counts (N_w = 23,820, 23,520 of them hidden), MNIST's pixels and the two data
#: scales' split sizes.
COURSE_GIVEN = {"784", "30", "100", "23,820", "23,520", "4,000", "500", "5,000", "50,000",
                "10,000", "400"}

GIVEN = re.compile(r"<!--\s*given:(.*?)-->", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
NOT_PROSE = [re.compile(p, re.S) for p in (
    r"```.*?```",            # code blocks
    r"`[^`\n]*`",            # code spans
    r"\]\([^)]*\)",          # link targets
    r"https?://\S+",         # bare addresses
    r"\\[a-zA-Z]+",          # LaTeX commands (\frac, \sqrt, ...)
    r"[\^_]\{[^}]*\}|[\^_][-−]?\w",  # LaTeX sub- and superscripts
)]
NUMBER = re.compile(
    r"(?<![\w.,])(?P<sign>[-−+±])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<exp>[eE][-−+]?\d+)?(?P<pct>\s?%)?(?![\w])")
#: In outputs a number may stick to a label ("x2.64", "w=0.5", "1.2e-05s").
OUT_NUMBER = re.compile(NUMBER.pattern.replace(r"(?<![\w.,])", r"(?<![\d.,])")
                        .replace(r"(?![\w])", r"(?!\d)"))


def normal(token: str) -> str:
    return token.replace("−", "-").replace(" ", "").lstrip("+-±")


class Quoted:
    """A number as a text writes it: its value and the precision it claims."""

    def __init__(self, match: re.Match):
        self.text = normal(match.group(0))
        mantissa = float(match["int"].replace(",", "") + (match["frac"] or ""))
        self.decimals = len(match["frac"]) - 1 if match["frac"] else 0
        self.exp = int(match["exp"][1:].replace("−", "-")) if match["exp"] else 0
        self.value = mantissa * 10.0 ** self.exp
        self.percent = bool(match["pct"])
        self.is_small_int = (not match["frac"] and not match["exp"] and not match["pct"]
                             and mantissa <= 12)

    def shown_by(self, shown: float) -> bool:
        """Does a printed value ``shown`` round to this quoted number?"""
        candidates = [abs(shown)] + ([abs(shown) * 100] if self.percent else [])
        for x in candidates:
            scaled = x / 10.0 ** self.exp
            target = self.value / 10.0 ** self.exp
            if math.isclose(round(scaled, self.decimals), target, rel_tol=1e-9, abs_tol=1e-12):
                return True
        return False


def prose_numbers(cell_source: str) -> tuple[list[Quoted], set[str]]:
    given = {normal(t) for g in GIVEN.findall(cell_source) for t in re.split(r"[\s;]+", g) if t}
    text = COMMENT.sub(" ", cell_source)
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return [Quoted(m) for m in NUMBER.finditer(text)], given


def shown_numbers(nb: nbformat.NotebookNode) -> list[float]:
    values = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts = [out.get("text", "")]
            data = out.get("data", {})
            texts += [str(data.get(k, "")) for k in ("text/plain", "text/markdown", "text/latex")
                      if "image/png" not in data or k != "text/plain"]
            for text in texts:
                for m in OUT_NUMBER.finditer(text.replace("−", "-")):
                    q = Quoted(m)
                    values.append(q.value / 100 if q.percent else q.value)
                    if q.percent:
                        values.append(q.value)
    return values


def unsupported(nb: nbformat.NotebookNode) -> list[str]:
    """The quoted numbers of a notebook's lesson cells that no output shows."""
    shown = shown_numbers(nb)
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or i in (1, len(nb.cells) - 1):
            continue  # the generated badge / navigation cells
        quoted, given = prose_numbers(cell.source)
        for q in quoted:
            if q.is_small_int or q.text in given or q.text in COURSE_GIVEN:
                continue
            if re.fullmatch(r"0\d", q.text):
                continue  # a notebook's number
            if not any(q.shown_by(v) for v in shown):
                line = next((ln for ln in cell.source.splitlines() if q.text in normal(ln)), "")
                problems.append(f"cell {i}: {q.text!r} in: {line.strip()[:110]}")
    return problems


@pytest.mark.parametrize("stem", nbtools.stems())
def test_every_number_in_the_prose_is_shown_by_an_output_or_declared(stem):
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    if not path.exists():
        pytest.fail(f"{path.name} is not built")
    problems = unsupported(nbformat.read(path, as_version=4))
    assert not problems, (
        f"{stem}: numbers in the text that no output of the notebook shows (measure and print "
        "them, fix the text, or declare a parameter / citation / constant with "
        "<!-- given: ... --> in that cell):\n  " + "\n  ".join(problems))


def _notebook(markdown: str, printed: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print(...)")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    nb.cells = [nbformat.v4.new_markdown_cell("# title"), nbformat.v4.new_markdown_cell("nav"),
                code, nbformat.v4.new_markdown_cell(markdown), nbformat.v4.new_markdown_cell("x")]
    return nb


@pytest.mark.parametrize("markdown, printed, ok", [
    ("the tail-off RMS is 0.11", "rms 0.112\n", True),
    ("the tail-off RMS is 0.112", "rms 0.11\n", False),       # more digits than shown
    ("the tail-off RMS is 0.113", "rms 0.112\n", False),      # another number
    ("two thirds saturated (66%)", "saturated: 0.61\n", False),
    ("61% saturated", "saturated: 0.613\n", True),
    ("61% saturated", "saturated: 61.3%\n", True),
    ("a ratio of 3.14×", "ratio 3.1416\n", True),
    ("grows 2.6-fold", "output 786.5 (x2.64)\n", True),
    ("Σw² falls to 1,911", "sum 1911.2\n", True),
    ("decay −120 against +76", "decay -120.4, gradient 76.0\n", True),
    ("a step of 2.5e-7", "step 2.5e-07\n", True),
    ("a step of 2.6e-7", "step 2.5e-07\n", False),
    ("with η = 0.5 <!-- given: 0.5 -->", "nothing\n", True),
    ("with η = 0.5", "nothing\n", False),
    ("`x = 0.37` in code and [a link](03_x.ipynb#part-17)", "nothing\n", True),
    ("$\\frac{\\lambda}{2n} w^{2}$ and 7 epochs", "nothing\n", True),
])
def test_the_prose_check_can_fail(markdown, printed, ok):
    assert (not unsupported(_notebook(markdown, printed))) is ok

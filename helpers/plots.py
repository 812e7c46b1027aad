"""The course's matplotlib style: fixed sizes and dpi, so stored figures are reproducible."""

from __future__ import annotations

import matplotlib as mpl

STYLE = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "font.size": 10,
    "svg.hashsalt": "weight-decay-derived",
}


def use_course_style() -> None:
    """Apply the course style (fixed sizes and dpi, so stored figures are reproducible)."""
    mpl.rcParams.update(STYLE)

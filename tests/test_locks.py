"""The first command works on the Pythons learners have (README: Python 3.10 and newer).

``tasks.py setup`` installs from the lock of the running Python (``tasks.lock_for``); each lock
must resolve, binary wheels only, for every Python of its range — checked with pip's own
resolver for that Python, which needs the package index: without it the check is skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import lock as locktool  # noqa: E402

import tasks  # noqa: E402

OFFLINE = ("Could not fetch URL", "NewConnectionError", "Network is unreachable",
           "Temporary failure in name resolution", "ConnectTimeoutError")


@pytest.mark.parametrize("version, name", [
    ((3, 10, 0), "requirements-lock-py3.10.txt"),
    ((3, 10, 12), "requirements-lock-py3.10.txt"),
    ((3, 11, 2), "requirements-lock-py3.11.0.txt"),
    ((3, 11, 4), "requirements-lock-py3.11.0.txt"),
    ((3, 11, 5), "requirements-lock.txt"),
    ((3, 13, 1), "requirements-lock.txt"),
])
def test_each_python_gets_the_lock_of_its_range(version, name):
    assert tasks.lock_for(version).name == name


def test_an_older_python_is_refused_with_the_reason():
    with pytest.raises(SystemExit, match="needs Python >= 3.10"):
        tasks.lock_for((3, 9, 18))


def test_every_lock_pins_the_same_packages_the_course_needs():
    names = [{ln.split("==")[0] for ln in path.read_text().splitlines()
              if ln and not ln.startswith("#")} for *_, path, _ in tasks.LOCKS]
    for wanted in ("numpy", "sympy", "matplotlib", "ipywidgets", "mlxtend", "jupyterlab",
                   "pytest", "nbval"):
        assert all(wanted in n for n in names), wanted


CASES = [(path, python) for path, pythons in locktool.CHECKED.items() for python in pythons]


@pytest.mark.parametrize("path, python", CASES, ids=[f"{p.name}-{v}" for p, v in CASES])
def test_the_lock_resolves_for_each_python_of_its_range(path, python):
    done = locktool.dry_run(python, ["-r", str(path)])
    output = done.stderr + done.stdout
    if done.returncode != 0 and any(sign in output for sign in OFFLINE):
        pytest.skip("no package index reachable: the locks cannot be resolved here")
    assert done.returncode == 0, f"{path.name} does not install on Python {python}:\n" + "\n".join(
        ln for ln in output.splitlines() if "ERROR" in ln)[:2000]

"""The first command works on the Pythons learners have (README: Python 3.10 and newer).

``tasks.py setup`` installs with ``requirements-lock.txt`` as constraints: one lock for every
Python, written by ``uv pip compile --universal`` (``python3 tasks.py lock``), with environment
markers where a Python needs other versions. For each Python the README names (3.10, Debian
12's 3.11.2, 3.12, 3.13) uv resolves the course's requirements under the lock, binary wheels
only, for Linux, and every package it would install must be pinned by the lock to exactly that
version. uv needs the package index: without it the check is skipped, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tasks  # noqa: E402

#: The Pythons the README names; 3.11.2 is Debian 12's, below soupsieve 4.1's 3.11.5.
PYTHONS = ("3.10.0", "3.11.2", "3.12.0", "3.13.0")
OFFLINE = ("Failed to fetch", "dns error", "Could not connect", "error sending request",
           "Network is unreachable", "Temporary failure in name resolution", "timed out")


def marker_env(python: str) -> dict[str, str]:
    return {"python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "platform_machine": "x86_64"}


def pins(text: str, python: str) -> dict[str, str]:
    """``{name: version}`` of a requirements file's ``name==version ; marker`` lines that
    apply to ``python`` on Linux."""
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(marker_env(python)):
            (spec,) = req.specifier
            assert spec.operator == "==", line
            out[canonicalize_name(req.name)] = spec.version
    return out


def lock_problems(resolved: dict[str, str], locked: dict[str, str]) -> list[str]:
    """What uv would install that the lock does not pin to that very version."""
    return [f"{name}=={version} (lock: {locked.get(name, 'not pinned')})"
            for name, version in sorted(resolved.items()) if locked.get(name) != version]


def test_an_older_python_is_refused_with_the_reason():
    with pytest.raises(SystemExit, match="needs Python >= 3.10"):
        tasks.check_python((3, 9, 18))
    tasks.check_python((3, 10, 0))


def test_one_lock_and_no_other():
    assert sorted(p.name for p in ROOT.glob("requirements*.txt")) == ["requirements-lock.txt"]
    assert not (ROOT / "tools/lock.py").exists()


@pytest.mark.parametrize("python", PYTHONS)
def test_the_lock_pins_what_the_course_needs(python):
    locked = pins(tasks.LOCK.read_text(), python)
    for wanted in ("numpy", "sympy", "matplotlib", "ipywidgets", "mlxtend", "tqdm", "jupyterlab",
                   "pytest", "pytest-xdist", "nbval", "uv"):
        assert wanted in locked, wanted


def test_the_lock_check_can_fail():
    locked = {"numpy": "2.4.6", "sympy": "1.14.0"}
    assert lock_problems({"numpy": "2.4.6", "sympy": "1.14.0"}, locked) == []
    assert lock_problems({"numpy": "2.2.6", "sympy": "1.14.0"}, locked) == [
        "numpy==2.2.6 (lock: 2.4.6)"]
    assert lock_problems({"numpy": "2.4.6", "tomli": "2.2.1"}, locked) == [
        "tomli==2.2.1 (lock: not pinned)"]
    text = ("numpy==2.2.6 ; python_full_version < '3.11'\n"
            "numpy==2.4.6 ; python_full_version >= '3.11'\n")
    assert pins(text, "3.10.0") == {"numpy": "2.2.6"}
    assert pins(text, "3.11.2") == {"numpy": "2.4.6"}


@pytest.mark.parametrize("python", PYTHONS)
def test_the_lock_resolves_for_each_python(python, tmp_path):
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.fail("uv is missing: it comes with the dev extra (python3 tasks.py setup)")
    out = tmp_path / "resolved.txt"
    done = subprocess.run(
        [uv, "pip", "compile", "pyproject.toml", "--extra", "lab", "--extra", "dev",
         "-c", str(tasks.LOCK), "--python-version", python,
         "--python-platform", "x86_64-manylinux_2_28", "--only-binary", ":all:",
         "--no-header", "--no-annotate", "--quiet", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and any(sign in done.stderr for sign in OFFLINE):
        pytest.skip("no package index reachable: the lock cannot be resolved here")
    assert done.returncode == 0, f"the lock does not resolve on Python {python}:\n{done.stderr}"
    problems = lock_problems(pins(out.read_text(), python), pins(tasks.LOCK.read_text(), python))
    assert not problems, (f"on Python {python} the course would install versions the lock does "
                          "not pin (python3 tasks.py lock):\n  " + "\n  ".join(problems))

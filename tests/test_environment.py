"""environment.yml, pyproject.toml and requirements-lock.txt must agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: its lock brings tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def environment_python() -> str:
    """The Python version environment.yml installs (``python=3.11`` -> ``"3.11"``)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    for dep in env["dependencies"]:
        if isinstance(dep, str) and dep.replace(" ", "").startswith("python="):
            return dep.split("=", 1)[1].strip()
    raise AssertionError("environment.yml pins no python")


def pyproject_requirements() -> dict[str, Requirement]:
    """Every requirement of pyproject.toml (dependencies and all extras: lab, dev, ...) that
    applies to environment.yml's Python (a marker like python_version < '3.11' may exclude)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [*meta["dependencies"]]
    for group in meta.get("optional-dependencies", {}).values():
        reqs += group
    python = {"python_version": environment_python(), "extra": ""}
    return {canonicalize_name(r.name): r for r in map(Requirement, reqs)
            if r.marker is None or r.marker.evaluate(python)}


def environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        specs = dep["pip"] if isinstance(dep, dict) else [dep]
        for spec in specs:
            if spec.startswith("-e"):
                continue
            m = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(==|=)\s*([0-9][^\s]*)", spec)
            if m:
                pins[canonicalize_name(m[1])] = m[3]
    return pins


def lock_pins(python: str | None = None) -> dict[str, str]:
    """The lock's pins for ``python`` (environment.yml's by default) on Linux: the lock is one
    file for every Python, with environment markers where a Python needs other versions."""
    python = python or environment_python()
    env = {"python_version": ".".join(python.split(".")[:2]),
           "python_full_version": python if python.count(".") == 2 else f"{python}.0",
           "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
           "implementation_name": "cpython", "platform_python_implementation": "CPython",
           "platform_machine": "x86_64"}
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate(env):
                (spec,) = req.specifier
                pins[canonicalize_name(req.name)] = spec.version
    return pins


def disagreements(reqs: dict[str, Requirement], pins: dict[str, str],
                  lock: dict[str, str]) -> list[str]:
    """Every way the three files disagree: a requirement of pyproject.toml that environment.yml
    does not pin, a pin pyproject does not ask for, a pin outside pyproject's range, a pin that
    differs from the lock."""
    problems = [f"pinned nowhere in environment.yml: {name}"
                for name in sorted(set(reqs) - set(pins))]
    for name, version in sorted(pins.items()):
        if name in ("python", "pip"):
            continue
        if name not in reqs:
            problems.append(f"environment.yml pins {name}, which pyproject.toml does not ask for")
        elif not reqs[name].specifier.contains(Version(version), prereleases=True):
            problems.append(f"{name}={version} is outside pyproject's range {reqs[name].specifier}")
        if lock.get(name) != version:
            problems.append(f"{name}: environment.yml {version}, lock {lock.get(name)}")
    return problems


def test_pyproject_environment_and_lock_agree():
    assert disagreements(pyproject_requirements(), environment_pins(), lock_pins()) == []


def test_colab_versions_are_admitted():
    """Installing on Colab must not replace its preinstalled packages (COURSE.md, Aug 2026)."""
    colab = {"numpy": "2.1.0", "ipywidgets": "7.7.1", "matplotlib": "3.10.0", "sympy": "1.14.0",
             "mlxtend": "0.23.4"}
    reqs = pyproject_requirements()
    for name, version in colab.items():
        assert reqs[name].specifier.contains(Version(version)), f"Colab's {name} {version}"


PLANTED = {  # a fault planted in a copy of the real files -> what the check must report
    "pin outside the range": (lambda r, p, lk: p.update(numpy="1.0.0"),
                              "numpy=1.0.0 is outside"),
    "pin missing": (lambda r, p, lk: p.pop("sympy"), "pinned nowhere in environment.yml: sympy"),
    "pin not asked for": (lambda r, p, lk: p.update(leftpad="1.0"),
                          "environment.yml pins leftpad"),
    "lock differs": (lambda r, p, lk: lk.update(ipywidgets="0.0.1"),
                     "ipywidgets: environment.yml"),
    "requirement dropped from pyproject": (lambda r, p, lk: r.pop("matplotlib"),
                                           "environment.yml pins matplotlib"),
}


@pytest.mark.parametrize("fault", list(PLANTED))
def test_the_agreement_check_can_fail(fault):
    """The project's own check (not packaging's) reports each kind of disagreement."""
    reqs, pins, lock = pyproject_requirements(), environment_pins(), lock_pins()
    plant, message = PLANTED[fault]
    plant(reqs, pins, lock)
    problems = disagreements(reqs, pins, lock)
    assert any(message in p for p in problems), problems

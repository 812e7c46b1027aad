"""environment.yml, pyproject.toml and requirements-lock.txt must agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def pyproject_requirements() -> dict[str, Requirement]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [*meta["dependencies"], *meta["optional-dependencies"]["dev"]]
    return {canonicalize_name(r.name): r for r in map(Requirement, reqs)}


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


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_every_pyproject_requirement_is_pinned_in_environment_yml():
    missing = set(pyproject_requirements()) - set(environment_pins())
    assert not missing, f"pinned nowhere in environment.yml: {sorted(missing)}"


def test_every_environment_pin_satisfies_pyproject():
    reqs = pyproject_requirements()
    pins = environment_pins()
    extra = set(pins) - set(reqs) - {"python", "pip"}
    assert not extra, f"environment.yml pins packages pyproject.toml does not ask for: {extra}"
    for name, version in pins.items():
        if name in reqs:
            assert reqs[name].specifier.contains(Version(version), prereleases=True), \
                f"{name}={version} is outside pyproject's range {reqs[name].specifier}"


def test_environment_pins_equal_the_lock():
    lock = lock_pins()
    for name, version in environment_pins().items():
        if name in ("python", "pip"):
            continue
        assert lock.get(name) == version, \
            f"{name}: environment.yml {version}, lock {lock.get(name)}"


def test_colab_versions_are_admitted():
    """Installing on Colab must not replace its preinstalled packages (COURSE.md, Aug 2026)."""
    colab = {"numpy": "2.1.0", "ipywidgets": "7.7.1", "matplotlib": "3.10.0", "sympy": "1.14.0",
             "mlxtend": "0.23.4"}
    reqs = pyproject_requirements()
    for name, version in colab.items():
        assert reqs[name].specifier.contains(Version(version)), f"Colab's {name} {version}"


@pytest.mark.parametrize("bad", ["numpy=1.0.0", "ipywidgets=9.0.0"])
def test_the_agreement_check_can_fail(bad):
    name, version = bad.split("=")
    req = pyproject_requirements()[name]
    assert not req.specifier.contains(Version(version))

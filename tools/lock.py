"""Write the locks: exact versions for every Python the README names.

The main lock, ``requirements-lock.txt``, is what the development ``.venv`` holds (``pip
freeze``). Some of those versions do not exist for an older Python (numpy 2.4 and contourpy
1.3.3 need 3.11; soupsieve 4.1 needs 3.11.5), so for each older range this script asks pip's
resolver, with the main pins as constraints, which versions it would install there, dropping
only the pins that cannot exist for that Python, and writes that resolution to its own file.
pip evaluates environment markers for the Python it runs on, not for the target, so a package
that only an older Python's markers ask for (tomli on 3.10) is not in that lock; the locks are
used as constraints (``pip install -c LOCK``), so pip still installs it there, at its newest
version. ``tasks.py setup`` installs from the lock of the running Python (``tasks.lock_for``)::

    python tools/lock.py          # rewrite the locks (needs the package index)
    python tools/lock.py --check  # resolve each lock for every Python it serves (the test does)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tasks import LOCK, LOCKS  # noqa: E402  (tasks.py installs from the lock of the running Python)

HEADER = ("# Exact versions for {scope}, written by python3 tasks.py lock (tools/lock.py).\n")

#: The Pythons each lock is checked for (README: 3.10 and newer; Debian 12 has 3.11.2).
CHECKED = {LOCK: ("3.11.5", "3.12.3", "3.13.1"),
           LOCKS[0][2]: ("3.10.0", "3.10.12"),
           LOCKS[1][2]: ("3.11.0", "3.11.2")}


PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?$")
#: How pip names a pin that cannot hold for the target Python.
UNAVAILABLE = re.compile(r"(?:No matching distribution found for |\(constraint\) )"
                         r"([A-Za-z0-9_.\-]+)==")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> list[str]:
    """What the course asks for: the package's dependencies and its dev extra."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project.get("optional-dependencies", {})
    return [*project["dependencies"], *(r for extra in extras.values() for r in extra)]


def dry_run(python: str, args: list[str]) -> subprocess.CompletedProcess:
    """pip's resolver for another Python: binary wheels only, nothing installed."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
               "--only-binary=:all:", "--python-version", python, "--target", f"{tmp}/t",
               "--disable-pip-version-check", *args]
        return subprocess.run(cmd, capture_output=True, text=True)


def resolve(python: str, pins: dict[str, str]) -> dict[str, str]:
    """The versions pip installs for ``python``, keeping every main pin that exists there."""
    pins = dict(pins)
    for _ in range(40):
        with tempfile.TemporaryDirectory() as tmp:
            constraints = Path(tmp) / "c.txt"
            constraints.write_text("".join(f"{k}=={v}\n" for k, v in sorted(pins.items())))
            report = Path(tmp) / "report.json"
            done = dry_run(python, ["--report", str(report), "-c", str(constraints),
                                    *requirements()])
            if done.returncode == 0:
                items = json.loads(report.read_text())["install"]
                return {canonical(i["metadata"]["name"]): i["metadata"]["version"]
                        for i in items}
        missing = UNAVAILABLE.findall(done.stderr + done.stdout)
        if not missing or canonical(missing[0]) not in pins:
            sys.exit(f"pip cannot resolve the course for Python {python}:\n{done.stderr[-3000:]}")
        print(f"  Python {python}: {missing[0]}=={pins.pop(canonical(missing[0]))} "
              "does not exist there; letting pip choose", flush=True)
    sys.exit(f"gave up resolving for Python {python}")


def freeze() -> dict[str, str]:
    out = subprocess.check_output([sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
                                  text=True)
    return {canonical(m[1]): m[2] for line in out.splitlines() if (m := PIN.match(line))}


def write_locks() -> None:
    main = freeze()
    for _, python, path, scope in LOCKS:
        pins = resolve(python, main) if python else main
        path.write_text(HEADER.format(scope=scope)
                        + "".join(f"{k}=={v}\n" for k, v in sorted(pins.items())))
        changed = sorted(k for k in pins if main.get(k) != pins[k])
        print(f"wrote {path.name}: {len(pins)} packages"
              + (f", {len(changed)} differ from the main lock" if python else ""))


def check(locks=CHECKED) -> dict[str, str]:
    """``{"lock for python": problem}`` for each Python whose resolver rejects its lock."""
    problems = {}
    for path, pythons in locks.items():
        for python in pythons:
            done = dry_run(python, ["-r", str(path)])
            if done.returncode != 0:
                problems[f"{path.name} for Python {python}"] = (
                    (done.stderr or done.stdout).strip().splitlines()[-1])
    return problems


def main(argv: list[str]) -> None:
    if argv[:1] == ["--check"]:
        problems = check()
        for where, problem in problems.items():
            print(f"{where}: {problem}")
        sys.exit(1 if problems else 0)
    write_locks()


if __name__ == "__main__":
    main(sys.argv[1:])

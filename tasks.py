#!/usr/bin/env python3
"""The course's one entry point. Needs only Python >= 3.10 and pip.

    python3 tasks.py lab [--no-browser ...]  set up .venv if needed, open JupyterLab at notebooks/
    python3 tasks.py test                    set up .venv if needed, run every check and test
    python3 tasks.py setup                   only create / update .venv
    python3 tasks.py notebooks [NN ...]      re-execute notebooks from sources/ and store outputs
    python3 tasks.py html                    export the executed course to _html/
    python3 tasks.py lock [--check]          rewrite (or check) the per-Python locks, tools/lock.py

Every command is idempotent: .venv is reinstalled only when pyproject.toml or the lock of the
running Python changed since the last install. `lab` installs what a learner needs; `test`,
`notebooks` and `html` add the tools of the checks (pytest, nbval, ruff, playwright, ...).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"
LOCK = ROOT / "requirements-lock.txt"
#: (the oldest Python of a range, the release tools/lock.py resolves that range for, its lock,
#: the range). Some pinned versions do not exist for older Pythons (numpy 2.4 needs 3.11,
#: soupsieve 4.1 needs 3.11.5), so each range has a lock of its own; the last is the main one.
LOCKS = [
    ((3, 10, 0), "3.10.12", ROOT / "requirements-lock-py3.10.txt", "Python 3.10"),
    ((3, 11, 0), "3.11.4", ROOT / "requirements-lock-py3.11.0.txt", "Python 3.11.0 to 3.11.4"),
    ((3, 11, 5), None, LOCK, "Python 3.11.5 and newer"),
]
#: What a learner needs to run the course (lab), and what its checks add (test).
EXTRAS = {"lab": "lab", "test": "lab,dev"}


def lock_for(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> Path:
    """The lock file for a Python version (the running one by default)."""
    if version < LOCKS[0][0]:
        sys.exit(f"the course needs Python >= 3.10; this is {'.'.join(map(str, version))}")
    return [path for start, _, path, _ in LOCKS if version >= start][-1]


def run(*cmd: str | os.PathLike, env: dict | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    full_env = {**os.environ, **(env or {})}
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=full_env)
    if code != 0:
        sys.exit(code)


def _wanted_stamp(extras: str) -> str:
    h = hashlib.sha256()
    for f in (ROOT / "pyproject.toml", lock_for()):
        h.update(f.read_bytes())
    h.update(sys.version.encode())
    return f"{h.hexdigest()} {extras}"


def setup(purpose: str = "test") -> None:
    """Create .venv and install `helpers` (editable) with the pinned versions of what
    ``purpose`` needs: "lab" what a learner needs to run the course, "test" also its checks."""
    if not PY.exists():
        print(f"Creating the virtual environment {VENV.relative_to(ROOT)}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    extras = EXTRAS[purpose]
    have = STAMP.read_text().split() if STAMP.exists() else []
    wanted = _wanted_stamp(extras)
    if have[:1] == wanted.split()[:1] and set(extras.split(",")) <= set(have[1].split(",")):
        return
    lock = lock_for()
    print(f"Installing the course ({purpose}) with the versions of {lock.name}", flush=True)
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", lock, "-e", f".[{extras}]")
    STAMP.write_text(wanted)
    print("Environment ready: .venv (kernel 'python3' of this environment)", flush=True)


def lab(args: list[str]) -> None:
    setup("lab")
    extra = list(args)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        print("Running as root: adding --allow-root", flush=True)
        extra.append("--allow-root")
    os.execv(str(BIN / "jupyter"),
             [str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT / 'notebooks'}", *extra])


def test(args: list[str]) -> None:
    setup()
    run(PY, "-m", "ruff", "check", ".")
    run(PY, "-m", "pytest", "tests", "notebooks", "--nbval",
        "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "--nbval-current-env",
        "-p", "no:randomly", *args)


def notebooks(args: list[str]) -> None:
    setup()
    run(PY, "tools/notebooks.py", "build", *args)


def html(args: list[str]) -> None:
    setup()
    run(PY, "tools/notebooks.py", "html", *args)


def lock(args: list[str]) -> None:
    setup()
    run(PY, "tools/lock.py", *args)


COMMANDS = {"lab": lab, "test": test, "notebooks": notebooks, "html": html, "lock": lock}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    name, args = sys.argv[1], sys.argv[2:]
    if name == "setup":
        setup()
    elif name in COMMANDS:
        COMMANDS[name](args)
    else:
        sys.exit(f"unknown command {name!r}; choose one of: setup, {', '.join(COMMANDS)}")


if __name__ == "__main__":
    main()

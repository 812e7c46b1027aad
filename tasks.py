#!/usr/bin/env python3
"""The course's one entry point. Needs only Python >= 3.10 and pip.

    python3 tasks.py lab [--no-browser ...]  set up .venv if needed, open JupyterLab at notebooks/
    python3 tasks.py test                    set up .venv if needed, run every check and test
    python3 tasks.py setup                   only create / update .venv
    python3 tasks.py notebooks [NN ...]      re-execute notebooks from sources/ and store outputs
    python3 tasks.py html                    export the executed course to _html/
    python3 tasks.py lock                    rewrite requirements-lock.txt (uv, every Python)
    python3 tasks.py release OWNER/NAME TAG  point badges and Colab at a published release

Every command is idempotent: .venv is reinstalled only when pyproject.toml or the lock
changed since the last install. `lab` installs what a learner needs; `test`,
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
#: The one lock: exact versions for every Python the README names (3.10 and newer), written by
#: ``uv pip compile --universal`` with environment markers where a Python needs other versions
#: (numpy 2.4 needs 3.11, soupsieve 4.1 needs 3.11.5); pip installs it as constraints and
#: evaluates the markers for the running Python.
LOCK = ROOT / "requirements-lock.txt"
OLDEST = (3, 10)
#: ``uv pip compile`` arguments that write the lock (``python3 tasks.py lock``); the uv of the
#: dev extra. The existing lock's versions are kept where they still satisfy pyproject.toml.
LOCK_COMMAND = ["pip", "compile", "--universal", "--python-version", "3.10", "pyproject.toml",
                "--extra", "lab", "--extra", "dev", "--no-annotate",
                "--custom-compile-command", "python3 tasks.py lock", "-o", "requirements-lock.txt"]
#: pytest-xdist workers of ``test``: one per core (CI and this course's machines have 2).
WORKERS = str(max(2, min(os.cpu_count() or 2, 8)))
#: What a learner needs to run the course (lab), and what its checks add (test).
EXTRAS = {"lab": "lab", "test": "lab,dev"}


def check_python(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> None:
    """Stop with the reason on a Python older than the course supports."""
    if tuple(version[:2]) < OLDEST:
        sys.exit(f"the course needs Python >= 3.10; this is {'.'.join(map(str, version))}")


def run(*cmd: str | os.PathLike, env: dict | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    full_env = {**os.environ, **(env or {})}
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=full_env)
    if code != 0:
        sys.exit(code)


def _wanted_stamp(extras: str) -> str:
    h = hashlib.sha256()
    for f in (ROOT / "pyproject.toml", LOCK):
        h.update(f.read_bytes())
    h.update(sys.version.encode())
    return f"{h.hexdigest()} {extras}"


def setup(purpose: str = "test") -> None:
    """Create .venv and install `helpers` (editable) with the pinned versions of what
    ``purpose`` needs: "lab" what a learner needs to run the course, "test" also its checks."""
    check_python()
    if not PY.exists():
        print(f"Creating the virtual environment {VENV.relative_to(ROOT)}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    extras = EXTRAS[purpose]
    have = STAMP.read_text().split() if STAMP.exists() else []
    wanted = _wanted_stamp(extras)
    if have[:1] == wanted.split()[:1] and set(extras.split(",")) <= set(have[1].split(",")):
        return
    print(f"Installing the course ({purpose}) with the versions of {LOCK.name}", flush=True)
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", LOCK, "-e", f".[{extras}]")
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
    """ruff, then every test and every notebook (nbval) on every core: pytest-xdist, one
    notebook per worker so its cells run in order (see conftest.py for the grouping)."""
    setup()
    run(PY, "-m", "ruff", "check", ".")
    run(PY, "-m", "pytest", "tests", "notebooks", "--nbval",
        "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "--nbval-current-env",
        "-p", "no:randomly", "-n", WORKERS, "--dist", "loadfile", "--durations", "15", *args)


def notebooks(args: list[str]) -> None:
    setup()
    run(PY, "tools/notebooks.py", "build", *args)


def html(args: list[str]) -> None:
    setup()
    run(PY, "tools/notebooks.py", "html", *args)


def lock(args: list[str]) -> None:
    """Rewrite requirements-lock.txt for every Python >= 3.10 (needs the package index)."""
    setup()
    run(BIN / "uv", *LOCK_COMMAND, *args)


def with_release(text: str, repository: str, tag: str) -> str:
    """The text of helpers/course.py with its REPOSITORY and RELEASE lines set."""
    import re

    for name, value in (("REPOSITORY", repository), ("RELEASE", tag)):
        text, count = re.subn(rf'^{name} = "[^"]*"$', f'{name} = "{value}"', text, flags=re.M)
        if count != 1:
            sys.exit(f'helpers/course.py has no single line {name} = "..."')
    return text


def release(args: list[str]) -> None:
    """Point the course at its published home: rewrite REPOSITORY and RELEASE in
    helpers/course.py (the one place they live), then rebuild every notebook, whose badge,
    links and Colab set-up cell are made from them."""
    if len(args) != 2 or args[0].count("/") != 1:
        sys.exit("usage: python3 tasks.py release OWNER/NAME TAG   (e.g. someone/course v0.2.0)")
    path = ROOT / "helpers" / "course.py"
    path.write_text(with_release(path.read_text(encoding="utf-8"), *args), encoding="utf-8")
    print(f"helpers/course.py: REPOSITORY = {args[0]!r}, RELEASE = {args[1]!r}", flush=True)
    notebooks([])


COMMANDS = {"lab": lab, "test": test, "notebooks": notebooks, "html": html, "lock": lock,
            "release": release}


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

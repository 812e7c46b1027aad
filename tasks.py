#!/usr/bin/env python3
"""The course's one entry point. Needs only Python >= 3.10 and pip.

    python3 tasks.py lab [--no-browser ...]  set up .venv if needed, open JupyterLab at notebooks/
    python3 tasks.py test                    set up .venv if needed, run every check and test
    python3 tasks.py setup                   only create / update .venv
    python3 tasks.py notebooks [NN ...]      re-execute notebooks from sources/ and store outputs
    python3 tasks.py html                    export the executed course to _html/
    python3 tasks.py lock                    rewrite requirements-lock.txt from the current .venv

Every command is idempotent: .venv is rebuilt only when pyproject.toml or
requirements-lock.txt changed since the last install.
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


def run(*cmd: str | os.PathLike, env: dict | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    full_env = {**os.environ, **(env or {})}
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=full_env)
    if code != 0:
        sys.exit(code)


def _wanted_stamp() -> str:
    h = hashlib.sha256()
    for f in ("pyproject.toml", "requirements-lock.txt"):
        h.update((ROOT / f).read_bytes())
    h.update(sys.version.encode())
    return h.hexdigest()


def setup() -> None:
    """Create .venv and install the pinned dependencies plus `helpers` (editable)."""
    if not PY.exists():
        print(f"Creating the virtual environment {VENV.relative_to(ROOT)}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _wanted_stamp()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", LOCK, "-e", ".[dev]")
    STAMP.write_text(wanted)
    print("Environment ready: .venv (kernel 'python3' of this environment)", flush=True)


def lab(args: list[str]) -> None:
    setup()
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
    out = subprocess.check_output([str(PY), "-m", "pip", "freeze", "--exclude-editable"],
                                  text=True)
    lines = [ln for ln in out.splitlines() if ln and not ln.startswith("-e")]
    LOCK.write_text("# Exact versions the course is tested with (python3 tasks.py lock).\n"
                    + "\n".join(lines) + "\n")
    print(f"wrote {LOCK.name}: {len(lines)} packages")


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

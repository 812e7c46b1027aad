"""Compare regenerated sweeps with the stored ones, number by number.

Every field of every stored run (and the files' settings) must be present in the new file with
the same value to ``RTOL`` (relative; NaN equals NaN); fields the new file adds are listed, not
compared. ``versions`` (the code's hashes and commit) is expected to change and is skipped.

Usage: ``.venv/bin/python tools/compare_sweeps.py OLD_DIR NEW_DIR [name ...]``; exits 1 on the
first file with a difference, after printing every difference of it.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

RTOL = 1e-10
SKIP = {"versions"}


def differences(old, new, path="", rtol=RTOL):
    """Paths (with both values) where ``new`` does not reproduce ``old``; ``new`` may add keys."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{path}: dict -> {type(new).__name__}"]
        out = []
        for k, v in old.items():
            if k in SKIP:
                continue
            if k not in new:
                out.append(f"{path}/{k}: missing")
            else:
                out += differences(v, new[k], f"{path}/{k}", rtol)
        return out
    if isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            got = len(new) if isinstance(new, list) else repr(new)
            return [f"{path}: list of {len(old)} -> {got}"]
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out += differences(a, b, f"{path}[{i}]", rtol)
        return out
    if isinstance(old, float) or isinstance(new, float):
        if old is None or new is None:
            return [] if old is new else [f"{path}: {old} -> {new}"]
        a, b = float(old), float(new)
        if math.isnan(a) and math.isnan(b):
            return []
        if a == b or abs(a - b) <= rtol * max(abs(a), abs(b)):
            return []
        return [f"{path}: {a!r} -> {b!r} (relative {abs(a - b) / max(abs(a), abs(b)):.2e})"]
    return [] if old == new else [f"{path}: {old!r} -> {new!r}"]


def largest_relative(old, new):
    """The largest relative difference over all numbers both files hold."""
    if isinstance(old, dict):
        return max((largest_relative(v, new[k]) for k, v in old.items()
                    if k not in SKIP and k in new), default=0.0)
    if isinstance(old, list):
        return max((largest_relative(a, b) for a, b in zip(old, new, strict=False)), default=0.0)
    if isinstance(old, float) and isinstance(new, float) and not math.isnan(old) and old != new:
        return abs(old - new) / max(abs(old), abs(new))
    return 0.0


def main(old_dir, new_dir, names):
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    names = names or sorted(p.stem for p in old_dir.glob("*.json"))
    bad = 0
    for name in names:
        old = json.loads((old_dir / f"{name}.json").read_text())
        new = json.loads((new_dir / f"{name}.json").read_text())
        diff = differences(old, new)
        added = sorted(set(new["runs"][0]) - set(old["runs"][0])) if old.get("runs") else []
        print(f"{name}: {len(diff)} differences, largest relative "
              f"{largest_relative(old, new):.1e}; new run fields {added}")
        for d in diff[:20]:
            print("   ", d)
        bad += bool(diff)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))

"""Every regular expression of the package and of the grammar runs in linear time.

The patterns are found, not listed: every compiled pattern at module level in the
``aseandocs`` modules, and every terminal of the built layout parsers (the widened block
terminals included), so a new one is covered without a change here. Each runs against
adversarial strings built from its own structure: a long run of each character it names
(literals and one member of each class), and of each two-character pair of them, ended by
a character that makes the match fail. At this size a quadratic match takes seconds; the
limit is a hundred times a trivial pattern's scan of the same string (or 0.2 s, whichever
is more), so a busy machine cannot make a linear pattern fail.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import aseandocs
from aseandocs import layout

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

pytestmark = pytest.mark.slow

SIZE = 20_000
FLOOR = 0.2  # seconds
BASELINE = re.compile(r"(?s:.)*\x00")


def _module_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(aseandocs.__path__, "aseandocs."):
        if info.name == "aseandocs.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
    return found


def _grammar_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for line_feeds_only in (False, True):
        lark = layout.parser(line_feeds_only=line_feeds_only)
        for terminal in lark.terminals:
            found[f"{terminal.name} (line_feeds_only={line_feeds_only})"] = re.compile(terminal.pattern.to_regexp())
    for name, pattern in layout.line_parts().items():
        found[name] = re.compile(pattern)
    return found


PATTERNS = {**_module_patterns(), **_grammar_patterns()}


def _characters(pattern: str) -> list[str]:
    """A character for each literal and each class the pattern names."""
    chars: set[str] = set()

    def walk(items: object) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            name = str(op)
            if name == "LITERAL":
                chars.add(chr(arg))
            elif name == "IN":
                for inner_op, inner in arg:
                    inner_name = str(inner_op)
                    if inner_name == "LITERAL":
                        chars.add(chr(inner))
                    elif inner_name == "RANGE":
                        chars.update((chr(inner[0]), chr(inner[1])))
                    elif inner_name == "CATEGORY":
                        chars.update(" a1")
            elif name == "CATEGORY":
                chars.update(" a1")
            elif name == "ANY":
                chars.add("a")
            elif isinstance(arg, (list, tuple)):
                for part in arg:
                    if isinstance(part, sre_parse.SubPattern):
                        walk(part)
                    elif isinstance(part, (list, tuple)):
                        for sub in part:
                            if isinstance(sub, sre_parse.SubPattern):
                                walk(sub)

    walk(sre_parse.parse(pattern))
    return sorted(c for c in chars if c not in "\r\n")


def _adversarial(pattern: str) -> list[str]:
    chars = _characters(pattern)[:24]
    runs = [c * SIZE for c in chars]
    runs += [(a + b) * (SIZE // 2) for i, a in enumerate(chars) for b in chars[i + 1 : i + 6]]
    # Each run after the pattern's own literal prefix, and ended by characters no run holds.
    return [run + end for run in runs for end in ("\x00", "\x00\n")]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_linear_time(name: str) -> None:
    pattern = PATTERNS[name]
    for text in _adversarial(pattern.pattern):
        start = time.perf_counter()
        BASELINE.match(text)
        baseline = time.perf_counter() - start
        for where in (0, 1):
            start = time.perf_counter()
            pattern.match(text, where)
            elapsed = time.perf_counter() - start
            assert elapsed < max(100 * baseline, FLOOR), f"{name}: {elapsed:.3f} s on {text[:12]!r}... ({len(text)} characters)"

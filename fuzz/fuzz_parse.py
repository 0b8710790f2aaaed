"""Coverage-guided fuzzing of ``aseandocs.parse`` and ``aseandocs.render`` with atheris.

Not part of CI: run it by hand for a fixed time. Install the optional extra first::

    .venv/bin/pip install -e '.[fuzz]'          # or: .venv/bin/pip install atheris

then, from the repository root::

    .venv/bin/python fuzz/fuzz_parse.py 120            # fuzz for 120 seconds
    .venv/bin/python fuzz/fuzz_parse.py 600 -- -jobs=2 # extra arguments go to libFuzzer

The first argument is the run time in seconds (default 60). With
``ASEANDOCS_FUZZ_KEEP_GOING=1`` a failing input does not stop the run: each new kind of
failure is saved as ``fuzz/finding-<sha1>`` and printed as ``NEW FINDING``, and fuzzing
goes on until the time is up (for a time-boxed survey). The corpus documents seed the
fuzzer (their lines are also given to libFuzzer as a dictionary of tokens), new inputs that
reach new code are kept in ``fuzz/corpus/`` (created on first run; not in git), and a
crashing input is written to ``fuzz/crash-<sha1>`` as libFuzzer does (reproduce with
``.venv/bin/python fuzz/fuzz_parse.py 0 fuzz/crash-<sha1>``).

Each input is decoded as UTF-8 (invalid bytes become lone surrogates through
``surrogateescape``, so every byte string is a test) and must satisfy, in lenient mode:

* ``parse`` does not raise, and ``render(parse(text)) == text`` exactly;
* every diagnostic has a known code and a line within the text;
* the tree is at most ``MAX_DEPTH`` deep;
* strict mode raises ``ParseError`` exactly when lenient mode has a diagnostic, at its line
  and column;
* when the text has no lone surrogate, the JSON dump validates back to an equal document;
* one parse takes less than ``SLOW_SECONDS`` (a slow input is reported as a failure).

libFuzzer's last line, ``Done N runs in S second(s)``, says how many inputs ran.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["aseandocs", "lark"]):
    from aseandocs import Document, ParseError, parse, render
    from aseandocs.diagnostics import DIAGNOSTIC_CODES
    from aseandocs.structure import MAX_DEPTH

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SLOW_SECONDS = 2.0
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

def check(text: str) -> None:
    """Every property one input must satisfy; an AssertionError is a finding."""
    start = time.perf_counter()
    doc = parse(text)
    elapsed = time.perf_counter() - start
    assert elapsed < SLOW_SECONDS, f"slow: {elapsed:.2f} s for {len(text)} characters"
    rendered = render(doc)
    assert rendered == text, f"round trip: {text!r} rendered as {rendered!r}"

    body = text[1:] if text.startswith("\ufeff") else text
    lines = len(_LINE_BREAK.split(body))
    for diagnostic in doc.diagnostics:
        assert diagnostic.code in DIAGNOSTIC_CODES, diagnostic
        assert 1 <= diagnostic.line <= lines and diagnostic.column >= 1, (diagnostic, lines)
    assert doc.depth <= MAX_DEPTH

    try:
        strict = parse(text, strict=True)
    except ParseError as error:
        first = doc.diagnostics[0]
        assert (error.line, error.column, error.code) == (first.line, first.column, first.code)
    else:
        assert not doc.diagnostics and strict == doc

    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        assert Document.model_validate_json(doc.model_dump_json()) == doc


KEEP_GOING = os.environ.get("ASEANDOCS_FUZZ_KEEP_GOING", "") not in ("", "0")
_seen: set[str] = set()


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")
    if not KEEP_GOING:
        check(text)
        return
    try:
        check(text)
    except Exception as error:  # noqa: BLE001 - every finding is recorded, then fuzzing goes on
        first_line = (str(error).splitlines() or [""])[0]
        key = f"{type(error).__name__}: {re.sub(r'[0-9]+', 'N', first_line)[:120]}"
        if key not in _seen:
            _seen.add(key)
            name = HERE / f"finding-{hashlib.sha1(data).hexdigest()}"
            name.write_bytes(data)
            print(f"\nNEW FINDING {len(_seen)}: {key}\n  input: {name}", file=sys.stderr, flush=True)


def _dict_escape(token: str) -> str:
    """A token in libFuzzer's dictionary syntax: printable ASCII, other bytes as \\xNN."""
    return "".join(
        chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\x{b:02X}" for b in token.encode("utf-8")
    )


def _seed_corpus() -> tuple[Path, Path]:
    """The working corpus directory (seeded from corpus/ and tests/invalid/) and a token dictionary."""
    work = HERE / "corpus"
    work.mkdir(exist_ok=True)
    tokens: set[str] = set()
    sources = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md"))
    sources += sorted((ROOT / "tests" / "invalid").glob("*.txt"))
    for source in sources:
        if source.name == "OUTLINES.md":
            continue
        data = source.read_bytes()
        target = work / f"seed-{source.parent.name}-{source.name}"
        if not target.exists():
            target.write_bytes(data)
        for line in data.splitlines()[:200]:
            head = line.strip()[:12]
            if head and b'"' not in head and b"\\" not in head:
                tokens.add(head.decode("utf-8", "replace"))
    tokens.update(
        ["1.", "(a)", "(iv)", "II\\.", "Article 1", "**1.**", "\r\n", "\r", "\u00a0", "\u200b", "\u200f",
         "\ufeff", "Decides", "Recalling", "HEREBY DECLARE:", "The General Assembly,", "Done at", "[Title]",
         "---", "Page 1 of 2", "A/RES/80/1", "full text", "reads as follows:"]
    )
    dictionary = HERE / "tokens.dict"
    with dictionary.open("w", encoding="ascii") as out:
        for i, token in enumerate(sorted(tokens)):
            out.write(f'kw{i}="{_dict_escape(token)}"\n')
    return work, dictionary


def main(argv: list[str]) -> None:
    seconds = int(argv[1]) if len(argv) > 1 and argv[1].isdigit() else 60
    rest = argv[2:] if len(argv) > 1 and argv[1].isdigit() else argv[1:]
    if rest and rest[0] == "--":
        rest = rest[1:]
    reproducing = any(os.path.isfile(arg) for arg in rest if not arg.startswith("-"))
    args = [argv[0], "-rss_limit_mb=4096", "-timeout=30", f"-artifact_prefix={HERE}/"]
    if not reproducing:
        work, dictionary = _seed_corpus()
        args += [f"-max_total_time={seconds}", f"-dict={dictionary}", "-max_len=65536", str(work)]
    args += rest
    parse("warm up the grammar\n")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)

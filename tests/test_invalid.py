"""Strict mode fails clearly: the catalogue of ``tests/invalid/``.

Each case is a ``.txt`` file, read as bytes and decoded as UTF-8 (its CRLF or lone-CR line
breaks untouched), and an entry of ``tests/invalid/cases.json``::

    "numbering_gap.txt": {"error": "ParseError", "code": "numbering", "line": 7, "column": 1}

``parse(text, strict=True, filename=NAME)`` must raise ``aseandocs.<error>`` with that
``code``, ``line`` and ``column``. Lines are counted the way the library splits them (a
lone CR, a CRLF and an LF each end one line; a leading BOM is not a character of line 1);
columns are 1-based character columns, where a tab counts as one character, as in Lark
errors, so that the caret of the message sits under the offending character.
``str(error)`` must read ``NAME:LINE:COLUMN: message`` followed by the offending line (or
the part of it around the column) and a caret line pointing at the column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aseandocs
from aseandocs import ParseError, parse, render
from conftest import INVALID_DIR, corpus_files, read_corpus, split_lines

CASES: dict[str, dict[str, object]] = json.loads((INVALID_DIR / "cases.json").read_text(encoding="utf-8"))
NAMES = sorted(CASES)


def _text(name: str) -> str:
    return (INVALID_DIR / name).read_bytes().decode("utf-8")


def _raise(name: str) -> ParseError:
    case = CASES[name]
    error_class = getattr(aseandocs, str(case["error"]))
    with pytest.raises(error_class) as caught:
        parse(_text(name), strict=True, filename=name)
    return caught.value  # type: ignore[return-value]


def test_catalogue_matches_directory() -> None:
    on_disk = {path.name for path in INVALID_DIR.glob("*.txt")}
    assert on_disk == set(CASES)
    for name, case in CASES.items():
        assert set(case) == {"error", "code", "line", "column"}, name
        assert case["code"] in {"numbering", "unknown-verb", "preambular-in-operative", "depth"}, name
        assert isinstance(case["line"], int) and isinstance(case["column"], int), name


def test_catalogue_covers_every_code_and_line_break() -> None:
    codes = {case["code"] for case in CASES.values()}
    assert codes == {"numbering", "unknown-verb", "preambular-in-operative", "depth"}
    data = [(INVALID_DIR / name).read_bytes() for name in NAMES]
    assert any(b"\r\n" in d for d in data)
    assert any(b"\r" in d.replace(b"\r\n", b"") for d in data)
    assert any(d.startswith(b"\xef\xbb\xbf") for d in data)
    assert any(b"\t" in d for d in data)


@pytest.mark.parametrize("name", NAMES)
def test_strict_error_code_line_and_column(name: str) -> None:
    error = _raise(name)
    case = CASES[name]
    assert (error.code, error.line, error.column) == (case["code"], case["line"], case["column"])
    assert error.filename == name
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("name", NAMES)
def test_strict_error_message_shows_line_and_caret(name: str) -> None:
    error = _raise(name)
    case = CASES[name]
    line, column = int(case["line"]), int(case["column"])  # type: ignore[call-overload]
    text = _text(name)
    body = text[1:] if text.startswith("\ufeff") else text
    offending = split_lines(body)[line - 1]

    message = str(error).split("\n")
    assert message[0].startswith(f"{name}:{line}:{column}: "), message[0]
    assert len(message) == 3, message
    shown, caret = message[1], message[2]
    # The shown text is the offending line, or the part of it around the column ...
    starts = [
        start
        for start in range(max(0, column - 1 - len(shown)), column)
        if offending[start : start + len(shown)] == shown and start <= column - 1 <= start + len(shown)
    ]
    assert starts, f"{shown!r} is not the part of line {line} ({offending!r}) around column {column}"
    # ... and the caret sits under the character at the column.
    assert caret.rstrip() == caret and caret.endswith("^") and set(caret[:-1]) <= {" "}
    assert any(len(caret) - 1 == len(offending[start : column - 1].expandtabs()) for start in starts), (
        f"caret at {len(caret) - 1}, column {column} of {offending!r}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_lenient_mode_reports_the_same_finding_and_round_trips(name: str) -> None:
    text = _text(name)
    doc = parse(text)
    assert render(doc) == text
    first = doc.diagnostics[0]
    case = CASES[name]
    assert (first.code, first.line, first.column) == (case["code"], case["line"], case["column"])


@pytest.mark.parametrize("name", NAMES)
def test_error_survives_pickling(name: str) -> None:
    import pickle

    error = _raise(name)
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, ParseError)
    assert (again.line, again.column, again.code, again.filename) == (error.line, error.column, error.code, error.filename)
    assert str(again) == str(error)


CLEAN = [path for path in corpus_files() if not parse(read_corpus(path)).diagnostics]


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_strict_mode_accepts_documents_without_findings(path: Path) -> None:
    text = read_corpus(path)
    assert parse(text, strict=True, filename=path.name) == parse(text)

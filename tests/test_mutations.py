"""Mutations of real documents: whatever people paste still parses, renders back and dumps.

Each example takes a corpus document and applies a few edits of the kinds that copy and
paste produces: lines joined, split, deleted, duplicated or swapped; numbers changed;
line breaks turned into CRLF or lone CR; control characters, no-break and zero-width
spaces, right-to-left marks, combining characters, emoji and lone surrogates inserted;
the text cut short.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    LINE_BREAK,
    LONE_SURROGATES,
    ODD_CHARS,
    corpus_files,
    has_surrogate,
    line_count,
    parse_in_time,
    read_corpus,
)
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticSerializationError

from aseandocs import Document, ParseError, parse, render
from aseandocs.diagnostics import DIAGNOSTIC_CODES
from aseandocs.structure import MAX_DEPTH

# Left out of the quick check (pytest -m "not slow"): mutations of every corpus document.
pytestmark = pytest.mark.slow

CORPUS = corpus_files()
TEXTS = {path.name: read_corpus(path) for path in CORPUS}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NUMBER = re.compile(r"\d+")


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their breaks; they concatenate back to ``text``."""
    return _LINE.findall(text)


def _break_of(line: str) -> str:
    match = LINE_BREAK.search(line)
    return match.group(0) if match else ""


def _content(line: str) -> str:
    return line[: len(line) - len(_break_of(line))]


# ---- the mutations: each takes the text and a hypothesis draw -------------------------------


def join_lines(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    if len(lines) < 2:
        return text
    i = draw(st.integers(0, len(lines) - 2))
    joiner = draw(st.sampled_from(["", " ", "-", "\t"]))
    lines[i] = _content(lines[i]) + joiner
    return "".join(lines)


def split_line(text: str, draw: st.DrawFn) -> str:
    if not text:
        return draw(st.sampled_from(["\n", "\r", "\r\n"]))
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\r"])) + text[at:]


def delete_lines(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    if not lines:
        return text
    i = draw(st.integers(0, len(lines) - 1))
    n = draw(st.integers(1, 5))
    del lines[i : i + n]
    return "".join(lines)


def duplicate_lines(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    if not lines:
        return text
    i = draw(st.integers(0, len(lines) - 1))
    n = draw(st.integers(1, 4))
    times = draw(st.integers(1, 3))
    block = lines[i : i + n]
    if block and not _break_of(block[-1]):
        block[-1] += "\n"
    lines[i:i] = block * times
    return "".join(lines)


def swap_lines(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    if len(lines) < 2:
        return text
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    a, b = lines[i], lines[j]
    lines[i] = _content(b) + _break_of(a)
    lines[j] = _content(a) + _break_of(b)
    return "".join(lines)


def change_number(text: str, draw: st.DrawFn) -> str:
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return text
    match = numbers[draw(st.integers(0, len(numbers) - 1))]
    new = draw(st.sampled_from(["0", "1", "2", "3", "9", "10", "11", "99", "100", "999", "1000", "00", "٣", "１"]) | st.integers(0, 10**6).map(str))
    return text[: match.start()] + new + text[match.end() :]


def renumber_labels(text: str, draw: st.DrawFn) -> str:
    """Shift every leading ``N.`` label by the same amount (a list pasted from elsewhere)."""
    shift = draw(st.integers(-3, 3))

    def shifted(match: re.Match[str]) -> str:
        return f"{match.group(1)}{max(0, int(match.group(2)) + shift)}{match.group(3)}"

    return re.sub(r"(?m)^([ \t]*)(\d{1,3})([.)])", shifted, text)


def crlf(text: str, draw: st.DrawFn) -> str:
    return LINE_BREAK.sub("\r\n", text)


def lone_cr(text: str, draw: st.DrawFn) -> str:
    return LINE_BREAK.sub("\r", text)


def mixed_breaks(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    if not lines:
        return text
    eols = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=8))
    return "".join(
        _content(line) + (eols[i % len(eols)] if _break_of(line) else "") for i, line in enumerate(lines)
    )


def insert_char(text: str, draw: st.DrawFn) -> str:
    at = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from(ODD_CHARS + LONE_SURROGATES) | st.characters(codec=None))
    return text[:at] + char + text[at:]


def insert_at_line_start(text: str, draw: st.DrawFn) -> str:
    """Invisible or odd characters before a label: BOM, zero-width space, RTL mark, NBSP."""
    lines = _lines(text)
    if not lines:
        return text
    i = draw(st.integers(0, len(lines) - 1))
    lines[i] = draw(st.sampled_from(["\u200b", "\u200f", "\u202e", "\ufeff", "\u00a0", "\u3000", "\x0c", "\x00", "\u0301"])) + lines[i]
    return "".join(lines)


def replace_spaces(text: str, draw: st.DrawFn) -> str:
    """Every space after a label, or every space, becomes a no-break or odd space."""
    space = draw(st.sampled_from(["\u00a0", "\u2007", "\u202f", "\u3000", "\t", "  "]))
    if draw(st.booleans()):
        return re.sub(r"(?m)^(\s*\(?\w{1,4}[.)]) ", lambda m: m.group(1) + space, text)
    return text.replace(" ", space)


def truncate(text: str, draw: st.DrawFn) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] if draw(st.booleans()) else text[at:]


def insert_bom(text: str, draw: st.DrawFn) -> str:
    return "\ufeff" + text


MUTATIONS = [
    join_lines,
    split_line,
    delete_lines,
    duplicate_lines,
    swap_lines,
    change_number,
    renumber_labels,
    crlf,
    lone_cr,
    mixed_breaks,
    insert_char,
    insert_at_line_start,
    replace_spaces,
    truncate,
    insert_bom,
]


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=6)):
        text = mutation(text, draw)
    return text


# ---- the properties -------------------------------------------------------------------------


def _check_lenient(text: str) -> Document:
    doc = parse_in_time(text)
    assert render(doc) == text
    body_lines = line_count(text[1:] if text.startswith("\ufeff") else text)
    for diagnostic in doc.diagnostics:
        assert diagnostic.code in DIAGNOSTIC_CODES
        assert 1 <= diagnostic.line <= body_lines
        assert diagnostic.column >= 1
    assert doc.depth <= MAX_DEPTH
    return doc


@given(mutated_documents())
def test_mutated_document_round_trips(text: str) -> None:
    _check_lenient(text)


@given(mutated_documents())
def test_mutated_document_strict_mode_is_consistent(text: str) -> None:
    lenient = parse_in_time(text)
    try:
        strict = parse(text, strict=True, filename="pasted.txt")
    except ParseError as error:
        first = lenient.diagnostics[0]
        assert (error.line, error.column, error.code) == (first.line, first.column, first.code)
        assert str(error).startswith(f"pasted.txt:{first.line}:{first.column}: ")
    else:
        assert not lenient.diagnostics
        assert strict == lenient


@given(mutated_documents())
def test_mutated_document_json_round_trips(text: str) -> None:
    doc = parse_in_time(text)
    try:
        written = doc.model_dump_json()
    except PydanticSerializationError:
        assert has_surrogate(text), "only a lone surrogate may stop the JSON writer"
        return
    back = Document.model_validate_json(written)
    assert back == doc
    assert render(back) == text


# ---- every corpus document, under each whole-document mutation --------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_document_round_trips_bytes(path: Path) -> None:
    data = path.read_bytes()
    doc = parse(data.decode("utf-8"))
    assert render(doc).encode("utf-8") == data
    assert Document.model_validate_json(doc.model_dump_json()) == doc


@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_line_breaks_keep_structure_and_findings(path: Path, eol: str) -> None:
    """A document saved with CRLF or lone-CR line breaks parses to the same tree, with findings on the same lines."""
    lf = LINE_BREAK.sub("\n", read_corpus(path))
    variant_text = lf.replace("\n", eol)
    reference, variant = parse(lf), parse(variant_text)
    assert render(variant) == variant_text
    assert [n.kind for n in variant.nodes()] == [n.kind for n in reference.nodes()]
    assert [(d.line, d.column, d.code) for d in variant.diagnostics] == [
        (d.line, d.column, d.code) for d in reference.diagnostics
    ]


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[p.name for p in CORPUS])
def test_corpus_with_odd_characters(index: int) -> None:
    """Odd characters put at the start, in the middle and at the end of a document.

    The characters are dealt out over the documents, so every one is tried on some of them.
    """
    text = read_corpus(CORPUS[index])
    middle = len(text) // 2
    chars = ODD_CHARS + LONE_SURROGATES
    per_document = max(3, -(-len(chars) * 2 // len(CORPUS)))
    for k in range(per_document):
        char = chars[(index * per_document + k) % len(chars)]
        for mutated in (char + text, text[:middle] + char + text[middle:], text + char):
            _check_lenient(mutated)

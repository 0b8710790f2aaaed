"""render(parse(text)) == text, byte for byte: on every corpus file and on awkward inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import aseandocs

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SUFFIXES = (".txt", ".md", ".html", ".xml")
DOCUMENTS = sorted(
    p
    for folder in (CORPUS, CORPUS / "check")
    for p in folder.iterdir()
    if p.suffix in SUFFIXES and p.name not in ("OUTLINES.md", "README.md")
)


def test_corpus_is_complete() -> None:
    assert len(DOCUMENTS) >= 73
    listed = {line.split("\t")[0] for line in (CORPUS / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    assert {p.relative_to(CORPUS).as_posix() for p in DOCUMENTS} == listed


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name[:40])
def test_corpus_round_trip(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert aseandocs.render(document).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("path", DOCUMENTS[:6], ids=lambda p: p.name[:40])
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_corpus_round_trip_with_other_line_endings(path: Path, newline: str) -> None:
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\n", newline)
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    unix = aseandocs.parse(text.replace(newline, "\n"))
    assert [n.kind for n in document.nodes()] == [n.kind for n in unix.nodes()]


AWKWARD = {
    "empty": "",
    "one newline": "\n",
    "blank lines only": " \n\t\n\n",
    "no final newline": "I. Scope\n\n1. Strengthen cooperation.",
    "whitespace at the end": "1. Text\n   ",
    "crlf": "I. Scope\r\n\r\n1. Strengthen cooperation.\r\n",
    "lone cr": "I. Scope\r\r1. Strengthen cooperation.\r",
    "mixed endings": "a\r\nb\rc\nd",
    "tabs": "\t1.\tUrges\tall States;\n\t\t(a)\tto act;\n",
    "bom": "\ufeffThe General Assembly,\n\nRecalling its resolutions,\n\n1. Urges all States;\n",
    "bom only": "\ufeff",
    "no-break spaces": "1.\u00a0RECOGNISING\u00a0 the need;\u00a0\n",
    "control characters": "1. a\x00b\x07c\x1b[0m\x0c\n\x0b\x1c\x1d\x1e\x85\u2028\u2029end",
    "no structure": "Just some words that are not a document at all.",
    "front matter never closed": "---\ntitle: x\n\nbody",
    "lone surrogate": "1. text \ud800 more\n",
    "numbers only": "1.\n2.\n3.\n(a)\n(b)\nI.\nII.\n",
    "markers without text": "1.\n\n(a)\n\n-\n\n#\n",
}


@pytest.mark.parametrize("text", AWKWARD.values(), ids=AWKWARD.keys())
def test_awkward_input_round_trips(text: str) -> None:
    assert aseandocs.render(aseandocs.parse(text)) == text


def test_bom_is_recorded_not_lost() -> None:
    document = aseandocs.parse(AWKWARD["bom"])
    assert document.bom is True
    assert document.children[0].kind == "formula"


def test_unrecognised_text_becomes_paragraphs() -> None:
    document = aseandocs.parse("Just some words.\n\nAnd more words.\n")
    assert [n.kind for n in document.children] == ["paragraph", "paragraph"]
    assert document.children[1].plain_text == "And more words."


def test_parse_rejects_bytes_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        aseandocs.parse(b"1. text")  # type: ignore[arg-type]

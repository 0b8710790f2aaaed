"""Every corpus document against the outline a careful reader wrote for it (corpus/*.outline.json).

The outlines were written by reading the documents, never generated from the parser. A
document the parser does not yet get fully right is listed in tests/known_misses.py with
what differs; those tests are strict expected failures, so fixing one makes the list fail
until it is updated.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aseandocs
from aseandocs.outline import summary
from known_misses import KNOWN_MISSES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SUFFIXES = (".txt", ".md", ".html", ".xml")
DOCUMENTS = sorted(
    p
    for folder in (CORPUS, CORPUS / "check")
    for p in folder.iterdir()
    if p.suffix in SUFFIXES and p.name not in ("OUTLINES.md", "README.md")
)


def _name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


REQUIRED = {"preambular", "operative", "closing", "nodes", "notes"}
OPTIONAL = {"doc_type", "title", "language"}



def expected(path: Path) -> dict[str, object]:
    data = json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8"))
    return {key: data[key] for key in ("preambular", "operative", "closing", "nodes")}


def test_every_document_has_an_outline() -> None:
    assert len(DOCUMENTS) >= 73
    for path in DOCUMENTS:
        outline = json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8"))
        assert REQUIRED <= set(outline) <= REQUIRED | OPTIONAL, path.name
        assert outline["notes"].strip(), path.name


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_MISSES[_name(p)], strict=True)) if _name(p) in KNOWN_MISSES else p
        for p in DOCUMENTS
    ],
    ids=lambda p: _name(p)[:54],
)
def test_outline_matches_the_reading(path: Path) -> None:
    language = json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8")).get("language", "en")
    document = aseandocs.parse(path.read_bytes().decode("utf-8"), language=language)
    assert summary(document) == expected(path)

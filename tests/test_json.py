"""The JSON form: shape, round trip, and a golden file per corpus document.

Set ASEANDOCS_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import aseandocs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "golden"
# The first corpus (numbers below 100) has a golden tree each; the later documents are
# checked by their outlines and the round trip.
DOCUMENTS = sorted(
    p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name[:3].isdigit() and int(p.name[:3]) < 100
)
UPDATE = os.environ.get("ASEANDOCS_UPDATE_GOLDEN") == "1"


def test_json_shape_of_a_small_document() -> None:
    document = aseandocs.parse("I. Scope\n\n1. Strengthen cooperation;\n\n(a) in trade.\n")
    data = json.loads(document.model_dump_json())
    assert data["kind"] == "document"
    assert data["schema_version"] == aseandocs.SCHEMA_VERSION
    section = data["children"][0]
    assert (section["kind"], section["num"], section["text"]) == ("section", "I.", "Scope")
    clause = section["children"][0]
    assert (clause["kind"], clause["num"]) == ("clause", "1.")
    assert clause["children"][0]["num"] == "(a)"
    assert clause["children"][0]["kind"] == "clause"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name[:40])
def test_json_round_trip(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    document = aseandocs.parse(text)
    again = aseandocs.Document.model_validate_json(document.model_dump_json())
    assert again == document
    assert aseandocs.render(again) == text


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name[:40])
def test_golden(path: Path) -> None:
    golden = GOLDEN / (path.stem + ".json")
    produced = aseandocs.parse(path.read_bytes().decode("utf-8")).model_dump(mode="json")
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(produced, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden.name}: run with ASEANDOCS_UPDATE_GOLDEN=1"
    assert json.loads(golden.read_text(encoding="utf-8")) == produced

"""The clean feed and node addresses: ids, paths, parents, lines, clean text, references.

Ids are the Akoma Ntoso eIds of the naming convention; paths are written like the outline
and unique; every corpus document's feed is valid against schema/feed.schema.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import document_lines
from hypothesis import given
from hypothesis import strategies as st

import aseandocs
from aseandocs.cli import schema_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FEED_SCHEMA = ROOT / "schema" / "feed.schema.json"
DOCUMENTS = sorted(
    p
    for folder in (CORPUS, CORPUS / "check")
    for p in folder.iterdir()
    if p.suffix in (".txt", ".md", ".html", ".xml") and p.name not in ("OUTLINES.md", "README.md")
)
MARKUP_DEBRIS = re.compile(r"\*\*|__|</?[A-Za-z][\w.]*[ >]|<\?|&amp;")


def ids(text: str) -> list[str]:
    return [place.id for place in aseandocs.parse(text).walk()]


def by_id(text: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {record["id"]: record for record in aseandocs.feed(aseandocs.parse(text)) if record["id"]}


# ---- ids ------------------------------------------------------------------------------------


def test_ids_follow_the_naming_convention() -> None:
    text = (
        "I. Political Development\n\n1. Strengthen institutions:\n\n(a) first;\n\n(b) second.\n\n"
        "II. Economic Development\n\n5. Deepen integration.\n"
    )
    assert ids(text) == ["sec_I", "sec_I__para_1", "sec_I__para_1__point_a", "sec_I__para_1__point_b", "sec_II", "sec_II__para_5"]


def test_articles_inside_chapters_and_their_paragraphs() -> None:
    text = (
        "CHAPTER 1\nGENERAL PROVISIONS\n\nArticle 3\nScope\n\n1. This Agreement applies to goods.\n\n"
        "Article 4\nDefinitions\n\n1. In this Agreement:\n\n2. For the purposes of paragraph 1:\n\n(a) goods means goods;\n\n(b) days means days.\n"
    )
    assert ids(text) == [
        "chp_1",
        "chp_1__art_3",
        "chp_1__art_3__para_1",
        "chp_1__art_4",
        "chp_1__art_4__para_1",
        "chp_1__art_4__para_2",
        "chp_1__art_4__para_2__point_a",
        "chp_1__art_4__para_2__point_b",
    ]


def test_zones_pass_their_names_down_and_unnumbered_nodes_take_ordinals() -> None:
    text = (
        "WE, the Heads of State or Government of ASEAN:\n\nRECOGNISING the progress made;\n\n"
        "NOTING the challenges ahead;\n\nHEREBY DECLARE:\n\n1. STRENGTHEN cooperation.\n\n"
        "2. PROMOTE peace.\n\nDONE at Jakarta on the eighth day of August 2017.\n"
    )
    assert ids(text) == [
        "preamble__formula_1",
        "preamble__recs_1__rec_1",
        "preamble__recs_1__rec_2",
        "preamble__formula_2",
        "para_1",
        "para_2",
        "conclusions__formula_1",
    ]


def test_repeated_labels_take_a_suffix_and_numbered_ids_never_yield_to_ordinals() -> None:
    document = aseandocs.parse("1. First.\n\n1. Second.\n\n1. Third.\n")
    assert [p.id for p in document.walk()] == ["para_1", "para_1_2", "para_1_3"]
    assert [p.path for p in document.walk()] == ["1", "1[2]", "1[3]"]


def test_labels_are_cleaned_of_punctuation_and_markup() -> None:
    document = aseandocs.parse("**1.2.** Text of the first.\n\nArticle 5 bis\n\nInserted text.\n")
    assert [p.id for p in document.walk()][:2] == ["para_1-2", "art_5bis"]


def test_paths_are_unique_and_never_a_dot() -> None:
    document = aseandocs.parse("A plain paragraph.\n\nAnother one.\n\n1. A clause.\n")
    assert [p.path for p in document.walk()] == ["preamble/p[1]", "preamble/p[2]", "1"]
    assert [p.path for p in aseandocs.parse("A statement.\n\nIn prose.\n").walk()] == ["p[1]", "p[2]"]


def test_lines_and_columns_are_those_of_the_text() -> None:
    text = "Intro line.\r\n\r\n1. First\r\n   wrapped.\r\n\r\n   (a) item one;\r\n"
    places = aseandocs.parse(text).walk()
    lines = text.split("\r\n")
    for place in places:
        assert lines[place.line - 1][place.column - 1 :].lstrip().startswith(aseandocs.render(place.node).strip()[:5])
    clause = next(p for p in places if p.id == "para_1")
    assert (clause.line, clause.end_line) == (3, 6)
    assert (clause.end_line, clause.end_column) == (6, len("   (a) item one;") + 1)


# ---- the feed --------------------------------------------------------------------------------


def test_committed_feed_schema_is_current() -> None:
    assert FEED_SCHEMA.read_text(encoding="utf-8") == schema_text(feed_record=True), (
        "schema/feed.schema.json is stale; regenerate it with: aseandocs schema --feed > schema/feed.schema.json"
    )


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(FEED_SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_corpus_feed_is_valid_unique_ordered_and_clean(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    document = aseandocs.parse(path.read_bytes().decode("utf-8"))
    records = list(aseandocs.feed(document))
    assert records[0]["kind"] == "document"
    assert len(records) == len(document.nodes()) + 1
    seen_ids: set[str] = set()
    seen_paths: set[str] = set()
    for record in records:
        validator.validate(json.loads(json.dumps(record)))
        if record["kind"] == "document":
            continue
        assert record["id"] not in seen_ids and record["path"] not in seen_paths
        assert record["parent"] is None or record["parent"] in seen_ids  # parents come first
        assert "·" not in record["path"]
        seen_ids.add(record["id"])
        seen_paths.add(record["path"])
        for value in (record["text"], record["heading"]):
            if value:
                assert "\n" not in value and "\r" not in value and "  " not in value and value == value.strip()
                assert not MARKUP_DEBRIS.search(value), value


def test_the_document_record_first() -> None:
    text = "WE, the Leaders:\n\nRECOGNISING the need;\n\nHEREBY DECLARE:\n\n1. STRENGTHEN ties.\n\nDONE at Bali, Indonesia, on 17 November 2011.\n"
    first = next(iter(aseandocs.feed(aseandocs.parse(text))))
    assert {k: first[k] for k in ("kind", "date", "place", "preambular", "operative", "language")} == {
        "kind": "document",
        "date": "2011-11-17",
        "place": "Bali, Indonesia",
        "preambular": 1,
        "operative": 1,
        "language": ["en"],
    }


def test_records_keep_label_heading_and_text_apart() -> None:
    records = by_id("Article 2\nGeneral Definitions\n\n1. For the purposes of this\nAgreement:\n\n(a) **goods** means goods;\n")
    assert (records["art_2"]["num"], records["art_2"]["label"], records["art_2"]["heading"]) == ("Article 2", "2", "General Definitions")
    assert records["art_2"]["text"] == ""
    assert records["art_2__para_1"]["text"] == "For the purposes of this Agreement:"
    assert records["art_2__para_1__point_a"]["text"] == "goods means goods;"
    assert records["art_2__para_1__point_a"]["parent"] == "art_2__para_1"


def test_a_section_without_a_title_line_has_no_heading() -> None:
    records = by_id("Article 7\nThe Parties shall cooperate\nin all fields.\n")
    assert records["art_7"]["heading"] is None
    assert records["art_7"]["text"] == "The Parties shall cooperate in all fields."


def test_clean_text_takes_markup_out_and_keeps_literal_characters() -> None:
    records = by_id("1. The **Parties** see the *need* for 5 * 3 &amp; a < b, in <u>full</u>; snake_case\\.\n")
    assert records["para_1"]["text"] == "The Parties see the need for 5 * 3 & a < b, in full; snake_case."


def test_a_word_hyphenated_across_a_line_is_kept_as_written() -> None:
    records = by_id("1. Regional co-\n   operation in 2019-\n2020 and devel-\nopment.\n")
    assert records["para_1"]["text"] == "Regional co-operation in 2019- 2020 and devel-opment."


def test_ordinals_follow_the_sequence_a_label_belongs_to() -> None:
    letters = "\n\n".join(f"({c}) item;" for c in "abcdefghij")
    romans = "(i) one;\n\n(ii) two;\n\n(iii) three;"
    letter_records = by_id("1. Lettered:\n\n" + letters + "\n")
    assert letter_records["para_1__point_i"]["ordinal"] == 9
    roman_records = by_id("1. Roman:\n\n" + romans + "\n")
    assert [roman_records[f"para_1__point_{n}"]["ordinal"] for n in ("i", "ii", "iii")] == [1, 2, 3]


def test_cross_references_resolve_to_ids() -> None:
    text = (
        "Article 1\nScope\n\n1. This Agreement applies to goods.\n\n2. Paragraph 1 does not apply to services.\n\n"
        "Article 2\nExceptions\n\n1. Subject to Article 1 and paragraph 2 of Article 1, nothing in this Agreement\n"
        "prevents measures under Article XX of GATT 1994 or paragraph 3 of this Article.\n"
    )
    refs = by_id(text)["art_2__para_1"]["refs"]
    assert refs == [
        {"text": "Article 1", "target": "art_1"},
        {"text": "paragraph 2 of Article 1", "target": "art_1__para_2"},
        {"text": "Article XX", "target": None},
        {"text": "paragraph 3 of this Article", "target": None},
    ]


# ---- editing ---------------------------------------------------------------------------------

DECLARATION = (
    "WE, the Leaders:\n\nRECOGNISING the need;\n\nHEREBY DECLARE:\n\n"
    "I. Cooperation\n\n1. STRENGTHEN ties:\n\n(a) in trade;\n\n(b) in  **culture**;\n\n2. PROMOTE peace.\n\n"
    "II. Follow-up\n\n3. TASK the ministers.\n"
)


def test_with_text_changes_one_node_and_nothing_else() -> None:
    document = aseandocs.parse(DECLARATION)
    edited = document.with_text("sec_I__para_1__point_b", "in  education\nand culture;")
    assert aseandocs.render(edited) == DECLARATION.replace("(b) in  **culture**;", "(b) in education and culture;")
    assert aseandocs.render(document) == DECLARATION
    assert edited.get("sec_I__para_1__point_b").text == "in education and culture;"  # type: ignore[union-attr]


def test_edits_by_path_and_node_remove_and_insert() -> None:
    document = aseandocs.parse(DECLARATION)
    node = document.find("I/2")
    assert node is document.get("sec_I__para_2")
    removed = document.remove(node)  # type: ignore[arg-type]
    assert aseandocs.render(removed) == DECLARATION.replace("2. PROMOTE peace.\n\n", "")
    new = aseandocs.OperativeParagraph(num="2.", verb="ENCOURAGE", text="ENCOURAGE exchanges.")
    inserted = removed.insert_after("I/1", new)
    assert "(b) in  **culture**;\n\n2. ENCOURAGE exchanges.\n\nII. Follow-up" in aseandocs.render(inserted)
    replaced = document.replace("II/3", {"kind": "clause", "num": "3.", "text": "TASK the officials.", "eol": "\n"})
    assert aseandocs.render(replaced) == DECLARATION.replace("TASK the ministers.", "TASK the officials.")


def test_a_bad_value_fails_at_the_edit() -> None:
    from pydantic import ValidationError

    document = aseandocs.parse(DECLARATION)
    with pytest.raises(ValidationError):
        document.with_text("sec_I__para_1", 123)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        document.replace("sec_I__para_1", {"kind": "clause", "text": ["not", "text"]})
    with pytest.raises(KeyError):
        document.with_text("sec_IX", "nothing here")


@given(document_lines(), st.data())
def test_numbered_ids_are_stable_under_edits_elsewhere(text: str, data: st.DataObject) -> None:
    document = aseandocs.parse(text)
    places = [p for p in document.walk() if "text" in type(p.node).model_fields]
    if not places:
        return
    target = data.draw(st.sampled_from(places))
    edited = document.with_text(target.id, "Edited text.")
    before = {p.node.__dict__.get("num") and p.id for p in document.walk()} - {None, ""}
    after = {p.id for p in edited.walk()}
    # Every numbered node keeps its id: an edit elsewhere never renames it.
    assert before <= after
    ancestors = set()
    parent = target.parent
    while parent is not None:
        ancestors.add(parent.id)
        parent = parent.parent
    edited_by_id = {p.id: p.node for p in edited.walk()}
    for place in document.walk():
        inside = place.id == target.id or place.id.startswith(target.id + "__")
        if place.node.__dict__.get("num") and not inside and place.id not in ancestors:
            # Untouched: the same id, rendering exactly as before.
            assert aseandocs.render(edited_by_id[place.id]) == aseandocs.render(place.node)


# ---- files and JSON --------------------------------------------------------------------------


def test_parse_file_keeps_line_endings_and_byte_order_mark(tmp_path: Path) -> None:
    source = tmp_path / "declaration.txt"
    source.write_bytes("\ufeffHEREBY DECLARE:\r\n\r\n1. STRENGTHEN ties.\r\n".encode())
    document = aseandocs.parse_file(source)
    assert document.bom and aseandocs.render(document) == source.read_bytes().decode("utf-8")
    assert aseandocs.loads(aseandocs.dumps(document)) == document
    with (tmp_path / "d.json").open("w", encoding="utf-8") as handle:
        aseandocs.dump(document, handle)
    with (tmp_path / "d.json").open(encoding="utf-8") as handle:
        assert aseandocs.load(handle) == document


def test_the_package_namespace_shows_the_public_api() -> None:
    for name in ("parse", "parse_file", "render", "feed", "load", "loads", "dump", "dumps", "Document", "Place"):
        assert name in aseandocs.__all__


def test_validate_roundtrip_says_where_an_edit_reads_back_otherwise() -> None:
    document = aseandocs.parse(DECLARATION)
    assert document.validate_roundtrip() == []
    fine = document.with_text("sec_I__para_2", "PROMOTE peace and stability.")
    assert fine.validate_roundtrip() == []
    # A text that itself opens with a label reads back as one more labelled node.
    odd = document.with_text("sec_II__para_3", "(a) TASK the ministers.")
    differences = odd.validate_roundtrip()
    assert differences and differences[0].path.startswith("II/3")
    assert "line" in str(differences[0])

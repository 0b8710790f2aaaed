"""Akoma Ntoso: every corpus document exports valid Akoma Ntoso 3.0 with the feed's ids as its
eIds, and reads back to the same outline; hostile XML is refused."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

etree = pytest.importorskip("lxml.etree")

import aseandocs  # noqa: E402
import akn_checks  # noqa: E402
from aseandocs import akn, outline  # noqa: E402
from conftest import CORPUS_DIR, corpus_files  # noqa: E402

SCHEMA_DIR = Path(__file__).parent / "data" / "akn"
A = "{%s}" % akn.AKN_NS


def _documents() -> list[Path]:
    """The corpus: its texts, markdown, HTML and XML, and the documents kept for checking only."""
    files = set(corpus_files())
    files |= {p for p in CORPUS_DIR.iterdir() if p.suffix in (".html", ".xml") and p.is_file()}
    files |= {p for p in (CORPUS_DIR / "check").iterdir() if p.is_file() and not p.name.endswith(".json")}
    return sorted(files)


DOCUMENTS = _documents()


@pytest.fixture(scope="session")
def schema():
    """The strict OASIS schema, loaded once, offline (xml.xsd is the copy beside it)."""

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url and url.rstrip("/").endswith("xml.xsd"):
                return self.resolve_filename(str(SCHEMA_DIR / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "akomantoso30.xsd"), parser))


@lru_cache(maxsize=None)
def _export(path: Path) -> tuple[aseandocs.Document, str]:
    document = aseandocs.parse_file(path)
    return document, akn.to_akn(document)


def _exported_ids(root) -> list[str]:
    return [
        e.get("eId")
        for e in root.iter()
        if e.get("eId") and not any(a.tag == A + "meta" for a in e.iterancestors())
    ]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_corpus_document_exports_valid_akoma_ntoso(path: Path, schema) -> None:
    document, xml = _export(path)
    root = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(root), [f"line {e.line}: {e.message}" for e in schema.error_log][:5]
    assert akn_checks.problems(root) == []
    # The eIds are the feed's ids: every exported node carries its own, wrappers aside.
    exported = _exported_ids(root)
    assert len(exported) == len(set(exported))
    nodes = [p.id for p in document.walk() if p.element.tag is not None]
    assert [i for i in exported if i not in akn.generated_ids(xml)] == nodes
    feed_ids = {r["id"] for r in aseandocs.feed(document)}
    assert set(nodes) <= feed_ids


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_export_reads_back_to_the_same_outline(path: Path) -> None:
    document, xml = _export(path)
    back = akn.from_akn(xml)
    assert outline.summary(back) == outline.summary(document)
    assert back.title == document.title or document.printed_title is None


DECLARATION = (
    "ASEAN DECLARATION ON THE THINGS\n\n"
    "WE, the Heads of State or Government of ASEAN:\n\n1. RECOGNISING the progress made;\n\n"
    "2. NOTING that 5 < 6 & 7 > 2 ahead;\n\nHEREBY DECLARE:\n\n1. STRENGTHEN cooperation:\n\n"
    "   (a) in trade;\n\n   (b) in health.\n\n2. PROMOTE peace.\n\n"
    "DONE at Kuala Lumpur, Malaysia, on 18 November 2015.\n"
)


def test_a_declaration_maps_to_a_statement_with_recitals_paragraphs_points_and_a_closing(schema) -> None:
    document = aseandocs.parse(DECLARATION)
    xml = akn.to_akn(document)
    root = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(root) and akn_checks.problems(root) == []
    statement = root[0]
    assert statement.tag == A + "statement" and statement.get("name") == "declaration"
    uri = root.find(f".//{A}FRBRWork/{A}FRBRuri").get("value")
    assert uri.startswith("/akn/xa/statement/declaration/asean/2015-11-18/")
    recitals = root.findall(f".//{A}recital")
    assert [r.get("eId") for r in recitals] == ["preamble__recs_1__rec_1", "preamble__recs_1__rec_2"]
    assert recitals[0].find(A + "num").text == "1."
    assert "5 < 6 & 7 > 2" in "".join(recitals[1].itertext())  # escaped, never markup
    assert root.find(f".//{A}point[@eId='para_1__point_a']/{A}num").text == "(a)"
    closing = root.find(f".//{A}conclusions/{A}formula[@name='closingFormula']")
    assert closing.find(f".//{A}date").get("date") == "2015-11-18"
    location = closing.find(f".//{A}location")
    assert root.find(f".//{A}TLCLocation[@eId='{location.get('refersTo')[1:]}']") is not None


def test_country_and_language_are_checked_and_configurable() -> None:
    document = aseandocs.parse(DECLARATION)
    assert "/akn/my/" in akn.to_akn(document, country="my", language="fra", author="UN")
    with pytest.raises(ValueError):
        akn.to_akn(document, country="asean")
    with pytest.raises(ValueError):
        akn.to_akn(document, language="en")


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><akomaNtoso>&lol2;</akomaNtoso>',
        '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso>&x;</akomaNtoso>',
        "<akomaNtoso>" + "<p>" * 300 + "</p>" * 300 + "</akomaNtoso>",
        "<akomaNtoso><statement>",
        "<html/>",
    ],
)
def test_hostile_or_foreign_xml_is_refused_in_one_line(xml: str) -> None:
    with pytest.raises(akn.AknError) as raised:
        akn.from_akn(xml)
    assert "\n" not in str(raised.value)


def test_oversized_xml_is_refused() -> None:
    with pytest.raises(akn.AknError, match="more than the limit"):
        akn.from_akn("<akomaNtoso/>", max_bytes=5)

"""The three founding documents parse to exactly the structure the project was founded on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import aseandocs
from aseandocs import Clause, Closing, OperativeParagraph, PreambularParagraph, Section

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def load(name: str) -> aseandocs.Document:
    return aseandocs.parse((CORPUS / name).read_bytes().decode("utf-8"))


@pytest.fixture(scope="module")
def annex() -> aseandocs.Document:
    return load("000_c8477260cb17f9e1.txt")


@pytest.fixture(scope="module")
def admm() -> aseandocs.Document:
    return load("003_f5fb8b87c253cb7c.txt")


@pytest.fixture(scope="module")
def ammtc() -> aseandocs.Document:
    return load("004_b6fee7dafe5f06e8.txt")


def numbered(doc: aseandocs.Document) -> list[aseandocs.Node]:
    return [n for n in doc.nodes() if isinstance(n, (Section, Clause, PreambularParagraph, OperativeParagraph))]


class TestAnnexPlanOfAction:
    def test_header_metadata(self, annex: aseandocs.Document) -> None:
        assert annex.title == "ANNEX for ASEAN Security Community, Plan of Action"
        assert annex.date == dt.date(2004, 11, 30)
        assert annex.source == "ASEAN Secretariat"
        header = annex.children[0]
        assert header.kind == "header"
        assert "Database of Japanese Politics" in header.text and "[Full text]" in header.text

    def test_five_sections(self, annex: aseandocs.Document) -> None:
        assert [s.number for s in annex.sections] == ["I", "II", "III", "IV", "V"]
        assert [s.heading for s in annex.sections] == [
            "Political Development",
            "Shaping and Sharing of Norms",
            "Conflict Prevention",
            "Conflict Resolution",
            "Post-conflict Peace Building",
        ]
        assert all(s.num == s.number + "." for s in annex.sections)
        assert len(annex.children) == 6  # the header and the five sections: nothing else at the top

    def test_clauses_and_sub_clauses(self, annex: aseandocs.Document) -> None:
        first = annex.sections[0]
        assert [c.number for c in first.children] == ["1", "2", "3"]
        assert [c.number for c in first.children[0].children] == list("abcdefg")
        assert [c.number for c in first.children[1].children] == list("abc")
        assert [c.number for c in first.children[2].children] == list("abcdef")
        assert all(isinstance(c, Clause) for c in first.children)
        assert first.children[0].children[0].plain_text == "Strengthening democratic institutions and popular participation;"

    def test_leaf_clauses(self, annex: aseandocs.Document) -> None:
        by_path = {(s.number, c.number): c for s in annex.sections for c in s.children}
        for path in [("II", "2"), ("II", "3"), ("III", "6"), ("V", "3")]:
            assert isinstance(by_path[path], Clause)
            assert by_path[path].children == ()

    def test_98_numbered_nodes_and_no_closing(self, annex: aseandocs.Document) -> None:
        assert len(numbered(annex)) == 98
        assert annex.closing is None
        assert annex.preamble == () and annex.operative == ()


class TestAdmmPlusDeclaration:
    def test_preface_and_adoption(self, admm: aseandocs.Document) -> None:
        kinds = [n.kind for n in admm.children[:4]]
        assert kinds == ["preface", "preface", "preface", "adoption"]
        assert admm.children[2].plain_text == "The six-page Joint Declaration reads as follows:"
        assert admm.children[3].date == dt.date(2022, 11, 23)
        assert admm.date == dt.date(2022, 11, 23)

    def test_preamble(self, admm: aseandocs.Document) -> None:
        assert [p.number for p in admm.preamble] == [str(i) for i in range(1, 12)]
        assert [p.verb for p in admm.preamble] == [
            None,
            "RECOGNISING",
            "NOTING",
            "REAFFIRMING",
            "REAFFIRMING",
            "FURTHER UNDERSCORING",
            "REITERATING",
            "ACKNOWLEDGING",
            "NOTING",
            "WELCOMING",
            "REAFFIRMING",
        ]
        # The number is followed by a no-break space, which belongs to the gap, not the text.
        assert admm.preamble[1].num == "2." and admm.preamble[1].gap == "\u00a0"

    def test_operative(self, admm: aseandocs.Document) -> None:
        assert [p.number for p in admm.operative] == [str(i) for i in range(1, 11)]
        assert [p.verb for p in admm.operative] == [
            "STRENGTHEN", "PROMOTE", "REAFFIRM", "MAINTAIN", "ENHANCE",
            "WELCOME", "STRENGTHEN", "STRENGTHEN", "WELCOME", "WELCOME",
        ]

    def test_closing_and_trailer(self, admm: aseandocs.Document) -> None:
        closing = admm.closing
        assert isinstance(closing, Closing)
        assert closing.num == "11." and closing.number == "11"
        assert closing.date == dt.date(2022, 11, 23)
        assert admm.children[-1].kind == "trailer"
        assert admm.source == "Agency Kampuchea Press"


class TestAmmtcPlanOfAction:
    def test_introduction_is_prose(self, ammtc: aseandocs.Document) -> None:
        intro = [n for n in ammtc.children if n.kind == "paragraph"]
        assert len(intro) == 6
        assert intro[0].plain_text.startswith("On the occasion of the 20th Anniversary")

    def test_six_sections(self, ammtc: aseandocs.Document) -> None:
        assert [s.heading for s in ammtc.sections] == [
            "Information Exchange",
            "Personnel Exchange and Training",
            "Law Enforcement Cooperation",
            "Joint Research",
            "Review Mechanisms",
            "Institutional Arrangement",
        ]

    def test_indented_clauses(self, ammtc: aseandocs.Document) -> None:
        counts = [len([c for c in s.children if isinstance(c, Clause)]) for s in ammtc.sections]
        assert counts == [2, 7, 6, 0, 0, 2]
        for section in ammtc.sections:
            clauses = [c for c in section.children if isinstance(c, Clause)]
            assert [c.number for c in clauses] == [str(i) for i in range(1, len(clauses) + 1)]
            assert all(c.indent == "  " for c in clauses)

    def test_prose_sections(self, ammtc: aseandocs.Document) -> None:
        for section in ammtc.sections[3:5]:
            assert [c.kind for c in section.children] == ["paragraph"]

    def test_contact_blocks_belong_to_clauses(self, ammtc: aseandocs.Document) -> None:
        first, second = ammtc.sections[5].children
        assert "Contact Point of China:" in first.text and "icdofmps@sina.com" in first.text
        assert "Political Security Community Department" in second.text
        assert "SecurityCooperationDivision@asean.org" in second.text

    def test_closing(self, ammtc: aseandocs.Document) -> None:
        closing = ammtc.closing
        assert closing is not None and ammtc.children[-1] is closing
        assert closing.date == dt.date(2011, 10, 12)
        assert closing.place == "Bali, Indonesia"
        assert closing.num is None

"""Documents of the corpus's kinds that are not in the corpus: the rules must hold on them too."""

from __future__ import annotations

import datetime as dt

import aseandocs
from aseandocs.outline import summary

SUMMIT = """\
---
title: "Kuala Lumpur Declaration on a People-Centred ASEAN"
date: 2015-11-21
---

KUALA LUMPUR DECLARATION ON A PEOPLE-CENTRED ASEAN

WE, the Heads of State/Government of the Member States of the Association of
Southeast Asian Nations (ASEAN), on the occasion of the 27th ASEAN Summit;

RECALLING the ASEAN Charter, which commits ASEAN to promote a people-oriented
ASEAN in which all sectors of society are encouraged to participate;

NOTING WITH SATISFACTION the progress made in realising the ASEAN Community;

DO HEREBY DECLARE AS FOLLOWS:

1)  Promote the active participation of all sectors of society;

2)  Strengthen the ASEAN identity through:
    a) the teaching of ASEAN in schools; and
    b) cultural exchanges;

3)  Task the relevant ministers to implement this Declaration.

DONE at Kuala Lumpur, Malaysia, on the Twenty-First Day of November in the Year Two
Thousand and Fifteen, in a single original copy in the English language.
"""

RESOLUTION_PDF = """\
The Security Council,

Reaffirming its commitment to the sovereignty of all States,

Deeply concerned by the humanitarian situation,
including the displacement of civilians,

1.
Demands that all parties comply with international law;
2.
Requests the Secretary-General:
(a)
to report within ninety days;
(b)
to include recommendations,
_______________
1 S/2024/100.

S/RES/2999 (2024)
24-01234
2/3

in particular on the protection of civilians;
3.
Decides to remain seized of the matter.
"""

TREATY = """\
ARTICLE I
Purpose

The Parties shall cooperate in the field of disaster management.

ARTICLE II
Areas of Cooperation

1. The Parties shall exchange information on:
(a) early warning; and
(b) risk assessment.

2. The Parties shall hold joint exercises.

Signed at Jakarta on 26 July 2005 in duplicate.
"""

STATEMENT = """\
Chairman's Statement of the ASEAN Regional Forum

• The Ministers welcomed the outcome of the meeting.
• The Ministers underlined the importance of dialogue.

The Forum agreed to meet again next year in Vientiane.
"""


def test_summit_declaration_with_front_matter_and_closing_in_words() -> None:
    document = aseandocs.parse(SUMMIT)
    assert aseandocs.render(document) == SUMMIT
    assert document.title == "Kuala Lumpur Declaration on a People-Centred ASEAN"
    assert [f.plain_text[:8] for f in document.formulas] == ["WE, the ", "DO HEREB"]
    assert [p.verb for p in document.preamble] == ["RECALLING", "NOTING WITH SATISFACTION"]
    assert [p.verb for p in document.operative] == ["Promote", "Strengthen", "Task"]
    assert [c.number for c in document.operative[1].children] == ["a", "b"]
    assert document.closing is not None
    assert document.closing.date == dt.date(2015, 11, 21)
    assert document.closing.place == "Kuala Lumpur, Malaysia"


def test_resolution_from_a_pdf_with_a_page_break_inside_a_sub_item() -> None:
    document = aseandocs.parse(RESOLUTION_PDF)
    assert aseandocs.render(document) == RESOLUTION_PDF
    assert summary(document) == {
        "preambular": 2,
        "operative": 3,
        "closing": False,
        "nodes": ["1", "2", "2/a", "2/b", "3"],
    }
    item_b = document.operative[1].children[1]
    assert item_b.plain_text == "to include recommendations, in particular on the protection of civilians;"
    assert "2/3" in item_b.continued[0].page_break.text
    assert document.preamble[1].plain_text.endswith("including the displacement of civilians,")


def test_treaty_articles_are_sections() -> None:
    document = aseandocs.parse(TREATY)
    assert aseandocs.render(document) == TREATY
    assert summary(document) == {
        "preambular": 0,
        "operative": 0,
        "closing": True,
        "nodes": ["I", "II", "II/1", "II/1/a", "II/1/b", "II/2"],
    }
    assert document.closing.place == "Jakarta"
    assert document.closing.date == dt.date(2005, 7, 26)


def test_plain_statement_invents_no_structure() -> None:
    document = aseandocs.parse(STATEMENT)
    assert aseandocs.render(document) == STATEMENT
    assert summary(document) == {"preambular": 0, "operative": 0, "closing": False, "nodes": []}
    # Its first line names the instrument and ends no sentence: the printed title.
    assert [n.kind for n in document.children] == ["title", "item", "item", "paragraph"]
    assert document.printed_title == "Chairman's Statement of the ASEAN Regional Forum"
    assert document.doc_type == "chairman's statement"


def test_diagnostics_locate_what_the_parser_was_unsure_of() -> None:
    text = (
        "The General Assembly,\n\nRecalling its resolutions,\n\n"
        "1. Urges all States;\n\n(ab) an odd label;\n\n2. Decides to act;\n\n2. Decides again;\n\n"
        "3. Noting with concern the delays,\n\n4. The committee meets yearly.\n"
    )
    document = aseandocs.parse(text)
    assert [(d.line, d.column, d.code) for d in document.diagnostics] == [
        (7, 1, "marker"),
        (11, 1, "numbering"),
        (13, 1, "preambular-in-operative"),
        (15, 1, "unknown-verb"),
    ]
    try:
        aseandocs.parse(text, strict=True)
    except aseandocs.ParseError as error:
        assert (error.line, error.column, error.code) == (7, 1, "marker")
        assert str(error).splitlines()[1:] == ["(ab) an odd label;", "^"]
    else:
        raise AssertionError("strict mode raises on the first finding")

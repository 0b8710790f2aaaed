"""Reading real document forms the corpus was not built from: texts written for these tests.

Agreements as PDF extracts (no blank lines, page numbers, footnote numbers), treaties kept
on one lower-case line, labelled markdown headings, lists interrupted by a paragraph, and
HTML (plain pages and Akoma Ntoso HTML).
"""

from __future__ import annotations

import pytest

import aseandocs
from aseandocs.outline import summary

AGREEMENT_PDF = """\
AGREEMENT ON TRADE IN GOODS BETWEEN
THE MEMBER STATES AND THE REPUBLIC OF X
The Governments of the Member States of the Association of Southeast Asian
Nations and the Republic of X1,
RECALLING the Framework Agreement signed in Bali on 8 October 2003;
Desirous of expanding trade and strengthening economic relations
between the Parties; and
Considering the importance of special and differential treatment,
HAVE AGREED as follows:
1
 For the purpose of this Agreement, X is included only after its signature.
CHAPTER I
GENERAL PROVISIONS
Article 1
Definitions
For the purposes of this Agreement:
(a) AEM means the Economic Ministers;
(b) goods means products of the Parties; and
2
(c) tariff means a customs duty on imports.
Article 2
Objectives
The objectives of this Agreement are to liberalise trade and to promote
3
cooperation between the Parties.
CHAPTER II
TARIFFS
Article 3
Tariff Reduction
1. Each Party shall reduce its tariffs in accordance with Annex 1.
2. The schedules form an integral part of this Agreement.
4
IN WITNESS WHEREOF, the undersigned, being duly authorised, have signed this
Agreement.
DONE at Phnom Penh on the 20th day of November 2007.
For the Government of Brunei Darussalam
M. RAHMAN
Minister of Foreign Affairs
"""


def test_an_agreement_from_a_pdf_extract() -> None:
    document = aseandocs.parse(AGREEMENT_PDF)
    assert aseandocs.render(document) == AGREEMENT_PDF
    got = summary(document)
    # Three recitals, each opening a line after a clause mark (no blank lines between).
    assert [p.verb for p in document.preamble] == ["RECALLING", "Desirous of", "Considering"]
    assert got["operative"] == 0
    assert got["closing"] is True
    # Chapters outrank articles; the footnote "1" and the page numbers 2-4 are no nodes.
    assert got["nodes"] == ["I", "I/1", "I/1/a", "I/1/b", "I/1/c", "I/2", "II", "II/3", "II/3/1", "II/3/2"]


def test_page_numbers_leave_the_sentence_they_interrupt_whole() -> None:
    document = aseandocs.parse(AGREEMENT_PDF)
    article_2 = next(n for n in document.nodes() if getattr(n, "num", None) == "Article 2")
    text = " ".join(n.plain_text for n in document.nodes() if n in article_2.children or n is article_2)
    assert "to promote cooperation between the Parties." in text


RUN_ON = (
    "\ufeffprotocol concerning co-operation in combating pollution in the region"
    'source: "the contracting parties to this protocol",being parties to the convention for the '
    "protection of the marine environment of the region, done at cartagena on 24 march 1983,"
    "conscious that exploration and transport activities pose a threat of pollution in the region,"
    "aware that the islands of the region are vulnerable, owing to the fragility of their ecosystems,"
    "recognizing further the importance of co-operation in responding to pollution;"
    "have agreed as follows: ARTICLE 1 definitionsfor the purposes of this protocol:1. "
    '"region" means the area defined in article 2 of the convention.2. "convention" means the '
    "convention for the protection of the marine environment.3. \"interests\" means among others:"
    "a. coastal activities; b. the health of the coastal population. ARTICLE 2 general provisions"
    "1. the contracting parties shall co-operate in taking the measures referred to in article 3 "
    "of this protocol. 2. each party shall report to the organization under paragraph 1 of article 5 "
    "thereof. ARTICLE 3 exchange of informationeach party shall exchange information with the other "
    "parties, as provided in article 12 of the convention. in witness whereof the undersigned have "
    "signed this protocol. done at cartagena on 24 march 1983."
) * 1


def test_a_treaty_kept_on_one_lower_case_line() -> None:
    text = RUN_ON + " " * (2600 - len(RUN_ON)) if len(RUN_ON) < 2600 else RUN_ON
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    got = summary(document)
    # being, conscious, aware (", owing to" is inside a sentence), recognizing further.
    assert got["preambular"] == 4
    assert got["closing"] is True
    # Cross-references ("article 2 of the convention", "article 3 of this protocol",
    # "paragraph 1 of article 5 thereof", "article 12 of the convention") are no nodes.
    assert got["nodes"] == ["1", "1/1", "1/2", "1/3", "1/3/a", "1/3/b", "2", "2/1", "2/2", "3"]
    # Nodes start mid-line: the article's source begins at its label.
    article = next(n for n in document.nodes() if getattr(n, "num", None) == "ARTICLE 2")
    assert article.text.startswith("general provisions")


def test_a_short_line_is_never_read_as_run_on() -> None:
    text = "The parties agree as follows: article 1 applies. 1. first 2. second\n"
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == []


def test_a_list_interrupted_by_a_paragraph_resumes() -> None:
    text = (
        "1. That the parties shall:\n\n"
        "(a) call upon pools of police officers;\n\n"
        "Police officers of one party will not move into the zone of the other party.\n\n"
        "(b) promote cooperation between the two police forces.\n\n"
        "2. That trade between all areas should be permitted.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/a", "1/b", "2"]


def test_a_labelled_markdown_heading_is_a_section() -> None:
    text = (
        "##### I. Strategic Partnership\n\nJapan and the Philippines share common goals.\n\n"
        "##### II. Regional Peace\n\nBoth countries reaffirm their commitment.\n\n"
        "Issued in Tokyo, 4 June 2015\n&#x25cf;\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert [s.number for s in document.sections] == ["I", "II"]
    assert document.closing is not None and document.closing.plain_text.startswith("Issued in Tokyo")


HTML_PAGE = """\
<!DOCTYPE html>
<html><head><title>Declaration</title><script>var toc = "Article 9";</script></head>
<body>
<nav><a href="#a1">Article 1</a> <a href="#a2">Article 2</a></nav>
<main>
<h1>Declaration on Cooperation</h1>
<p>WE, the Heads of State/Government of the Member States,</p>
<p>RECALLING the Charter &amp; its principles;</p>
<p><b>NOTING</b> the progress made;</p>
<p>DO HEREBY DECLARE:</p>
<ol><li><p>1. Strengthen cooperation in trade;</p></li>
<li><p>2. Task the Ministers to report.</p></li></ol>
<p>DONE at Jakarta on 8 August 2017.</p>
</main>
</body></html>
"""


def test_an_html_page() -> None:
    document = aseandocs.parse(HTML_PAGE)
    assert aseandocs.render(document) == HTML_PAGE
    got = summary(document)
    assert (got["preambular"], got["operative"], got["closing"]) == (2, 2, True)
    # The navigation and the script are not the document: their "Article 1/2/9" are no nodes.
    assert got["nodes"] == ["1", "2"]
    assert [p.verb for p in document.preamble] == ["RECALLING", "NOTING"]


AKN_HTML = (
    '<div class="akn-akomaNtoso"><section class="akn-chapter" id="chp_1"><h2>Chapter 1<br>General</h2>'
    '<section class="akn-part" id="chp_1__part_1"><h2>Regulation 1 – Application</h2>'
    '<span class="akn-content"><span class="akn-p">This Annex applies to all ships.</span></span></section>'
    '<section class="akn-part" id="chp_1__part_2"><h2>Regulation 2 – Definitions</h2>'
    '<span class="akn-intro"><span class="akn-p">For the purpose of this Annex:</span></span>'
    '<span class="akn-paragraph"><span class="akn-num">1</span><span class="akn-content"><span class="akn-p">'
    "Annex means Annex VI.</span></span></span>"
    '<span class="akn-paragraph"><span class="akn-num">2</span><span class="akn-intro"><span class="akn-p">'
    "A stage of construction means the stage at which:</span></span>"
    '<span class="akn-subparagraph"><span class="akn-num">.1</span><span class="akn-content"><span class="akn-p">'
    "construction begins; and</span></span></span>"
    '<span class="akn-subparagraph"><span class="akn-num">.2</span><span class="akn-content"><span class="akn-p">'
    "assembly has commenced.</span></span></span></span>"
    '<span class="akn-paragraph"><span class="akn-num">3</span><span class="akn-content"><span class="akn-p">'
    "Anniversary date means the day of expiry.</span></span></span></section></section>"
    '<section class="akn-chapter" id="chp_2"><h2>Chapter 2<br>Survey</h2>'
    '<section class="akn-part" id="chp_2__part_3"><h2>Regulation 3 – Surveys</h2>'
    '<span class="akn-content"><span class="akn-p">Ships shall be surveyed.</span></span></section></section></div>\n'
)


def test_akoma_ntoso_html_on_one_line() -> None:
    document = aseandocs.parse(AKN_HTML)
    assert aseandocs.render(document) == AKN_HTML
    assert summary(document)["nodes"] == ["1", "1/1", "1/2", "1/2/1", "1/2/2", "1/2/2/1", "1/2/2/2", "1/2/3", "2", "2/3"]


def test_input_can_be_named() -> None:
    text = "<p>1. Strengthen cooperation.</p>\n<p>2. Report.</p>\n"
    as_text = aseandocs.parse(text, input="text")
    as_html = aseandocs.parse(text, input="html")
    assert aseandocs.render(as_text) == aseandocs.render(as_html) == text
    assert summary(as_html)["nodes"] == ["1", "2"]
    with pytest.raises(ValueError):
        aseandocs.parse(text, input="pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "<p>unclosed <b>bold",
        "</p></div>stray end tags",
        "<<<>>> <p <p>",
        "<!DOCTYPE html><p>a<br/>b &unknown; &#xZZ; &#99999999;</p>",
        "<html>" + "<div>" * 500 + "deep" + "</div>" * 500,
        "<script>never closed",
        "<p>1.</p><p>text after a lone label</p>",
    ],
)
def test_broken_html_still_round_trips(text: str) -> None:
    document = aseandocs.parse(text, input="html")
    assert aseandocs.render(document) == text


BILINGUAL = """\
Article 1

The Parties shall cooperate.

Done at The Hague on 1 May 1962.

Artikel 1

De Partijen werken samen.

Artikel 2

Dit Verdrag treedt in werking.

GEDAAN te 's-Gravenhage, 1 mei 1962.
"""


def test_other_languages_are_read_only_when_named() -> None:
    english_only = aseandocs.parse(BILINGUAL)
    assert summary(english_only)["nodes"] == ["1"]
    both = aseandocs.parse(BILINGUAL, language=("en", "nl"))
    assert aseandocs.render(both) == BILINGUAL
    assert summary(both)["nodes"] == ["1", "1", "2"]
    assert [n.kind for n in both.nodes()][-1] == "closing"
    with pytest.raises(ValueError):
        aseandocs.parse(BILINGUAL, language="xx")


def test_a_lower_case_run_on_text_in_spanish() -> None:
    text = (
        "protocolo adicionalsource: los estados partes;considerando la importancia de la cooperacion;"
        "acuerdan:articulo 1ºdefinicion de terminosa los fines del presente protocolo se entiende por emergencia "
        "ambiental toda situacion.articulo 2ºobjetivo el presente protocolo tiene por objeto la cooperacion "
        "mutua, de acuerdo con el articulo 1 y el articulo 4 del acuerdo marco.articulo 3ºalcancelos estados "
        "partes cooperaran. hecho en la ciudad de puerto iguazu el siete de julio de dos mil cuatro."
    )
    text += " " * (2600 - len(text))
    document = aseandocs.parse(text, language="es")
    assert aseandocs.render(document) == text
    # "el articulo 1 y el articulo 4 del acuerdo marco" are references, not labels.
    assert summary(document)["nodes"] == ["1", "2", "3"]
    assert summary(document)["closing"] is True


def test_a_pipe_table_is_one_node_with_its_cells() -> None:
    text = (
        "1. Each Party shall reduce its tariffs as follows:\n\n"
        "| HS code | Base rate | 2010 |\n|---|---|---|\n| 0101 | 5% | **0%** |\n| 0102 \\| 0103 | 10% | 5% |\n\n"
        "2. The schedules form part of this Agreement.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    (table,) = [n for n in document.nodes() if isinstance(n, aseandocs.Table)]
    assert table.rows == [["HS code", "Base rate", "2010"], ["0101", "5%", "0%"], ["0102 | 0103", "10%", "5%"]]
    assert summary(document)["nodes"] == ["1", "2"]


def test_an_html_table_is_one_node_with_its_cells() -> None:
    text = (
        "<p>1. Reduce tariffs as follows:</p>\n<table><tr><th>HS</th><th>Rate</th></tr>\n"
        "<tr><td>1.</td><td>5%</td></tr></table>\n<p>2. Report every year.</p>\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    (table,) = [n for n in document.nodes() if isinstance(n, aseandocs.Table)]
    assert table.rows == [["HS", "Rate"], ["1.", "5%"]]
    # A cell that looks like a label is no node.
    assert summary(document)["nodes"] == ["1", "2"]


def test_a_paragraph_label_that_opens_an_item_on_its_line() -> None:
    text = "Article 6\n\n1. Customs duties shall be abolished.\n\n2. (a) From 1 January the Community shall reduce;\n\n(b) From 1 July the Principality shall reduce.\n"
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["6", "6/1", "6/2", "6/2/a", "6/2/b"]


def test_an_inserted_provision_is_a_sibling_of_the_one_it_follows() -> None:
    text = "5.1 Each Party shall notify.\n\n5.2 The notice shall be in writing.\n\n5.2(bis) A notice may be sent electronically.\n\n5.3 Notices take effect on receipt.\n"
    document = aseandocs.parse(text)
    assert summary(document)["nodes"] == ["5.1", "5.2", "5.2(bis)", "5.3"]


def test_recitals_run_together_in_capitals_and_after_a_comma() -> None:
    text = (
        "THE GOVERNMENT OF AUSTRALIA AND THE GOVERNMENT OF PAPUA NEW GUINEA, BEARING IN MIND the close trading "
        "relations between their two countries, ACKNOWLEDGING their respective rights and obligations, DESIRING to "
        "strengthen trade, and HAVING RESOLVED to establish a Free Trade Area, owing to their shared interests, "
        "HAVE AGREED as follows: ARTICLE 1 Objectives 1. The objectives of this Agreement are to promote trade. "
        "2. The Parties shall cooperate. ARTICLE 2 Definitions For the purposes of this Agreement, as set out in "
        "Article 1 of this Agreement, the terms have their usual meaning. DONE at Port Moresby on 6 December 1976."
    )
    text += " " * (2600 - len(text))
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert [p.verb for p in document.preamble] == ["BEARING IN MIND", "ACKNOWLEDGING", "DESIRING", "HAVING"]
    assert summary(document)["nodes"] == ["1", "1/1", "1/2", "2"]


CONTENTS = """\
AGREEMENT ON TRADE

TABLE OF CONTENTS
Article 1: Definitions
Article 2: Objectives
Article 3: Tariff Reduction
Article 4: Final Provisions

The Parties,

RECALLING the Framework Agreement;

HAVE AGREED AS FOLLOWS:

Article 1
Definitions
For the purposes of this Agreement, the terms have their usual meaning.

Article 2
Objectives
The objectives are to liberalise trade.

Article 3
Tariff Reduction
Each Party shall reduce its tariffs.

Article 4
Final Provisions
This Agreement enters into force on signature.
"""


def test_a_table_of_contents_is_no_structure() -> None:
    document = aseandocs.parse(CONTENTS)
    assert aseandocs.render(document) == CONTENTS
    assert summary(document) == {"preambular": 1, "operative": 0, "closing": False, "nodes": ["1", "2", "3", "4"]}
    # Articles printed once, each a line, are articles all the same.
    once = CONTENTS.split("The Parties,")[0].replace("TABLE OF CONTENTS\n", "")
    assert summary(aseandocs.parse(once))["nodes"] == ["1", "2", "3", "4"]


def test_bullets_after_an_operative_formula_are_operative_paragraphs() -> None:
    text = (
        "WE, the Ministers of the Member States,\n\nRECOGNISING the need for cooperation;\n\n"
        "HEREBY DECLARE:\n\n**Trade**\n\n- To reduce barriers to trade;\n\n- To task the officials to report.\n\n"
        "**Connectivity**\n\nThe Ministers will meet again in 2026.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document) == {"preambular": 1, "operative": 3, "closing": False, "nodes": []}
    assert not document.diagnostics  # "To reduce", "To task": no unknown-verb finding


def test_formulas_hold_in_capitals() -> None:
    text = (
        "DECISION OF THE COUNCIL\n\nTHE COUNCIL,\n\nHaving regard to Article 41 of the Convention;\n\n"
        "Having regard to the application of Iceland;\n\nConsidering that the conditions are met;\n\n"
        "DECIDES:\n\n1. Iceland shall accede to the Convention.\n\n2. The Secretary-General shall notify the Members.\n"
    )
    document = aseandocs.parse(text)
    assert [n.kind for n in document.children][:2] == ["title", "formula"]
    assert summary(document) == {"preambular": 3, "operative": 2, "closing": False, "nodes": ["1", "2"]}
    assert document.doc_type == "decision"


def test_an_ocr_damaged_keyword_is_read_where_the_sequence_asks_for_it() -> None:
    text = "Article 4\n\nThe Parties shall cooperate.\n\nARTlCLE 5\n\nThe Parties shall report.\n\nArticle 6\n\nIn force.\n"
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["4", "5", "6"]
    assert [(d.line, d.code) for d in document.diagnostics] == [(5, "ocr-label")]
    # Out of sequence, the damaged word is text.
    assert summary(aseandocs.parse(text.replace("ARTlCLE 5", "ARTlCLE 9")))["nodes"] == ["4", "6"]


def test_paragraphs_under_numbered_headings_of_the_operative_part_are_operative() -> None:
    text = (
        "THE COUNCIL,\n\nHaving regard to Article 41 of the Convention;\n\nDECIDES:\n\nI.\n\n"
        "1. Iceland shall accede to the Convention.\n\n2. The Secretary-General shall notify the Members.\n\n"
        "II.\n\n3. This Decision enters into force on 1 March.\n"
    )
    document = aseandocs.parse(text)
    assert summary(document) == {"preambular": 1, "operative": 3, "closing": False, "nodes": ["I", "I/1", "I/2", "II", "II/3"]}
    # Articles are articles: their paragraphs are no operative paragraphs.
    treaty = text.replace("DECIDES:", "HAVE AGREED AS FOLLOWS:").replace("I.\n", "Article 1\n").replace("II.\n", "Article 2\n")
    assert summary(aseandocs.parse(treaty))["operative"] == 0


def test_a_title_in_capitals_run_into_a_one_line_text() -> None:
    text = "MainText:\nAGREEMENT ON COMMERCE BETWEEN INDIA AND JAPAN The Government of India and the Government of Japan, "
    text += "Being desirous of developing commerce, Have agreed as follows: ARTICLE I 1. Each Party shall accord treatment. "
    text += "ARTICLE II 1. This Agreement enters into force. Done at New Delhi on 4 February 1958."
    text += " " * (2700 - len(text)) + "\n"
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert document.printed_title == "AGREEMENT ON COMMERCE BETWEEN INDIA AND JAPAN"
    assert document.doc_type == "agreement"
    assert summary(document)["preambular"] == 1


AMENDING_PROTOCOL = """\
PROTOCOL AMENDING THE CONVENTION ON FISHERIES
The States Parties to the Convention,
Desirous of updating the rules on licences,
Have agreed as follows:
ARTICLE I
Replace Article 7 of the Convention with the following:
ARTICLE 7
Licences
1. Each Party shall issue licences.
2. A licence is valid for one year.
ARTICLE II
Insert the following new Article 7a:
\u00a0ARTICLE 7a
Fees
1. Fees shall be paid annually.
ARTICLE III
ARTICLE 8
Records
1. Each Party shall keep a register of licences.
ARTICLE IV
This Protocol shall enter into force on signature.
DONE at Suva on 3 May 1999.
"""


def test_labels_of_the_text_an_amending_provision_inserts_are_not_nodes() -> None:
    document = aseandocs.parse(AMENDING_PROTOCOL)
    assert aseandocs.render(document) == AMENDING_PROTOCOL
    # ARTICLE 7 and its paragraphs are the content of ARTICLE I; ARTICLE 8 continues the
    # inserted articles where ARTICLE III printed no lead-in.
    assert summary(document) == {"preambular": 1, "operative": 0, "closing": True, "nodes": ["I", "II", "III", "IV"]}


def test_the_inserted_text_ends_at_the_next_label_of_the_amending_provision() -> None:
    text = (
        "The Governments of A and B,\nAGREE:\n"
        "FIRST: Article 2 of the Agreement is amended to read as follows:\n"
        '"Article 2\n1. The Council meets twice a year.\n2. It decides by consensus."\n'
        "SECOND: This Protocol enters into force on signature.\n"
        "EIGHTH: Nothing is lost.\n"
        "NINTH: Done twice.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["FIRST", "SECOND", "EIGHTH", "NINTH"]


def test_a_list_counter_before_a_keyword_label_in_capitals() -> None:
    text = "ARTICLE I\nScope\n\t1.\tThis Agreement applies to trade.\n\t2.\tARTICLE II\n\t3.\tIt applies to services.\n"
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["I", "I/1", "II", "II/3"]


STANDARDS_WITH_MODULES = """\
# **Contents**

# **Module A – Display of warnings on deck**

- 1 Display 2 Sound

# **Module B – Logging of warnings**

- 3 Logging

# **MODULE A – DISPLAY OF WARNINGS ON DECK**

# **1 Display**

1.1 Warnings should be visible.

# **_1.2 Colours of warnings_**

1.2.1 Red is for danger.

1.2.2 Yellow is for caution.

# **2 Sound**

2.1 Warnings should be audible (see file B3_SOUND).

# **MODULE B – LOGGING OF WARNINGS**

# **3 Logging**

3.1 Warnings should be logged.
"""


def test_division_words_with_letters_hold_the_sections_numbered_through_them() -> None:
    document = aseandocs.parse(STANDARDS_WITH_MODULES)
    assert aseandocs.render(document) == STANDARDS_WITH_MODULES
    # The index's entries are not nodes; multi-level numbers in headings are labels; a
    # digit inside a file name ("B3_SOUND") is no footnote mark.
    assert summary(document)["nodes"] == [
        "A", "A/1", "A/1/1.1", "A/1/1.2", "A/1/1.2/1.2.1", "A/1/1.2/1.2.2", "A/2", "A/2/2.1", "B", "B/3", "B/3/3.1",
    ]  # fmt: skip


def test_a_section_letter_that_is_also_a_roman_numeral_is_read_by_its_sequence() -> None:
    text = "Section A - Council\n\nArticle 1\n\nSection B - Court\n\nArticle 2\n\nSection C - Bank\n\nArticle 3\n"
    assert summary(aseandocs.parse(text))["nodes"] == ["A", "A/1", "B", "B/2", "C", "C/3"]


def test_parts_of_an_annex_end_where_the_chapters_resume() -> None:
    text = (
        "CHAPTER 1\nGENERAL\n\nArticle 1.1\nScope\n\nANNEX 1\nLISTS\n\nPART A. LIST OF X\n\nPART B. LIST OF Y\n\n"
        "CHAPTER 2\nFINAL\n\nArticle 2.1\nEntry into force\n"
    )
    assert summary(aseandocs.parse(text))["nodes"] == ["1", "1/1.1", "A", "B", "2", "2/2.1"]
    # Without an annex between them, a division holds the articles that follow it.
    text = "Article 1\nScope\n\nTITLE I\nTRADE\n\nArticle 2\nDuties\n\nTITLE II\nFINAL\n\nArticle 3\nEntry\n"
    assert summary(aseandocs.parse(text))["nodes"] == ["1", "I", "I/2", "II", "II/3"]


def test_a_signing_formula_under_the_signatures_is_the_closing() -> None:
    text = (
        "The Government of A and the Government of B hereby agree as follows:\n\n"
        "1\\. That a cease fire be ordered.\n\n2\\. That this agreement binds both parties.\n\n"
        "For the Government of A JOHN SMITH, Chairman\n\nFor the Government of B JAN JANSEN, Chairman\n\n"
        "The signatures appearing above were hereunto subscribed this 3rd day of May 1950, on board the ship.\n\n"
        "Witnesses: MR. X (Chair), MR. Y (Member) and MR. Z (Member), who sat with the parties on board.\n"
    )
    document = aseandocs.parse(text)
    assert summary(document) == {"preambular": 0, "operative": 2, "closing": True, "nodes": ["1", "2"]}


def test_two_recitals_run_together_in_one_paragraph_count_twice() -> None:
    text = (
        "We, the States of A and B, hereby declare the union of our peoples.\n\n"
        "Desirous of building lawful and democratic States,\n\n"
        "Confirming our adherence to the purposes and principles of the Charter of the United Nations, "
        "Undertaking to abide by the universally recognized norms relating to human rights,\n\n"
        "We have agreed as follows:\n\nArticle 1\n\nThe Parties form a union.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["preambular"] == 3
    # A name in title case after a comma is no second recital.
    named = text.replace("Undertaking to abide by the universally recognized norms", "Stockpiling and Use of Chemical Weapons")
    assert summary(aseandocs.parse(named))["preambular"] == 2


def test_a_long_parties_clause_that_runs_into_its_formula() -> None:
    parties = ", ".join(f"the Government of the Republic of Country Number {n}, represented by its Minister of Foreign Affairs" for n in range(1, 8))
    text = f"{parties}, have agreed as follows:\n\n1. The Parties shall cooperate.\n\n2. This Agreement enters into force on signature.\n"
    assert 600 < len(parties) < 1200
    assert summary(aseandocs.parse(text)) == {"preambular": 0, "operative": 2, "closing": False, "nodes": ["1", "2"]}


def _one_line(text: str) -> str:
    """A text kept on one line, padded past the length at which it reads as run-on."""
    filler = " the parties shall cooperate in good faith." * 70
    return text.replace("FILLER", filler) + "\n"


def test_one_line_treaty_with_glued_items_and_an_annex_after_the_closing() -> None:
    text = _one_line(
        "the contracting parties,conscious of the need to act,have agreed as follows: ARTICLE 1 definitions"
        "1. \"region\" means the sea.2. \"interests\" include:a. ports;b. fishing; andc. tourism. ARTICLE 2 meetings"
        "1. the parties shall meet.FILLER in witness whereof the undersigned have signed this protocol. "
        "done at nairobi this first day of june 1985 ANNEX on arbitration ARTICLE 1the tribunal shall decide. "
        "ARTICLE 21. the tribunal shall meet.2. it shall decide by majority."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    got = summary(document)
    assert got["closing"] is True
    assert got["nodes"] == ["1", "1/1", "1/2", "1/2/a", "1/2/b", "1/2/c", "2", "2/1", "1", "2", "2/1", "2/2"]


def test_a_one_line_text_cut_at_its_start_opens_its_articles_late() -> None:
    text = _one_line(
        "protocol on land-based sourcessource: in accordance with article vii of the convention, the parties shall act."
        " ARTICLE 2 each party shall report.FILLER ARTICLE 3 the parties shall meet. ARTICLE 4 this protocol enters into force."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["2", "3", "4"]


def test_capital_letter_items_of_a_one_line_text() -> None:
    text = _one_line(
        "the parties,have agreed as follows: ARTICLE 1 origin1. goods originate in a state if they are:(a) raw products, or"
        " (b) made goods where (i) the last process was there, and (ii) the expenditure (A) on material, (B) on labour,"
        " or (C) on both is half their cost.FILLER ARTICLE 2 entry into force this agreement enters into force."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/1", "1/1/a", "1/1/b", "1/1/b/i", "1/1/b/ii", "1/1/b/ii/A", "1/1/b/ii/B", "1/1/b/ii/C", "2"]


def test_a_decimal_number_stands_where_its_unprinted_paragraph_would() -> None:
    text = "Regulation 1\n\n1. Ships shall comply.\n\n2. Parties shall report.\n\n3.1 New ships shall be fitted:\n\n.1 with a filter; and\n\n.2 with a meter.\n\n3.2 Old ships shall be fitted later.\n\n4. Parties shall inspect.\n"
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/1", "1/2", "1/3.1", "1/3.1/1", "1/3.1/2", "1/3.2", "1/4"]
    # Inside a printed paragraph 3, its decimals stay in it.
    printed = text.replace("3.1 New", "3. Fitting:\n\n3.1 New")
    assert summary(aseandocs.parse(printed))["nodes"] == ["1", "1/1", "1/2", "1/3", "1/3/3.1", "1/3/3.1/1", "1/3/3.1/2", "1/3/3.2", "1/4"]


def test_bare_numbers_opening_paragraphs_count_where_the_numbered_paragraphs_continue_them() -> None:
    text = (
        "I INTRODUCTION\n\n1 Trade facilitation drives growth and\nintegration in the region.\n\n"
        "2 Several obligations already\ninform the relations of the members.\n\n"
        "3. The framework consolidates them.\n\n"
        "II SCOPE\n\n4. The framework covers customs and transport.\n\n5. It is reviewed every year.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    # The dotted numbers continue the bare ones: 3 is beside 2, not inside it.
    assert summary(document)["nodes"] == ["I", "I/1", "I/2", "I/3", "II", "II/4", "II/5"]
    # Footnotes open with runs of bare numbers too: without the paragraphs continuing
    # them, they are text.
    notes = "1. The Assembly decides.\n\n______\n\n2 United Nations, Treaty Series, vol. 1015.\n\n3 Ibid., vol. 1974.\n"
    assert summary(aseandocs.parse(notes))["nodes"] == ["1"]


def test_the_first_paragraph_of_an_xml_article_keeps_its_own_number() -> None:
    text = (
        "<akomaNtoso><act><body>"
        "<article eId=\"art_1\"><num>Article 1</num>"
        "<paragraph eId=\"art_1__para_1\"><num>(1)</num><content><p>Goods bearing a false origin shall be seized.</p></content></paragraph>"
        "<paragraph eId=\"art_1__para_2\"><num>(2)</num><content><p>Seizure shall also take place on import.</p></content></paragraph>"
        "</article>"
        "<article eId=\"art_2\"><num>Article 2</num><heading>Procedure</heading>"
        "<paragraph eId=\"art_2__para_1\"><num>(1)</num><content><p>The customs shall inform the owner.</p></content></paragraph>"
        "</article></body></act></akomaNtoso>\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/1", "1/2", "2", "2/1"]


def test_recitals_of_a_french_one_line_text_with_its_language_named() -> None:
    text = _one_line(
        "protocole sur la peche source: les parties contractantes, conformément à leur mission commune,"
        " reconnaissant que la mer est fragile, conscientes du fait que la peche est essentielle,"
        " considérant les besoins des populations, sont convenues de ce qui suit: ARTICLE 1 objet"
        " le present protocole protege la mer.FILLER ARTICLE 2 entree en vigueur le protocole entre en vigueur."
    )
    document = aseandocs.parse(text, language="fr")
    assert aseandocs.render(document) == text
    got = summary(document)
    assert (got["preambular"], got["nodes"]) == (4, ["1", "2"])
    # Read as English only, the French recitals are none.
    assert summary(aseandocs.parse(text))["preambular"] == 0


def test_the_participles_of_a_language_are_read_by_their_endings() -> None:
    from aseandocs.vocabulary import DEFAULT_VOCABULARY

    spanish = DEFAULT_VOCABULARY.extended(participle_endings=("ando", "iendo"), not_participles={"cuando"})
    assert spanish.preambular_phrase("Reconociendo la importancia del medio ambiente") == "Reconociendo"
    assert spanish.preambular_phrase("Cuando las partes lo decidan") is None
    assert DEFAULT_VOCABULARY.preambular_phrase("Reconociendo la importancia") is None
    # A word in another script or with accents is read whole.
    assert DEFAULT_VOCABULARY.extended(participle_endings=("ant",)).preambular_phrase("Considérant que") == "Considérant"


def test_an_item_after_one_that_ends_with_a_semicolon_and_or_is_no_wrapped_line() -> None:
    text = (
        "Nothing in this Agreement shall be construed:\n(a) to require any Party to disclose information;\n"
        "(b) to prevent any Party from taking any action:\n(i) relating to fissionable materials;\n"
        "(ii) taken in time of war or other emergency in\ninternational relations; or\n"
        "(c) to prevent any Party from acting under the Charter.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["a", "b", "b/i", "b/ii", "c"]


def test_a_numbered_list_after_a_lettered_item_is_that_item_s_own() -> None:
    text = (
        "1. Each Party shall keep records.\n"
        "2. The records shall show:\n"
        "(a) the permits issued, in particular:\n"
        "1. their holders;\n"
        "2. their terms;\n"
        "(b) the inspections made.\n"
        "3. Records are kept for five years.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "2", "2/a", "2/a/1", "2/a/2", "2/b", "3"]


def test_lettered_headings_of_a_one_line_annex_hold_their_numbered_lists() -> None:
    text = _one_line(
        "the parties,have agreed as follows: ARTICLE 1 the parties shall act. ANNEX ifactors to be weighed"
        " 1. the size of the source. 2. the kind of source, as follows: a. its nature1. industrial.2. municipal."
        "b. its output1. the volume.2. the pattern, with:a) its season;b) its peaks.c. its site1. the coast."
        " 3. the cost of control.FILLER"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == [
        "1", "1", "2", "2/a", "2/a/1", "2/a/2", "2/b", "2/b/1", "2/b/2", "2/b/2/a", "2/b/2/b", "2/c", "2/c/1", "3",
    ]


def test_an_item_glued_to_a_closing_bracket_is_a_reference() -> None:
    text = _one_line(
        "the parties,have agreed as follows: ARTICLE 1 each party:a) shall apply paragraph (5)(a) or (5)(b) of"
        " regulation 13;b) shall report.FILLER ARTICLE 2 this agreement enters into force."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/a", "1/b", "2"]


def test_an_enacting_verb_in_capitals_with_its_object_is_the_operative_formula() -> None:
    text = (
        "The Governments of the Republic of A and the Kingdom of B,\n"
        "AGREE to conclude this Protocol on river transport:\n"
        "FIRST: Vessels of each Party may use the ports of the other.\n"
        "SECOND: The Parties shall exchange their port charges.\n"
        "Done at Riverton on the first day of May 1990.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    got = summary(document)
    assert (got["operative"], got["closing"], got["nodes"]) == (2, True, ["FIRST", "SECOND"])


def test_an_operative_formula_split_by_a_blank_line_is_read_whole() -> None:
    text = (
        "The Governments of the Republic of A and the Kingdom of B,\n"
        "AGREE to conclude this Protocol amending the Treaty of\n"
        "\n"
        "Friendship and Navigation between them:\n"
        "\n"
        "FIRST: Article 3 of the Treaty is deleted.\n"
        "SECOND: This Protocol enters into force on signature.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["operative"] == 2


def test_list_glyphs_of_pdf_extracts_are_bullets() -> None:
    text = (
        "WE, the Ministers of Trade,\n"
        "HEREBY DECLARE:\n"
        "⎯ to lower the duties on raw materials;\n"
        "● to meet every year to review progress.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["operative"] == 2


def test_bullets_that_run_up_to_the_operative_formula_are_its_recitals() -> None:
    text = (
        "The Governments of the Republic of A and the Kingdom of B,\n"
        "⎯ In keeping with the treaty of friendship between them;\n"
        "⎯ And on the basis of the close ties between their peoples;\n"
        "HAVE AGREED AS FOLLOWS:\n"
        "Article 1\n"
        "The Parties shall cooperate in trade.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    got = summary(document)
    assert (got["preambular"], got["operative"], got["nodes"]) == (2, 0, ["1"])


def test_ordinal_clauses_in_capitals_of_a_one_line_text() -> None:
    text = _one_line(
        "the parties,have agreed as follows: ARTICLE 1 the parties shall act.FILLER in witness whereof they have signed."
        " done at lima this first day of may 1990 ANNEX I rules of origin FIRST.- goods originate where they are:"
        " a) grown there; b) made there. SECOND.- the parties may agree on other rules. FOURTH.- a third clause"
        " lost its label before this one. FIFTH.- these rules may be reviewed."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "FIRST", "FIRST/a", "FIRST/b", "SECOND", "FOURTH", "FIFTH"]


def test_numbers_wrapped_in_brackets_are_lists_of_a_one_line_text() -> None:
    text = _one_line(
        "the parties,have agreed as follows: ARTICLE 1 the commission shall: 1) meet each year; 2) report to the"
        " parties.FILLER ARTICLE 2 1. each party shall act.2.(1) it may ask for advice. (2) it may not refuse a request"
        " made under paragraph (1) of this article. ARTICLE 3 this agreement enters into force."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/1", "1/2", "2", "2/1", "2/2", "2/2/1", "2/2/2", "3"]


def test_an_ocr_capital_i_for_one_is_continued_by_two() -> None:
    text = (
        "Article 1\n"
        "I. Each Party shall grant the other most-favoured-nation treatment.\n"
        "2. The provisions of paragraph I shall not apply to frontier traffic.\n"
        "Article 2\n"
        "This Agreement enters into force on signature.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/I", "1/2", "2"]
    assert any(d.code == "ocr-label" for d in document.diagnostics)


def test_an_ocr_capital_i_opens_the_paragraphs_of_a_one_line_article() -> None:
    text = _one_line(
        "the parties,have agreed as follows: ARTICLE I I. each party shall grant the other fair treatment. 2. the"
        " provisions of paragraph I shall not apply to frontier traffic.FILLER ARTICLE II this agreement enters into force."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["I", "I/I", "I/2", "II"]


def test_a_lower_case_keyword_glued_to_its_heading_where_the_sequence_expects_it() -> None:
    text = _one_line(
        "the parties,have agreed as follows: article 1 scope1. this agreement covers trade.FILLER article 2 exceptions"
        " it does not cover arms. article 3review the parties shall review this agreement, as article 2shall not apply."
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "1/1", "2", "3"]


def test_a_list_run_into_its_paragraph_after_a_colon() -> None:
    text = (
        "1. The Parties shall cooperate.\n"
        "2. The work shall cover the following areas: a) customs procedures; b) transport\n"
        "links; and c) standards. Other areas may be added by consensus.\n"
        "3. The ministers shall meet yearly, as provided in paragraph 2: they may also meet at other times.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "2", "2/a", "2/b", "2/c", "3"]


def test_a_label_that_goes_on_with_the_list_above_is_not_a_wrapped_line() -> None:
    # "(c)" follows "(b)", whose own sub-items came between; the line before it stops
    # mid-sentence and "(c)" is followed by a lower-case word, as wrapped references are.
    text = (
        "(a) a service means any service;\n"
        "(b) a person of a Party means a person who is either:\n"
        "(i) a national of that Party; or\n"
        "(ii) a company owned by persons referred to under\n"
        "subparagraph (i)\n"
        "(c) a measure means any law or regulation;\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["a", "b", "b/i", "b/ii", "c"]


def test_a_list_opened_after_a_comma_or_colon_is_not_a_wrapped_line() -> None:
    text = (
        "(a) a person means a natural person;\n"
        "(b) a sector of a service means,\n"
        "(i) with reference to a commitment, one or more of its subsectors,\n"
        "(ii) otherwise, the whole of that sector;\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["a", "b", "b/i", "b/ii"]


def test_a_number_wrapped_after_the_noun_of_a_provision_is_a_reference() -> None:
    # The reference wraps before its number, and the next sentence opens in capitals.
    text = (
        "1. Each Party shall publish its measures.\n"
        "2. Each Party shall enter into consultations on the measures referred to in paragraph\n"
        "1. The Party addressed shall reply within thirty days.\n"
        "ARTICLE 3: CONTACT POINTS\n"
        "1. Each Party shall designate a contact point.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == ["1", "2", "3", "3/1"]


def test_a_short_treaty_run_onto_one_line_is_read() -> None:
    # Far shorter than the long lines of research datasets, but the same shape: recitals,
    # the enacting formula, then articles in sequence (a cross-reference among them).
    text = (
        "the states parties to this convention,recognizing the need to protect the sea,"
        "considering that pollution is a threat,have agreed as follows:article 1 definitions "
        'for the purposes of this convention: 1. "pollution" means the introduction of substances; '
        '2. "party" means a state party. article 2 general obligations 1. the parties shall take '
        "all measures. 2. the parties shall co-operate, as provided in article 1 thereof. "
        "article 3 entry into force this convention shall enter into force on the thirtieth day. "
        "in witness whereof the undersigned have signed this convention. done at bangkok this "
        "tenth day of may 1990.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    got = summary(document)
    assert got["preambular"] == 2
    assert got["nodes"] == ["1", "1/1", "1/2", "2", "2/1", "2/2", "3"]
    assert got["closing"]


def test_a_paragraph_line_that_cites_articles_is_not_run_on_text() -> None:
    text = (
        "The Parties have agreed as follows: the obligations under Article 1 and Article 2 of the "
        "Charter shall continue to apply, and nothing in this Agreement shall affect the rights of "
        "either Party under the agreements referred to in Article 3 of the Framework Agreement, "
        "which both Parties have signed and ratified in accordance with their laws.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert summary(document)["nodes"] == []


RESOLUTION_HEADER = """\
United Nations A/RES/75/123 General Assembly Distr.: General 10 December 2020

Resolution adopted by the General Assembly on 7 December 2020

75/123. Agreement on cooperation between the United Nations and the Pacific Community

The General Assembly,

Recalling its resolution 73/259 of 21 December 2018,

1. Welcomes the agreement;
"""


def test_the_line_before_the_formula_of_a_resolution_is_its_title() -> None:
    document = aseandocs.parse(RESOLUTION_HEADER)
    assert aseandocs.render(document) == RESOLUTION_HEADER
    # The resolution's number is its symbol; the body that enacts it makes it a resolution,
    # whatever its title names.
    assert document.printed_title == "Agreement on cooperation between the United Nations and the Pacific Community"
    assert document.doc_type == "resolution"


def test_a_place_and_date_line_before_the_formula_is_no_title() -> None:
    text = (
        "Bangkok, 3 November 2019\n\n"
        "WE, the Heads of State/Government of the Member States of ASEAN,\n\n"
        "RECALLING the ASEAN Charter;\n\n"
        "HEREBY DECLARE:\n\n"
        "1. To strengthen cooperation.\n"
    )
    document = aseandocs.parse(text)
    assert document.printed_title is None
    assert summary(document)["preambular"] == 1


def test_a_top_heading_below_a_source_note_is_the_title() -> None:
    text = (
        "English text published by the Commission.\n\n"
        "See: [the original](https://example.org/original.pdf)\n\n"
        "----\n"
        "# AGREEMENT ESTABLISHING THE PACIFIC FISHERIES COUNCIL\n\n"
        "The Parties to this Agreement,\n\n"
        "Recognising the value of the fisheries,\n\n"
        "Have agreed as follows:\n\n"
        "Article 1\n\nThe Council is established.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert document.printed_title == "AGREEMENT ESTABLISHING THE PACIFIC FISHERIES COUNCIL"


def test_an_annex_heading_below_prose_is_not_the_title() -> None:
    text = "Page 1 of the report\n\n# ANNEX 2\n\n# RESOLUTION 12 (adopted on 3 May 2010)\n\nTHE COMMITTEE,\n\nRECALLING its rules,\n"
    document = aseandocs.parse(text)
    assert document.printed_title is None or not document.printed_title.startswith("ANNEX")


def test_a_heading_that_ends_with_a_colon_before_its_subtitle_is_part_of_the_title() -> None:
    text = (
        "###### Joint Declaration:\n\n"
        "###### A Strengthened Partnership for Peace and Growth\n\n"
        "The two leaders met in Tokyo on 4 June 2015.\n"
    )
    document = aseandocs.parse(text)
    assert aseandocs.render(document) == text
    assert document.printed_title == "Joint Declaration: A Strengthened Partnership for Peace and Growth"

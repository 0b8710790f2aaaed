"""Generated documents: any tree built from the founding styles renders and parses back equal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import aseandocs
from aseandocs import Clause, Document, Formula, OperativeParagraph, Paragraph, PreambularParagraph, Section
from aseandocs.numbering import roman_value

from test_editing import shape

NEUTRAL = ["maritime", "security", "cooperation", "region", "partners", "programme", "capacity", "trade", "data"]
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
PARTICIPLES = ["Recalling", "Reaffirming", "Noting with concern", "Deeply concerned", "Bearing in mind", "RECOGNISING"]
VERBS = ["Urges", "Requests", "Decides", "Calls upon", "Encourages", "STRENGTHEN", "PROMOTE"]

words = st.lists(st.sampled_from(NEUTRAL), min_size=2, max_size=8).map(" ".join)
heading = st.lists(st.sampled_from(NEUTRAL), min_size=1, max_size=4).map(lambda w: " ".join(x.capitalize() for x in w))
sentence = words.map(lambda w: "The " + w + ".")
wrapped = st.tuples(words, words).map(lambda p: f"The {p[0]}\n{p[1]}.")


@st.composite
def lettered(draw: st.DrawFn) -> tuple[Clause, ...]:
    count = draw(st.integers(0, 4))
    style = draw(st.sampled_from(["{}.", "({})", "{})"]))
    return tuple(Clause(num=style.format(chr(97 + i)), text=draw(sentence)) for i in range(count))


@st.composite
def plain_statement(draw: st.DrawFn) -> Document:
    intro = tuple(Paragraph(text=draw(st.one_of(sentence, wrapped))) for _ in range(draw(st.integers(0, 2))))
    sections = []
    for s in range(draw(st.integers(1, 4))):
        clauses = tuple(
            Clause(num=f"{c + 1}.", text=draw(sentence), children=draw(lettered()))
            for c in range(draw(st.integers(0, 4)))
        )
        sections.append(Section(num=ROMANS[s] + ".", text=draw(heading), children=clauses))
    return Document(children=intro + tuple(sections))


@st.composite
def resolution(draw: st.DrawFn) -> Document:
    preamble = tuple(
        PreambularParagraph(text=f"{draw(st.sampled_from(PARTICIPLES))} the {draw(words)},")
        for _ in range(draw(st.integers(1, 5)))
    )
    operative = tuple(
        OperativeParagraph(num=f"{i + 1}.", text=f"{draw(st.sampled_from(VERBS))} the {draw(words)};", children=draw(lettered()))
        for i in range(draw(st.integers(1, 6)))
    )
    return Document(children=(Formula(text="The General Assembly,"), *preamble, *operative))


@settings(deadline=None)
@given(st.one_of(plain_statement(), resolution()))
def test_generated_documents_parse_back_equal(document: Document) -> None:
    text = aseandocs.render(document)
    parsed = aseandocs.parse(text)
    assert aseandocs.render(parsed) == text
    assert shape(parsed) == shape(document)
    assert parsed.diagnostics == ()


@settings(deadline=None)
@given(st.text())
def test_arbitrary_text_round_trips(text: str) -> None:
    assert aseandocs.render(aseandocs.parse(text)) == text


def test_roman_values() -> None:
    assert [roman_value(r) for r in ROMANS] == list(range(1, 11))
    assert roman_value("MCMXCIV") == 1994
    assert roman_value("IIII") is None and roman_value("") is None

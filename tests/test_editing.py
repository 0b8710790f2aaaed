"""Editing a tree: replaced nodes render their new content, everything else is untouched;
documents built in code render in a canonical layout that parses back to the same structure."""

from __future__ import annotations

from pathlib import Path

import aseandocs
from aseandocs import Clause, Document, Formula, OperativeParagraph, Paragraph, PreambularParagraph, Section

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def shape(document: Document) -> list[tuple[int, str, str | None, str]]:
    """Kind, label and text of every node with its depth: the structure without layout."""
    out = []
    stack = [(0, n) for n in reversed(document.children)]
    while stack:
        depth, node = stack.pop()
        out.append((depth, node.kind, getattr(node, "num", None), node.plain_text))
        stack.extend((depth + 1, c) for c in reversed(getattr(node, "children", ())))
    return out


def test_replacing_a_clause_changes_only_its_text() -> None:
    text = (CORPUS / "000_c8477260cb17f9e1.txt").read_bytes().decode("utf-8")
    document = aseandocs.parse(text)
    section = document.sections[1]
    clause = section.children[1]
    assert clause.text.startswith("Working towards development of an ASEAN Charter")
    edited_clause = clause.model_copy(update={"text": "Drafting an ASEAN Charter."})
    edited_section = section.model_copy(update={"children": (section.children[0], edited_clause, *section.children[2:])})
    children = list(document.children)
    children[children.index(section)] = edited_section
    edited = document.model_copy(update={"children": tuple(children)})

    expected = text.replace(clause.text, "Drafting an ASEAN Charter.", 1)
    assert expected != text
    assert aseandocs.render(edited) == expected
    assert aseandocs.render(document) == text  # the original is untouched (frozen)


def test_renumbering_keeps_the_layout_around_the_label() -> None:
    text = "1.\u00a0 STRENGTHEN cooperation;\r\n\r\n2.\u00a0 PROMOTE peace.\r\n"
    document = aseandocs.parse(text)
    first = document.children[0].model_copy(update={"num": "(a)"})
    edited = document.model_copy(update={"children": (first, document.children[1])})
    assert aseandocs.render(edited) == "(a)\u00a0 STRENGTHEN cooperation;\r\n\r\n2.\u00a0 PROMOTE peace.\r\n"


def test_node_is_frozen() -> None:
    document = aseandocs.parse("1. Text.\n")
    try:
        document.children[0].text = "other"  # type: ignore[misc]
    except Exception as error:  # pydantic raises ValidationError for frozen instances
        assert "frozen" in str(error)
    else:
        raise AssertionError("nodes must be immutable")


def test_document_built_in_code_renders_canonically() -> None:
    built = Document(
        children=(
            Section(
                num="I.",
                text="Maritime Cooperation",
                children=(
                    Clause(num="1.", text="Sharing information on maritime threats:", children=(
                        Clause(num="a.", text="Regular exchange of data;"),
                        Clause(num="b.", text="Joint patrols."),
                    )),
                    Clause(num="2.", text="Training of coast guards."),
                ),
            ),
            Section(num="II.", text="Review", children=(Paragraph(text="The plan is reviewed every year."),)),
        )
    )
    text = aseandocs.render(built)
    assert text == (
        "I. Maritime Cooperation\n\n1. Sharing information on maritime threats:\n\n"
        "a. Regular exchange of data;\n\nb. Joint patrols.\n\n2. Training of coast guards.\n\n"
        "II. Review\n\nThe plan is reviewed every year."
    )
    assert shape(aseandocs.parse(text)) == shape(built)


def test_resolution_built_in_code_parses_back() -> None:
    built = Document(
        children=(
            Formula(text="The General Assembly,"),
            PreambularParagraph(text="Recalling its previous resolutions on the subject,"),
            PreambularParagraph(text="Deeply concerned by the situation in the region,"),
            OperativeParagraph(num="1.", text="Urges all States to cooperate;"),
            OperativeParagraph(num="2.", text="Requests the Secretary-General to report;", children=(
                Clause(num="(a)", text="on progress made;"),
            )),
            OperativeParagraph(num="3.", text="Decides to remain seized of the matter."),
        )
    )
    parsed = aseandocs.parse(aseandocs.render(built))
    assert shape(parsed) == shape(built)
    assert [p.verb for p in parsed.preamble] == ["Recalling", "Deeply concerned"]
    assert [p.verb for p in parsed.operative] == ["Urges", "Requests", "Decides"]

"""No input reaches Python's recursion limit: walking, rendering and dumping work at any depth.

Parsing keeps trees at most ``structure.MAX_DEPTH`` deep (deeper labels become siblings,
with a ``depth`` diagnostic), however deep the input asks to go. A document built in code
has no such limit: walking and rendering are iterative, and so must dumping be.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from aseandocs import Clause, Document, Item, OperativeParagraph, Paragraph, Section, parse, render
from aseandocs.structure import MAX_DEPTH
from conftest import slow

BUILT_DEPTH = 5_000


# ---- deep input to the parser --------------------------------------------------------------


def _staircase(levels: int, label: str = "1.", step: str = " ") -> str:
    """``levels`` lines, each indented one step more than the last: each asks for a new level."""
    return "".join(step * k + f"{label} Item at level {k + 1}\n" for k in range(levels))


def _decimal_ladder(levels: int) -> str:
    """``1``, ``1.1``, ``1.1.1`` ... each label one component longer: a new level each."""
    return "".join(".".join(["1"] * k) + f" Item at level {k}\n" for k in range(2, levels + 2))


def _check_parsed_deep(text: str, levels: int) -> Document:
    doc = parse(text)
    assert render(doc) == text
    assert doc.depth == MAX_DEPTH
    assert len(doc.nodes()) == levels
    depth_findings = [d for d in doc.diagnostics if d.code == "depth"]
    assert len(depth_findings) == levels - MAX_DEPTH
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    return doc


@pytest.mark.parametrize("label", ["1.", "(a)", "(i)", "a)", "-", "Article 1"])
def test_indented_staircase_is_kept_at_max_depth(label: str) -> None:
    levels = 300
    text = _staircase(levels, label)
    if label in ("-", "Article 1"):  # bullets and keyword headings do not nest by indentation
        doc = parse(text)
        assert render(doc) == text
        assert doc.depth <= MAX_DEPTH
        return
    _check_parsed_deep(text, levels)


def test_tab_staircase_is_kept_at_max_depth() -> None:
    _check_parsed_deep(_staircase(300, "(a)", "\t"), 300)


def test_decimal_ladder_is_kept_at_max_depth() -> None:
    levels = 400
    _check_parsed_deep(_decimal_ladder(levels), levels)


def test_one_label_with_ten_thousand_levels() -> None:
    """``1.1.1. ... .1`` with 10,000 components on one line."""
    text = ".".join(["1"] * 10_000) + " Deep item.\n" + ".".join(["1"] * 10_000) + ".2 Next.\n"
    doc = parse(text)
    assert render(doc) == text
    assert doc.depth <= MAX_DEPTH


def test_ten_thousand_nested_parentheses_and_labels_on_one_line() -> None:
    text = "(" * 10_000 + "a" + ")" * 10_000 + " x\n" + "(a) " * 10_000 + "\n" + "1. " * 10_000 + "\n"
    doc = parse(text)
    assert render(doc) == text
    assert doc.depth <= MAX_DEPTH


_UNDER_THE_DEEPEST = {
    "bullet": "- a bullet\n",
    "indented-bullet": "{indent}- a bullet\n",
    "bullets": "- one\n- two\n",
    "indented-paragraph": "{indent}  an indented paragraph\n",
    "lower-case-continuation": "\nand the text goes on\n",
    "page-break-continuation": "\nPage 2 of 3\n\nand the text goes on\n",
    "sub-label": "{indent}  (i) a sub-item;\n",
}


@pytest.mark.parametrize("levels", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 3])
@pytest.mark.parametrize("name", sorted(_UNDER_THE_DEEPEST))
def test_what_follows_the_deepest_level_keeps_the_limit(name: str, levels: int) -> None:
    """Bullets, paragraphs and continuations attached to the deepest node: parse still never raises.

    Found by fuzz/fuzz_parse.py: 32 nested "(a) x:" lines and a bullet made parse() raise
    ValidationError ("nodes are nested deeper than 32 levels").
    """
    text = "".join("  " * k + "(a) An item that introduces a list:\n" for k in range(levels))
    text += _UNDER_THE_DEEPEST[name].format(indent="  " * levels)
    doc = parse(text)
    assert render(doc) == text
    assert doc.depth <= MAX_DEPTH


@slow
def test_ten_thousand_level_staircase() -> None:
    """10,000 lines, each asking for a level deeper than the last (50 MB of input)."""
    levels = 10_000
    _check_parsed_deep(_staircase(levels), levels)


@slow
def test_ten_thousand_level_decimal_ladder_prefix() -> None:
    """The first 3,000 rungs of a 10,000-level decimal ladder (18 MB of input)."""
    _check_parsed_deep(_decimal_ladder(3_000), 3_000)


def _in_fresh_thread(function: Callable[[], Any], recursion_limit: int) -> Any:
    """Run ``function`` on a new thread (an empty stack) under a low recursion limit."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            result["error"] = error

    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(recursion_limit)
    try:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(previous)
    if "error" in result:
        raise result["error"]
    return result.get("value")


def test_parsing_deep_input_needs_little_stack() -> None:
    """Parse, render, walk and dump a maximally deep document with a recursion limit of 250."""
    text = _staircase(200, "(a)")
    parse("warm up\n")

    def work() -> int:
        doc = parse(text)
        assert render(doc) == text
        back = Document.model_validate_json(doc.model_dump_json())
        assert render(back) == text
        return len(doc.nodes())

    assert _in_fresh_thread(work, 250) == 200


# ---- documents built in code, 5,000 levels deep -----------------------------------------------
#
# Nodes nest without limit; a Document validates that its tree is at most MAX_DEPTH deep
# (so that every valid document dumps to JSON and loads back within pydantic's limits).
# model_construct skips that check, so a 5,000-deep Document can still exist: walking and
# rendering it must work, and dumping it must at worst fail with a clean error.

_NESTERS: dict[str, Callable[[Any], Any]] = {
    "clause": lambda child: Clause(num="1.", text="A clause.", children=(child,)),
    "section": lambda child: Section(num="I.", text="A section", children=(child,)),
    "operative": lambda child: OperativeParagraph(num="1.", text="Decides.", children=(child,)),
    "item": lambda child: Item(bullet="-", text="An item", children=(child,)),
}


def _chain(depth: int, kind: str = "clause") -> Any:
    """A node with ``depth - 1`` levels of ``kind`` above a paragraph, made with the constructors."""
    nest = _NESTERS[kind]
    node: Any = Paragraph(text="The leaf.")
    for _ in range(depth - 1):
        node = nest(node)
    return node


def _built(depth: int, kind: str = "clause") -> Document:
    return Document(children=(_chain(depth, kind),))


def _constructed(depth: int, kind: str = "clause") -> Document:
    """A document ``depth`` deep made with ``model_construct`` (no validation at all)."""
    node: Any = Paragraph.model_construct(text="The leaf.")
    model = type(_NESTERS[kind](Paragraph(text="x")))
    for _ in range(depth - 1):
        fields = {"bullet": "-"} if kind == "item" else {"num": "1."}
        node = model.model_construct(text="A node.", children=(node,), **fields)
    return Document.model_construct(children=(node,))


class _Deep:
    """A deep document behind a short repr (pytest prints fixture values on failure)."""

    def __init__(self, doc: Document, kind: str) -> None:
        self.doc, self.kind = doc, kind

    def __repr__(self) -> str:
        return f"<{BUILT_DEPTH}-deep {self.kind} document>"


@pytest.fixture(scope="module", params=sorted(_NESTERS))
def deep(request: pytest.FixtureRequest) -> _Deep:
    return _Deep(_constructed(BUILT_DEPTH, request.param), request.param)


def test_deep_document_walks(deep: _Deep) -> None:
    nodes = deep.doc.nodes()
    assert len(nodes) == BUILT_DEPTH
    assert deep.doc.depth == BUILT_DEPTH
    assert nodes[-1].kind == "paragraph"


def test_deep_document_renders(deep: _Deep) -> None:
    text = render(deep.doc)
    assert text.count("\n\n") == BUILT_DEPTH - 1
    assert text.endswith("The leaf.")
    inner = deep.doc.children[0].children[0]  # type: ignore[union-attr]
    assert text.endswith(render(inner))


def test_deep_document_properties(deep: _Deep) -> None:
    """The document's derived views walk the tree; none may recurse."""
    assert isinstance(deep.doc.preamble, tuple)
    assert isinstance(deep.doc.operative, tuple)
    assert isinstance(deep.doc.formulas, tuple)
    assert deep.doc.closing is None


@pytest.mark.parametrize("kind", sorted(_NESTERS))
def test_deep_node_made_with_constructors_renders(kind: str) -> None:
    node = _chain(BUILT_DEPTH, kind)
    text = render(node)
    assert text.count("\n\n") == BUILT_DEPTH - 1
    assert text.endswith("The leaf.")


def test_deep_document_dumps_or_fails_cleanly(deep: _Deep) -> None:
    """Dumping never reaches the recursion limit: it works, or pydantic refuses with a ValueError."""
    for dump in (deep.doc.model_dump_json, deep.doc.model_dump):
        try:
            written = dump()
        except RecursionError:
            pytest.fail(f"{dump.__name__} hit the recursion limit")
        except ValueError as error:  # PydanticSerializationError is a ValueError
            assert "depth" in str(error) or "recursion" in str(error).lower(), error
        else:
            assert written


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100, 1_000, BUILT_DEPTH])
def test_document_deeper_than_max_depth_fails_cleanly(depth: int) -> None:
    """Document() on a too-deep tree: accepted (and then fully usable) or a ValidationError, no RecursionError."""
    node = _chain(depth)
    try:
        doc = Document(children=(node,))
    except RecursionError:
        pytest.fail("validation hit the recursion limit")
    except ValidationError as error:
        assert "deep" in str(error) or "depth" in str(error) or "recursion" in str(error).lower()
        return
    assert len(doc.nodes()) == depth
    back = Document.model_validate_json(doc.model_dump_json())
    assert render(back) == render(doc)


@pytest.mark.parametrize("kind", sorted(_NESTERS))
@pytest.mark.parametrize("depth", [1, 2, MAX_DEPTH // 2, MAX_DEPTH])
def test_document_up_to_max_depth_dumps_and_loads(depth: int, kind: str) -> None:
    """Every valid document, however deep, is written to JSON and validates back equal."""
    doc = _built(depth, kind)
    assert doc.depth == depth
    written = doc.model_dump_json()
    back = Document.model_validate_json(written)
    assert back == doc
    assert render(back) == render(doc)
    assert Document.model_validate(doc.model_dump()) == doc


def test_json_deeper_than_max_depth_raises_validation_error() -> None:
    deeper = _constructed(MAX_DEPTH + 1)
    written = '{"kind":"document","children":[' + '{"kind":"clause","children":[' * (MAX_DEPTH + 1) + "]}" * (MAX_DEPTH + 1) + "]}"
    assert len(deeper.nodes()) == MAX_DEPTH + 1
    try:
        doc = Document.model_validate_json(written)
    except ValidationError:
        return
    assert doc.depth == MAX_DEPTH + 1  # accepted: then it must at least be the tree written


def test_parsed_tree_depth_is_bounded_for_json() -> None:
    """What the parser builds always fits the JSON reader (it stays MAX_DEPTH deep)."""
    text = _staircase(MAX_DEPTH + 50, "(i)", "  ")
    doc = parse(text)
    assert doc.depth == MAX_DEPTH
    assert Document.model_validate_json(doc.model_dump_json()) == doc

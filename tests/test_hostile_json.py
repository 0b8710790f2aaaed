"""Hostile JSON given to ``Document.model_validate_json``: a ValidationError and nothing else.

Whatever validates must be a usable document: it renders, walks and writes itself back.
"""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from aseandocs import Document, parse, render
from conftest import corpus_files, read_corpus

# Left out of the quick check (pytest -m "not slow"): every corpus document's JSON, mutated.
pytestmark = pytest.mark.slow

# ---- what a validated document must support --------------------------------------------------


def _validate(data: str | bytes) -> Document | None:
    """The document ``data`` describes, None if pydantic rejects it; any other exception fails."""
    try:
        doc = Document.model_validate_json(data)
    except ValidationError:
        return None
    assert isinstance(doc, Document)
    _usable(doc)
    return doc


def _usable(doc: Document) -> None:
    text = render(doc)
    assert isinstance(text, str)
    nodes = doc.nodes()
    assert all(render(node) in text for node in nodes)
    for diagnostic in doc.diagnostics:
        assert isinstance(diagnostic.format("x"), str)
    back = Document.model_validate_json(doc.model_dump_json())
    assert back == doc


# ---- a valid document with every kind of node, to mutate -------------------------------------

_ALL_KINDS = (
    "---\ntitle: A\n---\n"
    "[Title] ASEAN Declaration\n[Date] 8 August 1967\n\n"
    "The full text reads as follows:\n\n"
    "Adopted by the 9th ADMM-Plus, 23 November 2022\n\n"
    "WE, the Heads of State,\n\n"
    "RECALLING the Charter;\n\n"
    "HEREBY DECLARE:\n\n"
    "I. Political Cooperation\n\n"
    "1. Decides to act together, and\n\nPage 2 of 3\n\ncontinues here;\n"
    "   (a) first item;\n   (b) second item:\n   - a bullet\n\n"
    "2. The cat sat on the mat;\n\n"
    "## Annex\n\n<!-- note -->\n\n"
    "Article 1\n\nParties agree.\n\n"
    "DONE at Jakarta on 8 August 2017\n\n"
    "Source: ASEAN Secretariat\n"
)

_OPERATIVE = (
    "The General Assembly,\r\n\r\nRecalling its resolution 70/1,\r\n\r\n"
    "1. Decides to act;\r\n\r\n3. Recalling further;\r\n\r\n4. The cat sat on the mat.\r\n\r\n"
    "A/RES/80/1\r\n"
)


def _seed_documents() -> list[dict[str, Any]]:
    texts = [_ALL_KINDS, _OPERATIVE]
    small = sorted(corpus_files(), key=lambda p: p.stat().st_size)[:2]
    texts += [read_corpus(path) for path in small]
    return [json.loads(parse(text).model_dump_json()) for text in texts]


SEEDS = _seed_documents()
FIELD_NAMES = [
    "kind", "schema_version", "bom", "leading", "children", "diagnostics", "indent", "text", "eol",
    "trailing", "continued", "num", "gap", "bullet", "page_break", "line", "column", "code", "message",
]
KIND_NAMES = [
    "document", "paragraph", "heading", "item", "markup", "page_debris", "front_matter", "header",
    "preface", "adoption", "formula", "preambular_paragraph", "operative_paragraph", "clause",
    "section", "closing", "trailer", "page_break", "continuation", "Paragraph", "PARAGRAPH", "",
    "paragraph ", "node", "__class__",
]

_HUGE = st.sampled_from([10**20, -(10**20), 2**63, -(2**63) - 1, 10**4000, 1e308, -1e308, 5e-324])
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | _HUGE
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(KIND_NAMES)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=5),
    max_leaves=25,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (iteratively: the value may be deep)."""
    out: list[tuple[Any, ...]] = []
    stack = [(value, path)]
    while stack:
        current, where = stack.pop()
        out.append(where)
        if isinstance(current, dict):
            stack.extend((v, (*where, k)) for k, v in current.items())
        elif isinstance(current, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(current))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _deep(depth: int, kind: str = "clause") -> str:
    return '{"kind":"document","children":[' + ('{"kind":"%s","children":[' % kind) * depth + "]}" * depth + "]}"


@st.composite
def mutated_json(draw: st.DrawFn, deep: tuple[int, ...] = (50, 300, 3000)) -> Any:
    """A valid document's JSON with a few edits at random places (``deep``: depths of nested values)."""
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        target = _get(data, path)
        action = draw(st.sampled_from(["replace", "delete", "extra", "kind", "wrap", "huge", "deep", "duplicate"]))
        if not path:
            if action == "replace":
                data = draw(JSON_VALUES)
            continue
        parent, key = _get(data, path[:-1]), path[-1]
        if action == "replace":
            parent[key] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[key]
        elif action == "extra" and isinstance(target, dict):
            target[draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=8))] = draw(JSON_VALUES)
        elif action == "kind" and isinstance(target, dict):
            target["kind"] = draw(st.sampled_from(KIND_NAMES) | JSON_SCALARS)
        elif action == "wrap":
            parent[key] = [target] if draw(st.booleans()) else {"kind": "paragraph", "value": target}
        elif action == "huge":
            parent[key] = draw(_HUGE)
        elif action == "deep":
            nested: Any = draw(JSON_SCALARS)
            shape = draw(st.sampled_from(["list", "children", "alternate"]))
            for level in range(draw(st.sampled_from(deep))):
                if shape == "list" or (shape == "alternate" and level % 2):
                    nested = [nested]
                else:
                    nested = {"kind": "clause", "children": [nested]}
            parent[key] = nested
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(target)  # shared, not copied: the value may be too deep for deepcopy
    return data


def _dumps(value: Any) -> str:
    """JSON text for ``value``; the json module recurses, so allow for the deep values made above."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, 20_000))
    try:
        # The encoder's Python form (what iterencode gives), since from Python 3.12 its C
        # form stops at a fixed depth whatever the recursion limit; same text as dumps.
        return "".join(json.JSONEncoder().iterencode(value))
    finally:
        sys.setrecursionlimit(previous)


# ---- the properties --------------------------------------------------------------------------


@given(JSON_VALUES)
def test_any_json_value_validates_or_raises_validation_error(value: Any) -> None:
    _validate(_dumps(value))


@given(mutated_json())
def test_mutated_document_json_validates_or_raises_validation_error(value: Any) -> None:
    text = _dumps(value)
    _validate(text)
    _validate(text.encode("utf-8"))


@given(st.text(alphabet=st.characters(codec=None)) | st.binary().map(lambda b: b.decode("latin-1")))
def test_any_text_validates_or_raises_validation_error(text: str) -> None:
    _validate(text)


@given(st.binary())
def test_any_bytes_validate_or_raise_validation_error(data: bytes) -> None:
    _validate(data)


@given(mutated_json(deep=(50, 300)))
def test_mutated_json_as_python_objects(value: Any) -> None:
    """``model_validate`` on the same data: again a ValidationError and nothing else.

    Python objects nested deeper than the recursion limit are left out: pydantic-core still
    raises ValidationError for them, but first reports an "Exception ignored" RecursionError
    from ``repr`` of the input (see test_deep_python_object_raises_validation_error).
    """
    try:
        doc = Document.model_validate(value)
    except ValidationError:
        return
    _usable(doc)


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_seed_documents_are_valid(seed: int) -> None:
    doc = _validate(json.dumps(SEEDS[seed]))
    assert doc is not None


def test_seeds_cover_every_node_kind() -> None:
    docs = [Document.model_validate(seed) for seed in SEEDS]
    kinds = {node.kind for doc in docs for node in doc.nodes()}
    assert kinds >= {
        "front_matter", "header", "preface", "adoption", "formula", "preambular_paragraph",
        "operative_paragraph", "section", "clause", "item", "heading", "markup", "paragraph",
        "page_debris", "closing", "trailer",
    }
    assert any(node.continued for doc in docs for node in doc.nodes())
    assert all(doc.diagnostics for doc in docs[1:2])


_NUMBER_DOC = '{"diagnostics":[{"line":%s,"column":1,"code":"numbering","message":"m"}]}'

HOSTILE = {
    "empty": "",
    "whitespace": " \n\t",
    "null": "null",
    "true": "true",
    "number": "1",
    "string": '"document"',
    "array": "[]",
    "truncated": '{"kind":"document","children":[',
    "trailing-garbage": "{} x",
    "single-quotes": "{'kind':'document'}",
    "comment": '{/* c */"kind":"document"}',
    "trailing-comma": '{"kind":"document",}',
    "bom-prefixed": "\ufeff{}",
    "nul-outside-string": "{\x00}",
    "lone-surrogate-escape": '{"leading":"\\ud800"}',
    "lone-low-surrogate-escape": '{"leading":"\\udc00x"}',
    "raw-lone-surrogate": '{"leading":"\ud800"}',
    "bad-escape": '{"leading":"\\x41"}',
    "wrong-document-kind": '{"kind":"paragraph"}',
    "document-kind-int": '{"kind":1}',
    "bom-string": '{"bom":"maybe"}',
    "bom-list": '{"bom":[]}',
    "leading-int": '{"leading":1}',
    "leading-null": '{"leading":null}',
    "schema-version-object": '{"schema_version":{}}',
    "extra-document-field": '{"kind":"document","title":"x"}',
    "children-object": '{"children":{"kind":"paragraph"}}',
    "children-string": '{"children":"1. Decides."}',
    "children-null": '{"children":null}',
    "child-string": '{"children":["1. Decides."]}',
    "child-null": '{"children":[null]}',
    "child-without-kind": '{"children":[{"text":"x"}]}',
    "child-unknown-kind": '{"children":[{"kind":"footnote","text":"x"}]}',
    "child-kind-document": '{"children":[{"kind":"document"}]}',
    "child-kind-page-break": '{"children":[{"kind":"page_break","text":"x"}]}',
    "child-kind-list": '{"children":[{"kind":["paragraph"]}]}',
    "child-kind-case": '{"children":[{"kind":"Paragraph"}]}',
    "child-extra-field": '{"children":[{"kind":"paragraph","text":"x","colour":"red"}]}',
    "paragraph-with-children": '{"children":[{"kind":"paragraph","children":[]}]}',
    "paragraph-with-num": '{"children":[{"kind":"paragraph","num":"1."}]}',
    "closing-with-children": '{"children":[{"kind":"closing","children":[{"kind":"paragraph"}]}]}',
    "clause-num-int": '{"children":[{"kind":"clause","num":1}]}',
    "clause-text-list": '{"children":[{"kind":"clause","text":["a"]}]}',
    "item-bullet-null": '{"children":[{"kind":"item","bullet":null}]}',
    "continued-missing-page-break": '{"children":[{"kind":"paragraph","continued":[{"text":"x"}]}]}',
    "continued-page-break-string": '{"children":[{"kind":"paragraph","continued":[{"page_break":"x","text":"y"}]}]}',
    "continued-wrong-kind": '{"children":[{"kind":"paragraph","continued":[{"kind":"paragraph","page_break":{"text":""},"text":"y"}]}]}',
    "diagnostic-missing-fields": '{"diagnostics":[{}]}',
    "diagnostic-extra-field": '{"diagnostics":[{"line":1,"column":1,"code":"c","message":"m","severity":1}]}',
    "diagnostic-line-string": _NUMBER_DOC % '"one"',
    "diagnostic-line-float": _NUMBER_DOC % "1.5",
    "diagnostic-line-huge": _NUMBER_DOC % ("9" * 5000),
    "diagnostic-line-huge-exponent": _NUMBER_DOC % "1e400",
    "diagnostic-line-tiny": _NUMBER_DOC % "-1e400",
    "diagnostic-line-nan": _NUMBER_DOC % "NaN",
    "diagnostic-line-infinity": _NUMBER_DOC % "Infinity",
    "diagnostic-line-bool-list": _NUMBER_DOC % "[true]",
    "deep-arrays": "[" * 100_000,
    "deep-objects": '{"a":' * 100_000,
    "deep-children-unclosed": '{"children":[' * 50_000,
    "deep-children-closed": _deep(5_000),
    "deep-items-closed": _deep(5_000, "item"),
    "deep-continued": '{"children":[{"kind":"paragraph","continued":[' + '{"page_break":' * 10_000 + "}" * 10_000 + "]}]}",
    "many-children": '{"children":[' + ",".join(['{"kind":"paragraph","text":"x"}'] * 100) + ',{"kind":"nope"}]}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_json_raises_validation_error(name: str) -> None:
    with pytest.raises(ValidationError):
        Document.model_validate_json(HOSTILE[name])


@pytest.mark.parametrize("name", ["deep-arrays", "deep-children-closed", "child-unknown-kind", "diagnostic-line-huge"])
def test_hostile_json_as_bytes_raises_validation_error(name: str) -> None:
    with pytest.raises(ValidationError):
        Document.model_validate_json(HOSTILE[name].encode("utf-8"))


@pytest.mark.parametrize("data", [b"\xff", b"\xfe\xff\x00{\x00}", b'{"leading":"\xed\xa0\x80"}', b'{"leading":"\xc3"}', b"\xef\xbb\xbf{}"])
def test_invalid_utf8_json_bytes_raise_validation_error(data: bytes) -> None:
    with pytest.raises(ValidationError):
        Document.model_validate_json(data)


def test_long_string_is_valid() -> None:
    doc = _validate('{"leading":"' + "x" * 5_000_000 + '"}')
    assert doc is not None and len(doc.leading) == 5_000_000


def test_duplicate_keys_keep_the_last_value() -> None:
    doc = _validate('{"leading":"a","leading":"\\n"}')
    assert doc is not None and doc.leading == "\n"


def test_valid_json_accepts_escaped_astral_characters() -> None:
    doc = _validate('{"children":[{"kind":"paragraph","text":"\\ud83d\\ude00","eol":"\\r\\n","trailing":""}]}')
    assert doc is not None and render(doc) == "\U0001f600\r\n"


def test_deep_python_object_raises_validation_error() -> None:
    """A Python object nested 3,000 deep: ValidationError (pydantic-core may print an ignored RecursionError)."""
    value: Any = "x"
    for _ in range(3_000):
        value = {"kind": "clause", "children": [value]}
    with pytest.raises(ValidationError):
        Document.model_validate({"children": [value]})

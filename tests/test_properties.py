"""Property tests: in lenient mode every str parses, renders back exactly and stays fast.

Run quickly (the ``ci`` profile, the default) or long (``ASEANDOCS_HYPOTHESIS_PROFILE=fuzz``);
see ``tests/conftest.py``.
"""

from __future__ import annotations

import pytest
from conftest import (
    LINE_BREAK,
    LONE_SURROGATES,
    any_text,
    document_lines,
    has_surrogate,
    line_count,
    parse_in_time,
)
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic_core import PydanticSerializationError

import aseandocs
from aseandocs import (
    DEFAULT_VOCABULARY,
    Diagnostic,
    Document,
    ParseError,
    parse,
    render,
)
from aseandocs.diagnostics import DIAGNOSTIC_CODES
from aseandocs.structure import MAX_DEPTH

# Left out of the quick check (pytest -m "not slow"): property tests with document-sized inputs.
pytestmark = pytest.mark.slow

# ---- lenient mode: every str ------------------------------------------------------------------


@given(any_text())
@example("")
@example("\ufeff")
@example("\r")
@example("\r\r\n\n")
@example("\ud800")
@example("1.\r3.\r")
@example("---\n")
@example("\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
@example("1\n[Title] x\n")  # found by hypothesis: a label before a header field is written twice
@example("- \n[Title]")  # found by hypothesis: a bullet before a header field is written twice
@example("[Title] A\n\nSome text and\n\nfurther text\n\n[Date] 2020\n")  # continued text in a header is lost
@example("---\r\n" + "x\r\n" * 40)  # found by the mutation tests: unclosed front matter with CRLF hangs
def test_any_text_round_trips(text: str) -> None:
    doc = parse_in_time(text)
    assert isinstance(doc, Document)
    assert render(doc) == text


@given(any_text())
def test_parse_is_deterministic(text: str) -> None:
    assert parse(text) == parse(text)


@given(any_text())
def test_nodes_own_disjoint_consecutive_slices(text: str) -> None:
    """The document is its BOM, its leading blank lines and its top-level nodes, in order."""
    doc = parse(text)
    pieces = ["\ufeff" if doc.bom else "", doc.leading, *(render(node) for node in doc.children)]
    assert "".join(pieces) == text
    for node in doc.nodes():
        assert render(node) in text


@given(any_text())
@example("IC")  # found by hypothesis: a lone word that only looks like a roman numeral
def test_diagnostics_are_well_formed(text: str) -> None:
    doc = parse(text)
    lines = line_count(text[1:] if text.startswith("\ufeff") else text)
    for diagnostic in doc.diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.code in DIAGNOSTIC_CODES
        assert 1 <= diagnostic.line <= lines
        assert diagnostic.column >= 1
        assert diagnostic.message
    keys = [(d.line, d.column) for d in doc.diagnostics]
    assert keys == sorted(keys)
    assert doc.depth <= MAX_DEPTH


@given(any_text(), st.sampled_from(["<string>", "doc.txt", "dir/sub dir/é.md", ""]))
def test_strict_agrees_with_lenient(text: str, filename: str) -> None:
    lenient = parse(text)
    if not lenient.diagnostics:
        assert parse(text, strict=True, filename=filename) == lenient
        return
    first = lenient.diagnostics[0]
    with pytest.raises(ParseError) as caught:
        parse(text, strict=True, filename=filename)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.line, error.column, error.code) == (first.line, first.column, first.code)
    assert str(error).startswith(f"{filename}:{first.line}:{first.column}: {first.message}")
    assert "^" in str(error)


_WORDS = st.text(alphabet=st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")), min_size=1, max_size=8)


@given(document_lines(), st.sets(_WORDS, max_size=3), st.sets(_WORDS, max_size=3))
def test_custom_vocabulary_round_trips(text: str, verbs: set[str], words: set[str]) -> None:
    vocabulary = DEFAULT_VOCABULARY.extended(operative_verbs=verbs | {"sat"}, preambular_words=words)
    doc = parse(text, vocabulary=vocabulary)
    assert render(doc) == text


@given(document_lines())
def test_line_break_convention_does_not_change_structure(text: str) -> None:
    """The same lines broken by LF, CRLF or lone CR give the same tree and the same findings."""
    lf = LINE_BREAK.sub("\n", text)

    def shape(doc: Document) -> list[tuple[object, ...]]:
        return [
            (node.kind, getattr(node, "num", None), LINE_BREAK.sub("\n", node.text), len(node.continued))
            for node in doc.nodes()
        ]

    def findings(doc: Document) -> list[tuple[int, int, str]]:
        return [(d.line, d.column, d.code) for d in doc.diagnostics]

    reference = parse(lf)
    for eol in ("\r\n", "\r"):
        variant = parse(lf.replace("\n", eol))
        assert render(variant) == lf.replace("\n", eol)
        assert shape(variant) == shape(reference), eol
        assert findings(variant) == findings(reference), eol


def test_non_str_input_fails_clearly() -> None:
    for value in (b"1. Decides.\n", bytearray(b"x"), None, 42, ["1. x"]):
        with pytest.raises(TypeError, match="str"):
            parse(value)  # type: ignore[arg-type]


# ---- JSON written by the library ----------------------------------------------------------------


@given(any_text())
def test_json_round_trip(text: str) -> None:
    doc = parse(text)
    try:
        written = doc.model_dump_json()
    except PydanticSerializationError:
        # pydantic writes UTF-8 and cannot encode a lone surrogate; nothing else may stop it.
        assert has_surrogate(text)
        return
    back = Document.model_validate_json(written)
    assert back == doc
    assert render(back) == text
    assert Document.model_validate_json(doc.model_dump_json(indent=2)) == doc
    assert Document.model_validate(doc.model_dump()) == doc


@given(document_lines().filter(lambda t: not has_surrogate(t)))
def test_json_round_trip_without_surrogates_never_fails(text: str) -> None:
    doc = parse(text)
    assert Document.model_validate_json(doc.model_dump_json()) == doc


# ---- the byte decoder ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoded", [b"\xed\xa0\x80", b"\xed\xaf\xbf", b"\xed\xb0\x80", b"\xed\xbf\xbf"])
def test_encoded_surrogate_is_rejected_by_the_decoder(encoded: bytes) -> None:
    data = b"1. Decides to act.\n2. Urges " + encoded + b" all States.\n"
    with pytest.raises(UnicodeDecodeError) as caught:
        data.decode("utf-8")
    assert caught.value.start == data.index(encoded)


def test_library_decoder_rejects_encoded_surrogate_cleanly() -> None:
    reading = pytest.importorskip("aseandocs.reading")
    data = b"1. Decides.\n2. Urges \xed\xa0\x80 States.\n"
    with pytest.raises(reading.InputError) as caught:
        reading.decode(data, "paste.txt")
    message = str(caught.value)
    assert message.startswith("paste.txt: ") and "\n" not in message
    assert "offset 21" in message and "line 2" in message


@given(st.binary(max_size=200) | document_lines().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_library_decoder_decodes_or_raises_input_error(data: bytes) -> None:
    reading = pytest.importorskip("aseandocs.reading")
    try:
        text = reading.decode(data, "paste.txt")
    except reading.InputError as error:
        assert str(error).startswith("paste.txt: ") and "\n" not in str(error)
        return
    assert text == data.decode("utf-8")
    assert render(parse(text)).encode("utf-8") == data


@pytest.mark.parametrize("surrogate", LONE_SURROGATES)
@pytest.mark.parametrize(
    "template",
    ["{}", "1. Decides {} to act.\n", "{}1. Decides.\n3. Urges.\n", "The General Assembly,\n\n1. {}\r\n", "\ufeff{}\r"],
)
def test_str_with_lone_surrogate_round_trips(surrogate: str, template: str) -> None:
    text = template.format(surrogate)
    doc = parse(text)
    assert render(doc) == text
    with pytest.raises(UnicodeEncodeError):
        render(doc).encode("utf-8")


@given(st.binary(max_size=400) | document_lines().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_cleanly_or_round_trip(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        assert render(parse(text)).encode("utf-8") == data
    # Undecodable bytes kept as lone surrogates (surrogateescape) survive the round trip too.
    escaped = data.decode("utf-8", "surrogateescape")
    assert render(parse(escaped)).encode("utf-8", "surrogateescape") == data


# ---- never hanging -----------------------------------------------------------------------------

_HOSTILE = {
    # Quadratic in the preface regex (\bfull\s+text\b.*:\s*$) before the fix: 9 s and 22 s.
    "full-text-lead": "full text " * 20_000,
    "full-text-colons": "full text: " * 18_000 + "x",
    "reads-as-follows": "reads as follows " * 12_000 + "x",
    "hereby": "hereby " * 28_000 + "x",
    "declare-word": "declare" * 28_000,
    "as-follows-spaces": "as follows" + " " * 200_000 + "x",
    "long-decimal-label": ".".join(["1"] * 100_000) + " Decides.",
    "open-parens": "(" * 200_000,
    "stars": "* " * 100_000,
    "underscores": "_" * 200_000 + "x",
    "hashes": "#" * 200_000 + "x",
    "dots-spaces": ". " * 100_000 + "x",
    "sentence-end-run": ".\"')]*_ " * 25_000 + "x",
    "non-word-lead": "!" * 200_000 + "Adopted by",
    "front-matter-unclosed": "---\n" + "title: x\n" * 20_000,
    # Found by the mutation tests (a closing fence joined to the line above): exponential in CRLF lines.
    "front-matter-unclosed-crlf": "---\r\n" + "title: x\r\n" * 40,
    "front-matter-unclosed-mixed": "---\r\n" + "title: x\r\n" * 20 + "x\n" * 20 + "title: y\r\n" * 20,
    "one-line": "a" * 200_000,
    "we-commas": "WE" + " ," * 100_000,
    "the-heads": "The Heads of State" + "," * 200_000,
    "header-field": "[Title] " + "x" * 200_000,
    "html-tag": "<" + "a" * 200_000,
}


@pytest.mark.parametrize("name", sorted(_HOSTILE))
def test_hostile_text_round_trips_without_hanging(name: str) -> None:
    # Linear time on such inputs is measured by the benchmark; this guards against hangs.
    doc = parse_in_time(_HOSTILE[name])
    assert render(doc) == _HOSTILE[name]


def test_public_api_is_exported() -> None:
    for name in ("parse", "render", "Document", "Diagnostic", "ParseError"):
        assert hasattr(aseandocs, name)

"""Thread safety: parse from many threads at once, with the one shared parser, gives what serial calls give."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from aseandocs import DEFAULT_VOCABULARY, Document, ParseError, layout, parse, render
from conftest import LINE_BREAK, corpus_files, read_corpus

# Left out of the quick check (pytest -m "not slow"): parallel parses of the corpus.
pytestmark = pytest.mark.slow

WORKERS = 16


def _texts() -> list[str]:
    texts = [read_corpus(path) for path in corpus_files()]
    variants = [LINE_BREAK.sub("\r\n", texts[1]), LINE_BREAK.sub("\r", texts[2]), "\ufeff" + texts[3]]
    small = [
        "",
        "\n",
        "1. Decides.\n3. Urges.\n",
        "The General Assembly,\n\nRecalling x,\n\n1. Decides;\n\n2. The cat sat.\n",
        "".join("  " * k + "(a) Deep item;\n" for k in range(40)),
        "x\ud800y\r",
    ]
    return texts + variants + small


TEXTS = _texts()


def _outcome(text: str, strict: bool = False, vocabulary: object = None) -> tuple[object, ...]:
    """Everything a parse produces, in comparable form."""
    try:
        doc = parse(text, strict=strict, vocabulary=vocabulary, filename="t.txt")  # type: ignore[arg-type]
    except ParseError as error:
        return ("error", error.line, error.column, error.code, str(error))
    assert render(doc) == text
    return ("doc", doc, tuple(node.kind for node in doc.nodes()), doc.diagnostics)


def _serial(strict: bool = False) -> list[tuple[object, ...]]:
    return [_outcome(text, strict) for text in TEXTS]


def test_parallel_parse_matches_serial() -> None:
    expected = _serial()
    jobs = list(range(len(TEXTS))) * 4
    random.Random(1).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda i: (i, _outcome(TEXTS[i])), jobs))
    for index, outcome in results:
        assert outcome == expected[index], f"text {index} parsed differently in a thread"


def test_parallel_strict_parse_matches_serial() -> None:
    expected = _serial(strict=True)
    assert any(outcome[0] == "error" for outcome in expected)
    jobs = list(range(len(TEXTS))) * 3
    random.Random(2).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda i: (i, _outcome(TEXTS[i], strict=True)), jobs))
    for index, outcome in results:
        assert outcome == expected[index], f"text {index}: strict outcome differs in a thread"


def test_parallel_parse_with_mixed_vocabularies() -> None:
    """Threads with different vocabularies do not see each other's words."""
    text = "The General Assembly,\n\nRecalling x,\n\n1. Decides to act;\n\n2. Sat on the mat.\n"
    extended = DEFAULT_VOCABULARY.extended(operative_verbs={"sat"})
    plain_result = _outcome(text)
    extended_result = _outcome(text, vocabulary=extended)
    assert plain_result != extended_result
    jobs = [i % 2 == 0 for i in range(200)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda use: (use, _outcome(text, vocabulary=extended if use else None)), jobs))
    for use, outcome in results:
        assert outcome == (extended_result if use else plain_result)


def test_parallel_json_round_trip() -> None:
    docs = [parse(text) for text in TEXTS[:10]]
    expected = [doc.model_dump_json() for doc in docs]

    def work(i: int) -> bool:
        written = docs[i].model_dump_json()
        return written == expected[i] and Document.model_validate_json(written) == docs[i]

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        assert all(pool.map(work, list(range(len(docs))) * 5))


def test_cold_start_builds_one_parser() -> None:
    """Many threads making the first call at once: all succeed and share one parser."""
    cache_clear = getattr(getattr(layout, "_parser", None), "cache_clear", None)
    if cache_clear is None or not hasattr(layout, "parser"):
        pytest.skip("the layout parser is no longer a cached layout._parser()")
    expected = _serial()[:8]
    cache_clear()
    barrier = threading.Barrier(WORKERS)
    parsers: list[object] = []

    def work(i: int) -> tuple[object, ...]:
        barrier.wait()
        outcome = _outcome(TEXTS[i % 8])
        parsers.append(layout.parser())
        return outcome

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(work, range(WORKERS)))
    for i, outcome in enumerate(results):
        assert outcome == expected[i % 8]
    assert len({id(p) for p in parsers}) == 1

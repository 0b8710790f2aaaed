"""Building a tree pauses the cycle collector, and leaves it as it found it."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pydantic
import pytest

from aseandocs import Document, ParseError, parse

# Enough nodes that building their tree allocates far past the collector's first threshold.
LONG = "".join(f"{n}. Decides to act on item {n};\n" for n in range(1, 6001))


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations the collector passes over, as it runs."""
    seen: list[int] = []

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(callback)
    try:
        yield seen
    finally:
        gc.callbacks.remove(callback)


BUILDS: list[tuple[str, Callable[[], object]]] = [
    ("parse", lambda: parse(LONG)),
    ("model_validate_json", lambda: Document.model_validate_json(JSON)),
    ("model_validate", lambda: Document.model_validate(DATA)),
]
JSON = parse(LONG).model_dump_json()
DATA = parse(LONG).model_dump()


@pytest.mark.parametrize("build", [b for _, b in BUILDS], ids=[name for name, _ in BUILDS])
def test_no_collection_runs_while_a_tree_is_built(build: Callable[[], object], collections: list[int]) -> None:
    assert gc.isenabled()
    gc.collect()
    collections.clear()
    build()
    # At most the one that runs as soon as the collector is back on: building without a
    # pause runs several (test_the_collector_runs_on_the_same_work_unpaused).
    assert len(collections) <= 1
    assert gc.isenabled()


def test_the_collector_runs_on_the_same_work_unpaused(collections: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    # Without this, the check above could pass because the work allocates too little.
    # From Python 3.12 the collector runs between bytecodes only, never inside pydantic's
    # validator, so there parsing is the one build it would interrupt.
    monkeypatch.setattr(gc, "disable", lambda: None)
    builds = BUILDS if sys.version_info < (3, 12) else BUILDS[:1]
    for _, build in builds:
        collections.clear()
        build()
        assert len(collections) >= 3


@pytest.mark.parametrize("build", [b for _, b in BUILDS], ids=[name for name, _ in BUILDS])
def test_a_disabled_collector_stays_disabled(build: Callable[[], object]) -> None:
    gc.disable()
    try:
        build()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_enabled_again_after_a_failure() -> None:
    with pytest.raises(ParseError):
        parse("1. Decides.\n3. Urges.\n", strict=True)
    assert gc.isenabled()
    with pytest.raises(pydantic.ValidationError):
        Document.model_validate_json('{"children": [{"kind": "section", "num": 1}]}')
    assert gc.isenabled()
    with pytest.raises(pydantic.ValidationError):
        Document.model_validate({"children": 3})
    assert gc.isenabled()


def test_validation_options_pass_through() -> None:
    with pytest.raises(pydantic.ValidationError):
        Document.model_validate_json('{"bom": "true"}', strict=True)
    assert Document.model_validate_json('{"bom": "true"}').bom is True
    assert Document.model_validate({"bom": 1}).bom is True


def test_a_loop_of_parses_leaves_collection_to_its_end(collections: list[int]) -> None:
    # Each parse leaves a collection due; starting the next parse must not run it, or a
    # loop that keeps its documents pays one collection per document, and full ones over
    # all the documents kept so far.
    texts = [LONG[: 2000 + k] for k in range(200)]
    gc.collect()
    collections.clear()
    documents = [parse(text) for text in texts]
    assert len(documents) == 200
    assert len(collections) <= 2

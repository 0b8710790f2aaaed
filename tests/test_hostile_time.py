"""Inputs that once took quadratic time, at modest sizes: each parses in time and keeps
its result (the round trip, the date and place of a closing)."""

from __future__ import annotations

from conftest import parse_in_time

from aseandocs import render

LIMIT = 5.0  # seconds; each takes milliseconds (quadratic, they took seconds to minutes)


def test_keyword_heading_with_long_spaces() -> None:
    text = "Article 1" + " " * 20_000 + "x\n"
    assert render(parse_in_time(text, LIMIT)) == text


def test_hereby_formula_with_long_spaces() -> None:
    text = "HEREBY A" + " " * 20_000 + "x\n"
    assert render(parse_in_time(text, LIMIT)) == text


def test_repeated_done_at() -> None:
    text = "Done at " + "done at " * 3000 + "1\n"
    doc = parse_in_time(text, LIMIT)
    assert render(doc) == text
    assert doc.date is None
    assert doc.closing is not None and doc.closing.place is None


def test_done_at_still_reads_its_place_and_date() -> None:
    doc = parse_in_time("1. Decides to act.\n\nDone at Jakarta, Indonesia, on 8 August 2017\n", LIMIT)
    assert doc.closing is not None and doc.closing.place == "Jakarta, Indonesia"
    assert str(doc.date) == "2017-08-08"


def test_unclosed_inline_tags() -> None:
    text = "<span " * 40_000
    assert render(parse_in_time(text, LIMIT)) == text
    assert render(parse_in_time(text, LIMIT, input="html")) == text


def test_underscores_and_spaces() -> None:
    text = "_ " * 200_000 + "\n"
    assert render(parse_in_time(text, LIMIT)) == text

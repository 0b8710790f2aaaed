"""Dates and places as the documents write them.

Digits ("23 November 2022", "November 30, 2004", "2025-11-25") and words ("this
Twenty-Third Day of November in the Year Two Thousand and Twenty-Two") are both read.
"""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day\s+of)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_WORD = r"[A-Za-z]+(?:[-\s]+[A-Za-z]+)*?"
_WORDS_DATE = re.compile(
    rf"\b(?P<day>{_WORD})\s+day\s+of\s+{_MONTH},?\s+(?:in\s+)?(?:the\s+)?year\s+(?:of\s+)?(?P<year>[A-Za-z][A-Za-z\s-]+?)(?=[,.;]|$)",
    re.I,
)
_DAY_OF = re.compile(r"\sday\s+of\s", re.I)
_PLACE = re.compile(
    r"\b(?:done|signed|adopted|made)\s+(?:at|in)\s+(?P<place>[A-Z][^,;\d]*(?:,\s*[A-Z][^,;\d]*?)?)\s*(?:,|\bon\b|\bthis\b|\bthe\b|$)",
    re.I,
)
_PLACE_AFTER_DATE = re.compile(
    r"\b(?:done|signed|adopted)\s+(?:on\s+)?(?:this\s+)?[^,]*?\d{4}\s+(?:at|in)\s+(?P<place>[A-Z][^,;\d]*(?:,\s*[A-Z][^,;\d]*?)?)\s*(?:,|\.|$)",
    re.I,
)

# Where each place pattern can start, and the character its place cannot run past: a
# match that fails at one start fails at every later start before that character (the
# later starts try a part of the same text against the same tests), so the search goes on
# after it rather than from every word between (which was quadratic).
_PLACE_SEARCHES = (
    (_PLACE, re.compile(r"\b(?:done|signed|adopted|made)\s+(?:at|in)\s+", re.I), re.compile(r"[,;\d]")),
    (_PLACE_AFTER_DATE, re.compile(r"\b(?:done|signed|adopted)\s+", re.I), re.compile(",")),
)


def _first_place_match(pattern: re.Pattern[str], lead: re.Pattern[str], stop: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, trying each start once."""
    position = 0
    while True:
        start = lead.search(text, position)
        if start is None:
            return None
        found = pattern.match(text, start.start())
        if found:
            return found
        end = stop.search(text, start.end())
        position = max(end.start() if end else len(text), start.start() + 1)


# A date in words starts at a word; its day words run on over letters, hyphens and spaces.
_WORD_START = re.compile(r"\b[A-Za-z]", re.I)
_WORD_RUN = re.compile(r"[A-Za-z\s-]*", re.I)


def _words_date(text: str) -> re.Match[str] | None:
    """``_WORDS_DATE.search(text)``, trying each run of words once: a run whose first word
    does not start a date holds no later word that does (a later start can only take fewer
    of the same day words before the same tests), so the search goes on after the run."""
    if not _DAY_OF.search(text):
        return None
    position = 0
    while True:
        start = _WORD_START.search(text, position)
        if start is None:
            return None
        found = _WORDS_DATE.match(text, start.start())
        if found:
            return found
        position = max(_WORD_RUN.match(text, start.start()).end(), start.start() + 1)  # type: ignore[union-attr]


def _number_words(text: str) -> int | None:
    """A number written in words: 'Twenty-Third' -> 23, 'Two Thousand and Twenty-Two' -> 2022."""
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if not word or word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _ORDINALS:
            current += _ORDINALS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _make(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> _dt.date | None:
    """The first date written in ``text``, in digits or in words; None if there is none."""
    found: list[tuple[int, _dt.date]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            date = _make(int(match["year"]), MONTHS[match["month"].lower().rstrip(".")], int(match["day"]))
            if date:
                found.append((match.start(), date))
    iso = _ISO.search(text)
    if iso:
        date = _make(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        if date:
            found.append((iso.start(), date))
    words = _words_date(text)
    if words:
        day_words = re.sub(r"^(?:this|the|on)\s+", "", words["day"].strip(), flags=re.I)
        day_words = re.split(r"\b(?:this|the|on)\s+", day_words, flags=re.I)[-1]
        day = _number_words(day_words)
        year = _number_words(words["year"])
        if day and year:
            date = _make(year, MONTHS[words["month"].lower().rstrip(".")], day)
            if date:
                found.append((words.start(), date))
    return min(found)[1] if found else None


def find_place(text: str) -> str | None:
    """The place named by a closing formula ('Done at Bali, Indonesia, on ...'), or None."""
    for pattern, lead, stop in _PLACE_SEARCHES:
        match = _first_place_match(pattern, lead, stop, text)
        if match:
            place = match["place"].strip(" ,.")
            if place and not re.match(r"(?i)(this|the|on|two|three|four|five|a|an|one|single|duplicate)\b", place):
                return place
    return None

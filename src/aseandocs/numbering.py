"""Labels: their plain value, their numbering style and their position in a sequence.

A label is what a list marker says (``"1."``, ``"(iv)"``, ``"II\\."``, ``"Article 3"``).
Nesting is driven by styles: a label continues the open level of its own style, or
opens a level below the current one. Ambiguous letters (``i``, ``v``, ``x``, ``c``,
``I``, ``V``...) are resolved by the sequence they would continue.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from aseandocs import languages

_DECORATION = re.compile(r"[\\()\[\]*_<>/ubstrong\s]*")
_FOREIGN_KEYWORDS = {word: english for table in languages.KEYWORDS.values() for word, english in table.items()}
# Keyword labels in every language the package knows are read the same way ("Artikel 3" is
# article 3); which languages' line starts are looked for is the caller's choice.
_KEYWORD = re.compile(
    r"^\W*(?:article|art[il1|]c[l1i|]e|art\.|section|part|chapter|module|title|rule|regulation|"
    + "|".join(sorted(map(re.escape, _FOREIGN_KEYWORDS), key=len, reverse=True))
    + r")\W*\s*",
    re.IGNORECASE,
)
_CORE = re.compile(r"(\d+(?:\.\d+)*|[A-Za-z]+)")
_OCR_ARTICLE = re.compile(r"art[il1|]c[l1i|]e")
_ORDINAL_SUFFIX = re.compile(r"[ \t]?\(?(?:bis|ter|quater|quinquies|sexies|septies|octies)\b\)?", re.IGNORECASE)

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def plain_label(num: str) -> str:
    """The label without decoration: ``'(a)'`` -> ``'a'``, ``'II\\.'`` -> ``'II'``, ``'Article 4'`` -> ``'4'``."""
    text = num.strip()
    keyword = _KEYWORD.match(text)
    if keyword:
        text = text[keyword.end() :]
    match = _CORE.search(text)
    if not match:
        return text
    # A Latin ordinal after the number belongs to the label as printed: "5 bis", "3bis", "5.2(bis)".
    suffix = _ORDINAL_SUFFIX.match(text, match.end())
    return match.group(1) + suffix.group(0).rstrip(".") if suffix else match.group(1)


def keyword_prefix(num: str) -> int:
    """Where the kind word of a keyword label ends (``'Article 4'`` -> 8), 0 if it has none."""
    keyword = _KEYWORD.match(num)
    return keyword.end() if keyword and keyword.end() < len(num.rstrip()) else 0


def keyword_word(num: str) -> str | None:
    """The kind a keyword label names, in English (``'Artikel 3'`` -> ``'article'``), or None."""
    keyword = _KEYWORD.match(num.strip())
    if not keyword:
        return None
    word = keyword.group(0).strip().lower().rstrip(". ")
    word = _FOREIGN_KEYWORDS.get(word, word)
    if word == "art" or _OCR_ARTICLE.fullmatch(word):
        return "article"
    return word


ORDINALS = {
    word: value
    for value, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split(),
        start=1,
    )
}
"""Spelled-out ordinals that label clauses ("FIRST:", "SECOND.-"), with their values."""


def is_inserted(num: str) -> bool:
    """Whether a label carries a Latin ordinal ("5 bis", "5.2(bis)", "37c (bis)"): a
    provision inserted after the one its number names, at the same level."""
    text = num.strip()
    keyword = _KEYWORD.match(text)
    if keyword:
        text = text[keyword.end() :]
    match = _CORE.search(text)
    return bool(match and _ORDINAL_SUFFIX.match(text, match.end()))


def roman_value(text: str) -> int | None:
    """The value of a roman numeral (either case), or None if it is not one."""
    low = text.lower()
    if not low or not _ROMAN_RE.match(low):
        return None
    total = 0
    for ch, nxt in zip(low, low[1:] + " "):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
    return total


def letter_value(text: str) -> int | None:
    """The position of a letter label: ``a`` -> 1, ``z`` -> 26, ``aa`` -> 27."""
    if len(text) == 1 and text.isalpha() and text.isascii():
        return ord(text.lower()) - 96
    if len(text) == 2 and text[0] == text[1] and text.isalpha() and text.isascii():
        return 26 + ord(text[0].lower()) - 96
    return None


@dataclass(frozen=True, slots=True)
class Label:
    """A label read as a numbering style and a value within that style."""

    style: str
    value: int
    depth: int = 1

    @property
    def is_first(self) -> bool:
        """Whether the label opens its sequence (1, a, i, I, 1.1)."""
        return self.value == 1


def _wrap(num: str) -> str:
    text = num.strip().replace("\\", "").strip("*_ ")
    if text.startswith(".") and text[1:2].isdigit():
        return "lead"  # ".1", ".2": the sub-paragraphs of IMO instruments
    if text.startswith("(") and text.endswith(")"):
        return "paren"
    if text.endswith(")"):
        return "half"
    if text.endswith("."):
        return "dot"
    return "bare"


@functools.lru_cache(maxsize=4096)
def candidates(num: str) -> tuple[Label, ...]:
    """Every reading of a label, the likelier first (``'i.'`` is a roman one or the letter i)."""
    keyword = _KEYWORD.match(num.strip())
    plain = plain_label(num)
    suffix = _ORDINAL_SUFFIX.search(plain)
    if suffix and suffix.start() > 0:
        plain = plain[: suffix.start()].rstrip()  # "5.2(bis)" is read as 5.2, inserted after it
    wrap = _wrap(_ORDINAL_SUFFIX.sub("", num) if suffix else num)
    if keyword:
        word = keyword.group(0).strip().lower().rstrip(". ")
        word = _FOREIGN_KEYWORDS.get(word, word)
        if _OCR_ARTICLE.fullmatch(word):
            word = "article"  # "ARTlCLE": the word read through its OCR confusions
        last = plain.rsplit(".", 1)[-1]
        style = f"keyword:{word}"
        if last.isdigit():
            return (Label(style, int(last)),)
        roman = roman_value(last)
        letter = letter_value(last) if len(last) == 1 and last.isupper() else None
        # "Section C", "PART D": a capital that is also a roman numeral is read both ways,
        # and the sequence it continues decides ("Section C" after "Section B" is the third).
        readings = [Label(style, value) for value in (roman, letter) if value]
        return tuple(readings) or (Label(style, 0),)
    if plain.lower() in ORDINALS:
        return (Label("ordinal", ORDINALS[plain.lower()]),)
    if plain.replace(".", "").isdigit():
        parts = plain.split(".")
        return (Label(f"decimal{len(parts)}" if len(parts) > 1 else f"arabic-{wrap}", int(parts[-1]), len(parts)),)
    out: list[Label] = []
    roman = roman_value(plain)
    letter = letter_value(plain)
    case = "upper" if plain.isupper() else "lower"
    if roman is not None:
        out.append(Label(f"roman-{case}-{wrap}", roman))
    if letter is not None:
        out.append(Label(f"alpha-{case}-{wrap}", letter))
    if roman is not None and letter is not None and plain.lower() not in ("i", "ii"):
        # A lone 'v', 'x', 'c', 'l' is far more often a letter than a roman numeral.
        out.reverse()
    return tuple(out) or (Label(f"other-{wrap}", 0),)

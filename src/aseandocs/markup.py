"""The reading view of a text: what a reader sees once the markup is taken out.

Markdown emphasis (``**RECOGNISING**``, ``__(a)__``, ``*Urges*``), heading marks
(``## Annex``), HTML tags (``<u>``,
``<span class="akn-p">``), character entities (``&amp;``) and backslash escapes (``1\\.``)
are markup; a literal ``*`` or ``<`` that is not markup stays (``5 * 3``, ``a < b``), and so
does an underscore inside a word (``snake_case``). The structure pass classifies blocks on
this view while the nodes keep every source character; the models' plain text is the same
view on one line.
"""

from __future__ import annotations

import html
import re

_INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|sup|sub|span|a|font|small|big|mark|ins|del|s|abbr|code)\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Emphasis markers touch the text they mark: "**bold**", "__under__", "*it*", "_it_".
_STRONG = re.compile(r"(?:\*\*|__)(?=\S)|(?<=\S)(?:\*\*|__)")
_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![\w*])|(?<![\w\\])_(?=[^\s_])|(?<=[^\s_\\])_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_HEADING_MARK = re.compile(r"(?m)^[ \t]*\\?#{1,6}[ \t]+")


def _without_comments(text: str) -> str:
    """``text`` with its closed HTML comments taken out; one pass, however many open."""
    parts: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            parts.append(text[position:])
            return " ".join(parts)
        parts.append(text[position:start])
        position = end + 3


def has_markup(text: str) -> bool:
    """Whether ``text`` may hold markup at all (a quick test before :func:`reading_view`)."""
    # Six searches in C are faster than one pass of Python over the characters.
    return "*" in text or "_" in text or "<" in text or "&" in text or "\\" in text or "#" in text


def reading_view(text: str) -> str:
    """``text`` with its markup taken out; line breaks and other characters stay."""
    if not has_markup(text):
        return text
    if "#" in text:
        text = _HEADING_MARK.sub("", text)  # "###### A Strengthened ...": a markdown heading's marks
    if "<" in text:
        if "<!--" in text:
            text = _without_comments(text)
        text = _ANY_TAG.sub(" ", _INLINE_TAG.sub("", text))
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", _STRONG.sub("", text))
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return text

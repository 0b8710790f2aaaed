"""Clean text: what a reader means by a node's text, on one line.

Markup is taken out (:func:`aseandocs.markup.reading_view`: markdown emphasis pairs, HTML
tags and entities, backslash escapes; a literal ``*`` or ``<`` that is not markup stays),
hard-wrapped lines are joined with single spaces, whitespace is collapsed. A word
hyphenated across a line break is kept as written, hyphen and all, with no space after the
hyphen ("co-\\noperation" -> "co-operation"): telling a broken word from a compound needs a
dictionary, and the hyphen as printed is never wrong. The label stays apart (``num``), and
so does a section's heading: the first line of its text (its title line, "General
Definitions") unless that line runs on into the next as one sentence.
"""

from __future__ import annotations

import re

from aseandocs import markup

# A hyphen ending a line, between two letters: the two halves are one word as printed.
_WRAPPED_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*(?:\r\n|\r|\n)[ \t]*(?=[^\W\d_])")
_SENTENCE_END = (".", ";", ",", ":")
# What the reading view leaves of XML: processing instructions, declarations and tags whose
# names carry dots or underscores ("<?xml ...?>", "<!DOCTYPE ...>", "<TEI.2 id=...>").
_XML_MARKUP = re.compile(r"<\?[^<>]*\?>|<![A-Za-z][^<>]*>|</?[A-Za-z_][\w.:-]*(?:\s[^<>]*)?/?>")


def clean(*parts: str) -> str:
    """The parts (a block's text and its continuations) as one clean line."""
    joined = "\n".join(part for part in parts if part)
    if "-" in joined:
        joined = _WRAPPED_HYPHEN.sub("-", joined)
    joined = markup.reading_view(joined)
    if "<" in joined:
        joined = _XML_MARKUP.sub(" ", joined)
    # split/join collapses the same (Unicode) whitespace as a \s+ substitution, far faster.
    # A strong-emphasis marker standing alone (its pair's text moved to the next line) is
    # markup with nothing to mark; a lone "*" may be a multiplication sign and stays.
    words = joined.split()
    if "*" in joined or "_" in joined:
        words = [word for word in words if word.strip("*_") or len(word) < 2]
    return " ".join(words).strip(" *_")


def split_heading(text: str) -> tuple[str, str]:
    """A section's text as (heading, body): the title line and the rest, both raw.

    The first non-blank line is the heading unless it is a sentence that wraps onto the
    next line (it ends without punctuation and the next line goes on in lower case), in
    which case the section has no heading and all of its text is body.
    """
    lines = text.lstrip("\r\n").splitlines(keepends=True)
    if not lines:
        return "", ""
    first = markup.reading_view(lines[0]).strip()
    rest = "".join(lines[1:])
    following = markup.reading_view(rest).lstrip()
    runs_on = bool(following) and following[0].islower() and not first.endswith(_SENTENCE_END)
    if not first or runs_on:
        return "", text
    return lines[0], rest

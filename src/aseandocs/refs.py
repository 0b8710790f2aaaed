"""Cross-references in a node's clean text, and the nodes they point to.

A reference names a provision by its kind and label: "Article 5", "Chapter II", "Annex 2",
"paragraph 2 of Article 3", "paragraph 2 of this Article", "sub-paragraph (b)",
"paragraphs 1 and 2" (one reference per label). Its target is the id of the node the
document has with that kind and label: an article, chapter, part or annex anywhere (they
are numbered document-wide); a paragraph within the named article, else within the
article or section the reference stands in, else at top level; a sub-paragraph or point
within the paragraph it stands in, else within the enclosing article. A reference to
another instrument ("Article XXIV of GATT 1994", "paragraph 4 of the Annex to ...") has no
target: a reference followed by "of" and anything but "this" or a provision of this text
is left unresolved rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aseandocs.addresses import Place, clean_num

_KINDS = {
    "article": "art",
    "articles": "art",
    "chapter": "chp",
    "chapters": "chp",
    "part": "part",
    "parts": "part",
    "annex": "annex",
    "annexes": "annex",
    "section": "sec",
    "sections": "sec",
    "paragraph": "para",
    "paragraphs": "para",
    "sub-paragraph": "point",
    "sub-paragraphs": "point",
    "subparagraph": "point",
    "subparagraphs": "point",
}
_LABEL = r"(?:\(?[0-9]{1,4}(?:\.[0-9]{1,3}){0,3}[a-z]?\)?|\(?[IVXLC]{1,8}\)?|\([a-z]{1,4}\)|[A-Z](?![a-z]))"
# Bounded repeats and single spaces between tokens keep the scan linear on any text.
_REFERENCE = re.compile(
    r"\b(?P<kind>(?i:sub-?paragraphs?|paragraphs?|articles?|chapters?|parts?|annex(?:es)?|sections?))"
    rf" (?P<labels>{_LABEL}(?:(?:, | and | or | to ){_LABEL}){{0,8}})"
    r"(?P<of> of (?:(?P<this>this|the present) (?P<this_kind>(?i:article|chapter|part|annex|section|agreement|protocol|treaty|convention|declaration))"
    rf"|(?P<outer_kind>(?i:article|chapter|part|annex|section)) (?P<outer>{_LABEL})|(?P<other>\S)))?"
)
_LABEL_RE = re.compile(_LABEL)
_WORDS = ("article", "paragraph", "chapter", "part", "annex", "section")
_SCOPES = frozenset({"article", "section", "chapter", "part", "hcontainer", "rule", "title"})


@dataclass(frozen=True, slots=True)
class Reference:
    """One cross-reference: its words as written and the id of the node it names, if any."""

    text: str
    target: str | None


class Index:
    """The document's provisions by element abbreviation and clean label, for resolving."""

    def __init__(self, places: list[Place]) -> None:
        self.anywhere: dict[tuple[str, str], str] = {}
        self.children: dict[tuple[str | None, str, str], str] = {}
        for place in places:
            num = place.node.__dict__.get("num")
            if not num:
                continue
            key = (place.element.abbr, clean_num(num))
            self.anywhere.setdefault(key, place.id)
            self.children.setdefault((place.parent_id, *key), place.id)

    def within(self, scope: Place | None, abbr: str, label: str) -> str | None:
        """A node with that label among the descendants of ``scope`` (its children first)."""
        if scope is None:
            return self.children.get((None, abbr, label))
        direct = self.children.get((scope.id, abbr, label))
        if direct:
            return direct
        # A point two levels down ("paragraph 1 (b)" within an article): by id prefix.
        found = self.anywhere.get((abbr, label))
        return found if found and found.startswith(scope.id + "__") else None


def _enclosing(place: Place, tags: frozenset[str]) -> Place | None:
    current: Place | None = place
    while current is not None:
        if current.element.tag in tags:
            return current
        current = current.parent
    return None


_TAG_OF = {"article": "article", "chapter": "chapter", "part": "part", "annex": "hcontainer", "section": "section"}


def find(text: str, place: Place, index: Index) -> list[Reference]:
    """The cross-references in ``text`` (the clean text of ``place``'s node)."""
    if not text:
        return []
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):
        return []  # most texts name no provision: a few substring tests beat the scan
    out: list[Reference] = []
    for match in _REFERENCE.finditer(text):
        abbr = _KINDS[match.group("kind").lower()]
        labels = [clean_num(label) for label in _LABEL_RE.findall(match.group("labels"))]
        if match.group("other"):
            # "of" and something else: another instrument's provision, or not a reference.
            words = text[match.start() : match.start("of")]
            out.extend(Reference(words, None) for _ in labels)
            continue
        words = match.group(0)
        document_wide = False
        scope: Place | None = None
        if match.group("outer"):
            outer_abbr = _KINDS[match.group("outer_kind").lower()]
            outer_id = index.anywhere.get((outer_abbr, clean_num(match.group("outer"))))
            if outer_id is None:
                out.extend(Reference(words, None) for _ in labels)
                continue
            scope = _stand_in(place, outer_id)
        elif match.group("this"):
            tag = _TAG_OF.get(match.group("this_kind").lower())
            scope = _enclosing(place, frozenset({tag})) if tag else None
            document_wide = tag is None
        elif abbr == "point":
            scope = _enclosing(place, frozenset({"paragraph"}))
        elif abbr == "para":
            scope = _enclosing(place, _SCOPES)
        else:
            document_wide = True
        for label in labels:
            if document_wide and abbr not in ("para", "point"):
                target = index.anywhere.get((abbr, label))
            else:
                target = index.within(scope, abbr, label)
            out.append(Reference(words, target))
    return out


def _stand_in(place: Place, wanted: str) -> Place:
    """A place that stands for the scope named by id: only its id is read."""
    return Place(place.node, wanted, "", None, 0, place.zone, place.element)

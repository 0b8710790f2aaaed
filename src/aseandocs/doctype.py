"""The document's type, read from its title and its formulas.

A title names its instrument with a type word ("Joint Statement of ...", "Protocol to Amend
the Framework Agreement ..."): the type is the one the title names first, so an amending
protocol is a protocol and an agreement under a framework agreement is an agreement.
A body that opens the text ("The General Assembly,") makes it a resolution (or the decision
its title names). Without a type word in the title, the formulas decide: "The General Assembly," opens a
resolution, "HAVE AGREED AS FOLLOWS" closes the preamble of an agreement, "HEREBY DECLARE"
that of a declaration.
"""

from __future__ import annotations

import re

DOC_TYPES = (
    "joint statement",
    "chairman's statement",
    "statement",
    "communiqué",
    "declaration",
    "resolution",
    "decision",
    "memorandum of understanding",
    "plan of action",
    "work plan",
    "roadmap",
    "blueprint",
    "charter",
    "constitution",
    "protocol",
    "convention",
    "treaty",
    "agreement",
)
"""The types a document may have (``Document.doc_type``)."""

# Each type's spellings, longest first where one contains another.
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("chairman's statement", r"chair(?:man|person|woman)?['’]?s\s+statement|statement\s+(?:by|of)\s+the\s+chair"),
    ("joint statement", r"joint\s+(?:press\s+)?statement|joint\s+leaders['’]?\s+statement"),
    ("communiqué", r"communiqu[eé]"),
    ("memorandum of understanding", r"memorandum\s+of\s+understanding|\bmou\b"),
    ("plan of action", r"plan\s+of\s+action|action\s+plan"),
    ("work plan", r"work\s*plan|programme\s+of\s+work"),
    ("roadmap", r"road\s*map"),
    ("blueprint", r"blueprint"),
    ("declaration", r"d[eé]claration|declaraci[oó]n|erkl[aä]rung"),
    ("resolution", r"r[eé]solution|resoluci[oó]n"),
    ("decision", r"\bdecision\b"),
    ("charter", r"\bcharter\b"),
    ("constitution", r"\bconstitution\b"),
    ("protocol", r"\bprotocol[eo]?\b|\bprotokoll\b"),
    ("convention", r"\bconvention\b|\bconvenci[oó]n\b|\bkonvention\b"),
    ("treaty", r"\btreaty\b|\btrait[eé]\b|\btratado\b|\bvertrag\b|\bverdrag\b"),
    ("agreement", r"\bagreement\b|\baccord\b|\bacuerdo\b|\bacordo\b|\bovereenkomst\b|\babkommen\b"),
    ("statement", r"\bstatement\b"),
)
_TYPE_WORD = re.compile("|".join(f"(?P<t{i}>{pattern})" for i, (_name, pattern) in enumerate(_SPELLINGS)), re.IGNORECASE)

_FORMULA_TYPES = (
    (re.compile(r"^\W*the\s+(?:general\s+assembly|security\s+council|assembly|council|conference)\b", re.IGNORECASE), "resolution"),
    (re.compile(r"\bagreed?\s+as\s+follows|\bhave\s+agreed\b", re.IGNORECASE), "agreement"),
    (re.compile(r"\bdeclare\b", re.IGNORECASE), "declaration"),
    (re.compile(r"\bdecides?\b", re.IGNORECASE), "decision"),
)


_ACTS_OF_A_BODY = frozenset({"resolution", "decision"})
"""What a body that opens a text with its name may enact."""


def from_title(title: str) -> str | None:
    """The type the title names first, or None."""
    found = _TYPE_WORD.search(title)
    if not found or found.lastgroup is None:
        return None
    return _SPELLINGS[int(found.lastgroup[1:])][0]


def doc_type(title: str | None, formulas: list[str]) -> str | None:
    """The document's type from its title, else from its formulas, else None. A text that
    an enacting body opens ("The General Assembly,") is its resolution unless the title
    names another act of a body (a decision): the title of a resolution names its subject
    ("Agreement under the ...", "Declaration on ...")."""
    named = from_title(title) if title else None
    if formulas and _FORMULA_TYPES[0][0].search(formulas[0]) and named not in _ACTS_OF_A_BODY:
        return "resolution"
    if named:
        return named
    for formula in formulas:
        for pattern, kind in _FORMULA_TYPES:
            if pattern.search(formula):
                return kind
    return None

"""The words that tell preambular from operative paragraphs, and formulas from prose.

Every lexical heuristic of the parser lives here, in one table a caller can extend::

    vocab = DEFAULT_VOCABULARY.extended(operative_verbs={"mandate"}, preambular_words={"heartened"})
    aseandocs.parse(text, vocabulary=vocab)

A preambular paragraph opens with a participle (RECOGNISING, Recalling, Taking note
also of), an adjective phrase (Deeply concerned, Mindful, Desirous of) or a phrase of
``preambular_phrases`` (Bearing in mind), optionally after adverbs (FURTHER, Also).
An operative paragraph opens with a verb of ``operative_verbs`` in its base form
(STRENGTHEN, Support) or third person (Urges, Calls upon), optionally after an adverb
or "We".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

PREAMBULAR_WORDS = frozenset(
    """
    concerned convinced aware mindful conscious determined alarmed encouraged desirous
    cognizant cognisant guided inspired committed resolved gratified heartened appreciative
    persuaded confident deeply gravely seriously profoundly having noting recalling seized
    alarmed disturbed dismayed shocked pleased satisfied
    reaffirming recognizing recognising welcoming emphasizing emphasising stressing
    expressing acknowledging considering believing affirming underlining underscoring
    reiterating taking bearing desiring wishing observing highlighting commending
    appreciating acknowledging determined
    """.split()
)
"""Opening words (lower case) that make a paragraph preambular besides any ``-ing`` participle."""

PREAMBULAR_PHRASES = (
    "bearing in mind",
    "taking note also of",
    "taking note of",
    "taking into account",
    "taking into consideration",
    "noting with concern",
    "noting with appreciation",
    "noting with satisfaction",
    "noting also",
    "recalling also",
    "recalling further",
    "deeply concerned",
    "gravely concerned",
    "seriously concerned",
    "desirous of",
    "expressing concern",
    "expressing its appreciation",
    "having considered",
    "having examined",
    "having met",
    "building on",
    "building upon",
    "having regard to",
    "being aware",
    "being conscious",
    "being convinced",
    "being desirous",
    "being determined",
    "being mindful",
    "on the basis of",
)
"""Multi-word openings, matched before single words so the whole phrase is reported."""

ADVERBS = frozenset("further also again additionally furthermore moreover strongly firmly fully deeply gravely".split())
"""Words that may stand before the opening participle or verb."""

OPERATIVE_VERBS = frozenset(
    """
    accept acknowledge adopt advance affirm agree appeal applaud approve ask authorize
    authorise build call commend commit condemn consider continue cooperate collaborate
    create decide declare deepen demand deplore designate develop direct emphasize emphasise
    encourage endeavour endeavor endorse engage enhance ensure establish examine expand
    explore express facilitate foster harness identify implement improve increase
    instruct intensify invite launch look maintain mobilize mobilise note pledge proclaim
    promote propose provide pursue reaffirm recall recognize recognise recommend reiterate
    reject remain renew request resolve seek share stand stress strengthen strive
    support take task underline underscore undertake urge welcome work
    """.split()
)
"""Operative verbs in their base form (lower case); third-person forms are derived."""

_TAIL = 300
# Letters of any script: "considérant" is one word, as "considering" is.
_WORD = r"([^\W\d_](?:[^\W\d_]|['’-])*)"


def _opening(count: int) -> re.Pattern[str]:
    """Up to ``count`` words from where it is matched, each a group, skipping what is not a letter."""
    pattern = _WORD
    for _ in range(count - 1):
        pattern = _WORD + r"(?:[\W\d_]*" + pattern + ")?"
    return re.compile(pattern)


# One match reads all the words a phrase may span: far cheaper than one match per word.
# Most openings are decided by their first word alone, which is read first.
_FIRST_WORD = _opening(1)
_PREAMBULAR_OPENING = _opening(6)
_OPERATIVE_OPENING = _opening(4)
# Matched at a position (no "^"): what may precede the opening word, and a leading "We".
_LEAD = re.compile(r"[\s*_>#\u00a0]*")
_WE = re.compile(r"(?:We|we|WE)\b[,\s\u00a0]*")

_OPERATIVE_FORMULA = re.compile(
    r"(?:\bhereby\b[^.:]{0,60}:|\bas\s+follows\s*[:.]?|\bthe\s+following(?:\s+[a-z]+){0,2}\s*:|"
    # "in the manner, form and tenor following, vizt:", "following, namely:"
    r"\bfollowing,?\s+(?:vizt?|namely|that\s+is\s+to\s+say)[.,]?\s*:|"
    r"\b(?:declare|decide|agree|resolve|adopt|affirm|commit)[a-z]*(?:\s+to)?\s*:)\s*[*_]*\s*$",
    re.IGNORECASE,
)
# The enacting verb in capitals, with what it enacts, up to the formula's colon: "AGREE to
# enter into this Protocol:", "DECIDE to establish a Council:". Capitals mark the verb as the
# formula's; in running text the same words ("agree to take measures:") lead in to a list.
_CAPITAL_VERB_FORMULA = re.compile(r"(?<![A-Za-z])(?:DECLARE|DECIDE|AGREE|RESOLVE|ADOPT|AFFIRM|COMMIT)[A-Z]*(?![A-Za-z])[^.:;]{0,200}:\s*[*_]*\s*$")
_RESOLUTION_FORMULA = re.compile(
    r"^\W*The\s+(?:General\s+Assembly|Security\s+Council|Assembly|Council|Conference|"
    r"Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council|Commission|Governing\s+Council|"
    r"Committee|Heads\s+of\s+State[^,]{0,60}|Ministers[^,]{0,60}|Parties[^,]{0,60}|"
    r"Contracting\s+Parties[^,]{0,60}|Governments?\s+of\b[^,]{0,160}),?\s*[*_]*\s*$",
    # In any case: "THE COUNCIL," heads a decision as "The Council," does.
    re.IGNORECASE,
)
# An amending provision that sets out text it puts into another instrument: "Replace
# Article 35 ... with the following:", "Article 4 is amended to read as follows:", "Insert
# the following new paragraph:". Its verb, then what it announces, then the colon.
AMENDING_VERBS = frozenset("replace substitute amend insert add".split())


def _verb_forms(verb: str) -> str:
    """A pattern for the forms of a verb: "replace(s|d)", "replacing"; "add(s|ed|ing)"."""
    if verb.endswith("e"):
        return f"{verb[:-1]}(?:e|es|ed|ing)"
    return f"{verb}(?:s|ed|ing)?"


_AMENDING_LEAD_IN = re.compile(
    r"\b(?:" + "|".join(map(_verb_forms, sorted(AMENDING_VERBS))) + r")\b[^:]{0,300}?"
    r"\b(?:the\s+following|as\s+follows|to\s+read)\b[^:.;]{0,60}:\s*[*_]*\s*$",
    re.IGNORECASE,
)
_SUMMIT_OPENING = re.compile(r"^\W*(?:WE|We)\s*[*_]*\s*,\s*(?:the|THE)\b")
# How the two patterns above open, read on a source text: spaces and tags may still stand
# where the flattened text has one space or none ("The\n<b>General", "We</b>,").
_FORMULA_OPENING = re.compile(r"(?:The|THE)(?:\s+[A-Z<]|\s*\Z)|(?:We|WE)[\s*_]*(?:[,<]|\Z)")
_BEFORE_WORDS = re.compile(r"[^\w<]*")


def _first_word(text: str, at: int) -> tuple[re.Match[str], str]:
    """The match of the word at ``at`` (a letter stands there) and the word in lower case."""
    first = _FIRST_WORD.match(text, at)
    assert first is not None
    return first, first.group(1).lower()


def _before_full_stop(end: str) -> str:
    """``end`` without a final full stop and the spaces before it."""
    return (end[:-1] if end.endswith(".") else end).rstrip()


def _announces(end: str) -> bool:
    """Whether text that ends with ``end`` (no trailing spaces or emphasis) ends as every
    operative formula does: with ":", or with "follows" before an optional full stop."""
    return end.endswith(":") or _before_full_stop(end)[-7:].lower() == "follows"


@dataclass(frozen=True)
class Vocabulary:
    """The lexical tables the parser consults; immutable, extend with :meth:`extended`."""

    preambular_words: frozenset[str] = PREAMBULAR_WORDS
    preambular_phrases: tuple[str, ...] = PREAMBULAR_PHRASES
    operative_verbs: frozenset[str] = OPERATIVE_VERBS
    adverbs: frozenset[str] = ADVERBS
    participle_endings: tuple[str, ...] = ("ing",)
    not_participles: frozenset[str] = field(default_factory=lambda: _NOT_PARTICIPLES)
    _third_person: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _phrase_heads: set[str] = field(default_factory=set, compare=False, repr=False)

    def __post_init__(self) -> None:
        forms: dict[str, str] = {}
        for verb in self.operative_verbs:
            forms[verb] = verb
            if verb.endswith(("s", "sh", "ch", "x", "z")):
                forms[verb + "es"] = verb
            elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
                forms[verb[:-1] + "ies"] = verb
            else:
                forms[verb + "s"] = verb
        self._third_person.update(forms)
        # A phrase can only match words joined by single spaces, so its first word decides.
        self._phrase_heads.update(phrase.split(" ", 1)[0] for phrase in self.preambular_phrases)

    def extended(
        self,
        *,
        preambular_words: set[str] | frozenset[str] = frozenset(),
        preambular_phrases: tuple[str, ...] = (),
        operative_verbs: set[str] | frozenset[str] = frozenset(),
        adverbs: set[str] | frozenset[str] = frozenset(),
        participle_endings: tuple[str, ...] = (),
        not_participles: set[str] | frozenset[str] = frozenset(),
    ) -> Vocabulary:
        """A copy with more words; all entries are matched case-insensitively.

        ``participle_endings`` are the endings of the participles that open recitals in a
        language ("-ing"; "-ant" in French, "-ando" and "-iendo" in Spanish), and
        ``not_participles`` the words with those endings that are none ("during",
        "cuando")."""
        return replace(
            self,
            preambular_words=self.preambular_words | {w.lower() for w in preambular_words},
            preambular_phrases=tuple(p.lower() for p in preambular_phrases) + self.preambular_phrases,
            operative_verbs=self.operative_verbs | {w.lower() for w in operative_verbs},
            adverbs=self.adverbs | {w.lower() for w in adverbs},
            participle_endings=tuple(dict.fromkeys(self.participle_endings + tuple(e.lower() for e in participle_endings))),
            not_participles=self.not_participles | {w.lower() for w in not_participles},
            _third_person={},
            _phrase_heads=set(),
        )

    def _opening_words(self, pattern: re.Pattern[str], text: str, at: int) -> tuple[re.Match[str], list[str], int]:
        """The opening match at ``at`` (a letter), its words in lower case, and the index
        of the first word that is not an adverb (the last word if all are)."""
        opening = pattern.match(text, at)
        assert opening is not None  # a letter stands at ``at``
        low = list(map(str.lower, filter(None, opening.groups())))
        start = 0
        while start < len(low) - 1 and low[start] in self.adverbs:
            start += 1
        return opening, low, start

    def preambular_phrase(self, text: str, *, any_case: bool = False) -> str | None:
        """The opening participle or adjective phrase as written ('FURTHER UNDERSCORING'), or None.

        The phrase opens with a capital letter, or in any case with ``any_case`` (text
        whose capitals were lost, such as a treaty kept in lower case on one line).
        """
        start_at = _LEAD.match(text).end()  # type: ignore[union-attr]
        # The phrase opens the text with a capital letter: most texts are ruled out here.
        if start_at >= len(text) or not ("A" <= text[start_at] <= "Z" or (any_case and "a" <= text[start_at] <= "z")):
            return None
        first, head = _first_word(text, start_at)
        if head not in self.adverbs and head not in self._phrase_heads:
            return text[start_at : first.end()] if self._is_preambular_word(head) else None
        opening, low, start = self._opening_words(_PREAMBULAR_OPENING, text, start_at)
        joined = " ".join(low[start:])
        for phrase in self.preambular_phrases if joined.startswith(self.preambular_phrases) else ():
            if joined.startswith(phrase) and (len(joined) == len(phrase) or joined[len(phrase)] == " "):
                end = start + len(phrase.split()) - 1
                return text[start_at : opening.end(end + 1)]
        if self._is_preambular_word(low[start]):
            return text[start_at : opening.end(start + 1)]
        return None

    def is_listed_preambular(self, phrase: str) -> bool:
        """Whether an opening phrase is one the tables name, not just a word ending in -ing."""
        low = phrase.lower()
        words = low.split()
        return low in self.preambular_phrases or any(w in self.preambular_words for w in words)

    def _is_preambular_word(self, word: str) -> bool:
        """Whether a lower-case word opens a preambular paragraph: a listed word or a participle."""
        return word in self.preambular_words or (
            word.endswith(self.participle_endings) and len(word) > 4 and word not in self.not_participles
        )

    def operative_phrase(self, text: str) -> str | None:
        """The opening verb as written ('STRENGTHEN', 'Calls upon', 'Also requests'), or None."""
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]
        we = _WE.match(text, lead)
        start_at = we.end() if we else lead
        # The verb opens the text (with a capital letter unless "We" came first).
        if start_at >= len(text) or not ("A" <= text[start_at] <= "Z" or (we and "a" <= text[start_at] <= "z")):
            return None
        _first, head = _first_word(text, start_at)
        if head not in self.adverbs and head not in self._third_person:
            return None
        opening, low, start = self._opening_words(_OPERATIVE_OPENING, text, start_at)
        if low[start] not in self._third_person:
            return None
        end = start
        if end + 1 < len(low) and low[end + 1] in ("upon", "on", "for", "note"):
            end += 1
        return text[start_at : opening.end(end + 1)]

    def is_operative_formula(self, text: str) -> bool:
        """Whether a paragraph ends by announcing the operative part ('HEREBY DECLARE:', 'as follows:')."""
        # Every formula ends with ":" or "as follows" (before closing emphasis); testing that
        # first spares the search on most paragraphs. The search reads only the tail, which
        # keeps it linear.
        stripped = text.rstrip()
        if not _announces(stripped.rstrip("*_").rstrip()):
            return False
        tail = stripped[-_TAIL:]
        return bool(_OPERATIVE_FORMULA.search(tail) or _CAPITAL_VERB_FORMULA.search(tail))

    def may_open_formula(self, source: str) -> bool:
        """A quick test on the source of a paragraph's first part (not flattened): False
        means neither :meth:`is_resolution_formula` nor :meth:`is_summit_opening` can
        accept the paragraph's flattened text. Reads only the head of ``source``."""
        start = _BEFORE_WORDS.match(source).end()  # type: ignore[union-attr]
        # The opening word may come from a later part, or be cut by an inline tag ("T<b>he").
        return (
            start == len(source)
            or source[start] == "_"
            or "<" in source[start : start + 8]
            or _FORMULA_OPENING.match(source, start) is not None
        )

    def may_end_operative_formula(self, source_end: str) -> bool:
        """A quick test on the end of a paragraph's source (its last part without trailing
        spaces and emphasis, not ending in a tag): False means :meth:`is_operative_formula`
        cannot accept the paragraph's flattened text."""
        # An inline tag inside the last word ("fol<b>lows") ends within its last eight characters.
        return _announces(source_end) or ">" in _before_full_stop(source_end)[-8:]

    def is_amending_lead_in(self, text: str) -> bool:
        """Whether a paragraph ends by announcing text that it inserts into another
        instrument ("Replace Article 35 of the Annex with the following:")."""
        tail = text.rstrip()[-_TAIL:]
        return tail.rstrip("*_ ").endswith(":") and bool(_AMENDING_LEAD_IN.search(tail))

    def is_resolution_formula(self, text: str) -> bool:
        """Whether a short line names the enacting body ('The General Assembly,')."""
        return len(text) < 240 and bool(_RESOLUTION_FORMULA.match(text.strip()))

    def is_summit_opening(self, text: str) -> bool:
        """Whether a paragraph opens a declaration in the first person ('WE, the Heads of State ...').

        The opening leads in to what follows, so it does not end a sentence; "We, the
        leaders, met today ... ." is prose.
        """
        return bool(_SUMMIT_OPENING.match(text)) and not text.rstrip(" *_").endswith(".")


_NOT_PARTICIPLES = frozenset("during following including regarding concerning according notwithstanding something nothing anything everything building king spring morning evening meeting thing".split())

DEFAULT_VOCABULARY = Vocabulary()
"""The vocabulary used when the caller gives none."""

"""The segmentation pass: where a reader's paragraph starts inside a block of the grammar.

The grammar groups lines into blocks by their shapes. Two kinds of text hide paragraph
starts from it, and this pass finds them before any role is read:

* **Text without blank lines** (PDF extracts): a recital that opens a line after a line
  ending with ``;``, ``:`` or ``,`` starts a paragraph of its own ("...mutual benefit;" /
  "Desirous of expanding trade ..."); so does an operative verb after ``;`` or ``:``.
* **Run-on text** (research datasets keep a treaty on one line, often in lower case): a
  line far longer than any paragraph is read for inline starts, each accepted only where it
  continues a sequence of its kind and does not read as a cross-reference:

  - keyword labels ("article 3" after "article 2"; "ARTICLE 1geographical scope" glued to
    its heading), chapters and parts ranking above articles;
  - numbered paragraphs inside an article ("2." after "1."), lettered and roman items;
  - before the operative formula ("have agreed as follows:"), each recital phrase after a
    ``;`` or ``,`` ("...;recalling the declaration ...;noting ...");
  - the operative formula itself, and the closing ("in witness whereof", "done at").

A split block becomes consecutive blocks whose source spans follow each other exactly, so
rendering still concatenates the same characters; a block may therefore start mid-line
and end without a line break. Blocks found this way carry their label's cut (indent, label
and gap lengths), so the structure pass does not re-read them with the grammar's patterns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from aseandocs import languages as foreign
from aseandocs import layout, tables
from aseandocs.blocks import LINE, RawBlock
from aseandocs.markup import reading_view
from aseandocs.numbering import ORDINALS, letter_value, roman_value
from aseandocs.vocabulary import Vocabulary

_BREAK = re.compile(r"\r\n|\r|\n")
_RULE = re.compile(r"_{5,}")

RUN_ON = 2500
"""A line longer than this (in characters) is read as run-on text."""

SHORT_RUN_ON = 300
"""A shorter line than ``RUN_ON`` but longer than this is run-on text where it shows the
structure of one: an enacting formula followed by articles numbered in sequence."""

# ---- text without blank lines --------------------------------------------------------------

# A line break after a clause mark (its "br" group), and the next line's first letter.
_LINE_START = re.compile(r"[;:,](?:[ \t\u00a0]+(?:and|or))?[ \t\u00a0*_]*(?P<br>\r\n|\r|\n)[ \t\u00a0]*(?=[A-Z])")


# A colon at the end of a line (a line separator counts: word processors write one).
_COLON_BREAK = re.compile(r":[ \t\u00a0*_]*(?:\r\n|\r|\n|\u2028)")


def _inserted_starts(raw: str, end: int, vocab: Vocabulary) -> list[Cut]:
    """Where the text an amending provision inserts starts: on the line after its lead-in
    ("Replace Article 35 of the Annex with the following:")."""
    out: list[Cut] = []
    for match in _COLON_BREAK.finditer(raw, 0, end):
        line_start = max(raw.rfind("\n", 0, match.start()), raw.rfind("\r", 0, match.start()), raw.rfind("\u2028", 0, match.start())) + 1
        if vocab.is_amending_lead_in(raw[line_start : match.start() + 1]):
            out.append(Cut(match.end(), "text"))
    return out


def _line_starts(block: RawBlock, vocab: Vocabulary) -> list[int]:
    """Offsets in ``block.raw`` where a recital or an operative paragraph opens a line."""
    raw = block.raw
    out: list[int] = []
    for match in _LINE_START.finditer(raw, 0, len(raw) - len(block.eol)):
        at = match.end()
        line_end = _BREAK.search(raw, at)
        line = raw[at : line_end.start() if line_end else len(raw)]
        mark = raw[match.start()]
        if vocab.preambular_phrase(line) is not None or (mark in ";:" and vocab.operative_phrase(line) is not None):
            # The new block starts where its line starts: the line's indent is its own.
            out.append(match.end("br"))
    if ("\n" in raw or "\r" in raw) and _ORDINAL_LINE.search(raw):
        # A spelled-out ordinal in capitals opening a line labels a clause of its own.
        out.extend(m.start() for m in _ORDINAL_LINE.finditer(raw) if m.start() > 0)
    return out


# ---- run-on text ---------------------------------------------------------------------------

_KEYWORD = re.compile(
    r"(?<![A-Za-z])(?P<word>part|title|chapter|section|article|annex|appendix|regulation|rule)"
    r"[ \t\u00a0]+(?P<value>\d{1,3}(?![\d.]\d)|[ivxlc]{1,7}|[IVXLC]{1,7})",
    re.IGNORECASE,
)
# Not inside a number ("1,2."); after one that ends a sentence ("article 2.2.", "1940.2.")
# the sequence decides.
_PARAGRAPH = re.compile(r"(?<![\d/])(?<!\d,)(?P<value>\d{1,2})\.(?=[ \t\u00a0]*[A-Za-z(\"“‘'])")
_OCR_ONE = re.compile(r"(?<![A-Za-z0-9.])[Il]\.(?=[ \t\u00a0]+[A-Za-z\"“(])")
# Numbers wrapped otherwise, "1)" and "(1)", a list of their own kind: a space or a mark
# before them, text after.
_WRAPPED_NUMBER = re.compile(r"(?:(?<=[ \t\u00a0:;.,])|(?<=[:;.,]\())\(?(?P<value>\d{1,2})\)(?=[ \t\u00a0]+[A-Za-z\"“])")
_FIRST_PARAGRAPH = re.compile(r"1\.(?=[ \t\u00a0]*[A-Za-z(\"“‘'])")
# "(a)", "(iv)"; and "a.", "b)" after a mark or a space (not inside a word or a number).
_ITEM = re.compile(
    r"\((?P<value>[a-z]{1,2}|[ivx]{1,6}|[A-Z])\)"
    r"|(?<![A-Za-z0-9.])(?P<bare>[a-z]|[ivx]{1,6})[.)](?=[ \t\u00a0]+[A-Za-z(\"“])"
    # glued to the mark before it where the line break was lost: "in particular:a.shall"
    r"|(?:(?<=[:;.,])|(?<=[:;.] ))(?P<glued>[a-z]|[ivx]{1,6})[.)](?=[ \t\u00a0]*[A-Za-z(\"“])"
    # glued to the "and" or "or" that ends the item before: "...population; andd. fishing"
    r"|(?:(?<=(?<![A-Za-z])and)|(?<=(?<![A-Za-z])or))(?P<joined>[a-z]|[ivx]{1,6})[.)](?=[ \t\u00a0]+[A-Za-z(\"“])"
)
_FORMULA = re.compile(
    r"\b(?:have|hereby)\s+(?:agreed|agree|decided|resolved)\b[^.;:]{0,60}?(?:as\s+follows|the\s+following)?\s*:"
    # the operative verb of an enacting body, closing its preamble: ",resolves:", "decides:"
    r"|(?<=[,;])[ \t\u00a0]*(?:resolves|decides|declares|agrees|recommends|adopts)\b[ \t\u00a0]*(?:to\b[ \t\u00a0]*)?:",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"\b(?:in\s+(?:witness|faith|testimony)(?:\s+and\s+testimony)?\s+whereof|done\s+(?:at|in)\b|signed\s+(?:at|in)\s+[a-z]+,?\s+(?:on|this)\b)",
    re.IGNORECASE,
)
_BARE_ANNEX = re.compile(r"(?<![A-Za-z])(?:ANNEX|APPENDIX|SCHEDULE)(?![A-Za-z0-9])(?![ \t\u00a0]+(?:\d|[IVX]+\b))")
_RECITAL_START = re.compile(r"[.;,:][ \t\u00a0]*(?=[A-Za-z])")
# Words after which a label is a reference to it, not its start.
_REFERRING = frozenset(
    """
    of in to under with and or see by this that the from pursuant referred per para paragraph
    paragraphs article articles annex annexes chapter section part sub-paragraph subparagraph
    regulation regulations rule rules than as on at for its their said whose which
    """.split()
)
_FOLLOWING_REFERENCE = re.compile(
    r"[ \t\u00a0]*(?:of\b|thereof|hereof|above|below|bis\b|to\b|and\b|or\b|shall\b|is\b|are\b|may\b|\(|,)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Cut:
    """Where a segment starts in the block and how its label is cut."""

    start: int
    kind: str  # the block kind the segment becomes
    label: int = 0  # length of the label, which starts the segment (0: none)


def _word_before(text: str, at: int) -> str:
    """The lower-case word that ends just before ``at`` (spaces skipped), or ''."""
    end = at
    while end > 0 and text[end - 1] in " \t\u00a0":
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    return text[start:end].lower()


def _keyword_value(raw_value: str, expected: int, after: str = "") -> tuple[int, int] | None:
    """The value of a keyword label and the length of its number, reading a roman numeral
    glued to the next word ("ithe"), or a number glued to its first paragraph's ("41." after
    article 3, followed by ``after``), by the value the sequence expects."""
    if raw_value.isdigit():
        if expected > 1 and after == "." and raw_value == f"{expected}1":
            # "ARTICLE 41. if the chairman": the article's number glued to its first paragraph's.
            return expected, len(raw_value) - 1
        return int(raw_value), len(raw_value)
    # The longest prefix first; a roman numeral is accepted only as the expected value.
    for length in range(len(raw_value), 0, -1):
        if roman_value(raw_value[:length]) == expected:
            return expected, length
    return None


@functools.lru_cache(maxsize=16)
def _keyword_pattern(languages: tuple[str, ...]) -> re.Pattern[str]:
    """The run-on keyword labels of English and of ``languages``."""
    words = foreign.keyword_words(languages)
    if not words:
        return _KEYWORD
    extra = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(_KEYWORD.pattern.replace("(?P<word>", f"(?P<word>{extra}|", 1), re.IGNORECASE)


def _continued(found: list[re.Match[str]], position: int, low: str, value: int, words: dict[str, str]) -> bool:
    """Whether the next keyword in capitals of the same word as ``found[position]`` is
    numbered ``value + 1``."""
    for later in found[position + 1 :]:
        if later.re is _BARE_ANNEX:
            continue
        word = later.group("word")
        if not word.isupper() or words.get(word.lower(), word.lower()) != low:
            continue
        return later.group("value").isdigit() and int(later.group("value")) == value + 1 or roman_value(later.group("value")) == value + 1
    return False


def _keyword_cuts(raw: str, start: int, end: int, languages: tuple[str, ...] = ("en",)) -> list[Cut]:
    """The keyword labels of a run-on span that continue their sequences."""
    words = foreign.keyword_words(languages)
    found = list(_keyword_pattern(languages).finditer(raw, start, end))
    # A keyword printed in capitals inside text in lower case is a label by its typography;
    # where a text has such labels, only they count.
    capitals = {
        words.get(m.group("word").lower(), m.group("word").lower())
        for m in found
        if m.group("word").isupper() and not raw[max(0, m.start() - 40) : m.start()].isupper()
    }
    expected: dict[str, int] = {}
    cuts: list[Cut] = []
    # After the closing, an annex in capitals needs no number ("...equally authentic ANNEX
    # on arbitration ARTICLE 1 ..."): its articles start again.
    annexes = [m for m in _BARE_ANNEX.finditer(raw, start, end) if not raw[max(0, m.start() - 40) : m.start()].isupper()]
    if annexes:
        found = sorted(found + annexes, key=lambda m: m.start())
    for position, match in enumerate(found):
        if match.re is _BARE_ANNEX:
            previous = cuts[-1].start if cuts else start
            if _CLOSING.search(raw, previous, match.start()):
                expected.pop("article", None)
                expected.pop("regulation", None)
                cuts.append(Cut(match.start(), "heading"))
            continue
        word = match.group("word")
        low = words.get(word.lower(), word.lower())
        strong = word.isupper() and low in capitals
        if low in capitals and not strong:
            continue
        wanted = expected.get(low, 1)
        read = _keyword_value(match.group("value"), wanted, raw[match.end("value") : match.end("value") + 1])
        if read is None:
            continue
        value, length = read
        label_end = match.start("value") + length
        number_end = label_end
        while raw[label_end : label_end + 1] in ("º", "ª", "°"):
            label_end += 1  # an ordinal indicator belongs to the number and ends it: "articulo 1º"
        if not strong and label_end == number_end and raw[label_end : label_end + 1].isalpha() and not (value == wanted > 1 and raw[number_end - 1].isdigit()):
            # "Parties": a word, not a label; only a capital keyword is glued to text, or
            # the number a running sequence expects ("articulo 10puntos focales" after 9).
            continue
        if value != wanted and not (low in ("annex", "appendix") and value == 1):
            if not (strong and low not in expected and _continued(found, position, low, value, words)):
                continue
            # A text cut at its start ("...in accordance with article vii ... ARTICLE 2"): a
            # keyword in capitals may open its sequence late where the next one continues it.
        if not strong:
            before = _word_before(raw, match.start())
            if before in _REFERRING or _FOLLOWING_REFERENCE.match(raw, label_end):
                continue
        expected[low] = value + 1
        # Articles and regulations restart in an annex.
        if low in ("annex", "appendix"):
            expected.pop("article", None)
            expected.pop("regulation", None)
        if low in ("annex", "appendix"):
            # An annex is a container of its own, numbered or not: it adds no level.
            cuts.append(Cut(match.start(), "heading"))
        else:
            cuts.append(Cut(match.start(), "keyword_heading", label_end - match.start()))
    return cuts


def _label_cuts(raw: str, start: int, end: int) -> list[Cut]:
    """The numbered paragraphs ("1.", "2.") and the lettered, roman and capital items
    ("(a)", "i)", "(A)") of one article's or part's span.

    Each label is accepted only where it continues a sequence open around it (the innermost
    first: "v" after "iv" is roman, "i" after "h" a letter) or opens a sequence of its own
    style under the label before it: "1." opens the span's paragraphs and, after a
    lettered or roman item, that item's own list ("d. the following:1. ...2. ...e. ...").
    A number never restarts inside the paragraphs it would restart.
    """
    cuts: list[Cut] = []
    # The open sequences, outermost first: [kind, value], kind "num", "letter", "roman" or "capital".
    stack: list[list[object]] = []
    glued = _FIRST_PARAGRAPH.match(raw, start, end) if start and raw[start - 1].isdigit() else None
    if glued:
        # Right after the article's number ("ARTICLE 41. if ..." is article 4, paragraph 1).
        cuts.append(Cut(start, "item", glued.end() - start))
        stack.append(["num.", 1])
    found: list[tuple[int, int, str]] = []
    for match in _PARAGRAPH.finditer(raw, start, end):
        if glued and match.start() == start:
            continue
        spaced = match.start() > 0 and raw[match.start() - 1] in " \t\u00a0"
        if spaced and _word_before(raw, match.start()) in _REFERRING:
            continue  # "paragraph 2." (glued, "annexes1." lost its line break instead)
        found.append((match.start(), match.end(), match.group("value")))
    for match in _OCR_ONE.finditer(raw, start, end):
        # "I." or "l." where "1." would open the numbered paragraphs: an OCR misreading of
        # the number, taken where a "2." follows with no "1." before it.
        later = [m for m in _PARAGRAPH.finditer(raw, match.end(), end) if m.group("value") in ("1", "2")][:1]
        if later and later[0].group("value") == "2":
            found.append((match.start(), match.end(), "1"))
    for match in _WRAPPED_NUMBER.finditer(raw, start, end):
        at = match.start()
        if raw[at] == "(" and (raw[at - 1 : at].isdigit() or _word_before(raw, at) in _REFERRING):
            continue  # "5(1)", "paragraph (1)": references
        if raw[at] != "(" and _word_before(raw, at) in _REFERRING:
            continue
        found.append((at, match.end(), match.group("value")))
    for match in _ITEM.finditer(raw, start, end):
        value = match.group("value") or match.group("bare") or match.group("glued") or match.group("joined")
        # Only the characters just before matter: reading them alone keeps this linear.
        before = raw[max(0, match.start() - 16) : match.start()].rstrip(" \t\u00a0")
        if before[-1:].isdigit() or raw[match.start() - 1 : match.start()] == ")" or _word_before(raw, match.start()) in ("paragraph", "paragraphs", "article", "articles", "subparagraph", "sub-paragraph"):
            continue  # "paragraph 2 (e)", "article 4(b)", "(5)(a)": references
        found.append((match.start(), match.end(), value))
    found.sort()
    taken = 0
    for at, stop, value in found:
        if at < taken:
            continue
        readings: list[tuple[str, int]]
        # The kind of a label is its style and its wrapping: "a." and "a)" are two lists.
        wrap = "(" if raw[at] == "(" else raw[stop - 1]
        if value.isdigit():
            readings = [("num" + wrap, int(value))]
        elif value.isupper():
            readings = [("capital" + wrap, letter_value(value) or 0)]
        else:
            readings = [(kind + wrap, v) for kind, v in (("letter", letter_value(value)), ("roman", roman_value(value))) if v]
        place = _sequence_place(stack, readings)
        if place is None:
            continue
        index, kind, number = place
        del stack[index:]
        stack.append([kind, number])
        cuts.append(Cut(at, "item", stop - at))
        taken = stop
    return cuts


def _sequence_place(stack: list[list[object]], readings: list[tuple[str, int]]) -> tuple[int, str, int] | None:
    """Where a label with these readings goes in the open sequences: the innermost one it
    continues, else a new sequence under the innermost (a first value of a style not open),
    as (index in the stack, kind, value); None where it fits no sequence."""
    # The same kind first ("e." after "d." past "d)"), then the same style wrapped otherwise.
    for same in (lambda a, b: a == b, lambda a, b: a[:-1] == b[:-1]):
        for index in range(len(stack) - 1, -1, -1):
            for kind, value in readings:
                if same(stack[index][0], kind) and stack[index][1] == value - 1:
                    return index, str(stack[index][0]), value
    for kind, value in readings:
        # A first value nests under a label of another kind, even one inside its own
        # kind's sequence ("3." then "a." then "1."), never under a label of its own kind.
        if value == 1 and not (stack and stack[-1][0] == kind):
            return len(stack), kind, value
    return None


def _recital_cuts(raw: str, start: int, end: int, vocab: Vocabulary) -> list[Cut]:
    """Each recital phrase after a ";" or "," of a run-on preamble."""
    cuts: list[Cut] = []
    for match in _RECITAL_START.finditer(raw, start, end):
        at = match.end()
        head = raw[at : at + 80]
        conjunction = _CAPITALS_AFTER_AND.match(head)
        if conjunction:
            # ", and HAVING RESOLVED ...": a recital in capitals after "and" is one of its own.
            head = head[conjunction.end() :]
        phrase = vocab.preambular_phrase(head, any_case=not conjunction)
        if phrase is None or (conjunction and not phrase.isupper()):
            continue
        glued = at == match.start() + 1  # ",conscious": where a line break was lost
        # ", owing to ...": a participle inside a sentence; ", Being desirous of": a recital.
        listed = vocab.is_listed_preambular(" ".join(head.split()[:2])) or vocab.is_listed_preambular(phrase)
        if not glued and not conjunction and raw[match.start()] == "," and not listed:
            continue
        # After "and" the recital starts at its phrase; the "and" closes the one before.
        cuts.append(Cut(at + conjunction.end() if conjunction else match.start() + 1, "text"))
    return cuts


_CAPITALS_AFTER_AND = re.compile(r"and[ \t\u00a0]+(?=[A-Z]{4,})")


# Words in capitals (no lower-case letter), up to the first word that has one.
# Each word opens with a capital, a digit or a bracket and holds no lower-case letter: one
# way to read a run of words, so a failed match cannot backtrack.
_CAPITALS_RUN = re.compile(r"(?:[A-Z0-9(\[][^\sa-z,;:]*[ \t\u00a0]+)+(?=[A-Z][a-z])")
_SOURCE_MARKER = re.compile(r"(?:source|src)[ \t\u00a0]*:", re.IGNORECASE)


def _shows_run_on(line: str, languages: tuple[str, ...]) -> bool:
    """Whether a line of moderate length is a whole text run together: an enacting formula
    ("have agreed as follows:") followed by at least two articles in sequence."""
    if len(line) <= SHORT_RUN_ON:
        return False
    formula = _FORMULA.search(line)
    if formula is None:
        return False
    headings = [c for c in _keyword_cuts(line, formula.end(), len(line.rstrip("\r\n")), languages) if c.kind == "keyword_heading"]
    return len(headings) >= 2


def _run_on_cuts(raw: str, start: int, end: int, vocab: Vocabulary, languages: tuple[str, ...] = ("en",)) -> list[Cut]:
    """Every paragraph start of one run-on line ``raw[start:end]``."""
    cuts: list[Cut] = []
    if start == 0:
        # Datasets put the title first and mark where the text starts ("...regionsource: ").
        marker = _SOURCE_MARKER.search(raw, 0, min(end, 600))
        if marker and marker.start() > 0:
            cuts.append(Cut(0, "title"))
            cuts.append(Cut(marker.start(), "text"))
    if not cuts and start < 200:
        # A title in capitals that runs into the text in mixed case: "AGREEMENT ON COMMERCE
        # BETWEEN INDIA AND JAPAN The Government of India ...".
        capitals = _CAPITALS_RUN.match(raw, start, min(end, start + 400))
        if capitals and len(capitals.group(0).split()) >= 3:
            if start > 0:
                cuts.append(Cut(start, "title"))
            else:
                cuts.append(Cut(0, "title"))
            cuts.append(Cut(capitals.end(), "text"))
    keywords = _keyword_cuts(raw, start, end, languages)
    articles = [c for c in keywords if c.kind == "keyword_heading"]
    first_body = articles[0].start if articles else end
    cuts.extend(keywords)
    formula = None
    for match in _FORMULA.finditer(raw, start, first_body):
        formula = match
    foreign_formula = foreign.formula_pattern(languages)
    if formula is None and foreign_formula is not None:
        for match in foreign_formula.finditer(raw, start, first_body):
            formula = match
    if formula is not None:
        cuts.extend(_recital_cuts(raw, start, formula.start(), vocab))
        cuts.append(Cut(formula.start(), "formula"))
        if formula.end() < first_body:
            cuts.append(Cut(formula.end(), "text"))
    closing_at = end
    # The closing follows the last article of the main text, before any annex.
    annex_at = next((c.start for c in keywords if c.kind == "heading"), end)
    main = [c for c in articles if c.start < annex_at] or articles
    last_label = main[-1].start if main else start
    closings = [m for m in _CLOSING.finditer(raw, last_label, end)]
    foreign_closing = foreign.closing_pattern(languages)
    if foreign_closing is not None:
        closings = sorted(closings + list(foreign_closing.finditer(raw, last_label, end)), key=lambda m: m.start())
    if closings and articles:
        closing_at = closings[0].start()
        cuts.append(Cut(closing_at, "closing"))
    if formula is not None and not articles:
        # No articles: the operative part after the formula holds the paragraphs and items.
        operative_end = keywords[0].start if keywords else end
        cuts.extend(_label_cuts(raw, formula.end(), operative_end))
    ordinals = _ordinal_cuts(raw, start, end)
    cuts.extend(ordinals)
    # Each article's, annex's or ordinal clause's span runs to the next of them, the
    # closing or the end.
    stops = sorted({c.start for c in keywords} | {c.start for c in ordinals} | {closing_at, end})
    for here in keywords + ordinals:
        after = next(stop for stop in stops if stop > here.start)
        span_start = here.start + here.label
        cuts.extend(_label_cuts(raw, span_start, after))
    return cuts


_RUN_ON_ORDINAL = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(w.upper() for w in ORDINALS) + r")[ \t]*(?:\.-|:|-|–)(?=[ \t\u00a0]*\S)"
)


def _ordinal_cuts(raw: str, start: int, end: int) -> list[Cut]:
    """Clauses labelled by spelled-out ordinals in capitals ("FIRST.- ...", "SECOND:") in a
    run-on span: a run from FIRST whose values rise (a clause left unlabelled leaves a gap),
    at least two of them."""
    cuts: list[Cut] = []
    last = 0
    for match in _RUN_ON_ORDINAL.finditer(raw, start, end):
        word = match.group(0).rstrip(".-:–\t ").lower()
        value = ORDINALS[word]
        if (value == 1 and not cuts) or (cuts and last < value <= last + 2):
            cuts.append(Cut(match.start(), "item", match.end() - match.start()))
            last = value
    return cuts if len(cuts) >= 2 else []


# ---- splitting ------------------------------------------------------------------------------


def _pieces(block: RawBlock, cuts: list[Cut]) -> list[RawBlock]:
    raw = block.raw
    body_end = len(raw) - len(block.eol)
    starts = sorted({c.start: c for c in cuts if 0 < c.start < body_end}.values(), key=lambda c: c.start)
    first = next((c for c in cuts if c.start == 0), None)
    if not starts:
        if first is not None and first.kind == "title":
            block.kind = "title"
        return [block]
    out: list[RawBlock] = []
    previous = 0
    kind = first.kind if first is not None and first.kind == "title" else block.kind
    cut: Cut | None = None
    for here in [*starts, None]:
        stop = here.start if here is not None else len(raw)
        piece = raw[previous:stop]
        last = here is None
        # Its eol is the line break it ends with, if any: a piece that ends mid-line has none.
        made = RawBlock(kind, piece, block.offset + previous, block.trailing if last else "", None, block.line if previous == 0 else 0)
        if cut is not None and cut.label:
            made.cut = (0, cut.label)
        elif previous == 0 and block.cut is not None:
            made.cut = block.cut  # the first piece keeps the label the block opened with
        if block.clean is not None:
            # A piece of an HTML block reads as its own text with the tags taken out.
            made.clean = " ".join(reading_view(piece).split())
            made.depth = block.depth
        made.run_on = previous > 0 or block.run_on
        out.append(made)
        if here is not None:
            previous, kind, cut = here.start, here.kind, here
    return out


_SPLITTABLE = frozenset({"text", "item", "keyword_heading", "item_alone"})

# ---- page furniture inside blocks -----------------------------------------------------------

_BARE_NUMBER = re.compile(r"[ \t\u00a0]*(\d{1,3})[ \t\u00a0]*(?:\r\n|\r|\n|$)")
# A footnote mark whose superscript was lost: digits glued to the end of a word.
# Not after a full stop: "Add.1", "No.1" are abbreviations with a number; nor inside a
# file name or identifier ("B5_MSC.302").
_GLUED_NOTE = re.compile(r"[A-Za-z\)\]”\"’',;](\d{1,2})(?![\d/%_])(?![.,]\d)")
_SENTENCE_END = ".;:!?"


def _first_line_end(raw: str) -> int:
    end = _BREAK.search(raw)
    return len(raw) if end is None else end.end()


def _page_numbers(blocks: list[RawBlock]) -> set[int]:
    """Indexes of the blocks that open with a page number: a bare number alone on its line,
    in a run of such numbers that count up page by page (each one more than the last, or
    two where a page lost its number), most of them in the middle of a sentence."""
    lone: list[tuple[int, int]] = []
    for index, block in enumerate(blocks):
        if block.kind == "item_alone":
            match = _BARE_NUMBER.match(block.raw)
            if match:
                lone.append((index, int(match.group(1))))
    chains: list[list[tuple[int, int]]] = []
    for index, value in lone:
        for chain in chains:
            if 0 < value - chain[-1][1] <= 2:
                chain.append((index, value))
                break
        else:
            chains.append([(index, value)])
    pages: set[int] = set()
    for chain in chains:
        if len(chain) < 3:
            continue
        mid_sentence = 0
        for index, _value in chain:
            before = blocks[index - 1].raw.rstrip(" \t\u00a0\r\n*_") if index else ""
            after = blocks[index].raw[_first_line_end(blocks[index].raw) :].lstrip()
            if (before and before[-1] not in _SENTENCE_END) or after[:1].islower():
                mid_sentence += 1
        if 3 * mid_sentence >= len(chain):
            pages.update(index for index, _value in chain)
    return pages


def _footnote_numbers(blocks: list[RawBlock], pages: set[int]) -> set[int]:
    """Indexes of the blocks that open with a footnote's number: a bare number alone on its
    line, glued to the end of a word shortly before ("Thailand1")."""
    notes: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind == "item_alone" and index not in pages:
            match = _BARE_NUMBER.match(block.raw)
            if match and any(m.group(1) == match.group(1) for m in _GLUED_NOTE.finditer(_text_before(blocks, index, 3000))):
                notes.add(index)
    return notes


def _vertical(block: RawBlock) -> bool:
    """Whether a block is text printed down the margin, a letter a line ("C", "H", "A", ...)."""
    raw = block.raw
    # A letter a line: the block is little more than its line breaks.
    if len(raw) > 6 * (raw.count("\n") + raw.count("\r") + 1):
        return False
    lines = [line.strip() for line in _BREAK.split(raw) if line.strip()]
    return len(lines) >= 3 and all(len(line) == 1 for line in lines)


def _split_furniture(blocks: list[RawBlock]) -> list[RawBlock]:
    """Page and footnote numbers split off the text the grammar put after them; text
    printed down the margin (a chapter tab, with its number) is furniture."""
    if not any(block.kind == "item_alone" for block in blocks):
        return blocks
    # A number glued to a word shortly before ("X1,") marks a footnote, even where it also
    # fits the count of the pages.
    notes = _footnote_numbers(blocks, set())
    pages = _page_numbers(blocks) - notes
    for index, block in enumerate(blocks):
        if _vertical(block):
            block.kind = "debris"
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.kind == "item_alone" and _BARE_NUMBER.match(following.raw):
                pages.add(index + 1)  # the tab's number
    out: list[RawBlock] = []
    for index, block in enumerate(blocks):
        if index in pages or index in notes:
            raw = block.raw
            cut = _first_line_end(raw)
            if index in notes or cut >= len(raw):
                # A footnote's text is furniture with its number.
                block.kind = "debris"
                out.append(block)
                continue
            number = RawBlock("debris", raw[:cut], block.offset, "", None, block.line)
            rest = RawBlock("text", raw[cut:], block.offset + cut, block.trailing, None, 0)
            out.extend((number, rest))
        else:
            out.append(block)
    return out


# ---- labels of the reading view -------------------------------------------------------------


@functools.cache
def _reading_label() -> re.Pattern[str]:
    """A label at the start of a reading view: the grammar's keyword and item labels."""
    parts = layout.line_parts()
    return re.compile(f"(?:{parts['KEYWORD_LABEL']}|{parts['ITEM_LABEL']})(?=[ \t\u00a0]|$)")


@functools.cache
def _reading_closing() -> re.Pattern[str]:
    """A closing at the start of a reading view, by the grammar's closing words."""
    return re.compile(f"(?:{layout.line_parts()['CLOSING_WORDS']})")


_TAG_OR_SPACE = re.compile(r"(?:<[^<>]*>|[ \t\u00a0\r\n]|&nbsp;)*")


def _label_from_reading(block: RawBlock) -> None:
    """Give a block whose reading view opens with a label (HTML "<h2>Regulation 2 - ...",
    "<p>1. ...") that label's cut in the source, where the source spells it the same way."""
    clean = block.clean
    if not clean or block.cut is not None:
        return
    found = _reading_label().match(clean)
    if not found:
        if _reading_closing().match(clean):
            block.kind = "closing"
        return
    label = found.group(0)
    at = _TAG_OR_SPACE.match(block.raw).end()  # type: ignore[union-attr]
    if not block.raw.startswith(label, at):
        return
    block.cut = (at, len(label))
    block.kind = "keyword_heading" if found.group(0)[:1].isalpha() and " " in label else "item"


_TOP_BLOCKS = 4
"""How many blocks from the top are read for a title written in capitals."""


def _caps(line: str) -> bool | None:
    """Whether a line is in capitals (None: it has no letters, so it goes either way)."""
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 2:
        return None
    return not any(ch.islower() for ch in letters)


def _title_lines(block: RawBlock) -> list[int]:
    """Where a top block of lines turns from capitals to other text or back: a title in
    capitals run into the paragraph after it by an extraction without blank lines."""
    lines = LINE.findall(block.raw)
    if len(lines) < 2:
        return []
    out: list[int] = []
    position = 0
    previous: bool | None = None
    for index, line in enumerate(lines):
        state = _caps(line)
        if state is not None:
            if previous is not None and state != previous and index > 0:
                out.append(position)
            previous = state
        position += len(line)
    return out[:2]


# A spelled-out ordinal in capitals opening a block as its label ("FIRST: Replace ...", "SECOND.- The ...").
_ORDINAL_LABEL = re.compile(
    r"(?P<lead>[ \t\u00a0]*(?:\*\*|__)?)(?P<num>(?:" + "|".join(w.upper() for w in ORDINALS) + r")[ \t]*(?:\.-|:|\.|-|–))(?=[ \t\u00a0]*\S)"
)
_ORDINAL_LINE = re.compile(
    r"(?<=[\r\n])[ \t\u00a0]*(?:" + "|".join(w.upper() for w in ORDINALS) + r")[ \t]*(?:\.-|:|-|–)"
)
# A bare number opening a block ("3 Customs cooperation", "# **1 Purpose**", "**4** WELCOMING").
# A multi-level number opens a heading the same way ("# **_6.1 Priorities of alerts_**").
_BARE_NUMBER_LABEL = re.compile(
    r"(?P<lead>[ \t\u00a0]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[*_]?)(?P<num>\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7})(?:\*\*|__)?[ \t\u00a0]+(?:\*\*|__)?(?=[A-Z\"“(])"
)


# The first letters of spelled-out ordinals ("FIRST", "EIGHTH", "NINTH"), read from the table.
_ORDINAL_STARTS = frozenset(word[0].upper() for word in ORDINALS)
_NUMBER_STARTS = frozenset("0123456789IVXLC") | _ORDINAL_STARTS


def _text_before(blocks: list[RawBlock], index: int, size: int) -> str:
    """The last ``size`` characters of the blocks before ``blocks[index]``."""
    parts: list[str] = []
    total = 0
    for previous in range(index - 1, -1, -1):
        parts.append(blocks[previous].raw)
        total += len(blocks[previous].raw)
        if total >= size:
            break
    return "".join(reversed(parts))[-size:]


def _heads(block: RawBlock, start: int) -> bool:
    """Whether what follows a bare number reads as a heading: marked up as one, or one short
    line that ends no sentence ("3 Customs cooperation"). A footnote ("1 Resolution 60/1.")
    or a paragraph of running text does not."""
    if block.kind == "heading" or block.raw.lstrip(" \t").startswith(("**", "__")):
        return True
    rest = block.raw[start : len(block.raw) - len(block.eol)].strip()
    return bool(rest) and len(rest) <= 120 and _BREAK.search(rest) is None and rest[-1] not in ".;:,"


_DOTTED_NUMBER = re.compile(r"[ \t\u00a0]*(?:\*\*|__)?(\d{1,3})\\?[.)]")


def _continued_by_item(blocks: list[RawBlock], last: RawBlock, value: int) -> bool:
    """Whether the next paragraph numbered in arabic after ``last`` is numbered ``value + 1``
    (labels of other styles, such as the roman headings between, are passed over)."""
    index = next(i for i, b in enumerate(blocks) if b is last)
    for block in blocks[index + 1 :]:
        found = _DOTTED_NUMBER.match(block.raw) if block.kind == "item" else None
        if found:
            return int(found.group(1)) == value + 1
    return False


def _bare_number_labels(blocks: list[RawBlock]) -> None:
    """Numbers without a dot are labels where they form a sequence: blocks that open with
    a bare number (1, 2, 3 ...) count where each continues the one before, in a run of at
    least two; a number that fits no sequence (a year, a quantity, a footnote) is text."""
    candidates: list[tuple[RawBlock, int, int, int]] = []
    prose: set[int] = set()  # the candidates that open running text, not a heading
    notes = False  # inside the footnotes under a rule ("_______________")
    for index, block in enumerate(blocks):
        raw = block.raw
        if "_____" in raw[:200] and not raw.strip(" \t\r\n_"):
            notes = True
        elif block.kind in ("text", "heading") and block.cut is None and block.clean is None:
            # Most blocks open with a letter other than a roman digit: no label to look for.
            first = raw.lstrip(" \t\u00a0#*_")[:1]
            found = _BARE_NUMBER_LABEL.match(raw) if first and first in _NUMBER_STARTS else None
            recent = _text_before(blocks, index, 3000) if found else ""
            # A footnote's number is glued to a word shortly before it ("Truce,1"), or it
            # stands under a footnote rule: not a label.
            ordinal = _ORDINAL_LABEL.match(raw) if first and first in _ORDINAL_STARTS else None
            if ordinal:
                word = ordinal.group("num").rstrip(".-:–\t ").lower()
                # Ordinals are a style of their own: kept apart from the numbers by an offset.
                candidates.append((block, 1000 + ORDINALS[word], ordinal.start("num"), ordinal.end("num") - ordinal.start("num")))
                continue
            number = found.group("num") if found else ""
            if "." in number and not notes and _heads(block, found.end()):  # type: ignore[union-attr]
                # A multi-level number is a label by its shape: its parts are its sequence.
                block.cut = (found.start("num"), len(number))  # type: ignore[union-attr]
                block.kind = "item"
                continue
            value = int(number) if number.isdigit() else roman_value(number) or 0
            heads = found is not None and _heads(block, found.end())
            if found and value and not notes and (heads or number.isdigit()) and not any(m.group(1) == number for m in _GLUED_NOTE.finditer(recent)):
                # Arabic and roman numbers are two styles, each with sequences of its own.
                candidates.append((block, value if number.isdigit() else -value, found.start("num"), found.end("num") - found.start("num")))
                if not heads:
                    prose.add(id(block))
            elif not found:
                notes = False
    run: list[tuple[RawBlock, int, int, int]] = []

    def accept(run: list[tuple[RawBlock, int, int, int]]) -> None:
        # Paragraphs of running text that open with a bare number ("1 Trade facilitation is
        # ...") count where the numbered paragraphs continue their run ("4. While ..."):
        # footnotes open with runs of bare numbers too.
        if any(id(c[0]) in prose for c in run) and not (len(run) >= 2 and _continued_by_item(blocks, run[-1][0], run[-1][1])):
            return
        if len(run) >= 2:
            for block, _value, lead, length in run:
                block.cut = (lead, length)
                block.kind = "item"

    # Each style (arabic, roman, spelled-out ordinals) has runs of its own: a number of
    # another style between two of one style does not break their run.
    def style(value: int) -> int:
        return 2 if value >= 1000 else 1 if value > 0 else 0

    for kind in (0, 1, 2):
        run = []
        for candidate in (c for c in candidates if style(c[1]) == kind):
            if run and abs(candidate[1]) == abs(run[-1][1]) + 1:
                run.append(candidate)
                continue
            accept(run)
            run = [candidate]
        accept(run)


_MARKUP_LEAD = re.compile(r"[ \t\u00a0]*(?:#{1,6}[ \t]*)?(?:\*\*|__|<u>|<b>)?")


def _foreign_labels(blocks: list[RawBlock], languages: tuple[str, ...]) -> None:
    """Keyword labels and closings of the other languages the caller named ("### Artikel 1",
    "GEDAAN te 's-Gravenhage"), read at the start of a block as the grammar reads English."""
    label = foreign.label_pattern(languages)
    closing = foreign.closing_pattern(languages)
    if label is None and closing is None:
        return
    for block in blocks:
        if block.kind not in ("text", "heading") or block.cut is not None:
            continue
        if block.clean is not None:
            at = _TAG_OR_SPACE.match(block.raw).end()  # type: ignore[union-attr]
        else:
            at = _MARKUP_LEAD.match(block.raw).end()  # type: ignore[union-attr]
        found = label.match(block.raw, at) if label is not None else None
        if found:
            block.cut = (at, found.end() - at)
            block.kind = "keyword_heading"
        elif closing is not None and closing.match(block.raw, at):
            block.kind = "closing"


# The item that a paragraph's label opens on the same line: "3. (a) From 1 January ...".
_SECOND_LABEL = re.compile(r"[ \t\u00a0]*(?=\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)[ \t\u00a0]+\S)")
_ITEM_CUT = re.compile(r"[ \t\u00a0]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:\d{1,3}(?:\.\d{1,3})*\\?[.)]|[IVXLC]{1,7}\\?[.)]|[A-Z]\\?[.)])(?:\*\*|__)?")


def _double_label(block: RawBlock) -> list[RawBlock]:
    """A paragraph label followed at once by an item label ("3. (a) From ...") opens both:
    the paragraph, with no text of its own, and its first item."""
    if block.cut is not None:
        label_end = block.cut[0] + block.cut[1]
    else:
        found = _ITEM_CUT.match(block.raw)
        if not found or found.end() == 0:
            return [block]
        label_end = found.end()
    second = _SECOND_LABEL.match(block.raw, label_end)
    if second is None or second.end() == label_end and not block.raw[label_end:label_end + 1] == "(":
        return [block]
    return _pieces(block, [Cut(second.end(), "item")])


@functools.cache
def _counted_keyword() -> re.Pattern[str]:
    """A list counter ("12.", "15.") before a keyword label in capitals ("ARTICLE V")."""
    parts = layout.line_parts()
    return re.compile(
        r"[ \t\u00a0]*\d{1,3}[.)][ \t\u00a0]+"
        f"(?P<label>{parts['KEYWORD_LABEL']})"
        r"(?=[ \t\u00a0\u2028]*(?:$|\r|\n|[A-Z]))"
    )


def _counter_before_keyword(block: RawBlock) -> None:
    """A keyword label in capitals that a list counter precedes ("12.<tab>ARTICLE V") is
    the block's label: the counter is the numbering a word processor carried onto the
    heading, layout before the label the document prints."""
    if block.cut is not None:
        return
    found = _counted_keyword().match(block.raw)
    if found and found.group("label").split(None, 1)[0].isupper():
        block.cut = (found.start("label"), found.end("label") - found.start("label"))
        block.kind = "keyword_heading"


# "ARTlCLE 5", "ART1CLE 5", "ARTICIE 5": the keyword with the letters OCR confuses.
_OCR_KEYWORD = re.compile(r"[ \t\u00a0]*(?:\*\*|__)?(?P<label>(?P<word>[Aa][Rr][Tt][IiLl1|][Cc][Ll1Ii|][Ee])[ \t\u00a0]+(?P<value>\d{1,3}))\b")
_ARTICLE_NUMBER = re.compile(r"[ \t\u00a0]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:Article|ARTICLE)[ \t\u00a0]+(\d{1,3})\b")


def _ocr_labels(blocks: list[RawBlock]) -> None:
    """Read a keyword damaged by OCR ("ARTlCLE 5") as "Article 5" where the article
    sequence asks for that number: after Article 4, before Article 6."""
    previous = 0
    for index, block in enumerate(blocks):
        if block.kind == "keyword_heading":
            found = _ARTICLE_NUMBER.match(block.raw)
            if found:
                previous = int(found.group(1))
            continue
        if block.kind not in ("text", "item") or block.cut is not None or block.clean is not None:
            continue
        damaged = _OCR_KEYWORD.match(block.raw)
        if not damaged or damaged.group("word") in ("Article", "ARTICLE", "article"):
            continue
        value = int(damaged.group("value"))
        following = next((b for b in blocks[index + 1 :] if b.kind == "keyword_heading" and _ARTICLE_NUMBER.match(b.raw)), None)
        after = int(_ARTICLE_NUMBER.match(following.raw).group(1)) if following is not None else None  # type: ignore[union-attr]
        if value == previous + 1 and after in (None, value + 1):
            block.cut = (damaged.start("label"), damaged.end("label") - damaged.start("label"))
            block.kind = "keyword_heading"
            block.repaired = True
            previous = value


_LISTING_KINDS = frozenset({"heading", "bullet", "keyword_heading", "item_alone", "blank"})


def _contents_entries(blocks: list[RawBlock]) -> None:
    """A keyword heading whose label and first words recur later ("Module A - Presentation
    of alerts" in the index, "MODULE A - PRESENTATION OF ALERTS" over the text) and which a
    list of headings follows, not text, is an entry of the table of contents: text, not a
    node. The node is where the text it heads is."""
    headings = [(i, b) for i, b in enumerate(blocks) if b.kind == "keyword_heading" and b.clean is None]
    if len(headings) < 2:
        return
    # The label and the first words of its heading: an index may shorten the rest.
    keys = [" ".join(reading_view(b.raw).casefold().split()[:5]) for _i, b in headings]
    last = {key: n for n, key in enumerate(keys)}
    for n, (index, block) in enumerate(headings):
        key = keys[n]
        if last[key] == n or len(key.split()) < 3:
            continue  # the last of its words, or a bare label with no heading to compare
        following = next((b for b in blocks[index + 1 :] if b.kind not in ("debris", "markup", "blank")), None)
        if following is not None and following.kind in _LISTING_KINDS:
            block.kind = "heading" if block.raw.lstrip(" \t").startswith("#") else "text"


def split_blocks(blocks: list[RawBlock], vocab: Vocabulary, languages: tuple[str, ...] = ("en",)) -> list[RawBlock]:
    """The blocks with every paragraph start found inside them split off (see the module)."""
    out: list[RawBlock] = []
    _foreign_labels(blocks, languages)
    _ocr_labels(blocks)
    _contents_entries(blocks)
    top = 0
    for index, block in enumerate(blocks):
        if block.kind in ("front_matter", "field", "markup", "debris", "blank"):
            continue
        if block.kind != "text" or top >= _TOP_BLOCKS or block.clean is not None:
            break
        top += 1
        cuts = _title_lines(block)
        if cuts:
            blocks[index : index + 1] = _pieces(block, [Cut(c, "text") for c in cuts])
            break
    for block in _split_furniture(blocks):
        if block.kind == "text" and block.clean is None and block.raw.lstrip(" \t").startswith("|") and tables.is_pipe_table(block.raw):
            block.kind = "table"
            out.append(block)
            continue
        if block.clean is not None:
            _label_from_reading(block)
            out.extend(_double_label(block))
            continue
        if block.kind == "item":
            _counter_before_keyword(block)
            pieces = _double_label(block)
            if len(pieces) > 1:
                out.extend(pieces)
                continue
        if block.kind not in _SPLITTABLE:
            out.append(block)
            continue
        raw = block.raw
        lines = LINE.findall(raw) if len(raw) > SHORT_RUN_ON else ()
        run_on = [len(line) > RUN_ON or _shows_run_on(line, languages) for line in lines]
        if any(run_on):
            cuts: list[Cut] = []
            position = 0
            for line, read in zip(lines, run_on):
                if read:
                    found = _run_on_cuts(raw, position, position + len(line.rstrip("\r\n")), vocab, languages)
                    if not found and position == 0 and block.kind == "text":
                        # No articles or formula: a long preamble run together, if any.
                        found = _fused_recitals(raw, len(line.rstrip("\r\n")), vocab)
                    cuts.extend(found)
                position += len(line)
            out.extend(_pieces(block, cuts))
        else:
            cuts = _fused_recitals(raw, len(raw) - len(block.eol), vocab) if block.kind == "text" else []
            if ":" in raw:
                cuts.extend(_inserted_starts(raw, len(raw) - len(block.eol), vocab))
                if ";" in raw:
                    cuts.extend(_inline_list(raw, len(raw) - len(block.eol)))
            last = len(raw) - 1
            if raw.find("\n", 0, last) >= 0 or raw.find("\r", 0, last) >= 0:
                cuts.extend(Cut(s, "text") for s in _line_starts(block, vocab))
            out.extend(_pieces(block, cuts) if cuts else [block])
    # Last, on the blocks as split: a label may open a line that was inside a block.
    _bare_number_labels(out)
    return out


# An item of a list run into its paragraph: after the lead-in's colon or the semicolon
# (and its "and" or "or") that ends the item before.
_INLINE_ITEM = re.compile(
    r"(?<=[:;])[ \t\u00a0\r\n]*(?:(?:and|or)[ \t\u00a0\r\n]+)?"
    r"(?P<label>\((?P<paren>[a-z]|[ivx]{1,5})\)|(?P<half>[a-z]|[ivx]{1,5})\))[ \t\u00a0]+(?=\S)"
)


def _inline_list(raw: str, end: int) -> list[Cut]:
    """The items of lists a paragraph runs in after a colon ("... the following areas:
    a) customs; b) transport; and c) standards."): a first label after the colon, then each
    next label of its style after a semicolon; a list of one is no list."""
    lists: list[list[Cut]] = []
    style = ""
    value = 0
    for match in _INLINE_ITEM.finditer(raw, 0, end):
        text = match.group("paren") or match.group("half")
        wrap = "(" if match.group("paren") else ")"
        readings = [(kind, v) for kind, v in (("letter", letter_value(text)), ("roman", roman_value(text))) if v]
        step = next(((kind, v) for kind, v in readings if lists and kind + wrap == style and v == value + 1), None)
        if step is None and raw[match.start() - 1] == ":":
            step = next(((kind, v) for kind, v in readings if v == 1), None)
            if step is not None:
                lists.append([])
        if step is None:
            continue
        style, value = step[0] + wrap, step[1]
        lists[-1].append(Cut(match.start("label"), "item", match.end("label") - match.start("label")))
    return [cut for items in lists if len(items) >= 2 for cut in items]


_GLUED_MARK = re.compile(r"[;,][A-Za-z]")
_SPACES = re.compile(r"[ \t\u00a0]*")


def _two_glued_marks(raw: str, end: int) -> bool:
    """Whether ``raw[:end]`` holds two marks that touch the next word (",Desiring")."""
    first = _GLUED_MARK.search(raw, 0, end)
    return first is not None and _GLUED_MARK.search(raw, first.end(), end) is not None


_RESUMING = re.compile(r"(?<=[a-z,;)]) (?=[A-Z][a-z]+ing\b)")
# A clause mark, perhaps a footnote number stuck to it (",2"), then a capital letter.
_FUSED_START = re.compile(r"[,;:.](?P<note>\d{0,3})(?P<space>[ \t\u00a0]*)(?=[A-Z])")


def _governs(raw: str, at: int) -> bool:
    """Whether the opening phrase that ends at ``at`` governs running text after it: the
    next words are in lower case ("Undertaking to abide by ..."), as in a recital, not in a
    name in title case ("... Production and Stockpiling and Use of Chemical Weapons")."""
    words = raw[at : at + 60].split()[:3]
    return len(words) == 3 and all(word[:1].islower() for word in words)


def _fused_recitals(raw: str, end: int, vocab: Vocabulary) -> list[Cut]:
    """Recitals run together on one line ("...on the other hand;Desiring to ...;Giving
    effect to ..."; "...of the conference,2 Recalling also ..."), where there are at least
    two of them: each opens with a recital phrase in a capital, after a clause mark that
    either touches it (the line break was lost) or is followed by a phrase the tables list,
    or, in a block that opens with a recital, by any recital phrase that governs the words
    after it ("Confirming ..., Undertaking to abide by ...").
    The parties or enacting formula before the first one ("The General Assembly,") and a
    footnote block run in after a rule ("_______________ 1 United Nations, ...") become
    blocks of their own."""
    if end < 160:
        return []
    # Only a block that opens as a preamble (a recital, an enacting or parties formula) or
    # holds marks that touch the next word (lost line breaks) can hold fused recitals.
    opening = vocab.preambular_phrase(raw[:80])
    if not (opening or vocab.may_open_formula(raw[:80]) or _two_glued_marks(raw, end)):
        return []
    found: list[int] = []
    within = 0  # starts after a comma or semicolon
    for match in _FUSED_START.finditer(raw, 0, end):
        at = match.end()
        phrase = vocab.preambular_phrase(raw[at : at + 80])
        if phrase is None:
            continue
        if match.group("space") and not vocab.is_listed_preambular(phrase) and not (opening and _governs(raw, at + len(phrase))):
            continue
        found.append(at)
        if raw[match.start()] in ",;":
            within += 1
    # A block that opens with a recital holds one more, the one it opens with, where the
    # next one follows a comma or semicolon: after a full stop a sentence may open so.
    if len(found) < 2 and not (opening and within):
        return []
    cuts = [Cut(at, "text") for at in found]
    # A footnote rule inside the run: the footnotes and running header after it are
    # furniture up to the next recital.
    for rule in _RULE.finditer(raw, found[0], end):
        following = next((at for at in found if at > rule.end()), None)
        # A footnote block is short: the search for its end stays within a page's worth.
        starts = [m.end() for m in _RESUMING.finditer(raw[rule.end() : min(end, rule.end() + 3000)])]
        resume = following
        for offset in starts:
            candidate = rule.end() + offset
            phrase = vocab.preambular_phrase(raw[candidate : candidate + 80])
            if phrase is not None and vocab.is_listed_preambular(phrase) and (resume is None or candidate < resume):
                resume = candidate
                break
        if resume is not None:
            cuts.append(Cut(rule.start(), "debris"))
            cuts.append(Cut(resume, "text"))
    # What comes before the first recital: an enacting or parties formula.
    head = raw[: found[0]].rstrip(" \t\u00a0")
    formula_end = head.find(",")
    if 0 < formula_end < 200 and vocab.is_resolution_formula(head[: formula_end + 1]):
        cuts.append(Cut(_SPACES.match(raw, formula_end + 1).end(), "text"))  # type: ignore[union-attr]
    return cuts

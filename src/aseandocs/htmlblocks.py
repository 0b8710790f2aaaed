"""The HTML reader: blocks of an HTML or XML text, from its elements.

Where the layout grammar reads plain text line by line, this reader reads markup with the
standard library's tokenizer (:class:`html.parser.HTMLParser`): a block is a run of text
between block-level elements (``p``, ``li``, ``h1``-``h6``, ``div``, ``tr``, the ``akn-*``
classes of Akoma Ntoso HTML, ``article`` and ``paragraph`` elements of XML treaty dumps).
Every tag stays in the source of the block it stands in, as trivia, so rendering is still
byte-exact; each block also carries its reading view (the text with tags removed and
entities decoded), which is what the structure pass classifies.

Labels come from the markup where it has them (``<span class="akn-num">1.</span>``, a
``number`` attribute) and otherwise from the start of the reading view. Where elements nest,
their depth stands in for indentation: a paragraph inside an article is deeper than the
article's own heading. Text in elements that are not the document (``head``, ``script``,
``style``, ``nav``, ``aside``, the page's ``header`` and ``footer``, ``template``,
``button``) belongs to markup blocks.
"""

from __future__ import annotations

import re
from html import unescape
import html.parser as _html_parser
from html.parser import HTMLParser

from aseandocs.blocks import RawBlock

BLOCK_TAGS = frozenset(
    """
    address article aside blockquote body br dd details dl dt div fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul paragraph subparagraph clause point item chapter part preamble
    recital recitals conclusions heading title list doctitle longtitle shorttitle
    """.split()
)
"""Elements that start and end a block (HTML, and the element names of XML treaty dumps)."""

SKIPPED_TAGS = frozenset("head script style nav aside template button noscript svg select option title meta teiheader metadata".split())
"""Elements whose text is not the document's."""

AKN_BLOCK_CLASSES = frozenset(
    """
    akn-p akn-paragraph akn-subparagraph akn-article akn-section akn-part akn-chapter
    akn-point akn-item akn-list akn-intro akn-wrapUp akn-preamble akn-recital akn-recitals
    akn-preface akn-conclusions akn-crossHeading akn-formula akn-blockList akn-longTitle
    akn-subsection akn-division akn-title akn-book akn-tome akn-clause akn-alinea
    akn-attachment akn-component akn-coverPage akn-hcontainer akn-level akn-rule
    akn-subrule akn-listIntroduction akn-listWrapUp akn-tblock akn-container
    """.split()
)
"""Akoma Ntoso HTML classes of elements that are blocks."""

HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6 summary doctitle longtitle shorttitle".split())
KEYWORD_CONTAINERS = frozenset("akn-article akn-section akn-part akn-chapter akn-division akn-book akn-title article chapter part".split())

# Voids never get an end tag, so they never change the depth.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_LEADING_LABEL = re.compile(r"\s*(?:\d{1,3}[.)]|\([a-z0-9]{1,4}\))\s")
_BLANK_LINES = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)\s*")
_OPENS_WITH_ELEMENT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?>")
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!doctype\s+html|<html\b|<\?xml\b)", re.IGNORECASE)
# The tokenizer's own scan of a start tag, and the characters after it that leave the tag
# waiting for more input (html.parser.HTMLParser.check_for_whole_start_tag).
_START_TAG_END = getattr(_html_parser, "locatestarttagend_tolerant", None) or re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*")
_UNENDED_AFTER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")
_BLOCK_TAG = re.compile(r"<(?:p|div|li|h[1-6]|tr|td|section|article|body|table|ul|ol)\b|<span\s+class=\"akn-", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a text is HTML or XML by its content: it opens as a page or an XML document,
    or block-level elements are a large part of it (Akoma Ntoso HTML inside markdown)."""
    if _HTML_START.match(text[:4096]):
        return True
    stripped = text.strip("\ufeff \t\r\n")
    if _OPENS_WITH_ELEMENT.match(stripped[:200]) and stripped.endswith(">"):
        return True  # a fragment: "<p>1. ...</p> ... </p>"
    head = text[:200_000]
    tags = len(_BLOCK_TAG.findall(head))
    lines = head.count("\n") + 1
    return tags >= 10 and tags * 2 >= lines


class _Reader(HTMLParser):
    """Collects, in source order, the boundaries between blocks and each block's reading view."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        # XML has no void elements: "<meta>...</meta>" holds a treaty dump's metadata.
        self.xml = text.lstrip("\ufeff \t\r\n").startswith("<?xml")
        # The tokenizer counts lines by "\n" alone (a lone "\r" is within a line for it).
        self.line_starts = [0]
        for found in re.finditer("\n", text):
            self.line_starts.append(found.end())
        # One entry per block: [start offset, reading view parts, label (start, end) or None,
        # depth, is heading, is keyword container, has text]
        self.blocks: list[dict[str, object]] = []
        self.depth = 0
        self.skip = 0  # depth inside skipped elements
        self.stack: list[tuple[str, bool, str]] = []  # (tag, is block, akn class)
        self.open: dict[str, int] = {}  # how many elements of each tag the stack holds
        self.pending_cut: int | None = None  # where the next text would start a new block
        self.label_open: int | None = None  # source offset where an akn-num element's text starts
        self.table_depth = 0  # inside a <table>: its rows and cells are one block
        self._tail_of: str | None = None  # the tokenizer's buffer that _last_close is for
        self._last_close = -1
        self._new_block(0)

    # ---- the tail after the last ">" ----------------------------------------------------
    # Every tag, comment, declaration and processing instruction ends with ">". After the
    # last ">" of the text none can end, yet the tokenizer (before Python 3.13.4) scans from
    # each "<" there to the end of the text before it reads the "<" as text: quadratic in
    # the length of the tail ("<span " repeated). There these tests answer at once what
    # the scan would have found: nothing ends (-1); a start tag is scanned no further than
    # the next "<", and one that reaches it is left unended, as one that reaches the end is.

    def _in_tail(self, i: int) -> bool:
        rawdata = self.rawdata
        if self._tail_of is not rawdata:
            self._tail_of = rawdata
            self._last_close = rawdata.rfind(">")
        return i > self._last_close

    def check_for_whole_start_tag(self, i: int) -> int:
        if not self._in_tail(i):
            return super().check_for_whole_start_tag(i)  # type: ignore[misc,no-any-return]
        rawdata = self.rawdata
        stop = rawdata.find("<", i + 1)
        if stop < 0:
            return super().check_for_whole_start_tag(i)  # type: ignore[misc,no-any-return]
        found = _START_TAG_END.match(rawdata, i, stop)
        j = found.end() if found else stop
        if j >= stop or rawdata[j] in _UNENDED_AFTER:
            return -1
        return j if j > i else i + 1

    def parse_endtag(self, i: int) -> int:
        return -1 if self._in_tail(i) else super().parse_endtag(i)  # type: ignore[misc,no-any-return]

    def parse_comment(self, i: int, report: int = 1) -> int:
        return -1 if self._in_tail(i) else super().parse_comment(i, report)

    def parse_pi(self, i: int) -> int:
        return -1 if self._in_tail(i) else super().parse_pi(i)  # type: ignore[misc,no-any-return]

    def parse_html_declaration(self, i: int) -> int:
        return -1 if self._in_tail(i) else super().parse_html_declaration(i)  # type: ignore[misc,no-any-return]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _new_block(self, start: int) -> None:
        self.blocks.append(
            {
                "start": start,
                "parts": [],
                "label": None,
                "depth": self.depth,
                "heading": False,
                "keyword": "",
                "text": False,
                "table": self.table_depth > 0,
                "attribute": False,
            }
        )

    @property
    def current(self) -> dict[str, object]:
        return self.blocks[-1]

    def _block_boundary(self, at: int) -> None:
        """A block-level tag at ``at``: the next text starts a new block here (unless the
        current block holds only a label, which keeps its text)."""
        if self.table_depth:
            return  # the cells of a table stay in its one block
        if self.pending_cut is None and (not self.current["text"] or not self._label_only()):
            # Before any text (a page's head, scripts, navigation) the tags so far are a
            # markup block of their own; after text, the next text starts a new block.
            self.pending_cut = at

    def _label_only(self) -> bool:
        block = self.current
        if block["label"] is None:
            return False
        return "".join(block["parts"]).strip() == block["label_text"]  # type: ignore[arg-type]

    def _text(self, source_start: int | None, reading: str) -> None:
        """Text of the document (``source_start``: where it starts, None: where the
        tokenizer stands)."""
        if self.skip:
            return
        block = self.current
        visible = not reading.isspace() and reading != ""
        if visible and block["attribute"] and _LEADING_LABEL.match(reading) and self._label_only():
            # "<article number="ARTICLE 3">1. The provisions ...": the text's own label
            # opens the article's first paragraph.
            self._new_block(self._offset() if source_start is None else source_start)
        if visible:
            if self.pending_cut is not None:
                self._new_block(self.pending_cut)
                self.pending_cut = None
            block = self.current
            if not block["text"]:
                block["depth"] = self.depth
                # The open elements are counted by tag: no walk down a deep stack per block.
                block["heading"] = any(self.open.get(tag) for tag in HEADING_TAGS)
            block["text"] = True
        self.current["parts"].append(reading)  # type: ignore[union-attr]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        class_value: str | None = None
        number: str | None = None
        for name, value in attrs:
            if name == "class":
                class_value = value
            elif name == "number":
                number = value
        classes = class_value.split() if class_value and "akn-" in class_value else ()
        akn = next((c for c in classes if c in AKN_BLOCK_CLASSES), "") if classes else ""
        is_block = tag in BLOCK_TAGS or bool(akn)
        void = tag in _VOID and not self.xml
        if tag in SKIPPED_TAGS or (tag in ("header", "footer") and not self.stack_has_main()):
            if not void:
                self.skip += 1
                self.stack.append((tag, False, "skip"))
                self.open[tag] = self.open.get(tag, 0) + 1
            return
        # Where the tag starts: read from the tokenizer only where a block or a label needs it.
        at = self._offset() if (is_block or attrs or tag == "num") and not self.skip else 0
        if is_block and not self.skip:
            self._block_boundary(at)
            if tag == "table":
                if self.pending_cut is None and not self.current["text"]:
                    self.current["table"] = True
                self.table_depth += 1
        if ("akn-num" in classes or tag == "num") and not self.skip:
            if self.pending_cut is not None:
                # The label opens the block that the last block-level tag began: its
                # keyword and label are that block's.
                self._new_block(self.pending_cut)
                self.pending_cut = None
            elif self.current["label"] is not None and not self.table_depth:
                # A second label in the block ("<num>Article 1</num><paragraph><num>(1)</num>"):
                # the article's first paragraph starts here, with its own label.
                self._new_block(at)
            self.label_open = at + len(self.get_starttag_text() or "")
            # The label names its own element: an article's number, or a paragraph's.
            owner = next((c or t for t, b, c in reversed(self.stack) if b), "")
            self.current["keyword"] = owner if owner in KEYWORD_CONTAINERS else ""
        if number and is_block and not self.skip:
            self._label_attribute(at, number, tag)
        if not void:
            self.stack.append((tag, is_block, akn))
            self.open[tag] = self.open.get(tag, 0) + 1
            if is_block:
                self.depth += 1

    def _label_attribute(self, at: int, number: str, tag: str) -> None:
        """A label given as an attribute (``<article number="ARTICLE 3">``): the block starts
        at this element, and its label is the attribute's value where the tag spells it."""
        tag_text = self.get_starttag_text() or ""
        found = re.search(r"""\bnumber\s*=\s*(["'])(.*?)\1""", tag_text)
        if not found or not found.group(2).strip():
            return
        if self.current["text"] or self.pending_cut is not None:
            self._new_block(at)
            self.pending_cut = None
        start = at + found.start(2) + (len(found.group(2)) - len(found.group(2).lstrip()))
        label = found.group(2).strip()
        block = self.current
        block["label"] = (start, start + len(label))
        block["label_text"] = unescape(label)
        block["parts"].append(unescape(label) + " ")  # type: ignore[union-attr]
        block["text"] = True
        block["depth"] = self.depth + 1
        block["keyword"] = tag if tag in KEYWORD_CONTAINERS else ""
        block["attribute"] = True

    def stack_has_main(self) -> bool:
        """Whether a ``main`` or ``article`` element is open (a header inside it is the document's)."""
        return bool(self.open.get("main") or self.open.get("article"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS and not self.skip:
            self._block_boundary(self._offset())

    def handle_endtag(self, tag: str) -> None:
        stack = self.stack
        if not self.open.get(tag):
            return  # an end tag with no open element of its kind changes nothing
        if stack[-1][0] == tag and not stack[-1][1] and self.label_open is None and stack[-1][2] != "skip" and tag != "table":
            stack.pop()  # the end of an inline element: nothing else to do
            self.open[tag] -= 1
            return
        # Close up to the matching element (each element is closed once: linear overall).
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == tag:
                break
        while len(stack) > index:
            name, is_block, akn = stack.pop()
            self.open[name] -= 1
            if akn == "skip":
                self.skip -= 1
                if not self.skip:
                    # What follows a skipped element (the page's head, a script) starts anew.
                    end = self._offset()
                    close = self.text.find(">", end)
                    self._block_boundary(close + 1 if close >= 0 else end)
            elif is_block:
                self.depth -= 1
            if name == "table" and self.table_depth and not self.skip:
                self.table_depth -= 1
        block_tag = tag in BLOCK_TAGS and not self.skip
        if self.label_open is None and not block_tag:
            return
        at = self._offset()
        if self.label_open is not None and not self.skip:
            block = self.current
            if block["label"] is None:
                label_text = self.text[self.label_open : at]
                stripped = label_text.strip()
                if stripped and "<" not in stripped:
                    start = self.label_open + (len(label_text) - len(label_text.lstrip()))
                    block["label"] = (start, start + len(stripped))
                    block["label_text"] = unescape(stripped)
            self.label_open = None
        if block_tag:
            self._block_boundary(at + len(f"</{tag}>") if self.text.startswith(f"</{tag}>", at) else at)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if data.isspace():
            self.blocks[-1]["parts"].append(data)  # type: ignore[union-attr]
            return
        block = self.blocks[-1]
        if block["text"] and self.pending_cut is None and not block["attribute"] and "\n" not in data:
            block["parts"].append(data)  # type: ignore[union-attr]  # more text of the same block
            return
        if "\n" not in data or _BLANK_LINES.search(data) is None:
            self._text(None, data)
            return
        # A blank line inside an element's text parts paragraphs (XML dumps of OCR text).
        at = self._offset()
        position = 0
        for found in _BLANK_LINES.finditer(data):
            self._text(at + position, data[position : found.end()])
            position = found.end()
            self._block_boundary(at + position)
        self._text(at + position, data[position:])

    def handle_entityref(self, name: str) -> None:
        self._text(None, unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._text(None, unescape(f"&#{name};"))


def blocks(text: str) -> list[RawBlock]:
    """The blocks of an HTML or XML text, in order; their sources concatenate to ``text``."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    found = reader.blocks
    out: list[RawBlock] = []
    for index, block in enumerate(found):
        start = int(block["start"])  # type: ignore[call-overload]
        end = int(found[index + 1]["start"]) if index + 1 < len(found) else len(text)  # type: ignore[call-overload]
        if end <= start:
            continue
        raw = text[start:end]
        reading = " ".join("".join(block["parts"]).split())  # type: ignore[arg-type]
        if not block["text"]:
            made = RawBlock("markup", raw, start)
        elif block["table"]:
            made = RawBlock("table", raw, start)
            made.clean = reading
            made.depth = int(block["depth"])  # type: ignore[call-overload]
        else:
            kind = "heading" if block["heading"] else "text"
            made = RawBlock(kind, raw, start)
            made.clean = reading
            label = block["label"]
            if label is not None:
                label_start, label_end = label  # type: ignore[misc]
                made.kind = "keyword_heading" if block["keyword"] else "item"
                made.cut = (label_start - start, label_end - label_start)
            made.depth = int(block["depth"])  # type: ignore[call-overload]
        out.append(made)
    return out

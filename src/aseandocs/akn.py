"""Akoma Ntoso 3.0 (OASIS LegalDocML): the document as the standard XML of legal texts.

:func:`to_akn` writes a document as Akoma Ntoso that validates against the OASIS schema;
:func:`from_akn` reads one back. Every element a node becomes, and its ``eId``, is decided
by :mod:`aseandocs.addresses`, the same ids the JSON feed carries (one id scheme, in one
place); this module only lays the elements out:

* the document element follows the type (``<statement name="declaration">``,
  ``<doc name="planOfAction">``, ``<act name="agreement">``), with ``<meta>``: FRBR Work,
  Expression and Manifestation, and a TLC reference for every ``refersTo``;
* the zones are ``<preface>`` (the title as ``longTitle``/``docTitle``, the date as
  ``docDate``), ``<preamble>`` (formulas, ``recitals``), ``<mainBody>`` (``<body>`` in an
  act) and ``<conclusions>`` (the closing formula with ``<location>`` and ``<date>``,
  signatures); a zone the text opens again after a later one (an annex after the
  signatures) is exported as an attachment, in reading order;
* a hierarchy element holds ``<num>`` as printed, ``<heading>`` (a section's title line),
  then its own text and blocks in ``<content>``, or in ``<intro>``/``<wrapUp>`` around its
  children;
* text is clean text (:func:`aseandocs.cleantext.clean`): markup taken out, lines joined.

One rule for what is not the document's text: nodes with no element (front matter,
database headers, markup, page debris and the page breaks inside blocks) are left out;
everything else is kept, prefaces and trailers included (as named containers).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any

from aseandocs import addresses, cleantext, dates
from aseandocs import models as m

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = "{%s}" % AKN_NS

_RANK = {addresses.PREFACE: 0, addresses.PREAMBLE: 1, addresses.BODY: 2, addresses.CONCLUSIONS: 3}
_HIERARCHY_KINDS = frozenset({"section", "clause", "operative_paragraph", "preambular_paragraph", "item"})
_HIERARCHY_TAGS = addresses._HIERARCHY
_STRUCTURE_TAGS = addresses._STRUCTURE
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE_PATTERNS = (dates._DAY_MONTH_YEAR, dates._MONTH_DAY_YEAR, dates._ISO, dates._WORDS_DATE)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_COUNTRY = re.compile(r"[a-z]{2}(?:-[a-z0-9]+)?")
_LANGUAGE = re.compile(r"[a-z]{3}")
UNKNOWN_DATE = "0001-01-01"
"""The FRBR date of a document whose date the text does not give (a full date is required)."""


def _lxml() -> Any:
    try:
        from lxml import etree
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError("Akoma Ntoso needs lxml: pip install 'aseandocs[akn]'") from error
    return etree


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def slug(text: str, *, limit: int = 60) -> str:
    """Lowercase ASCII words joined by ``-``: ``"ASEAN Charter"`` -> ``"asean-charter"``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’]", "", folded.lower())
    words = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words


def _camel_id(text: str, fallback: str) -> str:
    """A TLC eId from a name: ``"Kuala Lumpur"`` -> ``"kualaLumpur"``."""
    words = slug(text, limit=40).split("-")
    words = [w for w in words if w]
    if not words:
        return fallback
    value = words[0] + "".join(w.title() for w in words[1:])
    return value if value[0].isalpha() else fallback + "_" + value


class _Builder:
    def __init__(self, document: m.Document, country: str, language: str, author: str | None, number: str | None):
        self.etree = _lxml()
        self.document = document
        self.country = country
        self.language = language
        self.places = addresses.places(document)
        self.ids = {place.id for place in self.places}
        self.kids: dict[int, list[addresses.Place]] = {}
        for place in self.places:
            if place.parent is not None and place.element.tag is not None:
                self.kids.setdefault(id(place.parent), []).append(place)
        self.root_element = addresses.document_element(document.doc_type)
        self.author_name = author or "ASEAN"
        self.author = self._tlc_id(_camel_id(self.author_name, "author"))
        self.tlcs: list[tuple[str, str, str, str]] = []  # (element, eId, href, showAs)
        self.tlc_names: dict[tuple[str, str], str] = {}
        self.number = number
        self.generated: set[str] = set()

    # ---- small pieces -----------------------------------------------------------------

    def el(self, tag: str, *children: Any, **attributes: str | None) -> Any:
        # Built without a namespace; the root's default namespace is written in at the end.
        element = self.etree.Element(tag)
        for key, value in attributes.items():
            if value is not None:
                element.set(key.rstrip("_"), value)
        for child in children:
            if child is not None:
                element.append(child)
        return element

    def text_el(self, tag: str, text: str, **attributes: str | None) -> Any:
        element = self.el(tag, **attributes)
        element.text = _xml_text(text)
        return element

    def _tlc_id(self, candidate: str) -> str:
        value, suffix = candidate, 1
        taken = getattr(self, "_taken", None)
        if taken is None:
            taken = self._taken = set(self.ids) | {"aseandocs"}
        while value in taken:
            suffix += 1
            value = f"{candidate}_{suffix}"
        taken.add(value)
        return value

    def tlc(self, kind: str, name: str, fallback: str) -> str:
        """The eId of the TLC entry for this name (added on first use)."""
        key = (kind, name)
        if key not in self.tlc_names:
            eid = self._tlc_id(_camel_id(name, fallback))
            self.tlc_names[key] = eid
            path = kind.removeprefix("TLC").lower()
            self.tlcs.append((kind, eid, f"/akn/ontology/{path}/{self.country}/{slug(name) or eid}", name))
        return self.tlc_names[key]

    def p(self, text: str, spans: list[tuple[int, int, Any]] = (), **attributes: str | None) -> Any:  # type: ignore[assignment]
        """A ``<p>`` holding ``text``, with inline elements over the given spans."""
        para = self.el("p", **attributes)
        cursor = 0
        last = None
        for start, end, inline in sorted(spans, key=lambda s: s[0]):
            if start < cursor:
                continue
            piece = _xml_text(text[cursor:start])
            if last is None:
                para.text = piece
            else:
                last.tail = piece
            inline.text = _xml_text(text[start:end])
            para.append(inline)
            last = inline
            cursor = end
        rest = _xml_text(text[cursor:])
        if last is None:
            para.text = rest
        else:
            last.tail = rest
        return para

    # ---- texts ----------------------------------------------------------------------

    @staticmethod
    def texts(node: m.Node) -> tuple[str, str]:
        """(heading, text) of a node: a section's title line and the rest, clean."""
        fields = node.__dict__
        texts = [fields.get("text", "")] + [part.text for part in fields.get("continued", ())]
        heading = ""
        if node.kind == "section":
            raw_heading, body = cleantext.split_heading(texts[0])
            heading = cleantext.clean(raw_heading)
            texts[0] = body
        return heading, cleantext.clean(*texts)

    # ---- nodes ----------------------------------------------------------------------

    def node(self, place: addresses.Place) -> Any:
        tag = place.element.tag
        node = place.node
        if tag in _HIERARCHY_TAGS and node.kind in _HIERARCHY_KINDS:
            return self.hierarchy(place)
        if tag == "hcontainer":  # a block where only hierarchy may stand
            return self.el("hcontainer", self.el("content", *self.blocks(place)), eId=place.id, name=place.element.name)
        if tag == "recital" or tag == "item":
            return self.listed(place)
        if tag == "crossHeading":
            return self.text_el("crossHeading", self.texts(node)[1], eId=place.id)
        if tag == "p":
            return self.p(self.texts(node)[1], eId=place.id)
        if tag == "table":
            return self.table(place, eId=place.id)
        if tag == "longTitle":
            return self.el("longTitle", self.el("p", self.text_el("docTitle", self.texts(node)[1])), eId=place.id)
        if tag == "formula":
            return self.el("formula", *self.blocks(place), eId=place.id, name=self.formula_name(place))
        if tag == "container":
            return self.el("container", *self.blocks(place), eId=place.id, name=place.element.name or place.element.abbr)
        raise ValueError(f"no Akoma Ntoso layout for <{tag}>")  # pragma: no cover

    def blocks(self, place: addresses.Place) -> list[Any]:
        """The node's own text as blocks (a table, a paragraph with its inlines), then the
        blocks of its children, for a block-only container."""
        node = place.node
        kind = node.kind
        _heading, text = self.texts(node)
        num = node.__dict__.get("num")
        if num and place.element.tag not in _HIERARCHY_TAGS:
            text = f"{addresses.printed_num(num)} {text}".strip()
        if kind == "table":
            out = [self.table(place)]
        elif kind == "closing":
            out = [self.p(text, self.closing_spans(node, text))]  # type: ignore[arg-type]
        elif kind == "adoption":
            out = [self.p(text, self.date_spans(node.date, text))]  # type: ignore[attr-defined]
        elif kind == "signature":
            out = [self.el("p", self.signature(text))]
        else:
            out = [self.p(text)]
        for kid in self.kids.get(id(place), ()):
            out.append(self.node(kid))
        return out

    def hierarchy(self, place: addresses.Place) -> Any:
        node = place.node
        element = place.element
        attributes: dict[str, str | None] = {"eId": place.id, "name": element.name}
        if element.tag in ("paragraph", "point"):
            attributes["class"] = node.kind
        out = self.el(element.tag, **attributes)  # type: ignore[arg-type]
        num = node.__dict__.get("num")
        if num:
            out.append(self.text_el("num", addresses.printed_num(num)))
        heading, text = self.texts(node)
        if heading:
            out.append(self.text_el("heading", heading))
        kids = self.kids.get(id(place), [])
        own = [self.p(text)] if text else []
        structural = [i for i, kid in enumerate(kids) if kid.element.tag in _STRUCTURE_TAGS]
        if not structural:
            blocks = own + [self.node(kid) for kid in kids]
            out.append(self.el("content", *(blocks or [self.el("p")])))
            return out
        first, last = structural[0], structural[-1]
        intro = own + [self.node(kid) for kid in kids[:first]]
        if intro:
            out.append(self.el("intro", *intro))
        for kid in kids[first : last + 1]:
            out.append(self.node(kid))
        wrap = [self.node(kid) for kid in kids[last + 1 :]]
        if wrap:
            out.append(self.el("wrapUp", *wrap))
        return out

    def listed(self, place: addresses.Place) -> Any:
        """A recital or a list item: num, its text, and a list of what stands under it."""
        node = place.node
        out = self.el(place.element.tag, eId=place.id, class_=node.kind if place.element.tag == "item" else None)  # type: ignore[arg-type]
        num = node.__dict__.get("num")
        if num:
            out.append(self.text_el("num", addresses.printed_num(num)))
        out.append(self.p(self.texts(node)[1]))
        kids = self.kids.get(id(place), [])
        if kids:
            out.append(self.el("blockList", *(self.node(kid) for kid in kids), eId=place.id + "__list_1"))
            self.generated.add(place.id + "__list_1")
        return out

    def table(self, place: addresses.Place, **attributes: str | None) -> Any:
        node = place.node
        rows = [row for row in node.rows if any(cell for cell in row)]  # type: ignore[attr-defined]
        if not rows:
            rows = [[self.texts(node)[1]]]
        table = self.el("table", **attributes)
        for row in rows:
            table.append(self.el("tr", *(self.el("td", self.p(cleantext.clean(cell))) for cell in row)))
        return table

    def formula_name(self, place: addresses.Place) -> str:
        if place.element.name:
            return place.element.name
        text = self.texts(place.node)[1]
        if place.zone == addresses.CONCLUSIONS:
            return "testimonium" if re.match(r"(?i)\W*in\s+witness", text) else "formula"
        if place.parent is None and place.zone == addresses.PREAMBLE:
            later = self.places[self.places.index(place) + 1 :]
            if any(p.parent is None and p.element.tag == "recital" for p in later[:400]):
                return "parties" if self.root_element.tag == "act" else "enactingAuthority"
            return "enactingFormula"
        return "formula"

    def date_spans(self, date: _dt.date | None, text: str) -> list[tuple[int, int, Any]]:
        if date is None:
            return []
        for pattern in _DATE_PATTERNS:
            for match in pattern.finditer(text):
                if dates.find_date(match.group(0)) == date:
                    return [(match.start(), match.end(), self.el("date", date=date.isoformat()))]
        return []

    def closing_spans(self, node: m.Closing, text: str) -> list[tuple[int, int, Any]]:
        spans = self.date_spans(node.date, text)
        place = node.place
        if place:
            start = text.find(place)
            if start >= 0 and not any(s < start + len(place) and start < e for s, e, _ in spans):
                ref = self.tlc("TLCLocation", place, "location")
                spans.append((start, start + len(place), self.el("location", refersTo="#" + ref)))
        return spans

    def signature(self, text: str) -> Any:
        signature = self.el("signature")
        if re.match(r"(?i)\W*(for|on\s+behalf\s+of)\b", text):
            ref = self.tlc("TLCRole", text.rstrip(" :"), "role")
            signature.append(self.text_el("role", text, refersTo="#" + ref))
        elif re.fullmatch(r"[A-Z][A-Z.'’\- ]+[A-Z.]", text) and len(text.split()) <= 6:
            ref = self.tlc("TLCPerson", text, "person")
            signature.append(self.text_el("person", text, refersTo="#" + ref))
        else:
            signature.text = _xml_text(text)
        return signature

    # ---- the document ---------------------------------------------------------------

    def segments(self) -> list[dict[str, list[addresses.Place]]]:
        """The top-level nodes by zone, a new segment wherever the text goes back to an
        earlier zone (the first is the document, the others its attachments)."""
        out: list[dict[str, list[addresses.Place]]] = [{}]
        rank = -1
        for place in self.places:
            if place.parent is not None or place.element.tag is None:
                continue
            this = _RANK[place.zone]
            if this < rank:
                out.append({})
            rank = this
            out[-1].setdefault(place.zone, []).append(place)
        return out

    def zone(self, tag: str, places: list[addresses.Place]) -> Any:
        out = self.el(tag)
        recitals = None
        for place in places:
            if place.element.tag == "recital":
                group = place.id.rsplit("__", 1)[0]
                if recitals is None or recitals.get("eId") != group:
                    recitals = self.el("recitals", eId=group)
                    self.generated.add(group)
                    out.append(recitals)
                recitals.append(self.node(place))
                continue
            recitals = None
            out.append(self.node(place))
        return out

    def identification(self, component: str) -> Any:
        document = self.document
        date = document.date
        iso = date.isoformat() if date else UNKNOWN_DATE
        date_name = self.date_name()
        subtype = slug(document.doc_type or "document") or "document"
        actor = slug(self.author_name) or "author"
        if actor[0].isdigit():
            actor = "a" + actor
        number = self.number or slug(document.title or "") or "untitled"
        number = number.replace("/", "-").replace(" ", "_")
        work = f"/akn/{self.country}/{self.root_element.tag}/{subtype}/{actor}/{iso}/{number}"
        expression = f"{work}/{self.language}@{date.isoformat() if date else ''}"
        author = "#" + self.author
        work_el = self.el(
            "FRBRWork",
            self.el("FRBRthis", value=f"{work}/{component}"),
            self.el("FRBRuri", value=work),
            self.el("FRBRdate", date=iso, name=date_name),
            self.el("FRBRauthor", href=author),
            self.el("FRBRcountry", value=self.country),
            self.el("FRBRsubtype", value=subtype),
            self.el("FRBRnumber", value=number),
            self.el("FRBRname", value=_xml_text(document.title)) if document.title else None,
        )
        expression_el = self.el(
            "FRBRExpression",
            self.el("FRBRthis", value=f"{expression}/{component}"),
            self.el("FRBRuri", value=expression),
            self.el("FRBRdate", date=iso, name=date_name),
            self.el("FRBRauthor", href=author),
            self.el("FRBRlanguage", language=self.language),
        )
        manifestation_el = self.el(
            "FRBRManifestation",
            self.el("FRBRthis", value=f"{expression}/{component}.xml"),
            self.el("FRBRuri", value=f"{expression}.xml"),
            self.el("FRBRdate", date=iso, name=date_name),
            self.el("FRBRauthor", href="#aseandocs"),
        )
        return self.el("identification", work_el, expression_el, manifestation_el, source="#aseandocs")

    def date_name(self) -> str:
        document = self.document
        if document.date is None:
            return "unknown"
        if document._metadata("date"):
            return "publication"
        for node in document.children:
            if isinstance(node, m.Adoption) and node.date is not None:
                return "adoption"
        return "signature"

    def preface_extras(self) -> list[Any]:
        """The title and date a preface shows, where no node of the text gives them."""
        document = self.document
        out = []
        has_title = any(p.element.tag == "longTitle" and p.zone == addresses.PREFACE for p in self.places)
        if document.title and not has_title:
            out.append(self.el("longTitle", self.el("p", self.text_el("docTitle", document.title))))
        if document.date is not None:
            date = document.date
            shown = f"{date.day} {_MONTH_NAMES[date.month - 1]} {date.year}"
            out.append(self.el("p", self.text_el("docDate", shown, date=date.isoformat()), class_="docDate"))
        return out

    def document_el(self, segment: dict[str, list[addresses.Place]], component: str, main: bool) -> Any:
        tag = self.root_element.tag or "doc"
        out = self.el(tag, name=self.root_element.name if main else "annex")
        meta = self.el("meta", self.identification(component))
        out.append(meta)
        preface = self.zone("preface", segment.get(addresses.PREFACE, []))
        if main:
            for index, extra in enumerate(self.preface_extras()):
                preface.insert(index, extra)
        if len(preface):
            out.append(preface)
        if segment.get(addresses.PREAMBLE):
            out.append(self.zone("preamble", segment[addresses.PREAMBLE]))
        body = self.zone("body" if tag == "act" else "mainBody", segment.get(addresses.BODY, []))
        if not len(body):
            if tag == "act":
                filler = "noBody_1" if "noBody_1" not in self.ids else "noBody_1_2"
                self.generated.add(filler)
                body.append(self.el("hcontainer", self.el("content", self.el("p")), eId=filler, name="noBody"))
            else:
                body.append(self.el("p"))
        out.append(body)
        if segment.get(addresses.CONCLUSIONS):
            out.append(self.zone("conclusions", segment[addresses.CONCLUSIONS]))
        return out, meta

    def build(self) -> Any:
        segments = self.segments()
        main, meta = self.document_el(segments[0], "!main", True)
        if len(segments) > 1:
            attachments = self.el("attachments")
            for index, segment in enumerate(segments[1:], start=1):
                eid = f"att_{index}"
                self.generated.add(eid)
                inner, _ = self.document_el(segment, f"!annex_{index}", False)
                attachments.append(self.el("attachment", inner, eId=eid))
            main.append(attachments)
        references = self.el("references", source="#aseandocs")
        references.append(self.el("TLCOrganization", eId=self.author, href=f"/akn/ontology/organization/{self.country}/{slug(self.author_name) or self.author}", showAs=self.author_name))
        references.append(self.el("TLCOrganization", eId="aseandocs", href=f"/akn/ontology/organization/{self.country}/aseandocs", showAs="aseandocs"))
        order = {"TLCPerson": 0, "TLCRole": 0, "TLCLocation": 0}
        for kind, eid, href, shown in sorted(self.tlcs, key=lambda t: order.get(t[0], 0)):
            references.append(self.el(kind, eId=eid, href=href, showAs=_xml_text(shown)))
        meta.append(references)
        root = self.el("akomaNtoso", main)
        return root


def to_akn(
    document: m.Document,
    *,
    country: str = "xa",
    language: str = "eng",
    author: str | None = None,
    number: str | None = None,
    pretty: bool = True,
) -> str:
    """The document as Akoma Ntoso 3.0 XML (a string, with its XML declaration).

    ``country`` is the FRBR country: ASEAN has no ISO 3166 code, so the default is ``xa``,
    one of the codes ISO 3166-1 leaves to its users; ``language`` the expression's ISO 639-2
    code; ``author`` the organisation that wrote the text (``"ASEAN"`` if not given), whose
    slug is the IRI's actor; ``number`` the work's number in its IRI (a slug of the title
    if not given). Needs lxml (``pip install 'aseandocs[akn]'``).
    """
    if not _COUNTRY.fullmatch(country):
        raise ValueError(f"country must be a two-letter code in lower case ('xa', 'my'), not {country!r}")
    if not _LANGUAGE.fullmatch(language):
        raise ValueError(f"language must be an ISO 639-2 code in lower case ('eng'), not {language!r}")
    builder = _Builder(document, country, language, author, number)
    root = builder.build()
    etree = builder.etree
    body = etree.tostring(root, encoding="unicode", pretty_print=pretty)
    assert body.startswith("<akomaNtoso>")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="{AKN_NS}">' + body[len("<akomaNtoso>") :]


# ---- reading ------------------------------------------------------------------------

MAX_BYTES = 64 * 1024 * 1024
"""The largest XML :func:`from_akn` reads."""
MAX_XML_DEPTH = 200
"""The deepest element nesting :func:`from_akn` reads."""

_DOCUMENT_TYPES = frozenset(
    {"act", "amendment", "amendmentList", "bill", "debate", "debateReport", "doc", "documentCollection",
     "judgment", "officialGazette", "portion", "statement"}
)
_SECTION_TAGS = frozenset({"article", "chapter", "part", "section", "title", "rule", "hcontainer", "book", "tome",
                           "division", "subsection", "subpart", "subchapter", "subtitle", "subdivision", "level"})
_PARAGRAPH_TAGS = frozenset({"paragraph", "point", "clause", "subclause", "subparagraph", "alinea", "indent",
                             "list", "sublist", "proviso", "subrule", "transitional"})
_BLOCK_NAMES = {"p": "paragraph", "table": "table", "crossHeading": "heading", "longTitle": "title",
                "formula": "formula", "container": "paragraph", "preface": "preface", "signature": "signature",
                "signatures": "signature", "adoption": "adoption", "trailer": "trailer"}


class AknError(ValueError):
    """XML that :func:`from_akn` refuses or cannot read as Akoma Ntoso (a one-line message)."""


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


class _Reader:
    def __init__(self, root: Any):
        self.root = root
        self.statement = False
        self.named = False

    def children(self, element: Any) -> list[Any]:
        return [child for child in element if isinstance(child.tag, str)]

    def document(self) -> m.Document:
        root = self.root
        if _local(root) != "akomaNtoso":
            raise AknError(f"not Akoma Ntoso: the root element is <{_local(root)}>, not <akomaNtoso>")
        doc = next((c for c in self.children(root) if _local(c) in _DOCUMENT_TYPES), None)
        if doc is None:
            raise AknError("not Akoma Ntoso: no document element (act, statement, doc, ...) under <akomaNtoso>")
        self.statement = _local(doc) in ("statement", "doc")
        nodes: list[Any] = []
        # The work's name and date come back as front matter, the metadata they came from.
        name = doc.find("{*}meta/{*}identification/{*}FRBRWork/{*}FRBRname")
        date = doc.find("{*}meta/{*}identification/{*}FRBRWork/{*}FRBRdate")
        fields = []
        if name is not None and name.get("value"):
            fields.append("title: '" + " ".join(name.get("value").split()).replace("'", "''") + "'")
            self.named = True
        if date is not None and (date.get("date") or UNKNOWN_DATE) != UNKNOWN_DATE:
            fields.append(f"date: {date.get('date')}")
        if fields:
            nodes.append(m.FrontMatter(text="---\n" + "\n".join(fields) + "\n---"))
        self.read_document(doc, nodes)
        return m.Document(children=tuple(nodes))

    def read_document(self, doc: Any, nodes: list[Any]) -> None:
        for part in self.children(doc):
            name = _local(part)
            if name in ("preface", "preamble", "conclusions", "coverPage"):
                nodes.extend(self.blocks(part, zone=name))
            elif name in ("mainBody", "body"):
                nodes.extend(self.blocks(part, zone="body"))
            elif name in ("attachments", "components"):
                for attachment in self.children(part):
                    for inner in self.children(attachment):
                        if _local(inner) in _DOCUMENT_TYPES:
                            self.read_document(inner, nodes)

    def blocks(self, parent: Any, zone: str) -> list[Any]:
        out: list[Any] = []
        for child in self.children(parent):
            out.extend(self.read(child, zone))
        return out

    def read(self, element: Any, zone: str) -> list[Any]:
        tag = _local(element)
        name = element.get("name")
        if tag == "recitals" or tag == "citations":
            return [n for child in self.children(element) for n in self.read(child, zone)]
        if tag in ("intro", "wrapUp", "content", "blockContainer", "listIntroduction", "listWrapUp"):
            return self.blocks(element, zone)
        if tag in ("recital", "citation"):
            return [self.listed(element, "preambular_paragraph")]
        if tag == "item":
            return [self.listed(element, element.get("class") or "clause")]
        if tag == "blockList":
            return [n for child in self.children(element) for n in self.read(child, zone)]
        if tag == "p":
            if element.get("class") == "docDate" or (len(element) == 1 and _local(element[0]) == "docDate" and not (element.text or "").strip()):
                return []
            if len(element) and _local(element[0]) == "signature":
                return [m.Signature(text=_text(element))]
            return [m.Paragraph(text=_text(element))] if _text(element) or element.get("eId") else []
        if tag == "table":
            rows = [" | ".join(_text(cell) for cell in self.children(row)) for row in self.children(element)]
            return [m.Table(text="\n".join(f"| {row} |" for row in rows))]
        if tag in ("crossHeading", "heading", "subheading"):
            return [m.Heading(text=_text(element))]
        if tag == "longTitle":
            if self.named and element.get("eId") is None:
                return []  # the work's name, shown in the preface: read from the metadata
            return [m.Title(text=_text(element))]
        if tag == "formula":
            text = "\n".join(_text(p) for p in self.children(element))
            return [m.Closing(text=text) if name == "closingFormula" else m.Formula(text=text)]
        if tag == "container" or (tag == "hcontainer" and name in _BLOCK_NAMES and element.find("{*}num") is None):
            kind = _BLOCK_NAMES.get(name or "", "paragraph")
            if kind == "signature":
                return [m.Signature(text=_text(p)) for p in self.children(element)]
            if kind in ("table", "heading", "title", "formula"):
                inner = self.blocks(element, zone)
                if kind == "heading":
                    return [m.Heading(text=" ".join(n.text for n in inner))]
                if kind == "title":
                    return [m.Title(text=" ".join(n.text for n in inner))]
                if kind == "formula":
                    return [m.Formula(text=" ".join(n.text for n in inner))]
                return inner
            if kind == "paragraph":
                return self.blocks(element, zone)
            model = {"preface": m.Preface, "adoption": m.Adoption, "trailer": m.Trailer}[kind]
            return [model(text="\n".join(_text(p) for p in self.children(element)))]
        if tag in _SECTION_TAGS:
            return [self.hierarchy(element, "section", zone)]
        if tag in _PARAGRAPH_TAGS:
            kind = element.get("class")
            if kind not in _HIERARCHY_KINDS:
                numbered = element.find("{*}num") is not None
                if tag == "paragraph" and zone == "body" and self.statement:
                    kind = "operative_paragraph"
                else:
                    kind = "clause" if numbered or tag != "point" else "item"
            return [self.hierarchy(element, kind, zone)]
        if tag in ("num", "meta", "toc"):
            return []
        text = _text(element)
        return [m.Paragraph(text=text)] if text else []

    def split(self, element: Any, zone: str) -> tuple[str | None, str, list[str], list[Any]]:
        """(num, heading, own texts, children) of a hierarchy element."""
        num = heading = None
        own: list[str] = []
        kids: list[Any] = []
        for child in self.children(element):
            tag = _local(child)
            if tag == "num":
                num = _text(child)
            elif tag == "heading":
                heading = _text(child)
            elif tag in ("intro", "content"):
                for block in self.children(child):
                    if _local(block) == "p" and block.get("eId") is None and not kids:
                        own.append(_text(block))
                    else:
                        kids.extend(self.read(block, zone))
            else:
                kids.extend(self.read(child, zone))
        return num, heading or "", own, kids

    def hierarchy(self, element: Any, kind: str, zone: str) -> Any:
        num, heading, own, kids = self.split(element, zone)
        text = " ".join(t for t in own if t)
        if kind == "section":
            text = "\n".join(t for t in (heading, text) if t)
        elif heading:
            text = f"{heading} {text}".strip()
        fields: dict[str, Any] = {"text": text, "children": tuple(kids)}
        if kind == "item":
            return m.Item(**fields)
        model = {"section": m.Section, "clause": m.Clause, "operative_paragraph": m.OperativeParagraph,
                 "preambular_paragraph": m.PreambularParagraph}[kind]
        return model(num=num or None, **fields)

    def listed(self, element: Any, kind: str) -> Any:
        num = None
        texts: list[str] = []
        kids: list[Any] = []
        for child in self.children(element):
            tag = _local(child)
            if tag == "num":
                num = _text(child)
            elif tag == "p" and not kids:
                texts.append(_text(child))
            else:
                kids.extend(self.read(child, "preamble"))
        fields: dict[str, Any] = {"text": " ".join(t for t in texts if t), "children": tuple(kids)}
        if kind == "item" or kind not in _HIERARCHY_KINDS:
            return m.Item(**fields) if kind == "item" else m.Clause(num=num, **fields)
        if kind == "section":
            return m.Section(num=num, **fields)
        model = {"clause": m.Clause, "operative_paragraph": m.OperativeParagraph,
                 "preambular_paragraph": m.PreambularParagraph}[kind]
        return model(num=num, **fields)


def from_akn(xml: str | bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_XML_DEPTH) -> m.Document:
    """A document read from Akoma Ntoso XML: its structure (sections, articles, numbered
    paragraphs and points, recitals, formulas, the closing, signatures) as nodes, rendering
    to the canonical text form (there is no source text to keep).

    The XML is read as hostile: no DTD is loaded and none may be declared, no entity is
    expanded, nothing is fetched from the network, and input larger than ``max_bytes`` or
    nested deeper than ``max_depth`` is refused with :class:`AknError` (a ``ValueError``).
    """
    etree = _lxml()
    data = xml.encode("utf-8") if isinstance(xml, str) else bytes(xml)
    if len(data) > max_bytes:
        raise AknError(f"refused: the XML is {len(data)} bytes, more than the limit of {max_bytes}")
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data[:65536] if b"<!" not in data[65536:] else data, re.I):
        raise AknError("refused: the XML declares a DTD or entities")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise AknError(f"not well-formed XML: {error}") from None
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > max_depth:
            raise AknError(f"refused: elements are nested deeper than {max_depth} levels")
        stack.extend((child, depth + 1) for child in element)
    return _Reader(root).document()


def generated_ids(xml: str) -> set[str]:  # pragma: no cover - a helper of the tests
    """The eIds of the wrappers the export adds around nodes (recitals, lists, attachments)."""
    etree = _lxml()
    root = etree.fromstring(xml.encode("utf-8"))
    out = set()
    for element in root.iter(_A + "recitals", _A + "blockList", _A + "attachment"):
        out.add(element.get("eId"))
    for element in root.iter(_A + "hcontainer"):
        if element.get("name") == "noBody":
            out.add(element.get("eId"))
    return out

"""The clean feed: one flat record per node, for search indexes, databases and dataframes.

:func:`feed` yields the document's own record first (kind ``"document"``: title, type,
date, place, source, language, counts), then one record per node in reading order, every
node of the tree, page furniture and prefaces included, each with its kind so a consumer
filters rather than guesses. Every record has the same keys (:data:`FIELDS`), null where a
key does not apply, so a list of records is a table as it stands::

    import pandas as pd
    frame = pd.DataFrame(aseandocs.feed(doc))

The lossless JSON (``Document.model_dump_json``) remains the format that renders back to
the exact text; the feed is what the text means, and does not round-trip.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aseandocs import addresses, cleantext, numbering, refs
from aseandocs import models as m

FEED_VERSION = "1.0"

FIELDS = (
    "kind",
    "id",
    "path",
    "parent",
    "zone",
    "depth",
    "num",
    "label",
    "ordinal",
    "heading",
    "verb",
    "text",
    "line",
    "column",
    "end_line",
    "end_column",
    "refs",
    "title",
    "doc_type",
    "date",
    "place",
    "source",
    "language",
    "preambular",
    "operative",
)
"""The keys of every record, in order: the node's (kind to refs), then the document's."""

_NODE_ONLY = FIELDS[1:17]
_DOCUMENT_ONLY = FIELDS[17:]


def _ordinals(children: tuple[m.Node, ...]) -> list[int | None]:
    """Each sibling's position in the sequence its label belongs to: "(i)" after "(h)" is 9,
    "(i)" before "(ii)" is 1. A label no sequence explains has None."""
    readings = [numbering.candidates(num) if (num := child.__dict__.get("num")) else () for child in children]
    out: list[int | None] = []
    previous: numbering.Label | None = None
    for index, options in enumerate(readings):
        chosen: numbering.Label | None = None
        if options:
            if previous is not None:
                chosen = next((o for o in options if o.style == previous.style and o.value == previous.value + 1), None)
            if chosen is None:
                following = next((r for r in readings[index + 1 :] if r), ())
                chosen = next(
                    (o for o in options for f in following if f.style == o.style and f.value == o.value + 1),
                    options[0],
                )
            previous = chosen
        out.append(chosen.value if chosen is not None and chosen.value > 0 else None)
    return out


def _verb(node: m.Node) -> str | None:
    verb = node.__dict__.get("verb")
    return cleantext.clean(verb) if verb else None


def document_record(document: m.Document, *, language: str | list[str] | None = None) -> dict[str, Any]:
    """The document's own record: what it is, with the counts a catalogue shows."""
    record: dict[str, Any] = dict.fromkeys(FIELDS)
    closing = document.closing
    date = document.date
    record.update(
        kind="document",
        title=document.title,
        doc_type=document.doc_type,
        date=date.isoformat() if date else None,
        place=closing.place if closing is not None else None,
        source=document.source,
        language=language if language is not None else "en",
        preambular=len(document.preamble),
        operative=len(document.operative),
    )
    return record


def feed(document: m.Document, *, language: str | list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The document's record, then one record per node in reading order (parents first).

    ``language`` is recorded on the document's record (the language the text was parsed
    in; English if not given).
    """
    yield document_record(document, language=language)
    places = addresses.places(document)
    index = refs.Index(places)
    ordinals: dict[int, int | None] = {}
    seen_parents: set[int] = set()
    for place in places:
        node = place.node
        fields = node.__dict__
        parent = place.parent
        container = parent.node if parent is not None else document
        if id(container) not in seen_parents:
            seen_parents.add(id(container))
            siblings = container.__dict__.get("children", ())
            ordinals.update(zip(map(id, siblings), _ordinals(siblings)))
        heading: str | None = None
        texts = [fields.get("text", "")] + [part.text for part in fields.get("continued", ())]
        if node.kind == "section":
            raw_heading, body = cleantext.split_heading(texts[0])
            heading = cleantext.clean(raw_heading) or None
            texts[0] = body
        text = cleantext.clean(*texts)
        num = fields.get("num")
        record = dict.fromkeys(FIELDS)
        record.update(
            kind=node.kind,
            id=place.id,
            path=place.path,
            parent=place.parent_id,
            zone=place.zone,
            depth=place.depth,
            num=addresses.printed_num(num) if num else None,
            label=numbering.plain_label(addresses.printed_num(num)) if num else None,
            ordinal=ordinals.get(id(node)),
            heading=heading,
            verb=_verb(node),
            text=text,
            line=place.line,
            column=place.column,
            end_line=place.end_line,
            end_column=place.end_column,
            refs=[{"text": r.text, "target": r.target} for r in refs.find(text, place, index)],
        )
        yield record

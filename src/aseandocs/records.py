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

import os
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict

from aseandocs import addresses, cleantext, numbering, refs
from aseandocs import models as m

class Reference(TypedDict):
    """A cross-reference in a node's text."""

    text: Annotated[str, Field(description="The reference as written: 'paragraph 2 of Article 3'.")]
    target: Annotated[str | None, Field(description="The id of the node it names, null if this text has none.")]


class Record(TypedDict):
    """One record of the feed: a node, or (kind 'document') the document itself."""

    file: Annotated[str | None, Field(description="The source file, in a batch's records; null otherwise.")]
    kind: Annotated[
        str,
        Field(description="The node's kind ('section', 'clause', 'page_debris', ...), 'document', or 'error' (a file a batch could not read or parse)."),
    ]
    id: Annotated[str | None, Field(description="The node's id, its Akoma Ntoso eId ('sec_II__para_5'); null for the document.")]
    path: Annotated[str | None, Field(description="The node's outline path ('II/5', 'preamble/rec[3]'), unique in the document.")]
    parent: Annotated[str | None, Field(description="The parent node's id; null at top level and for the document.")]
    zone: Annotated[
        Literal["preface", "preamble", "body", "conclusions"] | None,
        Field(description="The part of the document the node stands in."),
    ]
    depth: Annotated[int | None, Field(description="1 for a top-level node, 2 for its children, ...")]
    num: Annotated[str | None, Field(description="The label as printed, markup taken out: '1.', '(a)', 'Article 4'.")]
    label: Annotated[str | None, Field(description="The label's plain value: '1', 'a', '4', 'II'.")]
    ordinal: Annotated[
        int | None, Field(description="The label's position in its sequence: '(c)' is 3, '(i)' after '(h)' is 9, 'IV' is 4.")
    ]
    heading: Annotated[str | None, Field(description="A section's heading line, clean ('General Definitions').")]
    verb: Annotated[str | None, Field(description="A preambular or operative paragraph's opening word or phrase.")]
    text: Annotated[str | None, Field(description="The node's own text, clean: no markup, no line break, single spaces.")]
    line: Annotated[int | None, Field(description="The line (1-based) where the node starts.")]
    column: Annotated[int | None, Field(description="The column (1-based) where the node starts.")]
    end_line: Annotated[int | None, Field(description="The line where the node's text (with its subtree) ends.")]
    end_column: Annotated[int | None, Field(description="The column just after the node's last character.")]
    refs: Annotated[list[Reference] | None, Field(description="Cross-references in the node's text, in order.")]
    title: Annotated[str | None, Field(description="The document's title.")]
    doc_type: Annotated[str | None, Field(description="The document's type: 'declaration', 'agreement', ...")]
    date: Annotated[str | None, Field(description="The document's date, ISO 8601.")]
    place: Annotated[str | None, Field(description="The place of signature or adoption.")]
    source: Annotated[str | None, Field(description="The source the document names.")]
    language: Annotated[list[str] | None, Field(description="The languages the text was read in ('en', 'fr', ...).")]
    preambular: Annotated[int | None, Field(description="How many preambular paragraphs the document has.")]
    operative: Annotated[int | None, Field(description="How many operative paragraphs the document has.")]
    error: Annotated[str | None, Field(description="Why a batch could not read or parse the file (kind 'error').")]


FIELDS = tuple(Record.__annotations__)
"""The keys of every record, in order: the file, the node's (kind to refs), the document's, the error."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a feed record, as committed in ``schema/feed.schema.json``."""
    schema = TypeAdapter(Record).json_schema()
    schema["properties"]["kind"]["enum"] = sorted({"document", "error", *_KINDS})
    schema["additionalProperties"] = False
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": "aseandocs feed record"}


_KINDS = [get_args(model.model_fields["kind"].annotation)[0] for model in get_args(get_args(m.BodyNode)[0])]


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


def _languages(language: str | Sequence[str] | None) -> list[str]:
    if language is None:
        return ["en"]
    return [language] if isinstance(language, str) else list(language)


def error_record(file: str, message: str) -> Record:
    """The record of a file that could not be read or parsed."""
    record: Any = dict.fromkeys(FIELDS)
    record.update(file=file, kind="error", error=message)
    return record  # type: ignore[no-any-return]


def document_record(
    document: m.Document, *, language: str | Sequence[str] | None = None, file: str | None = None
) -> Record:
    """The document's own record: what it is, with the counts a catalogue shows."""
    record: Any = dict.fromkeys(FIELDS)
    closing = document.closing
    date = document.date
    record.update(
        file=file,
        kind="document",
        title=document.title,
        doc_type=document.doc_type,
        date=date.isoformat() if date else None,
        place=closing.place if closing is not None else None,
        source=document.source,
        language=_languages(language),
        preambular=len(document.preamble),
        operative=len(document.operative),
    )
    return record


def feed(
    document: m.Document, *, language: str | Sequence[str] | None = None, file: str | None = None
) -> Iterator[Record]:
    """The document's record, then one record per node in reading order (parents first).

    ``language`` is recorded on the document's record (the languages the text was parsed
    in; English if not given); ``file``, if given, on every record.
    """
    yield document_record(document, language=language, file=file)
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
        record: Any = dict.fromkeys(FIELDS)
        record.update(
            file=file,
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


def file_records(path: str | os.PathLike[str], *, name: str | None = None) -> list[Record]:
    """The feed records of the file at ``path`` (``file`` set to ``name``, default the path
    as given), or its one error record: never raises for a file that cannot be read or
    parsed. The unit of work of a batch, a Dask bag, or any other engine."""
    from aseandocs.parser import parse
    from aseandocs.reading import InputError, decode, read_bytes

    where = os.fspath(path)
    shown = name if name is not None else where
    try:
        text = decode(read_bytes(where), where)
        return list(feed(parse(text, filename=where), file=shown))
    except InputError as error:
        return [error_record(shown, error.message)]
    except Exception as error:  # one bad file must not fail the job
        return [error_record(shown, f"{type(error).__name__}: {error}")]

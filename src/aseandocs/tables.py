"""Tables: the rows and cells of a table node's text.

A table is written as markdown pipe rows (``| HS code | Tariff |``, with a ``|---|---|``
rule under the head) or as an HTML ``<table>``; its cells are read with the same reading
view as every other text (:mod:`aseandocs.markup`), the HTML ones with the standard
library's tokenizer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from aseandocs.markup import reading_view

# The whole line is rule characters (checked once), and it holds "--" (found by one forward scan).
_RULE_ROW = re.compile(r"^(?=[ \t|:\-]*$)[ \t|:\-]*?--")
_PIPE_ROW = re.compile(r"^\s*\|")


def is_pipe_table(text: str) -> bool:
    """Whether every line of ``text`` is a pipe row, and there are at least two."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) >= 2 and all(_PIPE_ROW.match(line) and line.count("|") >= 2 for line in lines)


def _clean(cell: str) -> str:
    return " ".join(reading_view(cell).split())


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def rows(text: str) -> list[list[str]]:
    """The rows of a table's text, each a list of its cells' clean texts."""
    if "<t" in text.lower():
        reader = _Cells()
        reader.feed(text)
        reader.close()
        return [row for row in reader.rows if row]
    out: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or _RULE_ROW.match(line):
            continue
        body = line.strip()
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
        out.append([_clean(cell) for cell in re.split(r"(?<!\\)\|", body)])
    return out

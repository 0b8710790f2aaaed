"""Metadata blocks: YAML front matter and bracketed database fields.

Only the flat ``key: value`` subset of YAML that document front matter uses is read
(plain, single- or double-quoted scalars, folded over indented lines); nested values are
skipped. The block itself always stays in the tree byte for byte.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s?(.*)$")
_FIELD = re.compile(r"^\s*\[([A-Za-z ]+)\]\s*(.*?)\s*$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    return value


def front_matter_fields(text: str) -> dict[str, str]:
    """The top-level scalar fields of a front matter block (fences may be included)."""
    fields: dict[str, str] = {}
    key: str | None = None
    for line in text.splitlines():
        if line.strip() in ("---", "..."):
            key = None
            continue
        match = _KEY.match(line)
        if match and not line[0].isspace():
            key = match.group(1).lower()
            fields[key] = match.group(2).strip()
        elif key is not None and line[:1].isspace() and line.strip():
            fields[key] = (fields[key] + " " + line.strip()).strip()
    return {k: _unquote(v) for k, v in fields.items() if v and not v.startswith(("|", ">"))}


def bracket_fields(text: str) -> dict[str, str]:
    """The ``[Name] value`` fields of a database header, keyed by lower-case name."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        match = _FIELD.match(line)
        if match:
            fields[match.group(1).strip().lower()] = match.group(2)
    return fields

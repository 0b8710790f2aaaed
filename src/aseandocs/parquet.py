"""Feed records as Apache Parquet, through pyarrow (the optional extra ``aseandocs[parquet]``).

One column per key of :data:`aseandocs.records.FIELDS`, in that order, with the same types
for every file, so the part files a batch writes read back as one table
(``pyarrow.dataset.dataset(OUT)``, ``duckdb``'s ``read_parquet('OUT/**/*.parquet')``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from aseandocs.records import FIELDS, Record

if TYPE_CHECKING:
    import pyarrow

_INTEGERS = frozenset({"depth", "ordinal", "line", "column", "end_line", "end_column", "preambular", "operative"})


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ImportError("Parquet output needs pyarrow: pip install 'aseandocs[parquet]'") from None
    return pyarrow


def schema() -> pyarrow.Schema:
    """The Arrow schema of feed records."""
    pa = _pyarrow()
    reference = pa.struct([("text", pa.string()), ("target", pa.string())])
    columns = []
    for name in FIELDS:
        if name in _INTEGERS:
            kind = pa.int64()
        elif name == "refs":
            kind = pa.list_(reference)
        elif name == "language":
            kind = pa.list_(pa.string())
        else:
            kind = pa.string()
        columns.append(pa.field(name, kind))
    return pa.schema(columns)


def table(records: Iterable[Record]) -> pyarrow.Table:
    """The records as one Arrow table of :func:`schema`."""
    pa = _pyarrow()
    return pa.Table.from_pylist(list(records), schema=schema())


def to_bytes(records: Iterable[Record]) -> bytes:
    """The records as the bytes of one Parquet file."""
    pa = _pyarrow()
    buffer = io.BytesIO()
    pa.parquet.write_table(table(records), buffer)
    return buffer.getvalue()

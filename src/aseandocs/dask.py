"""Parsing past one machine with Dask (the optional extra ``aseandocs[dask]``).

:func:`parse_bag` turns a list of paths into a ``dask.bag`` of feed records, one partition
per group of files; a file that cannot be read or parsed gives one error record and never
raises, so one bad file cannot fail a cluster job. :func:`to_jsonl` and :func:`to_parquet`
write the bag as part files named ``part-00000.jsonl`` (``.parquet``), which sort in
order: files in the order given, records in document order. Each worker builds its own
parser on first use (Lark parsers are not sent over the wire; only paths and records are).

>>> from dask.distributed import Client, LocalCluster          # doctest: +SKIP
>>> client = Client(LocalCluster(n_workers=2))                 # doctest: +SKIP
>>> bag = aseandocs.dask.parse_bag(sorted(Path("corpus").glob("*.txt")))  # doctest: +SKIP
>>> aseandocs.dask.to_parquet(bag, "dataset/")                 # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from aseandocs.records import Record, file_records

try:
    import dask
    import dask.bag
except ImportError:  # pragma: no cover - exercised only without the extra
    raise ImportError("aseandocs.dask needs dask: pip install 'aseandocs[dask]'") from None


records_of = file_records
"""The records of one file, or its one error record (:func:`aseandocs.records.file_records`)."""


def _partition(paths: Iterable[str]) -> list[Record]:
    return [record for path in paths for record in file_records(path)]


def parse_bag(paths: Sequence[str | os.PathLike[str]], *, files_per_partition: int = 8) -> dask.bag.Bag:
    """A bag of the feed records of ``paths``, in the order given, ``files_per_partition``
    files to a partition."""
    names = [os.fspath(path) for path in paths]
    return dask.bag.from_sequence(names, partition_size=max(1, files_per_partition)).map_partitions(_partition)


def _write_jsonl(records: list[Record], target: str) -> str:
    from aseandocs.batch import write_atomic

    write_atomic(target, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8"))
    return target


def _write_parquet(records: list[Record], target: str) -> str:
    from aseandocs import parquet
    from aseandocs.batch import write_atomic

    write_atomic(target, parquet.to_bytes(records))
    return target


def _write(bag: dask.bag.Bag, out_dir: str | os.PathLike[str], suffix: str, writer: Any) -> list[str]:
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tasks = [
        dask.delayed(writer)(partition, str(folder / f"part-{index:05d}{suffix}"))
        for index, partition in enumerate(bag.to_delayed())
    ]
    return list(dask.compute(*tasks))


def to_jsonl(bag: dask.bag.Bag, out_dir: str | os.PathLike[str]) -> list[str]:
    """Write the bag's records as JSON Lines part files; the paths written, in order."""
    return _write(bag, out_dir, ".jsonl", _write_jsonl)


def to_parquet(bag: dask.bag.Bag, out_dir: str | os.PathLike[str]) -> list[str]:
    """Write the bag's records as Parquet part files (one schema); the paths written."""
    return _write(bag, out_dir, ".parquet", _write_parquet)

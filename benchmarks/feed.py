#!/usr/bin/env python
"""The clean feed and datasets at scale: what records cost beside parsing, and how a batch
of files scales across processes and a Dask cluster.

Run from the repository root::

    python -m benchmarks.feed            # about a minute on 2 CPUs
    python -m benchmarks.feed --quick    # a few seconds (used by the tests)
    python -m benchmarks.feed --json F   # also write the figures as JSON

Measured in one run, on the corpus documents (``corpus/*.txt``, ``*.md``, ``*.html``,
``*.xml``):

* feed: records per second of :func:`aseandocs.feed` on parsed documents, and the time of
  parse + feed as a ratio of parse alone (median of ``--repeats`` passes over the corpus);
* datasets: wall time of one serial loop (parse, feed, one JSON Lines part per file) over
  the corpus copied ``--copies`` times, beside ``aseandocs batch --format jsonl`` with one
  worker and with one per CPU, and beside :mod:`aseandocs.dask` on a LocalCluster of one
  worker process per CPU; each as files per second and speed-up over the serial loop.
  Worker start-up is included, as a user sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aseandocs
from aseandocs.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SUFFIXES = (".txt", ".md", ".html", ".xml")


def corpus_paths() -> list[Path]:
    return sorted(
        p for p in CORPUS.iterdir() if p.suffix in SUFFIXES and p.name not in ("OUTLINES.md", "README.md")
    )


def _median(fn: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_feed(texts: list[str], repeats: int) -> dict[str, Any]:
    documents = [aseandocs.parse(text) for text in texts]
    records = sum(1 for document in documents for _ in aseandocs.feed(document))
    parse_s = _median(lambda: [aseandocs.parse(text) for text in texts], repeats)
    feed_s = _median(lambda: [list(aseandocs.feed(document)) for document in documents], repeats)
    return {
        "documents": len(texts),
        "records": records,
        "parse_s": parse_s,
        "feed_s": feed_s,
        "records_per_s": records / feed_s,
        "parse_and_feed_over_parse": (parse_s + feed_s) / parse_s,
    }


def _serial(paths: list[Path], source: Path, out: Path) -> None:
    for path in paths:
        relative = path.relative_to(source).as_posix()
        records = aseandocs.feed(aseandocs.parse_file(path), file=relative)
        target = out / (relative + ".jsonl")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def measure_datasets(copies: int, workers: int, with_dask: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "in"
        for copy in range(copies):
            folder = source / f"copy{copy:03d}"
            folder.mkdir(parents=True)
            for path in corpus_paths():
                if path.suffix in (".txt", ".md"):  # what batch picks up
                    shutil.copy(path, folder / path.name)
        paths = sorted(p for p in source.rglob("*") if p.is_file())
        rows: dict[str, float] = {}
        started = time.perf_counter()
        _serial(paths, source, Path(scratch) / "serial")
        rows["serial loop"] = time.perf_counter() - started
        for n in sorted({1, workers}):
            started = time.perf_counter()
            run_batch(source, Path(scratch) / f"batch{n}", workers=n, progress=False, format="jsonl")
            rows[f"batch -j{n}"] = time.perf_counter() - started
        if with_dask:
            from dask.distributed import Client, LocalCluster

            from aseandocs import dask as aseandask

            started = time.perf_counter()
            with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
                with Client(cluster):
                    aseandask.to_jsonl(aseandask.parse_bag([str(p) for p in paths]), Path(scratch) / "dask")
            rows[f"dask LocalCluster x{workers}"] = time.perf_counter() - started
    serial = rows["serial loop"]
    return {
        "files": len(paths),
        "runs": [
            {"route": route, "seconds": seconds, "files_per_s": len(paths) / seconds, "speedup": serial / seconds}
            for route, seconds in rows.items()
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny run: one copy, one repeat")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4, help="how many times the corpus is copied for datasets")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster run")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    repeats, copies = (1, 1) if args.quick else (args.repeats, args.copies)
    workers = max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    texts = [p.read_bytes().decode("utf-8") for p in corpus_paths()]
    feed = measure_feed(texts, repeats)
    print(
        f"feed: {feed['records']:,} records from {feed['documents']} documents; "
        f"{feed['records_per_s']:,.0f} records/s; parse {feed['parse_s']:.3f} s, feed {feed['feed_s']:.3f} s, "
        f"parse+feed / parse = {feed['parse_and_feed_over_parse']:.2f}x"
    )
    datasets = measure_datasets(copies, workers, with_dask=not args.no_dask)
    print(f"datasets: {datasets['files']} files to JSON Lines parts")
    print(f"  {'route':<24} {'seconds':>8} {'files/s':>8} {'speed-up':>9}")
    for run in datasets["runs"]:
        print(f"  {run['route']:<24} {run['seconds']:>8.2f} {run['files_per_s']:>8.1f} {run['speedup']:>8.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"feed": feed, "datasets": datasets}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

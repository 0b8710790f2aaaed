"""Datasets of feed records: batch part files (JSON Lines, Parquet), resume, shards, Dask.

Whatever route writes them (one process, a pool, a Dask cluster), the records are the
same: ordered by source path, then document order; a bad file is one error record.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import aseandocs
from aseandocs.batch import run_batch
from aseandocs.records import FIELDS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SAMPLE = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name[:1].isdigit())[:20]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    for path in SAMPLE[:4]:
        shutil.copy(path, source / path.name)
    shutil.copy(SAMPLE[4], source / "sub" / SAMPLE[4].name)
    (source / "sub" / "broken.txt").write_bytes(b"\xff\xfe not UTF-8")
    return source


def serial_records(source: Path) -> list[dict]:  # type: ignore[type-arg]
    """What a plain loop gives: every file's feed (or error record), by relative path."""
    out: list[dict] = []  # type: ignore[type-arg]
    for path in sorted(source.rglob("*"), key=lambda p: p.relative_to(source).as_posix()):
        if path.suffix not in (".txt", ".md"):
            continue
        relative = path.relative_to(source).as_posix()
        try:
            out.extend(aseandocs.feed(aseandocs.parse_file(path), file=relative))
        except UnicodeDecodeError:
            out.append({"file": relative, "kind": "error"})
    return out


def jsonl_dataset(out: Path) -> list[dict]:  # type: ignore[type-arg]
    parts = sorted(out.rglob("*.jsonl"), key=lambda p: p.relative_to(out).as_posix())
    assert all(part.read_bytes().endswith(b"\n") for part in parts)
    return [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]


def comparable(records: list[dict]) -> list[tuple]:  # type: ignore[type-arg]
    return [(r["file"], r["kind"], r.get("id"), r.get("text")) for r in records]


@pytest.mark.parametrize("workers", [1, 2])
def test_jsonl_batch_is_the_serial_feed_with_one_error_record(folder: Path, tmp_path: Path, workers: int) -> None:
    out = tmp_path / "out"
    report = run_batch(folder, out, workers=workers, progress=False, format="jsonl")
    assert [p.name for p, _ in report.failures] == ["broken.txt"]
    records = jsonl_dataset(out)
    assert comparable(records) == comparable(serial_records(folder))
    error = next(r for r in records if r["kind"] == "error")
    assert error["file"] == "sub/broken.txt" and "UTF-8" in error["error"]
    assert all(list(r) == list(FIELDS) for r in records)


def test_parquet_parts_share_one_schema(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(folder, out, workers=1, progress=False, format="parquet")
    parts = sorted(out.rglob("*.parquet"), key=lambda p: p.relative_to(out).as_posix())
    tables = [pq.read_table(part, use_threads=False) for part in parts]
    assert {tuple(t.schema.names) for t in tables} == {FIELDS}
    assert len({t.schema for t in tables}) == 1
    rows = [row for t in tables for row in t.to_pylist()]
    assert comparable(rows) == comparable(serial_records(folder))


def test_resume_skips_what_is_up_to_date(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch(folder, out, workers=1, progress=False, format="jsonl")
    again = run_batch(folder, out, workers=1, progress=False, format="jsonl", resume=True)
    assert (first.files, again.files, again.skipped) == (6, 0, 6)  # an error part counts as written
    changed = folder / SAMPLE[0].name
    later = os.stat(out / (SAMPLE[0].name + ".jsonl")).st_mtime + 10
    os.utime(changed, (later, later))
    third = run_batch(folder, out, workers=1, progress=False, format="jsonl", resume=True)
    assert third.files == 1 and third.skipped == 5


def test_shards_split_the_inputs_with_no_overlap(folder: Path, tmp_path: Path) -> None:
    shares = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard{k}"
        run_batch(folder, out, workers=1, progress=False, format="jsonl", shard=(k, 3))
        shares.append({p.relative_to(out).as_posix() for p in out.rglob("*.jsonl")})
    assert sum(len(s) for s in shares) == len(set().union(*shares)) == 6
    repeat = tmp_path / "repeat"
    run_batch(folder, repeat, workers=1, progress=False, format="jsonl", shard=(2, 3))
    assert {p.relative_to(repeat).as_posix() for p in repeat.rglob("*.jsonl")} == shares[1]


def test_dask_on_a_local_cluster_gives_the_serial_records(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    from aseandocs import dask as aseandask

    source = tmp_path / "in"
    source.mkdir()
    for path in SAMPLE:
        shutil.copy(path, source / path.name)
    (source / "zz_broken.txt").write_bytes(b"\xff not UTF-8")
    paths = sorted(str(p) for p in source.iterdir())
    expected = [r for path in paths for r in aseandask.records_of(path)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            bag = aseandask.parse_bag(paths, files_per_partition=4)
            written = aseandask.to_jsonl(bag, tmp_path / "jsonl")
            parquet_parts = aseandask.to_parquet(bag, tmp_path / "parquet")
    assert written == sorted(written) and len(written) == 6
    got = [json.loads(line) for part in written for line in Path(part).read_text(encoding="utf-8").splitlines()]
    assert got == expected
    assert expected[-1]["kind"] == "error" and expected[-1]["file"].endswith("zz_broken.txt")
    rows = [row for part in parquet_parts for row in pq.read_table(part, use_threads=False).to_pylist()]
    assert comparable(rows) == comparable(expected)


def test_cli_batch_writes_a_jsonl_dataset(folder: Path, tmp_path: Path) -> None:
    from aseandocs import cli

    out = tmp_path / "cli"
    code = cli.main(["batch", str(folder), "-o", str(out), "-f", "jsonl", "-q", "-j", "1", "--shard", "1/1"])
    assert code == 1  # the broken file
    assert comparable(jsonl_dataset(out)) == comparable(serial_records(folder))

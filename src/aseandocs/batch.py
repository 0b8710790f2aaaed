"""The batch engine: every ``.txt`` and ``.md`` file under a folder to a JSON document,
or to a part of one dataset of feed records.

``DIR/a/b.txt`` becomes ``OUTDIR/a/b.txt.json`` (the input's full name plus ``.json``,
so ``b.txt`` and ``b.md`` never overwrite each other). With the ``jsonl`` or ``parquet``
format it becomes the part file ``OUTDIR/a/b.txt.jsonl`` (``.parquet``) holding the feed
records of the document (:func:`aseandocs.feed`), each with the input's path relative to
``DIR`` as ``file``; a file that cannot be read or parsed gets a part holding one error
record, and the run goes on. The parts, sorted by path, are the folder's dataset in
source order: ``duckdb.read_json('OUTDIR/**/*.jsonl')``, ``pyarrow.dataset.dataset(OUTDIR)``.
Each worker writes its own parts; nothing is funnelled through the parent.

``resume`` skips an input whose output is already written and newer than the input;
``shard=(K, N)`` takes the K-th of N deterministic shares of the inputs (by a hash of the
relative path), so N machines can split a corpus with no coordinator. Files are parsed in worker
processes; each output is written atomically (a temporary file in the same folder,
then :func:`os.replace`), so an interrupted batch never leaves a half-written JSON file.

A file that cannot be read or parsed is reported and skipped. Even a worker process
that dies (killed, out of memory) costs no other file its output: the files it may
have been working on are retried one at a time, and only the one that kills its
worker again is reported as failed.

>>> report = run_batch(Path("corpus"), Path("out"), workers=4, progress=False)  # doctest: +SKIP
>>> report.files, report.converted, report.failures                             # doctest: +SKIP
(37, 37, [])
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from aseandocs.reading import InputError, decode, read_bytes

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

SUFFIXES = (".txt", ".md")
"""The input files a batch picks up (any case)."""

FORMATS = ("json", "jsonl", "parquet")
"""What a batch writes: lossless Document JSON per file, or feed records as JSON Lines or
Parquet part files."""


@dataclass
class BatchReport:
    """What a batch did.

    ``files``: input files to convert (this shard's, less those resumed); ``skipped``:
    inputs whose output was already up to date (``resume``); ``bytes``: input bytes of the files converted;
    ``seconds``: wall-clock time of the whole run, including the one-time build of the
    grammar (if this process has not parsed yet) and the start of the worker processes;
    ``failures``: ``(path, message)`` for each file skipped, sorted by path.
    """

    files: int = 0
    skipped: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failures: list[tuple[Path, str]] = field(default_factory=list)
    source: Path | None = None
    out_dir: Path | None = None
    workers: int = 1

    @property
    def converted(self) -> int:
        """Files whose JSON was written."""
        return self.files - len(self.failures)

    @property
    def mb_per_s(self) -> float:
        """Throughput in megabytes (10^6 bytes) of input per second of wall-clock time."""
        return self.bytes / self.seconds / 1e6 if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


class _Job(NamedTuple):
    source: str
    target: str
    size: int
    relative: str = ""
    format: str = "json"


class _Result(NamedTuple):
    source: str
    bytes: int
    error: str | None


# ---- files ------------------------------------------------------------------------------


def output_path(source_file: Path, source: Path, out_dir: Path, format: str = "json") -> Path:
    """Where the output of ``source_file`` (a file under ``source``) goes."""
    relative = source_file.relative_to(source)
    return out_dir / relative.parent / (relative.name + "." + format)


def in_shard(relative: str, shard: tuple[int, int] | None) -> bool:
    """Whether the input at ``relative`` (a POSIX path under the batch's folder) belongs to
    shard ``(K, N)``: the same answer on every machine, for any N."""
    if shard is None:
        return True
    k, n = shard
    return zlib.crc32(relative.encode("utf-8")) % n == k - 1


def is_up_to_date(source_file: Path, target: Path) -> bool:
    """Whether ``target`` exists and was written after ``source_file`` last changed."""
    try:
        return target.stat().st_mtime >= source_file.stat().st_mtime
    except OSError:
        return False


def find_inputs(source: Path) -> list[Path]:
    """The ``.txt`` and ``.md`` files under ``source``, sorted; symlinked folders are not followed."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES):
                found.append(Path(folder) / name)
    return found


_TEMPORARY_SUFFIX = ".tmp"


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never a part. The temporary file is created
    with the usual permissions (umask applies) and removed if anything goes wrong,
    including an interrupt.
    """
    target = Path(path)
    folder = target.parent
    while True:
        temporary = folder / f".{target.name}.{secrets.token_hex(4)}{_TEMPORARY_SUFFIX}"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def remove_partial_writes(path: Path | str) -> None:
    """Remove the temporary files of :func:`write_atomic` for ``path`` that a killed
    process left behind (no Python code runs when a process is killed, so none cleaned up)."""
    target = Path(path)
    left = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}{re.escape(_TEMPORARY_SUFFIX)}")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        if left.fullmatch(name):
            try:
                os.unlink(target.parent / name)
            except OSError:
                pass


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return f"cannot write output: {reason[0].lower() + reason[1:] if reason else type(error).__name__}"
    text = str(error).splitlines()[0] if str(error) else ""
    return f"internal error: {type(error).__name__}" + (f": {text}" if text else "")


def _records_payload(records: list[Any], format: str) -> bytes:
    if format == "parquet":
        from aseandocs import parquet

        return parquet.to_bytes(records)
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode("utf-8")


def _convert(job: _Job, indent: int | None = 2) -> _Result:
    """Read, parse and write one file; every failure becomes a message, never an exception."""
    from aseandocs.parser import parse

    try:
        data = read_bytes(job.source)
        text = decode(data, job.source)
        document = parse(text, filename=job.source)
        if job.format == "json":
            payload = document.model_dump_json(indent=indent or None).encode("utf-8") + b"\n"
        else:
            from aseandocs.records import feed

            payload = _records_payload(list(feed(document, file=job.relative)), job.format)
        os.makedirs(os.path.dirname(job.target), exist_ok=True)
        write_atomic(job.target, payload)
    except InputError as error:
        return _failed(job, error.message)
    except Exception as error:  # one bad file must not stop the batch
        return _failed(job, _describe(error))
    return _Result(job.source, len(data), None)


def _failed(job: _Job, message: str) -> _Result:
    """A failure, recorded in the dataset too when the batch writes one."""
    if job.format != "json":
        from aseandocs.records import error_record

        try:
            os.makedirs(os.path.dirname(job.target), exist_ok=True)
            write_atomic(job.target, _records_payload([error_record(job.relative, message)], job.format))
        except Exception as error:  # the output folder itself is failing: say so
            message = f"{message}; {_describe(error)}"
    return _Result(job.source, 0, message)


# ---- running ----------------------------------------------------------------------------


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm_up() -> None:
    """Build the grammar once in the parent so forked workers inherit it."""
    from aseandocs.parser import parse

    parse("1. x\n")


def _convert_all(jobs: list[_Job], indent: int | None) -> list[_Result]:
    """One task for a worker: several files, so they share the cost of a round trip."""
    return [_convert(job, indent) for job in jobs]


def _in_process(jobs: Iterable[_Job], indent: int | None) -> Iterator[_Result]:
    for job in jobs:
        yield _convert(job, indent)


_CHUNK = 8
"""Most files per task. A task costs a round trip to a worker (pickling, a pipe, a wake-up),
a fair share of the time a small file takes to parse; eight files share it. Fewer are sent
near the end, so the workers finish together."""


def _pooled(jobs: list[_Job], workers: int, indent: int | None) -> Iterator[_Result]:
    """Results in completion order; a dead worker costs only the file that killed it."""
    queue: deque[_Job] = deque(jobs)
    suspects: deque[_Job] = deque()
    # Bounded, so a broken pool can only have taken these tasks' files with it; each of
    # them is then tried alone, in a process of its own.
    window = 2 * workers
    _warm_up()
    while queue or suspects:
        if suspects:
            job = suspects.popleft()
            # The broken pool's processes were killed, perhaps while writing this file.
            remove_partial_writes(job.target)
            with ProcessPoolExecutor(1, initializer=_ignore_interrupts) as alone:
                try:
                    yield alone.submit(_convert, job, indent).result()
                except BrokenProcessPool:
                    remove_partial_writes(job.target)
                    yield _Result(job.source, 0, "worker process died while parsing this file")
            continue
        pool = ProcessPoolExecutor(workers, initializer=_ignore_interrupts)
        outstanding: dict[Future[list[_Result]], list[_Job]] = {}
        try:
            broken = False
            while (queue and not broken) or outstanding:
                while queue and not broken and len(outstanding) < window:
                    size = max(1, min(_CHUNK, len(queue) // (4 * workers)))
                    chunk = [queue.popleft() for _ in range(size)]
                    outstanding[pool.submit(_convert_all, chunk, indent)] = chunk
                done, _ = wait(outstanding, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = outstanding.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        broken = True
                        suspects.extend(chunk)
                        continue
                    yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def run_batch(
    source: Path,
    out_dir: Path,
    *,
    workers: int = 2,
    progress: bool = True,
    console: Console | None = None,
    indent: int | None = 2,
    format: str = "json",
    resume: bool = False,
    shard: tuple[int, int] | None = None,
) -> BatchReport:
    """Parse every ``.txt`` and ``.md`` file under ``source`` into JSON under ``out_dir``
    (``format="json"``), or into feed records as JSON Lines or Parquet part files.

    ``workers`` processes parse in parallel; ``workers=1`` runs in this process, with no
    pool. With ``progress`` a rich progress bar is shown on ``console`` (standard error
    by default) when it is a terminal, and each failure is reported there as one line
    ``aseandocs: error: FILE: message`` as it happens; without it the batch is silent.
    ``indent`` is the JSON indentation (0 or None: one line per file). ``resume`` skips
    inputs whose output is up to date; ``shard=(K, N)`` converts only the K-th of N shares.

    Raises :class:`~aseandocs.reading.InputError` when ``source`` is not a folder or
    ``out_dir`` cannot be created; a bad input file never raises, it is listed in
    ``BatchReport.failures``.
    """
    source = Path(source)
    out_dir = Path(out_dir)
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if shard is not None and not 1 <= shard[0] <= shard[1]:
        raise ValueError(f"shard must be K/N with 1 <= K <= N, not {shard[0]}/{shard[1]}")
    if format == "parquet":
        from aseandocs import parquet

        parquet.schema()  # a missing pyarrow is one clear error, before any file is read
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if not source.exists():
        raise InputError(str(source), "no such file or directory")
    if not source.is_dir():
        raise InputError(str(source), "not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(str(out_dir), "exists and is not a directory") from None
    except OSError as error:
        raise InputError(str(out_dir), f"cannot create output folder: {error.strerror or error}") from None

    started = time.perf_counter()
    try:
        inputs = find_inputs(source)
    except OSError as error:  # pragma: no cover - os.walk reports errors through onerror only
        raise InputError(str(source), error.strerror or str(error)) from None
    jobs = []
    skipped = 0
    for path in inputs:
        relative = path.relative_to(source).as_posix()
        if not in_shard(relative, shard):
            continue
        target = output_path(path, source, out_dir, format)
        if resume and is_up_to_date(path, target):
            skipped += 1
            continue
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        jobs.append(_Job(str(path), str(target), size, relative, format))
    workers = max(1, min(workers, len(jobs)))
    report = BatchReport(files=len(jobs), skipped=skipped, source=source, out_dir=out_dir, workers=workers)
    results = _in_process(jobs, indent) if workers == 1 else _pooled(jobs, workers, indent)

    if not progress:
        _collect(results, report, None)
    else:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = console or Console(stderr=True)
        columns = (
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, disable=not console.is_terminal, transient=False) as bar:
            task = bar.add_task("Parsing", total=len(jobs))

            def advance(result: _Result) -> None:
                bar.advance(task)
                if result.error is not None:
                    from rich.text import Text

                    line = Text(f"aseandocs: error: {result.source}: {result.error}")
                    bar.console.print(line, soft_wrap=True, highlight=False, markup=False)

            _collect(results, report, advance)
    report.seconds = time.perf_counter() - started
    return report


def _collect(results: Iterator[_Result], report: BatchReport, each: Callable[[_Result], Any] | None) -> None:
    try:
        for result in results:
            report.bytes += result.bytes
            if result.error is not None:
                report.failures.append((Path(result.source), result.error))
            if each is not None:
                each(result)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # shuts the pool down at once on an interrupt
    report.failures.sort(key=lambda failure: str(failure[0]))


def summary_table(report: BatchReport) -> Table:
    """The end-of-batch summary: files, converted, failed, bytes, seconds and MB/s."""
    from rich.table import Table

    table = Table(title="aseandocs batch", title_justify="left")
    for name in ("Files", "Converted", "Failed", "Bytes", "Seconds", "MB/s"):
        table.add_column(name, justify="right")
    failed = len(report.failures)
    table.add_row(
        f"{report.files}",
        f"{report.converted}",
        f"[red]{failed}[/red]" if failed else "0",
        f"{report.bytes:,}",
        f"{report.seconds:.2f}",
        f"{report.mb_per_s:.3g}",
    )
    return table

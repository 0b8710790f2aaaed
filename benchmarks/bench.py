#!/usr/bin/env python
"""Throughput, scaling, memory and pathological-input benchmark for aseandocs.

Run from the repository root::

    python benchmarks/bench.py                 # full run (1 to 3 minutes on 2 CPUs, see below)
    python benchmarks/bench.py --quick         # tiny inputs, a few seconds (used by the tests)
    python benchmarks/bench.py --json out.json # also write every figure as JSON
    python benchmarks/bench.py --sizes 1,10    # the two input sizes in MB (default 1,10)
    python benchmarks/bench.py --profile       # also cProfile parse() of the small long document

Inputs (built from ``corpus/*.txt`` and ``corpus/*.md``; OUTLINES.md, README.md, *.json
and SOURCES.tsv are ignored), each at the two sizes (about 1 MB and about 10 MB):

* **long**: one long document, the corpus texts concatenated (one blank line between
  them) until the size is reached;
* **small docs**: many small documents, the corpus files repeated until the size is
  reached, each parsed (rendered, dumped, loaded) one by one.

Sizes are UTF-8 bytes and 1 MB = 1,000,000 bytes; MB/s is UTF-8 input bytes (for render:
output bytes, which are the same) per second of wall time (``time.perf_counter``). The
same runs are also timed in CPU time (``time.process_time``): the "parse (cpu)" column
is the figure to compare when the machine is shared (the load average is printed, with
a warning when it exceeds half the CPU count). Targets are judged on wall time.

What is measured, and how often:

* parse (text -> validated Document), render, JSON dump (``model_dump_json``) and JSON
  load (``Document.model_validate_json``): one warm-up run, then the median of
  ``--repeats`` runs (default 5) for every input, 10 MB inputs included (``gc.collect()``
  before each run; the collector stays enabled, as in real use);
* the floor: ``str.splitlines(keepends=True)`` plus one ``match`` per line of a single
  compiled alternation of the line shapes the grammar knows (blank, numbered, roman,
  lettered, bullet, heading, other) and a count per shape; same repeats; reported with
  the time ratio parse / floor;
* growth: median parse time of the large input / that of the small one (about 10 is
  linear; the byte ratio of the two inputs is shown beside it);
* peak memory: ``tracemalloc`` peak during one parse of the large long document (the
  input string is allocated before tracing starts, so it is not counted; the returned
  tree is). Shown as MB of peak per MB of input, which is the same number as the
  multiple peak bytes / input bytes (an ASCII ``str`` costs about 1 byte per character,
  so the multiple also compares with the input as held in memory);
* batch: the large small-docs corpus written to a temporary directory and run through
  ``aseandocs.batch.run_batch(..., workers=1 and 2, progress=False)``, the median of three
  runs each (into a fresh output folder every time; once with ``--quick``); wall-clock
  MB/s (pool start-up included) and the MB/s of the returned report. If the module is
  missing or broken the table says "batch: unavailable";
* pathological inputs, each in a forked child process with a time limit
  (``--case-timeout``, default 180 s) so a blow-up is reported instead of hanging the run:
  5 MB on one line, 200,000 blank lines, 100,000 lines of "1.", 50,000 roman headings
  ("I. Heading" .. "C. Heading", cycling), numbering nested 10,000 deep ("1.", "1.1",
  "1.1.1", ... one label per line: that is about 100 MB, since line k holds k labels),
  1 MB (UTF-8; 500,000 characters) of no-break spaces on one line, 5 MB of unbalanced
  bold ("**a " repeated), and one case beyond the brief: 1,500 blank-separated
  paragraphs shaped like PDF footnotes ("12 apples and pears"), which exposed a
  quadratic scan in the page-furniture pass (10 s for 5,000 paragraphs, 170 s for 20,000).
  Each is parsed (median of up to 3 runs while they take under 2 s in total, else once),
  checked with ``render(parse(x)) == x``, and parsed once more under ``tracemalloc``
  for the peak. Linearity: every case except the nesting one is also timed at half the
  size (t(full) / t(half): about 2 is linear). The nesting case is timed at half its
  bytes (depth / sqrt 2) only with ``--nest-half``, to keep the run short.

Run time: 1 to 3 minutes on a shared 2-CPU machine, by its speed: the main measurements
(the 10 MB parses dominate: 2 x 6 runs of 10 MB), then the pathological cases, whose cost
is the parser's own: each is bounded by ``--case-timeout``. The untraced run gives the
time; a second, traced run gives the peak (tracemalloc slows allocation-heavy cases such
as 100,000 "1." lines severalfold, so that run is the longest part of those cases).

``--quick`` shrinks everything (20 kB / 200 kB inputs, 3 repeats without the
gc.collect(), pathological inputs at 1/2000 of their size) so the whole run takes a few
seconds; its figures are not meaningful, it only proves that every measurement runs.

Exit status: 0, or 1 if a round-trip check failed or a pathological case gave no result.

Targets, shown pass/fail beside the figures: parse within 12x the floor, render >= 100 MB/s,
growth <= 11, peak memory <= 10x the input, HTML at least half the speed of the standard
library tokenizer alone on the same input, a 5 MB one-line treaty in under 2 s.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import multiprocessing
import os
import platform
import pstats
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import aseandocs
from aseandocs import Document, htmlblocks, parse, render

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
MB = 1_000_000

TARGET_PARSE_MBS = 10.0
TARGET_RENDER_MBS = 100.0
TARGET_GROWTH = 11.0
TARGET_PEAK_MULTIPLE = 10.0
TARGET_FLOOR_MULTIPLE = 12.0
TARGET_HTML_SHARE = 0.5  # HTML parse speed / the standard library tokenizer's speed alone
TARGET_ONE_LINE_S = 2.0  # a 5 MB one-line treaty


# ---- configuration ------------------------------------------------------------------------


@dataclass
class Config:
    sizes_mb: tuple[float, float] = (1.0, 10.0)
    repeats: int = 5
    patho_scale: float = 1.0
    patho_max_repeats: int = 3
    patho_budget_s: float = 2.0
    case_timeout_s: float = 180.0
    nest_half: bool = False
    batch: bool = True
    batch_workers: tuple[int, ...] = (1, 2)
    batch_repeats: int = 3
    corpus: Path = CORPUS
    quick: bool = False
    collect: bool = True  # gc.collect() before every timed run

    @classmethod
    def quick_config(cls) -> Config:
        return cls(
            sizes_mb=(0.02, 0.2),
            repeats=3,
            patho_scale=0.0005,
            patho_max_repeats=1,
            case_timeout_s=60.0,
            batch_repeats=1,
            quick=True,
            collect=False,
        )


# ---- machine facts -------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "processor\t: ")) and ":" in line:
                value = line.split(":", 1)[1].strip()
                if value and not value.isdigit():
                    return value
    except OSError:
        pass
    return platform.processor() or "unknown"


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every platform
        return None


def machine_facts() -> dict[str, Any]:
    try:
        import lark
        import pydantic

        from aseandocs import layout

        engine = layout.accelerator()
        if engine:
            import lark_cython

            engine = f"{engine} {lark_cython.__version__}"
        versions = {
            "lark": lark.__version__,
            "pydantic": pydantic.VERSION,
            "engine": engine or "pure Python",
        }
    except Exception:  # pragma: no cover - both are dependencies
        versions = {}
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "aseandocs": getattr(aseandocs, "__version__", "?"),
        "loadavg_start": _loadavg(),
        **versions,
    }


# ---- inputs --------------------------------------------------------------------------------


NOT_DOCUMENTS = frozenset({"OUTLINES.md", "README.md"})
"""Files of the corpus folder that describe the corpus rather than being documents."""


def corpus_texts(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(name, text) of every corpus document, read without newline translation."""
    paths = sorted(p for p in [*corpus.glob("*.txt"), *corpus.glob("*.md")] if p.name not in NOT_DOCUMENTS)
    if not paths:
        raise SystemExit(f"no *.txt or *.md documents in {corpus}")
    out = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            out.append((path.name, handle.read()))
    return out


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def build_long(texts: list[tuple[str, str]], target: int) -> str:
    """One document: corpus texts, one blank line between them, until ``target`` bytes."""
    parts: list[str] = []
    size = 0
    i = 0
    while size < target:
        text = texts[i % len(texts)][1]
        if not text.endswith(("\n", "\r")):
            text += "\n"
        piece = text if not parts else "\n" + text
        parts.append(piece)
        size += nbytes(piece)
        i += 1
    return "".join(parts)


def build_small(texts: list[tuple[str, str]], target: int) -> list[tuple[str, str]]:
    """Many documents: the corpus files repeated until ``target`` bytes in all."""
    out: list[tuple[str, str]] = []
    size = 0
    i = 0
    while size < target:
        name, text = texts[i % len(texts)]
        out.append((f"{i:05d}_{name}", text))
        size += nbytes(text)
        i += 1
    return out


# ---- the floor -----------------------------------------------------------------------------

FLOOR_LINE = re.compile(
    r"""
    (?P<blank>[ \t\u00a0\u3000\f\v]*(?:\r\n|\r|\n)?\Z)
    |(?P<numbered>[ \t\u00a0]*(?:\#{1,6}[ \t]*)?[*_]{0,2}(?:\d{1,3}(?:\.\d{1,3})*\\?[.)]?)[*_]{0,2}(?:[ \t\u00a0]|\r|\n|\Z))
    |(?P<roman>[ \t\u00a0]*(?:\#{1,6}[ \t]*)?[*_]{0,2}\(?(?:[IVXLC]{1,7}|[ivxlc]{2,7})\\?[.)][*_]{0,2}(?:[ \t\u00a0]|\r|\n|\Z))
    |(?P<lettered>[ \t\u00a0]*(?:\#{1,6}[ \t]*)?[*_]{0,2}(?:\([a-zA-Z]{1,2}\)|[A-Za-z]\\?[.)])[*_]{0,2}(?:[ \t\u00a0]|\r|\n|\Z))
    |(?P<bullet>[ \t\u00a0]*[-•▪◦‣·+–*][ \t\u00a0])
    |(?P<heading>[ \t]*(?:\#{1,6}|(?:\*\*)?(?:Article|ARTICLE|Section|SECTION|Part|PART|Chapter|CHAPTER|Annex|ANNEX|Preamble|PREAMBLE)\b))
    |(?P<other>)
    """,
    re.VERBOSE,
)
"""One alternation of the line shapes the grammar knows; the first that matches wins."""


def floor_classify(text: str) -> Counter[str]:
    """The cheapest honest pass over a text: split into lines, classify each with one regex."""
    counts: Counter[str] = Counter()
    match = FLOOR_LINE.match
    for line in text.splitlines(keepends=True):
        counts[match(line).lastgroup] += 1  # type: ignore[union-attr]
    return counts


# ---- timing --------------------------------------------------------------------------------


_COLLECT = True


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call (after a gc.collect(); the collector stays enabled)."""
    if _COLLECT:
        gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, time.process_time() - cpu, result


def median_time(fn: Callable[[], Any], repeats: int, warmup: int = 1) -> tuple[float, list[float], float, Any]:
    """Median wall seconds, every run's wall seconds, median CPU seconds, the last result."""
    result = None
    for _ in range(warmup):
        _, _, result = timed(fn)
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu, result = timed(fn)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), walls, statistics.median(cpus), result


def traced_peak(fn: Callable[[], Any]) -> tuple[int, Any]:
    """tracemalloc peak (bytes) of one call; what existed before the call is not counted."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - base, result


def mbs(size: int, seconds: float) -> float:
    return (size / MB) / seconds if seconds > 0 else float("inf")


# ---- main measurements -----------------------------------------------------------------------


def measure_input(label: str, kind: str, payload: str | list[tuple[str, str]], config: Config, log: Callable[[str], None]) -> dict[str, Any]:
    """Parse, render, dump, load and floor on one input; round-trip checks."""
    if isinstance(payload, str):
        texts = [payload]
    else:
        texts = [text for _, text in payload]
    size = sum(nbytes(t) for t in texts)
    lines = sum(t.count("\n") for t in texts)
    row: dict[str, Any] = {"input": label, "kind": kind, "bytes": size, "documents": len(texts), "lines": lines, "ops": {}}

    def record(op: str, fn: Callable[[], Any]) -> Any:
        log(f"  {label}: {op}")
        med, times, cpu, result = median_time(fn, config.repeats)
        row["ops"][op] = {
            "median_s": med,
            "runs_s": times,
            "runs": len(times),
            "mb_per_s": mbs(size, med),
            "cpu_median_s": cpu,
            "cpu_mb_per_s": mbs(size, cpu),
        }
        return result

    docs = record("parse", lambda: [parse(t) for t in texts])
    record("render", lambda: [render(d) for d in docs])
    dumps = record("json_dump", lambda: [d.model_dump_json() for d in docs])
    loaded = record("json_load", lambda: [Document.model_validate_json(s) for s in dumps])
    counts = record("floor", lambda: [floor_classify(t) for t in texts])
    total = Counter()
    for c in counts:
        total.update(c)
    row["floor_shapes"] = dict(total)
    row["json_bytes"] = sum(len(s.encode("utf-8")) for s in dumps)
    row["parse_over_floor"] = row["ops"]["parse"]["median_s"] / row["ops"]["floor"]["median_s"]
    row["nodes"] = sum(len(d.nodes()) for d in docs)
    row["diagnostics"] = sum(len(d.diagnostics) for d in docs)
    row["roundtrip_render"] = all(render(d) == t for d, t in zip(docs, texts))
    row["roundtrip_json"] = all(a == b for a, b in zip(docs, loaded))
    return row


def measure_memory(text: str) -> dict[str, Any]:
    size = nbytes(text)
    peak, doc = traced_peak(lambda: parse(text))
    del doc
    return {
        "input_bytes": size,
        "input_str_bytes": sys.getsizeof(text),
        "peak_bytes": peak,
        "peak_mb_per_input_mb": (peak / MB) / (size / MB),
        "peak_multiple": peak / size,
    }


# ---- batch -------------------------------------------------------------------------------------


def _failure_count(report: Any) -> int:
    failures = getattr(report, "failures", None)
    try:
        return len(failures)  # type: ignore[arg-type]
    except TypeError:
        return int(failures or 0)


def measure_batch(docs: list[tuple[str, str]], config: Config, log: Callable[[str], None]) -> dict[str, Any]:
    try:
        from aseandocs.batch import run_batch  # type: ignore[import-not-found]
    except Exception as error:  # missing, or being edited (SyntaxError...)
        return {"available": False, "reason": f"{type(error).__name__}: {error}", "runs": []}
    size = sum(nbytes(t) for _, t in docs)
    out: dict[str, Any] = {"available": True, "reason": "", "runs": [], "input_bytes": size, "input_files": len(docs)}
    with tempfile.TemporaryDirectory(prefix="aseandocs-bench-") as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        for name, text in docs:
            (source / name).write_bytes(text.encode("utf-8"))
        for workers in config.batch_workers:
            log(f"  batch: {workers} worker(s)")
            run: dict[str, Any] = {"workers": workers}
            timed_runs: list[tuple[float, Any]] = []
            try:
                for repeat in range(config.batch_repeats):
                    out_dir = Path(tmp) / f"out-{workers}-{repeat}"
                    out_dir.mkdir()
                    gc.collect()
                    start = time.perf_counter()
                    report = run_batch(source, out_dir, workers=workers, progress=False)
                    timed_runs.append((time.perf_counter() - start, report))
            except Exception as error:
                run.update(ok=False, error=f"{type(error).__name__}: {error}")
                out["runs"].append(run)
                continue
            timed_runs.sort(key=lambda timed_run: timed_run[0])
            wall, report = timed_runs[len(timed_runs) // 2]
            n_failures = max(_failure_count(each) for _, each in timed_runs)
            try:
                report_mbs = float(report.mb_per_s)
            except Exception:
                report_mbs = None
            run.update(
                ok=True,
                runs_s=[seconds for seconds, _ in timed_runs],
                wall_s=wall,
                wall_mb_per_s=mbs(size, wall),
                report_files=getattr(report, "files", None),
                report_bytes=getattr(report, "bytes", None),
                report_seconds=getattr(report, "seconds", None),
                report_mb_per_s=report_mbs,
                failures=n_failures,
            )
            out["runs"].append(run)
    return out


# ---- pathological inputs -----------------------------------------------------------------------


def _romans(limit: int = 100) -> list[str]:
    table = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for n in range(1, limit + 1):
        s = ""
        for value, char in table:
            while n >= value:
                s += char
                n -= value
        if len(s) <= 7:  # the grammar's roman labels are 1..7 letters
            out.append(s)
    return out


def _n(full: int, fraction: float) -> int:
    """How many repetitions at ``fraction`` of the full size (at least 2, so half is not empty)."""
    return max(2, int(full * fraction))


def _nested(depth: int) -> str:
    return "".join("1." + "\n" if k == 0 else "1" + ".1" * k + "\n" for k in range(depth))


PATHOLOGICAL: dict[str, tuple[str, Callable[[float], str]]] = {
    "one_line_5mb": ("5 MB on one line", lambda f: ("word " * _n(1_000_000, f)) + "\n"),
    "blank_200k": ("200,000 blank lines", lambda f: "\n" * _n(200_000, f)),
    "one_dot_100k": ('100,000 lines of "1."', lambda f: "1.\n" * _n(100_000, f)),
    "roman_50k": ("50,000 roman headings", lambda f: "".join(f"{r}. Heading\n" for r, _ in zip(_cycle(_romans()), range(_n(50_000, f))))),
    "nested_10k": ("numbering nested 10,000 deep", lambda f: _nested(max(2, int(round(10_000 * math.sqrt(f)))))),
    "nbsp_1mb": ("1 MB of no-break spaces", lambda f: "\u00a0" * _n(500_000, f) + "\n"),
    "bold_5mb": ('5 MB of unbalanced "**a "', lambda f: "**a " * _n(1_250_000, f)),
    # Not in the original list: paragraphs shaped like PDF footnotes ("12 text"), which
    # the page-furniture pass once scanned quadratically (see the report in the docstring).
    # Kept small: the traced run of this case is 10-20x slower than the untraced one.
    "footnote_like_1500": ('1,500 paragraphs "12 apples and pears"', lambda f: "12 apples and pears\n\n" * _n(1_500, f)),
    # The readers of HTML and of run-on text: deep elements closed by tags of another kind,
    # and one line of items, recitals and articles, each read by its sequence.
    "html_deep_40k": ("HTML 40,000 elements deep, unmatched end tags", lambda f: "<div>" * _n(40_000, f) + "</p>" * _n(40_000, f)),
    "run_on_items_1mb": ("a 1 MB one-line treaty of items", lambda f: "the parties have agreed as follows: ARTICLE 1 text " + "(a) x; " * _n(150_000, f) + "\n"),
}
"""name -> (description, generator of the input at a fraction f of its full byte size)."""


def _cycle(items: list[str]):  # type: ignore[no-untyped-def]
    while True:
        yield from items


def _time_budgeted(fn: Callable[[], Any], max_repeats: int, budget: float) -> tuple[float, list[float], float, Any]:
    times: list[float] = []
    cpus: list[float] = []
    result = None
    spent = 0.0
    while len(times) < max_repeats and (not times or spent < budget):
        elapsed, cpu, result = timed(fn)
        times.append(elapsed)
        cpus.append(cpu)
        spent += elapsed
    return statistics.median(times), times, statistics.median(cpus), result


def run_case(name: str, scale: float, max_repeats: int, budget: float, half: bool) -> dict[str, Any]:
    """One pathological case; runs in a child process."""
    _, generate = PATHOLOGICAL[name]
    text = generate(scale)
    size = nbytes(text)
    med, times, cpu, doc = _time_budgeted(lambda: parse(text), max_repeats, budget)
    ok = render(doc) == text
    nodes = len(doc.nodes())
    diagnostics = len(doc.diagnostics)
    del doc
    peak, doc = traced_peak(lambda: parse(text))
    del doc
    out: dict[str, Any] = {
        "bytes": size,
        "lines": text.count("\n"),
        "median_s": med,
        "runs_s": times,
        "mb_per_s": mbs(size, med),
        "cpu_median_s": cpu,
        "peak_bytes": peak,
        "peak_multiple": peak / size if size else None,
        "roundtrip": ok,
        "nodes": nodes,
        "diagnostics": diagnostics,
    }
    if half:
        text_half = generate(scale / 2)
        med_half, times_half, cpu_half, _ = _time_budgeted(lambda: parse(text_half), max_repeats, budget)
        norm = 2 * nbytes(text_half) / size  # time ratio full / half, normalised to an exact byte ratio of 2
        out.update(
            half_bytes=nbytes(text_half),
            half_median_s=med_half,
            half_runs_s=times_half,
            half_cpu_median_s=cpu_half,
            linearity=(med / med_half) * norm if med_half > 0 else None,
            linearity_cpu=(cpu / cpu_half) * norm if cpu_half > 0 else None,
        )
    return out


def _case_child(conn, name, scale, max_repeats, budget, half, collect=True):  # type: ignore[no-untyped-def]
    global _COLLECT
    _COLLECT = collect
    try:
        conn.send(("ok", run_case(name, scale, max_repeats, budget, half)))
    except BaseException as error:  # report anything, even MemoryError
        conn.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def measure_pathological(config: Config, log: Callable[[str], None]) -> list[dict[str, Any]]:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    rows = []
    for name, (description, _) in PATHOLOGICAL.items():
        half = name != "nested_10k" or config.nest_half
        log(f"  pathological: {description}")
        row: dict[str, Any] = {"case": name, "description": description}
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=_case_child,
            args=(sender, name, config.patho_scale, config.patho_max_repeats, config.patho_budget_s, half, config.collect),
            daemon=True,
        )
        start = time.perf_counter()
        process.start()
        sender.close()
        status, payload = "timeout", f"no result within {config.case_timeout_s:.0f} s"
        if receiver.poll(config.case_timeout_s):
            try:
                status, payload = receiver.recv()
            except EOFError:
                status, payload = "error", "child exited without a result"
        process.join(5)
        if process.is_alive():
            process.terminate()  # only the child started just above
            process.join(5)
        if status == "ok":
            row.update(payload)
            row["status"] = "ok"
        else:
            row.update(status=status, error=payload, wall_s=time.perf_counter() - start)
        rows.append(row)
    return rows


# ---- the whole run -------------------------------------------------------------------------------


def _forms_texts(corpus: Path) -> tuple[list[str], list[str]]:
    """The corpus's HTML and XML documents, and its documents kept on one long line."""
    html_texts: list[str] = []
    one_line: list[str] = []
    for folder in (corpus, corpus / "check"):
        for path in sorted(folder.glob("*")):
            if path.suffix not in (".txt", ".md", ".html", ".xml") or path.name in NOT_DOCUMENTS:
                continue
            with open(path, encoding="utf-8", newline="") as handle:
                text = handle.read()
            if htmlblocks.looks_like_html(text):
                html_texts.append(text)
            elif max(map(len, text.split("\n"))) > 5000:
                one_line.append(text.lstrip("\ufeff").replace("\r", " ").replace("\n", " "))
    return html_texts, one_line


def measure_forms(config: Config, log: Callable[[str], None]) -> dict[str, Any]:
    """HTML against the standard library's tokenizer alone, and a one-line treaty."""
    from html.parser import HTMLParser

    html_texts, one_line = _forms_texts(config.corpus)
    out: dict[str, Any] = {}
    size = int(config.sizes_mb[0] * MB)
    if html_texts:
        log("forms: HTML")
        html = ""
        while nbytes(html) < size:
            html += "".join(html_texts)
        tokenize = median_time(lambda: HTMLParser().feed(html), config.repeats)[0]
        parsed = median_time(lambda: parse(html, input="html"), config.repeats)[0]
        out["html"] = {
            "bytes": nbytes(html),
            "parse_mb_per_s": mbs(nbytes(html), parsed),
            "tokenizer_mb_per_s": mbs(nbytes(html), tokenize),
            "share": tokenize / parsed,
        }
    if one_line:
        log("forms: one-line treaty")
        target = 5 * MB if not config.quick else 50_000
        line = " ".join(one_line)
        while nbytes(line) < target:
            line += " " + line
        text = line[: target] + "\n"
        seconds = median_time(lambda: parse(text), min(config.repeats, 3))[0]
        out["one_line"] = {"bytes": nbytes(text), "seconds": seconds, "mb_per_s": mbs(nbytes(text), seconds)}
    return out


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for row in report["inputs"]:
        ops = row["ops"]
        floor_multiple = ops["floor"]["mb_per_s"] / ops["parse"]["mb_per_s"]
        out.append({"target": f"parse within {TARGET_FLOOR_MULTIPLE:g}x the floor", "input": row["input"], "value": floor_multiple, "pass": floor_multiple <= TARGET_FLOOR_MULTIPLE})
        out.append({"target": f"parse >= {TARGET_PARSE_MBS:g} MB/s", "input": row["input"], "value": ops["parse"]["mb_per_s"], "pass": ops["parse"]["mb_per_s"] >= TARGET_PARSE_MBS})
        out.append({"target": f"render >= {TARGET_RENDER_MBS:g} MB/s", "input": row["input"], "value": ops["render"]["mb_per_s"], "pass": ops["render"]["mb_per_s"] >= TARGET_RENDER_MBS})
    for kind, growth in report["growth"].items():
        out.append({"target": f"growth <= {TARGET_GROWTH:g}", "input": kind, "value": growth["ratio"], "pass": growth["ratio"] <= TARGET_GROWTH})
    memory = report["memory"]
    out.append({"target": f"peak memory <= {TARGET_PEAK_MULTIPLE:g}x input", "input": memory["input"], "value": memory["peak_multiple"], "pass": memory["peak_multiple"] <= TARGET_PEAK_MULTIPLE})
    forms = report.get("forms", {})
    if "html" in forms:
        out.append({"target": f"HTML >= {TARGET_HTML_SHARE:g}x the tokenizer alone", "input": "html", "value": forms["html"]["share"], "pass": forms["html"]["share"] >= TARGET_HTML_SHARE})
    if "one_line" in forms and forms["one_line"]["bytes"] >= 5 * MB:
        out.append({"target": f"5 MB one-line treaty < {TARGET_ONE_LINE_S:g} s", "input": "one line", "value": forms["one_line"]["seconds"], "pass": forms["one_line"]["seconds"] < TARGET_ONE_LINE_S})
    return out


def run(config: Config, log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    global _COLLECT
    _COLLECT = config.collect
    started = time.perf_counter()
    texts = corpus_texts(config.corpus)
    small_mb, large_mb = config.sizes_mb
    report: dict[str, Any] = {
        "machine": machine_facts(),
        "config": {**asdict(config), "corpus": str(config.corpus)},
        "corpus": {"documents": len(texts), "bytes": sum(nbytes(t) for _, t in texts)},
    }
    # Warm-up: build the Lark parser (done once per process) outside every measurement.
    build_start = time.perf_counter()
    parse("I. Scope\n\n1. Strengthen cooperation.\n")
    report["parser_build_s"] = time.perf_counter() - build_start

    inputs = {
        ("long", small_mb): build_long(texts, int(small_mb * MB)),
        ("long", large_mb): build_long(texts, int(large_mb * MB)),
        ("small docs", small_mb): build_small(texts, int(small_mb * MB)),
        ("small docs", large_mb): build_small(texts, int(large_mb * MB)),
    }
    rows = []
    for (kind, size_mb), payload in inputs.items():
        label = f"{kind} {size_mb:g} MB"
        log(f"input {label}")
        rows.append(measure_input(label, kind, payload, config, log))
    report["inputs"] = rows

    growth = {}
    for kind in ("long", "small docs"):
        small = next(r for r in rows if r["kind"] == kind and r["input"].endswith(f" {small_mb:g} MB"))
        large = next(r for r in rows if r["kind"] == kind and r["input"].endswith(f" {large_mb:g} MB"))
        growth[kind] = {
            "small_s": small["ops"]["parse"]["median_s"],
            "large_s": large["ops"]["parse"]["median_s"],
            "ratio": large["ops"]["parse"]["median_s"] / small["ops"]["parse"]["median_s"],
            "byte_ratio": large["bytes"] / small["bytes"],
        }
    report["growth"] = growth

    log("memory: tracemalloc peak of parse, large long document")
    long_large = inputs[("long", large_mb)]
    assert isinstance(long_large, str)
    report["memory"] = {"input": f"long {large_mb:g} MB", **measure_memory(long_large)}

    if config.batch:
        log("batch")
        small_docs = inputs[("small docs", large_mb)]
        assert isinstance(small_docs, list)
        report["batch"] = measure_batch(small_docs, config, log)
    else:
        report["batch"] = {"available": False, "reason": "skipped (--no-batch)", "runs": []}
    del inputs

    report["forms"] = measure_forms(config, log)
    log("pathological inputs")
    report["pathological"] = measure_pathological(config, log)
    report["targets"] = targets(report)
    report["roundtrip_ok"] = all(r["roundtrip_render"] and r["roundtrip_json"] for r in rows) and all(
        p.get("roundtrip") is True for p in report["pathological"] if p["status"] == "ok"
    )
    report["cases_ok"] = all(p["status"] == "ok" for p in report["pathological"])
    report["machine"]["loadavg_end"] = _loadavg()
    report["total_s"] = time.perf_counter() - started
    return report


# ---- profile -----------------------------------------------------------------------------------


def profile_parse(config: Config, top: int = 30) -> str:
    texts = corpus_texts(config.corpus)
    text = build_long(texts, int(config.sizes_mb[0] * MB))
    parse(text)  # warm-up
    profiler = cProfile.Profile()
    profiler.enable()
    parse(text)
    profiler.disable()
    out = io.StringIO()
    out.write(f"cProfile of parse() on the long document, {nbytes(text):,} bytes\n")
    for key in ("cumulative", "tottime"):
        out.write(f"\n==== top {top} by {key} ====\n")
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(top)
    return out.getvalue()


# ---- output -------------------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    if ok is None:
        return "[dim]n/a[/]"
    return "[green]PASS[/]" if ok else "[red]FAIL[/]"


def _fmt_bytes(n: float) -> str:
    return f"{n / MB:,.2f} MB" if n >= 10_000 else f"{n:,.0f} B"


def print_report(report: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    m = report["machine"]
    console.print(
        f"[bold]aseandocs benchmark[/]  Python {m['python']} ({m['implementation']}) | {m['platform']} | "
        f"{m['cpu_count']} CPUs | {m['cpu_model']} | lark {m.get('lark', '?')} ({m.get('engine', '?')}) | pydantic {m.get('pydantic', '?')}"
    )
    cfg = report["config"]
    load = m.get("loadavg_start")
    if load:
        busy = load[0] > 0.5 * (m["cpu_count"] or 1)
        console.print(
            f"load average at start {load[0]:.2f}, at end {(m.get('loadavg_end') or [0])[0]:.2f}"
            + (" [yellow]- the machine was busy: wall-clock figures are inflated, compare the cpu column[/]" if busy else "")
        )
    console.print(
        f"corpus: {report['corpus']['documents']} documents, {_fmt_bytes(report['corpus']['bytes'])}; "
        f"median of {cfg['repeats']} runs after 1 warm-up; parser build {report['parser_build_s'] * 1000:.0f} ms"
        + ("; [yellow]--quick: figures not meaningful[/]" if cfg.get("quick") else "")
    )

    table = Table(title="Throughput (MB/s, median)", title_justify="left")
    for col in ("input", "size", "docs", "parse", f">={TARGET_PARSE_MBS:g}", "parse (cpu)", "render", f">={TARGET_RENDER_MBS:g}", "json dump", "json load", "floor", "parse/floor", "round-trip"):
        table.add_column(col, justify="left" if col in ("input",) or col.startswith(">=") else "right")
    for row in report["inputs"]:
        ops = row["ops"]
        p, r = ops["parse"]["mb_per_s"], ops["render"]["mb_per_s"]
        table.add_row(
            row["input"],
            _fmt_bytes(row["bytes"]),
            f"{row['documents']:,}",
            f"{p:,.2f}",
            _mark(p >= TARGET_PARSE_MBS),
            f"{ops['parse']['cpu_mb_per_s']:,.2f}",
            f"{r:,.1f}",
            _mark(r >= TARGET_RENDER_MBS),
            f"{ops['json_dump']['mb_per_s']:,.1f}",
            f"{ops['json_load']['mb_per_s']:,.1f}",
            f"{ops['floor']['mb_per_s']:,.1f}",
            f"{row['parse_over_floor']:,.1f}x",
            _mark(row["roundtrip_render"] and row["roundtrip_json"]),
        )
    console.print(table)

    table = Table(title="Scaling and memory", title_justify="left")
    for col in ("figure", "value", "detail", "target"):
        table.add_column(col)
    for kind, g in report["growth"].items():
        table.add_row(
            f"growth, {kind} (t large / t small)",
            f"{g['ratio']:.2f}",
            f"{g['small_s']:.3f} s -> {g['large_s']:.3f} s; byte ratio {g['byte_ratio']:.2f}",
            f"<= {TARGET_GROWTH:g} {_mark(g['ratio'] <= TARGET_GROWTH)}",
        )
    mem = report["memory"]
    table.add_row(
        f"peak memory, parse of {mem['input']}",
        f"{mem['peak_mb_per_input_mb']:.1f} MB per input MB",
        f"peak {_fmt_bytes(mem['peak_bytes'])} = {mem['peak_multiple']:.1f}x input bytes ({_fmt_bytes(mem['input_bytes'])}; str object {_fmt_bytes(mem['input_str_bytes'])})",
        f"<= {TARGET_PEAK_MULTIPLE:g}x {_mark(mem['peak_multiple'] <= TARGET_PEAK_MULTIPLE)}",
    )
    console.print(table)

    batch = report["batch"]
    if not batch["available"]:
        console.print(f"[bold]batch:[/] unavailable ({batch['reason']})")
    else:
        repeats = report["config"]["batch_repeats"]
        table = Table(
            title=f"Batch (run_batch, {batch['input_files']:,} files, {_fmt_bytes(batch['input_bytes'])}; median of {repeats} run{'s' if repeats > 1 else ''})",
            title_justify="left",
        )
        for col in ("workers", "wall s", "MB/s (wall)", "MB/s (report)", "files", "failures"):
            table.add_column(col, justify="right")
        for run_ in batch["runs"]:
            if not run_.get("ok"):
                table.add_row(str(run_["workers"]), "[red]error[/]", run_.get("error", ""), "", "", "")
                continue
            rep = run_["report_mb_per_s"]
            table.add_row(
                str(run_["workers"]),
                f"{run_['wall_s']:.2f}",
                f"{run_['wall_mb_per_s']:.2f}",
                "?" if rep is None else f"{rep:.2f}",
                str(run_["report_files"]),
                str(run_["failures"]),
            )
        console.print(table)

    forms = report.get("forms", {})
    if forms:
        table = Table(title="Input forms", title_justify="left")
        for col in ("form", "size", "parse", "detail"):
            table.add_column(col)
        if "html" in forms:
            f = forms["html"]
            table.add_row("HTML / XML (corpus, repeated)", _fmt_bytes(f["bytes"]), f"{f['parse_mb_per_s']:.2f} MB/s", f"html.parser alone {f['tokenizer_mb_per_s']:.2f} MB/s; share {f['share']:.2f}")
        if "one_line" in forms:
            f = forms["one_line"]
            table.add_row("one-line treaty (corpus, repeated)", _fmt_bytes(f["bytes"]), f"{f['seconds']:.3f} s", f"{f['mb_per_s']:.2f} MB/s")
        console.print(table)

    table = Table(title="Pathological inputs (parse)", title_justify="left")
    for col in ("case", "size", "lines", "runs", "time s", "MB/s", "cpu s", "peak", "peak/input", "t(full)/t(half) wall, cpu", "round-trip"):
        table.add_column(col, justify="left" if col == "case" else "right")
    for row in report["pathological"]:
        if row["status"] != "ok":
            table.add_row(row["description"], "", "", "", f"[red]{row['status']}[/]", row.get("error", ""), "", "", "", "", _mark(False))
            continue
        lin, lin_cpu = row.get("linearity"), row.get("linearity_cpu")
        table.add_row(
            row["description"],
            _fmt_bytes(row["bytes"]),
            f"{row['lines']:,}",
            str(len(row["runs_s"])),
            f"{row['median_s']:.3f}",
            f"{row['mb_per_s']:,.2f}",
            f"{row['cpu_median_s']:.3f}",
            _fmt_bytes(row["peak_bytes"]),
            f"{row['peak_multiple']:.1f}x" if row["peak_multiple"] is not None else "",
            "-" if lin is None else f"{lin:.2f}, {lin_cpu:.2f}" if lin_cpu is not None else f"{lin:.2f}",
            _mark(row["roundtrip"]),
        )
    console.print(table)

    passed = sum(t["pass"] for t in report["targets"])
    failed_cases = [p["case"] for p in report["pathological"] if p["status"] != "ok"]
    console.print(
        f"targets: {passed}/{len(report['targets'])} pass; round-trips: {_mark(report['roundtrip_ok'])}; "
        + (f"[red]cases without a result: {', '.join(failed_cases)}[/]; " if failed_cases else "")
        + f"total {report['total_s']:.1f} s"
    )


# ---- command line ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny inputs, a few seconds; proves every measurement runs")
    ap.add_argument("--json", metavar="FILE", type=Path, help="also write every figure as JSON")
    ap.add_argument("--sizes", metavar="SMALL,LARGE", help="the two input sizes in MB (default 1,10; --quick 0.02,0.2)")
    ap.add_argument("--repeats", type=int, help="timed runs per measurement after the warm-up (default 5; --quick 3)")
    ap.add_argument("--patho-scale", type=float, help="fraction of the pathological input sizes (default 1)")
    ap.add_argument("--case-timeout", type=float, help="seconds allowed per pathological case (default 180)")
    ap.add_argument("--nest-half", action="store_true", help="also time the nesting case at half its bytes")
    ap.add_argument("--no-batch", action="store_true", help="skip the batch measurement")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="directory of *.txt / *.md documents")
    ap.add_argument("--profile", action="store_true", help="also cProfile parse() of the small long document")
    ap.add_argument("--profile-only", action="store_true", help="only the profile")
    return ap.parse_args(argv)


def config_from_args(args: argparse.Namespace) -> Config:
    config = Config.quick_config() if args.quick else Config()
    if args.sizes:
        small, large = (float(x) for x in args.sizes.split(","))
        config.sizes_mb = (small, large)
    if args.repeats:
        config.repeats = args.repeats
    if args.patho_scale:
        config.patho_scale = args.patho_scale
    if args.case_timeout:
        config.case_timeout_s = args.case_timeout
    config.nest_half = args.nest_half
    config.batch = not args.no_batch
    config.corpus = args.corpus
    return config


def main(argv: list[str] | None = None, console: Any = None) -> int:
    from rich.console import Console

    args = parse_args(argv)
    config = config_from_args(args)
    if console is None:
        console = Console() if sys.stdout.isatty() else Console(width=200)
    if args.profile_only:
        console.print(profile_parse(config), markup=False, highlight=False)
        return 0
    if args.quick:
        log: Callable[[str], None] = lambda _: None
    else:
        log = lambda msg: console.print(f"[dim]{time.strftime('%H:%M:%S')} {msg}[/]", highlight=False)  # noqa: E731
    report = run(config, log)
    print_report(report, console)
    if args.profile:
        console.print(profile_parse(config), markup=False, highlight=False)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        console.print(f"figures written to {args.json}")
    return 0 if report["roundtrip_ok"] and report["cases_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

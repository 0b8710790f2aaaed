#!/usr/bin/env python
"""The structural diff's cost beyond parsing, and how it grows with the documents' size.

Run from the repository root::

    python -m benchmarks.diff            # about half a minute
    python -m benchmarks.diff --quick    # a small pair only

The old document is a declaration of numbered paragraphs drawn from the corpus's own
sentences (its clean texts, each at least eight words), grown to about 1 MB (and to a
tenth of that, for growth), in chapters of :data:`CHAPTER` paragraphs each numbered
from 1 (as long texts are: a paragraph number past 999 would not be read as a label);
the new one has 10% of its paragraphs changed: a third of those edited (a word
replaced), a third deleted, and a third inserted before, so every later paragraph of
the chapter is renumbered. Times are the median of three runs of ``aseandocs.diff``
on the parsed pair (parsing is timed apart, for scale).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import aseandocs
from aseandocs import addresses
from aseandocs.comparison import diff

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CHAPTER = 250


def sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".md"):
            for record in aseandocs.feed(aseandocs.parse(path.read_bytes().decode("utf-8"))):
                text = record["text"]
                if text and len(text.split()) >= 8:
                    out.append(text)
    return out


def pair(pool: list[str], size: int, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    old: list[str] = []
    total = 0
    while total < size:
        text = f"{rng.choice(pool)} ({len(old) + 1})"  # unique, as the paragraphs of one text are
        old.append(text)
        total += len(text) + 8
    new: list[str] = []
    for index, text in enumerate(old):
        roll = index % 30
        if roll == 3:
            words = text.split()
            words[len(words) // 2] = "altered"
            new.append(" ".join(words))
        elif roll == 13:
            continue
        elif roll == 23:
            new.extend([f"Newly inserted paragraph number {index} on a subject of its own.", text])
        else:
            new.append(text)

    def render(paragraphs: list[str]) -> str:
        # The chapters are cut at the same old paragraphs on both sides, so that an
        # insertion or a deletion stays in its chapter.
        out = ["HEREBY DECLARE:"]
        for number, chapter in enumerate(chapters(paragraphs), start=1):
            out.append(f"CHAPTER {number}\nPROVISIONS OF PART {number}")
            out.extend(f"{i}. {t}" for i, t in enumerate(chapter, start=1))
        return "\n\n".join(out) + "\n"

    cut = {old[i] for i in range(0, len(old), CHAPTER)}

    def chapters(paragraphs: list[str]) -> list[list[str]]:
        runs: list[list[str]] = []
        for text in paragraphs:
            if not runs or text in cut:
                runs.append([])
            runs[-1].append(text)
        return runs

    return render(old), render(new)


def measure(pool: list[str], size: int) -> dict[str, float]:
    old_text, new_text = pair(pool, size)
    started = time.perf_counter()
    old, new = aseandocs.parse(old_text), aseandocs.parse(new_text)
    parse_s = time.perf_counter() - started
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = diff(old, new)
        times.append(time.perf_counter() - started)
    kinds: dict[str, int] = {}
    for change in result.changes:
        kinds[change.change] = kinds.get(change.change, 0) + 1
    paragraphs = sum(1 for place in addresses.places(old) if place.node.kind not in ("section", "formula"))
    return {"bytes": len(old_text.encode()), "paragraphs": paragraphs, "parse_s": parse_s, "diff_s": statistics.median(times), "capped": result.capped, **kinds}  # type: ignore[dict-item]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    pool = sentences()
    sizes = [100_000] if args.quick else [100_000, 1_000_000]
    rows = [measure(pool, size) for size in sizes]
    print(f"{'bytes':>10} {'paragraphs':>10} {'parse both':>10} {'diff':>8}  changes")
    for row in rows:
        kinds = ", ".join(f"{k} {int(row[k])}" for k in ("inserted", "deleted", "modified", "renumbered", "moved") if k in row)
        print(f"{int(row['bytes']):>10,} {int(row['paragraphs']):>10,} {row['parse_s']:>9.2f}s {row['diff_s']:>7.3f}s  {kinds}{' (capped)' if row['capped'] else ''}")
    if len(rows) == 2:
        print(f"growth of diff time for {rows[1]['bytes'] / rows[0]['bytes']:.1f}x the size: {rows[1]['diff_s'] / rows[0]['diff_s']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Corpus report: every annotated document against its expected outline, split by set.

Run from the repository root::

    python -m benchmarks.corpus            # the table of misses and the sums per set
    python -m benchmarks.corpus --all      # every document, right or not
    python -m benchmarks.corpus --set tune # one set only
    python -m benchmarks.corpus --json out.json
    python -m benchmarks.corpus --write-known-misses tests/known_misses.py

Sets: ``founding`` (the three founding documents), ``original`` (the first corpus),
``tune`` (documents added later, which the parser is developed on) and ``check``
(``corpus/check/``: annotated like the others, never looked at while the parser changes;
its score is the honest one). Per document: fully right (counts, closing and node paths
all equal), outline F1 over the multiset of node paths, and whether the preambular count,
the operative count and the closing are right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aseandocs
from aseandocs.outline import summary

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".xml")
NOT_DOCUMENTS = ("OUTLINES.md", "README.md")
_FOUNDING = re.compile(r"^\d{3}_[0-9a-f]{16}\.")
SETS = ("founding", "original", "tune", "check")


def documents() -> list[tuple[Path, str]]:
    """Every annotated document of the corpus with the set it belongs to, in name order."""
    out: list[tuple[Path, str]] = []
    for folder, checked in ((CORPUS, False), (CORPUS / "check", True)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in SUFFIXES or path.name in NOT_DOCUMENTS or not path.with_suffix(".outline.json").is_file():
                continue
            if checked:
                kind = "check"
            elif _FOUNDING.match(path.name):
                kind = "founding"
            elif int(path.name[:3]) < 100:
                kind = "original"
            else:
                kind = "tune"
            out.append((path, kind))
    return out


def expected(path: Path) -> dict[str, Any]:
    """The hand-written outline of a document (``NAME.outline.json`` beside it)."""
    return json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def outline_f1(found: list[str], wanted: list[str]) -> float:
    """F1 over the multisets of node paths (1.0 where both are empty)."""
    if not found and not wanted:
        return 1.0
    common = sum((Counter(found) & Counter(wanted)).values())
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(wanted)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Score:
    name: str
    set: str
    right: bool
    f1: float
    preambular: tuple[int, int]
    operative: tuple[int, int]
    closing: tuple[bool, bool]
    nodes: tuple[int, int]
    seconds: float
    title: bool | None = None  # None: not annotated
    doc_type: bool | None = None

    @property
    def misses(self) -> str:
        out = []
        for key in ("preambular", "operative", "closing"):
            found, wanted = getattr(self, key)
            if found != wanted:
                out.append(f"{key} {found} (want {wanted})")
        if self.f1 < 1.0:
            out.append(f"nodes F1 {self.f1:.3f} ({self.nodes[0]} found, {self.nodes[1]} wanted)")
        return "; ".join(out)


def score(path: Path, kind: str) -> Score:
    want = expected(path)
    text = path.read_bytes().decode("utf-8")
    start = time.perf_counter()
    document = aseandocs.parse(text, language=want.get("language", "en"))
    seconds = time.perf_counter() - start
    got = summary(document)
    nodes_f1 = outline_f1(got["nodes"], want["nodes"])
    right = all(got[key] == want[key] for key in ("preambular", "operative", "closing", "nodes"))
    title_right = None
    if "title" in want:
        title_right = _same_title(document.printed_title, want["title"])
    type_right = None
    if "doc_type" in want:
        type_right = document.doc_type == want["doc_type"]
    return Score(
        name=path.name,
        set=kind,
        right=right,
        f1=nodes_f1,
        preambular=(got["preambular"], want["preambular"]),
        operative=(got["operative"], want["operative"]),
        closing=(got["closing"], want["closing"]),
        nodes=(len(got["nodes"]), len(want["nodes"])),
        seconds=seconds,
        title=title_right,
        doc_type=type_right,
    )


def _same_title(found: str | None, wanted: str | None) -> bool:
    def norm(text: str | None) -> str:
        return " ".join((text or "").replace("’", "'").casefold().split()).strip(" .:")

    return norm(found) == norm(wanted)


def sums(scores: list[Score]) -> dict[str, Any]:
    """Fully right, mean F1 and per-field accuracy of a list of scores."""
    n = len(scores)
    if not n:
        return {"documents": 0}
    titled = [s.title for s in scores if s.title is not None]
    typed = [s.doc_type for s in scores if s.doc_type is not None]
    return {
        "documents": n,
        "title": sum(titled) / len(titled) if titled else None,
        "doc_type": sum(typed) / len(typed) if typed else None,
        "fully_right": sum(s.right for s in scores),
        "mean_f1": sum(s.f1 for s in scores) / n,
        "preambular": sum(s.preambular[0] == s.preambular[1] for s in scores) / n,
        "operative": sum(s.operative[0] == s.operative[1] for s in scores) / n,
        "closing": sum(s.closing[0] == s.closing[1] for s in scores) / n,
    }


KNOWN_MISSES_HEADER = '''"""Corpus documents the parser does not yet read fully right, with what differs.

tests/test_outlines.py runs each as a strict expected failure: a document that becomes
right fails the suite until it leaves this list. The list is written from the corpus
report (python -m benchmarks.corpus) after a parser change; the outlines themselves are
never edited to match the parser.
"""
'''


def known_misses_source(scored: list[tuple[Path, Score]]) -> str:
    """tests/known_misses.py for these scores: every document not fully right, by its path under
    corpus/ (``check/NAME`` for the check set, as tests/test_outlines.py names them), sorted."""
    misses = sorted((path.relative_to(CORPUS).as_posix(), s.misses) for path, s in scored if not s.right)
    lines = [KNOWN_MISSES_HEADER, "KNOWN_MISSES: dict[str, str] = {"]
    lines += [f"    {name!r}: {what!r}," for name, what in misses]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--all", action="store_true", help="list every document, not only the misses")
    parser.add_argument("--set", choices=SETS, help="score one set only")
    parser.add_argument(
        "--show-check",
        action="store_true",
        help="also list the check set's documents (by default it is reported in totals only, "
        "so that working on the parser never shows which check documents miss)",
    )
    parser.add_argument("--json", type=Path, help="also write every score as JSON")
    parser.add_argument(
        "--write-known-misses",
        type=Path,
        metavar="PATH",
        help="also write the misses of every set as tests/known_misses.py (not with --set)",
    )
    args = parser.parse_args(argv)
    if args.write_known_misses and args.set:
        parser.error("--write-known-misses scores every set; leave out --set")
    from rich.console import Console
    from rich.table import Table

    chosen = [(p, k) for p, k in documents() if args.set in (None, k)]
    scores = [score(p, k) for p, k in chosen]
    console = Console()
    table = Table(title="documents" if args.all else "misses")
    for column in ("set", "document", "F1", "what differs"):
        table.add_column(column)
    for s in scores:
        if s.set == "check" and not args.show_check:
            continue
        if args.all or not s.right:
            table.add_row(s.set, s.name[:60], f"{s.f1:.3f}", s.misses or "right")
    console.print(table)
    totals = Table(title="per set")
    for column in ("set", "documents", "fully right", "mean F1", "preambular", "operative", "closing", "title", "type"):
        totals.add_column(column)
    report: dict[str, Any] = {"documents": [asdict(s) for s in scores], "sets": {}}
    for kind in (*SETS, "all"):
        chunk = [s for s in scores if kind in ("all", s.set)]
        if not chunk:
            continue
        total = sums(chunk)
        report["sets"][kind] = total
        totals.add_row(
            kind,
            str(total["documents"]),
            f"{total['fully_right']} ({total['fully_right'] / total['documents']:.0%})",
            f"{total['mean_f1']:.3f}",
            f"{total['preambular']:.0%}",
            f"{total['operative']:.0%}",
            f"{total['closing']:.0%}",
            "-" if total["title"] is None else f"{total['title']:.0%}",
            "-" if total["doc_type"] is None else f"{total['doc_type']:.0%}",
        )
    console.print(totals)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.write_known_misses:
        scored = [(path, s) for (path, _kind), s in zip(chosen, scores)]
        args.write_known_misses.write_text(known_misses_source(scored), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

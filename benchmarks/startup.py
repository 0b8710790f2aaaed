#!/usr/bin/env python
"""Start-up of the ``aseandocs`` command and of the first parse in a process.

Run from the repository root, with the Python of an environment where aseandocs is
installed (a wheel install is what users get; an editable install builds its parser
tables into the cache folder on first use, so run it once before measuring)::

    .venv/bin/python benchmarks/startup.py            # 15 runs of each, medians
    .venv/bin/python benchmarks/startup.py --runs 31

Each figure is the median wall time (``time.perf_counter`` around ``subprocess.run``) of
a fresh process: ``python -c "import json"`` for scale, ``aseandocs --version``,
``aseandocs --help``, ``aseandocs parse`` of a small document (the first 1,500 bytes of
the founding document in the corpus) to JSON, and, inside one process, the import of
aseandocs and its first and second parse of that document. The targets (issue 19) are
printed beside the figures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT / "corpus" / "000_c8477260cb17f9e1.txt"
TARGETS = {"aseandocs --version": 0.15, "aseandocs --help": 0.35, "aseandocs parse small.txt": 0.5}

IN_PROCESS = """\
import sys, time
start = time.perf_counter()
import aseandocs
imported = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8", newline="").read()
aseandocs.parse(text)
first = time.perf_counter()
aseandocs.parse(text)
second = time.perf_counter()
print(imported - start, first - imported, second - first)
"""


def _wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = ap.parse_args(argv)
    command = [sys.executable, "-m", "aseandocs"]
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.txt"
        small.write_bytes(FOUNDING.read_bytes()[:1500])
        rows = [
            ('python -c "import json"', _wall([sys.executable, "-c", "import json"], args.runs)),
            ("aseandocs --version", _wall([*command, "--version"], args.runs)),
            ("aseandocs --help", _wall([*command, "--help"], args.runs)),
            ("aseandocs parse small.txt", _wall([*command, "parse", str(small)], args.runs)),
        ]
        inside = [
            [float(x) for x in subprocess.run(
                [sys.executable, "-c", IN_PROCESS, str(small)], check=True, capture_output=True, text=True
            ).stdout.split()]
            for _ in range(args.runs)
        ]
    for label, index in (("import aseandocs", 0), ("first parse in a process", 1), ("second parse", 2)):
        rows.append((label, statistics.median(run[index] for run in inside)))
    print(f"{'':<28}{'median':>9}{'target':>9}")
    for label, seconds in rows:
        target = TARGETS.get(label)
        print(f"{label:<28}{seconds:>8.3f}s{f'{target:.2f}s' if target else '':>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark script runs end to end on tiny inputs and reports every figure.

No timing thresholds here: only that each measurement ran, produced a positive rate,
and that every round-trip check held.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

# Left out of the quick check (pytest -m "not slow"): a benchmark run.
pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("aseandocs_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def report(bench, tmp_path_factory):
    from rich.console import Console

    out = tmp_path_factory.mktemp("bench") / "figures.json"
    console = Console(file=open(Path(out.parent, "console.txt"), "w", encoding="utf-8"), width=200)
    try:
        code = bench.main(["--quick", "--sizes", "0.01,0.05", "--json", str(out)], console=console)
    finally:
        console.file.close()
    assert code == 0, "a round-trip check failed"
    return json.loads(out.read_text(encoding="utf-8")), (out.parent / "console.txt").read_text(encoding="utf-8")


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and value > 0 and math.isfinite(value)


def test_machine_facts(report):
    figures, _ = report
    machine = figures["machine"]
    for key in ("python", "platform", "cpu_count", "cpu_model", "engine"):
        assert machine[key], key


def test_every_input_has_every_rate(report):
    figures, _ = report
    inputs = figures["inputs"]
    assert {row["kind"] for row in inputs} == {"long", "small docs"}
    assert len(inputs) == 4
    for row in inputs:
        assert row["bytes"] > 0
        for op in ("parse", "render", "json_dump", "json_load", "floor"):
            stats = row["ops"][op]
            assert _positive(stats["mb_per_s"]), (row["input"], op)
            assert _positive(stats["cpu_mb_per_s"]) or stats["cpu_median_s"] == 0, (row["input"], op)
            assert stats["runs"] >= 3 and len(stats["runs_s"]) == stats["runs"]
        assert _positive(row["parse_over_floor"])
        assert row["roundtrip_render"] is True, row["input"]
        assert row["roundtrip_json"] is True, row["input"]
        assert sum(row["floor_shapes"].values()) > 0


def test_growth_memory_and_targets(report):
    figures, _ = report
    for kind in ("long", "small docs"):
        growth = figures["growth"][kind]
        assert _positive(growth["ratio"]) and _positive(growth["byte_ratio"])
    memory = figures["memory"]
    assert memory["peak_bytes"] > 0
    assert _positive(memory["peak_mb_per_input_mb"]) and _positive(memory["peak_multiple"])
    names = {target["target"] for target in figures["targets"]}
    assert any(name.startswith("parse") for name in names)
    assert any(name.startswith("render") for name in names)
    assert any(name.startswith("growth") for name in names)
    assert any(name.startswith("peak memory") for name in names)
    assert all(isinstance(target["pass"], bool) for target in figures["targets"])


def test_batch_figures_or_unavailable(report):
    figures, console = report
    batch = figures["batch"]
    if not batch["available"]:
        assert "batch: unavailable" in console
        return
    assert [run["workers"] for run in batch["runs"]] == [1, 2]
    for run in batch["runs"]:
        assert run["ok"], run.get("error")
        assert _positive(run["wall_mb_per_s"])
        assert run["failures"] == 0


def test_pathological_cases(report, bench):
    figures, _ = report
    rows = {row["case"]: row for row in figures["pathological"]}
    assert set(rows) == set(bench.PATHOLOGICAL)
    for name, row in rows.items():
        assert row["status"] == "ok", (name, row.get("error"))
        assert row["roundtrip"] is True, name
        assert _positive(row["mb_per_s"]), name
        assert row["peak_bytes"] >= 0
    linear = [row for row in rows.values() if row.get("linearity") is not None]
    assert len(linear) >= 2
    assert all(_positive(row["linearity"]) for row in linear)
    assert figures["roundtrip_ok"] is True
    assert figures["cases_ok"] is True


def test_console_table(report):
    _, console = report
    assert "Throughput" in console and "Pathological inputs" in console
    assert "PASS" in console or "FAIL" in console


def test_floor_classifies_line_shapes(bench):
    counts = bench.floor_classify("I. Scope\n\n1. Text\n(a) item\n- bullet\n## Heading\nplain words\n")
    assert counts == {"roman": 1, "blank": 1, "numbered": 1, "lettered": 1, "bullet": 1, "heading": 1, "other": 1}

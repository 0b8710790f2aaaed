"""The committed JSON Schema (schema/document.schema.json) is current and describes real output.

After an intended change to the models, regenerate it with::

    .venv/bin/aseandocs schema > schema/document.schema.json
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import aseandocs
from aseandocs.cli import schema_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "document.schema.json"
REGENERATE = "aseandocs schema > schema/document.schema.json"
DOCUMENTS = [
    ROOT / "corpus" / "000_c8477260cb17f9e1.txt",
    ROOT / "corpus" / "003_f5fb8b87c253cb7c.txt",
    ROOT / "corpus" / "002_cambodia-thailand-joint-declaration-kuala-lumpur-2025.md",
    ROOT / "corpus" / "019_unga-res-80-9-trafficking-political-declaration-pdfextract.txt",
]


def test_committed_schema_is_current() -> None:
    assert SCHEMA.is_file(), f"schema/document.schema.json is missing; create it with: {REGENERATE}"
    committed = SCHEMA.read_text(encoding="utf-8")
    assert committed == schema_text(), f"schema/document.schema.json is stale; regenerate it with: {REGENERATE}"


def test_schema_command_prints_the_committed_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aseandocs", "schema"], capture_output=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == SCHEMA.read_bytes()


# ---- a validator for the part of JSON Schema that pydantic writes ------------------------------

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "null": (type(None),),
}


def _errors(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return _errors(value, root["$defs"][name], root, where)
    if "discriminator" in schema:
        tag = value.get(schema["discriminator"]["propertyName"]) if isinstance(value, dict) else None
        target = schema["discriminator"]["mapping"].get(tag)
        if target is None:
            return [f"{where}: unknown kind {tag!r}"]
        return _errors(value, {"$ref": target}, root, where)
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema["oneOf"]
        if any(not _errors(value, option, root, where) for option in options):
            return []
        return [f"{where}: matches none of {len(options)} options"]
    problems: list[str] = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: {value!r} is not {schema['const']!r}")
    kind = schema.get("type")
    if kind is not None:
        allowed = _TYPES[kind]
        if not isinstance(value, allowed) or (kind == "integer" and isinstance(value, bool)):
            return [*problems, f"{where}: {type(value).__name__} is not {kind}"]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                problems.append(f"{where}: missing {key!r}")
        for key, item in value.items():
            if key in properties:
                problems.extend(_errors(item, properties[key], root, f"{where}.{key}"))
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: unexpected {key!r}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems.extend(_errors(item, schema["items"], root, f"{where}[{index}]"))
    return problems


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_parsed_documents_match_the_schema(path: Path, schema: dict[str, Any]) -> None:
    document = aseandocs.parse(path.read_bytes().decode("utf-8"))
    data = json.loads(document.model_dump_json())
    assert _errors(data, schema, schema) == []


def test_schema_rejects_what_the_model_rejects(schema: dict[str, Any]) -> None:
    document = aseandocs.parse(DOCUMENTS[1].read_bytes().decode("utf-8"))
    data = json.loads(document.model_dump_json())
    data["children"][5]["num"] = 5
    data["children"][6]["colour"] = "red"
    data["children"][7]["kind"] = "chapter"
    assert _errors(data, schema, schema) == [
        "$.children[5].num: matches none of 2 options",
        "$.children[6]: unexpected 'colour'",
        "$.children[7]: unknown kind 'chapter'",
    ]

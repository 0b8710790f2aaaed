"""The ``aseandocs`` command line, driven through its real entry points.

Error cases and exit codes run the installed module in a subprocess
(``python -m aseandocs``); the rest call ``cli.main(argv)`` in this process, where
standard output and error are captured as bytes, so the parser's grammar is built once.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import aseandocs
from aseandocs import batch, cli
from aseandocs.cli import OUTLINE_KINDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FOUNDING = CORPUS / "000_c8477260cb17f9e1.txt"  # sections I-V, clauses, no diagnostics
ADMM = CORPUS / "003_f5fb8b87c253cb7c.txt"  # preamble and operative verbs, a closing
CAMBODIA = CORPUS / "002_cambodia-thailand-joint-declaration-kuala-lumpur-2025.md"
GAP = Path(__file__).resolve().parent / "data" / "numbering-gap.txt"  # operative 1. then 3.
GAP_FINDING = "7:1: expected item 2 after '1.', found '3.'"
GAP_LINE = "3. Decides to remain seized of the matter."
ERROR_LINE = re.compile(r"^aseandocs: error: .+$")
FINDING = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")


# ---- helpers ----------------------------------------------------------------------------


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    """``python -m aseandocs ARGS`` in a subprocess, as a user's shell runs it."""
    env = {k: v for k, v in os.environ.items() if k != "ASEANDOCS_DEBUG"}
    env["COLUMNS"] = "120"
    return subprocess.run(
        [*prefix, sys.executable, "-m", "aseandocs", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )


def call(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, bytes]:
    """``cli.main(args)`` in this process: exit code, standard output, standard error."""
    code = cli.main(list(args))
    out, err = capsysbinary.readouterr()
    return code, out, err


def assert_one_error_line(err: bytes, expected: str) -> None:
    """Standard error holds exactly one line, ``aseandocs: error: ...``, with no traceback."""
    text = err.decode("utf-8")
    assert "Traceback" not in text
    assert text.endswith("\n") and text.count("\n") == 1, text
    assert ERROR_LINE.match(text.rstrip("\n")), text
    assert text.rstrip("\n") == expected


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("ASEANDOCS_DEBUG", raising=False)


# ---- --help, --version, usage errors (subprocess) ------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"aseandocs {aseandocs.__version__}\n"
    assert result.stderr == b""


def test_help_documents_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    for command in ("parse", "check", "schema", "batch"):
        assert re.search(rf"^    {command} ", text, re.MULTILINE), command
    codes = text[text.index("exit codes:") :]
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"^  {code} +\S", codes, re.MULTILINE), code


@pytest.mark.parametrize("command", ["parse", "check", "schema", "batch"])
def test_every_command_has_help(command: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, command, "--help")
    assert code == 0 and err == b""
    text = out.decode()
    assert text.startswith(f"usage: aseandocs {command} ")
    assert "exit codes:" in text


def test_unknown_option_is_a_one_line_usage_error() -> None:
    result = run("parse", "--frobnicate", str(FOUNDING))
    assert result.returncode == 2
    assert result.stdout == b""
    assert_one_error_line(result.stderr, "aseandocs: error: unrecognized arguments: --frobnicate (see 'aseandocs --help')")


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert_one_error_line(
        result.stderr, "aseandocs: error: the following arguments are required: COMMAND (see 'aseandocs --help')"
    )


def test_bad_choice_and_bad_number_are_usage_errors(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    code, out, err = call(capsysbinary, "parse", str(FOUNDING), "--format", "yaml")
    assert code == 2 and out == b""
    assert_one_error_line(
        err,
        "aseandocs: error: argument -f/--format: invalid choice: 'yaml' (choose from 'json', 'jsonl', 'tree', 'text', 'outline', 'akn')"
        " (see 'aseandocs parse --help')",
    )
    code, out, err = call(capsysbinary, "batch", str(tmp_path), "-o", str(tmp_path / "out"), "--workers", "0")
    assert code == 2
    assert_one_error_line(
        err, "aseandocs: error: argument -j/--workers: must be at least 1, not 0 (see 'aseandocs batch --help')"
    )
    code, out, err = call(capsysbinary, "batch", str(tmp_path))
    assert code == 2
    assert_one_error_line(
        err, "aseandocs: error: the following arguments are required: -o/--output (see 'aseandocs batch --help')"
    )


# ---- input errors (subprocess) ---------------------------------------------------------------


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("1. Urges all States;\n2. Calls upon caf".encode() + b"\xe9 owners\n")
    result = run("parse", str(bad))
    assert result.returncode == 2 and result.stdout == b""
    assert_one_error_line(
        result.stderr,
        f"aseandocs: error: {bad}: not valid UTF-8 at byte offset 38 (line 2): invalid continuation byte (0xe9 0x20 0x6f 0x77)",
    )


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    result = run("parse", str(binary))
    assert result.returncode == 2 and result.stdout == b""
    assert_one_error_line(result.stderr, f"aseandocs: error: {binary}: binary file: NUL byte at offset 9")


def test_directory(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path))
    assert result.returncode == 2 and result.stdout == b""
    assert_one_error_line(result.stderr, f"aseandocs: error: {tmp_path}: is a directory")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = run("parse", str(missing))
    assert result.returncode == 2 and result.stdout == b""
    assert_one_error_line(result.stderr, f"aseandocs: error: {missing}: no such file or directory")


def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("1. Urges all States.\n", encoding="utf-8")
    secret.chmod(0)
    prefix: tuple[str, ...] = ()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root reads any file; without its capabilities it is held to the file's mode.
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing: every file is readable")
        prefix = (setpriv, "--bounding-set=-all", "--inh-caps=-all")
    try:
        result = run("parse", str(secret), prefix=prefix)
    finally:
        secret.chmod(0o644)
    assert result.returncode == 2 and result.stdout == b""
    assert_one_error_line(result.stderr, f"aseandocs: error: {secret}: permission denied")


def test_input_errors_in_check_keep_checking_the_other_files(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    missing = tmp_path / "missing.md"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("1. Urges\n".encode("utf-16"))
    code, out, err = call(capsysbinary, "check", str(missing), str(FOUNDING), str(utf16), str(GAP))
    assert code == 2
    errors = err.decode().splitlines()
    assert errors == [
        f"aseandocs: error: {missing}: no such file or directory",
        f"aseandocs: error: {utf16}: binary file: looks like UTF-16 text; convert it to UTF-8",
    ]
    findings = out.decode().splitlines()  # the files after the bad ones were checked
    assert findings and all(FINDING.match(line)["file"] == str(GAP) for line in findings)  # type: ignore[index]


# ---- parse --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [FOUNDING, ADMM], ids=lambda p: p.name)
def test_parse_json_validates_back_and_renders_the_input(path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "parse", str(path))
    assert code == 0 and err == b""
    assert out.startswith(b'{\n  "kind": "document",\n') and out.endswith(b"}\n")
    document = aseandocs.Document.model_validate_json(out)
    assert aseandocs.render(document).encode("utf-8") == path.read_bytes()
    assert document == aseandocs.parse(path.read_bytes().decode("utf-8"))


def test_parse_json_indent(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = call(capsysbinary, "parse", str(ADMM), "--indent", "0")
    assert code == 0
    assert out.count(b"\n") == 1 and out.endswith(b"}\n")
    code, wide, _ = call(capsysbinary, "parse", str(ADMM), "--indent", "4")
    assert wide.startswith(b'{\n    "kind": "document"')
    assert json.loads(out) == json.loads(wide)


@pytest.mark.parametrize("path", [FOUNDING, ADMM, CAMBODIA], ids=lambda p: p.name)
def test_parse_text_is_byte_identical(path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "parse", str(path), "--format", "text")
    assert (code, err) == (0, b"")
    assert out == path.read_bytes()


BOM_CRLF = "\ufeffThe General Assembly,\r\n\r\n1. Urges all States;\r\n\r\n2. Calls upon\u00a0all.\r".encode()


def test_parse_text_keeps_bom_and_crlf_through_stdin() -> None:
    result = run("parse", "-", "--format", "text", stdin=BOM_CRLF)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == BOM_CRLF


def test_parse_json_from_stdin_records_the_bom(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BOM_CRLF)))
    code, out, err = call(capsysbinary, "parse", "-")
    assert (code, err) == (0, b"")
    document = aseandocs.Document.model_validate_json(out)
    assert document.bom is True
    assert [node.kind for node in document.children] == ["formula", "operative_paragraph", "operative_paragraph"]
    assert aseandocs.render(document).encode() == BOM_CRLF


def test_parse_tree_shows_numbers_verbs_and_excerpts(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "parse", str(ADMM), "--format", "tree")
    assert (code, err) == (0, b"")
    lines = out.decode("utf-8").splitlines()
    document = aseandocs.parse(ADMM.read_text(encoding="utf-8"))
    assert "\x1b[" not in out.decode()  # not a terminal: no colour codes
    assert lines[0] == f"document {ADMM} · “{document.title}” · 2022-11-23"
    assert len(lines) == 1 + len(document.nodes())
    assert lines[1] == "├── preface ADMM-Plus Issues Joint Declaration on Defence Cooperation"
    assert "├── preambular_paragraph 2. [RECOGNISING] the unprecedented challenges endured by our region and the ..." in lines
    assert "├── operative_paragraph 1. [STRENGTHEN] our collective efforts and practical cooperation to mitigatethe impact ..." in lines
    assert lines[-1] == "└── trailer Source: Agency Kampuchea Press"


def test_parse_tree_nests(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = call(capsysbinary, "parse", str(FOUNDING), "-f", "tree")
    lines = out.decode("utf-8").splitlines()
    start = lines.index("├── section I. Political Development")
    assert lines[start + 1 : start + 3] == [
        "│   ├── clause 1. Promotion of a just, democratic and harmonious environment :",
        "│   │   ├── clause a. Strengthening democratic institutions and popular participation;",
    ]


def test_parse_outline_has_aligned_path_kind_words_columns(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "parse", str(FOUNDING), "--format", "outline")
    assert (code, err) == (0, b"")
    lines = out.decode("utf-8").splitlines()
    document = aseandocs.parse(FOUNDING.read_text(encoding="utf-8"))
    expected = [place for place in document.walk() if place.node.kind in OUTLINE_KINDS]
    assert len(lines) == len(expected)
    assert lines[:3] == [
        "I        section  Political Development",
        "I/1      clause   Promotion of a just, democratic and harmonious environment :",
        "I/1/a    clause   Strengthening democratic institutions and popular participation;",
    ]
    kind_column = lines[0].index("section")
    for line, place in zip(lines, expected):
        assert line.startswith(place.path + " ")
        assert line[kind_column:].startswith(place.node.kind + " ")
        assert line[: kind_column - 2].rstrip() == place.path


def test_parse_outline_of_a_declaration(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = call(capsysbinary, "parse", str(ADMM), "-f", "outline")
    lines = out.decode("utf-8").splitlines()
    # The numbered closing after the operative part stands in the conclusions.
    assert lines[-1].startswith("conclusions/11  closing ")
    assert lines[1] == "preamble/2      preambular_paragraph  RECOGNISING the unprecedented challenges endured by our region and the ..."
    assert lines[11] == "1               operative_paragraph   STRENGTHEN our collective efforts and practical cooperation to mitigatethe impact ..."


def test_parse_output_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    target = tmp_path / "admm.json"
    code, out, err = call(capsysbinary, "parse", str(ADMM), "-o", str(target))
    assert (code, out, err) == (0, b"", b"")
    document = aseandocs.Document.model_validate_json(target.read_bytes())
    assert aseandocs.render(document).encode() == ADMM.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["admm.json"]  # no temporary file left
    code, _, err = call(capsysbinary, "parse", str(ADMM), "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 2
    assert_one_error_line(err, f"aseandocs: error: {tmp_path / 'no' / 'such' / 'dir.json'}: cannot write: no such file or directory")


def test_empty_file_is_an_empty_document(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = call(capsysbinary, "parse", str(empty))
    assert (code, err) == (0, b"")
    assert aseandocs.Document.model_validate_json(out) == aseandocs.Document()
    assert call(capsysbinary, "parse", str(empty), "-f", "text") == (0, b"", b"")
    assert call(capsysbinary, "parse", str(empty), "-f", "outline") == (0, b"", b"")
    assert call(capsysbinary, "check", str(empty)) == (0, b"", b"")


def test_strict_parse_error_shows_line_column_and_caret(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "parse", "--strict", str(GAP))
    assert code == 2 and out == b""
    assert err.decode("utf-8").splitlines() == [f"aseandocs: error: {GAP}:{GAP_FINDING}", GAP_LINE, "^"]


# ---- JSON input ------------------------------------------------------------------------------


def test_json_input_renders_back_and_round_trips(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    saved = tmp_path / "founding.json"
    assert call(capsysbinary, "parse", str(FOUNDING), "-o", str(saved)) == (0, b"", b"")
    code, text, err = call(capsysbinary, "parse", str(saved), "--format", "text")
    assert (code, err) == (0, b"")
    assert text == FOUNDING.read_bytes()
    code, again, _ = call(capsysbinary, "parse", str(saved))
    assert again == saved.read_bytes()
    assert call(capsysbinary, "check", str(saved)) == (0, b"", b"")
    # --input overrides the suffix: the same JSON read as text is a document about JSON.
    code, out, _ = call(capsysbinary, "parse", str(saved), "--input", "text", "-f", "text")
    assert out == saved.read_bytes()


def test_json_input_from_stdin(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    payload = aseandocs.parse(ADMM.read_text(encoding="utf-8")).model_dump_json().encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    code, out, err = call(capsysbinary, "parse", "-", "--input", "json", "-f", "text")
    assert (code, err) == (0, b"")
    assert out == ADMM.read_bytes()


def test_strict_json_input_checks_the_documents_text(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    saved = tmp_path / "joint.json"
    assert call(capsysbinary, "parse", str(GAP), "-o", str(saved))[0] == 0
    code, out, err = call(capsysbinary, "parse", "--strict", str(saved), "-f", "text")
    assert code == 2 and out == b""
    assert err.decode().splitlines()[0] == f"aseandocs: error: {saved}:{GAP_FINDING}"
    assert call(capsysbinary, "parse", "--strict", str(saved.with_name("x.json")))[0] == 2
    code, out, _ = call(capsysbinary, "check", str(saved))
    assert code == 1
    assert out.decode().splitlines()[0] == f"{saved}:{GAP_FINDING} [numbering]"


def test_invalid_json_syntax_shows_line_column_and_caret(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "kind": "document",\n  "children": [1 2]\n}\n', encoding="utf-8")
    result = run("parse", str(broken), "-f", "text")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        f"aseandocs: error: {broken}:3:18: invalid JSON: Expecting ',' delimiter",
        '  "children": [1 2]',
        "                 ^",
    ]


def test_invalid_document_json_points_at_the_bad_value(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    document = aseandocs.parse(FOUNDING.read_text(encoding="utf-8"))
    data = json.loads(document.model_dump_json())
    data["children"][1]["children"][0]["num"] = 7  # a number where the label string belongs
    bad = tmp_path / "bad.json"
    text = json.dumps(data, indent=1)
    bad.write_text(text, encoding="utf-8")
    line, row = next((i, row) for i, row in enumerate(text.splitlines(), 1) if row.strip() == '"num": 7,')
    for command in ("parse", "check"):
        code, out, err = call(capsysbinary, command, str(bad))
        assert code == 2 and out == b""
        lines = err.decode().splitlines()
        assert lines[0] == (
            f"aseandocs: error: {bad}:{line}:{row.index('7') + 1}: not a valid Document: children[1].children[0].num: "
            "Input should be a valid string"
        )
        assert lines[1].strip() == '"num": 7,'
        assert lines[2].index("^") == lines[1].index("7")


def test_document_json_with_an_unknown_field_or_wrong_shape(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    extra = tmp_path / "extra.json"
    second = ' "children": [{"kind": "section", "colour": "red"}]}'
    extra.write_text('{"kind": "document",\n' + second, encoding="utf-8")
    code, _, err = call(capsysbinary, "check", str(extra))
    assert code == 2
    column = second.index('"red"') + 1
    head, context, caret = err.decode().splitlines()
    assert head == f"aseandocs: error: {extra}:2:{column}: not a valid Document: children[0].colour: Extra inputs are not permitted"
    assert context in second and caret.strip() == "^"  # Lark's context: a window of the line
    assert caret.index("^") == context.index('"red"')
    array = tmp_path / "array.json"
    array.write_text("[]\n", encoding="utf-8")
    code, _, err = call(capsysbinary, "parse", str(array))
    assert code == 2
    assert err.decode().splitlines()[0].startswith(f"aseandocs: error: {array}:1:1: not a valid Document: ")
    blank = tmp_path / "blank.json"
    blank.write_text("\n", encoding="utf-8")
    code, _, err = call(capsysbinary, "parse", str(blank))
    assert code == 2
    assert err.decode().splitlines()[0] == f"aseandocs: error: {blank}:1:1: not a Document: the file holds no JSON"


# ---- check --------------------------------------------------------------------------------


def test_check_clean_files_exit_zero_silently(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert call(capsysbinary, "check", str(FOUNDING), str(ADMM)) == (0, b"", b"")


def test_check_prints_diagnostics_and_exits_one(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "check", str(FOUNDING), str(GAP))
    assert (code, err) == (1, b"")
    lines = out.decode("utf-8").splitlines()
    document = aseandocs.parse(GAP.read_text(encoding="utf-8"))
    assert lines == [d.format(str(GAP)) for d in document.diagnostics]
    assert lines == [f"{GAP}:{GAP_FINDING} [numbering]"]
    for line in lines:
        assert FINDING.match(line)


def test_check_strict_shows_the_first_finding_with_a_caret(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "check", "--strict", str(GAP), str(FOUNDING))
    assert (code, err) == (1, b"")
    assert out.decode("utf-8").splitlines() == [f"{GAP}:{GAP_FINDING} [numbering]", GAP_LINE, "^"]


def test_check_reports_a_round_trip_mismatch(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    real = cli.render
    monkeypatch.setattr(cli, "render", lambda doc: real(doc).replace("harmonious", "harmonous", 1))
    code, out, err = call(capsysbinary, "check", str(FOUNDING))
    assert (code, err) == (1, b"")
    lines = FOUNDING.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if "harmonious" in line)
    column = lines[row].index("harmonious") + len("harmon") + 1
    assert out.decode() == f"{FOUNDING}:{row + 1}:{column}: rendered text differs from the input here [round-trip]\n"


def test_round_trip_positions_count_cr_and_crlf_as_line_ends(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(b"\xef\xbb\xbfThe General Assembly,\r\n\r1. Urges all States;\n\r\n2. Calls upon all.\r")
    real = cli.render
    monkeypatch.setattr(cli, "render", lambda doc: real(doc).replace("upon", "on"))
    code, out, _ = call(capsysbinary, "check", str(mixed))
    assert code == 1
    assert out.decode() == f"{mixed}:5:10: rendered text differs from the input here [round-trip]\n"


def test_check_stdin_only_once(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = call(capsysbinary, "check", "-", "-")
    assert code == 2 and out == b""
    assert_one_error_line(err, "aseandocs: error: '-' (standard input) can be given only once")


# ---- top-level safety nets ------------------------------------------------------------------


def test_internal_error_is_one_line_without_traceback(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("grammar exploded\nsecond line")

    monkeypatch.setattr(cli, "parse", broken)
    code, out, err = call(capsysbinary, "parse", str(FOUNDING))
    assert code == 2 and out == b""
    assert_one_error_line(
        err, "aseandocs: error: internal error: RuntimeError: grammar exploded (set ASEANDOCS_DEBUG=1 for the traceback)"
    )
    code, out, err = call(capsysbinary, "check", str(FOUNDING), str(ADMM))
    assert code == 2
    assert err.decode().splitlines() == [
        f"aseandocs: error: {path}: internal error: RuntimeError: grammar exploded (set ASEANDOCS_DEBUG=1 for the traceback)"
        for path in (FOUNDING, ADMM)
    ]


def test_keyboard_interrupt_exits_130(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "read_text", interrupted)
    code, out, err = call(capsysbinary, "parse", str(FOUNDING))
    assert code == 130 and out == b""
    assert_one_error_line(err, "aseandocs: error: interrupted")


def test_closed_pipe_exits_quietly(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(text: str) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_write_stdout", closed)
    code, _, err = call(capsysbinary, "schema")
    assert code == 141 and err == b""


# ---- schema -------------------------------------------------------------------------------


def test_schema_command(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    code, out, err = call(capsysbinary, "schema")
    assert (code, err) == (0, b"")
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Document"
    assert {k: v for k, v in schema.items() if k != "$schema"} == aseandocs.Document.model_json_schema()
    target = tmp_path / "schema.json"
    assert call(capsysbinary, "schema", "-o", str(target)) == (0, b"", b"")
    assert target.read_bytes() == out


# ---- batch --------------------------------------------------------------------------------


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A folder of inputs: good ones at several depths, bad ones, files a batch ignores."""
    source = tmp_path / "in"
    (source / "asean" / "2004").mkdir(parents=True)
    (source / "un").mkdir()
    shutil.copy(FOUNDING, source / "asean" / "2004" / FOUNDING.name)
    shutil.copy(ADMM, source / "asean" / "admm.txt")
    shutil.copy(CAMBODIA, source / "un" / "joint.md")
    (source / "un" / "joint.txt").write_bytes(b"1. Urges all States.\n")  # same stem as joint.md
    (source / "un" / "EMPTY.TXT").write_bytes(b"")
    (source / "un" / "latin1.txt").write_bytes(b"Caf\xe9\n")
    (source / "asean" / "scan.md").write_bytes(b"\x00\x01PK")
    (source / "notes.json").write_text("{}", encoding="utf-8")
    (source / "readme.rst").write_text("ignored", encoding="utf-8")
    return source


GOOD = {
    "asean/2004/000_c8477260cb17f9e1.txt": FOUNDING.read_bytes(),
    "asean/admm.txt": ADMM.read_bytes(),
    "un/joint.md": CAMBODIA.read_bytes(),
    "un/joint.txt": b"1. Urges all States.\n",
    "un/EMPTY.TXT": b"",
}


def assert_batch_output(source: Path, out_dir: Path) -> None:
    written = sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*") if p.is_file())
    assert written == sorted(f"{name}.json" for name in GOOD)  # no temporary files, no bad ones
    for name, data in GOOD.items():
        document = aseandocs.Document.model_validate_json((out_dir / f"{name}.json").read_bytes())
        assert aseandocs.render(document).encode("utf-8") == data


def test_batch_in_process(tree: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out_dir = tmp_path / "out"
    code, out, err = call(capsysbinary, "batch", str(tree), "-o", str(out_dir), "--workers", "1")
    assert code == 1
    assert err.decode().splitlines() == [
        f"aseandocs: error: {tree / 'asean' / 'scan.md'}: binary file: NUL byte at offset 0",
        f"aseandocs: error: {tree / 'un' / 'latin1.txt'}: not valid UTF-8 at byte offset 3 (line 1): invalid continuation byte (0xe9 0x0a)",
    ]
    table = out.decode("utf-8")
    header = next(line for line in table.splitlines() if "Files" in line)
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")] == ["Files", "Converted", "Failed", "Bytes", "Seconds", "MB/s"]
    row = next(line for line in table.splitlines() if line.startswith("│"))
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    assert cells[:4] == ["7", "5", "2", f"{sum(len(d) for d in GOOD.values()):,}"]
    assert_batch_output(tree, out_dir)


def test_batch_quiet_and_rerun_overwrites(tree: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out_dir = tmp_path / "out"
    (out_dir / "un").mkdir(parents=True)
    (out_dir / "un" / "joint.md.json").write_text("stale", encoding="utf-8")
    code, out, err = call(capsysbinary, "batch", str(tree), "-o", str(out_dir), "-j", "1", "--quiet", "--indent", "0")
    assert code == 1 and out == b""
    assert len(err.decode().splitlines()) == 2
    assert (out_dir / "asean" / "admm.txt.json").read_bytes().count(b"\n") == 1
    assert_batch_output(tree, out_dir)


def test_batch_in_worker_processes() -> None:
    # Real pool, real entry point: the corpus's first documents to a fresh folder.
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "in"
        source.mkdir()
        for path in (FOUNDING, ADMM, CAMBODIA):
            shutil.copy(path, source / path.name)
        (source / "bad.txt").write_bytes(b"\xff")
        result = run("batch", str(source), "-o", str(Path(scratch) / "out"), "--workers", "2")
        assert result.returncode == 1
        assert result.stderr.decode().splitlines() == [
            f"aseandocs: error: {source / 'bad.txt'}: not valid UTF-8 at byte offset 0 (line 1): invalid start byte (0xff)"
        ]
        assert "│     4 │         3 │      1 │" in result.stdout.decode()
        for path in (FOUNDING, ADMM, CAMBODIA):
            document = aseandocs.Document.model_validate_json((Path(scratch) / "out" / f"{path.name}.json").read_bytes())
            assert aseandocs.render(document).encode() == path.read_bytes()
        assert not (Path(scratch) / "out" / "bad.txt.json").exists()


def test_batch_folder_errors(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, _, err = call(capsysbinary, "batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert_one_error_line(err, f"aseandocs: error: {tmp_path / 'nope'}: no such file or directory")
    code, _, err = call(capsysbinary, "batch", str(FOUNDING), "-o", str(tmp_path / "out"))
    assert code == 2
    assert_one_error_line(err, f"aseandocs: error: {FOUNDING}: not a directory")
    code, _, err = call(capsysbinary, "batch", str(tmp_path), "-o", str(FOUNDING))
    assert code == 2
    assert_one_error_line(err, f"aseandocs: error: {FOUNDING}: exists and is not a directory")


def test_batch_of_an_empty_folder(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    (tmp_path / "in").mkdir()
    code, out, err = call(capsysbinary, "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0
    assert err.decode() == f"aseandocs: no .txt or .md files under {tmp_path / 'in'}\n"
    assert "│     0 │         0 │      0 │" in out.decode()


def test_run_batch_api(tree: Path, tmp_path: Path) -> None:
    report = batch.run_batch(tree, tmp_path / "out", workers=1, progress=False)
    assert (report.files, report.converted) == (7, 5)
    assert report.bytes == sum(len(data) for data in GOOD.values())
    assert report.seconds > 0 and report.mb_per_s == pytest.approx(report.bytes / report.seconds / 1e6)
    assert [(path.relative_to(tree).as_posix(), message.split(":")[0]) for path, message in report.failures] == [
        ("asean/scan.md", "binary file"),
        ("un/latin1.txt", "not valid UTF-8 at byte offset 3 (line 1)"),
    ]
    assert_batch_output(tree, tmp_path / "out")


def _die_on_admm(job: batch._Job, indent: int | None = 2) -> batch._Result:
    if job.source.endswith("admm.txt"):
        os._exit(9)  # the worker process dies, as when the kernel kills it
    return _real_convert(job, indent)


_real_convert = batch._convert


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="patching a worker needs fork")
def test_a_dying_worker_costs_only_its_own_file(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_convert", _die_on_admm)
    report = batch.run_batch(tree, tmp_path / "out", workers=2, progress=False)
    failures = {path.relative_to(tree).as_posix(): message for path, message in report.failures}
    assert failures["asean/admm.txt"] == "worker process died while parsing this file"
    assert set(failures) == {"asean/admm.txt", "asean/scan.md", "un/latin1.txt"}
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == sorted(f"{name}.json" for name in GOOD if name != "asean/admm.txt")


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="patching a worker needs fork")
def test_a_dying_worker_costs_only_its_own_file_when_tasks_hold_several(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Enough files that each task holds several: the killer's task-mates must still be written.
    source = tmp_path / "many"
    source.mkdir()
    names = [f"doc{i:02}.txt" for i in range(60)] + ["admm.txt"]
    for name in names:
        (source / name).write_text(f"1. Strengthen cooperation on {name}.\n", encoding="utf-8")
    monkeypatch.setattr(batch, "_convert", _die_on_admm)
    report = batch.run_batch(source, tmp_path / "out", workers=2, progress=False)
    assert [(path.name, message) for path, message in report.failures] == [
        ("admm.txt", "worker process died while parsing this file")
    ]
    assert report.files == len(names)
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(f"{name}.json" for name in names if name != "admm.txt")


def _die_writing_admm(job: batch._Job, indent: int | None = 2) -> batch._Result:
    if job.source.endswith("admm.txt"):
        # Killed halfway through write_atomic: its temporary file stays behind.
        target = Path(job.target)
        target.parent.mkdir(parents=True, exist_ok=True)
        (target.parent / f".{target.name}.0123abcd.tmp").write_bytes(b'{"kind": "docu')
        os._exit(9)
    return _real_convert(job, indent)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="patching a worker needs fork")
def test_a_worker_killed_while_writing_leaves_no_partial_file(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_convert", _die_writing_admm)
    report = batch.run_batch(tree, tmp_path / "out", workers=2, progress=False)
    assert "asean/admm.txt" in {path.relative_to(tree).as_posix() for path, _ in report.failures}
    assert [p.name for p in (tmp_path / "out").rglob("*.tmp")] == []


def test_removing_partial_writes_spares_every_other_file(tmp_path: Path) -> None:
    target = tmp_path / "doc.txt.json"
    kept = ["doc.txt.json", ".doc.txt.json.notahex.tmp", ".other.txt.json.0123abcd.tmp", "doc.txt.json.0123abcd.tmp"]
    for name in [*kept, ".doc.txt.json.0123abcd.tmp", ".doc.txt.json.ffffffff.tmp"]:
        (tmp_path / name).write_bytes(b"x")
    batch.remove_partial_writes(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)
    batch.remove_partial_writes(tmp_path / "missing" / "doc.txt.json")  # no folder: nothing to do


def test_atomic_write_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.json"
    target.write_bytes(b'{"old": true}')

    def interrupted_rename(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted_rename)
    with pytest.raises(KeyboardInterrupt):
        batch.write_atomic(target, b'{"new": true}')
    assert target.read_bytes() == b'{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]
    monkeypatch.undo()
    batch.write_atomic(target, b'{"new": true}')
    assert target.read_bytes() == b'{"new": true}'
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of a temporary file


# ---- special files, a full device, Ctrl-C at start-up (subprocess) -------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = run("parse", str(fifo))
    assert done.returncode == 2
    assert_one_error_line(done.stderr, f"aseandocs: error: {fifo}: not a regular file (a FIFO); only regular files and standard input ('-') are read")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_device_is_refused() -> None:
    done = run("parse", "/dev/zero")
    assert done.returncode == 2
    assert_one_error_line(done.stderr, "aseandocs: error: /dev/zero: not a regular file (a device); only regular files and standard input ('-') are read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_batch_records_a_fifo_as_a_failed_file(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("1. Decides to act.\n", encoding="utf-8")
    os.mkfifo(source / "b.txt")
    done = run("batch", str(source), "-o", str(tmp_path / "out"), "-q")
    assert done.returncode == 1
    assert (tmp_path / "out" / "a.txt.json").exists()
    assert "b.txt: not a regular file (a FIFO)" in done.stderr.decode("utf-8") + done.stdout.decode("utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_full_device_is_no_space_left() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "aseandocs", "parse", "--format", "text", str(FOUNDING)],
            stdout=full, stderr=subprocess.PIPE, cwd=ROOT, timeout=120,
        )
    assert done.returncode == 2
    assert_one_error_line(done.stderr, "aseandocs: error: <stdout>: no space left on device")


def test_ctrl_c_during_start_up_imports_exits_130() -> None:
    # The console script's entry, with the package's import interrupted as Ctrl-C would.
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *a, **k):\n"
        "    if name.startswith('aseandocs'):\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *a, **k)\n"
        "import aseandocs_entry\n"
        "builtins.__import__ = interrupted\n"
        "sys.exit(aseandocs_entry.main())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 130
    assert_one_error_line(done.stderr, "aseandocs: error: interrupted")

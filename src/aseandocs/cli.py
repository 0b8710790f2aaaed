"""The ``aseandocs`` command line: parse, check, schema and batch.

Errors go to standard error as one line, ``aseandocs: error: FILE: message`` (a parse
error adds the offending line with a caret under the column); machine-readable output
(JSON, text, outline, check findings) goes to standard output as UTF-8 bytes, with no
newline translation. rich, used for what a person reads (the tree, the batch progress
and summary), is imported only by the commands that need it.
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Callable, Literal, NoReturn

from aseandocs import __version__
from aseandocs.reading import STDIN, InputError, display_name, is_json_name, read_text

# The library (pydantic, Lark) loads once the arguments are read (_load_library), so that
# --version, --help and usage errors answer at once.
if TYPE_CHECKING:
    from pydantic import ValidationError

    from aseandocs import records
    from aseandocs.batch import run_batch, summary_table, write_atomic
    from aseandocs.diagnostics import ParseError
    from aseandocs.models import Document
    from aseandocs.parser import parse
    from aseandocs.records import feed
    from aseandocs.render import render

_LIBRARY = {
    "ValidationError": ("pydantic", "ValidationError"),
    "records": ("aseandocs", "records"),
    "run_batch": ("aseandocs.batch", "run_batch"),
    "summary_table": ("aseandocs.batch", "summary_table"),
    "write_atomic": ("aseandocs.batch", "write_atomic"),
    "ParseError": ("aseandocs.diagnostics", "ParseError"),
    "Document": ("aseandocs.models", "Document"),
    "parse": ("aseandocs.parser", "parse"),
    "feed": ("aseandocs.records", "feed"),
    "render": ("aseandocs.render", "render"),
}


def _load_library() -> None:
    """Import what the commands use into this module (a name already set, say by a test
    that replaced it, is kept)."""
    import importlib

    names = globals()
    for name, (module, attribute) in _LIBRARY.items():
        if name not in names:
            if module == "aseandocs":
                names[name] = importlib.import_module(f"aseandocs.{attribute}")
            else:
                names[name] = getattr(importlib.import_module(module), attribute)


def __getattr__(name: str) -> Any:
    if name in _LIBRARY:
        _load_library()
        return globals()[name]
    raise AttributeError(f"module 'aseandocs.cli' has no attribute {name!r}")

PROG = "aseandocs"

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

EXIT_CODES = """\
exit codes:
  0    success; for check: no findings
  1    check found findings (diagnostics, a round-trip mismatch); batch had failed files
  2    usage error, or an input that cannot be read or parsed: missing, unreadable,
       a directory, a FIFO, device or socket (only regular files and '-' are
       read), binary, not UTF-8, a .json file that is not a valid Document,
       a --strict parse error; output that cannot be written (no space left on
       device); also an internal error (set ASEANDOCS_DEBUG=1 for the traceback)
  130  interrupted (Ctrl-C), at any moment, start-up included
  141  standard output closed early (e.g. piped into head)"""

INPUT_RULES = """\
input:
  FILE is read as bytes and decoded as UTF-8; a byte-order mark is accepted and
  kept, line breaks are kept as written. '-' reads standard input. An empty file
  is a valid, empty document. A FILE ending in .json is read as a Document in
  the JSON form that 'parse --format json' writes (change with --input)."""


class CliError(Exception):
    """A usage or input error: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``aseandocs: error: ...``) and no exit of its own."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        raise CliError(message + hint)


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=30)


# ---- output -----------------------------------------------------------------------------


def _write_stdout(text: str) -> None:
    """Write ``text`` to standard output as UTF-8 bytes, with no newline translation."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8", "surrogateescape"))  # file names with undecodable bytes
        buffer.flush()


def _emit(text: str, out: str | None) -> None:
    """Send ``text`` to ``out`` (a file, written atomically) or to standard output."""
    if out is None or out == STDIN:
        _write_stdout(text)
        return
    if os.path.isdir(out):
        raise InputError(out, "is a directory")
    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(out, f"cannot write: {reason[0].lower() + reason[1:]}") from None


def _error(message: str) -> None:
    """One error line on standard error (a parse error adds its caret lines)."""
    sys.stdout.flush()
    sys.stderr.write(f"{PROG}: error: {message}\n")
    sys.stderr.flush()


def _console(file: Any = None, *, stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(file=file, stderr=stderr, highlight=False)


# ---- loading documents --------------------------------------------------------------------


def _text_reading(choice: str) -> Literal["auto", "text", "markdown", "html"]:
    """How ``parse`` reads a text input for an ``--input`` choice."""
    if choice == "text":
        return "text"
    if choice == "markdown":
        return "markdown"
    if choice == "html":
        return "html"
    return "auto"


def _input_kind(path: str, choice: str) -> str:
    if choice != "auto":
        return choice
    return "json" if path != STDIN and is_json_name(path) else "text"


_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_space(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def _members(text: str, pos: int) -> Iterator[tuple[str | int, int]]:
    """The keys (or indexes) and value offsets of the JSON object or array opening at ``pos``."""
    decoder = json.JSONDecoder()
    is_object = text[pos] == "{"
    closer = "}" if is_object else "]"
    probe = _skip_space(text, pos + 1)
    index = 0
    while probe < len(text) and text[probe] != closer:
        key: str | int = index
        if is_object:
            key, probe = json.decoder.scanstring(text, probe + 1)  # type: ignore[attr-defined]
            probe = _skip_space(text, _skip_space(text, probe) + 1)  # past the ':'
        yield key, probe
        _, probe = decoder.raw_decode(text, probe)
        probe = _skip_space(text, probe)
        if probe < len(text) and text[probe] == ",":
            probe = _skip_space(text, probe + 1)
        index += 1


def _location(text: str, loc: Sequence[int | str]) -> tuple[int, str]:
    """The offset in JSON ``text`` of the value at pydantic's ``loc``, and the path as shown.

    Keys the JSON does not hold (a union's tag, a missing field) are skipped, so the
    offset is that of the deepest value that exists; a missing field is still named.
    """
    pos = _skip_space(text, 0)
    shown = ""
    for step, key in enumerate(loc):
        if pos >= len(text) or text[pos] not in "{[":
            break
        if (text[pos] == "{") != isinstance(key, str):
            break
        found = next((value for name, value in _members(text, pos) if name == key), None)
        if found is None:
            if step == len(loc) - 1 and isinstance(key, str):
                shown += f".{key}" if shown else key
            continue  # a tag of a union, or a missing key: stay on this value
        pos = found
        shown += f"[{key}]" if isinstance(key, int) else (f".{key}" if shown else key)
    return pos, shown


_LINE_END = re.compile(r"\r\n|\r|\n")


def _line_column(text: str, offset: int, *, any_line_end: bool = False) -> tuple[int, int]:
    """The 1-based line and column of ``offset``.

    JSON positions count ``\\n`` only, as :mod:`json` does; document positions count a
    lone CR, a CRLF and an LF each as one line end, as the parser does.
    """
    if not any_line_end:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
    line, start = 1, 0
    for match in _LINE_END.finditer(text):
        if match.end() > offset:
            break
        line, start = line + 1, match.end()
    return line, offset - start + 1


def document_from_json(text: str, filename: str) -> Document:
    """The :class:`Document` held by JSON ``text``; :class:`ParseError` at the bad spot otherwise."""
    body = text[1:] if text.startswith("\ufeff") else text
    if not body.strip():
        raise ParseError("not a Document: the file holds no JSON", body, 1, 1, filename=filename, code="json")
    try:
        json.loads(body)
    except json.JSONDecodeError as error:
        raise ParseError(f"invalid JSON: {error.msg}", body, error.lineno, error.colno, filename=filename, code="json") from None
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply", body, 1, 1, filename=filename, code="json") from None
    try:
        return Document.model_validate_json(body)
    except ValidationError as error:
        problems = error.errors(include_url=False)
        first = problems[0]
        try:
            offset, where = _location(body, first["loc"])
        except (ValueError, IndexError, RecursionError):  # pragma: no cover - json.loads accepted it
            offset, where = 0, ""
        line, column = _line_column(body, offset)
        more = len(problems) - 1
        message = f"not a valid Document: {where + ': ' if where else ''}{first['msg']}"
        if more:
            message += f" (and {more} more error{'s' if more > 1 else ''})"
        raise ParseError(message, body, line, column, filename=filename, code="document") from None


def load(path: str, *, input_kind: str = "auto", strict: bool = False) -> tuple[Document, str]:
    """The document in ``path`` and its text (for JSON input: the rendered text).

    Raises :class:`InputError` for an unreadable input and :class:`ParseError` for JSON
    that is not a Document or, with ``strict``, for the first diagnostic of the text.
    """
    name = display_name(path)
    text = read_text(path)
    if _input_kind(path, input_kind) == "json":
        document = document_from_json(text, name)
        if strict:
            parse(render(document), strict=True, filename=name)
        return document, render(document)
    return parse(text, strict=strict, filename=name, input=_text_reading(input_kind)), text


# ---- formats ----------------------------------------------------------------------------


OUTLINE_KINDS = frozenset(
    {"section", "clause", "preambular_paragraph", "operative_paragraph", "formula", "closing", "heading"}
)


def feed_lines(document: Document) -> str:
    """The feed (:func:`aseandocs.feed`) as JSON Lines: one record per line."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in feed(document))


def outline_text(document: Document) -> str:
    """One line per structural node: path, kind and first words, in aligned columns."""
    rows = [(place.path, place.node.kind, place.node.excerpt) for place in document.walk() if place.node.kind in OUTLINE_KINDS]  # type: ignore[union-attr]
    if not rows:
        return ""
    path_width = max(len(row[0]) for row in rows)
    kind_width = max(len(row[1]) for row in rows)
    lines = [f"{path:<{path_width}}  {kind:<{kind_width}}  {words}".rstrip() for path, kind, words in rows]
    return "\n".join(lines) + "\n"


_KIND_STYLES = {
    "section": "bold cyan",
    "clause": "cyan",
    "preambular_paragraph": "green",
    "operative_paragraph": "yellow",
    "formula": "magenta",
    "closing": "magenta",
    "heading": "bold",
}


def _tree_label(node: Any) -> Any:
    from rich.text import Text

    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(node.kind, style=_KIND_STYLES.get(node.kind, "dim"))
    if getattr(node, "num", None):
        label.append(" ")
        label.append(node.num.strip(), style="bold")
    excerpt = node.excerpt
    verb = getattr(node, "verb", None)
    if verb:
        label.append(" ")
        label.append(f"[{verb}]", style="bold magenta")
        if excerpt.startswith(verb):
            excerpt = excerpt[len(verb) :].lstrip()
    if excerpt:
        label.append(" ")
        label.append(excerpt)
    return label


def document_tree(document: Document, name: str) -> Any:
    """A rich :class:`~rich.tree.Tree` of every node: kind, number, verb and first words."""
    from rich.text import Text
    from rich.tree import Tree

    root_label = Text(no_wrap=True, overflow="ellipsis")
    root_label.append("document", style="bold")
    root_label.append(f" {name}")
    facts = [f"“{document.title}”" if document.title else None, document.date.isoformat() if document.date else None]
    if document.diagnostics:
        count = len(document.diagnostics)
        facts.append(f"{count} diagnostic{'s' if count != 1 else ''}")
    for fact in filter(None, facts):
        root_label.append(f" · {fact}", style="dim")
    root = Tree(root_label, guide_style="dim")
    stack: list[tuple[Any, Any]] = [(root, node) for node in reversed(document.children)]
    while stack:  # no recursion: a tree of any depth
        parent, node = stack.pop()
        branch = parent.add(_tree_label(node))
        stack.extend((branch, child) for child in reversed(getattr(node, "children", ())))
    return root


def _tree_text(document: Document, name: str, out: str | None) -> None:
    tree = document_tree(document, name)
    if out is None or out == STDIN:
        _console().print(tree)
        return
    buffer = io.StringIO()
    _console(buffer).print(tree)  # a file: no colour, 80 columns unless COLUMNS says otherwise
    _emit(buffer.getvalue(), out)


# ---- commands ---------------------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    document, _ = load(args.file, input_kind=args.input, strict=args.strict)
    if args.format == "json":
        indent = args.indent if args.indent > 0 else None
        _emit(document.model_dump_json(indent=indent) + "\n", args.output)
    elif args.format == "text":
        _emit(render(document), args.output)
    elif args.format == "outline":
        _emit(outline_text(document), args.output)
    elif args.format == "jsonl":
        _emit(feed_lines(document), args.output)
    elif args.format == "akn":
        from aseandocs.akn import to_akn

        _emit(to_akn(document), args.output)
    else:
        _tree_text(document, display_name(args.file), args.output)
    return EXIT_OK


def _first_difference(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    for index in range(limit):
        if a[index] != b[index]:
            return index
    return limit


def check_file(path: str, *, input_kind: str = "auto", strict: bool = False) -> list[str]:
    """The findings for one file, as ``FILE:LINE:COL: message [code]`` lines.

    A finding is a diagnostic, or a round trip that does not give back the text. With
    ``strict`` only the first diagnostic is reported, with its line and a caret. An input
    that cannot be read, or JSON that is not a Document, raises.
    """
    name = display_name(path)
    document, text = load(path, input_kind=input_kind)
    if _input_kind(path, input_kind) == "json":
        document = parse(text, filename=name)  # the document's text, parsed afresh
    findings: list[str] = []
    rendered = render(document)
    body = text[1:] if text.startswith("\ufeff") else text
    if rendered != text:
        rendered_body = rendered[1:] if rendered.startswith("\ufeff") else rendered
        line, column = _line_column(body, _first_difference(body, rendered_body), any_line_end=True)
        findings.append(f"{name}:{line}:{column}: rendered text differs from the input here [round-trip]")
    if strict and document.diagnostics:
        try:
            parse(text, strict=True, filename=name)
        except ParseError as error:
            head, _, context = str(error).partition("\n")
            findings.append(f"{head} [{error.code}]" + (f"\n{context}" if context else ""))
    elif not strict:
        findings.extend(diagnostic.format(name) for diagnostic in document.diagnostics)
    return findings


def cmd_check(args: argparse.Namespace) -> int:
    if args.files.count(STDIN) > 1:
        raise CliError("'-' (standard input) can be given only once")
    status = EXIT_OK
    for path in args.files:
        try:
            findings = check_file(path, input_kind=args.input, strict=args.strict)
        except (InputError, ParseError) as error:
            _error(str(error))
            status = EXIT_ERROR
            continue
        except Exception as error:  # a bug on one file: report it, check the others
            if os.environ.get("ASEANDOCS_DEBUG"):
                raise
            _error(f"{display_name(path)}: {_internal(error)}")
            status = EXIT_ERROR
            continue
        if findings:
            _write_stdout("".join(f"{finding}\n" for finding in findings))
            status = max(status, EXIT_FINDINGS)
    return status


def schema_text(*, feed_record: bool = False, diff_result: bool = False) -> str:
    """The JSON Schema of :class:`Document` (or of a feed record), as committed in
    ``schema/document.schema.json`` (``schema/feed.schema.json``)."""
    if feed_record:
        schema = records.json_schema()
    elif diff_result:
        from aseandocs.comparison import Diff

        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Diff.model_json_schema()}
    else:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Document.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    _emit(schema_text(feed_record=args.feed, diff_result=args.diff), args.output)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from aseandocs.comparison import diff, html_page, text_lines

    old, _ = load(args.old, input_kind=args.input)
    new, _ = load(args.new, input_kind=args.input)
    result = diff(old, new)
    if args.format == "json":
        _emit(result.model_dump_json(indent=2) + "\n", args.output)
    elif args.format == "html":
        _emit(html_page(result, old_name=display_name(args.old), new_name=display_name(args.new)), args.output)
    elif args.output:
        _emit("".join(line + "\n" for _, line in text_lines(result)), args.output)
    else:
        from rich.text import Text

        console = _console()
        for style, line in text_lines(result):
            console.print(Text(line, style=style), soft_wrap=True, highlight=False)
    return EXIT_FINDINGS if result.changed else EXIT_OK


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined, unused-ignore]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cmd_batch(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise CliError(f"argument --workers: must be at least 1, not {args.workers}")
    errors = _console(stderr=True)
    report = run_batch(
        args.dir,
        args.output,
        workers=args.workers,
        progress=not args.quiet,
        console=errors,
        indent=args.indent if args.indent > 0 else None,
        format=args.format,
        resume=args.resume,
        shard=args.shard,
    )
    if args.quiet:
        for path, message in report.failures:
            _error(f"{path}: {message}")
    else:
        if report.files == 0 and not report.skipped:
            errors.print(f"{PROG}: no .txt or .md files under {args.dir}", soft_wrap=True, markup=False)
        elif report.skipped:
            errors.print(f"{PROG}: {report.skipped} files already up to date", soft_wrap=True, markup=False)
        _console().print(summary_table(report))
    return EXIT_FINDINGS if report.failures else EXIT_OK


# ---- the parser ---------------------------------------------------------------------------


def _at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer no smaller than ``minimum``."""

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {number}")
        return number

    return convert


def _shard(value: str) -> tuple[int, int]:
    """An argparse type: ``K/N`` with 1 <= K <= N."""
    k, slash, n = value.partition("/")
    if not (slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"expected K/N with 1 <= K <= N, not {value!r}")
    return int(k), int(n)


_non_negative = _at_least(0)
_positive = _at_least(1)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aseandocs`` command."""
    parser = _Parser(
        prog=PROG,
        description="Parse the plain text of ASEAN and UN documents into a typed, lossless tree.",
        epilog=f"{INPUT_RULES}\n\n{EXIT_CODES}\n\nRun '{PROG} COMMAND --help' for the options of a command.",
        formatter_class=_formatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--input",
            choices=("auto", "text", "markdown", "html", "json"),
            default="auto",
            help="read FILE as plain text, markdown, HTML/XML or Document JSON (default: auto: JSON by the "
            ".json suffix, HTML and XML by content, else text)",
        )
        sub.add_argument(
            "--strict",
            action="store_true",
            help="stop at the first diagnostic and show it with the offending line and a caret",
        )

    parse = commands.add_parser(
        "parse",
        help="parse one document and print it as JSON, a tree, text or an outline",
        description="Parse one document and print it as JSON, a tree, its text or an outline.",
        epilog=f"""\
formats:
  json     the Document as JSON (pydantic model), indented by --indent
  tree     a tree of every node: kind, number, [verb] and first words
  text     the rendered document: byte for byte the input
  outline  one line per structural node: path (I/1/a; p[2] for the second unnumbered
           paragraph), kind, first words
  jsonl    the clean feed: one JSON record per node (id, path, parent, kind, num, label,
           heading, text, lines, cross-references), the document's record first

examples:
  {PROG} parse resolution.txt > resolution.json
  {PROG} parse resolution.json --format text     # back to the exact text
  cat declaration.md | {PROG} parse - --format tree

{INPUT_RULES}

{EXIT_CODES}""",
        formatter_class=_formatter,
    )
    parse.add_argument("file", metavar="FILE", help="the document to read, or '-' for standard input")
    parse.add_argument(
        "-f", "--format", choices=("json", "jsonl", "tree", "text", "outline", "akn"), default="json", help="output format (default: json)"
    )
    parse.add_argument(
        "--indent", type=_non_negative, default=2, metavar="N", help="JSON indentation (default: 2; 0 writes one line)"
    )
    parse.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of standard output"
    )
    common(parse)
    parse.set_defaults(handler=cmd_parse)

    check = commands.add_parser(
        "check",
        help="verify the round trip and print diagnostics as FILE:LINE:COL: message",
        description=(
            "Check that each document renders back to its exact text and print what the parser\n"
            "was unsure about, one finding per line: FILE:LINE:COL: message [code].\n"
            "For a .json document, positions refer to its rendered text."
        ),
        epilog=f"""\
examples:
  {PROG} check corpus/*.txt
  {PROG} check --strict declaration.md

{INPUT_RULES}

{EXIT_CODES}""",
        formatter_class=_formatter,
    )
    check.add_argument("files", metavar="FILE", nargs="+", help="documents to check ('-' for standard input)")
    common(check)
    check.set_defaults(handler=cmd_check)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the Document JSON or of a feed record",
        description="Print the JSON Schema (draft 2020-12) of the JSON that 'parse' writes,\nor with --feed of one record of the JSON Lines that 'parse --format jsonl' writes.",
        epilog=f"examples:\n  {PROG} schema > schema/document.schema.json\n  {PROG} schema --feed > schema/feed.schema.json\n  {PROG} schema --diff > schema/diff.schema.json\n\n{EXIT_CODES}",
        formatter_class=_formatter,
    )
    schema.add_argument("--feed", action="store_true", help="the schema of a feed record instead")
    schema.add_argument("--diff", action="store_true", help="the schema of 'diff --format json' instead")
    schema.add_argument("-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of standard output")
    schema.set_defaults(handler=cmd_schema)

    diff_command = commands.add_parser(
        "diff",
        help="what changed between two versions of a document, paragraph by paragraph",
        description=(
            "Compare two versions of a document node by node: inserted, deleted, modified\n"
            "(with word edits), moved and renumbered paragraphs. Renumbering, label style and\n"
            "typography alone are not modifications."
        ),
        epilog=f"""\
formats:
  text  one line per change, [-old-]{{+new+}} word markers, renumbering runs collapsed
  json  {{"changes": [...]}}: change, kind, old and new path, id, num, similarity, edits
  html  a standalone redline page

exit codes (as diff(1)):
  0    no changes
  1    changes
  2    trouble: an input that cannot be read or parsed, a usage error

examples:
  {PROG} diff draft.txt adopted.txt
  {PROG} diff 2023.md 2024.md --format html -o redline.html""",
        formatter_class=_formatter,
    )
    diff_command.add_argument("old", metavar="OLD", help="the earlier version")
    diff_command.add_argument("new", metavar="NEW", help="the later version")
    diff_command.add_argument("-f", "--format", choices=("text", "json", "html"), default="text", help="output format (default: text)")
    diff_command.add_argument("-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of standard output")
    diff_command.add_argument(
        "--input", choices=("auto", "text", "markdown", "html", "json"), default="auto", help="how to read both files (default: auto)"
    )
    diff_command.set_defaults(handler=cmd_diff)

    batch = commands.add_parser(
        "batch",
        help="parse every .txt and .md file under a folder into JSON files",
        description=(
            "Parse every .txt and .md file under DIR, in parallel processes, into JSON files\n"
            "under OUTDIR that mirror the folder tree: DIR/a/b.txt -> OUTDIR/a/b.txt.json.\n"
            "Each JSON file is written atomically. A file that cannot be read or parsed is\n"
            "reported and skipped; the other files still get their output."
        ),
        epilog=f"""\
examples:
  {PROG} batch corpus -o out/ --workers 4
  {PROG} batch corpus -o dataset/ --format jsonl     # then: duckdb "FROM 'dataset/**/*.jsonl'"
  {PROG} batch corpus -o dataset/ --format parquet --shard 2/4 --resume

{EXIT_CODES}""",
        formatter_class=_formatter,
    )
    batch.add_argument("dir", metavar="DIR", help="the folder to read")
    batch.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="the folder to write (created if needed)")
    batch.add_argument(
        "-j",
        "--workers",
        type=_positive,
        default=_default_workers(),
        metavar="N",
        help="parallel worker processes (default: the CPUs available; 1 runs in this process)",
    )
    batch.add_argument(
        "--indent", type=_non_negative, default=2, metavar="N", help="JSON indentation (default: 2; 0 writes one line)"
    )
    batch.add_argument(
        "-f",
        "--format",
        choices=("json", "jsonl", "parquet"),
        default="json",
        help="json: one Document JSON per file; jsonl, parquet: the feed records of every file as "
        "part files of one dataset (parquet needs pyarrow: pip install 'aseandocs[parquet]')",
    )
    batch.add_argument(
        "--resume", action="store_true", help="skip inputs whose output exists and is newer than the input"
    )
    batch.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="convert only the K-th of N deterministic shares of the inputs (for N machines)",
    )
    batch.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar or summary table; failures are still reported"
    )
    batch.set_defaults(handler=cmd_batch)
    return parser


# ---- entry point --------------------------------------------------------------------------


def _silence_stdout() -> None:
    """After a closed pipe, point standard output at devnull so exiting does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``aseandocs`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as stop:  # --help and --version
            return stop.code if isinstance(stop.code, int) else EXIT_OK
    except CliError as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    try:
        _load_library()
        return int(args.handler(args))
    except CliError as error:
        _error(str(error))
        return EXIT_ERROR
    except (InputError, ParseError) as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        if error.errno != errno.ENOSPC:
            if os.environ.get("ASEANDOCS_DEBUG"):
                raise
            _error(_internal(error))
            return EXIT_ERROR
        # Standard output on a full device ("> /dev/full"); what is left in its buffer
        # could not be written at exit either.
        _silence_stdout()
        _error("<stdout>: no space left on device")
        return EXIT_ERROR
    except Exception as error:  # a bug, not bad input: no traceback unless asked
        if os.environ.get("ASEANDOCS_DEBUG"):
            raise
        _error(_internal(error))
        return EXIT_ERROR


def _internal(error: BaseException) -> str:
    first = str(error).splitlines()[0] if str(error) else ""
    return f"internal error: {type(error).__name__}{': ' + first if first else ''} (set ASEANDOCS_DEBUG=1 for the traceback)"

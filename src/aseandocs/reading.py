"""Reading input files: bytes in, text out, with one clear error per bad input.

The rules, shared by every command and by the batch engine:

* bytes are decoded as UTF-8, with no newline translation, so rendering gives back the
  exact bytes; a leading byte-order mark is accepted and kept (the parser records it);
* an empty file is an empty (valid) document;
* invalid UTF-8, a binary file (NUL bytes, or UTF-16/UTF-32), a directory, a FIFO, a
  device or a socket (only regular files and standard input are read), a missing or
  unreadable file raise :class:`InputError`, whose ``str()`` is one line naming the
  file: ``"notes.txt: not valid UTF-8 at byte offset 1041 (line 12): invalid start byte (0xff 0x41)"``.

This module imports nothing heavy, so command-line errors are reported fast.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Union

STDIN = "-"
"""The file name that means standard input."""

STDIN_NAME = "<stdin>"
"""How standard input is named in messages."""

PathLike = Union[str, "os.PathLike[str]"]

_UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


class InputError(Exception):
    """An input that cannot be read as a document: ``str(error)`` is ``"FILE: message"``."""

    def __init__(self, filename: str, message: str) -> None:
        self.filename = filename
        self.message = message
        super().__init__(filename, message)

    def __str__(self) -> str:
        return f"{self.filename}: {self.message}"


def display_name(path: PathLike) -> str:
    """The name messages use for ``path``: ``<stdin>`` for ``-``."""
    name = os.fspath(path)
    return STDIN_NAME if name == STDIN else name


def decode(data: bytes, filename: str = "<bytes>") -> str:
    """The text of ``data``: UTF-8, BOM kept, nothing translated; :class:`InputError` otherwise."""
    for bom, encoding in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise InputError(filename, f"binary file: looks like {encoding} text; convert it to UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(filename, f"binary file: NUL byte at offset {nul}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        shown = " ".join(f"0x{byte:02x}" for byte in data[error.start : error.start + 4])
        reason = "truncated sequence" if error.reason == "unexpected end of data" else error.reason
        raise InputError(
            filename, f"not valid UTF-8 at byte offset {error.start} (line {line}): {reason} ({shown})"
        ) from None


def _os_message(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    reason = error.strerror or type(error).__name__
    return reason[0].lower() + reason[1:] if reason else "cannot be read"


def read_bytes(path: PathLike, *, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of ``path`` (``-`` reads standard input); :class:`InputError` if it cannot be read."""
    name = os.fspath(path)
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            return stream.read()
        except OSError as error:
            raise InputError(STDIN_NAME, _os_message(error)) from None
    if os.path.isdir(name):
        # Checked first: opening a directory gives EISDIR on POSIX but EACCES on Windows.
        raise InputError(name, "is a directory")
    try:
        _regular_file(name, os.stat(name).st_mode)
        # Opened without blocking (a FIFO put in its place since would wait for a writer),
        # and checked again once open.
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as handle:
            _regular_file(name, os.fstat(handle.fileno()).st_mode)
            return handle.read()
    except OSError as error:
        raise InputError(name, _os_message(error)) from None


def _regular_file(name: str, mode: int) -> None:
    """Raise :class:`InputError` unless ``mode`` is a regular file's: reading a FIFO, a
    device or a socket could block forever or never end."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(name, "is a directory")
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
    raise InputError(name, f"not a regular file ({kind}); only regular files and standard input ('-') are read")


def read_text(path: PathLike, *, stdin: BinaryIO | None = None) -> str:
    """The text of ``path`` (``-`` reads standard input), decoded by the rules of this module."""
    return decode(read_bytes(path, stdin=stdin), display_name(path))


def is_json_name(path: PathLike) -> bool:
    """Whether ``path`` names a JSON file (by its suffix)."""
    return Path(os.fspath(path)).suffix.lower() == ".json"

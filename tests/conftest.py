"""Shared test configuration: hypothesis profiles, the corpus, generators of document-like text.

Hypothesis profiles
-------------------
``ci`` (default)
    A quick run for every commit: 75 examples per property, no deadline, no explain phase.
``fuzz``
    A long run by hand: 20,000 examples per property. Select it with::

        ASEANDOCS_HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest tests/test_properties.py

    The ``fuzz`` profile also enables the tests marked ``slow`` (inputs of tens of megabytes),
    as does ``ASEANDOCS_SLOW=1``. ``ASEANDOCS_HYPOTHESIS_MAX_EXAMPLES=N`` overrides the
    number of examples of either profile (a time-boxed fuzz run).

The helpers ``corpus_files()`` and ``read_corpus(path)`` list and read the real documents of
``corpus/``; tests import them with ``from conftest import ...`` (``tests/`` has no
``__init__.py``, so pytest puts it on ``sys.path``).
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "corpus"
INVALID_DIR = Path(__file__).resolve().parent / "invalid"

PROFILE_ENV = "ASEANDOCS_HYPOTHESIS_PROFILE"

settings.register_profile(
    "ci",
    max_examples=75,
    deadline=None,
    print_blob=True,
    # The same examples on every run, so a CI result depends on the change alone; the
    # "fuzz" profile is the one that explores.
    derandomize=True,
    # No "explain" phase: it traces coverage and makes a failing run several times slower.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = os.environ.get(PROFILE_ENV, "ci")
settings.load_profile(PROFILE)
if os.environ.get("ASEANDOCS_HYPOTHESIS_MAX_EXAMPLES"):
    # A time-boxed run of a profile: the same settings with fewer (or more) examples.
    settings.register_profile(
        f"{PROFILE}-sized",
        settings.get_profile(PROFILE),
        max_examples=int(os.environ["ASEANDOCS_HYPOTHESIS_MAX_EXAMPLES"]),
    )
    settings.load_profile(f"{PROFILE}-sized")

LONG_RUN = PROFILE == "fuzz" or os.environ.get("ASEANDOCS_SLOW", "") not in ("", "0")
_skip_long_run = pytest.mark.skipif(not LONG_RUN, reason=f"slow: set {PROFILE_ENV}=fuzz or ASEANDOCS_SLOW=1")


def slow(test):  # type: ignore[no-untyped-def]
    """Inputs of tens of megabytes: marked ``slow`` (the marker of pyproject.toml, so
    ``-m "not slow"`` leaves them out) and skipped unless the fuzz profile or
    ``ASEANDOCS_SLOW=1`` asks for them."""
    return pytest.mark.slow(_skip_long_run(test))


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis profile: {PROFILE} (max_examples={settings().max_examples})"


# ---- the corpus ---------------------------------------------------------------------------

_NOT_DOCUMENTS = {"OUTLINES.md"}


def corpus_files() -> list[Path]:
    """The real documents of the corpus (``*.txt`` and ``*.md``), sorted by name."""
    files = [
        path
        for path in sorted(CORPUS_DIR.iterdir())
        if path.suffix in (".txt", ".md") and path.name not in _NOT_DOCUMENTS and path.is_file()
    ]
    return files


def read_corpus(path: Path | str) -> str:
    """A corpus document as text: its bytes decoded as UTF-8, line breaks untouched."""
    return Path(path).read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def corpus() -> dict[str, str]:
    """Every corpus document by file name."""
    return {path.name: read_corpus(path) for path in corpus_files()}


# ---- never hanging ------------------------------------------------------------------------

PARSE_TIME_LIMIT = 30.0
"""A hang guard, not a speed test (speed is measured in benchmarks/bench.py): generated
inputs parse in milliseconds, and a parse still running after this many seconds is stuck in
super-linear work (the backtracking and quadratic scans found so far took minutes)."""


_warm: list[bool] = []


class TooSlow(AssertionError):
    """A parse that took longer than its time limit."""


def _interrupt(signum: int, frame: object) -> None:
    raise TooSlow


def parse_in_time(text: str, limit: float = PARSE_TIME_LIMIT, **options: object):  # type: ignore[no-untyped-def]
    """``aseandocs.parse(text, **options)``, failing the test if it takes more than ``limit`` seconds.

    A slow parse is interrupted by SIGALRM (the regex engine checks for signals), so one
    pathological input costs ``limit`` seconds, not hours. Off the main thread, or where
    there is no SIGALRM, the parse runs to its end and is timed.
    """
    from aseandocs import parse

    if not _warm:
        parse("warm up: build the grammar outside the time limit\n")
        _warm.append(True)
    armed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if armed:
        previous = signal.signal(signal.SIGALRM, _interrupt)
        signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        doc = parse(text, **options)  # type: ignore[arg-type]
    except TooSlow:
        raise TooSlow(f"parse interrupted after {limit:.1f} s on {len(text)} characters") from None
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    if elapsed > limit:
        raise TooSlow(f"parse took {elapsed:.1f} s on {len(text)} characters")
    return doc


# ---- facts about text ----------------------------------------------------------------------

LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""The line breaks the library honours: CRLF, lone CR, LF."""



def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their breaks, as the library counts them (CRLF, CR, LF)."""
    return LINE_BREAK.split(text)


def line_count(text: str) -> int:
    return len(split_lines(text))


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


# ---- generators of document-like text -------------------------------------------------------

LABELS = [
    "1.", "2.", "3.", "4.", "10.", "1)", "2)", "(1)", "(2)", "(a)", "(b)", "(c)", "(aa)",
    "(i)", "(ii)", "(iv)", "(v)", "i.", "ii.", "iii)", "I.", "II.", "III.", "IV\\.", "V.",
    "A.", "B.", "a.", "b)", "1.1", "1.2", "1.1.1", "2.1.", "**1.**", "**2.**", "__3.__",
    "<u>4.</u>", "### 5.", "1\\.", "Article 1", "Article 2.", "ARTICLE IV", "Section 2.",
    "Part II", "Chapter 3", "Rule 7", "**Article 5**", "- ", "* ", "• ", "+ ", "– ", "1", "IV",
]
TEXTS = [
    "Decides to remain seized of the matter.",
    "Urges all States to cooperate;",
    "Calls upon Member States to act,",
    "Requests the Secretary-General to report",
    "Recalling its resolution 70/1 of 25 September 2015,",
    "Noting with concern the situation,",
    "Further recognizing the importance of",
    "STRENGTHEN cooperation in the region;",
    "WE, the Heads of State or Government,",
    "The cat sat on the mat",
    "Political and Security Community",
    "and further to the above;",
    "continues the sentence from the previous page",
    "HEREBY DECLARE:",
    "Have agreed as follows:",
    "The General Assembly,",
    "Done at Jakarta on 8 August 2017",
    "Adopted by the 9th ADMM-Plus, 23 November 2022",
    "Source: ASEAN Secretariat",
    "65th plenary meeting",
    "[Title] ASEAN Declaration",
    "[Date] 8 August 1967",
    "[Source] asean.org",
    "The full text of the statement reads as follows:",
    "Page 3 of 12",
    "A/RES/80/9",
    "- 4 -",
    "24-12345 (E)",
    "_____________",
    "<!-- comment -->",
    "---",
    "***",
    "## Annex",
    "Annex",
    "PREAMBLE",
    "IN WITNESS WHEREOF",
    "x",
    "",
]
INDENTS = ["", "", "", " ", "  ", "    ", "\t", "\u00a0", "        ", "\u3000"]
EOLS = ["\n", "\n", "\n", "\r\n", "\r"]
ODD_CHARS = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85",
    "\u00a0", "\u2007", "\u202f", "\u3000", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",
    "\u061c", "\u0301", "\u0308", "\u0327", "\u20dd", "\u0e49", "\u17d2",
    "\U0001f600", "\U0001f1f8\U0001f1ec", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u2764\ufe0f",
    "\u2028", "\u2029", "\ufffd", "\uffff", "\U0010ffff", "\u0660", "\uff11", "\u2160",
]
LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]


@st.composite
def document_lines(draw: st.DrawFn, max_lines: int = 40) -> str:
    """Text shaped like a document: labels, verbs, frame lines, page debris, odd spaces and breaks."""
    n = draw(st.integers(0, max_lines))
    out: list[str] = []
    for _ in range(n):
        shape = draw(st.integers(0, 9))
        if shape == 0:
            line = draw(st.sampled_from(INDENTS[:6]))  # blank or whitespace-only line
        elif shape == 1:
            line = draw(st.text(max_size=20))
        else:
            indent = draw(st.sampled_from(INDENTS))
            label = draw(st.sampled_from(LABELS)) if shape <= 7 else ""
            gap = draw(st.sampled_from([" ", " ", "  ", "\t", "\u00a0", ""])) if label else ""
            text = draw(st.sampled_from(TEXTS))
            line = indent + label + gap + text
            if draw(st.integers(0, 9)) == 0:
                where = draw(st.integers(0, len(line)))
                line = line[:where] + draw(st.sampled_from(ODD_CHARS + LONE_SURROGATES)) + line[where:]
        out.append(line + draw(st.sampled_from(EOLS)))
    if out and draw(st.booleans()):
        out[-1] = LINE_BREAK.sub("", out[-1])  # no final line break
    prefix = draw(st.sampled_from(["", "", "", "\ufeff", "\n", "---\ntitle: x\n---\n"]))
    return prefix + "".join(out)


def any_text() -> st.SearchStrategy[str]:
    """Every kind of str: arbitrary code points (lone surrogates included) and document-like text."""
    return st.one_of(
        st.text(),
        st.text(alphabet=st.characters(codec=None), max_size=200),
        st.lists(st.sampled_from(list("1.()aiIvV- \t\r\n#*_:;,") + ODD_CHARS + LONE_SURROGATES), max_size=120).map("".join),
        document_lines(),
    )

"""Start-up: importing the package, --version and --help load none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

import aseandocs

HEAVY = ("pydantic", "lark", "rich")

PROBE = """\
import sys
{code}
print("loaded:", ",".join(name for name in {heavy!r} if name in sys.modules))
"""


def _heavy_after(code: str) -> str:
    probe = PROBE.format(code=code, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1].removeprefix("loaded:").strip()


@pytest.mark.parametrize(
    "code",
    [
        "import aseandocs",
        "import aseandocs.cli; aseandocs.cli.main(['--version'])",
        "import aseandocs.cli, contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()): aseandocs.cli.main(['--help'])",
        "import aseandocs.cli, contextlib, io\nwith contextlib.redirect_stderr(io.StringIO()): aseandocs.cli.main(['frobnicate'])",
    ],
    ids=["import", "--version", "--help", "usage error"],
)
def test_nothing_heavy_loads(code: str) -> None:
    assert _heavy_after(code) == ""


def test_every_public_name_loads() -> None:
    for name in aseandocs.__all__:
        assert getattr(aseandocs, name) is not None
    assert callable(aseandocs.render) and callable(aseandocs.parse)
    assert set(aseandocs.__all__) <= set(dir(aseandocs))
    with pytest.raises(AttributeError):
        aseandocs.no_such_name  # noqa: B018


def test_render_is_the_function_after_its_module_loads() -> None:
    import aseandocs.render as module  # noqa: F401 - loading it must not rename the function

    from aseandocs.render import render

    assert aseandocs.render is render

"""Build hook: the layout parser's tables, built from the grammar into the wheel.

The wheel ships ``aseandocs/grammars/document.tables`` (see aseandocs.layout), so that an
installed aseandocs loads its parser instead of building it from the grammar on first use.
The tables are written by the package's own code, in a separate process of the build's
Python, from the source tree being built.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

WRITE_TABLES = """\
import sys
sys.path.insert(0, sys.argv[1])
from aseandocs import layout
layout.write_tables(sys.argv[2])
"""


class TablesHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the source tree and caches its tables
        self._folder = tempfile.mkdtemp(prefix="aseandocs-tables-")
        tables = Path(self._folder) / "document.tables"
        source = Path(self.root) / "src"
        subprocess.run([sys.executable, "-c", WRITE_TABLES, str(source), str(tables)], check=True)
        build_data["force_include"][str(tables)] = "aseandocs/grammars/document.tables"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)

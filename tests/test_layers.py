"""The layers stay apart: store/ and ingest/ never pull in textual or rich."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _modules(package: str) -> list[str]:
    """Every module of a top-level package, by dotted name."""
    return [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in sorted((ROOT / package).glob("*.py"))
        if path.name != "__init__.py"
    ]


@pytest.mark.parametrize("package", ["store", "ingest"])
def test_core_never_imports_ui_libraries(package: str) -> None:
    modules = _modules(package)
    assert modules, f"{package}/ has no modules"
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{package}/ imports {result.stdout.strip()}"

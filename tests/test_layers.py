"""The layers stay apart: store/ and ingest/ never pull in textual or rich."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_LIBRARIES = ("textual", "rich")


def _modules(package: str) -> list[str]:
    """Every module of a top-level package, by dotted name."""
    return [
        "dossier." + ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in sorted((ROOT / package).glob("*.py"))
        if path.name != "__init__.py"
    ]


def _imported_top_levels(path: Path) -> set[str]:
    """The top-level package of every import statement in a file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _ui_modules_loaded(imports: list[str]) -> set[str]:
    """The textual/rich modules a fresh interpreter has loaded after these imports."""
    script = (
        "import importlib, sys\n"
        f"for name in {imports!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(' '.join(m for m in sys.modules if m.split('.')[0] in {UI_LIBRARIES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("package", ["store", "ingest"])
def test_core_has_no_ui_import_statements(package: str) -> None:
    files = sorted((ROOT / package).glob("*.py"))
    assert len(files) > 2, f"{package}/ has no modules"
    for path in files:
        assert not _imported_top_levels(path) & set(UI_LIBRARIES), path


@pytest.mark.parametrize("package", ["store", "ingest"])
def test_core_loads_no_ui_library_beyond_what_spacy_itself_loads(package: str) -> None:
    """spaCy's CLI machinery imports rich on its own; our modules must add nothing to that."""
    baseline = _ui_modules_loaded(["spacy"])
    loaded = _ui_modules_loaded(["spacy", *_modules(package)])
    assert not any(name.split(".")[0] == "textual" for name in loaded)
    assert loaded == baseline

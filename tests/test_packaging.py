"""What `pip install .` really installs: one top-level package, `dossier`, with its seeds and stylesheet."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel a non-editable install would install, built from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("dossier-*.whl")
    return built


def test_the_only_top_level_name_is_dossier(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {name.split("/")[0] for name in names}
    assert {name for name in top_levels if not name.endswith(".dist-info")} == {"dossier"}
    for package in ("store", "ingest", "tui", "seeds"):
        assert f"dossier/{package}/__init__.py" in names


def test_the_seeds_ship_byte_for_byte_with_the_stylesheet(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        assert archive.read(f"dossier/seeds/{seed.name}") == seed.read_bytes()
    assert archive.read("dossier/tui/dossier.tcss") == (ROOT / "tui" / "dossier.tcss").read_bytes()


def test_installed_dossier_works_from_another_folder_and_store_is_not_importable(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import importlib.util, sys\n"
        f"sys.path.insert(0, {str(target)!r})\n"
        "for name in ('store', 'ingest', 'tui', 'seeds'):\n"
        "    assert importlib.util.find_spec(name) is None, name\n"
        "import dossier.cli\n"
        f"assert dossier.cli.__file__.startswith({str(target)!r}), dossier.cli.__file__\n"
        "from dossier.paths import seed_paths\n"
        "seeds = [str(path) for path in seed_paths()]\n"
        "assert dossier.cli.main(['--db', 'd.json', 'ingest', '--quiet', *seeds]) == 0\n"
        "sys.exit(dossier.cli.main(['--db', 'd.json', 'actors', '--limit', '5']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=elsewhere, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Sean McCormack" in result.stdout

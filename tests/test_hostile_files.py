"""Hostile input files, generated in a temporary folder: each gets one clear outcome line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest

from dossier.ingest.read import ReadFailure, UnreadableDocument, iter_input_files, read_document

REPO = Path(__file__).resolve().parents[1]
GOOD = "The minister said on Monday that the talks in Geneva had failed.\n"
MB = 1024 * 1024


def outcome(path: Path) -> str:
    """One line for a file: "ok: <first text line>" or "refused: <reason>"."""
    try:
        document = read_document(path)
    except UnreadableDocument as refusal:
        return f"refused: {refusal.reason}"
    return "ok: " + document.text.split("\n", 1)[0]


@pytest.fixture()
def hostile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of hostile files with good files among them."""
    monkeypatch.delenv("DOSSIER_MAX_BYTES", raising=False)
    monkeypatch.delenv("DOSSIER_MAX_LINE_CHARS", raising=False)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "00 good.txt").write_text(GOOD)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "zero.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\n\t\n")
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(GOOD.encode())
        handle.truncate(100 * MB)  # sparse: 100 MB on paper, nothing on disk
    (folder / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9.\n".encode("cp1252"))
    (folder / "bad utf8.txt").write_bytes(GOOD.encode() + b"Bad \xff byte in caf\xc3\xa9.\n")
    (folder / "utf16.txt").write_bytes("\ufeffUTF-16 caf\u00e9 text.\r\n".encode("utf-16-le"))
    (folder / "crlf.txt").write_bytes(b"First line.\r\nSecond line.\rThird line.\r\n")
    (folder / "one line.txt").write_bytes(b"x" * (5 * MB))
    deep = "<div>" * 5000 + "<p>Deeply nested words.</p>" + "</div>" * 5000
    (folder / "hostile.html").write_text(
        "<html><body><script>alert('SCRIPTTEXT')</script>"
        "<iframe src='https://evil.example'>IFRAMETEXT</iframe>"
        f"<article><p>{GOOD}</p><p>{GOOD}</p><p>{GOOD}</p></article>{deep}</body></html>"
    )
    (folder / "deep only.htm").write_text("<html><body>" + deep + "</body></html>")
    (folder / "new\nline é 名前.txt").write_text(GOOD)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not read")
    loop = folder / "loop"
    loop.mkdir()
    (loop / "inside.txt").write_text(GOOD)
    (loop / "again").symlink_to(loop, target_is_directory=True)
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_every_hostile_file_gets_one_clear_outcome(hostile_folder: Path) -> None:
    outcomes: dict[str, str] = {}
    for item in iter_input_files([hostile_folder]):
        if isinstance(item, ReadFailure):
            outcomes[item.path.name] = f"failed: {item.reason}"
        else:
            outcomes[str(item.relative_to(hostile_folder))] = outcome(item)
    assert outcomes == {
        "00 good.txt": "ok: " + GOOD.strip(),
        "bad utf8.txt": "ok: " + GOOD.strip(),
        "binary.txt": "refused: binary file",
        "blank.md": "refused: empty file",
        "broken.txt": "failed: broken symbolic link",
        "crlf.txt": "ok: First line.",
        "deep only.htm": "refused: no readable text found in the HTML page",
        "hostile.html": "ok: " + GOOD.strip(),
        "huge.txt": "refused: larger than 50 MB (limit: DOSSIER_MAX_BYTES)",
        "latin1.txt": "ok: Café crème, naïve résumé.",
        "loop/inside.txt": "ok: " + GOOD.strip(),
        "new\nline é 名前.txt": "ok: " + GOOD.strip(),
        "one line.txt": "refused: line longer than 1,000,000 characters"
        " (limit: DOSSIER_MAX_LINE_CHARS)",
        "utf16.txt": "ok: UTF-16 café text.",
        "zero.txt": "refused: empty file",
    }
    assert all("\n" not in line for line in outcomes.values())


def test_fifo_named_directly_is_refused_without_blocking(hostile_folder: Path) -> None:
    [failure] = list(iter_input_files([hostile_folder / "pipe.txt"]))
    assert failure == ReadFailure(hostile_folder / "pipe.txt", "not a regular file")
    with pytest.raises(UnreadableDocument, match="not a regular file"):
        read_document(hostile_folder / "pipe.txt")


def test_huge_file_refused_without_reading_it(hostile_folder: Path) -> None:
    tracemalloc.start()
    with pytest.raises(UnreadableDocument, match="larger than 50 MB"):
        read_document(hostile_folder / "huge.txt")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2 * MB


def test_decoded_text_details(hostile_folder: Path) -> None:
    assert read_document(hostile_folder / "crlf.txt").text == (
        "First line.\nSecond line.\nThird line.\n"
    )
    assert read_document(hostile_folder / "utf16.txt").text == "UTF-16 café text.\n"
    damaged = read_document(hostile_folder / "bad utf8.txt").text
    assert damaged.endswith("Bad \ufffd byte in café.\n")
    hostile = read_document(hostile_folder / "hostile.html").text
    assert "SCRIPTTEXT" not in hostile and "IFRAMETEXT" not in hostile and "alert" not in hostile


def test_symlink_loop_is_walked_once(hostile_folder: Path) -> None:
    found = [item for item in iter_input_files([hostile_folder / "loop"])]
    assert found == [hostile_folder / "loop" / "inside.txt"]


UNREADABLE_CHECK = """
import sys
from pathlib import Path
from dossier.ingest.read import ReadFailure, UnreadableDocument, iter_input_files, read_document
folder = Path(sys.argv[1])
for item in iter_input_files([folder]):
    if isinstance(item, ReadFailure):
        print(f"failed {item.path.name}: {item.reason}")
        continue
    try:
        read_document(item)
        print(f"ok {item.name}")
    except UnreadableDocument as refusal:
        print(f"refused {item.name}: {refusal.reason}")
"""


def _drop_permission_override() -> None:
    """In the child before exec: drop root's power to ignore file permissions.

    Removes CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2) from the capability bounding
    set (prctl PR_CAPBSET_DROP = 24), so that the executed Python obeys chmod like any user.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop capability")


def test_unreadable_file_and_folder_are_reported_and_skipped() -> None:
    """Permissions that deny reading; as root, checked in a child without permission override."""
    base = Path(tempfile.mkdtemp(prefix="dossier-perm-"))
    try:
        folder = base / "in"
        folder.mkdir()
        (folder / "a ok.txt").write_text(GOOD)
        (folder / "b secret.txt").write_text(GOOD)
        (folder / "b secret.txt").chmod(0o000)
        (folder / "c closed").mkdir()
        (folder / "c closed" / "x.txt").write_text(GOOD)
        (folder / "c closed").chmod(0o000)
        (folder / "d ok.txt").write_text(GOOD)
        base.chmod(0o755)
        folder.chmod(0o755)
        as_plain_user = {"preexec_fn": _drop_permission_override} if os.geteuid() == 0 else {}
        try:
            result = subprocess.run(
                [sys.executable, "-c", UNREADABLE_CHECK, str(folder)],
                capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
                env={**os.environ, "PYTHONPATH": str(REPO)}, **as_plain_user,
            )
        except subprocess.SubprocessError as error:
            pytest.skip(f"cannot run a child without root's permission override: {error}")
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "ok a ok.txt",
            "refused b secret.txt: permission denied",
            "failed c closed: permission denied",
            "ok d ok.txt",
        ]
    finally:
        for path in (base, base / "in" / "c closed"):
            if path.exists():
                path.chmod(0o755)
        shutil.rmtree(base)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 200_000,
        "For more information see " * 8_000,
        "Home » " * 30_000,
        "word" + " " * 200_000 + "\nnext",
        "(X is produced by " * 10_000,
        "WASHINGTON, Nov 28 (AFP) - said Monday in 2003.\n\n" * 5_000,
        "Latest news Related " * 10_000,
        "Tags: " + "a, " * 60_000,
        "abcDefghIjk" * 20_000,
        "\x1b]52;c;aGk=\x07\x9b2J\u202e" * 10_000,
    ],
    ids=["parens", "more-info", "guillemets", "spaces", "credit", "datelines", "headings",
         "tags", "glued", "escapes"],
)
def test_pathological_text_is_handled_whole(text: str) -> None:
    """Texts built to trip the line patterns come back with valid spans and an intact mask."""
    from dossier.ingest.furniture import detect_furniture, mask_for_nlp
    from dossier.ingest.metadata import infer_metadata

    spans = detect_furniture(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert len(mask_for_nlp(text, spans)) == len(text)
    assert infer_metadata(text, spans, {}).title


def test_very_deep_folders_do_not_exhaust_recursion(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(1_200):  # deeper than Python's default recursion limit
        folder = folder / "d"
        os.mkdir(folder)
    (folder / "deep.txt").write_text(GOOD)
    try:
        assert list(iter_input_files([tmp_path])) == [folder / "deep.txt"]
    finally:  # pytest's own clean-up recurses per level; remove the chain bottom-up here
        (folder / "deep.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent

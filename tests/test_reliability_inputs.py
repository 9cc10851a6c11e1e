"""Bad input: each bad file is refused with a clear reason and nothing else in the database
changes; odd but valid input is imported as it should be."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils
from spacy.language import Language

from app.core.ingest.discover import Candidate, discover
from app.core.ingest.importer import Outcome, import_paths
from app.core.ingest.prepare import prepare
from app.core.ingest.readers import MAX_FILE_BYTES
from tests.conftest import ROOT, SEED_FILES
from tests.filemakers import ARTICLE_PARAGRAPHS, write_pdf
from tests.reliability_support import assert_sound

SEED_TEXT = SEED_FILES[0].read_text(encoding="utf-8")
OPENED: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # records every file Python opens: proves "refused before reading"


def _truncated_pdf(path: Path) -> None:
    write_pdf(path, ARTICLE_PARAGRAPHS)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_suffix(".plain"), ARTICLE_PARAGRAPHS)
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    # RC4: pypdf needs the `cryptography` package for AES, which Parallax does not install.
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as out:
        writer.write(out)
    plain.unlink()


def _zip_bomb_docx(path: Path) -> None:
    """A .docx whose document.xml really inflates to 210 MB (compressed: a few hundred KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"<w:p>" + b" " * (1 << 20)
            for _ in range(210):
                entry.write(chunk)


def _fifty_mb(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"A real article line.\n" * (50 * 2**20 // 21 + 1))


def _html_without_body(path: Path) -> None:
    links = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
    path.write_text(
        f"<html><head><title>Home | Daily</title></head><body><nav><ul>{links}</ul></nav>"
        "<footer>© Daily</footer></body></html>",
        encoding="utf-8",
    )


# name → (file name, writer, expected reason)
BAD: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), "empty file"),
    "white space only": ("blank.md", lambda p: p.write_bytes(b" \n\t\n"), "empty file"),
    "binary": ("binary.txt", lambda p: p.write_bytes(os.urandom(8192)), "binary|garbled"),
    "truncated PDF": ("truncated.pdf", _truncated_pdf, "damaged PDF|no text layer"),
    "password-protected PDF": ("locked.pdf", _encrypted_pdf, "password-protected PDF"),
    "zip-bomb DOCX": ("bomb.docx", _zip_bomb_docx, "possible zip bomb"),
    "50 MB text": ("huge.txt", _fifty_mb, r"file too large \(50\.0 MB; limit 20 MB\)"),
    "invalid UTF-8 (BOM says UTF-8)": (
        "broken.txt",
        lambda p: p.write_bytes(b"\xef\xbb\xbf" + SEED_TEXT[:300].encode() + b"\xff\xfe\xfa"),
        "undecodable text: broken utf-8-sig",
    ),
    "HTML without article body": ("nav.html", _html_without_body, "no article text found"),
}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for file_name, write, _ in BAD.values():
        write(folder / file_name)
    return folder


@pytest.mark.parametrize("name", list(BAD))
def test_bad_file_is_refused_with_its_reason(bad_folder: Path, name: str) -> None:
    file_name, _, reason = BAD[name]
    path = bad_folder / file_name
    OPENED.clear()
    prepared = prepare(Candidate(path))
    assert prepared.article is None
    assert prepared.problem is not None
    assert re.search(reason, prepared.problem), prepared.problem
    if name == "50 MB text":
        assert path.stat().st_size > MAX_FILE_BYTES
        assert str(path) not in OPENED  # refused from its size alone, never opened


def _snapshot(db: sqlite_utils.Database) -> dict[str, int]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def test_importing_only_bad_files_changes_nothing(
    seed_db: sqlite_utils.Database, bad_folder: Path, nlp: Language
) -> None:
    before = _snapshot(seed_db)
    annotations = seed_db.execute("SELECT * FROM annotations").fetchall()
    report = import_paths(seed_db, [bad_folder], "Borrell in Moscow", nlp=nlp, n_process=1)
    assert report.count(Outcome.SKIPPED) == len(BAD)
    assert report.count(Outcome.IMPORTED) == 0
    assert all(r.reason for r in report.results)
    assert _snapshot(seed_db) == before
    assert seed_db.execute("SELECT * FROM annotations").fetchall() == annotations
    assert_sound(seed_db)


def test_cli_reports_each_bad_file_and_exits_3(tmp_path: Path, bad_folder: Path) -> None:
    db_path = tmp_path / "cli.db"
    result = subprocess.run(
        [sys.executable, "-m", "app", "import", str(bad_folder), "--db", str(db_path),
         "--processes", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    for file_name, _, _ in BAD.values():
        assert f"skipped   {bad_folder / file_name}: " in result.stdout
    assert f"0 imported, 0 duplicate, {len(BAD)} skipped" in result.stdout


# --- odd but readable input -----------------------------------------------------------------


def test_utf16_with_bom_reads_like_utf8(tmp_path: Path) -> None:
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(SEED_TEXT, encoding="utf-8")
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        other = tmp_path / f"{encoding}.txt"
        bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
        other.write_bytes(bom + SEED_TEXT.encode(encoding))
        a, b = prepare(Candidate(utf8)), prepare(Candidate(other))
        assert b.problem is None, (encoding, b.problem)
        assert a.article is not None and b.article is not None
        assert b.article.text == a.article.text
        assert b.text_hash == a.text_hash  # so it is recognised as a duplicate


def test_mixed_utf8_and_cp1252_decodes_each_part(tmp_path: Path) -> None:
    """Decision: a file that is mostly UTF-8 with a few Windows-1252 bytes is read with each
    part in its own encoding (not refused, not turned into mojibake, no U+FFFD)."""
    body = SEED_TEXT[:1500].replace("Borrell", "Borrell’s envoy, café owner,", 1)
    data = body.encode("utf-8") + b"\n\nHe called it \x93a fair deal\x94 at the caf\xe9.\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    prepared = prepare(Candidate(path))
    assert prepared.article is not None, prepared.problem
    text = prepared.article.text
    assert "“a fair deal” at the café." in text
    assert "Borrell’s envoy, café owner," in text
    assert "Ã" not in text and "\ufffd" not in text
    # A file wholly in Windows-1252 still goes to detection, not to the mixed reading.
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(body.replace("’", "'").encode("cp1252"))
    assert "café owner" in (prepare(Candidate(legacy)).article or prepared.article).text


def test_invalid_utf8_without_bom_is_refused_or_read_without_garbage(tmp_path: Path) -> None:
    """Bytes that fit no encoding (UTF-8 lead bytes with no continuation) are refused."""
    path = tmp_path / "junk.txt"
    path.write_bytes(b"Report \xc3\xc3\xe2\xe2\xf0\xf0 " * 200)
    prepared = prepare(Candidate(path))
    if prepared.article is None:
        assert prepared.problem and "text" in prepared.problem
    else:  # decoded by a legacy code page: then it must not be mostly control characters
        assert prepared.article.text.count("\ufffd") == 0


ODD_NAMES = [
    "with spaces in it.txt",
    "ünïcødé – Москва 東京.txt",
    "quotes \"double\" and 'single'.txt",
    "new\nline.txt",
    "semi;colon & $dollar `tick`.txt",
    "-starts-with-dash.txt",
]


def test_odd_file_names_import_with_exact_paths(
    empty_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "odd names"
    folder.mkdir()
    for i, name in enumerate(ODD_NAMES):
        (folder / name).write_text(SEED_FILES[i % 5].read_text(encoding="utf-8") + f"\n\nN{i}.")
    report = import_paths(empty_db, [folder], "Odd", nlp=nlp, n_process=1)
    assert report.count(Outcome.IMPORTED) == len(ODD_NAMES), report.summary()
    stored = {r[0] for r in empty_db.execute("SELECT path FROM articles")}
    assert stored == {str(folder / name) for name in ODD_NAMES}
    assert_sound(empty_db)


def test_symlink_loops_are_reported_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "real.txt").write_text(SEED_TEXT)
    (folder / "self").symlink_to(folder)  # a folder loop: not followed
    (folder / "nested").mkdir()
    (folder / "nested" / "up").symlink_to(folder)
    (folder / "a.txt").symlink_to(folder / "b.txt")  # a file loop: a -> b -> a
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    started = time.monotonic()
    found = {c.path.name: c.problem for c in discover([folder])}
    assert time.monotonic() - started < 1
    assert found == {
        "a.txt": "symbolic link loop",
        "b.txt": "symbolic link loop",
        "dangling.txt": "broken symbolic link",
        "real.txt": None,
    }
    given = {c.path.name: c.problem for c in discover([folder / "a.txt"])}
    assert given == {"a.txt": "symbolic link loop"}


def test_special_files_are_refused(tmp_path: Path) -> None:
    """A FIFO named like an article would block a reader forever; a folder named like one is
    walked as a folder."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    prepared = prepare(Candidate(fifo))
    assert time.monotonic() - started < 2
    assert prepared.problem is not None
    folder_like = tmp_path / "folder.txt"
    folder_like.mkdir()
    (folder_like / "inner.txt").write_text(SEED_TEXT)
    assert [c.path.name for c in discover([folder_like])] == ["inner.txt"]


UNREADABLE_CHILD = """
import sys
from pathlib import Path
from app.core.ingest.discover import Candidate
from app.core.ingest.prepare import prepare
print(prepare(Candidate(Path(sys.argv[1]))).problem)
"""


def test_unreadable_permissions(tmp_path: Path) -> None:
    """Root ignores file modes; the reader runs in a child that keeps uid 0 but has lost the
    capabilities that let root bypass them (setpriv), so the denial is real."""
    path = tmp_path / "secret.txt"
    path.write_text(SEED_TEXT)
    path.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"]
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-c", UNREADABLE_CHILD, str(path)],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except FileNotFoundError:
        pytest.skip("setpriv is not installed: root cannot be denied a file here")
    if result.returncode != 0 and "setpriv" in result.stderr:
        pytest.skip(f"setpriv not allowed here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "permission denied"


def test_docx_zip_check_reads_only_the_directory(tmp_path: Path) -> None:
    """The bomb is refused from the zip's directory, without inflating it (fast, low memory)."""
    path = tmp_path / "bomb.docx"
    _zip_bomb_docx(path)
    assert path.stat().st_size < 2 * 2**20
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 200 * 2**20
    started = time.monotonic()
    assert "zip bomb" in (prepare(Candidate(path)).problem or "")
    assert time.monotonic() - started < 1


FOLDER_FILES = 5000
FOLDER_DISTINCT = 250


@pytest.mark.slow
def test_folder_of_5000_small_files(
    empty_db: sqlite_utils.Database, tmp_path: Path, nlp: Language
) -> None:
    """Heavy (~15-25 s): 5,000 files in nested folders, 250 distinct texts and 4,750 copies.
    Every file is discovered, read and checked; only the distinct texts are analysed."""
    sentences = [s.strip() + "." for s in SEED_TEXT.replace("\n", " ").split(".") if s.strip()]
    root = tmp_path / "inbox"
    for i in range(FOLDER_FILES):
        k = i % FOLDER_DISTINCT
        folder = root / f"day{i // 500:02}"
        folder.mkdir(parents=True, exist_ok=True)
        text = f"Dispatch {k}\n\n" + " ".join(sentences[k % len(sentences) :][:3])
        (folder / f"note {i:05}.txt").write_text(text + f" Reference {k} of the wire.\n")
    started = time.monotonic()
    found = list(discover([root]))
    discover_s = time.monotonic() - started
    assert len(found) == FOLDER_FILES
    started = time.monotonic()
    report = import_paths(empty_db, [root], "Inbox", nlp=nlp, n_process=1)
    import_s = time.monotonic() - started
    imported = report.count(Outcome.IMPORTED)
    print(f"\n5000 files: discover {discover_s:.2f} s, import {import_s:.1f} s, "
          f"{imported} imported, {report.count(Outcome.DUPLICATE)} duplicate")  # fmt: skip
    assert imported == FOLDER_DISTINCT, report.summary()
    assert report.count(Outcome.DUPLICATE) == FOLDER_FILES - FOLDER_DISTINCT
    assert discover_s < 5
    assert import_s < 60
    assert_sound(empty_db)


def test_aes_encrypted_pdfs(tmp_path: Path) -> None:
    """Many publishers' PDFs are AES-encrypted with an empty user password (copy protection).
    The fixtures were made with pypdf + cryptography (AES-256, owner password "owner")."""
    fixtures = Path(__file__).parent / "fixtures"
    open_pdf = prepare(Candidate(fixtures / "aes-no-user-password.pdf"))
    locked = prepare(Candidate(fixtures / "aes-password.pdf"))
    try:
        import cryptography  # noqa: F401
    except ImportError:
        for prepared in (open_pdf, locked):
            assert prepared.problem == (
                "encrypted PDF (AES): reading it needs the Python package 'cryptography'"
            )
        return
    assert open_pdf.article is not None and "Borrell" in open_pdf.article.text
    assert locked.problem == "password-protected PDF"


def _lying_docx(path: Path) -> None:
    """A real .docx whose document.xml inflates to 210 MB while the zip claims its real size:
    the bomb a size check alone would let through."""
    import struct

    from tests.filemakers import write_docx

    real = write_docx(path.with_suffix(".real.docx"), ARTICLE_PARAGRAPHS)
    with zipfile.ZipFile(real) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                out.writestr(info.filename, data)
                continue
            claimed = len(data)
            with out.open("word/document.xml", "w") as entry:
                entry.write(data)
                for _ in range(210):  # white space after the root element is valid XML
                    entry.write(b" " * (1 << 20))
    raw = bytearray(path.read_bytes())
    name = b"word/document.xml"
    local = raw.rindex(b"PK\x03\x04", 0, raw.index(name))
    struct.pack_into("<I", raw, local + 22, claimed)  # uncompressed size, local header
    central = raw.index(name, raw.index(b"PK\x01\x02")) - 46
    struct.pack_into("<I", raw, central + 24, claimed)  # and in the central directory
    path.write_bytes(bytes(raw))
    real.unlink()


def test_docx_understating_its_size_is_not_inflated(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "liar.docx"
    _lying_docx(path)
    tracemalloc.start()
    started = time.monotonic()
    problem = prepare(Candidate(path)).problem
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problem == "damaged DOCX (Bad CRC-32 for file 'word/document.xml')", problem
    assert time.monotonic() - started < 2
    assert peak < 50 * 2**20  # zipfile stops at the claimed size; the CRC then fails

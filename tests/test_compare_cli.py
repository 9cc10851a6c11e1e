"""`parallax compare` and `parallax align` on a real seeded database."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from app.cli import main


def _db_path(db: sqlite_utils.Database) -> str:
    return str(db.execute("PRAGMA database_list").fetchone()[2])


def test_compare_text_fits_80_columns_for_three_sources(
    seed_db: sqlite_utils.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_path(seed_db)
    assert main(["compare", "--db", path, "--collection", "Borrell in Moscow",
                 "--articles", "3,4,5"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "[take]" in out and "[seize]" in out  # differing words marked in their columns
    assert "Only The Moscow Times says:" in out
    # every shown source with a statement in no group among the shown three has its list
    from app.core.view.load import load_comparison
    from app.core.view.synopsis import synopsis_rows

    comparison = load_comparison(seed_db, "Borrell in Moscow", [3, 4, 5])
    telling = {r.statement.article for r in synopsis_rows(comparison) if r.unique and r.statement}
    assert telling
    for key in telling:
        assert f"Only {comparison.article(key).label} says:" in out
    # boilerplate is never listed as something a source says
    assert "Gary Cartwright" not in out and "Envíanos" not in out


def test_compare_markdown_and_json(
    seed_db: sqlite_utils.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_path(seed_db)
    main(["compare", "--db", path, "--collection", "Borrell in Moscow", "--format", "markdown"])
    markdown = capsys.readouterr().out
    assert "**seize**" in markdown and "### g" in markdown
    main(["compare", "--db", path, "--collection", "Borrell in Moscow", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert len(document["sources"]) == 5
    assert any(d["type"] == "quote" for row in document["rows"] for d in row["differences"])
    assert all(len(row["cells"]) >= 2 for row in document["rows"])


def test_align_commands_change_and_keep_decisions(
    seed_db: sqlite_utils.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_path(seed_db)
    difference = seed_db.execute(
        "SELECT id FROM differences WHERE detail LIKE '%seize%'"
    ).fetchone()[0]
    assert main(["align", "--db", path, "ignore-difference", f"d{difference}"]) == 0
    main(["compare", "--db", path, "--collection", "Borrell in Moscow", "--articles", "4,5"])
    out = capsys.readouterr().out
    assert "(not relevant)" in out and "[seize]" not in out
    assert main(["align", "--db", path, "run", "--collection", "Borrell in Moscow"]) == 0
    main(["compare", "--db", path, "--collection", "Borrell in Moscow", "--articles", "4,5"])
    assert "[seize]" not in capsys.readouterr().out
    assert main(["align", "--db", path, "link", "s1", "s22"]) == 2  # titles are not compared


def test_compare_shows_only_differences_among_the_chosen_sources(
    seed_db: sqlite_utils.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_path(seed_db)
    main(["compare", "--db", path, "--collection", "Borrell in Moscow", "--articles", "1,2"])
    out = capsys.readouterr().out
    assert "several" not in out  # The Moscow Times' word, not in these two sources
    assert "[One]" in out and "[73]" in out
    assert max(len(line) for line in out.splitlines()) <= 80

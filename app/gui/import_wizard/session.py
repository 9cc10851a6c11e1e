"""What the wizard's pages share: chosen paths, preview rows with the user's edits, the target
collection and the final report. Qt-free, so its rules are tested without widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.errors import ParallaxError
from app.core.ingest.addresses import is_web_address
from app.core.ingest.edits import check_edit
from app.core.ingest.fetch import Fetched
from app.core.ingest.importer import FileResult, ImportReport, Outcome
from app.core.ingest.naming import Name
from app.core.ingest.preview import PreviewItem, Status

LEFT_OUT = "left out in the preview"


def result_label(key: str) -> str:
    """How a file or page of an import is named in a list: a page by its address, a file by
    its name (its path in the tooltip)."""
    return key if is_web_address(key) else Path(key).name


NOT_REACHED = "not imported: the import was stopped before this file"


@dataclass(slots=True)
class Row:
    """One previewed file: whether it will be imported and the metadata the user corrected."""

    item: PreviewItem
    checked: bool = True
    edits: dict[str, str | None] = field(default_factory=dict)
    names: list[Name] = field(default_factory=list)
    # values the user typed that cannot be stored: name -> (typed text, why). Kept so the cell
    # shows what was typed (never blanked), and so the wizard does not go on as if it was taken.
    refused: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.item.path

    @property
    def key(self) -> str:
        """The row's name in the import and its report: a web address, else the file path."""
        return self.item.prepared.key

    @property
    def is_web(self) -> bool:
        return bool(self.item.prepared.origin)

    @property
    def label(self) -> str:
        """What the user sees as its name: the address of a page, the name of a file."""
        return self.key if self.is_web else self.path.name

    @property
    def importable(self) -> bool:
        return self.item.status is not Status.PROBLEM

    def detected(self, name: str) -> str | None:
        article = self.item.prepared.article
        return getattr(article.metadata, name) if article is not None else None

    def value(self, name: str) -> str | None:
        return self.edits[name] if name in self.edits else self.detected(name)

    def is_edited(self, name: str) -> bool:
        return name in self.edits

    def set_value(self, name: str, value: str | None) -> None:
        """Record an edit (raises ParallaxError for a value that cannot be stored)."""
        try:
            checked = check_edit(name, value)
        except ParallaxError as exc:
            self.refused[name] = (value or "", str(exc))
            raise
        self.refused.pop(name, None)
        if checked == self.detected(name):
            self.edits.pop(name, None)
        else:
            self.edits[name] = checked


@dataclass(slots=True)
class ImportSession:
    db_path: Path
    paths: list[Path] = field(default_factory=list)
    recursive: bool = True
    rows: list[Row] = field(default_factory=list)
    previewed: tuple[object, ...] | None = None  # what `rows` were made from
    collection: str = ""
    report: ImportReport | None = None
    # The Links page: the addresses listed (kept when fetching fails, to try again) and what
    # fetching them gave, by address; `links` says the user went that way.
    links: bool = False
    urls: list[str] = field(default_factory=list)
    fetched: dict[str, Fetched] = field(default_factory=dict)
    feeds: dict[str, list[str]] = field(default_factory=dict)  # feed → its items' links

    def addresses(self) -> list[str]:
        """The listed addresses, each feed read replaced by its items' links."""
        found: list[str] = []
        for url in self.urls:
            for address in self.feeds.get(url, [url]):
                if address not in found:
                    found.append(address)
        return found

    def pages(self) -> list[Fetched]:
        """What was fetched for the listed addresses (the Links page's result), in order."""
        if not self.links:
            return []
        return [self.fetched[url] for url in self.addresses() if url in self.fetched]

    def preview_of(self) -> tuple[object, ...]:
        fetched = tuple((f.url, f.page.fetched_at if f.page else f.problem) for f in self.pages())
        return (tuple(self.paths), self.recursive, fetched)

    def wants_preview(self) -> bool:
        return self.previewed != self.preview_of()

    def chosen(self) -> list[Row]:
        return [r for r in self.rows if r.checked and r.importable]

    def refused(self) -> list[tuple[Row, str, str, str]]:
        """(row, field, typed, why) of every refused value in a row that will be imported."""
        return [(r, name, typed, why) for r in self.chosen()
                for name, (typed, why) in r.refused.items()]  # fmt: skip

    def unsaved_edits(self) -> int:
        """Corrections made in the preview that no import has used yet."""
        if self.report is not None:
            return 0
        return sum(len(r.edits) + len(r.refused) for r in self.rows)

    def chosen_files(self) -> list[Path]:
        return [r.path for r in self.chosen() if not r.is_web]

    def chosen_pages(self) -> list[Fetched]:
        return [self.fetched[r.key] for r in self.chosen() if r.is_web and r.key in self.fetched]

    def chosen_edits(self) -> dict[str, dict[str, str | None]]:
        return {r.key: dict(r.edits) for r in self.chosen() if r.edits}

    def chosen_words(self) -> int:
        return sum(r.item.prepared.words for r in self.chosen())

    def full_report(self, imported: ImportReport) -> ImportReport:
        """The import's own results plus every file the import never saw (problems found in
        the preview, rows left out), in the order of the preview."""
        by_path = {r.path: r for r in imported.results}
        results: list[FileResult] = []
        for row in self.rows:
            path = row.key
            if path in by_path:
                results.append(by_path[path])
            elif not row.importable:
                results.append(FileResult(path, Outcome.SKIPPED, row.item.reason))
            elif not row.checked:
                results.append(FileResult(path, Outcome.SKIPPED, LEFT_OUT))
            else:
                results.append(FileResult(path, Outcome.SKIPPED, NOT_REACHED))
        return ImportReport(imported.collection, results, imported.cancelled)

"""Collection-level analysis that runs after import: entity linking, statement alignment,
annotation re-anchoring.

Each stage writes in one transaction, and `should_stop` is asked between stages: stopping (or
a crash) leaves every stage either fully written or not at all. A stopped analysis is picked up
by the next run: the aligner re-aligns the articles it has not recorded as aligned.

The analysis is total. An article that trips a stage is left out of that stage and named in
the report (the aligner isolates its articles itself); a stage that fails for the collection as
a whole is reported and the next stage runs. Only the store failing (SQLite, the disk) ends the
run with an exception. Until a run finishes with nothing failed, the collection is marked
unfinished in the store (store/analysis_state.py), with when and why."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from app.core.annotations.anchor import reanchor_collection
from app.core.compare import corrections as alignment_corrections
from app.core.compare.pipeline import AlignReport, align_collection
from app.core.entities import corrections
from app.core.entities.pipeline import link_collection
from app.core.failures import ArticleFailure, describe_error, failure
from app.core.store import analysis_state

log = logging.getLogger("parallax.analysis")

STAGES = ("link", "align", "reanchor")


@dataclass(slots=True)
class AnalysisReport:
    """What a run did: whether every stage ran (not stopped), and what failed on the way."""

    completed: bool = True
    stopped_before: str | None = None
    failures: list[ArticleFailure] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        """Every stage ran and nothing failed: the collection is fully analysed."""
        return self.completed and not self.failures

    def failure_lines(self) -> list[str]:
        return [f.line() for f in self.failures]


def analyse_collection(
    db: sqlite_utils.Database,
    collection_id: int,
    should_stop: Callable[[], bool] = lambda: False,
    on_stage: Callable[[str], None] = lambda stage: None,
    first: str = STAGES[0],
) -> AnalysisReport:
    """Run the stages in order from `first`; `completed` is False when `should_stop` ended it
    before the last one. Started at "align" (after an alignment correction) every group is
    rebuilt, so that the corrections are replayed over the whole collection."""
    runs: dict[str, Callable[[], object]] = {
        "link": lambda: link_collection(db, collection_id),
        # After linking: the aligner reads entities through mentions.entity_id.
        "align": lambda: align_collection(db, collection_id, full=first == "align"),
        # Last: annotations follow re-imported (edited) articles to their new text.
        "reanchor": lambda: reanchor_collection(db, collection_id),
    }
    report = AnalysisReport()
    # Marked first, in its own transaction: a kill in the middle leaves the mark behind.
    analysis_state.mark(db, collection_id, analysis_state.INTERRUPTED)
    for stage in STAGES[STAGES.index(first) :]:
        if should_stop():
            report.completed, report.stopped_before = False, stage
            analysis_state.mark(db, collection_id, f"stopped before {stage}", report.failures)
            return report
        on_stage(stage)
        try:
            with db.atomic():
                result = runs[stage]()
        except (sqlite3.Error, OSError, MemoryError) as exc:
            # The store itself failed: nothing more can be written safely; say why if we can.
            _mark_quietly(db, collection_id, f"{stage} failed: {describe_error(exc)}")
            raise
        except Exception as exc:  # a bug met by some text: report it, run the next stage
            report.failures.append(failure(stage, None, {}, exc))
            continue
        if isinstance(result, AlignReport):
            report.failures.extend(result.failures)
    if report.failures:
        analysis_state.mark(db, collection_id, _reason(report.failures), report.failures)
    else:
        analysis_state.clear(db, collection_id)
    return report


def _reason(failures: list[ArticleFailure]) -> str:
    articles = {f.article for f in failures if f.article_id is not None}
    stages = sorted({f.stage for f in failures if f.article_id is None})
    parts = [f"{len(articles)} article(s) failed a stage"] if articles else []
    parts += [f"{stage} failed for the collection" for stage in stages]
    return "; ".join(parts)


def _mark_quietly(db: sqlite_utils.Database, collection_id: int, reason: str) -> None:
    try:
        if db.conn.in_transaction:
            db.conn.rollback()
        analysis_state.mark(db, collection_id, reason)
    except (sqlite3.Error, OSError):
        log.exception("could not mark collection %s unfinished", collection_id)


def apply_entity_correction(
    db: sqlite_utils.Database, collection_id: int, action: str, *args: object, **kwargs: object
) -> tuple[int, AnalysisReport]:
    """Record an entity correction (merge, split, rename, hide: `corrections.<action>`), then
    re-run exactly what depends on the entities: linking, then alignment (it reads
    mentions.entity_id), then re-anchoring. Returns the corrected entity's new id and the run's
    report. The one rule for what re-runs after a correction."""
    if action not in corrections.ACTIONS:
        raise ValueError(f"unknown entity correction {action!r}")
    record: Callable[..., tuple[int, int, int]] = getattr(corrections, action)
    anchor = record(db, collection_id, *args, **kwargs)
    report = analyse_collection(db, collection_id)
    return corrections.entity_at(db, anchor), report


def apply_alignment_correction(
    db: sqlite_utils.Database, action: str, *args: object, **kwargs: object
) -> tuple[int, AnalysisReport | None]:
    """Record an alignment correction (link, unlink, ignore_difference:
    `compare/corrections.<action>`), then re-run what depends on it: a link or an unlink
    rebuilds every group (the aligner replays each decision) and re-anchors the group notes;
    marking a difference (not) relevant changes nothing stored (the comparison view reads the
    mark), so nothing re-runs. Returns the collection id and the run's report, if any."""
    if action not in alignment_corrections.ACTIONS:
        raise ValueError(f"unknown alignment correction {action!r}")
    record: Callable[..., int] = getattr(alignment_corrections, action)
    collection_id = record(db, *args, **kwargs)
    if action == "ignore_difference":
        return collection_id, None
    return collection_id, analyse_collection(db, collection_id, first="align")


def remove_entity_correction(
    db: sqlite_utils.Database, collection_id: int, correction_id: int
) -> AnalysisReport:
    """Forget a correction and analyse the collection again without it."""
    corrections.remove(db, collection_id, correction_id)
    return analyse_collection(db, collection_id)

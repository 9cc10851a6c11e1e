"""The statements' sentence vectors (all-MiniLM-L6-v2, app/core/nlp/minilm.py), kept in the store.

The encoder costs about 4 ms a sentence, so each body statement is encoded once: when its
article is imported (ingest/encoding.py, beside spaCy's parse of the next article), and
otherwise when an alignment first needs it (`stored_meanings`: articles imported before the
encoder existed, or whose vectors a stopped import or a crash lost). A statement never
changes its text: a re-imported text makes new statements.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sqlite_utils

from app.core.compare.features import StatementInfo
from app.core.nlp.minilm import MODEL_ID, sentence_encoder

CHUNK = 500  # statement ids per SELECT: under SQLite's limit on bound parameters


def stored_meanings(
    db: sqlite_utils.Database, statements: Sequence[StatementInfo]
) -> np.ndarray | None:
    """Unit vectors of `statements`, one row each in order; those not stored yet are encoded
    and stored (inside the caller's transaction). None when the encoder is missing."""
    encoder = sentence_encoder()
    if encoder is None:
        return None
    found = _load(db, [st.id for st in statements])
    missing = [st for st in statements if st.id not in found]
    if missing:
        vectors = encoder.encode([st.text for st in missing])
        _store(db, [st.id for st in missing], vectors)
        found.update(zip((st.id for st in missing), vectors, strict=True))
    matrix = np.zeros((len(statements), encoder.dims), dtype=np.float32)
    for row, st in enumerate(statements):
        matrix[row] = found[st.id]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)  # float16 storage: renormalise
    return matrix / np.where(norms > 0, norms, 1.0)


def unencoded_statements(db: sqlite_utils.Database, article_id: int) -> list[tuple[int, str]]:
    """(id, text) of the article's body statements that have no stored vector yet."""
    rows = db.execute(
        'SELECT s.id, substr(a.text, s.start + 1, s."end" - s.start) FROM statements s'
        " JOIN articles a ON a.id = s.article_id"
        " LEFT JOIN statement_meanings m ON m.statement_id = s.id AND m.model = ?"
        " WHERE s.article_id = ? AND s.role = 'body' AND m.statement_id IS NULL ORDER BY s.seq",
        [MODEL_ID, article_id],
    ).fetchall()
    return [(int(sid), str(text)) for sid, text in rows]


def store_meanings(db: sqlite_utils.Database, ids: Sequence[int], vectors: np.ndarray) -> None:
    """Keep the vectors of statements `ids` (one row each, in order), in one transaction.
    Statements deleted meanwhile (an article re-imported) are skipped."""
    with db.atomic():
        _store(db, list(ids), vectors)


def _load(db: sqlite_utils.Database, ids: list[int]) -> dict[int, np.ndarray]:
    found: dict[int, np.ndarray] = {}
    for begin in range(0, len(ids), CHUNK):
        chunk = ids[begin : begin + CHUNK]
        marks = ",".join("?" * len(chunk))
        for sid, blob in db.execute(
            f"SELECT statement_id, vector FROM statement_meanings"
            f" WHERE model = ? AND statement_id IN ({marks})",
            [MODEL_ID, *chunk],
        ).fetchall():
            found[int(sid)] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    return found


def _store(db: sqlite_utils.Database, ids: list[int], vectors: np.ndarray) -> None:
    db.conn.executemany(
        "INSERT OR REPLACE INTO statement_meanings (statement_id, model, vector)"
        " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM statements WHERE id = ?)",
        [
            (sid, MODEL_ID, vector.astype(np.float16).tobytes(), sid)
            for sid, vector in zip(ids, vectors, strict=True)
        ],
    )

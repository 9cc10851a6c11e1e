"""Sentence vectors of the imported articles, encoded on one worker thread.

spaCy parses an article on one core (n_process=1, the usual import); the encoder
(onnxruntime, which lets go of the GIL) would otherwise wait for it and then run alone. So
each stored article's statements are encoded on a worker thread while the import loop parses
the next article, and the vectors are written by the import's own thread (the SQLite
connection is not shared) when they are ready. A failure here loses nothing: the alignment
encodes whatever has no vector (compare/meanings.py).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import sqlite_utils

from app.core.compare.meanings import store_meanings, unencoded_statements
from app.core.nlp.minilm import sentence_encoder

log = logging.getLogger("parallax.import")


class BackgroundEncoding:
    """Use as a context manager around the import loop: `add(article_id)` after each stored
    article, `collect()` now and then; leaving waits for the rest and writes it."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.encoder = sentence_encoder()
        self.pool: ThreadPoolExecutor | None = None
        self.pending: deque[tuple[int, list[int], Future[np.ndarray]]] = deque()

    def __enter__(self) -> BackgroundEncoding:
        if self.encoder is not None:
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parallax-encode")
        return self

    def __exit__(self, failure: type[BaseException] | None, *_: object) -> None:
        if self.pool is None:
            return
        if failure is None:
            self.collect(wait=True)
        else:  # the import is failing (the store, say): leave the rest to the alignment
            self.pending.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, article_id: int) -> None:
        if self.pool is None or self.encoder is None:
            return
        rows = unencoded_statements(self.db, article_id)
        if rows:
            texts = [text for _, text in rows]
            future = self.pool.submit(self.encoder.encode, texts)
            self.pending.append((article_id, [sid for sid, _ in rows], future))
        self.collect()

    def collect(self, wait: bool = False) -> None:
        """Write the vectors of the articles encoded so far, in order (all, if `wait`)."""
        while self.pending and (wait or self.pending[0][2].done()):
            article_id, ids, future = self.pending.popleft()
            try:
                store_meanings(self.db, ids, future.result())
            except (sqlite3.Error, MemoryError):
                raise  # the store itself failed: the import ends with its clear error
            except Exception:  # an encoder bug: the alignment encodes what is missing
                log.exception("sentence vectors of article %s: left to the alignment", article_id)

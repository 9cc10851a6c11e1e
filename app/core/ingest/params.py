"""Thresholds of the importer's role and metadata rules, in one place a benchmark can sweep."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IngestParams:
    # A headline is one of the first few paragraphs and short.
    title_search_paragraphs: int = 3
    title_max_words: int = 20
    # A byline sits near the top and is short ("By Jane Roe, Health Editor").
    byline_search_paragraphs: int = 6
    byline_max_words: int = 12
    # A wire dateline ("LONDON, May 6 (Wire) —") opens one of the first body paragraphs.
    dateline_search_body: int = 2
    dateline_max_chars: int = 80
    # A timestamp line ("Updated 14:32 GMT") is a short run of date and time words.
    stamp_max_words: int = 16
    # A prompt ("Read more", "Sign up") is a short line; a long one starting alike is prose.
    prompt_max_words: int = 12
    # An explainer's question headings ("What has happened?"): short, and more than one.
    question_heading_max_words: int = 10
    question_headings_min: int = 2


DEFAULT_PARAMS = IngestParams()

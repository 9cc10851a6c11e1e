"""Language identification of articles and blocks (offline model shipped with py3langid)."""

from __future__ import annotations

from functools import cache

# Restricting the candidates to languages news readers meet makes short blocks far more
# reliable than the full 97-language model (which calls "Aftermath" Swedish).
_CANDIDATES = [
    "en", "es", "fr", "de", "it", "pt", "nl", "ru", "uk", "pl", "fi", "sv", "da", "no", "et",
    "lv", "lt", "cs", "hu", "ro", "el", "tr", "ar", "zh", "ja",
]  # fmt: skip


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(_CANDIDATES)
    return ident


def detect(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for a text."""
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def is_foreign(text: str, article_language: str | None, min_words: int = 3) -> bool:
    """True when a block is confidently in another language than its article."""
    if not article_language or len(text.split()) < min_words:
        return False
    lang, prob = detect(text)
    return lang != article_language and prob >= 0.6

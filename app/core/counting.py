"""Counts in words a reader sees: "1 article", "2 articles", "1 statement group"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for one, else the plural (default: noun + "s")."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"

"""The one word-diff helper (issue 15: the diff-match-patch word trick was written twice)."""

from __future__ import annotations

from app.core.textdiff import DELETE, EQUAL, INSERT, token_diff


def test_words_not_characters_are_compared() -> None:
    old, new = "we must not seize the chance", "we must not take the chance"
    pieces = token_diff(old.split(" "), new.split(" "))
    assert pieces == [(EQUAL, ["we", "must", "not"]), (DELETE, ["seize"]), (INSERT, ["take"]),
                      (EQUAL, ["the", "chance"])]  # fmt: skip


def test_many_distinct_words_never_become_surrogates() -> None:
    """Each distinct word is one character: past 55,000 words the code points would reach the
    surrogate range, which is not text; they are skipped."""
    old = [f"w{i}" for i in range(60_000)]
    new = [*old[:-1], "changed"]
    pieces = token_diff(old, new)
    assert pieces[-2:] == [(DELETE, ["w59999"]), (INSERT, ["changed"])]
    assert sum(len(t) for op, t in pieces if op == EQUAL) == 59_999

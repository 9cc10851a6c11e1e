"""How severe a difference is among some of its readings (a comparison of chosen articles):
worked out again from the readings' values. Light on purpose, like date_values.py: the
comparison view calls it without loading the finders."""

from __future__ import annotations

from typing import Any

from app.core.compare.date_values import values_agree
from app.core.compare.params import DEFAULT


def severity_among(kind: str, values: list[Any], severity: str) -> str | None:
    """A difference's severity over some of its readings (a synopsis of chosen sources): for
    amounts and dates it is worked out again from the readings' values, None when those no
    longer differ ("Fifteen" and "about 15" without the "14" of a left-out source); other
    kinds keep theirs."""
    if kind == "number":
        ranges = [_as_range(v) for v in values]
        if any(r is None for r in ranges):
            return severity
        spans = [r for r in ranges if r is not None]
        if len(set(spans)) < 2:
            return None
        slack = 1 + DEFAULT.range_slack
        clash = any(a[0] > b[1] * slack or b[0] > a[1] * slack for a in spans for b in spans)
        return "conflict" if clash else "variation"
    if kind == "date":
        if not all(isinstance(v, str) and v for v in values):
            return severity
        clash = any(not values_agree(a, b) for a in values for b in values)
        return "conflict" if clash else None
    return severity


def _as_range(value: Any) -> tuple[float, float] | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), float(value)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) for v in value)
    ):
        return float(value[0]), float(value[1])
    return None

"""Numbers, money, percentages and durations as ranges, so that differently worded amounts can
be compared.

"three" is [3, 3], "fourteen" [14, 14], "several" [3, 9], "a dozen" [12, 12], "between 10 and
12" [10, 12], "about 20" [16, 24], "more than 100" [100, 200], "£2.5m" [2.5e6, 2.5e6] GBP,
"12 per cent" and "12%" [12, 12] percent, "half of" 50 percent, "nearly three years" [2.7, 3]
years. Two amounts of the same thing are the same reading when their ranges are equal, a
`variation` when the ranges overlap ("about 20" and "21"), a `conflict` when they cannot both
be true ("14" and "15").

Words become numbers through text2num; the words that may form a number, the approximations
and the vague amounts are data (resources/lexicon/differences.json).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from text_to_num import text2num

from app.core.compare.counted import count_unit, is_attribute, is_margin
from app.core.compare.features import StatementInfo, remembered
from app.core.compare.params import DEFAULT, DivergenceParams, alternation, lexicon, word_set
from app.core.nlp.dates import month_numbers

FRACTION_ROUNDING = 0.05  # "a third" tells 32 to 35 per cent
# How far around an amount its modifiers, units and date words are looked for (characters).
_LOOK = 64
_PERIOD_LEAD = re.compile(r"\b(?:for|after|of|in)\s+$")
_SPLIT_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:in\s+favou?r|votes?|\W|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # article offsets
    end: int
    text: str
    low: float
    high: float
    # What is counted: "year" for durations, "money:GBP", "percent", else the counted noun's
    # lemma ("diplomat", "people"); "~" and the verb's stem when the amount stands alone
    # ("three were hurt": "~hurt").
    unit: str
    # The verb the counted thing is subject or object of, stemmed ("injur"), and a degree
    # word on it ("serious"): "two were seriously injured" is not "14 people were injured".
    predicate: str = ""
    qualifier: str = ""
    # The figure as written, before "about" or "up to" ("1,200" in "up to 1,200"; a range's
    # middle), and whether the words round it ("about 20") rather than bound it ("over 20").
    nominal: float = 0.0
    rounded: bool = False
    # a floor or a ceiling before a written figure ("more than 80", "at least 12", "less than
    # ten"): an exact figure on its side confirms it; "up to 1,200" names its figure, so it is
    # no ceiling ("nearly" rounds, within a tenth: it tells 2.9 years, not two years and eight
    # months)
    bounded: bool = False
    # written as a range ("between 100 and 115", "2.5 to 3 per cent"): it tells any figure
    # inside it ("about 110", "112")
    ranged: bool = False
    # an order of magnitude, not a figure ("dozens", "thousands", "tens of thousands"): it
    # tells an inexact figure it covers ("dozens" and "about 60"), not an exact one
    magnitude: bool = False
    # a round figure written in digits ("3,800", "78,000": two significant digits, then
    # zeros): half its last written unit either way is the same figure ("3,826")
    round_unit: float = 0.0
    # a count with a written figure ("14 officers", "fifteen were held", "hundreds"): not a
    # sum, share, measure or vague word ("several"); ages and ranks are never counted
    counted: bool = False

    @property
    def headless(self) -> bool:
        return self.unit.startswith("~")

    @property
    def exact(self) -> float | None:
        return self.low if self.low == self.high else None

    def compatible(self, other: Quantity, slack: float = DEFAULT.range_slack) -> bool:
        return self.low <= other.high * (1 + slack) and other.low <= self.high * (1 + slack)

    def same(self, other: Quantity) -> bool:
        return (self.low, self.high) == (other.low, other.high)

    def told_alike(self, other: Quantity) -> bool:
        """One figure told two ways: the same range, the same figure with or without a bound
        ("up to 1,200" and "1,200"), a rounded figure and an exact one it covers ("about 20"
        and "21"), or a bound and an exact figure that meets it ("more than 80" and "85");
        "several" and "three" stay two readings (no figure is written)."""
        if self.same(other):
            return True
        # the same figure, bounded or not ("more than 40" and "at least 40")
        if self.nominal and self.nominal == other.nominal:
            return True
        for wide, figure in ((self, other), (other, self)):
            if wide.ranged and not figure.ranged and wide.low <= figure.nominal <= wide.high:
                return True
            # an order of magnitude tells any figure inside it ("dozens" and "about 60",
            # "hundreds" and "312", "dozens" and "seventy-two"): a reader sees no divergence,
            # and the gold of every corpus story that tells one says so (stop 18; before, an
            # exact figure was set against it). "Several" is no order of magnitude: "several"
            # and "three" stay two readings.
            if wide.magnitude and wide.low <= figure.nominal <= wide.high:
                return True
            # ... and an inexact figure whose range reaches into it ("hundreds" and "more than
            # 100": 100 to 200)
            inexact = figure.rounded or figure.bounded or figure.ranged
            if wide.magnitude and inexact and figure.low <= wide.high and wide.low <= figure.high:
                return True
            value = figure.exact
            if (
                wide.round_unit
                and value is not None
                and abs(value - wide.nominal) <= (wide.round_unit / 2)
            ):
                return True
        for rounded, exact in ((self, other), (other, self)):
            value = exact.exact
            covers = rounded.rounded or rounded.bounded
            if covers and value is not None and rounded.low <= value <= rounded.high:
                return True
            # two inexact figures, one within the other's rounding ("about 2,000" and "some
            # 2,150", "almost 80,000" and "more than 78,000")
            if (
                rounded.rounded
                and (exact.rounded or exact.bounded)
                and (rounded.low <= exact.nominal <= rounded.high)
            ):
                return True
        return False

    @property
    def key(self) -> tuple[str, str]:
        return self.unit, self.qualifier


@dataclass(frozen=True, slots=True)
class _Patterns:
    money_symbol: re.Pattern[str]
    money_word: re.Pattern[str]
    percent: re.Pattern[str]
    fraction: re.Pattern[str]
    share: re.Pattern[str]
    range: re.Pattern[str]
    split: re.Pattern[str]
    vague: re.Pattern[str]
    number: re.Pattern[str]
    modifier: re.Pattern[str]
    duration: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    time_after: re.Pattern[str]
    # A word every match of a pattern holds: without it the (slow) pattern is not run.
    money_word_cue: re.Pattern[str]
    percent_cue: re.Pattern[str]
    vague_cue: re.Pattern[str]
    # What every amount holds, of any pattern: a digit, a number word, a fraction or vague
    # amount's word, or a unit "a" counts ("a year"). Most statements hold none: they are
    # not scanned further.
    amount_cue: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    words = alternation(lex["number_words"])
    scale = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))"
    word_number = rf"(?:{words})(?:(?:-|\s+)(?:{words})|{scale}\s+and\s+(?:{words}))*"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    # a side of a vote or a score: whole, below a million ("7", "312", "1,482")
    tally = r"\d{1,3}(?:,\d{3})?(?![\d,])|\d{1,6}(?!\d)"
    num = rf"(?:{digits}|{word_number})"
    mult = alternation(list(lex["multipliers"]))
    money_mult = alternation(list(lex["money_multipliers"]))
    symbols = alternation(list(lex["currency_symbols"]))
    currency_words = alternation(list(lex["currency_words"]))
    percent_words = "|".join(
        re.escape(w).replace(r"\ ", r"\s?") + ("" if w == "%" else r"\b")
        for w in lex["percent_words"]
    )
    months = alternation(list(month_numbers()))
    unit_words = "|".join(rf"{unit}s?" for unit in lexicon()["duration_units"])
    # "a second attempt" is an ordinal, not one second
    glued = alternation(list(lex["glued_units"]))
    place = r"(?=\s*(?:[.,;)]|\s(?:" + alternation(lex["measure_followers"]) + r")\b))"
    article_units = "|".join(rf"{unit}s?" for unit in lexicon()["duration_units"]
                             if unit != "second")  # fmt: skip
    flags = re.IGNORECASE
    return _Patterns(
        money_symbol=re.compile(
            # "between £3 million and £5 million": "and" joins a range only after "between"
            rf"(?P<between>\bbetween\s+)?(?P<cur>{symbols})\s?(?P<a>{digits})"
            rf"(?P<amult>[\s-]*(?:{mult})\b|(?:{money_mult})\b)?"
            rf"(?:\s*(?:-|–|to|(?(between)and|(?!)))\s*(?:{symbols})?(?P<b>{digits}))?"
            rf"(?P<mult>[\s-]*(?:{mult})\b|(?:{money_mult})\b)?",
            flags,
        ),
        money_word=re.compile(
            rf"\b(?P<a>{num})(?P<mult>\s+(?:{mult}))?\s+(?P<cur>{currency_words})\b", flags
        ),
        percent=re.compile(
            rf"\b(?P<a>{num})(?:\s*(?:-|–|to)\s*(?P<b>{num}))?\s*(?:{percent_words})", flags
        ),
        # a share of something ("a third of the staff"), or a change by one ("cut by a third",
        # "rose by half in a year"), not an ordinal ("a third attempt", "by a third party")
        fraction=re.compile(
            rf"(?P<by>\bby\s+)?\b(?P<frac>{alternation(list(lex['fractions']))})\b"
            rf"(?(by)(?=\s*(?:[,.;:)]|$)|\s+(?:{alternation(lex['after_change'])})\b)"
            rf"|(?=\s+(?:of|the)\b))",
            flags,
        ),
        # "one in five nursing posts", "1 in 10 adults": a share
        share=re.compile(rf"\b(?P<a>{num})\s+in\s+(?P<b>{num})\b(?=\s+[a-z])", flags),
        range=re.compile(
            rf"\b(?:between\s+(?P<a>{num})\s+and\s+(?P<b>{num})"
            rf"|from\s+(?P<c>{num})\s+to\s+(?P<d>{num})"
            rf"|(?P<e>{num})\s*(?:-|–|to)\s*(?P<f>{num}))\b(?P<mult>\s+(?:{mult})\b)?",
            flags,
        ),
        # a split of votes or a score: "7-2", "six votes to three", "won 3-1", never a range
        # ("from 7 to 2" is a change; "2-7" a range)
        split=re.compile(
            rf"(?<!from\s)(?<![\d.,:/£$€-])\b(?P<a>{tally})\s?[-–]\s?(?P<b>{tally})\b"
            rf"(?![.,:/]?\d|\s*(?:{percent_words})|[\s-]*(?:{unit_words}|yrs?)\b)"
            rf"|(?<!from\s)(?<![\d.,£$€])\b(?P<c>{tally}|{words})(?:\s+(?P<noun>votes?))?"
            rf"\s+(?:to|against)\s+(?P<d>{tally}|{words})\b(?![.,]\d|\s*(?:{percent_words}))",
            flags,
        ),
        vague=re.compile(
            rf"\b(?:(?P<num>{num})\s+(?P<dozen>dozen)\b"
            rf"|(?P<tens>{alternation(list(lex['tens_of']))})\s+of\s+"
            rf"(?P<big>thousands|millions)\b"
            rf"|(?P<vague>{alternation(list(lex['vague_amounts']))})\b"
            rf"(?:\s+(?P<scale>{alternation(list(lex['vague_scales']))})\b)?)",
            flags,
        ),
        # never the whole part of a decimal ("5" of "5.8m"); a unit may be glued on ("5.8m",
        # "10km"), "m" being metres before a word of place or size and a million elsewhere
        number=re.compile(
            rf"\b(?P<a>{num})(?![.,]\d)(?:(?P<glued>{glued})\b(?P<place>{place})?"
            rf"|\b(?P<mult>\s+(?:{mult})\b)?)"
            rf"|\b(?P<article>an?)(?=\s+(?:{article_units})\b)",
            flags,
        ),
        # "more than a million": "a" stands between a bound and a figure in words
        modifier=re.compile(
            rf"\b(?P<mod>{alternation(list(lex['approximations']))})\s+(?P<a>an?\s+)?$", flags
        ),
        duration=re.compile(
            # one lower-case word may stand between: "5 more days", "4 strike days"
            rf"^[\s-](?:(?-i:(?!(?:and|or|of|per|to|the|an?)\b)[a-z]+)\s+)?"
            rf"(?P<unit>{unit_words})\b(?![\s-]old)"
            rf"(?:\s+and\s+(?P<num2>{num}|an?)\s+(?P<unit2>{unit_words})\b)?",
            flags,
        ),
        month_before=re.compile(rf"\b(?:{months})\.?\s*$", flags),
        month_after=re.compile(rf"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{months})\b", flags),
        time_after=re.compile(
            r"^\s*(?:"
            + "|".join(re.escape(s) for s in lexicon()["time_suffixes"])
            + r")(?!\w)|^[:.]\d\d\b|^\s*(?:-|–)?\s*(?:year|yr)s?[\s-]old\b",
            flags,
        ),
        money_word_cue=re.compile(rf"(?:{currency_words})\b", flags),
        percent_cue=re.compile(percent_words, flags),
        vague_cue=re.compile(
            alternation([*lex["vague_amounts"], "dozen", "thousands", "millions"]), flags
        ),
        amount_cue=re.compile(rf"\d|\b(?:{alternation(_amount_words(lex))})s?\b", flags),
    )


def _amount_words(lex: Mapping[str, Any]) -> list[str]:
    """The words of which every amount without a digit holds one (`_Patterns.amount_cue`):
    number words, the words of fractions and vague amounts other than "a", "of" and the
    like, and the units "a" or "an" counts."""
    phrases = [*lex["fractions"], *lex["vague_amounts"], *lex["tens_of"]]
    glue = {"a", "an", "one", "of", "the"}
    words = {w for phrase in phrases for w in re.split(r"[\s-]+", phrase.lower()) if w not in glue}
    return sorted({*lex["number_words"], *lex["duration_units"], *words})


def parse_number(text: str) -> float | None:
    """ "14", "14,000", "2.5", "fourteen", "twenty-one", "one hundred and five" → a number."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower().replace(",", ""))
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        pass
    if cleaned in ("a", "an"):
        return 1.0
    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        # text2num wants "twenty one"; "twenty-one" parses once the hyphens are spaces.
        try:
            return float(text2num(cleaned.replace("-", " "), "en"))
        except ValueError:
            return None


@dataclass(slots=True)
class _Found:
    start: int  # statement offsets
    end: int
    low: float
    high: float
    kind: str  # count | money | percent | duration | split ("7-2") | measure (glued: "5.8m")
    unit: str = ""
    plain: bool = False  # a lone number word ("one", "a"): counts only before a noun
    ranged: bool = False  # written as a range: "between 10 and 12", "£5-£7m"
    magnitude: bool = False  # "dozens", "thousands", "tens of thousands"
    round_unit: float = 0.0  # "3,800": 100
    rounded: bool = False  # a fraction ("a third") rounds the share it gives


def quantities(statement: StatementInfo, params: DivergenceParams = DEFAULT) -> list[Quantity]:
    """Amounts in a statement with what they count; dates, years, times, ages and ordinals
    are left out. Read once per statement (`remembered`): alignment and the number
    differences both ask."""
    key = "quantities" if params is DEFAULT else ("quantities", params)
    found = remembered(statement, key, lambda: tuple(_quantities(statement, params)))
    return list(found)


@cache
def _measures() -> frozenset[str]:
    """Units of measure and the scale nouns a figure is measured on: no count."""
    return word_set("measure_units") | word_set("measure_nouns")


def _quantities(statement: StatementInfo, params: DivergenceParams) -> list[Quantity]:
    text = statement.text
    found = _scan(text)
    result: list[Quantity] = []
    for f in found:
        start, low, high, word = _modified(text, f, params.approximation_floor)
        rounded = word in lexicon()["rounding_words"] or f.rounded
        if f.kind == "count":
            unit, predicate, qualifier = count_unit(statement, f.start, f.end, f.plain)
            if unit is None or (not unit and (f.plain or not params.headless_amounts)):
                continue
            if not unit:  # what a lone figure counts is named by its verb
                unit = f"~{predicate}"
        else:
            unit = f.unit
            predicate, qualifier = "", ""
        # a count won or lost by ("by seven votes") is compared only with other margins; a
        # share or sum "rose by 3%" is what "rose 3%" says, so only counts are set apart
        if f.kind == "count" and is_margin(statement, f.start, f.end):
            qualifier = MARGIN
        result.append(
            Quantity(statement.start + start, statement.start + f.end, text[start : f.end],
                     _rounded(low), _rounded(high), unit, predicate, qualifier,
                     _rounded((f.low + f.high) / 2), rounded,
                     not rounded and f.low == f.high
                     and ((low == f.low and high > f.high) or word in lexicon()["ceiling_words"]),
                     f.ranged, f.magnitude, f.round_unit if word is None else 0.0,
                     f.kind == "count" and unit not in _measures()
                     and (f.low == f.high or f.ranged or f.magnitude)
                     and not is_attribute(statement, f.start, f.end))
        )  # fmt: skip
    return result


def _scan(text: str) -> list[_Found]:
    """Every amount expression, the more specific kinds first, never two over one word."""
    p = _patterns()
    if not p.amount_cue.search(text):
        return []
    lex = lexicon()
    taken: list[tuple[int, int]] = []  # sorted, never overlapping
    found: list[_Found] = []

    def free(start: int, end: int) -> bool:
        # the neighbours in order are the only spans that can overlap (a scan of all of them
        # made a statement of thousands of figures quadratic)
        at = bisect.bisect_left(taken, (start, end))
        return all(end <= s or start >= e for s, e in taken[max(0, at - 1) : at + 1])

    def add(item: _Found) -> None:
        # A number too big for a float ("1" and 400 zeros) is no amount anyone compares, and a
        # falling pair ("14-13.5%", "$5-3") is no range: a score, a change, not an amount.
        if not (math.isfinite(item.low) and math.isfinite(item.high)) or item.low > item.high:
            return
        if free(item.start, item.end):
            bisect.insort(taken, (item.start, item.end))
            found.append(item)

    for m in p.money_symbol.finditer(text):
        # "£3-5m" scales both ends, "£3 million and £5 million" each its own
        factor = _multiplier(m.group("mult") or m.group("amult"))
        first = _multiplier(m.group("amult")) if m.group("amult") else factor
        low = parse_number(m.group("a"))
        high = parse_number(m.group("b")) if m.group("b") else low
        if low is not None and high is not None:
            currency = lex["currency_symbols"].get(m.group("cur").upper(), m.group("cur"))
            start = m.start("cur")
            low, high = low * first, high * (factor if m.group("b") else first)
            item = _Found(start, m.end(), low, high, "money", f"money:{currency}",
                          ranged=high > low)  # fmt: skip
            if not m.group("b"):
                item.round_unit = _round_unit(m.group("a"), first)
            add(item)
    for m in p.money_word.finditer(text) if p.money_word_cue.search(text) else ():
        value = parse_number(m.group("a"))
        if value is not None and not _excluded(text, m.start("a"), m.end("a")):
            scale = _multiplier(m.group("mult"))
            value *= scale
            currency = lex["currency_words"][m.group("cur").lower()]
            item = _Found(m.start(), m.end(), value, value, "money", f"money:{currency}")
            item.round_unit = _round_unit(m.group("a"), scale)
            add(item)
    for m in p.percent.finditer(text) if p.percent_cue.search(text) else ():
        low = parse_number(m.group("a"))
        high = parse_number(m.group("b")) if m.group("b") else low
        if low is not None and high is not None and high < low:
            # "cut from 5.25 to 5 per cent": a change, told by where it ends
            add(_Found(m.start("b"), m.end(), high, high, "percent", "percent"))
        elif low is not None and high is not None:
            add(_Found(m.start(), m.end(), low, high, "percent", "percent", ranged=high > low))
    for m in p.fraction.finditer(text):
        share = float(lex["fractions"][re.sub(r"\s+", " ", m.group("frac").lower())])
        add(_share(m, share, m.start("frac")))
    for m in p.share.finditer(text):
        part, whole = parse_number(m.group("a")), parse_number(m.group("b"))
        if part is not None and whole and 0 < part < whole <= 1000:
            add(_share(m, 100 * part / whole))
    for m in p.split.finditer(text):
        hyphen = m.group("a") is not None
        top = parse_number(m.group("a") if hyphen else m.group("c"))
        other = parse_number(m.group("b") if hyphen else m.group("d"))
        if top is None or other is None:
            continue
        # "six to three" falls, as a split does; "six to eight" rises, as a range does
        if top < other or (top == other and not hyphen):
            continue
        if not hyphen and not (m.group("noun") or _split_context(text, m.end())):
            continue
        # "7-2" is a score wherever it stands; "315-287" splits votes only among words of
        # voting (else a page span, a model number)
        if hyphen and top >= 100 and (not _split_context(text, m.end()) or _years(top, other)):
            continue
        value = top * SPLIT_BASE + other
        if free(m.start(), m.end()) and m.group("noun"):
            # "1,482 votes to 1,475" also tells the winner's count, which another report
            # may give alone ("Cole received 1,484 votes")
            found.append(_Found(m.start("c"), m.end("c"), top, top, "count"))
        add(_Found(m.start(), m.end(), value, value, "split", "split"))
    for m in p.range.finditer(text):
        a = m.group("a") or m.group("c") or m.group("e")
        b = m.group("b") or m.group("d") or m.group("f")
        low, high = parse_number(a), parse_number(b)
        if low is None or high is None or not low < high:
            continue  # "3-1", "2020-21": a score or a season, not a range
        if _excluded(text, m.start(), m.end()):
            continue
        factor = _multiplier(m.group("mult"))
        item = _Found(m.start(), m.end(), low * factor, high * factor, "count", ranged=True)
        if not m.group("mult"):
            _as_duration(text, item)  # "over five to seven years"
        add(item)
    for m in p.vague.finditer(text) if p.vague_cue.search(text) else ():
        if m.group("dozen"):
            value = parse_number(m.group("num"))
            if value is None:
                continue
            low = high = value * 12
        elif m.group("tens"):
            base = lex["tens_of"][m.group("tens").lower()]
            big = 1e3 if m.group("big").lower() == "thousands" else 1e6
            low, high = base[0] * big, base[1] * big
        else:
            low, high = lex["vague_amounts"][re.sub(r"\s+", " ", m.group("vague").lower())]
        vague = (m.group("vague") or "").lower()
        magnitude = bool(m.group("tens")) or vague in lex["magnitude_amounts"]
        if m.group("scale"):  # "several thousand": an order of magnitude, as "thousands"
            scale = lex["vague_scales"][m.group("scale").lower()]
            low, high, magnitude = low * scale, high * scale, True
        add(_Found(m.start(), m.end(), float(low), float(high), "count", magnitude=magnitude))
    for m in p.number.finditer(text):
        if m.group("glued"):
            value = parse_number(m.group("a"))
            if value is None or _excluded(text, m.start("a"), m.end("a"), glued=True):
                continue
            glued = m.group("glued").lower()
            if glued in lex["glued_capital_only"] and m.group("glued").islower():
                continue
            if glued == "m" and m.group("place") is None:  # "2.5m people": a million of them
                value *= _multiplier("m")
                add(_Found(m.start(), m.end(), value, value, "count"))
            else:
                unit = lex["glued_units"][glued]
                add(_Found(m.start(), m.end(), value, value, "measure", unit))
            continue
        if m.group("article"):
            low = high = 1.0
        else:
            value = parse_number(m.group("a"))
            if value is None or _excluded(text, m.start("a"), m.end("a")):
                continue
            low = high = value * _multiplier(m.group("mult"))
        plain = (m.group("article") or m.group("a")).lower() in ("a", "an", "one")
        item = _Found(m.start(), m.end(), low, high, "count", plain=plain)
        if not m.group("article") and not m.group("mult"):
            item.round_unit = _round_unit(m.group("a"))
        _as_duration(text, item)
        if item.kind == "count" and m.group("article"):
            continue  # "a" counts only a duration ("a year")
        add(item)
    return sorted(found, key=lambda f: f.start)


# A split of votes or a score is compared as one figure: first × SPLIT_BASE + second (a
# side is below a million).
SPLIT_BASE = 1_000_000.0


def _split_context(text: str, end: int) -> bool:
    """A bare "six to three" splits something when the sentence names a vote, a ruling or a
    result ("the committee voted six to three", "the court ruled five to four")."""
    return _names_a_vote(text) and bool(_SPLIT_AFTER.match(text, end))


@lru_cache(maxsize=256)
def _names_a_vote(text: str) -> bool:
    """Does the statement hold a word of voting, ruling or result? (Once per statement: a
    statement of thousands of splits asked it for each.)"""
    return not set(re.findall(r"[a-z]+", text.lower())).isdisjoint(word_set("split_words"))


def _years(first: float, second: float) -> bool:
    """ "2020-21", "1998-1997": a season or a span of years, not a split."""
    return 1800 <= first <= 2100 and (second < 100 or 1800 <= second <= 2100)


def _share(m: re.Match[str], share: float, start: int | None = None) -> _Found:
    """A share told as a fraction ("a third", "one in five"), from `start` (the match's by
    default): rounded, since "a third" of something is 33 per cent of it as much as 33.3."""
    low, high = share * (1 - FRACTION_ROUNDING), share * (1 + FRACTION_ROUNDING)
    begin = m.start() if start is None else start
    return _Found(begin, m.end(), low, high, "percent", "percent", rounded=True)


def _round_unit(written: str, scale: float = 1.0) -> float:
    """ "3,800" → 100, "78,000" → 1000: a figure written in digits with two significant
    digits and then at least two zeros is rounded to its last written unit; "300", "2,000"
    (one significant digit) and "3,826" are taken as written. With a multiplier word
    ("48 million", `scale` a million) two significant digits are rounded to the multiplier's
    unit: "£48 million" and "£48.3m" are one sum (not "£4.8m" and "£4.83m")."""
    digits = written.replace(",", "")
    if not digits.isdigit():
        return 0.0
    significant = digits.rstrip("0")
    zeros = len(digits) - len(significant)
    if scale > 1:
        return float(10**zeros) * scale if len(significant) == 2 else 0.0
    return float(10**zeros) if len(significant) == 2 and zeros >= 2 else 0.0


def _multiplier(word: str | None) -> float:
    if not word:
        return 1.0
    lex = lexicon()
    key = word.strip(" -").lower()
    return float(lex["multipliers"].get(key) or lex["money_multipliers"].get(key) or 1.0)


def _excluded(text: str, start: int, end: int, glued: bool = False) -> bool:
    """Dates ("March 14", "14th"), years, times ("6pm", "18:30"), ages ("54-year-old") and
    numbers glued to letters ("Covid-19", "A1") are no amounts."""
    p = _patterns()
    # every test looks a few words either side: windows, not copies of the whole statement
    before, after = text[max(0, start - _LOOK) : start], text[end : end + _LOOK]
    number = text[start:end]
    if p.month_before.search(before) or p.month_after.match(after) or p.time_after.match(after):
        return True
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", number) or re.match(r"(?:st|nd|rd|th)\b", after):
        return True
    if re.search(r"(?:No|no|number|#)\.?\s*$", before):
        return True  # "No 10", "number 7": a label
    if glued:  # "5.8m": the letters are its unit
        return bool(re.search(r"[\w-]$", before))
    return bool(re.search(r"[\w-]$", before) or re.match(r"[A-Za-z]|\s\d", after))


def _as_duration(text: str, item: _Found) -> None:
    """ "three years", "two years and eight months" → years."""
    m = _patterns().duration.match(text[item.end : item.end + 2 * _LOOK])
    if not m:
        return
    units = lexicon()["duration_units"]
    scale = float(units[m.group("unit").lower().rstrip("s")])
    low, high = item.low * scale, item.high * scale
    end = item.end + m.end("unit")
    if m.group("num2") and m.group("unit2"):
        extra = (parse_number(m.group("num2")) or 0) * float(
            units[m.group("unit2").lower().rstrip("s")]
        )
        low, high = low + extra, high + extra
        end = item.end + m.end()
    # four significant figures, so "48 hours" meets "two days" and "12 months" "one year"
    item.low, item.high, item.end = _significant(low), _significant(high), end
    item.kind, item.unit = "duration", "year"


def _rounded(value: float) -> float:
    """Six decimals, or six significant figures below one (a minute is 1.9e-6 years)."""
    return round(value, 6) if abs(value) >= 1 else _significant(value, 6)


def _half_digit(value: float) -> float:
    """Half the unit of a figure's last significant digit: 2,400 → 50, 40 → 5, 2.4m → 50,000."""
    digits = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    whole, _, fraction = digits.partition(".")
    if fraction:
        return 0.5 * 10.0 ** -len(fraction)
    return 0.5 * 10.0 ** (len(whole) - len(whole.rstrip("0")))


def _significant(value: float, digits: int = 4) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _modified(text: str, f: _Found, floor: float) -> tuple[int, float, float, str | None]:
    """An approximation just before the amount ("about", "more than") widens its range; with
    the word, which rounds the figure ("about") or bounds it ("more than")."""
    m = _patterns().modifier.search(text, max(0, f.start - _LOOK), f.start)
    if m and m.group("a") and not text[f.start : f.start + 1].isalpha():
        m = None  # "about a 10% cut": the figure is the cut's, "a" not its
    if not m:
        return f.start, f.low, f.high, None
    word = re.sub(r"\s+", " ", m.group("mod").lower())
    # "phased out over ten years": across them, not more than them ("for over ten years")
    if (
        f.kind == "duration"
        and word == "over"
        and not _PERIOD_LEAD.search(text, max(0, m.start() - _LOOK), m.start())
    ):
        return f.start, f.low, f.high, None
    lo, hi = lexicon()["approximations"][word]
    low, high = f.low * lo, f.high * hi
    if lo < 1 < hi and f.low == f.high and f.kind in ("count", "money"):
        # "about 2,400" rounds to its last written digit, not by a fifth: it tells 2,412 but
        # not 2,600 ("about 40" still tells 43: half a ten is an eighth of it)
        slack = max(floor, _half_digit(f.low) / f.low) if f.low > 0 else 0.0
        low, high = max(low, f.low * (1 - slack)), min(high, f.high * (1 + slack))
    if f.kind == "duration":  # significant figures: "about 90 seconds" is a tiny share of a year
        low, high = _significant(low), _significant(high)
    return m.start(), low, high, word


# The qualifier of a count told as a margin ("won by seven votes", "a majority of 40"): it
# is not the total ("1,482 votes").
MARGIN = "by"

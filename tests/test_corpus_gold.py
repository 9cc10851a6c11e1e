"""The analysis on invented stories it was never tuned on (tests/corpus/, docs/evaluation.md).

Each REPORT story is imported into its own SQLite file with the real importer, analysed in full
and scored against its gold.json (tests/corpus_scoring.py). The thresholds guard against
regression: each is the figure the code reached when it was set, less a small margin. The
issue's targets stand beside them; raise a threshold when the code reaches more.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlite_utils
from alignment_scoring import score
from corpus_scoring import (
    CORPUS,
    KINDS,
    StoryScores,
    build_db,
    expand,
    figures,
    gold_groups,
    load_gold,
    score_story,
    score_typing,
    stories,
    total,
)
from entity_scoring import found_items, score_entities

# figure → (comparison, regression threshold, the target or None)
THRESHOLDS: dict[str, tuple[str, float, float | None]] = {
    # set at 0.263, 0.186, 0.312, 0.686, 0.873, 0.898, 0.968, 0.610 (main, 6 December 2026);
    # alignment by meaning measured 0.424, 0.122, 0.220, 0.612, 0.811, 0.914, 0.971, 0.675
    # (conflicts only between weakly related articles, group floor 0.06): 'pairs aligned' and
    # 'pairwise alignment precision' guards moved to those figures less a margin.
    # Branch `stories` (tuned on four TUNING stories, REPORT run once at the end) measured
    # 0.545, 0.129, 0.219, 0.782, 0.765, 0.852, 0.971, 0.675: guards raised to those less a
    # margin (unique statements kept at 0.85), except 'pairwise alignment precision', LOWERED
    # from 0.78 to 0.73 in the open:
    # one-story collections now link more (aligned 0.628 -> 0.782) at the cost of precision
    # (0.816 -> 0.765); docs/evaluation.md says so.
    # Stop 13: 0.556, 0.088, 0.151 for the first three: their guards raised.
    # Stop 14 (lone figures join their fact, doer and date rules; REPORT run once at the end):
    # 0.556, 0.098, 0.152, 0.814, 0.764, 0.844, 0.971, 0.675: 'pairs aligned' raised to 0.78;
    # 'unique statements kept unique' LOWERED from 0.85 to 0.82 in the open: a statement left
    # alone now joins the group that gives its figure a different value, and some that should
    # stay alone join too (TUNING 0.877 -> 0.859; docs/evaluation.md says so).
    # Stop 15: the guard of the six stories above failed (same-fact pairs falsely flagged
    # 0.137, paraphrase 0.203); they were read and became TUNING stories. Two new REPORT
    # stories (chemical_spill, ferry_grounding), run once at the end of stop 15: 0.357, 0.036,
    # 0.074, 0.609, 0.812, 0.833, 1.000, 0.770 (the code of the stop's start: 0.329, 0.054,
    # 0.111, 0.609, 0.824, 0.806, 1.000, 0.770). Guards: those figures less a margin.
    # Stop 16: two more REPORT stories (minister_resignation, power_outage), written by a
    # helper and run once at the end on the stop's start (0091b77) and on its end, over the
    # four: 0.331 -> 0.455, 0.090 -> 0.085, 0.143 -> 0.154, 0.606 -> 0.715, 0.794 -> 0.766,
    # 0.789 -> 0.763, 1.000, 0.798. The set changed (the new stories are harder: falsely
    # flagged 0.174 and 0.143 before any change), so the guards are the end figures over the
    # four less a margin; precision and unique kept fell with this stop's change, in the open
    # (more statements aligned, some wrongly; docs/evaluation.md).
    # Stop 17: two more REPORT stories (airport_drone, mountain_rescue, helpers, from reading
    # alone), run on the stop's start (752fc44) and end, over the six: 0.490 -> 0.520, 0.064
    # -> 0.063, 0.111 -> 0.086, 0.745 -> 0.755, 0.810 -> 0.828, 0.781 -> 0.798, 1.000, 0.808.
    # Guards: the end figures over the six less a margin (the set changed again).
    # Stop 18: two more REPORT stories (ferry_strike, school_closure, helpers, from reading
    # alone), run once at the end on the stop's start (84b25aa) and end, over the eight:
    # 0.514 -> 0.528, 0.098 -> 0.094, 0.142 -> 0.115, 0.741 -> 0.741, 0.794 -> 0.792, 0.791 ->
    # 0.784, 0.951, 0.821 (the six of stop 17: 0.520 -> 0.535, 0.063 -> 0.063, 0.086 -> 0.074,
    # 0.755, 0.828 -> 0.825, 0.798 -> 0.789). Guards: the end figures over the eight less a
    # margin; precision and entity precision LOWERED (0.79 -> 0.77, 0.95 -> 0.93) because the
    # set changed (the new stories: precision 0.764 and 0.673, entity P 0.906 and 0.859 on the
    # stop's start), not because this stop lowered them.
    # Stop 19, two more REPORT stories (coach_crash, doping_ban, written by helpers), over the
    # ten, the stop's start (e20312e) -> end: 0.554 -> 0.556, 0.091 -> 0.094, 0.116 -> 0.122,
    # 0.770 -> 0.768, 0.815 -> 0.814, 0.796 -> 0.796, 0.953, 0.815. Guards: the end figures less
    # a margin (paraphrase flags kept at 0.13).
    # Stop 20, two more REPORT stories (auction_forgery, lottery_claim, helpers), over the
    # twelve, the stop's start (bc561ff) -> end: 0.557 -> 0.562, 0.092 -> 0.092, 0.122 ->
    # 0.122, 0.770 -> 0.770, 0.804, 0.808, 0.962, 0.815. Guards unchanged.
    # Stop 21, two more REPORT stories (marathon_collapse, tax_raid, helpers), over the
    # fourteen, the stop's start (441e605 with the new stories) -> end (the pair model links
    # one-story collections): 0.554 -> 0.589, 0.092 -> 0.085, 0.129 -> 0.121, 0.767 -> 0.801,
    # 0.812 -> 0.839, 0.814 -> 0.810, 0.967, 0.808. Guards on flagged, aligned and precision
    # raised to the end figures less a margin.
    # Stop 22, four more REPORT stories (exam_paper_leak, tanker_oil_spill,
    # match_fixing_charges, bridge_closure, helpers), over the eighteen, the stop's start
    # (80440cc with the new stories) -> end: 0.576 -> 0.598, 0.081 -> 0.081, 0.114 -> 0.118,
    # 0.801 -> 0.811, 0.815 -> 0.816, 0.798 -> 0.798, 0.974, 0.819. Guards on flagged and
    # aligned raised to the end figures less a margin.
    # Stop 23, eight more REPORT stories (helpers, two batches), over the twenty-six; no
    # analysis change kept, so the stop's start and end are one: 0.613, 0.081, 0.117, 0.800,
    # 0.828, 0.805, 0.965, 0.804. Guards unchanged.
    # Stop 24, four more REPORT stories of five outlets (helpers), over the thirty, the stop's
    # start (8e18ac4 with the new stories) -> end (the pair model refitted on 47 TUNING
    # stories; lone statements joined by the model's support): 0.599 -> 0.610, 0.077 -> 0.076,
    # 0.109 -> 0.109, 0.791 -> 0.802, 0.820 -> 0.814, 0.811 -> 0.814, 0.967, 0.797. Guards
    # unchanged (precision's 0.81 now has little margin).
    # Stop 26, one more long REPORT story (rocket_debris_farm, measured before anyone read it:
    # entity recall 0.488 alone), over the thirty-five, the stop's start (the new story, the
    # old analysis, the model refitted on 54 TUNING stories) -> end: 0.605 -> 0.614, 0.083 ->
    # 0.086, 0.108 -> 0.111, 0.811 -> 0.814, 0.837 -> 0.833, 0.798 -> 0.798, 0.955, 0.774.
    # 'entity link recall' LOWERED from 0.79 to 0.76 because the set changed (the thirty-four
    # alone: 0.793, unchanged); no entity change this stop.
    "divergent pairs flagged": (">=", 0.58, 0.85),
    "same-fact pairs falsely flagged": ("<=", 0.10, 0.10),
    "paraphrase pairs falsely flagged": ("<=", 0.13, None),
    "pairs aligned": (">=", 0.79, 0.85),
    "pairwise alignment precision": (">=", 0.81, None),
    "unique statements kept unique": (">=", 0.77, None),
    "entity link precision": (">=", 0.93, None),
    "entity link recall": (">=", 0.76, None),
}
# none broken in the six REPORT stories of stop 17; the two added in stop 18 bring two broken
# pairs, the same on the stop's start and end (counted, not read: they are held out)
# Stop 19: 4 over the ten REPORT stories, the same on the stop's start and end (the two new
# stories bring two; counted by a script that prints only the number, not which pairs)
# Stop 20: 4 over the twelve at the end (the count of the test's printed lines; the two new
# stories bring none)
# Stop 22: 4 over the eighteen (the four new stories bring none; counted by a script that
# prints only the number)
# Stop 23: 6 over the twenty-two (the four new stories bring two, on the commit they were
# merged into, before any analysis change of the stop; counted the same way, not read), then
# 10 over the twenty-six (the second batch of four brings four; entity linking unchanged)
# Stop 24: 13 over the thirty (the five-outlet batch brings three, on the commit it was merged
# into, before any analysis change of the stop; counted the same way, not read)
# Stop 25: 17 over the thirty-four (each batch of two brings two, counted the same way on the
# stop's starting analysis; the stop's entity changes leave the count at 17)
# Stop 26: 17 over the thirty-five (rocket_debris_farm brings none; counted the same way)
MUST_NOT_LINK_BROKEN_MAX = 17


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, sqlite_utils.Database]:
    folder = tmp_path_factory.mktemp("corpus")
    return {story.name: build_db(story, folder) for story in stories()}


@pytest.fixture(scope="module")
def report(databases: dict[str, sqlite_utils.Database]) -> list[StoryScores]:
    results = []
    for story in stories("report"):
        result = score_story(databases[story.name], load_gold(story), story=story.name)
        line = ", ".join(f"{k} {v:.3f}" for k, v in figures(result).items())
        print(f"\n{story.name}: {line}")
        results.append(result)
    overall = figures(total(results))
    print("\nREPORT stories overall (threshold / issue target):")
    for figure, value in overall.items():
        op, threshold, target = THRESHOLDS[figure]
        goal = f", target {op} {target:.2f}" if target is not None else ""
        print(f"  {figure:34} {value:.3f}  (test {op} {threshold:.2f}{goal})")
    return results


def test_corpus_is_thirty_five_report_and_fifty_four_tuning_stories_of_four_or_five() -> None:
    splits = {story.name: load_gold(story)["split"] for story in stories()}
    # chemical_spill, ferry_grounding (stop 15, written as new held-out stories once the six
    # older REPORT stories had been read and moved to TUNING); minister_resignation,
    # power_outage (stop 16, branch stories16, written as two more held-out stories);
    # airport_drone, mountain_rescue (stop 17, branches stories17a and stories17b);
    # ferry_strike, school_closure (stop 18, written by helpers as held-out stories);
    # coach_crash, doping_ban (stop 19, the same way); auction_forgery, lottery_claim (stop 20);
    # marathon_collapse, tax_raid (stop 21); exam_paper_leak, tanker_oil_spill,
    # match_fixing_charges, bridge_closure (stop 22); pension_fund_loss, landslide_village,
    # police_chief_dismissal, cruise_norovirus, then university_funding_cut, tunnel_lorry_crash,
    # price_fixing_fine, raptor_poisoning (stop 23); volcano_ash_flights, whale_stranding,
    # bank_robbery, chess_cheating (stop 24, five outlets each); boat_capsize,
    # no_confidence_vote, then hospital_ransomware_ward, pipeline_protest_arrests (stop 25, five
    # outlets each; the last two as long as real articles); rocket_debris_farm (stop 26, long)
    assert sorted(splits.values()).count("report") == 35, splits
    # + the six older REPORT stories (stop 15); plant_closure, prison_escape, trade_summit
    # (stop 18, written by helpers as TUNING stories), then mine_collapse, wildfire_evacuation,
    # wind_farm_vote, bank_fine, cup_final, drug_approval (stop 18, the same way);
    # bird_flu_cull, concert_crush, retailer_collapse, then zoo_escape, hosepipe_ban,
    # coin_hoard, then heatwave_record, airline_outage, factory_explosion (stop 19, the same way);
    # admissions_scandal, sinkhole_collapse, fare_rise, then council_budget, wedding_poisoning,
    # ski_lift_accident (stop 20, the same way); festival_cancellation, tech_layoffs,
    # water_contamination (stop 21, the same way); gas_leak_evacuation, stadium_roof_storm,
    # vaccine_dose_error, gallery_protest (stop 24, five outlets each); crypto_exchange_collapse,
    # hailstorm_harvest, then orchestra_strike, airport_fuel_shortage (stop 25, five outlets each;
    # the last two as long as real articles); tower_block_cracks, waiting_list_audit,
    # port_wildlife_seizure (stop 26, five long outlets each)
    assert sorted(splits.values()).count("tuning") == 54, splits
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name, split in splits.items():
        assert re.search(rf"`{name}` \| {split.upper()} \|", readme), f"{name} not in README"
    for story in stories():
        files = sorted(story.glob("*.txt"))
        # four outlets each (issue 12), five since stop 24: real stories have more
        assert len(files) in (4, 5), story
        for file in files:
            words = len(file.read_text(encoding="utf-8").split())
            # 250-450 words until stop 25; real articles are often longer (the seeds have
            # 320-820), so the stories written since are 600-950
            assert 250 <= words <= 1000, f"{file}: {words} words"


def test_every_story_plants_every_kind_and_paraphrases_and_unique_statements() -> None:
    for story in stories():
        gold = load_gold(story)
        pairs = expand(gold)["pairs"]
        planted = {kind for pair in pairs for kind in pair["kinds"]}
        assert planted == set(KINDS), f"{story.name}: {set(KINDS) - planted} not planted"
        assert sum(not pair["kinds"] for pair in pairs) >= 8, f"{story.name}: few paraphrases"
        assert len(gold["unique"]) >= 10, story.name
        assert gold["must_not_link"], story.name


def test_a_perfect_analysis_gets_full_marks(databases: dict[str, sqlite_utils.Database]) -> None:
    """The gold agrees with itself: its own groups and readings score 1.0 (every reference
    names exactly one statement, no pair is both the same and different, no 'wrong' pair is
    a fact)."""
    for story in stories():
        db, gold = databases[story.name], load_gold(story)
        groups, separations = gold_groups(db, gold)
        result = score(db, expand(gold), groups, separations)
        assert result.alignment_recall == 1.0, (story.name, result.misses)
        assert result.divergence_recall == 1.0, (story.name, result.misses)
        assert result.false_divergence == 0.0, (story.name, result.misses)
        assert result.unaligned_kept_rate == 1.0, (story.name, result.misses)
        assert result.precision == 1.0, (story.name, result.wrong_pairs)


def test_the_scorer_counts_links_by_occurrence_not_by_text(tmp_path: Path) -> None:
    """Two people who share a surname in one article: the councillor's 'Whitlock' must not
    count as the fire chief's."""
    gold = json.loads((CORPUS / "warehouse_fire" / "gold.json").read_text(encoding="utf-8"))
    text = "Cllr Whitlock spoke. Ms Whitlock spoke. Dana Whitlock and Peter Whitlock."
    other = "Dana Whitlock said so. Whitlock added."
    mentions = {
        "local": (text, [(5, 13, 1), (24, 32, 2), (40, 53, 2), (58, 72, 1)]),
        "wire": (other, [(0, 13, 2), (23, 31, 2)]),
    }
    gold = {
        "entities": [e for e in gold["entities"] if "Whitlock" in e["name"]],
        "must_not_link": gold["must_not_link"][:1],
    }
    for entity in gold["entities"]:
        entity["forms"] = {k: v for k, v in entity["forms"].items() if k in mentions}
    result = score_entities(gold, found_items(gold, mentions))
    assert (result.precision, result.recall, result.forbidden) == (1.0, 1.0, [])
    mentions["wire"] = (other, [(0, 13, 1), (23, 31, 1)])  # the wire's chief linked to Peter
    result = score_entities(gold, found_items(gold, mentions))
    assert result.recall == 0.0 and result.precision == 0.0


@pytest.mark.parametrize("figure", list(THRESHOLDS))
def test_report_figure_holds(report: list[StoryScores], figure: str) -> None:
    value = figures(total(report))[figure]
    op, threshold, _ = THRESHOLDS[figure]
    assert value >= threshold if op == ">=" else value <= threshold, f"{figure} {value:.3f}"


def test_must_not_link_pairs(report: list[StoryScores]) -> None:
    broken = [line for result in report for line in result.entities.forbidden]
    print("\n" + "\n".join(broken))
    assert len(broken) <= MUST_NOT_LINK_BROKEN_MAX, broken


# The TUNING stories are tuned on, so their figures are no result (docs/evaluation.md); this
# guard keeps what the tuning reached from slipping back unnoticed. Stop 15 measured, over the
# sixteen stories (the six older REPORT stories among them since stop 15): flagged 0.621,
# falsely flagged 0.026, aligned 0.753; typing on the gold groups flagged 0.829, falsely
# flagged 0.028. Stop 16 (the encoder's vectors in the similarity): flagged 0.674, falsely
# flagged 0.030, aligned 0.820: 'divergent pairs flagged' raised to 0.64, 'pairs aligned' to
# 0.79.
# Stop 17 end: flagged 0.706, falsely flagged 0.026, aligned 0.824; typing on the gold's
# groups 0.897 / 0.021 (raised from 0.64, 0.79 and 0.80).
# Stop 18: three new TUNING stories written by helpers (nineteen in all). Over the nineteen,
# stop 17's analysis scores flagged 0.688, falsely flagged 0.039, aligned 0.815, typing on the
# gold's groups 0.848 / 0.043 (the new stories are harder: 0.642 / 0.087 / 0.783, typing
# 0.724 / 0.118); the guards are reset over the nineteen from this stop's figures.
# Stop 18 end, over the twenty-five (six more written by helpers during the stop): flagged
# 0.657 -> 0.693, falsely flagged 0.050 -> 0.027, aligned 0.814 -> 0.820, typing on the gold's
# groups 0.795 -> 0.833 / 0.061 -> 0.031 (stop's start 84b25aa -> end); guards from the end.
# Stop 19 end, over the thirty-four (nine more written by helpers, in three batches each
# measured before it was read): flagged 0.703, falsely flagged 0.031, aligned 0.819, typing on
# the gold's groups 0.838 / 0.035 (docs/evaluation.md, stop 19, for the start); guards from
# the end.
# Stop 20, over the forty (six more written by helpers, in two batches each measured before
# it was read; the second batch is harder: aligned 0.646, flagged 0.512 on the stop's start):
# start (bc561ff) -> end flagged 0.669 -> 0.677, falsely flagged 0.031 -> 0.032, aligned 0.794
# -> 0.794, typing on the gold's groups 0.818 -> 0.832 / 0.038 -> 0.038; the guards on flagged
# and aligned are LOWERED (0.68 -> 0.66, 0.80 -> 0.78) because the set changed, not because
# this stop lowered them (docs/evaluation.md, stop 20).
# Stop 21, over the forty-three (three more, measured before they were read): start (441e605
# with the new stories) -> end flagged 0.672 -> 0.696, falsely flagged 0.033 -> 0.032, aligned
# 0.795 -> 0.812 (the pair model; leave-one-story-out on 40: 0.810 / 0.696): guards raised.
# Stop 22 (no new TUNING story): start (80440cc) -> end flagged 0.696 -> 0.709, falsely
# flagged 0.032 -> 0.032, aligned 0.812 -> 0.813, typing on the gold's groups 0.827 -> 0.845 /
# 0.039 -> 0.039 (one count per article, a second group by the pair model): guards raised.
# Stop 24, over the forty-seven (four more of five outlets, measured before they were read:
# flagged 0.532, aligned 0.735 on the stop's start): start (f897ac8) -> end flagged 0.689 ->
# 0.698, falsely flagged 0.031 -> 0.033, aligned 0.803 -> 0.813, typing on the gold's groups
# 0.832 / 0.038; the guard on flagged is LOWERED (0.70 -> 0.69) because the set changed: the
# forty-three alone went 0.709 -> 0.713.
# Stop 25, over the fifty-one (two more of five outlets, then two LONG ones, each measured
# before they were read): the stop's start (the new stories added, the old analysis) flagged
# 0.687, falsely flagged 0.047, aligned 0.809, typing on the gold's groups 0.826 / 0.052; the
# guards on flagged (0.69 -> 0.68) and on typing (0.83 -> 0.82, 0.045 -> 0.05) are LOWERED
# because the set changed, the false-flag guard loosened (0.04 -> 0.045) for the same reason.
# Stop 26, over the fifty-four (three more LONG ones, measured before they were read: flagged
# 0.643, aligned 0.809 on the stop's start): start (the new stories, the old analysis, the
# model refitted) flagged 0.690, falsely flagged 0.044, aligned 0.809, typing 0.824 / 0.052
# -> end 0.709, 0.043, 0.821, typing 0.836 / 0.049: guards on flagged (0.68 -> 0.69), aligned
# (0.80 -> 0.81) and typing (0.82 -> 0.83) raised.
TUNING_GUARDS: dict[str, tuple[str, float]] = {
    "divergent pairs flagged": (">=", 0.69),
    "same-fact pairs falsely flagged": ("<=", 0.045),
    "pairs aligned": (">=", 0.81),
}
TUNING_TYPING_GUARDS: dict[str, tuple[str, float]] = {
    "divergent pairs flagged": (">=", 0.83),
    "same-fact pairs falsely flagged": ("<=", 0.05),
}


def test_tuning_figures_hold(databases: dict[str, sqlite_utils.Database]) -> None:
    ends, typed = [], []
    for story in stories("tuning"):
        gold = load_gold(story)
        ends.append(score_story(databases[story.name], gold, story=story.name))
        typing = score_typing(databases[story.name], gold)
        typed.append(StoryScores(story.name, typing, ends[-1].entities))
    for results, guards in ((ends, TUNING_GUARDS), (typed, TUNING_TYPING_GUARDS)):
        overall = figures(total(results))
        for figure, (op, threshold) in guards.items():
            value = overall[figure]
            assert value >= threshold if op == ">=" else value <= threshold, f"{figure} {value}"

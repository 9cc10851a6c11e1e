"""Every clean-up and role rule, checked on the seeds where the mess really is."""

from __future__ import annotations

from functools import cache

import pytest

from app.core.ingest.article import clean_article
from app.core.ingest.cleanup import normalise_characters, paragraphs, wrap_width
from app.core.ingest.readers import read_bytes, read_document
from app.core.model import CleanArticle, Role
from tests.conftest import SEEDS


@cache
def seed(prefix: str) -> CleanArticle:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean_article(read_document(path, read_bytes(path)))


def roles_of(article: CleanArticle, needle: str) -> set[Role]:
    found = {b.role for b in article.blocks if needle in article.block_text(b)}
    assert found, f"no block contains {needle!r}"
    return found


def test_character_references_are_decoded() -> None:
    article = seed("000")
    assert "&#" not in article.text and "\xa0" not in article.text
    assert "Moscow. - Russian Foreign Ministry Press Service" in article.text


def test_double_escaped_reference() -> None:
    assert normalise_characters("a&amp;#xa0;b &amp; c") == "a b & c"


def test_whitespace_is_normalised_and_paragraph_breaks_kept() -> None:
    text = normalise_characters("One  \t two\u00a0three , four .\r\n\r\nNext\u200b para")
    assert text == "One two three, four.\n\nNext para"
    assert paragraphs(text) == ["One two three, four.", "Next para"]


def test_seed_002_hard_wrapped_lines_are_joined() -> None:
    raw = (next(SEEDS.glob("002_*.txt"))).read_text()
    assert wrap_width(raw.split("\n")) is not None
    article = seed("002")
    first = article.block_text(article.blocks[0])
    assert first.startswith(
        "The European Union’s top diplomat Josep Borrell paid a three-day visit"
    )
    assert first.endswith("since 2017.")
    assert "\n" not in first
    assert "for talks with Foreign Minister Sergei Lavrov" in first


def test_unwrapped_files_keep_their_lines_as_paragraphs() -> None:
    assert wrap_width((next(SEEDS.glob("000_*.txt"))).read_text().split("\n")) is None


def test_seed_000_metadata_from_date_line() -> None:
    article = seed("000")
    assert article.metadata.published == "2021-02-08"
    assert article.metadata.title == "Brussels defiant over controversial trip to Moscow"
    assert article.blocks[0].role is Role.TITLE
    assert article.block_text(article.blocks[0]) == article.metadata.title
    assert not article.text.startswith("date")
    assert article.metadata.source is None  # the file does not say; never invented


def test_seed_001_title_and_standfirst() -> None:
    article = seed("001")
    assert article.metadata.published == "2021-02-09"
    assert article.metadata.title.startswith("More than 70 MEPs have called for Josep Borrell")
    assert "Speaking to MEPs" not in article.metadata.title
    assert roles_of(article, "Speaking to MEPs on Tuesday, Russia said") == {Role.BODY}


def test_seed_002_source_from_cited_urls_and_boilerplate() -> None:
    article = seed("002")
    assert article.metadata.source == "The Moscow Times"
    assert article.metadata.title is None and article.metadata.published is None
    assert roles_of(article, "https://www.themoscowtimes.com/2021/02/05") == {Role.BOILERPLATE}
    assert roles_of(article, "Related article: EU Must") == {Role.BOILERPLATE}
    assert roles_of(article, "Includes reporting from AFP") == {Role.BOILERPLATE}
    for heading in ("On Navalny", "Sputnik V", "Points of cooperation", "Aftermath"):
        assert roles_of(article, heading) >= {Role.HEADING}


def test_seed_003_spanish_footer_caption_and_title() -> None:
    article = seed("003")
    assert article.metadata.title == 'Borrell reviews his visit to Moscow and Russia is "surprised"'
    assert article.metadata.language == "en"
    assert roles_of(article, "Envíanos tus noticias") == {Role.BOILERPLATE}
    assert roles_of(article, "Si conoces o tienes alguna pista") == {Role.BOILERPLATE}
    assert roles_of(article, "PHOTO/Jennifer Jacquemart") == {Role.CAPTION}
    assert roles_of(article, "Atalayar_Serguei Lavrov") == {Role.CAPTION}


def test_seed_004_bio_footer_and_screenshot_label() -> None:
    article = seed("004")
    assert article.metadata.source == "EU Today"
    assert article.metadata.author == "Gary Cartwright"
    assert roles_of(article, "Gary Cartwright is publishing editor") == {Role.BOILERPLATE}
    assert roles_of(article, "An experienced journalist and author") == {Role.BOILERPLATE}
    assert roles_of(article, "Follow EU Today on Social media") == {Role.BOILERPLATE}
    assert roles_of(article, "Related posts") == {Role.BOILERPLATE}
    assert roles_of(article, "Screenshot 2021 02 08") == {Role.CAPTION}
    assert roles_of(article, "EU foreign ministers are due to meet") == {Role.BODY}


def test_seed_000_photo_caption_with_credit() -> None:
    assert roles_of(seed("000"), "Josep Borrell listens during") == {Role.CAPTION}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_blocks_tile_the_text(prefix: str) -> None:
    article = seed(prefix)
    position = 0
    for block in article.blocks:
        assert block.start == position
        assert article.block_text(block) == article.block_text(block).strip()
        position = block.end + 2
    assert article.blocks[-1].end == len(article.text)
    assert sum(1 for b in article.blocks if b.role is Role.BODY) >= 5

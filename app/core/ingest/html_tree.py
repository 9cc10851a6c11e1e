"""An HTML page parsed once, whole, and cleared of what a reader never sees, before article
extraction (issue 17):

- lxml's default parser silently stops at 256 levels of nesting and at a 10 MB text node: a
  deep or one-line page lost everything after that point yet was reported "imported". The
  page is parsed with `huge_tree`, so nothing is cut, and its size is bounded instead;
- `<template>` content, elements marked `hidden` or `aria-hidden="true"`, and elements styled
  `display: none` / `visibility: hidden` are not part of the page a reader sees: removed;
- a page whose text alone is longer than any article is refused before extraction (a 15 MB
  one-line page gave no result after 10 minutes)."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

from app.core.errors import UnreadableFile

# What a news page's visible text never exceeds, menus and comments included.
MAX_HTML_TEXT_WORDS = 150_000
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_INVISIBLE = (
    '//template | //script | //style | //noscript | //*[@hidden] | //*[@aria-hidden="true"]'
)


def visible_tree(page: str) -> lxml_html.HtmlElement:
    """The page's element tree without its invisible parts; UnreadableFile when it is no
    page at all or far longer than an article page."""
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        tree = lxml_html.fromstring(page, parser=parser)
    except (ParserError, ValueError) as exc:
        raise UnreadableFile(f"not a readable HTML page ({exc})") from exc
    hidden = list(tree.xpath(_INVISIBLE))
    hidden += [e for e in tree.xpath("//*[@style]") if _HIDDEN_STYLE.search(e.get("style"))]
    for element in hidden:
        if element is not tree and element.getparent() is not None:
            element.drop_tree()
    words = len(tree.text_content().split())
    if words > MAX_HTML_TEXT_WORDS:
        raise UnreadableFile(
            f"HTML page with {words:,} words of text: more than an article page holds (limit"
            f" {MAX_HTML_TEXT_WORDS:,}); refused"
        )
    return tree

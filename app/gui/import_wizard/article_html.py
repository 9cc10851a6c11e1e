"""A cleaned article as HTML with every block's role marked, for the preview (Qt-free).

Uses only what Qt's rich-text subset renders: tables with `bgcolor`, fonts, colours."""

from __future__ import annotations

import html

from app.core.model import CleanArticle, Role

# role → (background, text colour, label)
ROLE_LOOK: dict[Role, tuple[str, str, str]] = {
    Role.TITLE: ("#fff6d6", "#3d3000", "title"),
    Role.HEADING: ("#fff6d6", "#3d3000", "heading"),
    Role.BODY: ("#ffffff", "#1a1a1a", "body"),
    Role.CAPTION: ("#dcecfb", "#123e66", "caption"),
    Role.BOILERPLATE: ("#ececec", "#6a6a6a", "boilerplate"),
}
LEGEND = (
    "Only <b>body</b> text is compared. "
    "<span style='background-color:#dcecfb;color:#123e66'>&nbsp;captions&nbsp;</span> and "
    "<span style='background-color:#ececec;color:#6a6a6a'>&nbsp;boilerplate&nbsp;</span> "
    "stay visible but are not compared."
)
MAX_BLOCKS = 300  # a preview, not the whole of a 20 MB text


def article_html(article: CleanArticle) -> str:
    rows: list[str] = []
    for block in article.blocks[:MAX_BLOCKS]:
        background, colour, label = ROLE_LOOK[block.role]
        text = html.escape(article.block_text(block)).replace("\n", "<br>")
        if block.role in (Role.TITLE, Role.HEADING):
            text = f"<b>{text}</b>"
        rows.append(
            f"<tr><td bgcolor='{background}' width='90'><small><font color='{colour}'>"
            f"{label}</font></small></td>"
            f"<td bgcolor='{background}'><font color='{colour}'>{text}</font></td></tr>"
        )
    more = len(article.blocks) - MAX_BLOCKS
    tail = f"<p><i>… and {more} more blocks</i></p>" if more > 0 else ""
    return (
        "<table width='100%' cellspacing='2' cellpadding='5'>" + "".join(rows) + "</table>" + tail
    )


def problem_html(reason: str) -> str:
    return f"<p><font color='#a00000'><b>Will not be imported:</b> {html.escape(reason)}</font></p>"

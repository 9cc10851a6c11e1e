"""Draw the application icon: resources/icons/org.parallax.Parallax.svg and PNGs at the usual
hicolor sizes under resources/icons/hicolor/. Two pages side by side, one statement highlighted in
each and linked across — what Parallax shows. Run by hand after changing the drawing
(`python packaging/make_icon.py`); the generated files are committed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_ID = "org.parallax.Parallax"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"

BACKGROUND = "#1f3a5f"
PAGE = "#fbf8f1"
LINE = "#9aa5b1"
HIGHLIGHT = "#f2a900"


def page(x: int, highlight_row: int) -> str:
    """One page (80 × 160 in a 256 grid) with text lines; one line is the highlighted statement."""
    parts = [f'<rect x="{x}" y="48" width="80" height="160" rx="10" fill="{PAGE}"/>']
    for row in range(7):
        y = 68 + row * 19
        width = 56 if row % 3 != 2 or row == highlight_row else 40
        colour = HIGHLIGHT if row == highlight_row else LINE
        height = 10 if row == highlight_row else 7
        parts.append(
            f'<rect x="{x + 12}" y="{y}" width="{width}" height="{height}" rx="3" fill="{colour}"/>'
        )
    return "\n  ".join(parts)


def svg() -> str:
    left_y, right_y = 68 + 2 * 19 + 5, 68 + 4 * 19 + 5  # centres of the highlighted lines
    header = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
    )
    return f"""{header}
  <rect x="8" y="8" width="240" height="240" rx="48" fill="{BACKGROUND}"/>
  {page(32, 2)}
  {page(144, 4)}
  <path d="M 100 {left_y} C 128 {left_y}, 128 {right_y}, 156 {right_y}" fill="none"
        stroke="{HIGHLIGHT}" stroke-width="8" stroke-linecap="round"/>
</svg>
"""


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    text = svg()
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_text(text, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(text.encode()))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            raise SystemExit(f"could not write {out}")
        print(f"wrote {out.relative_to(ICONS.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

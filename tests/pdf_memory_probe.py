"""`python -m tests.pdf_memory_probe ARTICLES OUT`: render a PDF of ARTICLES full texts of
about 30,000 words each (seed paragraphs over and over, no NLP, no database) and print its page
count, the peak resident memory of this process in MB and the render's seconds, as JSON.

A process of its own, so that the peak is this export's and nothing else's (issue 17)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from app.core.export.document import (
    Document,
    FullText,
    FullTextsSection,
    PageSize,
    Paragraph,
    Run,
    Source,
)
from app.core.resources import seeds_dir

WORDS_PER_ARTICLE = 30_000


def document(articles: int) -> Document:
    files = sorted(seeds_dir().glob("*.txt"))
    paragraphs_of = (path.read_text(encoding="utf-8").split("\n\n") for path in files)
    seed = [p for paragraphs in paragraphs_of for p in paragraphs if len(p.split()) > 12]
    texts = []
    for n in range(articles):
        paragraphs, words = [], 0
        while words < WORDS_PER_ARTICLE:
            text = f"{seed[len(paragraphs) % len(seed)]} (Article {n}, part {len(paragraphs)}.)"
            paragraphs.append(Paragraph((Run(text),)))
            words += len(text.split())
        letter = chr(ord("A") + n)
        source = Source(f"a{n}", letter, None, f"A long article {letter}", None, words)
        texts.append(FullText(source, tuple(paragraphs), ()))
    return Document("Memory probe", PageSize.A4, None, (FullTextsSection(tuple(texts)),))


def _high_water_mb() -> float:
    """This process's peak resident memory. VmHWM, not getrusage's ru_maxrss: Linux carries
    ru_maxrss over an exec, so a child of a big pytest would report the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def main() -> None:
    from app.pdf import ensure_gui_application
    from app.pdf.render import render_pdf

    articles, out = int(sys.argv[1]), Path(sys.argv[2])
    ensure_gui_application()
    made = document(articles)
    started = time.perf_counter()
    pages = render_pdf(made, out)
    seconds = time.perf_counter() - started
    peak = _high_water_mb()
    print(json.dumps({"pages": pages, "peak_mb": round(peak), "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    main()

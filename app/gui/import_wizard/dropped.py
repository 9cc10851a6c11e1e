"""Dropped URLs to local paths (Qt-free): what the main window passes to ImportWizard."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

from app.core.ingest.addresses import is_web_address
from app.core.ingest.readers import is_supported


def paths_from_urls(urls: Iterable[str]) -> list[Path]:
    """Local files and folders among dropped URLs (`QUrl.toString()` or `toLocalFile()` text),
    in order, without repeats; web links and other schemes are left out."""
    paths: list[Path] = []
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme == "file":
            if parsed.netloc not in ("", "localhost"):
                continue  # a file on another host: not readable as a path
            path = Path(unquote(parsed.path))
        elif parsed.scheme == "" and url.startswith("/"):
            path = Path(url)
        else:
            continue
        if path not in paths:
            paths.append(path)
    return paths


def links_from_urls(urls: Iterable[str]) -> list[str]:
    """Web links among dropped URLs (http/https), in order, without repeats: for the Links
    page (`ImportWizard(db_path, paths, urls=…)`)."""
    return list(dict.fromkeys(u for u in urls if is_web_address(u)))


def worth_importing(paths: Iterable[Path]) -> bool:
    """Whether a drop should be accepted: a folder or at least one article file type."""
    return any(p.is_dir() or is_supported(p) for p in paths)

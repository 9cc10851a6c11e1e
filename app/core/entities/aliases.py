"""The curated alias list: names that denote one entity whatever the text says.

Shipped in resources/aliases.json; users extend it with a file of the same shape at
$PARALLAX_ALIASES or <user config dir>/parallax/aliases.json. Each group is a list of names;
`alias_groups()` returns them as sets of name keys (names.name_key).
"""

from __future__ import annotations

import json
import logging
import os
from functools import cache
from pathlib import Path

import platformdirs

from app.core.entities.names import name_key
from app.core.resources import load_json

log = logging.getLogger("parallax.entities")


def user_alias_file() -> Path:
    override = os.environ.get("PARALLAX_ALIASES")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("parallax", appauthor=False)) / "aliases.json"


def _groups_of(document: object) -> list[list[str]]:
    groups = document.get("groups", []) if isinstance(document, dict) else []
    return [[str(name) for name in group] for group in groups if isinstance(group, list)]


@cache
def alias_groups() -> tuple[frozenset[str], ...]:
    groups = _groups_of(load_json("aliases.json"))
    extra = user_alias_file()
    if extra.is_file():
        try:
            groups += _groups_of(json.loads(extra.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:  # a broken user file must not stop analysis
            log.warning("ignoring %s: %s", extra, exc)
    keys = (frozenset(k for name in group if (k := name_key(name))) for group in groups)
    return tuple(group for group in keys if len(group) > 1)


def alias_index() -> dict[str, int]:
    """name key → index of its alias group."""
    return {key: i for i, group in enumerate(alias_groups()) for key in group}

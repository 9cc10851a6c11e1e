"""Typed reader settings, stored as one JSON file (never pickled): window geometry and state,
the collection and articles chosen, splitter and dock sizes, panes shown at once, zoom and
display toggles."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

log = logging.getLogger("parallax.ui")


@dataclass
class Settings:
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    collection: str = ""
    chosen: dict[str, list[int]] = field(default_factory=dict)  # collection → article ids
    splitter_sizes: list[int] = field(default_factory=list)
    dock_sizes: dict[str, int] = field(default_factory=dict)  # dock name → width in px
    visible_panes: int = 0  # panes side by side at once; 0 = as many as fit a readable width
    zoom: int = 0
    shared_only: bool = True
    hidden_types: list[str] = field(default_factory=lambda: ["CARDINAL", "OTHER"])
    irrelevant: dict[str, list[str]] = field(default_factory=dict)  # collection → difference keys

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings %s unreadable (%s): using defaults", path, exc)
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        defaults = cls()
        values = {}
        for name, value in data.items():
            default = getattr(defaults, name, None)
            if name in known and type(value) is type(default):
                values[name] = value  # a value of the wrong type keeps the default
        return cls(**values)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        tmp.replace(path)


def default_settings_path() -> Path:
    override = os.environ.get("PARALLAX_SETTINGS")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("parallax", appauthor=False)) / "reader.json"

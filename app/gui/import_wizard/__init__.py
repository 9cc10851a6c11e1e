"""Import wizard (File → Import…, toolbar, drag and drop): `ImportWizard(db_path, paths)`.

`paths_from_urls` turns the URLs of a drop into the paths to pre-fill it with,
`links_from_urls` into the web links for its Links page. ImportWizard is
loaded on first use, so that the Qt-free helpers of this package import without Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.gui.import_wizard.dropped import links_from_urls, paths_from_urls, worth_importing

if TYPE_CHECKING:
    from app.gui.import_wizard.wizard import ImportWizard

__all__ = ["ImportWizard", "links_from_urls", "paths_from_urls", "worth_importing"]


def __getattr__(name: str) -> Any:
    if name == "ImportWizard":
        from app.gui.import_wizard.wizard import ImportWizard

        return ImportWizard
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Import wizard (File → Import…, toolbar, drag and drop): `ImportWizard(db_path, paths)`.

`paths_from_urls` turns the URLs of a drop into the paths to pre-fill it with."""

from app.gui.import_wizard.dropped import paths_from_urls, worth_importing
from app.gui.import_wizard.wizard import ImportWizard

__all__ = ["ImportWizard", "paths_from_urls", "worth_importing"]

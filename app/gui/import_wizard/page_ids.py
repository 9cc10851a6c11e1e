"""The wizard's page ids: choose → (links) → preview → collection → import → report."""

CHOOSE, PREVIEW, COLLECTION, IMPORT, REPORT, LINKS = range(6)

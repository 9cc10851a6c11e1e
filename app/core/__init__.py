"""Qt-free core: ingest, NLP, comparison, store and export. Never imports PySide6."""

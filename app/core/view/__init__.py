"""One comparison model (model.py), read once from the database (load.py) or from a JSON
document (document.py); the synopsis rows (synopsis.py). The reader, the PDF, the JSON export
and the CLI all consume it."""

"""The SQLite store (sqlite-utils): schema migrations and one module per kind of record."""

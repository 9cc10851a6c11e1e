"""Reading article files, cleaning them and importing them into the store."""

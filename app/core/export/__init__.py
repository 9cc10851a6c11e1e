"""Export models and writers (JSON comparison format; PDF rendering lives in the GUI layer)."""

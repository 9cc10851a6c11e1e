"""spaCy analysis: sentences (statements), named-entity mentions and a stored parse."""

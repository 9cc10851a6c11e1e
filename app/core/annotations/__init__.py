"""User annotations on article text: W3C Web Annotation selectors, stored in SQLite,
re-anchored when an article's text changes, exported as JSON-LD."""

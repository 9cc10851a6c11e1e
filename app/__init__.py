"""Parallax: compare how several news sources report the same story."""

__version__ = "0.1.0"

"""Entities: mentions linked across the articles of a collection."""
